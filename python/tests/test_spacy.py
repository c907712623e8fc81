"""The spaCy component: modes, spans_key, labels, alignment, batches,
trained pipelines, saving a pipeline and finding the factory by its entry
point."""

import subprocess
import sys

import pytest

spacy = pytest.importorskip("spacy")

import gazet  # noqa: E402
import gazet.spacy  # noqa: E402,F401  (registers the factory for these tests)

TEXT = "BAKU – Azerbaijan’s Defense Ministry said President Ilham Aliyev visited Kəlbəcər."


def ents(doc):
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet")
    return nlp


def test_replace_gives_gazets_entities_linked(nlp, ex):
    doc = nlp(TEXT)
    assert ents(doc) == [(s.text, s.label, s.id or "") for s in ex.extract(TEXT)]
    baku = doc.ents[0]
    assert (baku.text, baku.kb_id_, baku._.country) == ("BAKU", "gn:587084", "AZ")
    assert baku._.lat == pytest.approx(40.38, abs=0.05) and baku._.lon == pytest.approx(49.89, abs=0.05)
    assert baku._.gazet == ex.extract(TEXT)[0]
    person = [e for e in doc.ents if e.label_ == "PER"][0]
    assert person._.lat is None and person._.gazet.id == "per:ilham-aliyev"
    assert doc._.gazet_misaligned == 0


def test_replace_drops_earlier_entities():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "EVENT", "pattern": "visited"}])
    nlp.add_pipe("gazet")
    labels = {e.label_ for e in nlp(TEXT).ents}
    assert "EVENT" not in labels and "LOC" in labels


def test_spans_key_leaves_ents_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet", config={"spans_key": "gazet"})
    doc = nlp(TEXT)
    assert list(doc.ents) == []
    assert [s.text for s in doc.spans["gazet"]][:2] == ["BAKU", "Azerbaijan"]
    assert doc.spans["gazet"][0]._.country == "AZ"


def test_overlapping_spans_need_a_spans_key():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="spans_key"):
        nlp.add_pipe("gazet", config={"overlapping": True})
    nlp.add_pipe("gazet", config={"overlapping": True, "spans_key": "all", "places_in_orgs": True})
    doc = nlp("The Montana Department of Livestock met in Helena.")
    texts = [s.text for s in doc.spans["all"]]
    assert "Montana Department of Livestock" in texts and "Montana" in texts


def test_ontonotes_labels_and_label_filter():
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet", config={"label_scheme": "ontonotes", "labels": ["GPE", "PERSON"]})
    doc = nlp(TEXT)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("BAKU", "GPE"),
        ("Azerbaijan", "GPE"),
        ("Ilham Aliyev", "PERSON"),
        ("Kəlbəcər", "GPE"),
    ]


def test_merge_keeps_earlier_entities_and_adds_the_rest():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Azerbaijan"},
            {"label": "ORG", "pattern": [{"LOWER": "defense"}, {"LOWER": "ministry"}, {"LOWER": "said"}]},
        ]
    )
    nlp.add_pipe("gazet", config={"mode": "merge"})
    doc = nlp(TEXT)
    assert ents(doc) == [
        ("BAKU", "LOC", "gn:587084"),
        ("Azerbaijan", "GPE", ""),
        ("Defense Ministry said", "ORG", ""),
        ("Ilham Aliyev", "PER", "per:ilham-aliyev"),
        ("Kəlbəcər", "LOC", "gn:586047"),
    ]
    # An earlier entity on exactly gazet's span still reads gazet's facts.
    assert doc.ents[1]._.country == "AZ"


def test_resolve_geocodes_an_earlier_ners_places_in_context():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Georgia"},
            {"label": "GPE", "pattern": "Tbilisi"},
            {"label": "GPE", "pattern": "Atlanta"},
            {"label": "LOC", "pattern": [{"LOWER": "the"}, {"LOWER": "caspian"}, {"LOWER": "sea"}]},
            {"label": "GPE", "pattern": "Zembrovia"},
            {"label": "PERSON", "pattern": "Tbilisi Jones"},
        ]
    )
    nlp.add_pipe("gazet", config={"mode": "resolve"})
    country = nlp("Georgia and Tbilisi signed a pipeline deal on the Caspian Sea.")
    assert [(e.text, e.kb_id_, e._.country) for e in country.ents] == [
        ("Georgia", "gn:614540", "GE"),
        ("Tbilisi", "gn:611717", "GE"),
        ("the Caspian Sea", "cur:caspian-sea", None),
    ]
    assert country.ents[2]._.gazet.text == "the Caspian Sea" and country.ents[2]._.lat is not None
    state = nlp("Storms hit Georgia overnight; Atlanta lost power.")
    assert [(e.text, e._.country) for e in state.ents] == [("Georgia", "US"), ("Atlanta", "US")]
    unknown = nlp("Zembrovia said nothing, and Tbilisi Jones neither.")
    assert [(e.text, e.label_, e.kb_id_, e._.lat) for e in unknown.ents] == [
        ("Zembrovia", "GPE", "", None),
        ("Tbilisi Jones", "PERSON", "", None),
    ]


def test_resolve_can_read_the_places_gazet_finds_too():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Georgia"}])
    nlp.add_pipe("gazet", config={"mode": "resolve", "context": "given_and_found"})
    doc = nlp("Storms hit Georgia overnight; Atlanta lost power.")
    assert [(e.text, e._.country) for e in doc.ents] == [("Georgia", "US")]


def test_misaligned_spans_are_widened_and_counted(small_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet", config={"gazetteers": [str(small_path)], "bundled": False})
    doc = nlp("我去了東京 and then Tokyo.")
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("我去了東京", "loc:tokyo"), ("Tokyo", "loc:tokyo")]
    assert doc._.gazet_misaligned == 1
    assert doc.ents[0]._.gazet.text == "東京"


def test_pipe_equals_one_doc_at_a_time(nlp):
    texts = [TEXT, "Nothing to see.", "", "Flights from Baku to Yerevan resumed."] * 5
    piped = [ents(d) for d in nlp.pipe(texts, batch_size=3)]
    assert piped == [ents(nlp(t)) for t in texts]


def test_a_trained_pipeline_then_gazet():
    # A small NER trained here on sentences of our own: a trained pipeline
    # whose statistical entities gazet then resolves.
    from spacy.training import Example

    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    train = [
        ("Talks in Baku ended.", [(9, 13, "GPE")]),
        ("Talks in Yerevan ended.", [(9, 16, "GPE")]),
        ("Talks in Tbilisi ended.", [(9, 16, "GPE")]),
        ("The talks ended early.", []),
    ]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in train]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.add_pipe("gazet", config={"mode": "resolve"})
    doc = nlp("Talks in Baku ended.")
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [("Baku", "GPE", "gn:587084")]
    assert [ents(d) for d in nlp.pipe(["Talks in Yerevan ended."])] == [[("Yerevan", "GPE", "gn:616052")]]


def test_a_saved_pipeline_loads_with_the_component(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("gazet", config={"label_scheme": "ontonotes"})
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == ["gazet"]
    assert ents(again(TEXT)) == ents(nlp(TEXT))


@pytest.mark.parametrize(
    "config,match",
    [
        ({"mode": "guess"}, "mode"),
        ({"label_scheme": "wikidata"}, "label_scheme"),
        ({"batch_size": 0}, "batch_size"),
        ({"mode": "resolve", "context": "everything"}, "context"),
    ],
)
def test_bad_config_raises(config, match):
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match=match):
        nlp.add_pipe("gazet", config=config)


def test_the_factory_is_found_without_importing_gazet():
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('gazet')\n"
        "print([(e.text, e.kb_id_) for e in nlp('Flights to Baku resumed.').ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[('Baku', 'gn:587084')]"


def test_language_option_fixes_the_language():
    text = "Heyet Ankara'da toplandı."
    detected = spacy.blank("xx")
    detected.add_pipe("gazet")
    assert [e.text for e in detected(text).ents] == ["Ankara'da"]
    assert detected.get_pipe("gazet").extractor.language_of(text) == "tr"
    fixed = spacy.blank("xx")
    fixed.add_pipe("gazet", config={"language": "en"})
    assert fixed.get_pipe("gazet").extractor.language_of(text) == "en"
    # (The English span "Ankara" is widened to spaCy's token "Ankara'da".)
    assert [e.text for e in fixed(text).ents] == ["Ankara'da"]

"""The Python API: spans, offsets, batches, errors, saving and pickling."""

import multiprocessing
import pickle

import pytest

import gazet


def triples(spans):
    return [(s.text, s.label, s.id) for s in spans]


# Sentences of our own with the seed article's names; each with the
# (text, label, id) it must give.
SENTENCES = [
    (
        "BAKU – Azerbaijan’s Defense Ministry said President Ilham Aliyev visited Kəlbəcər.",
        [
            ("BAKU", "LOC", "gn:587084"),
            ("Azerbaijan", "LOC", "gn:587116"),
            ("Defense Ministry", "ORG", "org:defense-ministry"),
            ("Ilham Aliyev", "PER", "per:ilham-aliyev"),
            ("Kəlbəcər", "LOC", "gn:586047"),
        ],
    ),
    (
        "Armenian and Russian officials met in Yerevan.",
        [
            ("Armenian", "NORP", "dem:AM"),
            ("Russian", "NORP", "dem:RU"),
            ("Yerevan", "LOC", "gn:616052"),
        ],
    ),
    ("No names at all here.", []),
    ("", []),
]


@pytest.mark.parametrize("text,want", SENTENCES)
def test_extract_finds_the_entities(ex, text, want):
    assert triples(ex.extract(text)) == want


# Texts whose characters are not one byte each: ə, İ (which lowercases to
# two characters), emoji (outside the BMP, two UTF-16 units), flags, CJK,
# combining marks. Character offsets must slice the Python string exactly.
PREFIXES = ["", "ə", "İİ ", "😀 ", "🇦🇿 ", "東京では ", "e\u0301 ", "ǅ "]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_character_offsets_slice_python_strings(ex, prefix):
    text = prefix + "Talks in İstanbul, then Kəlbəcər 😀 and Baku."
    spans = ex.extract(text)
    raw = text.encode("utf-8")
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert len(s) == s.end - s.start
        assert raw[s.start_byte : s.end_byte].decode("utf-8") == s.text
    # (An emoji flag is a place of its own: the country it names.)
    flags = [s for s in spans if s.reason == "flag"]
    assert [(s.text, s.id) for s in flags] == ([("🇦🇿", "gn:587116")] if "🇦🇿" in prefix else [])
    places = [s for s in spans if s.label == "LOC" and s.reason != "flag"]
    assert [s.text for s in places] == ["İstanbul", "Kəlbəcər", "Baku"]
    assert places[0].start == len(prefix) + len("Talks in ")


def test_han_names_inside_runs_and_user_labels(small):
    text = "我去了東京。The Ever Given left; the OTS met in Tokyo 😀."
    spans = small.extract(text)
    assert [(s.text, s.label, s.id) for s in spans] == [
        ("東京", "LOC", "loc:tokyo"),
        ("Ever Given", "SHIP", "ship:1"),
        ("OTS", "ORG", "org:ots"),
        ("Tokyo", "LOC", "loc:tokyo"),
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text
    assert spans[0].start == 3 and spans[0].start_byte == 9


def test_span_fields_of_a_place(ex):
    (baku,) = ex.extract("Flights to Baku resumed.")
    assert (baku.start, baku.end, baku.start_byte, baku.end_byte) == (11, 15, 11, 15)
    assert (baku.label, baku.ontonotes, baku.id, baku.name) == ("LOC", "GPE", "gn:587084", "Baku")
    assert baku.country == "AZ" and baku.admin1 == "09" and baku.feature_code == "PPLC"
    assert baku.population > 1_000_000
    assert baku.lat == pytest.approx(40.38, abs=0.05) and baku.lon == pytest.approx(49.89, abs=0.05)
    assert 0.0 < baku.confidence <= 1.0
    assert baku.reason == "gazetteer"
    ids = [c.id for c in baku.candidates]
    assert ids[0] == baku.id and len(ids) == len(set(ids)) >= 1
    assert all(isinstance(c, gazet.Candidate) for c in baku.candidates)
    assert repr(baku).startswith("Span(11, 15, 'Baku', 'LOC', id='gn:587084'")


def test_context_chooses_the_candidate(ex):
    # Georgia beside Tbilisi is the country, beside Atlanta the US state.
    country = ex.extract("Georgia and Tbilisi signed the deal.")[0]
    state = ex.extract("Storms hit Georgia overnight; Atlanta lost power.")[0]
    assert (country.text, country.country) == ("Georgia", "GE")
    assert (state.text, state.country, state.evidence) == ("Georgia", "US", "division")
    assert {"GE", "US"} <= {c.country for c in state.candidates}
    assert state.candidates[0].id == state.id
    # A town and its county, named apart, choose each other (admin2 codes).
    athens, clarke = ex.extract("Floods closed two bridges in Athens, and crews worked across Clarke County overnight.")
    assert (athens.country, athens.admin1, athens.admin2) == ("US", "GA", "059")
    assert (clarke.admin2, clarke.to_dict()["admin2"], athens.candidates[0].admin2) == ("059", "059", "059")


def test_coordinates_written_in_text(ex):
    (s,) = ex.extract("The convoy stopped at 40°24′53″N 49°52′3″E before dawn.")
    assert s.label == "LOC" and s.reason == "coordinates"
    assert s.lat == pytest.approx(40.4147, abs=1e-3) and s.lon == pytest.approx(49.8675, abs=1e-3)


def test_resolve_spans_of_another_ner(ex):
    text = "😀 Talks between Georgia and Tbilisi's partners resumed on the Caspian Sea; Zembrovia waits."
    phrases = ["Georgia", "Tbilisi's", "the Caspian Sea", "Zembrovia"]
    given = [(text.index(p), text.index(p) + len(p)) for p in phrases]
    spans = ex.resolve_spans(text, given)
    assert [(s.start, s.end, s.text) for s in spans] == [(a, b, text[a:b]) for a, b in given]
    assert [(s.id, s.country) for s in spans] == [
        ("gn:614540", "GE"),
        ("gn:611717", "GE"),
        ("cur:caspian-sea", None),
        (None, None),
    ]
    assert all(s.reason == "given" for s in spans)
    raw = text.encode("utf-8")
    by_bytes = [(raw.index(p.encode()), raw.index(p.encode()) + len(p.encode())) for p in phrases]
    assert ex.resolve_spans(text, by_bytes, offsets="bytes") == spans
    # The places gazet finds itself may add context.
    storm = "Storms hit Georgia overnight; Atlanta lost power."
    alone = ex.resolve_spans(storm, [(11, 18)])[0]
    helped = ex.resolve_spans(storm, [(11, 18)], context="given_and_found")[0]
    assert (alone.country, helped.country) == ("GE", "US")


@pytest.mark.parametrize(
    "spans,kwargs,error",
    [
        ([(5, 2)], {}, ValueError),
        ([(0, 999)], {}, ValueError),
        ([(0, 1)], {"offsets": "bytes"}, ValueError),
        ([(0, 1)], {"context": "all"}, ValueError),
        ([(0, 1)], {"offsets": "words"}, ValueError),
        ([(0,)], {}, ValueError),
        ("01", {}, TypeError),
    ],
)
def test_resolve_spans_rejects_bad_spans(ex, spans, kwargs, error):
    with pytest.raises(error):
        ex.resolve_spans("Şuşa and Baku", spans, **kwargs)


def test_to_dict_and_back(ex):
    for s in ex.extract(SENTENCES[0][0]):
        d = s.to_dict()
        assert d["text"] == s.text and d["id"] == s.id and d["lat"] == s.lat
        assert gazet.Span.from_dict(d) == s
        for c in s.candidates:
            assert gazet.Candidate.from_dict(c.to_dict()) == c


def test_spans_pickle_and_compare(ex):
    spans = ex.extract(SENTENCES[0][0])
    back = pickle.loads(pickle.dumps(spans))
    assert back == spans
    assert spans[0] != spans[1]
    assert back[0].candidates == spans[0].candidates


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
def test_extract_batch_equals_extract(ex, threads):
    texts = [t for t, _ in SENTENCES] * 3 + ["😀 Kəlbəcər", "İstanbul"]
    got = ex.extract_batch(texts, threads=threads)
    assert got == [ex.extract(t) for t in texts]


def test_extract_batch_takes_any_iterable(ex):
    got = ex.extract_batch(t for t in ["Baku", "Yerevan"])
    assert [[s.text for s in spans] for spans in got] == [["Baku"], ["Yerevan"]]
    assert ex.extract_batch([]) == []


@pytest.mark.parametrize(
    "call,error",
    [
        (lambda ex: ex.extract(None), TypeError),
        (lambda ex: ex.extract(b"Baku"), TypeError),
        (lambda ex: ex.extract_batch("Baku"), TypeError),
        (lambda ex: ex.extract_batch(["Baku", 3]), TypeError),
        (lambda ex: ex.extract_batch(5), TypeError),
        (lambda ex: ex.extract_batch(["Baku"], threads=0), ValueError),
        (lambda ex: ex.extract_batch(["Baku"], threads=-1), OverflowError),
        (lambda ex: ex.extract_batch(["Baku"], threads=10**6), ValueError),
        (lambda ex: ex.extract("Baku \ud800 Yerevan"), UnicodeEncodeError),
    ],
)
def test_bad_arguments_raise(ex, call, error):
    with pytest.raises(error):
        call(ex)


def test_bad_constructor_arguments_raise():
    with pytest.raises(TypeError):
        gazet.Extractor(5)
    with pytest.raises(TypeError):
        gazet.Extractor(["ok.tsv", 5])
    with pytest.raises(TypeError):
        gazet.Extractor(bundled="yes")
    with pytest.raises(TypeError):
        gazet.Extractor(unknown=True)


def test_a_malformed_gazetteer_says_where(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text(
        "id\tname\tlabel\tlat\tlon\nloc:1\tOne\tLOC\t12.5\t3.5\nloc:2\tTwo\tLOC\tnorth\t3.5\n", encoding="utf-8"
    )
    with pytest.raises(gazet.LoadError) as err:
        gazet.Extractor(path, bundled=False)
    message = str(err.value)
    assert message.startswith(f"{path}:3:")
    assert isinstance(err.value, gazet.GazetError)
    # Lenient loading skips the bad line and keeps the rest.
    ex = gazet.Extractor(path, bundled=False, lenient=True)
    assert len(ex) == 1 and [s.id for s in ex.extract("One, then Two")] == ["loc:1"]


def test_a_missing_gazetteer_file_says_which(tmp_path):
    path = tmp_path / "nowhere.tsv"
    with pytest.raises(gazet.LoadError, match="nowhere.tsv"):
        gazet.Extractor([path], bundled=False)


def test_duplicate_ids_are_a_build_error(tmp_path, small_path):
    with pytest.raises(gazet.BuildError, match="ship:1"):
        gazet.Extractor([small_path, small_path], bundled=False)


def test_save_load_and_bytes(small, tmp_path):
    path = tmp_path / "small.gzx"
    small.save(path)
    text = "The Ever Given reached 東京."
    assert gazet.Extractor.load(str(path)).extract(text) == small.extract(text)
    assert gazet.Extractor.from_bytes(small.to_bytes()).extract(text) == small.extract(text)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b"",
        lambda b: b"not a saved extractor",
        lambda b: b[:40] + bytes([b[40] ^ 0xFF]) + b[41:],
    ],
)
def test_damaged_snapshots_raise(small, tmp_path, damage):
    data = damage(small.to_bytes())
    with pytest.raises(gazet.SnapshotError):
        gazet.Extractor.from_bytes(data)
    path = tmp_path / "damaged.gzx"
    path.write_bytes(data)
    with pytest.raises(gazet.SnapshotError, match="damaged.gzx"):
        gazet.Extractor.load(path)


def test_load_of_a_missing_file_raises(tmp_path):
    with pytest.raises(gazet.SnapshotError, match="missing.gzx"):
        gazet.Extractor.load(tmp_path / "missing.gzx")


def test_extractors_pickle_by_options_or_bytes(ex, small):
    # The bundled one travels as its options (a few bytes)...
    data = pickle.dumps(ex)
    assert len(data) < 200
    assert pickle.loads(data).extract(SENTENCES[1][0]) == ex.extract(SENTENCES[1][0])
    # ...one with the caller's files as its compiled bytes.
    data = pickle.dumps(small)
    assert len(data) > 1000
    assert pickle.loads(data).extract("Ever Given") == small.extract("Ever Given")
    assert "overlapping=False" in repr(ex)


def _extract_in_child(args):
    extractor, text = args
    return extractor.extract(text)


def test_multiprocessing_ships_an_extractor(small):
    texts = ["The Ever Given.", "東京 and Tokyo", "nothing"]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        got = pool.map(_extract_in_child, [(small, t) for t in texts])
    assert got == [small.extract(t) for t in texts]


def test_options_change_what_is_found(small_path):
    text = "Leaders of the Montana Department of Livestock met in Helena."
    base = gazet.Extractor()
    nested = gazet.Extractor(places_in_orgs=True)
    assert "Montana" not in [s.text for s in base.extract(text)]
    assert "Montana" in [s.text for s in nested.extract(text)]
    raw = gazet.Extractor(str(small_path), bundled=False, rules=False, overlapping=True)
    assert [s.text for s in raw.extract("Organization of Turkic States")] == ["Organization of Turkic States"]


def test_memory_usage_and_len(ex, small):
    assert ex.memory_usage() > small.memory_usage() > 0
    assert len(ex) > 100_000 and len(small) == 4


def test_version():
    assert gazet.__version__.count(".") == 2


def test_language_detected_or_fixed(ex):
    text = "Heyet Ankara'da toplandı."
    assert ex.language_of(text) == "tr"
    assert [s.text for s in ex.extract(text)] == ["Ankara'da"]
    en = gazet.Extractor(language="en")
    assert en.language_of(text) == "en"
    assert [s.text for s in en.extract(text)] == ["Ankara"]
    assert "language='en'" in repr(en)
    again = pickle.loads(pickle.dumps(en))
    assert again.language_of(text) == "en"
    with pytest.raises(ValueError, match="no language pack"):
        gazet.Extractor(language="xx")

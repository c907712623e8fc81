//! Output formats on text we wrote: CoNLL and spaCy JSON (GeoJSON is in
//! tests/geo.rs).

use gazet::{Entry, Extractor, Gazetteer, Label};

fn extractor() -> Extractor {
    let mut gaz = Gazetteer::new();
    for (id, name, label) in [
        ("loc:nk", "Nagorno-Karabakh", Label::Place),
        ("loc:baku", "Baku", Label::Place),
        ("nat:az", "Azerbaijani", Label::Nationality),
        ("per:ka", "Arshak Karapetyan", Label::Person),
        ("org:osce", "OSCE Minsk Group", Label::Organization),
    ] {
        gaz.push(Entry::builder(id, name, label).build().expect("valid")).expect("unique");
    }
    Extractor::builder().rules(false).build(gaz).expect("builds")
}

#[test]
fn conll_tags() {
    let table: &[(&str, &str)] = &[
        ("Baku.", "Baku\tB-LOC\n.\tO\n\n"),
        (
            "In Nagorno–Karabakh, Azerbaijani units",
            "In\tO\nNagorno\tB-LOC\nKarabakh\tI-LOC\n,\tO\nAzerbaijani\tB-MISC\nunits\tO\n\n",
        ),
        (
            "The OSCE Minsk Group met Arshak Karapetyan",
            "The\tO\nOSCE\tB-ORG\nMinsk\tI-ORG\nGroup\tI-ORG\nmet\tO\nArshak\tB-PER\nKarapetyan\tI-PER\n\n",
        ),
        ("Baku\n\nBaku", "Baku\tB-LOC\n\nBaku\tB-LOC\n\n"),
        ("Baku Baku", "Baku\tB-LOC\nBaku\tB-LOC\n\n"),
        ("", ""),
    ];
    let ex = extractor();
    for (text, want) in table {
        assert_eq!(gazet::conll(text, &ex.extract(text)), *want, "{text:?}");
    }
}

#[test]
fn spacy_character_offsets() {
    let ex = extractor();
    let text = "Şuşa–Baku, “Nagorno-Karabakh” and Azerbaijani";
    let doc = gazet::spacy_json(text, &ex.extract(text));
    assert_eq!(doc["text"], text);
    let chars: Vec<char> = text.chars().collect();
    let got: Vec<(String, String)> = doc["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .map(|s| {
            let (a, b) = (s["start"].as_u64().expect("start") as usize, s["end"].as_u64().expect("end") as usize);
            (chars[a..b].iter().collect(), s["label"].as_str().expect("label").to_string())
        })
        .collect();
    let want = [("Baku", "LOC"), ("Nagorno-Karabakh", "LOC"), ("Azerbaijani", "NORP")];
    assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
}

//! The bundled gazetteer on paragraphs we wrote with the names of the news
//! the project started from: exact spans, labels and entries.

use gazet::{Extractor, Gazetteer, Loader};

fn extractor() -> Extractor {
    Extractor::new(Gazetteer::bundled()).expect("bundled gazetteer builds")
}

/// Checks that `text` yields exactly `want` (text, label, entry id), in
/// order, and that each span's offsets are the next occurrence of its text.
fn check(text: &str, want: &[(&str, &str, &str)]) {
    let ex = extractor();
    let spans = ex.extract(text);
    let got: Vec<(&str, &str, &str)> =
        spans.iter().map(|s| (s.as_str(), s.label().as_str(), s.entry().map_or("", |e| e.id()))).collect();
    assert_eq!(got, want, "in {text:?}");
    let mut from = 0;
    for s in &spans {
        let at = from + text[from..].find(s.as_str()).expect("span text occurs");
        assert_eq!(s.range(), at..at + s.as_str().len(), "offsets of {:?}", s.as_str());
        from = s.end();
    }
}

#[test]
fn the_bundled_file_loads_strictly() {
    let data = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers/core.tsv")).expect("file");
    let loaded = Loader::new().tsv_reader(data.as_bytes(), None).expect("strictly valid");
    assert!(loaded.skipped().is_empty());
    assert_eq!(loaded.entries().len(), Gazetteer::bundled().len());
    // Every place has coordinates except the historical groups.
    for e in loaded.entries() {
        if e.label() == &gazet::Label::Place {
            assert!(e.coord().is_some(), "{} has coordinates", e.id());
        }
    }
}

#[test]
fn dateline_and_ministry() {
    check(
        "YEREVAN, Armenia (AA) – Armenia’s Defense Minister Arshak Karapetyan met officers near Lachin.",
        &[
            ("YEREVAN", "LOC", "gn:616052"),
            ("Armenia", "LOC", "gn:174982"),
            ("AA", "ORG", "org:anadolu-agency"),
            ("Armenia", "LOC", "gn:174982"),
            ("Arshak Karapetyan", "PER", "per:arshak-karapetyan"),
            ("Lachin", "LOC", "gn:147625"),
        ],
    );
}

#[test]
fn villages_districts_and_regions() {
    check(
        "Shelling was reported around Mukhtarkend and Shushakend, east of Kalbajar (Kəlbəcər). \
         Nagorno-Karabakh, also called Upper Karabakh, lies in Azerbaijan’s west.",
        &[
            ("Mukhtarkend", "LOC", "cur:mukhtarkend"),
            ("Shushakend", "LOC", "cur:shushakend"),
            ("Kalbajar", "LOC", "gn:586268"),
            ("Kəlbəcər", "LOC", "gn:586268"),
            ("Nagorno-Karabakh", "LOC", "cur:nagorno-karabakh"),
            ("Upper Karabakh", "LOC", "cur:nagorno-karabakh"),
            ("Azerbaijan", "LOC", "gn:587116"),
        ],
    );
}

#[test]
fn people_nationalities_and_acronyms() {
    check(
        "President Ilham Aliyev told the OTS summit that Azerbaijani and Turkish-Russian monitors \
         would stay; a Kyrgyz envoy and former Soviet officers listened. BAKU and Moscow agreed.",
        &[
            ("Ilham Aliyev", "PER", "per:ilham-aliyev"),
            ("OTS", "ORG", "org:ots"),
            ("Azerbaijani", "NORP", "dem:AZ"),
            ("Turkish", "NORP", "dem:TR"),
            ("Russian", "NORP", "dem:RU"),
            ("Kyrgyz", "NORP", "dem:KG"),
            ("Soviet", "NORP", "dem:SU"),
            ("BAKU", "LOC", "gn:587084"),
            ("Moscow", "LOC", "gn:524901"),
        ],
    );
}

#[test]
fn lowercase_words_and_lookalikes_are_not_names() {
    check(
        "the ots and aa of the armenian baku; Armenians in Armeniaville; Bakus; OTSs",
        &[("Armenians", "NORP", "dem:AM")],
    );
}

#[test]
fn nationalities_carry_their_country() {
    let ex = extractor();
    let spans = ex.extract("Azerbaijani troops");
    assert_eq!(spans[0].country().map(|c| c.to_string()), Some("AZ".into()));
    let c = spans[0].coord().expect("country point");
    assert_eq!((c.lat, c.lon), (40.5, 47.5));
}

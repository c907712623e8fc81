//! Checks shared by the fuzz targets: the invariants every result must
//! keep, whatever the input.

use std::path::Path;

use gazet::{
    match_key, Entry, Extractor, Gazetteer, Label, LoadError, LoadErrorKind, Loaded, MatchKind, NameFlags, Reason, Span,
};

/// The words of a string's match key: separators of every kind (spaces,
/// dashes, a blank line inside a name) count alike.
fn key_words(s: &str) -> Vec<String> {
    match_key(s).split_whitespace().map(str::to_string).collect()
}

/// Checks the spans of `text`: non-empty, inside the text, on character
/// boundaries, slicing to their own text, sorted; disjoint in
/// leftmost-longest mode (places inside an organisation excepted when they
/// were asked for); and a span with candidates the text of their name:
/// every candidate named by a name whose key is the key of the span's
/// text, except for a place widened by a head word ("Kura River"), whose
/// words hold the name's in a run. No other rule widens a gazetteer match
/// (a known organisation after a capital "The" is its name alone); only a
/// span with no candidates, a name a rule found, may take in other words
/// ("told The Harwick Gazette").
pub fn check_spans(text: &str, spans: &[Span<'_>], kind: MatchKind, places_in_orgs: bool) {
    let mut prev: Option<&Span<'_>> = None;
    let mut last_end = 0;
    for s in spans {
        assert!(s.start() < s.end(), "empty span {:?}", s.range());
        assert!(s.end() <= text.len(), "span {:?} past the end {}", s.range(), text.len());
        assert!(
            text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()),
            "span {:?} off a boundary",
            s.range()
        );
        assert_eq!(&text[s.range()], s.as_str());
        if let Some(p) = prev {
            assert!(
                (p.start(), std::cmp::Reverse(p.end())) <= (s.start(), std::cmp::Reverse(s.end())),
                "spans out of order: {:?} then {:?}",
                p.range(),
                s.range()
            );
        }
        if kind == MatchKind::LeftmostLongest {
            if s.start() < last_end {
                // Only a place inside the organisation just reported.
                assert!(places_in_orgs, "overlapping spans {:?} in leftmost-longest mode", s.range());
                assert_eq!(s.label(), &Label::Place, "nested span {:?} is not a place", s.range());
            } else {
                last_end = s.end();
            }
        }
        if s.reason() != Reason::Coordinates {
            let key = key_words(s.as_str());
            for c in s.candidates() {
                let name = key_words(c.matched_name().as_str());
                // A place widened by a head word ("Central Baku", "Kura
                // River") contains the name matched; any other span is it.
                let ok = if s.reason() == Reason::PlaceHead {
                    !name.is_empty() && key.windows(name.len()).any(|w| w == name.as_slice())
                } else {
                    name == key
                };
                assert!(ok, "{:?} matched as {:?}", s.as_str(), c.matched_name().as_str());
            }
        }
        let _ = s.char_range(text);
        let _ = (s.label().as_str(), s.entry(), s.confidence(), s.evidence(), s.coord(), s.country());
        prev = Some(s);
    }
}

/// Checks one result of a loader: an error says where it is (the path
/// given, and a line and column from 1 for every error about a line); a
/// lenient loader reports every skipped line the same way; a loaded file
/// has unique ids, so it always makes a gazetteer.
pub fn check_load(result: &Result<Loaded, LoadError>, path: Option<&Path>) -> Option<Gazetteer> {
    match result {
        Ok(loaded) => {
            for e in loaded.skipped() {
                check_error(e, path, true);
            }
            let gaz = Gazetteer::from_entries(loaded.entries().to_vec()).expect("a loaded file has unique ids");
            Some(gaz)
        }
        Err(e) => {
            check_error(e, path, false);
            None
        }
    }
}

fn check_error(e: &LoadError, path: Option<&Path>, skipped: bool) {
    let shown = e.to_string();
    assert!(!shown.is_empty());
    if let Some(p) = path {
        assert_eq!(e.location().path(), Some(p), "{shown}");
        assert!(shown.starts_with(&p.display().to_string()), "{shown}");
    }
    let whole_file = matches!(e.kind(), LoadErrorKind::Io(_) | LoadErrorKind::MissingHeader) && !skipped;
    if !whole_file {
        let line = e.location().line().unwrap_or_else(|| panic!("no line in {shown:?}"));
        let column = e.location().column().unwrap_or_else(|| panic!("no column in {shown:?}"));
        assert!(line >= 1 && column >= 1, "{shown}");
    }
}

/// Compiles a loaded gazetteer without rules and runs it over `text`.
pub fn extract_with(gaz: Gazetteer, text: &str) {
    if gaz.is_empty() {
        return;
    }
    let ex = Extractor::builder().rules(false).resolve(false).build(gaz).expect("a loaded gazetteer compiles");
    let spans = ex.extract(text);
    check_spans(text, &spans, MatchKind::LeftmostLongest, false);
}

/// A small gazetteer written by hand: diacritics, several scripts,
/// ambiguous names, acronyms, names nested in others, lowercase words
/// inside names, punctuation, common words.
pub fn small_gazetteer() -> Gazetteer {
    let cs = NameFlags::new().with_case_sensitive(true);
    let common = NameFlags::new().with_common_word(true);
    let place = |cc: &str, code: &str, lat: f64, lon: f64, pop: u64| {
        let mut p = gazet::Place::default();
        p.country = gazet::CountryCode::new(cc).ok();
        p.feature_code = gazet::FeatureCode::new(code).ok();
        p.coord = gazet::Coord::new(lat, lon).ok();
        p.population = Some(pop);
        p
    };
    let entries = vec![
        Entry::builder("baku", "Baku", Label::Place)
            .alias("Bakı")
            .alias("BAK")
            .place(place("AZ", "PPLC", 40.4, 49.9, 2_000_000)),
        Entry::builder("kalbajar", "Kalbajar", Label::Place)
            .alias("Kəlbəcər")
            .place(place("AZ", "PPLA", 40.1, 46.0, 7000)),
        Entry::builder("nk", "Nagorno-Karabakh", Label::Place).alias("Upper Karabakh").alias("Artsakh"),
        Entry::builder("k", "Karabakh", Label::Place),
        Entry::builder("ge", "Georgia", Label::Place).place(place("GE", "PCLI", 42.0, 43.5, 3_700_000)),
        Entry::builder("us-ga", "Georgia", Label::Place).place(place("US", "ADM1", 32.7, -83.5, 10_000_000)),
        Entry::builder("atlanta", "Atlanta", Label::Place).place(place("US", "PPLA", 33.7, -84.4, 500_000)),
        Entry::builder("aa", "Anadolu Agency", Label::Organization).alias_with("AA", cs),
        Entry::builder("rio", "Rio de Janeiro", Label::Place).place(place("BR", "PPLA", -22.9, -43.2, 6_000_000)),
        Entry::builder("ny", "New York", Label::Place).place(place("US", "ADM1", 43.0, -75.0, 19_000_000)),
        Entry::builder("nyc", "New York City", Label::Place).place(place("US", "PPL", 40.7, -74.0, 8_000_000)),
        Entry::builder("ist", "İstanbul", Label::Place)
            .alias("Constantinople")
            .place(place("TR", "PPLA", 41.0, 29.0, 15_000_000)),
        Entry::builder("strasse", "Hauptstraße", Label::Place),
        Entry::builder("tokyo", "東京", Label::Place).alias("Tōkyō").alias("トウキョウ"),
        Entry::builder("cairo", "القاهرة", Label::Place).alias("Cairo"),
        Entry::builder("jlm", "ירושלים", Label::Place).alias("Jerusalem"),
        Entry::builder("moscow", "Москва", Label::Place).alias("Moscow"),
        Entry::builder("att", "AT&T", Label::Organization).alias("AT & T"),
        Entry::builder("us", "U.S.", Label::Place).alias("United States"),
        Entry::builder("nice", "Nice", Label::Place).name_flags(common),
        Entry::builder("ebola", "Ebola", "DISEASE".parse::<Label>().expect("valid label")).any_case(true),
        Entry::builder("aliyev", "Ilham Aliyev", Label::Person),
        Entry::builder("az", "Azerbaijani", Label::Nationality),
        Entry::builder("ebay", "eBay", Label::Organization),
        Entry::builder("martha", "Martha's Vineyard", Label::Place),
        Entry::builder("zwj", "Ko\u{200d}sovo", Label::Place),
        Entry::builder("marks", "Ñ\u{301}a\u{308}", Label::Place),
        Entry::builder("digits", "42", Label::Place),
    ];
    let mut gaz = Gazetteer::new();
    for e in entries {
        gaz.push(e.build().expect("valid entry")).expect("unique id");
    }
    gaz
}

/// A file in a scratch directory of this process (in memory where the
/// system has one), written with `data`.
pub fn scratch_file(name: &str, data: &[u8]) -> std::path::PathBuf {
    let base = if Path::new("/dev/shm").is_dir() { std::path::PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("gazet-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("scratch file");
    path
}

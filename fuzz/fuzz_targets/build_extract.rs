//! Arbitrary entries (names, labels, flags, coordinates, places) and
//! builder options compiled into an extractor, then run on an arbitrary
//! text: building returns an extractor or an error, never panics, and the
//! spans keep the invariants of the `extract` target.
//!
//! Names and texts are made of words from a short list (so that names
//! match), arbitrary strings, and separators.

#![no_main]

use arbitrary::Arbitrary;
use gazet::{Coord, CountryCode, Entry, Extractor, FeatureCode, Gazetteer, Label, MatchKind, NameFlags, Place};
use gazet_fuzz::check_spans;
use libfuzzer_sys::fuzz_target;

const WORDS: &[&str] = &[
    "Baku",
    "baku",
    "BAKU",
    "Kəlbəcər",
    "KƏLBƏCƏR",
    "kelbecer",
    "Nagorno",
    "Karabakh",
    "de",
    "Rio",
    "İstanbul",
    "ISTANBUL",
    "Straße",
    "STRASSE",
    "東",
    "京",
    "ß",
    "ﬁ",
    "Ǆ",
    "ǅ",
    "AA",
    "Aa",
    "a",
    "A",
    "’s",
    "'",
    ".",
    "&",
    "U",
    "S",
    "New",
    "York",
    "City",
    "President",
    "Ministry",
    "Minister",
    "Bank",
    "of",
    "in",
    "near",
    "PJSC",
    "March",
    "40°24′53″N",
    "49°52′3″E",
    "40.4093 N",
    "49.8671 E",
    "١٢",
    "ا",
    "ש",
    "\u{301}",
    "\u{200d}",
    "🇦🇿",
    "👍🏽",
    "0",
];

const SEPARATORS: &[&str] = &[" ", " ", "-", " – ", "\n", "\n\n", ", ", ". ", "’s ", " (", ") ", "\u{2029}", "\t", ""];

#[derive(Arbitrary, Debug)]
enum Part {
    Word(u8),
    Sep(u8),
    Raw(String),
}

fn render(parts: &[Part]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            Part::Word(i) => s.push_str(WORDS[usize::from(*i) % WORDS.len()]),
            Part::Sep(i) => s.push_str(SEPARATORS[usize::from(*i) % SEPARATORS.len()]),
            Part::Raw(r) => s.push_str(r),
        }
    }
    s
}

#[derive(Arbitrary, Debug)]
struct FuzzName {
    parts: Vec<Part>,
    case_sensitive: bool,
    common: bool,
}

#[derive(Arbitrary, Debug)]
enum FuzzLabel {
    Person,
    Place,
    Organization,
    Nationality,
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct FuzzEntry {
    id: u16,
    names: Vec<FuzzName>,
    label: FuzzLabel,
    any_case: bool,
    coord: Option<(f64, f64)>,
    country: Option<String>,
    feature_code: Option<String>,
    population: Option<u64>,
    attrs: Vec<(String, String)>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    entries: Vec<FuzzEntry>,
    overlapping: bool,
    /// The rules (and their word lists, slow to compile) one time in 64
    /// (not for the zeros that short inputs end in).
    rules: u8,
    resolve: bool,
    places_in_orgs: bool,
    text: Vec<Part>,
}

fn entry(e: &FuzzEntry) -> Option<Entry> {
    let mut names = e.names.iter();
    let first = names.next()?;
    let label = match &e.label {
        FuzzLabel::Person => Label::Person,
        FuzzLabel::Place => Label::Place,
        FuzzLabel::Organization => Label::Organization,
        FuzzLabel::Nationality => Label::Nationality,
        FuzzLabel::Other(s) => s.parse().ok()?,
    };
    let flags = |n: &FuzzName| NameFlags::new().with_case_sensitive(n.case_sensitive).with_common_word(n.common);
    let mut b = Entry::builder(&format!("e{}", e.id), &render(&first.parts), label)
        .name_flags(flags(first))
        .any_case(e.any_case);
    for n in names {
        b = b.alias_with(&render(&n.parts), flags(n));
    }
    if e.coord.is_some() || e.country.is_some() || e.feature_code.is_some() || e.population.is_some() {
        let mut p = Place::default();
        // Out-of-range coordinates must be refused, not kept.
        p.coord = e.coord.map(|(lat, lon)| Coord { lat, lon });
        p.country = e.country.as_deref().and_then(|c| CountryCode::new(c).ok());
        p.feature_code = e.feature_code.as_deref().and_then(|c| FeatureCode::new(c).ok());
        p.population = e.population;
        b = b.place(p);
    }
    for (k, v) in &e.attrs {
        b = b.attr(k, v);
    }
    let built = b.build();
    if let Some((lat, lon)) = e.coord {
        if built.is_ok() {
            assert!(Coord::new(lat, lon).is_ok(), "coordinate {lat},{lon} accepted");
        }
    }
    built.ok()
}

/// One worker thread, on which every input runs: building an index forks
/// work on the global pool, and on a busy machine each fork waits for a
/// second thread to be scheduled.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool"))
}

fuzz_target!(|input: Input| pool().install(|| run(input)));

fn run(input: Input) {
    let mut gaz = Gazetteer::new();
    for e in input.entries.iter().take(64) {
        if let Some(e) = entry(e) {
            let _ = gaz.push(e);
        }
    }
    let kind = if input.overlapping { MatchKind::Overlapping } else { MatchKind::LeftmostLongest };
    let ex = Extractor::builder()
        .match_kind(kind)
        .rules(input.rules % 64 == 63)
        .resolve(input.resolve)
        .places_in_orgs(input.places_in_orgs)
        .build(gaz)
        .expect("a gazetteer of valid entries compiles");
    let text = render(&input.text);
    let spans = ex.extract(&text);
    check_spans(&text, &spans, kind, input.places_in_orgs);
    // One text or a batch of it gives the same spans.
    let texts = [text.as_str(), text.as_str()];
    let batch = ex.extract_batch(&texts);
    for got in &batch {
        let a: Vec<_> = spans.iter().map(|s| (s.range(), s.entry_id())).collect();
        let b: Vec<_> = got.iter().map(|s| (s.range(), s.entry_id())).collect();
        assert_eq!(a, b);
    }
}

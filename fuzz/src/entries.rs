//! The input of the `build_extract` target, decoded by `arbitrary`:
//! entries (names made of listed words, separators and arbitrary strings;
//! labels; flags; coordinates, in range or not; places; attributes),
//! builder options and a text. Names and texts are made of words from a
//! short list so that names match.

use arbitrary::Arbitrary;
use gazet::{Coord, CountryCode, Entry, FeatureCode, Label, NameFlags, Place};

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

/// A piece of a name or a text.
#[derive(Arbitrary, Debug)]
pub enum Part {
    Word(u8),
    Sep(u8),
    Raw(String),
}

/// The string the parts make.
pub fn render(parts: &[Part]) -> String {
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

/// An entry: names, label, flags, place facts and attributes.
#[derive(Arbitrary, Debug)]
pub struct FuzzEntry {
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

/// One input of the target: entries, builder options, a text.
#[derive(Arbitrary, Debug)]
pub struct Input {
    pub entries: Vec<FuzzEntry>,
    pub overlapping: bool,
    /// The rules (and their word lists, slow to compile) one time in 64
    /// (not for the zeros that short inputs end in).
    pub rules: u8,
    pub resolve: bool,
    pub places_in_orgs: bool,
    pub text: Vec<Part>,
}

/// The entry built from `e`, or `None` when the builder refuses it (an
/// empty name, a bad label); a coordinate out of range must be refused.
pub fn entry(e: &FuzzEntry) -> Option<Entry> {
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

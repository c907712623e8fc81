//! Rules: what a gazetteer alone misses or gets wrong, decided from the
//! words around each match. They run after matching and before the choice
//! among overlapping matches, and only read the text near the matches.
//!
//! - **Calendar words** (March, May, Nov, Thursday) are never places.
//! - **Common words** (a name flagged `common_word`: Nice, Reading, Police,
//!   We) are kept only with evidence: a locative preposition before them
//!   (`in`, `near`...), or `, Place` after them; countries and first-level
//!   divisions need none.
//! - **Person names that are also small places** (Jones, Scott, Obama) are
//!   not places on their own.
//! - **People**: a title followed by capitalised words (Governor Lena
//!   Marsh, Defense Minister Arshak Karapetyan) or a known given name
//!   followed by capitalised words is a person; later mentions of the
//!   surname alone are the same person.
//! - **Organisations**: capitalised words ending in a head noun (Defense
//!   Ministry, Baku State University), a head noun followed by `of` and
//!   capitalised words (Ministry of Foreign Affairs), or a legal suffix
//!   (Gazprom PJSC) make an organisation, which wins over places inside it.
//! - **More people**: initials and a surname (J. K. Varden); two or three
//!   capitalised words listed next to a person ("Vera Tamsin, Joel
//!   Marchetti and Ada Kerrow").
//! - **Longer names**: a place followed by a capitalised word nothing
//!   explains ("Orlando Magic"), or after an event or army word and `of`
//!   ("Battle of Hastings"), is part of a longer name and left out
//!   unless places inside names are asked for; two small places side by
//!   side are one name (a Chinese name such as "Wu Anqing"). A title-case headline is no
//!   evidence.
//! - **Features**: capitalised words ending in a head word of a feature
//!   or facility (Marlow Brook, Tanner Street, Ada Kessler Stadium) are a
//!   place with no entry.

pub(crate) mod lists;
mod words;

use arrayvec::ArrayVec;
use rustc_hash::FxHashMap;

use crate::gazetteer::entry::Entry;
use crate::gazetteer::Gazetteer;
use crate::label::Label;
use crate::matcher::{Capitals, Variant};
use crate::normalize::{TokenKind, Tokenizer};
use lists::CueKind;
use words::{List, Words};

/// Why a span is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// A name of the gazetteer, with no rule needed.
    Gazetteer,
    /// A common word kept because a locative preposition precedes it.
    Preposition,
    /// A common word kept because `, Place` follows it.
    PlaceAfterComma,
    /// Words after a person title (President, Defense Minister).
    Title,
    /// A known given name followed by capitalised words.
    GivenName,
    /// Initials followed by a capitalised surname (J. K. Varden).
    Initials,
    /// The surname of a person named earlier in the text.
    SurnameLink,
    /// Capitalised words ending in an organisation head noun, or a head noun
    /// followed by `of` and capitalised words.
    OrgHead,
    /// Capitalised words ending in a legal suffix.
    LegalSuffix,
    /// Coordinates written in the text (the span's entry is the nearest
    /// populated place, when the gazetteer has one).
    Coordinates,
    /// An acronym in capitals defined in the text after an organisation's
    /// name ("Anadolu Agency (AA)") or used more than once.
    Acronym,
    /// A place name widened by the word that makes it a longer place name:
    /// a direction before it (West Germany, South Kelso) or a geographic
    /// head around it (Niger River, Lake Chad, Kolar District). The span
    /// keeps the place's entry.
    PlaceHead,
    /// A sports club named after its place: the place with a capitalised
    /// plural or a club word (Tulsa Hornets, FC Basel), or alone after
    /// "played for", "signed with", a coaching verb or a minor-league class
    /// ("played for Ashwell", "AAA Wichita").
    Team,
    /// Capitalised words ending in the head word of a facility or a natural
    /// feature (Marlow Brook, Ada Kessler Stadium, Kent Valley Railroad,
    /// Dover and Ashford Railroad, Western Front), or after a head
    /// that comes first (Camp Ridley, River Mersey): a place the gazetteer
    /// does not know, with no entry.
    FeatureHead,
    /// Two or three capitalised words listed next to a person ("Vera
    /// Tamsin, Joel Marchetti and Ada Kerrow"): a person too.
    ListOfPeople,
    /// A capital "The" inside a sentence and the capitalised words after
    /// it (told The Harwick Gazette, toured with The Marbletons): the name of
    /// an organisation, a band or a newspaper, "The" included. An
    /// organisation the gazetteer knows by those words is its name alone,
    /// with its entry (told The Anadolu Agency: "Anadolu Agency"): a span
    /// with an entry never takes in a word that is not part of the name.
    TheName,
    /// A capitalised head noun alone after "the" ("the League", "the
    /// Ministry") when an organisation named earlier in the text has that
    /// head: a shorter mention of it.
    OrgLink,
    /// A span given to [`crate::Extractor::resolve_spans`] by the caller.
    Given,
}

impl Reason {
    /// A short name for output (`gazetteer`, `title`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Gazetteer => "gazetteer",
            Reason::Preposition => "preposition",
            Reason::PlaceAfterComma => "place-after-comma",
            Reason::Title => "title",
            Reason::GivenName => "given-name",
            Reason::Initials => "initials",
            Reason::SurnameLink => "surname-link",
            Reason::OrgHead => "org-head",
            Reason::LegalSuffix => "legal-suffix",
            Reason::Coordinates => "coordinates",
            Reason::Acronym => "acronym",
            Reason::PlaceHead => "place-head",
            Reason::Team => "team",
            Reason::FeatureHead => "feature-head",
            Reason::ListOfPeople => "list",
            Reason::TheName => "the-name",
            Reason::OrgLink => "org-link",
            Reason::Given => "given",
        }
    }
}

/// A gazetteer match as the rules see it.
pub(crate) struct Match<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) tokens: usize,
    /// The chosen entry by default order.
    pub(crate) top: &'a Entry,
    /// The matched name of the top entry is a common word.
    pub(crate) common: bool,
    /// The match is case-sensitive (an acronym written as such).
    pub(crate) case_sensitive: bool,
    /// Every candidate that accepted the match, in default order.
    pub(crate) candidates: &'a [Variant],
    /// The gazetteer the candidates' entries are in.
    pub(crate) gaz: &'a Gazetteer,
}

impl Match<'_> {
    /// The largest population among the candidates that are places. Each
    /// candidate's entry is read (a cache miss apiece), so it is asked
    /// only where a rule needs it.
    fn max_population(&self) -> u64 {
        self.candidates.iter().filter_map(|v| self.gaz.entry(v.entry)?.place()?.population).max().unwrap_or(0)
    }
}

/// A cue word found by the scan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cue {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kinds: u8,
}

impl Cue {
    fn is(&self, kind: CueKind) -> bool {
        self.kinds & kind.bit() != 0
    }
}

/// A span the rules add.
#[derive(Clone, Debug)]
pub(crate) struct Added {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) label: Label,
    pub(crate) reason: Reason,
}

/// What the rules decided: per match, `Some(reason)` to keep it or `None`
/// to drop it, and the wider extent of a place widened by a head word; and
/// the spans they add.
pub(crate) struct Decisions {
    pub(crate) keep: Vec<Option<Reason>>,
    /// Per match: a place that is only the first or last word of a longer
    /// name the rules cannot label ("Orlando Magic", "Battle of
    /// Hastings"). Dropped like `keep == None`, except when places
    /// inside names are asked for.
    pub(crate) inside_name: Vec<bool>,
    pub(crate) widened: Vec<Option<Widened>>,
    pub(crate) added: Vec<Added>,
}

/// The extent of a place name widened by a head word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Widened {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// False when the head makes it a different, smaller thing (a street,
    /// a park): the place's entry and point do not describe it.
    pub(crate) keeps_entry: bool,
}

/// Heads after which the widened name is not the place it starts with.
static NOT_THE_PLACE: List =
    List::new(&["Junction", "Avenue", "Street", "Road", "Square", "Bridge", "Boulevard", "Fields", "Park", "Heights"]);

/// Words [`word_before`] asks about.
static FOR_WITH: List = List::new(&["for", "with"]);
static OF: List = List::new(&["of"]);
static GRAND: List = List::new(&["Grand"]);

/// Capitalised words before a place that make a longer place name of it.
static PLACE_BEFORE: List = List::new(&[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Upper",
    "Lower",
    "Greater",
    "Lake",
    "Mount",
    "Mt",
    "Cape",
    "Kreis",
    "Landkreis",
]);

/// Capitalised words after a place that make a longer place name of it.
static PLACE_AFTER: List = List::new(&[
    "River",
    "Lake",
    "Mountains",
    "Mountain",
    "Hills",
    "Valley",
    "Bay",
    "Island",
    "Islands",
    "Peninsula",
    "Province",
    "District",
    "County",
    "Region",
    "Territory",
    "Junction",
    "Falls",
    "Canyon",
    "Desert",
    "Sea",
    "Strait",
    "Canal",
    "Coast",
    "Harbor",
    "Harbour",
    "Heights",
    "Basin",
    "Delta",
    "Plateau",
    "Forest",
    "Avenue",
    "Street",
    "Road",
    "Square",
    "Bridge",
    "Boulevard",
    "Taluk",
    "Parish",
    "Township",
    "Oblast",
    "Prefecture",
    "Governorate",
    "Raion",
    "Rayon",
    "Voivodeship",
    "Canton",
    "Fields",
    "Park",
]);

/// The start of the word right before byte `pos` (spaces between, and a
/// period after it as in "Mt.") when it is one of `words`, written so.
fn word_before(text: &str, pos: usize, words: &List) -> Option<usize> {
    word_ending_before(text, pos).and_then(|(s, w)| words.contains(w).then_some(s))
}

/// The word right before byte `pos`, spaces between and a period after it
/// as in "Mt.": its start and its letters and digits (the period left
/// out). None when no space comes before `pos` or the word is joined to
/// another by a hyphen; the word is empty when no letter or digit comes
/// before the spaces.
fn word_ending_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    // ASCII first: the spaces, a period and the word's letters and digits
    // read byte by byte; a non-ASCII byte before the word (which may be a
    // letter of it) takes the general path.
    let b = text.as_bytes();
    if !text.is_char_boundary(pos) {
        return None;
    }
    let mut e = pos;
    while e > 0 && b[e - 1] == b' ' {
        e -= 1;
    }
    if e == pos {
        return None;
    }
    if e > 0 && b[e - 1] == b'.' {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && b[s - 1].is_ascii_alphanumeric() {
        s -= 1;
    }
    match s.checked_sub(1).map(|i| b[i]) {
        Some(c) if c >= 0x80 => word_ending_before_general(text, pos),
        Some(b'-') => None,
        _ => Some((s, &text[s..e])),
    }
}

/// [`word_ending_before`] for any text, one character at a time.
fn word_ending_before_general(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = text.get(..pos)?.trim_end_matches(' ');
    if before.len() == pos {
        return None;
    }
    let before = before.strip_suffix('.').unwrap_or(before);
    let start =
        before.len() - before.chars().rev().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
    let word = &before[start..];
    let boundary = before[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '-');
    boundary.then_some((start, word))
}

/// The widest place name around a one-word place match: a direction or
/// head word just before it, head words just after it ("Bay Area" after
/// "San Francisco" takes two).
/// `before` is the word before it ([`word_ending_before`]).
fn widen_place(text: &str, start: usize, end: usize, before: Option<(usize, &str)>) -> Option<Widened> {
    if PLACE_BEFORE.contains(text[start..end].trim_end_matches('.')) {
        return None;
    }
    let mut out = (start, end);
    let mut keeps_entry = true;
    if let Some((s, _)) = before.filter(|&(_, w)| PLACE_BEFORE.contains(w)) {
        out.0 = s;
    }
    for (s, e) in caps_after(text, end, 2) {
        let adjacent = spaces_only(&text[out.1..s]);
        let word = &text[s..e];
        let head = PLACE_AFTER.contains(word) || (out.1 > end && word == "Area");
        if !adjacent || !head {
            break;
        }
        keeps_entry &= !NOT_THE_PLACE.contains(word);
        out.1 = e;
    }
    // More capitalised words after the head: a longer name of something
    // else ("Nevada Forest Service"), not this place's.
    if out.1 > end {
        if let Some(&(s, _)) = caps_after(text, out.1, 1).first() {
            if spaces_only(&text[out.1..s]) {
                out.1 = end;
                keeps_entry = true;
            }
        }
    }
    (out != (start, end)).then_some(Widened { start: out.0, end: out.1, keeps_entry })
}

/// Words before "of" that make the place after them part of the name of an
/// event, an army or a group ("Battle of Hastings", "Army of the
/// Rhine", "United Growers of Manitoba"). Other words are no evidence:
/// "Aliyev of Azerbaijan", "Ministry of Foreign Affairs of Azerbaijan".
static NAME_OF: List = List::new(&[
    "Battle",
    "Battles",
    "Siege",
    "Sack",
    "Army",
    "Armies",
    "Treaty",
    "Treaties",
    "Massacre",
    "Farmers",
    "Knights",
    "Sons",
    "Daughters",
    "Friends",
]);

/// Words before "of" that name a state or a division after the place
/// ("Kingdom of Poland", "Province of Alberta").
static POLITY_OF: List = List::new(&[
    "Kingdom",
    "Duchy",
    "Principality",
    "Republic",
    "Emirate",
    "Sultanate",
    "Khanate",
    "Province",
    "Prefecture",
    "Governorate",
    "Voivodeship",
    "Canton",
]);

/// Words before "of" that name a different, natural place after the place
/// ("Sea of Azov", "Isle of Man"): a place, not the entry's.
static WATER_OF: List = List::new(&["Sea", "Gulf", "Bay", "Strait", "Straits", "Isle", "Lake"]);

/// A capitalised word and "of" (or "of the") right before byte `pos`: the
/// start of the word and the word.
fn word_of_before(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = text.get(..pos)?.trim_end_matches(' ');
    let before = before.strip_suffix(" the").unwrap_or(before).trim_end_matches(' ');
    let before = before.strip_suffix(" of")?.trim_end_matches(' ');
    let start =
        before.len() - before.chars().rev().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
    let word = &before[start..];
    if !word.chars().next().is_some_and(char::is_uppercase) || is_stop(word) {
        return None;
    }
    let boundary = before[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '-');
    if !boundary {
        return None;
    }
    Some((start, word))
}

/// True when the line around byte `pos` (300 bytes each way at most)
/// reads like a headline in title case: every word capitalised but short
/// function words, so a capital is no evidence of a name.
fn in_title_case_line(text: &str, pos: usize) -> bool {
    // (The line break is looked for only within the 300 bytes kept.)
    let b = text.as_bytes();
    let lo = pos.saturating_sub(300);
    let mut from = memchr::memrchr(b'\n', &b[lo..pos]).map_or(lo, |i| lo + i + 1);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let hi = (pos + 300).min(b.len());
    let mut to = memchr::memchr(b'\n', &b[pos..hi]).map_or(hi, |i| pos + i);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let line = &text[from..to];
    // Title case capitalises every word but the short function words.
    let mut content = 0;
    for w in line.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) else { continue };
        if c.is_lowercase() {
            if w.len() > 4 || !TITLE_CASE_SMALL.contains(w) {
                return false;
            }
        } else {
            content += 1;
        }
    }
    content >= 4
}

/// Words a headline in title case leaves in lower case.
static TITLE_CASE_SMALL: List = List::new(&[
    "a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to", "by", "with", "from", "as",
    "into", "over", "vs", "via",
]);

/// Head words that end the name of a natural feature or a facility,
/// whatever the words before them ("Marlow Brook", "Tanner Street").
/// A `match`: the rules ask it of every capitalised word.
fn is_feature_head(word: &str) -> bool {
    matches!(
        word,
        "River"
            | "Creek"
            | "Brook"
            | "Pond"
            | "Island"
            | "Islands"
            | "Mountains"
            | "Hills"
            | "Valley"
            | "Canyon"
            | "Plateau"
            | "Peninsula"
            | "Beach"
            | "Glacier"
            | "Reef"
            | "Railroad"
            | "Railway"
            | "Street"
            | "Avenue"
            | "Boulevard"
            | "Highway"
            | "Expressway"
            | "Freeway"
            | "Turnpike"
            | "Bridge"
            | "Tunnel"
            | "Dam"
            | "Canal"
            | "Dock"
            | "Docks"
            | "Pier"
            | "Station"
            | "Airport"
            | "Stadium"
            | "Oval"
            | "Park"
            | "Playfield"
            | "Square"
            | "Reservoir"
            | "Speedway"
            | "Raceway"
            | "Road"
            | "Lane"
            | "Ave"
            | "Gym"
            | "Pavilion"
            | "Rink"
            | "Cave"
            | "Caves"
            | "Formation"
            | "Mill"
            | "Mills"
            | "Estate"
            | "Empire"
            | "House"
            | "Field"
            | "Metro"
            | "Place"
            | "Complex"
    )
}

/// Words that make a club of the place they precede or follow (FC Basel,
/// Leeds United, Lyon HC).
static CLUB_BEFORE: List = List::new(&["FC", "AC", "SC", "CF", "Real", "Sporting", "Dynamo", "Dinamo", "Olympique"]);
static CLUB_AFTER: List = List::new(&["FC", "HC", "SC", "AFC", "CF", "United", "Athletic", "Albion"]);

/// The club named with a place: a club word just before it, or just after
/// it a club word or a capitalised plural ("Eagles").
/// `before` is the word before it ([`word_ending_before`]).
fn team_around(text: &str, start: usize, end: usize, before: Option<(usize, &str)>) -> Option<(usize, usize)> {
    if let Some((s, _)) = before.filter(|&(_, w)| CLUB_BEFORE.contains(w)) {
        return Some((s, end));
    }
    let after = caps_after(text, end, 2);
    let &(s, e) = after.first()?;
    let word = &text[s..e];
    if spaces_only(&text[end..s]) && CLUB_AFTER.contains(word) {
        return Some((start, e));
    }
    let plural = |word: &str| {
        word.len() >= 4
            && word.ends_with('s')
            && !word.ends_with("ss")
            && !word.ends_with("us")
            && !word.ends_with("is")
            && word.chars().all(char::is_alphabetic)
    };
    if !spaces_only(&text[end..s]) {
        return None;
    }
    if plural(word) {
        return Some((start, e));
    }
    // Two words, the second a plural ("Red Herons", "Sky Foxes").
    let &(s2, e2) = after.get(1)?;
    (spaces_only(&text[e..s2]) && plural(&text[s2..e2])).then_some((start, e2))
}

/// Prepositions after which a known place is the place, not a person
/// named like it ("In Boston he became a star").
static PLACE_PREPOSITIONS: List = List::new(&[
    "in",
    "In",
    "at",
    "At",
    "near",
    "Near",
    "outside",
    "inside",
    "around",
    "across",
    "towards",
    "toward",
    "via",
    "through",
    "throughout",
]);

/// Words for a settlement or a division that "of" and a place follow ("the
/// town of Ashgrove", "the county seat of Merrow").
static SETTLEMENTS: List = List::new(&[
    "town",
    "city",
    "village",
    "hamlet",
    "seat",
    "suburb",
    "county",
    "municipality",
    "borough",
    "township",
    "parish",
    "province",
    "state",
    "capital",
    "outskirts",
]);

/// The start of the capitalised names joined by "and" or commas that end
/// at `start` ("Ashford, Kelby and " before "Dunmore"), or
/// `start` itself.
fn joined_names_before(text: &str, mut start: usize) -> usize {
    for _ in 0..3 {
        let before = &text[..start];
        let Some(rest) = before.strip_suffix(" and ").or_else(|| before.strip_suffix(", ")) else { break };
        let words = caps_before(text, rest.len(), 2);
        let joined = words.windows(2).all(|w| spaces_only(&text[w[0].1..w[1].0]));
        match words.first() {
            Some(&(s, _)) if joined && words.last().is_some_and(|&(_, e)| e == rest.len()) => start = s,
            _ => break,
        }
    }
    start
}

/// Head words that come first in the name of a feature or a camp
/// ("Camp Ridley", "River Mersey", "Fort Calder").
static FEATURE_BEFORE: List = List::new(&["Camp", "Fort", "Mount", "Lake", "River", "Isle", "Loch"]);

/// True when `start..end` lies in a short quotation in title case on one
/// line ("Sunset over Lisbon", "A Canção do Mar"): a work's title, not
/// speech.
///
/// `quotes` holds where each opening quote of the text (`"` or `“`)
/// starts, in order ([`Lookup::quotes`]).
fn in_quoted_title(text: &str, quotes: &[usize], start: usize, end: usize) -> bool {
    const MAX: usize = 80;
    // The opening quote is the last one before the match, on its line and
    // within `MAX` bytes (most places have none).
    let Some(&open) = quotes[..quotes.partition_point(|&q| q < start)].last() else { return false };
    if open + MAX < start {
        return false;
    }
    // The line, or its last 400 bytes (the rules stay linear in the text:
    // quotes are counted in a bounded window).
    let mut from = start.saturating_sub(400);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let b = text.as_bytes();
    if open < from || memchr::memchr(b'\n', &b[open..start]).is_some() {
        return false;
    }
    // The line's start is looked for only when a straight quote needs
    // counting or a word before the quote reading.
    let line_start = || memchr::memrchr(b'\n', &b[from..open]).map_or(from, |i| from + i + 1);
    // A straight quote opens when an even number of them come before it.
    if b[open] == b'"' && text[line_start()..open].matches('"').count() % 2 == 1 {
        return false;
    }
    // The closing quote (`"` or `”`, bytes E2 80 9D) within `MAX` bytes,
    // before the line ends.
    let a = &text.as_bytes()[end..];
    let window = &a[..a.len().min(MAX + 3)];
    let mut from = 0;
    let close = loop {
        match memchr::memchr3(b'"', b'\n', 0xE2, &window[from..]) {
            Some(i) if window[from + i] != 0xE2 || window[from + i + 1..].starts_with(&[0x80, 0x9D]) => {
                break Some(from + i)
            }
            Some(i) => from += i + 1,
            None => break None,
        }
    };
    let Some(close) = close.filter(|&c| c <= MAX && a[c] != b'\n') else {
        return false;
    };
    let open_len = if b[open] == b'"' { 1 } else { '“'.len_utf8() };
    let quote = &text[open + open_len..end + close];
    let words: Vec<&str> = quote.split_whitespace().collect();
    // (A comma inside reads as speech or a dateline: "Baku, Azerbaijan".)
    if words.is_empty() || words.len() > 8 || quote.contains([',', '.', '!', '?', ';']) {
        return false;
    }
    let title_case = words.iter().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_none_or(|c| !c.is_lowercase() || (w.len() <= 4 && TITLE_CASE_SMALL.contains(w)))
    });
    // One word in quotes is a title only after a word for a work or a
    // name ("the song “Jupiter”", "previously called “Jupiter”").
    let named = words.len() > 1
        || text[line_start()..open].split_whitespace().rev().take(4).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            WORKS.contains(w) || matches!(w, "songs" | "tracks")
        });
    title_case && named
}

/// Lowercase words after a place that make a disease's name of it.
static DISEASE_WORDS: List = List::new(&["virus", "viruses", "fever", "disease", "encephalitis"]);

/// Head words of events' names: a place before a run of capitalised
/// words ending in one starts the event's name ("Tanzania Liberation
/// War", "Helsinki Olympics").
static EVENT_HEADS: List = List::new(&[
    "War",
    "Wars",
    "Revolution",
    "Rebellion",
    "Uprising",
    "Massacre",
    "Campaign",
    "Festival",
    "Olympics",
    "Games",
    "Championship",
    "Championships",
    "Cup",
    "Open",
    "Marathon",
    "Expo",
    "Awards",
    "Prize",
    "Bowl",
    "Classic",
    "Treaty",
    "Accords",
    "Agreement",
    "Declaration",
]);

/// True when capitalised words joined by single spaces from `end` on end
/// in an event's head.
fn names_event(text: &str, end: usize) -> bool {
    // (Most places are followed by no capitalised word.)
    if !text[end..].strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_uppercase())) {
        return false;
    }
    let after = caps_after(text, end, 4);
    let mut last = end;
    for &(s, e) in &after {
        if text[last..s] != *" " {
            return false;
        }
        if EVENT_HEADS.contains(&text[s..e]) {
            return true;
        }
        last = e;
    }
    false
}

/// Verbs that, with "for" or "with" after them, make the place that
/// follows a sports club ("played for Ashwell", "signed with Kelby").
static PLAYS: List = List::new(&[
    "played",
    "plays",
    "playing",
    "play",
    "signed",
    "signs",
    "signing",
    "games",
    "appearances",
    "goals",
    "starts",
    "debut",
    "debuted",
    "coached",
    "coaching",
    "coaches",
    "pitched",
    "pitching",
]);

/// Words just before a place that make it a club: a minor-league class
/// ("AAA Wichita") or a coaching verb ("coached South Ashford").
static CLUB_CLASS: List = List::new(&["AAA", "AA", "Triple-A", "Double-A", "coached", "coaching"]);

/// True when the place at `start` is a sports club by the words before it.
/// `before` is the word before it ([`word_ending_before`]).
fn plays_for(text: &str, before: Option<(usize, &str)>) -> bool {
    let Some((s, w)) = before else { return false };
    CLUB_CLASS.contains(w) || (FOR_WITH.contains(w) && word_before(text, s, &PLAYS).is_some())
}

static LOCATIVE: Words = Words::new(&[
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "inside",
    "around",
    "across",
    "towards",
    "toward",
    "via",
    "through",
    "throughout",
    "between",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "downtown",
    "visit",
    "visited",
    "visiting",
]);

/// Words that end a person's name run: what follows a name when the run is
/// in fact a place, a facility or an event ("Stanley Cup", "Kessler Stadium").
static NOT_PERSON: Words = Words::new(&[
    "force",
    "complex",
    "metro",
    "gym",
    "mall",
    "reservoir",
    "village",
    "plaza",
    "pier",
    "canal",
    "dam",
    "forest",
    "cup",
    "park",
    "stadium",
    "school",
    "dock",
    "beach",
    "station",
    "street",
    "road",
    "avenue",
    "bridge",
    "award",
    "prize",
    "trophy",
    "corps",
    "playfield",
    "airport",
    "hall",
    "center",
    "centre",
    "field",
    "island",
    "river",
    "lake",
    "mountain",
    "county",
    "city",
    "valley",
    "memorial",
    "house",
    "tower",
    "building",
    "square",
    "bay",
    "harbor",
    "harbour",
    "port",
    "fort",
    "museum",
    "library",
    "church",
    "cathedral",
    "temple",
    "mosque",
    "castle",
    "palace",
    "garden",
    "gardens",
    "arena",
    "theatre",
    "theater",
    "hotel",
    "line",
    "railway",
    "railroad",
    "way",
    "drive",
    "lane",
    "boulevard",
    "website",
    "day",
    "week",
    "act",
    "law",
    "treaty",
    "war",
    "prix",
    "trail",
    "canyon",
    "creek",
    "gallery",
    "elementary",
    "township",
    "recreation",
    "rink",
    "ave",
    "blvd",
]);

fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// Words that start a capitalised run without being part of a name.
static STOP: Words = Words::new(&[
    "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "of", "for", "and", "or", "but", "by",
    "with", "from", "to", "as", "if", "when", "while", "after", "before", "his", "her", "its", "their", "our", "my",
    "your", "he", "she", "it", "they", "we", "i", "you", "mr", "mrs", "ms", "dr", "new", "former", "then", "some",
    "many", "most", "several", "both", "each", "every",
]);

fn is_stop(word: &str) -> bool {
    STOP.contains_ignore_case(word)
}

/// The word just before byte `pos` (letters only), if any, skipping spaces
/// and the `#` of a hashtag ("flooding in #Harrow").
fn prev_word(text: &str, pos: usize) -> Option<&str> {
    let before = text.get(..pos)?;
    let before = before.strip_suffix('#').unwrap_or(before);
    let trimmed = before.trim_end_matches([' ', '\t', '\n', '\r']);
    let start = trimmed.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i)?;
    Some(&trimmed[start..])
}

/// True when `pos` starts a sentence: only spaces, quotes or brackets
/// between it and the text's start, a sentence-ending mark or a line break.
fn at_sentence_start(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    for c in before.chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\'' | '“' | '‘' | '”' | '’' | '(' | '[' | '«' | '»' | '*' => continue,
            '.' | '!' | '?' | '\n' | ':' | '•' | '–' | '—' => return true,
            _ => return false,
        }
    }
    true
}

/// The most words a run of capitalised words holds.
const RUN: usize = 8;

/// A run of capitalised words as byte ranges, as [`caps_after`] and
/// [`caps_before`] find them: a few words, held inline (the rules ask for
/// tens of thousands of runs per megabyte of text).
type Run = ArrayVec<(usize, usize), RUN>;

/// The capitalised words right after byte `pos` (at most `max`, and at
/// most [`RUN`]), as byte ranges: word tokens whose first cased letter is
/// uppercase, stopping at anything else. A single-letter word followed by
/// a period is an initial.
fn caps_after(text: &str, pos: usize, max: usize) -> Run {
    let max = max.min(RUN);
    let mut out = Run::new();
    // Most calls meet a lowercase word or a punctuation mark first (spaces
    // skipped), which ends the run before it starts.
    let next = text.as_bytes()[pos..].iter().find(|&&b| b != b' ');
    if next.is_none_or(|&b| b.is_ascii_lowercase() || (b.is_ascii_punctuation() && b != b'-')) {
        return out;
    }
    let rest = &text[pos..];
    for t in Tokenizer::new(rest) {
        if out.len() >= max {
            break;
        }
        let word = &rest[t.start..t.end];
        match t.kind {
            // ("A." is an initial, not the article.)
            TokenKind::Word
                if t.case.has_cased
                    && t.case.first_upper
                    && (!is_stop(word) || (word.len() == 1 && rest[t.end..].starts_with(". "))) =>
            {
                // A paragraph or sentence break between words ends the run.
                if let Some(&(_, last_end)) = out.last() {
                    let gap = &text[last_end..pos + t.start];
                    if gap.contains("\n\n") || gap.contains(['.', ',', ';', ':', '(', ')', '"']) {
                        let initial =
                            text[..last_end].chars().rev().nth(1).is_some_and(|c| !c.is_alphabetic()) && gap == ". ";
                        if !initial {
                            break;
                        }
                    }
                }
                // "Faber-Castell": a capitalised word hyphened to the last
                // one, with no space, lengthens it.
                if let Some(last) = out.last_mut().filter(|l| text[l.1..pos + t.start] == *"-") {
                    last.1 = pos + t.end;
                    continue;
                }
                out.push((pos + t.start, pos + t.end));
            }
            TokenKind::Punct('.') if out.last().is_some_and(|&(s, e)| e - s == 1) => continue,
            _ => break,
        }
    }
    out
}

/// The capitalised words right before byte `pos` within the sentence (at
/// most `max`, and at most [`RUN`]), in text order; a stop word (`the`,
/// `of`...) ends the run.
fn caps_before(text: &str, pos: usize, max: usize) -> Run {
    // The sentence's window is up to 200 characters back, but the run is a
    // few words long: the words after the `max + 2`-th space back are read
    // first (a space ends a token, so they are the window's last tokens),
    // and they settle it unless the run takes all of them.
    let b = text.as_bytes();
    let lo = pos.saturating_sub(200);
    let mut start = pos;
    let mut spaces = 0;
    while spaces < max + 2 {
        let Some(i) = memchr::memrchr(b' ', &b[lo..start]) else { break };
        start = lo + i;
        spaces += 1;
    }
    if spaces == max + 2 {
        let start = start + 1;
        // A sentence mark among those words starts the window after it.
        let delimiter = text[start..pos].char_indices().rev().find(|&(_, c)| is_window_delimiter(c));
        let window_start = delimiter.map_or(start, |(i, c)| start + i + c.len_utf8());
        let (out, whole) = caps_in_window(text, window_start, pos, max);
        if delimiter.is_some() || !whole {
            return out;
        }
    }
    let mut window_start = text[..pos]
        .char_indices()
        .rev()
        .take(200)
        .find(|&(_, c)| is_window_delimiter(c))
        .map_or(pos.saturating_sub(200), |(i, c)| i + c.len_utf8());
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    caps_in_window(text, window_start, pos, max).0
}

/// Characters that end the window [`caps_before`] reads.
fn is_window_delimiter(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | ';' | ',' | '(' | '"' | '“')
}

/// The run of [`caps_before`] over the tokens of `text[window_start..pos]`,
/// and whether it took every token of the window.
fn caps_in_window(text: &str, window_start: usize, pos: usize, max: usize) -> (Run, bool) {
    let max = max.min(RUN);
    let window = &text[window_start..pos];
    let toks: Vec<_> = Tokenizer::new(window).collect();
    let mut out = Run::new();
    for t in toks.iter().rev() {
        let word = &window[t.start..t.end];
        let cap = t.kind == TokenKind::Word && t.case.has_cased && t.case.first_upper;
        if !cap || out.len() >= max || is_stop(word) {
            out.reverse();
            return (out, false);
        }
        out.push((window_start + t.start, window_start + t.end));
    }
    out.reverse();
    (out, true)
}

/// A country, a first-level division, or a place of 100,000 people or more.
fn is_big_place(e: &Entry) -> bool {
    e.label() == &Label::Place && e.place().is_some_and(|p| p.type_rank() <= 1 || p.population.unwrap_or(0) >= 100_000)
}

/// Verbs of speech that follow a person's name in news.
static SPEECH: Words = Words::new(&[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "noted",
    "explained",
    "wrote",
    "stated",
    "argued",
    "insisted",
    "testified",
    "replied",
    "recalled",
    "announced",
]);

/// The word right after byte `pos` (letters only), skipping spaces.
fn next_word(text: &str, pos: usize) -> Option<&str> {
    let rest = text.get(pos..)?.trim_start_matches([' ', '\t', '\n', '\r']);
    let end = rest.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(rest.len(), |(i, _)| i);
    (end > 0).then(|| &rest[..end])
}

/// Lookups over the matches and cues of one text, so that every rule costs
/// a hash probe or a short scan per match: the rules stay linear in the
/// text, whatever its size.
struct Lookup<'m, 'e> {
    matches: &'m [Match<'e>],
    /// Match indices sorted by start.
    /// The matches' extents and indices, sorted by start, then end (then
    /// index).
    by_start: Vec<(usize, usize, usize)>,
    /// Kinds of the cues of each exact range.
    cue_kinds: FxHashMap<(usize, usize), u8>,
    /// Kinds of the cues starting at each position.
    cue_starts: FxHashMap<usize, u8>,
    /// Title cue ranges sorted by start.
    titles: Vec<(usize, usize)>,
    /// Where each opening quote of the text (`"` or `“`) starts, in order.
    quotes: Vec<usize>,
}

impl<'m, 'e> Lookup<'m, 'e> {
    fn new(text: &str, matches: &'m [Match<'e>], cues: &[Cue]) -> Self {
        let mut by_start: Vec<(usize, usize, usize)> =
            matches.iter().enumerate().map(|(i, m)| (m.start, m.end, i)).collect();
        by_start.sort_unstable();
        let mut cue_kinds: FxHashMap<(usize, usize), u8> =
            FxHashMap::with_capacity_and_hasher(cues.len(), Default::default());
        let mut cue_starts: FxHashMap<usize, u8> = FxHashMap::with_capacity_and_hasher(cues.len(), Default::default());
        let mut titles = Vec::new();
        for c in cues {
            *cue_kinds.entry((c.start, c.end)).or_default() |= c.kinds;
            *cue_starts.entry(c.start).or_default() |= c.kinds;
            if c.is(CueKind::Title) {
                titles.push((c.start, c.end));
            }
        }
        titles.sort_unstable();
        let b = text.as_bytes();
        let quotes = memchr::memchr2_iter(b'"', 0xE2, b)
            .filter(|&i| b[i] == b'"' || b[i..].starts_with("“".as_bytes()))
            .collect();
        Lookup { matches, by_start, cue_kinds, cue_starts, titles, quotes }
    }

    fn cue_at(&self, start: usize, end: usize, kind: CueKind) -> bool {
        self.cue_any(start, end, kind.bit())
    }

    /// True when a cue of any of the kinds in `kinds` (bits) spans exactly
    /// `start..end`.
    fn cue_any(&self, start: usize, end: usize, kinds: u8) -> bool {
        self.cue_kinds.get(&(start, end)).is_some_and(|k| k & kinds != 0)
    }

    fn cue_starts_at(&self, start: usize, kinds: u8) -> bool {
        self.cue_starts.get(&start).is_some_and(|k| k & kinds != 0)
    }

    /// Matches whose start lies in `lo..=hi`.
    fn starting_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = &'m Match<'e>> + '_ {
        self.indices_starting_in(lo, hi).map(|i| &self.matches[i])
    }

    /// The indices of the matches whose start lies in `lo..=hi`.
    fn indices_starting_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = usize> + '_ {
        self.extents_starting_in(lo, hi).map(|&(_, _, i)| i)
    }

    /// The (start, end, index) of the matches whose start lies in `lo..=hi`.
    fn extents_starting_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = &(usize, usize, usize)> + '_ {
        let from = self.by_start.partition_point(|&(s, _, _)| s < lo);
        self.by_start[from..].iter().take_while(move |&&(s, _, _)| s <= hi)
    }

    /// True when a match other than `m` (another extent) starts at or before
    /// `from` and reaches `m`'s end: a longer name around it ("Sea of
    /// Azov" known whole, "Nagorno-Karabakh", "West Virginia").
    fn other_covers(&self, from: usize, m: &Match<'_>) -> bool {
        self.extents_starting_in(from.saturating_sub(LONGEST_NAME), from)
            .any(|&(s, e, _)| e >= m.end && (s, e) != (m.start, m.end))
    }

    /// True when a title cue covers `start..end`.
    fn in_title(&self, start: usize, end: usize) -> bool {
        let upto = self.titles.partition_point(|&(s, _)| s <= start);
        self.titles[..upto].iter().rev().take(4).any(|&(_, e)| e >= end)
    }
}

/// Cue kinds that end a name's run of capitalised words: a title, an
/// organisation head or a calendar word.
const NAME_ENDS: u8 = CueKind::Title.bit() | CueKind::OrgHead.bit() | CueKind::Calendar.bit();

/// Cue kinds a name after "The" may not start or go on with: a title or a
/// calendar word (an organisation head is part of such names).
const TITLE_OR_CALENDAR: u8 = CueKind::Title.bit() | CueKind::Calendar.bit();

/// Names are short: a match covering a span starts at most this far before.
const LONGEST_NAME: usize = 1024;

/// The state of one text's pass through the rules: what every rule reads,
/// and the decisions they have made so far.
struct Pass<'t, 'm, 'e> {
    text: &'t str,
    matches: &'m [Match<'e>],
    /// The cues, in text order.
    cues: &'t [Cue],
    capitalised: &'t [(usize, usize)],
    look: Lookup<'m, 'e>,
    keep: Vec<Option<Reason>>,
    added: Vec<Added>,
    widened: Vec<Option<Widened>>,
    inside_name: Vec<bool>,
}

/// Applies every rule. `matches` and `cues` are in any order.
/// `capitalised` holds every word of the text whose first cased letter is a
/// capital, in order (from the scan).
pub(crate) fn apply(
    text: &str,
    matches: &[Match<'_>],
    cues: &[Cue],
    caps: &[Capitals],
    capitalised: &[(usize, usize)],
) -> Decisions {
    // In text order, so that of two rules finding the same span the one whose
    // cue comes first (a title before a given name) gives the reason.
    let mut sorted = cues.to_vec();
    sorted.sort_by_key(|c| (c.start, c.end));
    let mut pass = Pass {
        text,
        matches,
        cues: &sorted,
        capitalised,
        look: Lookup::new(text, matches, &sorted),
        keep: vec![Some(Reason::Gazetteer); matches.len()],
        added: Vec::new(),
        widened: vec![None; matches.len()],
        inside_name: vec![false; matches.len()],
    };
    pass.people();
    pass.initials();
    pass.listed_people();
    pass.surname_links();
    pass.organisations();
    pass.place_cores();
    let any_feature = pass.features();
    pass.the_names();
    pass.org_links();
    pass.filters();
    pass.longer_names();
    let Pass { look, keep, mut added, widened, inside_name, .. } = pass;
    // A place widened to the same extent already says it, with its entry.
    if any_feature {
        let wide: rustc_hash::FxHashSet<(usize, usize)> = widened.iter().flatten().map(|w| (w.start, w.end)).collect();
        added.retain(|a| a.reason != Reason::FeatureHead || !wide.contains(&(a.start, a.end)));
    }
    let kept: rustc_hash::FxHashSet<usize> =
        matches.iter().zip(&keep).filter(|(_, k)| k.is_some()).map(|(m, _)| m.start).collect();
    acronyms(text, &look, &kept, caps, &mut added);
    // "57th PVI", "4th Infantry Division": a military unit's number is
    // part of its name (not when the acronym names something after it:
    // "the 38th QZR Image Awards").
    for a in added.iter_mut().filter(|a| {
        a.label == Label::Organization
            && (a.reason == Reason::OrgHead || (a.reason == Reason::Acronym && caps_after(text, a.end, 1).is_empty()))
    }) {
        if let Some(start) = ordinal_before(text, a.start) {
            a.start = start;
        }
    }
    Decisions { keep, inside_name, widened, added }
}

impl Pass<'_, '_, '_> {
    /// People: titles and given names followed by capitalised words, and a
    /// given name alone before a speech verb or a possessive.
    fn people(&mut self) {
        let Pass { text, cues, ref look, ref mut added, .. } = *self;
        for c in cues {
            let (reason, words) = if c.is(CueKind::Title) {
                (Reason::Title, caps_after(text, c.end, 4))
            } else if c.is(CueKind::GivenName) {
                // A nationality is no given name ("Danish Air Force").
                if look.starting_in(c.start, c.start).any(|m| m.end == c.end && m.top.label() == &Label::Nationality) {
                    continue;
                }
                let mut next = caps_after(text, c.end, 3);
                if next.is_empty() {
                    // "Juan de la Varga"
                    next = particle_tail(text, look, c.end);
                }
                if next.is_empty() {
                    // A given name alone names a person when a speech verb or a
                    // possessive follows ("Stan said", "Hayley's"), unless it
                    // is an organisation, a nationality or a big place.
                    let alone = !look
                        .starting_in(c.start, c.start)
                        .any(|m| m.top.label() != &Label::Place || is_big_place(m.top));
                    let rest = &text[c.end..];
                    let speaks = next_word(text, c.end).is_some_and(|w| SPEECH.contains_ignore_case(w))
                        || rest.trim_start().starts_with("'s")
                        || rest.trim_start().starts_with("’s");
                    if alone && speaks {
                        added.push(Added {
                            start: c.start,
                            end: c.end,
                            label: Label::Person,
                            reason: Reason::GivenName,
                        });
                    }
                    continue;
                }
                (Reason::GivenName, std::iter::once((c.start, c.end)).chain(next).collect())
            } else {
                continue;
            };
            // A run that goes on into a facility or event is no person
            // ("Stanley Cup"); titles, org heads and calendar words end it.
            if words.iter().any(|&(s, e)| NOT_PERSON.contains_ignore_case(&text[s..e])) {
                continue;
            }
            // So does one ending in a feature's head that is no listed surname
            // ("Warren Highway"; not "Nathan Lane").
            if words.len() > 1
                && words
                    .last()
                    .is_some_and(|&(s, e)| is_feature_head(&text[s..e]) && !look.cue_at(s, e, CueKind::Surname))
            {
                continue;
            }
            let mut words: Vec<(usize, usize)> =
                words.into_iter().take_while(|&(s, e)| !look.cue_any(s, e, NAME_ENDS)).collect();
            // A trailing initial without its period is a cut-off name.
            while words.len() > 1 && words.last().is_some_and(|&(s, e)| e - s == 1) {
                words.pop();
            }
            // "Pierre de Vaucelle", "Juan de la Cruz": a particle and a
            // capitalised word go on with the name.
            if let Some(&(_, last)) = words.last() {
                words.extend(particle_tail(text, look, last));
            }
            // "Dale Morrow Jr.": the period of a suffix belongs to the name.
            if let Some(last) = words.last_mut() {
                if matches!(&text[last.0..last.1], "Jr" | "Sr") && text[last.1..].starts_with('.') {
                    last.1 += 1;
                }
            }
            let (Some(first), Some(last)) = (words.first(), words.last()) else {
                continue;
            };
            // A run naming a country, a first-level division or a big city is a
            // place, not a person ("North Texas", "Georgia Precision Tools").
            if reason == Reason::GivenName {
                // A city or a surname after a given name is a person's name
                // (John Denver, Michael Jordan); a country or a first-level
                // division that is no surname makes it a place ("North Texas").
                let big_after = look.starting_in(first.0 + 1, last.1).any(|m| {
                    m.end <= last.1
                        && m.top.label() == &Label::Place
                        && m.top.place().is_some_and(|p| p.type_rank() <= 1)
                        && !look.cue_at(m.start, m.end, CueKind::Surname)
                });
                let country_first = country_first(look, &words);
                let surname_next = words.get(1).is_some_and(|&(s, e)| look.cue_at(s, e, CueKind::Surname));
                // A known name of several words starting with the given name
                // ("Glen Burnie", a town) is that name.
                let named = look
                    .starting_in(first.0, first.0)
                    .any(|m| m.tokens > 1 && m.top.label() != &Label::Person && !m.common && m.end <= last.1);
                if big_after || (country_first && !surname_next) || named {
                    continue;
                }
            } else if words.len() > 1 && country_first(look, &words) {
                // After a title too, a country's name starts no person's name
                // ("its owner France Media").
                continue;
            }
            // A place or organisation name after a title is not a person
            // ("President of", "Minister Russia" is rare; "Governor Texas" too):
            // keep the gazetteer's reading when a non-person match covers all.
            let covered = look.starting_in(first.0.saturating_sub(LONGEST_NAME), first.0).any(|m| {
                m.start <= first.0
                    && m.end >= last.1
                    && m.top.label() != &Label::Person
                    && !m.common
                    && (m.tokens >= 2 || m.top.place().is_some_and(|p| p.type_rank() <= 2))
            });
            if covered {
                continue;
            }
            added.push(Added { start: first.0, end: last.1, label: Label::Person, reason });
        }
    }

    /// Initials and a surname: "J. K. Varden", "J. Smith".
    fn initials(&mut self) {
        let Pass { text, capitalised, ref look, ref mut added, .. } = *self;
        for (k, &(s, e)) in capitalised.iter().enumerate() {
            let initial =
                e - s == 1 && text[s..].starts_with(|c: char| c.is_ascii_uppercase()) && text[e..].starts_with(". ");
            // "W. Lafayette", "N. Main": a compass point before a place.
            let compass = initial
                && text[s..].starts_with(['N', 'S', 'E', 'W'])
                && caps_after(text, e + 1, 1).first().is_some_and(|&(ns, _)| look.starting_in(ns, ns).next().is_some());
            // The first initial: no capitalised word right before it ("Plan B.").
            let first = k == 0 || {
                let (ps, pe) = capitalised[k - 1];
                let gap = &text[pe..s];
                !(spaces_only(gap) || (gap == ". " && pe - ps == 1))
            };
            if !initial || !first || compass {
                continue;
            }
            let words: Vec<(usize, usize)> =
                caps_after(text, s, 5).into_iter().take_while(|&(ws, we)| !look.cue_any(ws, we, NAME_ENDS)).collect();
            let Some(&(ls, last)) = words.last() else { continue };
            let names = words.iter().filter(|&&(ws, we)| we - ws > 1).count();
            if !(1..=2).contains(&names) || last - ls == 1 {
                continue;
            }
            if person_like(text, look, (s, last), true) {
                added.push(Added { start: s, end: last, label: Label::Person, reason: Reason::Initials });
            }
        }
    }

    /// People listed next to people: "A B, C D and E F" with one of them a
    /// person makes the others people, one item at a time in both
    /// directions.
    fn listed_people(&mut self) {
        let Pass { text, matches, ref look, ref mut added, .. } = *self;
        let mut queue: Vec<(usize, usize)> = matches
            .iter()
            .filter(|m| m.top.label() == &Label::Person && m.tokens > 1)
            .map(|m| (m.start, m.end))
            .chain(added.iter().filter(|a| a.label == Label::Person).map(|a| (a.start, a.end)))
            .collect();
        let mut listed: rustc_hash::FxHashSet<(usize, usize)> = queue.iter().copied().collect();
        while let Some((s, e)) = queue.pop() {
            for item in [list_item_after(text, e), list_item_before(text, s)].into_iter().flatten() {
                if listed.contains(&item) || !person_like(text, look, item, false) {
                    continue;
                }
                listed.insert(item);
                queue.push(item);
                added.push(Added { start: item.0, end: item.1, label: Label::Person, reason: Reason::ListOfPeople });
            }
        }
    }

    /// Surnames of people named so far, linked when they come back alone.
    fn surname_links(&mut self) {
        let Pass { text, matches, capitalised, ref look, ref mut added, .. } = *self;
        let mut people: Vec<(usize, &str)> = Vec::new();
        for m in matches.iter().filter(|m| m.top.label() == &Label::Person && m.tokens > 1) {
            people.push((m.end, &text[m.start..m.end]));
        }
        for a in added.iter().filter(|a| a.label == Label::Person && a.end > a.start) {
            people.push((a.end, &text[a.start..a.end]));
        }
        // One pass over the words after the first person: each capitalised word
        // that is the surname of a person named before it is that person.
        let mut surnames: FxHashMap<&str, usize> = FxHashMap::default();
        for &(after, full) in &people {
            if !full.contains(' ') {
                continue;
            }
            // The surname, and the given name when the lists know it ("Angelo"
            // for Angelo Fresquet).
            let words: Vec<&str> = full.split_whitespace().collect();
            let (Some(&first_name), Some(&surname)) = (words.first(), words.last()) else { continue };
            let first_start = full.as_ptr() as usize - text.as_ptr() as usize;
            let given_known = look.cue_at(first_start, first_start + first_name.len(), CueKind::GivenName);
            for (name, ok) in [(surname, true), (first_name, given_known)] {
                // Plural nouns and facility words are no surnames ("Bruins",
                // "Force"), unless the lists know the name (Jones, Williams).
                let at = name.as_ptr() as usize - text.as_ptr() as usize;
                let listed = look.cue_at(at, at + name.len(), CueKind::Surname);
                let noun = (name.ends_with('s') && !listed) || NOT_PERSON.contains_ignore_case(name);
                if !ok || name.chars().count() < 3 || noun {
                    continue;
                }
                let first = surnames.entry(name).or_insert(after);
                *first = (*first).min(after);
            }
        }
        if let Some(&from) = surnames.values().min() {
            let first = capitalised.partition_point(|&(s, _)| s < from);
            for &(s, e) in &capitalised[first..] {
                // "Paxton, Illinois": a place written with its division or
                // country is that place, whoever bore the name before.
                let placed = || {
                    text[e..].starts_with(", ")
                        && look.starting_in(e + 2, e + 2).any(|o| {
                            o.top.label() == &Label::Place
                                && o.top.place().is_some_and(|p| p.type_rank() <= 1)
                                && !o.common
                        })
                };
                // "In Boston", "the town of Ashgrove": a known place after a
                // locative word is that place.
                let located = || {
                    (word_before(text, s, &PLACE_PREPOSITIONS).is_some()
                        || word_before(text, s, &OF).is_some_and(|o| word_before(text, o, &SETTLEMENTS).is_some()))
                        && look.starting_in(s, s).any(|o| o.end == e && o.top.label() == &Label::Place)
                };
                if surnames.get(&text[s..e]).is_some_and(|&after| s >= after) && !placed() && !located() {
                    added.push(Added { start: s, end: e, label: Label::Person, reason: Reason::SurnameLink });
                }
            }
        }
    }

    /// Organisations: capitalised words ending in a head noun or legal suffix,
    /// or a head noun followed by "of" and capitalised words.
    fn organisations(&mut self) {
        let Pass { text, cues, ref look, ref mut added, .. } = *self;
        for c in cues {
            let reason = if c.is(CueKind::OrgHead) {
                Reason::OrgHead
            } else if c.is(CueKind::LegalSuffix) {
                Reason::LegalSuffix
            } else {
                continue;
            };
            let head_cap = text[c.start..].chars().next().is_some_and(char::is_uppercase);
            if !head_cap {
                continue;
            }
            let before = caps_before(text, c.start, 4);
            let mut start = before.first().map_or(c.start, |b| b.0);
            // A known place or nationality the run cut short ("New" is a stop
            // word, and the run stops at a period): "New Hampshire Highway Patrol",
            // "D.C. Board of Elections".
            if let Some(m) = look.starting_in(start.saturating_sub(64), start).find(|m| {
                m.start < start
                    && matches!(m.top.label(), Label::Place | Label::Nationality)
                    && !m.common
                    && if m.end > start { m.end <= c.start } else { &text[m.end..start] == " " }
            }) {
                start = m.start;
            }
            let mut end = c.end;
            if reason == Reason::OrgHead {
                let rest = &text[c.end..];
                let trimmed = rest.trim_start_matches(' ');
                let skip = rest.len() - trimmed.len();
                for link in ["of ", "for "] {
                    if trimmed.starts_with(link) {
                        let from = c.end + skip + link.len();
                        let words = caps_after(text, from, 4);
                        if let Some(last) = words.last() {
                            end = last.1;
                        }
                    }
                }
                // "Major League Rugby": a sport after the head names the
                // league.
                if let Some(&(s, e)) = caps_after(text, c.end, 1).first().filter(|_| !before.is_empty()) {
                    if spaces_only(&text[c.end..s]) && SPORTS.contains(&text[s..e]) {
                        end = e;
                    }
                }
            }
            if start == c.start && end == c.end {
                continue;
            }
            // A capitalised run that starts the sentence keeps its first word
            // only when it is not a stop word (handled by caps_before).
            if before.len() == 1 && at_sentence_start(text, start) && end == c.end {
                // "Water Board said" at a sentence start is still an
                // organisation; "Yesterday Council" is not worth guessing.
                let w = &text[start..before[0].1];
                if w.chars().count() < 3 {
                    start = c.start;
                }
            }
            // "Western Front": a war's front named by its direction is a place.
            if &text[c.start..c.end] == "Front"
                && before.len() == 1
                && matches!(&text[before[0].0..before[0].1], "Western" | "Eastern" | "Southern" | "Northern")
            {
                added.push(Added { start, end, label: Label::Place, reason: Reason::FeatureHead });
                continue;
            }
            // A place the gazetteer knows by exactly these words ("Soviet
            // Union") is that place.
            let known_place = look
                .starting_in(start, start)
                .any(|m| m.end == end && m.top.label() == &Label::Place && !m.common && m.tokens > 1);
            if start < end && (start, end) != (c.start, c.end) && !known_place {
                added.push(Added { start, end, label: Label::Organization, reason });
            }
        }
    }

    /// Places that are the core of a longer name: widened to it, or, before
    /// a capitalised plural, the team named after them.
    fn place_cores(&mut self) {
        let Pass { text, matches, ref look, ref mut keep, ref mut added, ref mut widened, ref mut inside_name, .. } =
            *self;
        let mut clubs = Vec::new();
        for (i, m) in matches.iter().enumerate() {
            if m.top.label() != &Label::Place || m.case_sensitive || look.in_title(m.start, m.end) {
                continue;
            }
            // "Sunset over Lisbon", “Jupiter”: a place in the quoted title of a
            // work is part of the title.
            if in_quoted_title(text, &look.quotes, m.start, m.end) {
                inside_name[i] = true;
                continue;
            }
            // "All-America", "All-Ireland": a team or honour of the whole place.
            if text[..m.start].ends_with("All-") {
                keep[i] = None;
                continue;
            }
            // "9 a.m. PST": a time zone after a time of day.
            let before = text[..m.start].trim_end().as_bytes();
            let time = &before[before.len().saturating_sub(4)..];
            if [&b"a.m."[..], b"p.m.", b" am", b" pm"]
                .iter()
                .any(|t| time.len() >= t.len() && time[time.len() - t.len()..].eq_ignore_ascii_case(t))
                && text[m.start..m.end].chars().all(|c| c.is_ascii_uppercase())
            {
                keep[i] = None;
                continue;
            }
            // "Marburg virus", "Lassa fever": a disease named after the place.
            if next_word(text, m.end).is_some_and(|w| DISEASE_WORDS.contains(w)) {
                keep[i] = None;
                continue;
            }
            // "City of Ashford" is the place; "Battle of Hastings" or "Army
            // of the Rhine" a longer name with the place in it.
            if let Some((s, word)) = word_of_before(text, m.start) {
                if POLITY_OF.contains(word) {
                    // "Grand Duchy of Tuscany", "Kingdom of Poland": the state
                    // or division named after the place, which the place's
                    // entry stands for.
                    let s = word_before(text, s, &GRAND).unwrap_or(s);
                    if !look.other_covers(s, m) {
                        widened[i] = Some(Widened { start: s, end: m.end, keeps_entry: true });
                        keep[i] = Some(Reason::PlaceHead);
                        continue;
                    }
                } else if WATER_OF.contains(word) {
                    if !look.other_covers(s, m) {
                        widened[i] = Some(Widened { start: s, end: m.end, keeps_entry: false });
                        keep[i] = Some(Reason::PlaceHead);
                        continue;
                    }
                } else if NAME_OF.contains(word)
                    && !look.starting_in(s.saturating_sub(LONGEST_NAME), s).any(|o| o.end >= m.end)
                    && !at_sentence_start(text, s)
                    && !in_title_case_line(text, m.start)
                {
                    inside_name[i] = true;
                    continue;
                }
            }
            // A known longer name around it (West Virginia, Marlow County) is
            // the name; the selection keeps it.
            if look.other_covers(m.start, m) {
                continue;
            }
            // "Tanzania Liberation War", "Kent Valley Jazz Festival":
            // the place starts an event's name.
            if names_event(text, m.end) && !in_title_case_line(text, m.start) {
                inside_name[i] = true;
                continue;
            }
            // A small place named like an organisation's head takes no
            // direction before it ("Western Front" is a war's front).
            let head_word = named_like_head(look, m);
            let before = word_ending_before(text, m.start);
            if let Some(w) = widen_place(text, m.start, m.end, before).filter(|w| !(head_word && w.start < m.start)) {
                widened[i] = Some(w);
                keep[i] = Some(Reason::PlaceHead);
            } else if let Some((s, e)) = team_around(text, m.start, m.end, before)
                .filter(|_| !in_title_case_line(text, m.start) && !look.cue_at(m.start, m.end, CueKind::GivenName))
            {
                // The word after the place is no other name or cue word.
                let explained = e > m.end && {
                    let w = caps_after(text, m.end, 1).first().map_or(e, |&(w, _)| w);
                    let club = CLUB_AFTER.contains(&text[w..e]);
                    !club && (look.starting_in(w, w).next().is_some() || look.cue_starts_at(w, u8::MAX))
                };
                if !explained {
                    added.push(Added { start: s, end: e, label: Label::Organization, reason: Reason::Team });
                }
            } else if plays_for(text, before) && !look.other_covers(m.start, m) {
                // "played for Ashwell", "signed with Kelby", "AAA Wichita":
                // the club, not the town.
                added.push(Added { start: m.start, end: m.end, label: Label::Organization, reason: Reason::Team });
                clubs.push(i);
            }
        }
        // "played for Ashwell and South Ashford": the place joined to a
        // club by "and" is a club too.
        while let Some(i) = clubs.pop() {
            let end = matches[i].end;
            let Some(rest) = text[end..].strip_prefix(" and ") else { continue };
            let next = text.len() - rest.len();
            for j in look.indices_starting_in(next, next) {
                let n = &matches[j];
                if n.top.label() == &Label::Place
                    && !n.case_sensitive
                    && widened[j].is_none()
                    && !look.other_covers(n.start, n)
                {
                    added.push(Added { start: n.start, end: n.end, label: Label::Organization, reason: Reason::Team });
                }
            }
        }
    }

    /// Natural features and facilities the gazetteer does not know, named
    /// by a head word after or before capitalised words; true when one
    /// was added.
    fn features(&mut self) -> bool {
        let Pass { text, capitalised, ref look, ref mut added, .. } = *self;
        // Natural features and facilities the gazetteer does not know: a run
        // of capitalised words ending in a feature head ("Marlow Brook").
        let feature_from = added.len();
        for &(h, he) in capitalised {
            if !is_feature_head(&text[h..he]) {
                continue;
            }
            let before = caps_before(text, h, 3);
            let Some(&(start, _)) = before.first() else { continue };
            // Spaces only between the words; no title, calendar word or
            // organisation head in the run; the run is more than a
            // sentence's first word.
            let joined = before.windows(2).all(|w| spaces_only(&text[w[0].1..w[1].0]))
                && before.last().is_some_and(|&(_, e)| spaces_only(&text[e..h]));
            let cued = before.iter().any(|&(s, e)| look.cue_any(s, e, NAME_ENDS));
            // (At a sentence's start, one word before the head is evidence
            // only when it is a listed surname: "Walker Gym".)
            let surname = before.len() == 1 && look.cue_at(start, before[0].1, CueKind::Surname);
            if !joined || cued || (before.len() == 1 && at_sentence_start(text, start) && !surname) {
                continue;
            }
            // A known name of several words already covers it (a widened
            // place, Red Square).
            let known = look
                .starting_in(start.saturating_sub(LONGEST_NAME), he)
                .any(|m| m.start <= start && m.end >= he && m.tokens > 1);
            // A numbered road ("County Road 117") is a route, not a place name;
            // a place's House ("Vermont House") its legislature.
            let numbered = text[he..].trim_start_matches(' ').starts_with(|c: char| c.is_ascii_digit());
            let legislature = &text[h..he] == "House"
                && look.starting_in(start, h).any(|m| {
                    m.top.label() == &Label::Place
                        && m.top.place().is_some_and(|p| p.type_rank() <= 1)
                        && spaces_only(&text[m.end..h])
                });
            // "Dover and Ashford Railroad", "Kelby, Marlow and
            // Dunmore Railway": a line is named after the places it joins.
            let start =
                if matches!(&text[h..he], "Railway" | "Railroad") { joined_names_before(text, start) } else { start };
            if !known && !numbered && !legislature {
                added.push(Added { start, end: he, label: Label::Place, reason: Reason::FeatureHead });
            }
        }
        // The same with the head first ("Camp Ridley", "River Mersey"): one
        // capitalised word that no name or cue explains, with no capitalised
        // word on either side ("St. Annes River Festival" is an event).
        for &(h, he) in capitalised {
            if !FEATURE_BEFORE.contains(&text[h..he]) || !caps_before(text, h, 1).is_empty() {
                continue;
            }
            let [(s, e)] = caps_after(text, he, 2)[..] else { continue };
            // A place or a person of that one word is the feature's namesake
            // ("Camp Ridley"); another name or a cue word is not.
            let other = look
                .starting_in(s, s)
                .any(|m| m.tokens > 1 || !matches!(m.top.label(), Label::Place | Label::Person) || m.case_sensitive);
            if text[he..s] != *" " || look.cue_any(s, e, NAME_ENDS) || other {
                continue;
            }
            let known = look.starting_in(h.saturating_sub(LONGEST_NAME), h).any(|m| m.start < h && m.end > h);
            if !known && !look.starting_in(h, h).any(|m| m.tokens > 1) {
                added.push(Added { start: h, end: e, label: Label::Place, reason: Reason::FeatureHead });
            }
        }
        added.len() > feature_from
    }

    /// "The" capitalised inside a sentence starts a name.
    fn the_names(&mut self) {
        let Pass { text, matches, capitalised, ref look, ref mut keep, ref mut added, .. } = *self;
        for &(s, e) in capitalised {
            if &text[s..e] != "The" {
                continue;
            }
            let Some((end, first)) = the_name(text, look, s, e) else { continue };
            // A name the gazetteer matched from the "The" is that name ("The
            // Hague").
            if look.starting_in(s, s).next().is_some() {
                continue;
            }
            // A place, a person or a nationality covering the words is that
            // ("The U.S.", "The Peruvian government").
            let exact: Vec<usize> = look.indices_starting_in(first, first).filter(|&i| matches[i].end >= end).collect();
            if exact.iter().any(|&i| matches[i].top.label() != &Label::Organization) {
                continue;
            }
            // An organisation the gazetteer knows is its name without the
            // "The" (CoNLL and OntoNotes leave the article out, and a span
            // with an entry is the text of the entry's name), kept from the
            // filters that would take the "The" for the start of a longer
            // name; only a name the gazetteer does not know takes it in.
            if let Some(&i) = exact.iter().find(|&&i| matches[i].end == end) {
                keep[i] = Some(Reason::TheName);
            } else {
                added.push(Added { start: s, end, label: Label::Organization, reason: Reason::TheName });
            }
        }
    }

    /// "the League" after "the Caspian League of Rights": the head noun
    /// of an organisation named earlier, alone after "the".
    fn org_links(&mut self) {
        let Pass { text, matches, cues, ref mut added, .. } = *self;
        let mut orgs: Vec<(usize, usize)> = added
            .iter()
            .filter(|a| a.label == Label::Organization && a.reason != Reason::Team)
            .map(|a| (a.start, a.end))
            .chain(
                matches
                    .iter()
                    .filter(|m| m.top.label() == &Label::Organization && m.tokens > 1)
                    .map(|m| (m.start, m.end)),
            )
            .collect();
        orgs.sort_unstable();
        for c in cues.iter().filter(|c| c.is(CueKind::OrgHead)) {
            let word = &text[c.start..c.end];
            if !word.starts_with(char::is_uppercase)
                || !prev_word(text, c.start).is_some_and(|w| w.eq_ignore_ascii_case("the"))
            {
                continue;
            }
            // Alone: right after "the", no capitalised word or "of" after it.
            let alone =
                caps_after(text, c.end, 1).is_empty() && !text[c.end..].trim_start_matches(' ').starts_with("of ");
            if !alone {
                continue;
            }
            let earlier = orgs[..orgs.partition_point(|&(s, _)| s < c.start)]
                .iter()
                .any(|&(s, e)| e <= c.start && text[s..e].split_whitespace().any(|w| w == word));
            if earlier {
                added.push(Added { start: c.start, end: c.end, label: Label::Organization, reason: Reason::OrgLink });
            }
        }
    }

    /// Filters on gazetteer matches.
    fn filters(&mut self) {
        let Pass { text, matches, capitalised, ref look, ref mut keep, ref mut widened, .. } = *self;
        for (i, m) in matches.iter().enumerate() {
            // (A place inside a longer name still goes through the filters:
            // dropped here, it is dropped even when places inside names are
            // asked for. An organisation after a capital "The" is decided.)
            if widened[i].is_some() || keep[i] == Some(Reason::TheName) {
                continue;
            }
            // "14 June 803": a date, not the village named after one.
            if m.tokens == 2 {
                let written = &text[m.start..m.end];
                let day =
                    written.split(' ').next().is_some_and(|d| d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()));
                let year = text[m.end..]
                    .strip_prefix(' ')
                    .is_some_and(|r| r.bytes().take_while(u8::is_ascii_digit).count() >= 3);
                if day
                    && year
                    && written
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| look.cue_at(m.end - w.len(), m.end, CueKind::Calendar))
                {
                    keep[i] = None;
                    continue;
                }
            }
            // A name of several words that ends in a lowercase function word
            // in the text ("Wing on 3 April" for the alias "Wing-on") is the
            // first word and the sentence going on.
            if m.tokens > 1
                && !m.case_sensitive
                && text[m.start..m.end]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_lowercase) && is_stop(w))
            {
                keep[i] = None;
                continue;
            }
            if m.tokens != 1 || m.case_sensitive {
                continue;
            }
            // A small place named like an organisation's head ("Front",
            // "Union") is that head word in a name.
            if m.top.label() == &Label::Place && named_like_head(look, m) {
                keep[i] = None;
                continue;
            }
            let rank = m.top.place().map_or(5, |p| p.type_rank());
            let in_title = look.in_title(m.start, m.end);
            if look.cue_at(m.start, m.end, CueKind::Calendar) || is_roman_numeral(&text[m.start..m.end]) || in_title {
                keep[i] = None;
                continue;
            }
            // A one-word organisation beside a capitalised word nothing
            // explains is part of a longer name ("Grand Shell", "Lotto
            // Sport"), not the organisation the gazetteer knows.
            if m.top.label() == &Label::Organization
                && (longer_name_after(text, look, m) || longer_name_before(text, look, m))
            {
                keep[i] = None;
                continue;
            }
            // Nationalities are capitalised adjectives: "French" or "Polish" is
            // rarely the common word, except at the start of a sentence.
            if m.top.label() == &Label::Nationality {
                if m.common && at_sentence_start(text, m.start) {
                    keep[i] = None;
                }
                continue;
            }
            let is_place = m.top.label() == &Label::Place;
            // A short word in capitals ("APC", "ZQX") is an acronym, not the
            // place of the same letters, unless it is a dateline ("BAKU, ...")
            // or a big place.
            let written = &text[m.start..m.end];
            let letters = written.chars().filter(|c| c.is_alphabetic()).count();
            if is_place
                && letters <= 4
                && written.chars().all(|c| !c.is_lowercase())
                && !is_big_place(m.top)
                && !text[m.end..].starts_with(',')
            {
                keep[i] = None;
                continue;
            }
            // A small place joined by a hyphen to a capitalised word no name
            // explains is part of a compound ("Pre-Raphaelite", "Kelso-Dav");
            // "Baku-Tbilisi" or "Dallas-Fort Worth" keep theirs.
            if is_place && !is_big_place(m.top) && hyphen_compound(text, look, m) {
                keep[i] = None;
                continue;
            }
            // A small place followed by a capitalised word no name or cue
            // explains is the first word of a longer, unknown name ("Birmingham
            // City", "Marlow Fields", "Paris Hilton").
            if is_place && !is_big_place(m.top) && longer_name_after(text, look, m) {
                keep[i] = None;
                continue;
            }
            // Two small places side by side, spaces only between them, are a
            // name of two words ("Wu Anqing"), not two places.
            if is_place && !is_big_place(m.top) && small_place_beside(text, look, capitalised, m) {
                keep[i] = None;
                continue;
            }
            let person_word =
                look.cue_at(m.start, m.end, CueKind::GivenName) || look.cue_at(m.start, m.end, CueKind::Surname);
            // A given name or surname that is also a place is a person when a
            // speech verb follows ("Jackson said"); otherwise a place of some
            // size, or one after a locative preposition.
            let speaker = person_word && next_word(text, m.end).is_some_and(|w| SPEECH.contains_ignore_case(w));
            if speaker {
                keep[i] = None;
                continue;
            }
            let big = if person_word { rank <= 2 || m.max_population() >= 50_000 } else { is_big_place(m.top) };
            if m.common || (person_word && is_place && !big) {
                if rank <= 1 && !m.common {
                    continue;
                }
                let prep = prev_word(text, m.start).is_some_and(|w| LOCATIVE.contains_ignore_case(w));
                let comma_place = {
                    let rest = &text[m.end..];
                    rest.starts_with(", ")
                        && look.starting_in(m.end + 2, m.end + 2).any(|o| o.top.label() == &Label::Place && !o.common)
                };
                keep[i] = if is_place && prep && !person_word {
                    Some(Reason::Preposition)
                } else if is_place && comma_place {
                    Some(Reason::PlaceAfterComma)
                } else if rank == 0 && !at_sentence_start(text, m.start) && !person_word {
                    Some(Reason::Gazetteer)
                } else {
                    None
                };
            }
        }
    }

    /// A big place, or one of several words, kept so far and followed by a
    /// capitalised word nothing explains starts a longer name ("Orlando
    /// Magic", "Kent City Railroad"), unless the line is a headline.
    fn longer_names(&mut self) {
        let Pass { text, matches, ref look, ref mut keep, ref mut widened, ref mut inside_name, .. } = *self;
        for (i, m) in matches.iter().enumerate() {
            if keep[i].is_some()
                && widened[i].is_none()
                && !inside_name[i]
                && m.top.label() == &Label::Place
                && !m.case_sensitive
                && (m.tokens > 1 || is_big_place(m.top))
                && longer_name_after(text, look, m)
                && !in_title_case_line(text, m.start)
                && !look.starting_in(m.start.saturating_sub(LONGEST_NAME), m.start).any(|o| o.end > m.end)
            {
                inside_name[i] = true;
            }
        }
    }
}

/// side, with no space, and no other match starts (after) or ends (before)
/// at that word.
fn hyphen_compound(text: &str, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    // A word, not an acronym or an initial: "D-Charleston" (a party and a
    // district) and "Tulsa-CH" (a school team) keep the place.
    let word =
        |w: &str| w.chars().count() >= 2 && w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let after = text[m.end..].strip_prefix('-').is_some_and(|r| {
        let w = m.end + 1;
        word(&r[..r.len() - r.trim_start_matches(char::is_alphanumeric).len()])
            && look.starting_in(w, w).next().is_none()
    });
    let before = text[..m.start].strip_suffix('-').is_some_and(|b| {
        let word_start = b.trim_end_matches(char::is_alphanumeric).len();
        word(&b[word_start..])
            && !look.starting_in(word_start.saturating_sub(LONGEST_NAME), word_start).any(|o| o.end == b.len())
    });
    // A longer known name over the compound ("Nagorno-Karabakh") is that
    // name; the selection keeps it.
    (after || before) && !look.other_covers(m.start, m)
}

/// True when a one-word match is a small place named like an
/// organisation's head word ("Front", "Union").
fn named_like_head(look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    m.tokens == 1 && !is_big_place(m.top) && look.cue_at(m.start, m.end, CueKind::OrgHead)
}

/// True when the first of `words` is a country's name.
fn country_first(look: &Lookup<'_, '_>, words: &[(usize, usize)]) -> bool {
    let Some(&(s, e)) = words.first() else { return false };
    look.starting_in(s, s)
        .any(|m| m.end == e && m.top.place().is_some_and(|p| p.type_rank() == 0) && m.top.label() == &Label::Place)
}

/// The start of an ordinal number ("57th", "41st", "2d", "1st") and one space
/// right before byte `pos`.
fn ordinal_before(text: &str, pos: usize) -> Option<usize> {
    let before = text[..pos].strip_suffix(' ')?;
    let word = &before[before.trim_end_matches(|c: char| c.is_ascii_alphanumeric()).len()..];
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ordinal = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th" | "d");
    ordinal.then(|| before.len() - word.len())
}

/// Lowercase particles inside people's names.
static PARTICLES: List = List::new(&[
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "du", "la", "le", "dos", "das", "bin", "ibn", "al",
    "el",
]);

/// The words of a name after byte `end` that one or two particles lead
/// into: " de Vaucelle", " de la Cruz", " van der Berg" (at most two more
/// capitalised words, no cue word among them); empty when none.
fn particle_tail(text: &str, look: &Lookup<'_, '_>, end: usize) -> Run {
    let mut at = end;
    for _ in 0..2 {
        let rest = &text[at..];
        let Some(word) =
            rest.strip_prefix(' ').map(|r| &r[..r.len() - r.trim_start_matches(char::is_alphabetic).len()])
        else {
            break;
        };
        if !PARTICLES.contains(word) || !rest[1 + word.len()..].starts_with(' ') {
            break;
        }
        at += 1 + word.len();
        // (Fewer words than the run read: the collection fits.)
        let words: Run = caps_after(text, at, 2)
            .into_iter()
            .take_while(|&(s, e)| spaces_only(&text[at..s]) && !look.cue_any(s, e, NAME_ENDS))
            .collect();
        if !words.is_empty() {
            return words;
        }
    }
    Run::new()
}

/// Words before a title of a work: "the film The Shining" names a work,
/// not an organisation.
static WORKS: List = List::new(&[
    "film",
    "movie",
    "novel",
    "book",
    "album",
    "song",
    "single",
    "track",
    "play",
    "musical",
    "opera",
    "series",
    "show",
    "sitcom",
    "episode",
    "poem",
    "painting",
    "story",
    "game",
    "documentary",
    "EP",
    "LP",
    "titled",
    "entitled",
    "called",
    "named",
    "film's",
    "book's",
]);

/// Words that join the capitalised words of a name after "The" ("The
/// Lords of Ashford Hall", "The Society for Science"); not "and", which
/// as often joins two names, nor "to" or "on" ("told The Times on
/// Monday").
const NAME_LINKS: &[&str] = &["of", "for"];

/// The end of the name a capital "The" at `s..e` starts inside a sentence,
/// and the start of its first word after "The"; `None` when the "The"
/// starts the sentence or a headline, follows a quotation mark or a word
/// that announces a work, or no capitalised word follows.
fn the_name(text: &str, look: &Lookup<'_, '_>, s: usize, e: usize) -> Option<(usize, usize)> {
    if at_sentence_start(text, s) || in_title_case_line(text, s) {
        return None;
    }
    let before = text[..s].trim_end_matches(' ');
    if before.ends_with(['"', '\'', '“', '‘', '«']) {
        return None;
    }
    if prev_word(text, s).is_some_and(|w| WORKS.contains(w)) {
        return None;
    }
    let mut words = caps_after(text, e, 6);
    let first = words.first()?.0;
    // A title or a calendar word alone is no name ("The President", "The
    // Monday"; "The Sunday Ledger" is).
    if words.len() == 1 && look.cue_any(first, words[0].1, TITLE_OR_CALENDAR) {
        return None;
    }
    // A calendar word after the first ends the name ("told The Harwick
    // Gazette Tuesday").
    if let Some(k) = words.iter().skip(1).position(|&(ws, we)| look.cue_at(ws, we, CueKind::Calendar)) {
        words.truncate(k + 1);
    }
    // (The run fills up to its capacity at most.)
    while words.len() < RUN {
        let Some(&(_, last)) = words.last() else { break };
        let rest = &text[last..];
        let Some(link) = NAME_LINKS
            .iter()
            .find(|l| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(**l)).is_some_and(|r| r.starts_with(' ')))
        else {
            break;
        };
        let more: Vec<(usize, usize)> = caps_after(text, last + 1 + link.len(), RUN - words.len())
            .into_iter()
            .take_while(|&(ws, we)| !look.cue_any(ws, we, TITLE_OR_CALENDAR))
            .collect();
        if more.is_empty() {
            break;
        }
        words.extend(more);
    }
    Some((words.last()?.1, first))
}

/// The item of a list right after byte `pos` (the end of an item): after
/// `,`, `and` or `, and`, two or three capitalised words, then the end of
/// the item (`,`, `and`, `.`, `;`, `)` or the end of the text).
fn list_item_after(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = text.get(pos..)?;
    let trimmed = rest.trim_start_matches(' ');
    let sep = if let Some(r) = trimmed.strip_prefix(',') {
        let r = r.trim_start_matches(' ');
        r.strip_prefix("and ").unwrap_or(r)
    } else {
        trimmed.strip_prefix("and ")?
    };
    let from = text.len() - sep.trim_start_matches(' ').len();
    let words = caps_after(text, from, 4);
    let (&(first, _), &(_, last)) = (words.first()?, words.last()?);
    if first != from || !(2..=3).contains(&words.len()) || !item_ends(&text[last..]) || !spaced(text, &words) {
        return None;
    }
    Some((first, last))
}

/// True when `s` is nothing but spaces (or empty): two words side by side.
fn spaces_only(s: &str) -> bool {
    s.bytes().all(|b| b == b' ')
}

/// True when the words are apart by one space (or a period and a space
/// after an initial): "D-Charleston" is no name of two words.
fn spaced(text: &str, words: &[(usize, usize)]) -> bool {
    words.windows(2).all(|w| matches!(&text[w[0].1..w[1].0], " " | ". "))
}

/// The item of a list right before byte `pos` (the start of an item): two
/// or three capitalised words, then `,`, `and` or `, and`; before them a
/// separator, a colon or the start of a line.
fn list_item_before(text: &str, pos: usize) -> Option<(usize, usize)> {
    let before = text.get(..pos)?.trim_end_matches(' ');
    let before = if let Some(b) = before.strip_suffix(" and") {
        b.trim_end_matches(' ').strip_suffix(',').unwrap_or(b)
    } else {
        before.strip_suffix(',')?
    };
    let end = before.trim_end_matches(' ').len();
    let words = caps_before(text, end, 4);
    let (&(first, _), &(_, last)) = (words.first()?, words.last()?);
    if last != end || !(2..=3).contains(&words.len()) || !spaced(text, &words) {
        return None;
    }
    let head = text[..first].trim_end_matches(' ');
    let starts_item = head.is_empty()
        || head.ends_with([',', ':', '(', '\n', ';'])
        || head.ends_with(" and")
        || head.ends_with(" including")
        || head.ends_with(" with");
    starts_item.then_some((first, last))
}

/// True when what follows ends a list item.
fn item_ends(rest: &str) -> bool {
    let r = rest.trim_start_matches(' ');
    r.is_empty() || r.starts_with([',', '.', ';', ')', '\n']) || r.starts_with("and ")
}

/// True when the words of `item` may be a person's name: no head word of
/// a feature or facility, no cue other than given names and surnames, no
/// name of an organisation, a nationality or a big place.
///
/// With `strong` evidence (initials), only an organisation, a nationality
/// or a country in it says no.
fn person_like(text: &str, look: &Lookup<'_, '_>, (start, end): (usize, usize), strong: bool) -> bool {
    let item = &text[start..end];
    if item.split([' ', '.']).any(|w| NOT_PERSON.contains_ignore_case(w)) {
        return false;
    }
    // A plural is no surname ("Ashford Parks"), unless listed as one.
    let last = item.rsplit(' ').next().unwrap_or(item);
    if last.ends_with('s') && !look.cue_at(end - last.len(), end, CueKind::Surname) {
        return false;
    }
    let cue_bits = CueKind::Title.bit() | CueKind::OrgHead.bit() | CueKind::LegalSuffix.bit() | CueKind::Calendar.bit();
    let mut pos = start;
    for w in item.split(' ') {
        if look.cue_starts_at(pos, cue_bits) {
            return false;
        }
        pos += w.len() + 1;
    }
    !look.starting_in(start.saturating_sub(LONGEST_NAME), end).any(|m| {
        m.end > start
            && (m.top.label() == &Label::Organization
                || m.top.label() == &Label::Nationality
                || (m.top.label() == &Label::Place
                    && if strong {
                        m.top.place().is_some_and(|p| p.type_rank() == 0)
                    } else {
                        is_big_place(m.top) || m.tokens > 1
                    }))
    })
}

/// Words after a town that name its administration, not a second place.
static TOWN_WORDS: List = List::new(&["Town", "Village", "City", "Township", "Borough", "County"]);

/// True when a one-word small place stands right before or after the
/// match, spaces only between them.
fn small_place_beside(text: &str, look: &Lookup<'_, '_>, capitalised: &[(usize, usize)], m: &Match<'_>) -> bool {
    // A cue word ("Police", "Town") is no place here.
    let small = |o: &Match<'_>| {
        o.tokens == 1
            && o.top.label() == &Label::Place
            && !is_big_place(o.top)
            && !o.case_sensitive
            && !look.cue_starts_at(o.start, u8::MAX)
    };
    // The capitalised words just after and just before, spaces only
    // between (found by binary search: no tokenizing).
    let k = capitalised.partition_point(|&(s, _)| s < m.end);
    let next = capitalised.get(k).filter(|&&(s, _)| s > m.end && spaces_only(&text[m.end..s]));
    let j = capitalised.partition_point(|&(s, _)| s < m.start);
    let prev = j
        .checked_sub(1)
        .and_then(|j| capitalised.get(j))
        .filter(|&&(_, e)| e < m.start && spaces_only(&text[e..m.start]));
    let after = next.is_some_and(|&(s, e)| {
        !TOWN_WORDS.contains(&text[s..e]) && look.starting_in(s, s).any(|o| o.end == e && small(o)) && {
            // "Kelby Town Council", "Ashford Superior Court": a
            // place, a word and a head make an organisation's name.
            let then = capitalised.get(k + 1).filter(|&&(s2, _)| spaces_only(&text[e..s2]));
            !then.is_some_and(|&(s2, e2)| {
                look.cue_at(s2, e2, CueKind::OrgHead) || is_feature_head(&text[s2..e2]) || text[s2..e2] == *"Hall"
            })
        }
    });
    let before = prev.is_some_and(|&(s, e)| look.starting_in(s, s).any(|o| o.end == e && small(o)));
    after || before
}

/// True when a capitalised word follows the match, separated by spaces
/// only, and no name or cue starts there to explain it: the match is the
/// first word of a longer, unknown name ("Birmingham City", "Marlow
/// Fields", "Paris Hilton").
fn longer_name_after(text: &str, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    let Some(&(s, e)) = caps_after(text, m.end, 1).first() else { return false };
    let explained = look.starting_in(s, s).next().is_some() || look.cue_starts_at(s, NAME_ENDS);
    let adjacent = spaces_only(&text[m.end..s]);
    adjacent && !explained && e > s
}

/// Sports that follow a league's head word in its name.
static SPORTS: List = List::new(&[
    "Baseball",
    "Football",
    "Basketball",
    "Hockey",
    "Soccer",
    "Rugby",
    "Cricket",
    "Lacrosse",
    "Volleyball",
    "Softball",
    "Handball",
    "Darts",
    "Snooker",
    "Bowling",
]);

/// True when a capitalised word nothing explains (no match, no cue) comes
/// right before the match, spaces only between, and does not start the
/// sentence.
fn longer_name_before(text: &str, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    let Some(&(s, e)) = caps_before(text, m.start, 1).last() else { return false };
    let explained = look.starting_in(s, s).next().is_some() || look.cue_starts_at(s, u8::MAX);
    spaces_only(&text[e..m.start]) && !explained && !at_sentence_start(text, s)
}

/// Acronyms: a word of 2 to 8 capitals, not a name or cue already, is an
/// organisation when the text defines it after an organisation's name
/// ("Anadolu Agency (AA)") or uses it at least twice outside headings.
fn acronyms(
    text: &str,
    look: &Lookup<'_, '_>,
    kept: &rustc_hash::FxHashSet<usize>,
    caps: &[Capitals],
    added: &mut Vec<Added>,
) {
    let mut seen: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    let mut defined: Vec<&str> = Vec::new();
    for t in caps {
        let word = &text[t.start..t.end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        // A run of capitals is a heading or a dateline, not an acronym.
        if letters >= 2 && !t.prev_upper && !t.next_upper && letters <= 8 && !is_roman_numeral(word) {
            let cue_bits =
                CueKind::Title.bit() | CueKind::OrgHead.bit() | CueKind::LegalSuffix.bit() | CueKind::Calendar.bit();
            let known = kept.contains(&t.start) || look.cue_starts_at(t.start, cue_bits);
            if !known {
                seen.entry(word).or_default().push((t.start, t.end));
                let before = text[..t.start].trim_end();
                let after = &text[t.end..];
                if before.ends_with('(') && after.starts_with(')') {
                    let inside = before[..before.len() - 1].trim_end();
                    let org_before = added.iter().any(|a| a.label == Label::Organization && a.end == inside.len())
                        || look
                            .starting_in(inside.len().saturating_sub(LONGEST_NAME), inside.len())
                            .any(|m| m.end == inside.len() && m.top.label() == &Label::Organization);
                    if org_before {
                        defined.push(word);
                    }
                }
            }
        }
    }
    for (word, places) in seen {
        if (places.len() >= 2 || defined.contains(&word)) && !lists::not_acronym(word) {
            for (s, e) in places {
                added.push(Added { start: s, end: e, label: Label::Organization, reason: Reason::Acronym });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_blind_lists_are_lowercase() {
        for list in [&STOP, &SPEECH, &NOT_PERSON, &LOCATIVE] {
            for w in list.list() {
                assert!(w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{w:?}");
                assert!(list.contains_ignore_case(w) && list.contains_ignore_case(&w.to_ascii_uppercase()), "{w:?}");
            }
        }
    }

    #[test]
    fn word_before_reads_bytes_as_the_general_path_reads_characters() {
        static WORDS: List = List::new(&["Mt", "Lake", "in", "Ciudad", "ǅemal"]);
        let words = &WORDS;
        // (text, the word's end, expected word start)
        let table: &[(&str, Option<&str>)] = &[
            ("Mt. Hood", Some("Mt")),
            ("Mt Hood", Some("Mt")),
            ("Mt.Hood", None),
            ("in Baku", Some("in")),
            ("in  Baku", Some("in")),
            ("within Baku", None),
            ("Lake Placid", Some("Lake")),
            ("Salt-Lake Placid", None),
            ("(Lake Placid", Some("Lake")),
            ("éLake Placid", None),
            ("Ciudad Juárez", Some("Ciudad")),
            ("ǅemal Baku", Some("ǅemal")),
            ("xǅemal Baku", None),
            ("—Lake Placid", Some("Lake")),
            (" Baku", None),
            ("Baku", None),
        ];
        for &(text, want) in table {
            let pos = text.rfind(' ').map_or(text.len(), |i| i + 1);
            let got = word_before(text, pos, words).and_then(|s| text[s..].split([' ', '.']).next());
            assert_eq!(got, want, "{text:?}");
            assert_eq!(word_ending_before(text, pos), word_ending_before_general(text, pos), "{text:?}");
        }
        // Off a character boundary or past the end: no word.
        assert_eq!(word_before("é Baku", 1, words), None);
        assert_eq!(word_before("in", 9, words), None);
    }

    #[test]
    fn context_helpers() {
        let text = "Troops moved in Nice. The Defense Ministry of Azerbaijan said.";
        assert_eq!(prev_word(text, text.find("Nice").unwrap()), Some("in"));
        assert_eq!(prev_word(text, 0), None);
        assert!(at_sentence_start(text, 0));
        assert!(at_sentence_start(text, text.find("The").unwrap()));
        assert!(!at_sentence_start(text, text.find("Nice").unwrap()));
        let at = text.find("Ministry").unwrap();
        let before: Vec<&str> = caps_before(text, at, 4).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(before, ["Defense"]);
        let after: Vec<&str> =
            caps_after(text, at + "Ministry of".len(), 4).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(after, ["Azerbaijan"]);
        let text = "Minister J. R. Smith spoke";
        let after: Vec<&str> = caps_after(text, "Minister".len(), 4).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(after, ["J", "R", "Smith"]);
    }
}

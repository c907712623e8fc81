/*!
Find people, places, organisations and nationalities in text with
gazetteers compiled into a trie over token ids, and get spans whose byte
offsets are exact in the text you gave.

# Overview

- [`Gazetteer`]: a set of [`Entry`] values (id, canonical name, [`Label`],
  aliases, and for places a [`Place`] with coordinates, country, admin1,
  feature code and population). Fill it with a [`Loader`] from our TSV,
  JSONL or a GeoNames dump, from code with [`Entry::builder`], or start from
  [`Gazetteer::bundled`].
- [`Extractor`]: the gazetteer compiled for matching. Immutable, `Send +
  Sync`, cheap to clone. [`Extractor::extract`] takes one text,
  [`Extractor::extract_batch`] many on all cores. [`Extractor::save`] and
  [`Extractor::load`] keep the compiled extractor in a file, so that a
  process starts in a fraction of the time compiling takes; reading one
  checks it and reports a [`SnapshotError`] for damaged bytes.
- [`Span`]: what is found: byte range, matched text, label, the chosen entry
  and every candidate entry the surface form may name.
- [`Extractor::resolve_spans`]: spans another tool found (a statistical NER,
  an LLM), each looked up by its text and resolved in the document's
  context ([`Context`]): gazet as a geocoder of someone else's entities.
- Outputs built from spans: [`conll`] (IOB tags), [`spacy_json`] (spaCy
  and Prodigy), [`GeoJson`] (the resolved places of a corpus), [`Html`]
  (the text highlighted by label with an SVG map of its places).

# How names are matched

Names are not matched byte by byte. The text is cut into tokens (words,
numbers, punctuation), each token is folded and looked up once in the
vocabulary of the gazetteer's names, and a name is a path of token ids in
a trie. The scan walks the trie from every live prefix: at each token it
starts a walk at the root and moves each walk still alive one edge on,
reporting the walks that reach the end of a name. It is the token-level
counterpart of an Aho-Corasick automaton: the same matches a multi-pattern
automaton over tokens would give, without failure links, because names
are a few tokens long and few walks are ever alive at once. Why tokens and
not bytes: words no name has (most words of a text, and every lowercase
word where the names are capitalised) never reach the trie, matches start
and end on word boundaries by construction, and the index grows with a few
bytes per edge, so that ten million names compile in well under the
memory a byte-level automaton needs.

# Example: extract with the bundled gazetteer

```
use gazet::{Extractor, Gazetteer, Label};

let ex = Extractor::new(Gazetteer::bundled())?;
let text = "BAKU – Azerbaijan’s Defense Ministry said Armenian units moved near Kəlbəcər.";
for span in ex.extract(text) {
    println!("{:>3}..{:<3} {:<4} {}", span.start(), span.end(), span.label(), span.as_str());
}
let spans = ex.extract(text);
let got: Vec<(&str, &Label)> = spans.iter().map(|s| (s.as_str(), s.label())).collect();
assert_eq!(got, [
    ("BAKU", &Label::Place),
    ("Azerbaijan", &Label::Place),
    ("Defense Ministry", &Label::Organization),
    ("Armenian", &Label::Nationality),
    ("Kəlbəcər", &Label::Place),
]);
# Ok::<(), gazet::BuildError>(())
```

# Example: a gazetteer of your own

```
use gazet::{Extractor, Label, Loader};

let tsv = "\
id\tname\tlabel\taliases\tcase_sensitive
ship:1\tEver Given\tSHIP\t\t
org:ots\tOrganization of Turkic States\tORG\tOTS\tOTS
";
let loaded = Loader::new().tsv_reader(tsv.as_bytes(), None)?;
let mut gaz = gazet::Gazetteer::new();
gaz.extend(loaded.into_entries())?;
let ex = Extractor::new(gaz)?;

let spans = ex.extract("The OTS summit; the Ever Given; the word ots.");
let got: Vec<(&str, &str)> = spans.iter().map(|s| (s.as_str(), s.label().as_str())).collect();
assert_eq!(got, [("OTS", "ORG"), ("Ever Given", "SHIP")]);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Example: ambiguous names keep every candidate

```
use gazet::{Coord, CountryCode, Entry, Extractor, Gazetteer, Label, Place, FeatureCode};

let place = |cc: &str, code: &str, lat: f64, lon: f64| -> Result<Place, gazet::LoadError> {
    let mut p = Place::default();
    p.country = Some(CountryCode::new(cc)?);
    p.feature_code = Some(FeatureCode::new(code)?);
    p.coord = Some(Coord::new(lat, lon)?);
    Ok(p)
};
let mut gaz = Gazetteer::new();
gaz.push(Entry::builder("gn:4197000", "Georgia", Label::Place).place(place("US", "ADM1", 32.75, -83.5)?).build()?)?;
gaz.push(Entry::builder("gn:614540", "Georgia", Label::Place).place(place("GE", "PCLI", 42.0, 43.5)?).build()?)?;
let ex = Extractor::new(gaz)?;

let spans = ex.extract("Georgia");
let ids: Vec<&str> = spans[0].candidates().iter().map(|c| c.entry().id()).collect();
// The country comes first by default; later stages may choose the state.
assert_eq!(ids, ["gn:614540", "gn:4197000"]);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Matching rules

- **Tokens and folding.** Text and names are cut into the same tokens and
  folded the same way: compatibility decomposition, full Unicode lowercase,
  combining marks dropped, and letters that do not decompose mapped (`ə`->e,
  `ı`->i, `ł`->l, `ø`->o, `đ`->d, `ß`->ss, `æ`->ae). Whitespace runs and
  dashes between words are alike (`Nagorno-Karabakh`, `Nagorno Karabakh`,
  `Nagorno–Karabakh`); apostrophe and quote variants are unified. A blank
  line stops any match. [`match_key`] shows the key a string matches under;
  [`normalize`] gives the normalised view of a text with its offset map.
- **Word boundaries.** Matches start and end on token boundaries: `Armenia`
  never matches inside `Armenian`, while `Azerbaijan’s`, `Russia-brokered`
  and `Turkish-Russian` still give `Azerbaijan`, `Russia`, `Turkish` and
  `Russian`.
- **Case policy.** By default a name matches where the text writes it as a
  proper name: every word that the gazetteer capitalises starts with a
  capital in the text (ALL CAPS included, so `BAKU,` in a dateline matches);
  words the gazetteer writes in lowercase (`de` in `Santiago de Compostela`) match
  in any case. A case-sensitive name ([`NameFlags::case_sensitive`], for
  acronyms such as `AA`) matches only with the same case letter by letter.
  An entry marked [`Entry::any_case`] matches in any case.
- **Match kinds.** [`MatchKind::LeftmostLongest`] (default) or
  [`MatchKind::Overlapping`] (every match, nested ones included).

# Rules and geography

After matching, rules ([`ExtractorBuilder::rules`], default on) drop
matches without evidence (calendar words, sentence-initial common words,
common-word places without a locative preposition, person names read as
small places, places that only start or end a longer name such as "Orlando
Magic" or "Battle of Hastings") and add people (after titles, from given
names or initials, names listed with people, surname links),
organisations (head nouns, `of` phrases, legal suffixes, acronyms, teams,
names after a capital "The" inside a sentence: "told The Harwick Gazette")
and features the gazetteer lacks ("Marlow Brook", "Tanner Street").
Then resolution ([`ExtractorBuilder::resolve`], default on) chooses each
place's entry from the whole text: countries and divisions named
elsewhere, `Name, Division` patterns and nearby places; a street or a
creek takes the point of the town named nearest it. [`Span::reason`] and
[`Span::evidence`] say why.

```
use gazet::{Evidence, Extractor, Gazetteer, Reason};

let ex = Extractor::new(Gazetteer::bundled())?;
let spans = ex.extract("Storms hit Georgia overnight; Atlanta lost power, Gov. Brian Kemp said.");
let georgia = &spans[0];
assert_eq!(georgia.country().map(|c| c.to_string()).as_deref(), Some("US"));
assert_eq!(georgia.evidence(), Evidence::Division);
let kemp = spans.iter().find(|s| s.as_str() == "Brian Kemp").unwrap();
assert_eq!(kemp.reason(), Reason::Title);
# Ok::<(), gazet::BuildError>(())
```

# Unicode and offsets

Offsets are UTF-8 byte offsets into the caller's original text, and always
lie on character boundaries: `&text[span.range()]` is exactly the matched
text, whatever folding did (`İ` lowercases to two characters, `ß` folds to
`ss`, full-width letters fold to ASCII). Normalisation never moves reported
offsets, because tokens are cut on the original text and folded one by one.
Character offsets come from [`Span::char_range`] or [`CharIndex`].

Han ideographs and kana, and the letters of Thai, Lao, Khmer and Myanmar,
are one token each, since those scripts do not put spaces between words;
names in them match inside longer runs, the longest known name winning.

# Languages

Each text's language is detected ([`Language::detect`]) unless the builder
fixes one ([`ExtractorBuilder::language`]). It chooses the word lists the
rules read and how names inflect: a capitalised word the gazetteer does
not know is looked up by its base forms, and the span covers the word as
written ([`Span::inflected`]).

```
use gazet::{Entry, Extractor, Gazetteer, Label, Language};

let mut gaz = Gazetteer::new();
gaz.push(Entry::builder("loc:baku", "Baku", Label::Place).alias("Bakı").alias("Баку").build()?)?;
gaz.push(Entry::builder("loc:yerevan", "Yerevan", Label::Place).alias("Ереван").build()?)?;
let ex = Extractor::new(gaz)?;
let text = "Делегация из Еревана прибыла в Баку.";
assert_eq!(ex.language_of(text), Language::Russian);
let found: Vec<(&str, &str)> =
    ex.extract(text).iter().map(|s| (s.as_str(), s.entry().unwrap().id())).collect();
assert_eq!(found, [("Еревана", "loc:yerevan"), ("Баку", "loc:baku")]);
# Ok::<(), Box<dyn std::error::Error>>(())
```

# Untrusted input

Any `&str` is a valid text: extraction does not panic; every span is
non-empty, inside the text, on character boundaries and slices to its own
text; spans are sorted, and disjoint in [`MatchKind::LeftmostLongest`]
(except the places inside an organisation's or a feature's name that
[`ExtractorBuilder::places_in_orgs`] asks for); a span with candidates
(but coordinates and emoji flags, whose candidate is the nearest place or
the flag's country) is the text of their name: each candidate's matched
name has the
[`match_key`] of the span's text (inside a hashtag, whose words are cut
where the case changes: "#NewYork" writes "New York"), except for a place widened by a head
word ("Kura River", "Kingdom of Poland"), whose text holds the matched
name's words in a run (touching in a hashtag: "#KuraRiver"). No other
rule widens a gazetteer match: an organisation the gazetteer knows after
a capital "The" is its name alone ("told The Anadolu Agency" gives
"Anadolu Agency"); only a name a rule found with no entry, and so no
candidates, may take in a word such as the article ("told The Harwick
Gazette"). [`Extractor::extract_batch`] gives
what [`Extractor::extract`] gives. Work is linear in the text and in
the candidates of each match (rules and resolution use hashed lookups; no
step compares every match or candidate with every other), with one
exception: names nested k deep (`A`, `A A`, `A A A`...) cost text tokens x
k^2/2, with k at most 512 under the name limit (34 in the bundled
gazetteer).

Gazetteer files are data too: every malformed line is a [`LoadError`] that
names its file, line and column, or, with [`Loader::lenient`], a skipped
line reported in [`Loaded::skipped`]; nothing is dropped silently. The
crate has no `unsafe` code (`#![forbid(unsafe_code)]`).

Checked by property tests against a naive reference on random gazetteers
and texts, and by coverage-guided fuzzing (the `fuzz/` crate: seven
targets). The fuzzers' minimised corpus and every input that once failed
are committed under `fuzz/` and replayed by `cargo test` on stable Rust
(`tests/fuzz_corpus.rs`, with the fuzz targets' own checks), and
`examples/soak.rs` runs one extractor on many threads with the same
checks. Measured with `cargo run --release --example stress`: a 100 MiB
document in 28.8 s at 3.0 GiB peak RSS (bundled gazetteer included), a
10 MiB word in 0.13 s at 362 MiB, 1,000,000 entries sharing one name
built in 0.95 s and extracted (10 mentions, 10 million candidates) in
3.3 s at 768 MiB, a chain of 1,024 one-token prefix names over 10 MiB in
0.04 s; 512 nested token names over 20 KiB of `A A A...` take 6.5 s. The
README's Reliability section gives every figure with its date, commit and
command.

# Crate features

- `embed-default` (default): embeds the bundled gazetteer, so that
  [`Gazetteer::bundled`] needs no files at run time.
*/

#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

mod error;
mod extractor;
mod gazetteer;
mod geo;
mod given;
mod label;
mod lang;
mod matcher;
mod normalize;
mod output;
mod pages;
mod rules;
mod snapshot;
mod span;
mod table;
mod trie;
mod vocab;

pub use error::{
    BuildError, BuildErrorKind, LoadError, LoadErrorKind, Location, SnapshotError, SnapshotErrorKind, SpanError,
    SpanErrorKind,
};
pub use extractor::{Extractor, ExtractorBuilder, MatchKind};
pub use gazetteer::entry::{
    Coord, CountryCode, Entry, EntryBuilder, EntryId, FeatureClass, FeatureCode, GeoNameId, Name, NameFlags, Names,
    Place, MAX_NAME_BYTES,
};
pub use gazetteer::{Gazetteer, GeoNamesFiles, Loaded, Loader};
#[doc(hidden)]
pub use geo::feature_names;
pub use geo::Evidence;
pub use given::{byte_ranges, Context};
pub use label::{CustomLabel, Label};
pub use lang::{Language, UnknownLanguage};
pub use normalize::{match_key, normalize, Normalized};
pub use output::{conll, spacy_json, GeoJson, Html};
pub use rules::Reason;
pub use span::{Candidate, CharIndex, Span};

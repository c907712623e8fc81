//! The extractor: a compiled gazetteer and the policy that turns raw
//! matches into spans.

use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{BuildError, SnapshotError, SnapshotErrorKind};
use crate::gazetteer::entry::EntryId;
use crate::gazetteer::Gazetteer;
use crate::geo::nearest::Grid;
use crate::label::Label;
use crate::lang::Language;
use crate::matcher::{Index, Scratch, Variant};
use crate::rules::lists::{cue_gazetteer, Cues};
use crate::rules::{self, Cue, Reason};
use crate::snapshot::{self, Saved};
use crate::span::{Candidate, Candidates, Span};

mod builder;

pub use builder::ExtractorBuilder;

/// Which matches an extractor reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum MatchKind {
    /// Non-overlapping matches: at each position the longest name wins, and
    /// the search goes on after it (`Salt Lake City` rather than `Salt Lake`).
    #[default]
    LeftmostLongest,
    /// Every match, nested and overlapping ones included, ordered by start
    /// and then longest first.
    Overlapping,
}

/// Finds the entries of a gazetteer in text.
///
/// Immutable, `Send + Sync` and cheap to clone (an `Arc` inside): build it
/// once and share it between threads.
///
/// # Example
///
/// ```
/// use gazet::{Entry, Extractor, Gazetteer, Label};
///
/// let mut gaz = Gazetteer::new();
/// gaz.push(Entry::builder("loc:kalbajar", "Kalbajar", Label::Place).alias("Kəlbəcər").build()?)?;
/// gaz.push(Entry::builder("loc:az", "Azerbaijan", Label::Place).build()?)?;
/// let ex = Extractor::new(gaz)?;
///
/// let text = "Roads to KƏLBƏCƏR reopened, Azerbaijan’s ministry said.";
/// let spans = ex.extract(text);
/// let found: Vec<(&str, &str)> =
///     spans.iter().map(|s| (&text[s.range()], s.entry().unwrap().id())).collect();
/// assert_eq!(found, [("KƏLBƏCƏR", "loc:kalbajar"), ("Azerbaijan", "loc:az")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) gaz: Arc<Gazetteer>,
    /// Words the rules use (titles, head nouns...), numbered after the
    /// gazetteer's entries in the index.
    cues: Cues,
    /// Populated places on a grid, for coordinates found in text.
    pub(crate) grid: crate::geo::nearest::Grid,
    /// The country of each code, for emoji flags found in text.
    flags: crate::geo::flags::Flags,
    pub(crate) index: Index,
    match_kind: MatchKind,
    rules: bool,
    places_in_orgs: bool,
    resolve: bool,
    /// The language every text is read in, or `None` to detect each one's.
    language: Option<Language>,
    /// What resolution reads of each entry: built with the extractor when
    /// it resolves every text, else when a text is first resolved
    /// ([`Extractor::resolve_spans`]).
    facts: std::sync::OnceLock<crate::geo::Facts>,
}

impl Inner {
    /// The gazetteer's table of facts for resolution, built on first use.
    pub(crate) fn facts(&self) -> &crate::geo::Facts {
        self.facts.get_or_init(|| crate::geo::Facts::build(&self.gaz))
    }
}

/// The buffers of one extraction, kept from one text to the next.
#[derive(Default)]
struct Buffers {
    scan: Scratch,
    /// The gazetteer variants each match accepted.
    accepted: Vec<Variant>,
    found: Vec<Found>,
    cues: Vec<Cue>,
    /// The order in which the matches are selected: (start, end last
    /// first, rule spans first, index in `found`).
    order: Vec<(usize, std::cmp::Reverse<usize>, bool, usize)>,
    /// What the rules decided of the last text, and per gazetteer match
    /// its index in `found` and whether it is dropped (refilled for each
    /// text: [`RuleLists`]).
    decisions: rules::Decisions,
    index_of: Vec<usize>,
    dropped: Vec<bool>,
}

/// The lists of [`Buffers`] that [`Extractor::apply_rules`] reads and
/// refills: the matches found, what the rules decided of them, and per
/// gazetteer match its index in `found` and whether it is dropped.
struct RuleLists<'b> {
    found: &'b mut Vec<Found>,
    decisions: &'b mut rules::Decisions,
    index_of: &'b mut Vec<usize>,
    dropped: &'b mut Vec<bool>,
}

impl Buffers {
    /// Releases the buffers one text made large (see [`Scratch::trim`]).
    fn trim(&mut self) {
        self.scan.trim();
        let held = self.accepted.capacity() * std::mem::size_of::<Variant>()
            + self.found.capacity() * std::mem::size_of::<Found>()
            + self.cues.capacity() * std::mem::size_of::<Cue>()
            + self.order.capacity() * std::mem::size_of::<(usize, std::cmp::Reverse<usize>, bool, usize)>()
            + self.decisions.held()
            + self.index_of.capacity() * std::mem::size_of::<usize>()
            + self.dropped.capacity();
        if held > Scratch::KEEP {
            *self = Buffers { scan: std::mem::take(&mut self.scan), ..Buffers::default() };
        }
    }
}

/// A match that passed the case policy, or a span the rules or the
/// coordinates found, before selection.
struct Found {
    start: usize,
    end: usize,
    /// Gazetteer variants that accepted the match (empty for rule spans).
    accepted: std::ops::Range<usize>,
    /// The label of a rule span.
    label: Option<Label>,
    reason: Reason,
    /// Coordinates written in the text, for coordinate spans.
    point: Option<crate::Coord>,
    /// Word tokens of a gazetteer match (punctuation not counted), from
    /// the scan.
    words: usize,
    /// The index of a gazetteer match's last token in the scan's token
    /// table (`usize::MAX` for other spans).
    last_token: usize,
    /// A gazetteer match whose last word is in another form than the
    /// name's ([`crate::matcher::RawMatch::inflected`]).
    inflected: bool,
    /// A word of a gazetteer match before its last is in another form
    /// (the span says so; the rules read `inflected`, the last word's).
    earlier_inflected: bool,
    /// A gazetteer match written all in lowercase, accepted only in
    /// lowercase mode ([`lowercase_mode`]) and kept only with evidence.
    lower: bool,
}

/// Whether a text is read in lowercase mode: it has a hashtag in
/// lowercase (`#nigeria`), or under one letter in a hundred of its first
/// [`crate::Language::SAMPLE`] bytes is an ASCII capital (a post written
/// all in lowercase). Names written in lowercase are then looked up too,
/// and the strongest of them (countries, first-level divisions, places of
/// 100,000 people or more) kept after a locative preposition or as a
/// hashtag.
fn lowercase_mode(text: &str) -> bool {
    let bytes = text.as_bytes();
    let lowercase_hashtag =
        |i: usize| bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase) && crate::normalize::is_hashtag_sign(text, i);
    if memchr::memchr_iter(b'#', bytes).any(lowercase_hashtag) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(crate::Language::SAMPLE)];
    // A sample of n bytes has at most n letters: once a hundredth of n are
    // capitals the answer is no, which most texts show in their first
    // lines, so the count stops there.
    let enough = sample.len().div_ceil(100);
    let mut capitals = 0;
    for b in sample {
        capitals += usize::from(b.is_ascii_uppercase());
        if capitals >= enough {
            return false;
        }
    }
    let letters = sample.iter().filter(|b| b.is_ascii_alphabetic()).count();
    letters >= 20 && capitals * 100 < letters
}

impl Extractor {
    /// Compiles a gazetteer with default options.
    ///
    /// # Errors
    /// When the gazetteer is too large for one index.
    pub fn new<G: Into<Arc<Gazetteer>>>(gazetteer: G) -> Result<Extractor, BuildError> {
        ExtractorBuilder::new().build(gazetteer)
    }

    /// The compiled parts, for the other ways of using them (given spans).
    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// Options for building an extractor.
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label, MatchKind};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:nk", "Nagorno-Karabakh", Label::Place).build()?)?;
    /// gaz.push(Entry::builder("loc:k", "Karabakh", Label::Place).build()?)?;
    /// let ex = Extractor::builder().match_kind(MatchKind::Overlapping).build(gaz)?;
    /// let names: Vec<&str> = ex.extract("Nagorno–Karabakh").iter().map(|s| s.as_str()).collect();
    /// assert_eq!(names, ["Nagorno–Karabakh", "Karabakh"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The gazetteer the extractor was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gaz
    }

    /// The match kind in use.
    pub fn match_kind(&self) -> MatchKind {
        self.inner.match_kind
    }

    /// Bytes of heap memory held by the compiled index (the gazetteer's own
    /// entries not included).
    pub fn memory_usage(&self) -> usize {
        self.inner.index.heap_bytes()
    }

    /// Finds the entities of one text, in order of position.
    pub fn extract<'a>(&'a self, text: &'a str) -> Vec<Span<'a>> {
        thread_local! {
            // The extraction's buffers, kept from one call to the next on
            // each thread (a text's buffers grow from nothing otherwise).
            static BUFFERS: std::cell::RefCell<Buffers> = std::cell::RefCell::new(Buffers::default());
        }
        BUFFERS.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffers) => {
                let spans = self.extract_with(text, &mut buffers);
                buffers.trim();
                spans
            }
            // (Not reached: nothing inside an extraction extracts again.)
            Err(_) => self.extract_with(text, &mut Buffers::default()),
        })
    }

    fn extract_with<'a>(&'a self, text: &'a str, buffers: &mut Buffers) -> Vec<Span<'a>> {
        let inner = &*self.inner;
        let index = &inner.index;
        let gaz_len = inner.gaz.len();
        let Buffers { scan: scratch, accepted, found, cues, order, decisions, index_of, dropped } = buffers;
        let lang = self.language_of(text);
        let pack = crate::lang::pack(lang);
        scratch.table = inner.rules;
        let lower = inner.rules && lowercase_mode(text);
        index.scan(text, scratch, Some(&pack.inflection), lower);
        index.touch_variants(&scratch.raw);
        accepted.clear();
        found.clear();
        cues.clear();
        for raw in &scratch.raw {
            let tokens = &scratch.tokens[raw.first..=raw.last];
            let (start, end) = (tokens[0].start, tokens[tokens.len() - 1].end);
            let from = accepted.len();
            let mut kinds = 0u8;
            // Variants that share their case requirements share the answer.
            let mut last: Option<(u32, bool)> = None;
            let mut accepts = |v: &Variant| match last {
                Some((req, ok)) if req == v.req_start() => ok,
                _ => {
                    let ok = index.accepts(v, tokens, text);
                    last = Some((v.req_start(), ok));
                    ok
                }
            };
            for v in index.variants(raw.pattern) {
                if v.entry.as_usize() >= gaz_len {
                    let i = v.entry.as_usize() - gaz_len;
                    if inner.cues.in_language(i, lang) && accepts(v) {
                        kinds |= inner.cues.kind_bit(i);
                    }
                    continue;
                }
                // An entry's variants are adjacent (the index sorts them by
                // entry within a pattern): the entry is taken already when it
                // is the last one taken. Looking further back would make a
                // name that a million entries share cost a million squared.
                if accepted.len() > from && accepted.last().is_some_and(|a| a.entry == v.entry) {
                    continue;
                }
                if accepts(v) && inner.gaz.read_in(v.entry, v.name.index(), lang) {
                    accepted.push(*v);
                }
            }
            // A name written all in lowercase, when nothing accepted it as
            // written: the strongest places only, by names that are no
            // common word and no cue word of the rules (a given name:
            // "george", "victoria").
            let all_lower = lower
                && accepted.len() == from
                && !index.variants(raw.pattern).iter().any(|v| v.entry.as_usize() >= gaz_len)
                && tokens.iter().all(|t| {
                    t.kind != crate::normalize::TokenKind::Word || !t.case.has_cased() || !t.case.first_upper()
                });
            if all_lower {
                for v in index.variants(raw.pattern) {
                    let Some(e) = inner.gaz.entry(v.entry) else { continue };
                    if accepted.len() > from && accepted.last().is_some_and(|a| a.entry == v.entry) {
                        continue;
                    }
                    let flags = v.name_flags();
                    if e.is_big_place()
                        && !flags.common_word
                        && !flags.case_sensitive
                        && e.read_in(v.name.index() as usize, lang)
                    {
                        accepted.push(*v);
                    }
                }
            }
            if kinds != 0 {
                cues.push(Cue { start, end, kinds });
            }
            if accepted.len() > from {
                found.push(Found {
                    start,
                    end,
                    accepted: from..accepted.len(),
                    label: None,
                    reason: Reason::Gazetteer,
                    point: None,
                    words: tokens.iter().filter(|t| t.kind == crate::normalize::TokenKind::Word).count(),
                    last_token: raw.last,
                    inflected: raw.inflected,
                    earlier_inflected: raw.earlier_inflected,
                    lower: all_lower,
                });
            }
        }
        touch_entries(&inner.gaz, found, accepted);
        // A name followed by an apostrophe and a suffix is in a case form
        // ("Ankara'da"), as one with the suffix written on.
        if pack.inflection.apostrophe {
            for f in found.iter_mut() {
                f.inflected |= pack.inflection.apostrophe_end(text, f.end).is_some();
            }
        }
        if inner.rules {
            let lists = RuleLists { found: &mut *found, decisions, index_of, dropped };
            self.apply_rules(text, &mut accepted[..], cues, scratch, pack, lists);
            // Coordinates written in the text, placed at the nearest
            // populated place.
            for c in crate::geo::coords::find_in(text, &scratch.tokens, &scratch.digit_words) {
                let from = accepted.len();
                if let Some((id, e)) = inner.grid.nearest(c.coord).and_then(|id| Some((id, inner.gaz.entry(id)?))) {
                    accepted.push(Variant::nearest(id, e));
                }
                found.push(Found {
                    start: c.start,
                    end: c.end,
                    accepted: from..accepted.len(),
                    label: Some(Label::Place),
                    reason: Reason::Coordinates,
                    point: Some(c.coord),
                    words: 0,
                    last_token: usize::MAX,
                    inflected: false,
                    earlier_inflected: false,
                    lower: false,
                });
            }
            // Emoji flags, naming their countries.
            for flag in inner.flags.find_in(text) {
                let from = accepted.len();
                if let Some(e) = inner.gaz.entry(flag.country) {
                    accepted.push(Variant::nearest(flag.country, e));
                }
                found.push(Found {
                    start: flag.start,
                    end: flag.end,
                    accepted: from..accepted.len(),
                    label: Some(Label::Place),
                    reason: Reason::Flag,
                    point: None,
                    words: 0,
                    last_token: usize::MAX,
                    inflected: false,
                    earlier_inflected: false,
                    lower: false,
                });
            }
        }
        // A suffix after an apostrophe is part of the written word
        // ("Ankara'da") where the language writes it so.
        if pack.inflection.apostrophe {
            for f in found.iter_mut() {
                if let Some(end) = pack.inflection.apostrophe_end(text, f.end) {
                    f.end = end;
                }
            }
        }
        // Longest first at each start; at equal extent a rule span first;
        // then in the order found. (The keys, not the larger matches, are
        // sorted, and end with the index, so an unstable sort keeps that
        // order.)
        order.clear();
        order.extend(found.iter().enumerate().map(|(i, f)| (f.start, std::cmp::Reverse(f.end), f.label.is_none(), i)));
        order.sort_unstable();
        let mut spans = Vec::with_capacity(found.len());
        let mut last_end = 0;
        let mut org: Option<(usize, usize)> = None;
        for f in order.iter().map(|&(.., i)| &found[i]) {
            if inner.match_kind == MatchKind::LeftmostLongest {
                if f.start < last_end {
                    // Inside the organisation span just taken, a place may
                    // still be reported when asked for.
                    let nested = inner.places_in_orgs
                        && org.is_some_and(|(s, e)| f.start >= s && f.end <= e)
                        && f.label.is_none()
                        && accepted.get(f.accepted.start).and_then(|v| inner.gaz.entry(v.entry)).map(|e| e.label())
                            == Some(&Label::Place)
                        && spans.last().is_none_or(|s: &Span<'_>| s.end() <= f.start || is_container(s));
                    if !nested {
                        continue;
                    }
                } else {
                    last_end = f.end;
                }
            }
            if let Some(span) = self.span(text, f, &accepted[f.accepted.clone()]) {
                org = is_container(&span).then_some((f.start, f.end)).or(org);
                spans.push(span);
            }
        }
        if inner.resolve {
            crate::geo::resolve(text, &mut spans, inner.facts());
        }
        spans
    }

    /// Runs the rules: drops gazetteer matches they reject, records why the
    /// others are kept, and adds the spans they find.
    fn apply_rules(
        &self,
        text: &str,
        accepted: &mut [Variant],
        cues: &[Cue],
        scan: &Scratch,
        pack: &'static crate::lang::Pack,
        lists: RuleLists<'_>,
    ) {
        let RuleLists { found, decisions, index_of, dropped } = lists;
        let gaz = &self.inner.gaz;
        let mut matches = Vec::with_capacity(found.len());
        index_of.clear();
        for (i, f) in found.iter().enumerate() {
            let Some(v) = accepted.get(f.accepted.start) else { continue };
            let Some(top) = gaz.entry(v.entry) else { continue };
            // (From the variant: the entry's list of names is not read.)
            let flags = v.name_flags();
            matches.push(rules::Match {
                start: f.start,
                end: f.end,
                tokens: f.words,
                last_token: f.last_token,
                top,
                common: flags.common_word,
                inflected: f.inflected,
                lower: f.lower,
                case_sensitive: flags.case_sensitive,
                candidates: &accepted[f.accepted.clone()],
                gaz,
            });
            index_of.push(i);
        }
        rules::apply(text, &matches, cues, scan, pack, decisions);
        drop(matches);
        // A name known first as an organisation that the rules made a
        // place: its place candidates first, in their order.
        for (k, _) in decisions.place_first.iter().enumerate().filter(|(_, p)| **p) {
            if let Some(range) = accepted.get_mut(found[index_of[k]].accepted.clone()) {
                range.sort_by_key(|v| gaz.entry(v.entry).is_none_or(|e| e.label() != &Label::Place));
            }
        }
        dropped.clear();
        dropped.resize(found.len(), false);
        let keeps = decisions.keep.iter().zip(&decisions.inside_name);
        for (k, ((&keep, &inside_name), &wide)) in keeps.zip(&decisions.widened).enumerate() {
            match keep {
                // A place inside a longer name stays only when places
                // inside names are asked for.
                Some(_) if inside_name && !self.inner.places_in_orgs => dropped[index_of[k]] = true,
                Some(reason) => found[index_of[k]].reason = reason,
                None => dropped[index_of[k]] = true,
            }
            if let Some(w) = wide {
                let f = &mut found[index_of[k]];
                f.start = w.start;
                f.end = w.end;
                if !w.keeps_entry {
                    // "Royal Street" is not Royal City: a place, no entry.
                    f.accepted = 0..0;
                    f.label = Some(Label::Place);
                }
            }
        }
        let mut i = 0;
        found.retain(|_| {
            i += 1;
            !dropped[i - 1]
        });
        // A gazetteer match of the same extent and label already says what a
        // rule span would, with its entry.
        // (Asked about only when the rules added spans; sized once.)
        let mut labels: rustc_hash::FxHashMap<(usize, usize), &Label> = rustc_hash::FxHashMap::default();
        if !decisions.added.is_empty() {
            labels.reserve(found.len());
            labels.extend(
                found.iter().filter(|f| f.label.is_none()).filter_map(|f| {
                    Some(((f.start, f.end), gaz.entry(accepted.get(f.accepted.start)?.entry)?.label()))
                }),
            );
        }
        // (The table holds the labels of the matches found before the
        // added spans, which go after them.)
        found.reserve(decisions.added.len());
        for a in decisions.added.drain(..) {
            if labels.get(&(a.start, a.end)).is_some_and(|l| **l == a.label) {
                continue;
            }
            found.push(Found {
                start: a.start,
                end: a.end,
                accepted: 0..0,
                label: Some(a.label),
                reason: a.reason,
                point: None,
                words: 0,
                last_token: usize::MAX,
                inflected: false,
                earlier_inflected: false,
                lower: false,
            });
        }
    }

    fn span<'a>(&'a self, text: &'a str, f: &Found, accepted: &[Variant]) -> Option<Span<'a>> {
        let gaz = &self.inner.gaz;
        // (A variant's name is one its entry has: the index was compiled
        // from these entries. The entry is not read to check it, a memory
        // load per candidate; a name past the end, which only a forged
        // saved extractor could hold, would read as an empty name.)
        let candidate = |v: &Variant| Some(Candidate { id: v.entry, entry: gaz.entry(v.entry)?, name: v.name });
        let candidates = match accepted {
            [v] => candidate(v).map_or_else(Candidates::default, Candidates::One),
            _ => {
                // (Sized once: collecting the filter would grow it by
                // reallocation, a tenth of the matcher's instructions.)
                let mut all = Vec::with_capacity(accepted.len());
                all.extend(accepted.iter().filter_map(candidate));
                Candidates::Many(all)
            }
        };
        let label = match &f.label {
            Some(l) => l.clone(),
            None => candidates.first()?.entry.label().clone(),
        };
        Some(Span {
            range: f.start..f.end,
            text: text.get(f.start..f.end)?,
            label,
            candidates,
            chosen: 0,
            reason: f.reason,
            evidence: crate::geo::Evidence::Prior,
            point: f.point,
            confidence: 1.0,
            inflected: f.inflected || f.earlier_inflected,
        })
    }

    /// The language a text is read in: the one the extractor was built
    /// with ([`ExtractorBuilder::language`]), else the text's own
    /// ([`Language::detect`]), else English.
    ///
    /// ```
    /// use gazet::{Extractor, Gazetteer, Language};
    ///
    /// let ex = Extractor::new(Gazetteer::new())?;
    /// assert_eq!(ex.language_of("Prezident Bakıda çıxış edib, nazirlik bildirib."), Language::Azerbaijani);
    /// assert_eq!(ex.language_of("Talks resumed in Baku."), Language::English);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn language_of(&self, text: &str) -> Language {
        self.inner.language.or_else(|| Language::detect(text)).unwrap_or(Language::English)
    }

    /// Finds the entities of many texts on all cores. The result for each
    /// text is the same as [`Extractor::extract`] gives, in input order.
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label};
    ///
    /// let mut gaz = Gazetteer::new();
    /// for (id, name) in [("loc:baku", "Baku"), ("loc:yerevan", "Yerevan"), ("loc:moscow", "Moscow")] {
    ///     gaz.push(Entry::builder(id, name, Label::Place).build()?)?;
    /// }
    /// let ex = Extractor::new(gaz)?;
    /// let docs = ["Talks in Baku.", "No names here.", "Yerevan and Moscow."];
    /// let counts: Vec<usize> = ex.extract_batch(&docs).iter().map(Vec::len).collect();
    /// assert_eq!(counts, [1, 0, 2]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract_batch<'a, T: AsRef<str> + Sync>(&'a self, texts: &'a [T]) -> Vec<Vec<Span<'a>>> {
        texts.par_iter().map_init(Buffers::default, |buffers, t| self.extract_with(t.as_ref(), buffers)).collect()
    }

    /// The compiled extractor as bytes: its gazetteer, index and options,
    /// for [`Extractor::from_bytes`] to read back without parsing or
    /// compiling anything (see [`Extractor::save`]).
    ///
    /// # Errors
    /// Only when the encoder fails, which it does not for any extractor
    /// built by this crate.
    pub fn to_bytes(&self) -> Result<Vec<u8>, SnapshotError> {
        let inner = &self.inner;
        let saved = Saved {
            match_kind: match inner.match_kind {
                MatchKind::LeftmostLongest => 0,
                MatchKind::Overlapping => 1,
            },
            rules: inner.rules,
            places_in_orgs: inner.places_in_orgs,
            resolve: inner.resolve,
            language: inner.language.map(Language::code),
            cues: cue_digest(&inner.cues.gaz),
            entries: inner.gaz.iter().map(|(_, e)| e.to_repr()).collect(),
            index: inner.index.to_repr(),
        };
        snapshot::encode(&saved)
    }

    /// Reads an extractor back from the bytes of [`Extractor::to_bytes`],
    /// written by this version of gazet. Every offset and index in them is
    /// checked: damaged bytes give an error, never a panic.
    ///
    /// # Errors
    /// When the bytes are no saved extractor, were saved by another version
    /// of gazet, or are damaged.
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:baku", "Baku", Label::Place).build()?)?;
    /// let bytes = Extractor::new(gaz)?.to_bytes()?;
    /// let ex = Extractor::from_bytes(&bytes)?;
    /// assert_eq!(ex.extract("Flights to Baku resumed.")[0].as_str(), "Baku");
    /// assert!(Extractor::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Extractor, SnapshotError> {
        let corrupt = |what| SnapshotError::new(SnapshotErrorKind::Corrupt(what));
        let saved = snapshot::decode(bytes)?;
        let options = ExtractorBuilder {
            match_kind: if saved.match_kind == 1 { MatchKind::Overlapping } else { MatchKind::LeftmostLongest },
            rules: saved.rules,
            places_in_orgs: saved.places_in_orgs,
            resolve: saved.resolve,
            language: match saved.language {
                Some(code) => Some(code.parse().map_err(|_| corrupt("language"))?),
                None => None,
            },
        };
        let cues = options.cues();
        if saved.cues != cue_digest(&cues.gaz) {
            return Err(corrupt("rule lists"));
        }
        let total = saved.entries.0.as_ref().map_or(0, Vec::len) + cues.gaz.len();
        let (gaz, index) = rayon::join(
            || -> Result<Gazetteer, SnapshotError> {
                Gazetteer::from_entries(saved.entries.0.map_err(corrupt)?).map_err(|_| corrupt("duplicate ids"))
            },
            || Index::from_repr(saved.index, total).map_err(corrupt),
        );
        let gaz = Arc::new(gaz?);
        let grid = options.grid(&gaz);
        Ok(options.assemble(gaz, cues, index?, grid))
    }

    /// Saves the compiled extractor to a file, for [`Extractor::load`]:
    /// with the bundled gazetteer, a process then starts in a fraction of
    /// the time compiling takes (`cargo run --release --example startup
    /// -- --saved FILE` measures both).
    ///
    /// # Errors
    /// When the file cannot be written.
    pub fn save<P: AsRef<std::path::Path>>(&self, path: P) -> Result<(), SnapshotError> {
        let path = path.as_ref();
        let bytes = self.to_bytes().map_err(|e| e.at(path))?;
        std::fs::write(path, bytes).map_err(|e| SnapshotError::new(SnapshotErrorKind::Io(e)).at(path))
    }

    /// Loads an extractor saved by [`Extractor::save`].
    ///
    /// # Errors
    /// As [`Extractor::from_bytes`], with the file's path; or when the file
    /// cannot be read.
    pub fn load<P: AsRef<std::path::Path>>(path: P) -> Result<Extractor, SnapshotError> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| SnapshotError::new(SnapshotErrorKind::Io(e)).at(path))?;
        Extractor::from_bytes(&bytes).map_err(|e| e.at(path))
    }

    /// The entry at an index of the extractor's gazetteer.
    pub fn entry(&self, id: EntryId) -> Option<&crate::Entry> {
        self.inner.gaz.entry(id)
    }
}

/// A checksum of the rule lists' entries, which a saved index numbers
/// after the gazetteer's.
fn cue_digest(cues: &Gazetteer) -> u32 {
    let mut h = crc32fast::Hasher::new();
    for (_, e) in cues.iter() {
        for n in e.names() {
            h.update(n.as_str().as_bytes());
            h.update(&[0]);
        }
        h.update(e.id().as_bytes());
        h.update(&[1]);
    }
    h.finalize()
}

/// A span that places may be nested in when places inside names are asked
/// for: an organisation ("Nevada Department of Transportation") or a feature
/// with no entry ("Kansas Turnpike", "Tulsa International Airport").
fn is_container(s: &Span<'_>) -> bool {
    s.label() == &Label::Organization || (s.label() == &Label::Place && s.candidates().is_empty())
}

/// Reads the label of the first accepted entry of every match before the
/// rules and the spans do. The entries are a table as long as the
/// gazetteer, so most reads miss the caches: here they are independent of
/// each other and the processor overlaps their waits, where the rules
/// wait for them one after the other. (Measured with the matcher alone:
/// the first read of an entry's label had a third of `perf`'s samples in
/// `extract_with` itself.)
#[inline(never)]
fn touch_entries(gaz: &Gazetteer, found: &[Found], accepted: &[Variant]) {
    let places = found
        .iter()
        .filter_map(|f| gaz.entry(accepted.get(f.accepted.start)?.entry))
        .filter(|e| e.label() == &Label::Place)
        .count();
    std::hint::black_box(places);
}

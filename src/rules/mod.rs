//! Rules: what a gazetteer alone misses or gets wrong, decided from the
//! words around each match. They run after matching and before the choice
//! among overlapping matches, and only read the text near the matches.
//!
//! - **Calendar words** (March, May, Nov, Thursday) are never places.
//! - **Posts** (a handle, a hashtag, "RT"): a one-word village of under
//!   1,000 people needs a locative preposition, a hashtag or `, Place`.
//! - **Names in lowercase** (found only in a text with a lowercase
//!   hashtag or few capitals, and only the strongest places) are kept as a
//!   hashtag (`#nigeria`) or after a locative preposition.
//! - **Common words** (a name flagged `common_word`: Nice, Reading, Police,
//!   We) are kept only with evidence: a locative preposition before them
//!   (`in`, `near`...), or `, Place` after them, or a place that needs no
//!   evidence listed beside them ("Eastland and Callahan"); countries and
//!   first-level divisions need none. A division's code in capitals that is also a
//!   word or another acronym (a US state's postal code: "TX", "PA") needs a
//!   place and a comma before it ("Dallas, TX") or a locative preposition.
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

mod acronyms;
mod capitals;
mod features;
mod filters;
mod listed;
pub(crate) mod lists;
mod lookup;
mod orgs;
mod people;
mod places;
mod reason;
mod sports;
mod teams;
mod window;

use arrayvec::ArrayVec;
use rustc_hash::FxHashMap;

use crate::gazetteer::entry::{Entry, Size};
use crate::gazetteer::Gazetteer;
use crate::label::Label;
use crate::lang::{List, Pack};
use crate::matcher::{Capitals, Scratch, Variant};
#[cfg(test)]
use crate::normalize::Tokenizer;
use crate::normalize::{Token, TokenKind};
use lists::CueKind;
use lookup::*;
use people::person_like;
pub use reason::Reason;
use teams::{longer_name_after, longer_name_before, names_event, plays_for, team_around};
use window::*;

/// A gazetteer match as the rules see it.
pub(crate) struct Match<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) tokens: usize,
    /// The index of its last token in the token table, which ends at
    /// `end` (where it does not, the rules find the position by bytes).
    pub(crate) last_token: usize,
    /// The chosen entry by default order.
    pub(crate) top: &'a Entry,
    /// The matched name of the top entry is a common word.
    pub(crate) common: bool,
    /// The match is case-sensitive (an acronym written as such).
    pub(crate) case_sensitive: bool,
    /// Its last word is in another form than the name's: "Bakıda" is
    /// Bakı in the locative.
    pub(crate) inflected: bool,
    /// Written all in lowercase (a name of a post with few capitals or of
    /// a hashtag), kept only with evidence.
    pub(crate) lower: bool,
    /// Every candidate that accepted the match, in default order.
    pub(crate) candidates: &'a [Variant],
    /// The gazetteer the candidates' entries are in.
    pub(crate) gaz: &'a Gazetteer,
}

impl Match<'_> {
    /// The size of the most populous candidate. Each candidate's entry is
    /// read (a cache miss apiece; not its place), so it is asked only
    /// where a rule needs it.
    fn largest(&self) -> Size {
        self.candidates.iter().filter_map(|v| Some(self.gaz.entry(v.entry)?.size())).max().unwrap_or(Size::Hamlet)
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
/// the spans they add. (The caller keeps one from text to text: [`apply`]
/// refills its lists.)
#[derive(Default)]
pub(crate) struct Decisions {
    pub(crate) keep: Vec<Option<Reason>>,
    /// Per match: a place that is only the first or last word of a longer
    /// name the rules cannot label ("Orlando Magic", "Battle of
    /// Hastings"). Dropped like `keep == None`, except when places
    /// inside names are asked for.
    pub(crate) inside_name: Vec<bool>,
    pub(crate) widened: Vec<Option<Widened>>,
    /// Per match: a name known first as an organisation that the words
    /// around it make a place ("in Ferguson"): its place candidates go
    /// first.
    pub(crate) place_first: Vec<bool>,
    pub(crate) added: Vec<Added>,
}

impl Decisions {
    /// Bytes of capacity the lists hold.
    pub(crate) fn held(&self) -> usize {
        self.keep.capacity() * std::mem::size_of::<Option<Reason>>()
            + self.inside_name.capacity()
            + self.place_first.capacity()
            + self.widened.capacity() * std::mem::size_of::<Option<Widened>>()
            + self.added.capacity() * std::mem::size_of::<Added>()
    }
}

/// `v` emptied, then `n` copies of `x`: a list of the last text's,
/// refilled without a new allocation.
fn refilled<T: Clone>(v: &mut Vec<T>, n: usize, x: T) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v.resize(n, x);
    v
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

/// The state of one text's pass through the rules: what every rule reads,
/// and the decisions they have made so far. (Each family's method is kept
/// out of line, `#[inline(never)]`: called once a text, it costs nothing,
/// and a profile then names the family that spends the time.)
struct Pass<'t, 'm, 'e> {
    text: &'t str,
    /// The text with its language pack, which the helpers read.
    doc: Doc<'t>,
    matches: &'m [Match<'e>],
    /// The cues, in text order.
    cues: &'t [Cue],
    capitalised: &'t [(usize, usize)],
    /// The indices in the token table of the words that start with a digit.
    digit_words: &'t [usize],
    look: Lookup<'m, 'e>,
    keep: Vec<Option<Reason>>,
    added: Vec<Added>,
    widened: Vec<Option<Widened>>,
    inside_name: Vec<bool>,
    place_first: Vec<bool>,
}

/// Applies every rule. `matches` and `cues` are in any order. The scan's
/// scratch holds the token table of the text (`tokens`, with `table` set), every word of it
/// whose first cased letter is a capital (`capitalised`), and every word in
/// capitals (`caps`), in order.
#[inline(never)]
pub(crate) fn apply(
    text: &str,
    matches: &[Match<'_>],
    cues: &[Cue],
    scan: &Scratch,
    lang: &'static Pack,
    out: &mut Decisions,
) {
    thread_local! {
        // The buffers of the cues in order and of the lookups, kept from
        // one text to the next on each thread (a nested call, which
        // nothing makes, would take fresh ones).
        static BUFFERS: std::cell::RefCell<(Vec<Cue>, lookup::Buffers)> = std::cell::RefCell::default();
    }
    let (mut sorted, mut buffers) =
        BUFFERS.with(|b| b.try_borrow_mut().map(|mut b| std::mem::take(&mut *b)).unwrap_or_default());
    let (caps, capitalised) = (&scan.caps[..], &scan.capitalised[..]);
    // In text order, so that of two rules finding the same span the one whose
    // cue comes first (a title before a given name) gives the reason.
    sorted.clear();
    sorted.extend_from_slice(cues);
    sorted.sort_by_key(|c| (c.start, c.end));
    let doc = Doc { text, tokens: &scan.tokens, lang };
    let mut pass = Pass {
        text,
        doc,
        matches,
        cues: &sorted,
        capitalised,
        digit_words: &scan.digit_words,
        look: Lookup::new(text, matches, &sorted, &mut buffers),
        keep: refilled(&mut out.keep, matches.len(), Some(Reason::Gazetteer)),
        added: {
            let mut added = std::mem::take(&mut out.added);
            added.clear();
            added
        },
        widened: refilled(&mut out.widened, matches.len(), None),
        inside_name: refilled(&mut out.inside_name, matches.len(), false),
        place_first: refilled(&mut out.place_first, matches.len(), false),
    };
    pass.people();
    pass.initials();
    pass.described_people();
    pass.capitalised_names();
    pass.listed_people();
    pass.surname_links();
    pass.organisations();
    pass.place_cores();
    let any_feature = pass.features();
    pass.the_names();
    pass.org_links();
    pass.filters();
    pass.sports();
    pass.longer_names();
    let Pass { look, keep, mut added, widened, inside_name, place_first, .. } = pass;
    // A place widened to the same extent already says it, with its entry.
    if any_feature {
        let wide: rustc_hash::FxHashSet<(usize, usize)> = widened.iter().flatten().map(|w| (w.start, w.end)).collect();
        added.retain(|a| a.reason != Reason::FeatureHead || !wide.contains(&(a.start, a.end)));
    }
    // (A text with no word in capitals has no acronym to find.)
    if !caps.is_empty() {
        // Where the kept matches start, sorted (asked about for each word in
        // capitals).
        let mut kept: Vec<usize> = Vec::with_capacity(matches.len());
        kept.extend(matches.iter().zip(&keep).filter(|(_, k)| k.is_some()).map(|(m, _)| m.start));
        kept.sort_unstable();
        // The organisations of the text, whose initials an acronym may be.
        let orgs: Vec<(usize, usize)> = matches
            .iter()
            .zip(&keep)
            .filter(|(m, k)| k.is_some() && m.tokens > 1 && m.top.is(&Label::Organization))
            .map(|(m, _)| (m.start, m.end))
            .chain(
                added
                    .iter()
                    .filter(|a| a.label == Label::Organization && !matches!(a.reason, Reason::Team | Reason::Acronym))
                    .map(|a| (a.start, a.end)),
            )
            .collect();
        acronyms::apply(doc, &look, &kept, caps, &orgs, &mut added);
    }
    capitals::headed_names(doc, &look, cues, &mut added);
    capitals::acronyms(doc, &look, caps, &mut added);
    // "57th PVI", "4th Infantry Division": a military unit's number is
    // part of its name (not when the acronym names something after it:
    // "the 38th QZR Image Awards").
    for a in added.iter_mut().filter(|a| {
        a.label == Label::Organization
            && (a.reason == Reason::OrgHead || (a.reason == Reason::Acronym && doc.caps_after(a.end, 1).is_empty()))
    }) {
        if let Some(start) = ordinal_before(doc, a.start) {
            a.start = start;
        }
    }
    look.give_back(&mut buffers);
    if sorted.capacity() > lookup::Buffers::KEEP {
        sorted = Vec::new();
    }
    BUFFERS.with(|b| {
        if let Ok(mut b) = b.try_borrow_mut() {
            *b = (sorted, buffers);
        }
    });
    *out = Decisions { keep, inside_name, widened, place_first, added };
}

//! Lookups over the matches and cues of one text.

use super::*;

/// Lookups over the matches and cues of one text, so that every rule costs
/// a hash probe or a short scan per match: the rules stay linear in the
/// text, whatever its size.
pub(super) struct Lookup<'m, 'e> {
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
    pub(super) quotes: Vec<usize>,
    /// The length in bytes of the longest match: no match ends farther
    /// after its start.
    longest: usize,
}

/// The buffers of a [`Lookup`], kept from one text to the next.
#[derive(Default)]
pub(super) struct Buffers {
    by_start: Vec<(usize, usize, usize)>,
    cue_kinds: FxHashMap<(usize, usize), u8>,
    cue_starts: FxHashMap<usize, u8>,
    titles: Vec<(usize, usize)>,
    quotes: Vec<usize>,
}

impl Buffers {
    /// Entries the buffers may keep room for between texts.
    pub(super) const KEEP: usize = 1 << 14;

    /// Lets go of buffers one long text made large.
    pub(super) fn trim(&mut self) {
        if self.by_start.capacity() > Self::KEEP
            || self.cue_kinds.capacity() > Self::KEEP
            || self.quotes.capacity() > Self::KEEP
        {
            *self = Buffers::default();
        }
    }
}

impl<'m, 'e> Lookup<'m, 'e> {
    /// The lookups of a text's matches and cues, in `buffers` (taken; see
    /// [`Lookup::give_back`]).
    pub(super) fn new(text: &str, matches: &'m [Match<'e>], cues: &[Cue], buffers: &mut Buffers) -> Self {
        let Buffers { mut by_start, mut cue_kinds, mut cue_starts, mut titles, mut quotes } = std::mem::take(buffers);
        by_start.clear();
        by_start.extend(matches.iter().enumerate().map(|(i, m)| (m.start, m.end, i)));
        by_start.sort_unstable();
        cue_kinds.clear();
        cue_kinds.reserve(cues.len());
        cue_starts.clear();
        cue_starts.reserve(cues.len());
        titles.clear();
        for c in cues {
            *cue_kinds.entry((c.start, c.end)).or_default() |= c.kinds;
            *cue_starts.entry(c.start).or_default() |= c.kinds;
            if c.is(CueKind::Title) {
                titles.push((c.start, c.end));
            }
        }
        titles.sort_unstable();
        let b = text.as_bytes();
        quotes.clear();
        quotes.extend(
            memchr::memchr2_iter(b'"', 0xE2, b).filter(|&i| b[i] == b'"' || b[i..].starts_with("“".as_bytes())),
        );
        let longest = matches.iter().map(|m| m.end - m.start).max().unwrap_or(0);
        Lookup { matches, by_start, cue_kinds, cue_starts, titles, quotes, longest }
    }

    /// Returns the buffers to `buffers` for the next text.
    pub(super) fn give_back(self, buffers: &mut Buffers) {
        let Lookup { by_start, cue_kinds, cue_starts, titles, quotes, .. } = self;
        *buffers = Buffers { by_start, cue_kinds, cue_starts, titles, quotes };
        buffers.trim();
    }

    #[inline]
    pub(super) fn cue_at(&self, start: usize, end: usize, kind: CueKind) -> bool {
        self.cue_any(start, end, kind.bit())
    }

    /// True when a cue of any of the kinds in `kinds` (bits) spans exactly
    /// `start..end`.
    #[inline]
    pub(super) fn cue_any(&self, start: usize, end: usize, kinds: u8) -> bool {
        self.cue_kinds.get(&(start, end)).is_some_and(|k| k & kinds != 0)
    }

    pub(super) fn cue_starts_at(&self, start: usize, kinds: u8) -> bool {
        self.cue_starts.get(&start).is_some_and(|k| k & kinds != 0)
    }

    /// True when a place (not a common word) is named at `at`: the
    /// longest match starting there is one ("Boko Haram" after a comma is
    /// an organisation, though "Boko" alone is a village).
    pub(super) fn place_at(&self, at: usize) -> bool {
        self.starting_in(at, at)
            .fold(None::<&Match<'_>>, |best, o| match best {
                Some(b) if b.end >= o.end => Some(b),
                _ => Some(o),
            })
            .is_some_and(|o| o.top.is(&Label::Place) && !o.common)
    }

    /// Matches whose start lies in `lo..=hi`.
    pub(super) fn starting_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = &'m Match<'e>> + '_ {
        self.indices_starting_in(lo, hi).map(|i| &self.matches[i])
    }

    /// The indices of the matches whose start lies in `lo..=hi`.
    pub(super) fn indices_starting_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = usize> + '_ {
        self.extents_starting_in(lo, hi).map(|&(_, _, i)| i)
    }

    /// The (start, end, index) of the matches whose start lies in `lo..=hi`.
    pub(super) fn extents_starting_in(
        &self,
        lo: usize,
        hi: usize,
    ) -> impl Iterator<Item = &(usize, usize, usize)> + '_ {
        let from = self.by_start.partition_point(|&(s, _, _)| s < lo);
        self.by_start[from..].iter().take_while(move |&&(s, _, _)| s <= hi)
    }

    /// The matches whose start lies in `lo..=hi` and that end at or after
    /// `reach`. (Only the starts from `reach` less the longest match's
    /// length are read, however far back `lo` lies: the rules ask for
    /// the names around a word from [`LONGEST_NAME`] back, and a text's
    /// names are tens of bytes long.)
    pub(super) fn reaching(&self, lo: usize, hi: usize, reach: usize) -> impl Iterator<Item = &'m Match<'e>> + '_ {
        self.extents_reaching(lo, hi, reach).map(|&(_, _, i)| &self.matches[i])
    }

    /// [`Lookup::reaching`], as (start, end, index).
    fn extents_reaching(
        &self,
        lo: usize,
        hi: usize,
        reach: usize,
    ) -> impl Iterator<Item = &(usize, usize, usize)> + '_ {
        let lo = lo.max(reach.saturating_sub(self.longest));
        self.extents_starting_in(lo, hi).filter(move |&&(_, e, _)| e >= reach)
    }

    /// True when a match other than `m` (another extent) starts at or before
    /// `from` and reaches `m`'s end: a longer name around it ("Sea of
    /// Azov" known whole, "Nagorno-Karabakh", "West Virginia").
    pub(super) fn other_covers(&self, from: usize, m: &Match<'_>) -> bool {
        self.extents_reaching(from.saturating_sub(LONGEST_NAME), from, m.end)
            .any(|&(s, e, _)| (s, e) != (m.start, m.end))
    }

    /// True when a title cue covers `start..end`.
    pub(super) fn in_title(&self, start: usize, end: usize) -> bool {
        let upto = self.titles.partition_point(|&(s, _)| s <= start);
        self.titles[..upto].iter().rev().take(4).any(|&(_, e)| e >= end)
    }
}

/// Cue kinds that end a name's run of capitalised words: a title, an
/// organisation head or a calendar word.
pub(super) const NAME_ENDS: u8 = CueKind::Title.bit() | CueKind::OrgHead.bit() | CueKind::Calendar.bit();

/// Cue kinds a name after "The" may not start or go on with: a title or a
/// calendar word (an organisation head is part of such names).
pub(super) const TITLE_OR_CALENDAR: u8 = CueKind::Title.bit() | CueKind::Calendar.bit();

/// Names are short: a match covering a span starts at most this far before.
pub(super) const LONGEST_NAME: usize = 1024;

/// True when a one-word match is a small place named like an
/// organisation's head word ("Front", "Union").
#[inline]
pub(super) fn named_like_head(look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    m.tokens == 1 && !m.top.is_big_place() && look.cue_at(m.start, m.end, CueKind::OrgHead)
}

/// True when the first of `words` is a country's name.
pub(super) fn country_first(look: &Lookup<'_, '_>, words: &[(usize, usize)]) -> bool {
    let Some(&(s, e)) = words.first() else { return false };
    look.starting_in(s, s).any(|m| m.end == e && m.top.type_rank().is_some_and(|r| r == 0) && m.top.is(&Label::Place))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::entry::Entry;

    proptest::proptest! {
        // The window cut by the longest match skips only matches that do not
        // reach: the answers are a scan's of the whole window.
        #[test]
        fn reaching_is_the_windows_scan(
            extents in proptest::collection::vec((0usize..3000, 1usize..40), 0..60),
            lo in 0usize..3000,
            width in 0usize..1200,
            reach in 0usize..3100,
        ) {
            let entry = Entry::builder("t:1", "Kelso", Label::Place).build().expect("valid entry");
            let gaz = Gazetteer::from_entries(vec![entry.clone()]).expect("unique ids");
            let matches: Vec<Match<'_>> = extents
                .iter()
                .map(|&(start, len)| Match {
                    start,
                    end: start + len,
                    tokens: 1,
                    last_token: usize::MAX,
                    top: &entry,
                    common: false,
                    case_sensitive: false,
                    inflected: false,
                    lower: false,
                    candidates: &[],
                    gaz: &gaz,
                })
                .collect();
            let mut buffers = Buffers::default();
            let look = Lookup::new("", &matches, &[], &mut buffers);
            let hi = lo + width;
            let mut got: Vec<(usize, usize)> = look.reaching(lo, hi, reach).map(|m| (m.start, m.end)).collect();
            let mut want: Vec<(usize, usize)> =
                matches.iter().filter(|m| (lo..=hi).contains(&m.start) && m.end >= reach).map(|m| (m.start, m.end)).collect();
            got.sort_unstable();
            want.sort_unstable();
            proptest::prop_assert_eq!(got, want);
            for m in &matches {
                let from = m.start + width % 50;
                let want = matches.iter().any(|o| {
                    o.start + LONGEST_NAME >= from && o.start <= from && o.end >= m.end && (o.start, o.end) != (m.start, m.end)
                });
                proptest::prop_assert_eq!(look.other_covers(from, m), want, "{:?} from {}", (m.start, m.end), from);
            }
        }
    }
}

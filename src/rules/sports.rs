//! Sports reports: a document-level decision. In a text that reads as a
//! sports report (words of matches and competitions, scores written
//! "2-1"), a town's or a region's name used as its team is an
//! organisation: followed by a score ("Ashford 2 Kelby 1", a table's
//! row), by a result verb ("Kelby beat Ashford", "Ashford v Kelby"), or
//! after one ("against Kelby"); and every other mention of a name so used
//! is the team too, unless a locative word says it is the place ("at
//! Kelby"). Countries, and the divisions that field national teams
//! (England, Scotland), stay places, as CoNLL-2003 and OntoNotes label a
//! country named as its team. Evidence: the token table, the pack's
//! sports and team words, and the matched places' kinds.

use rustc_hash::FxHashSet;

use super::*;

/// Sports words a text needs, with a score, to be a sports report; or
/// without one, twice as many.
const SPORTS_WORDS: usize = 3;

/// Scores ("2-1") or team rows ("Ashford 2") that make a sports report
/// alone.
const SCORES: usize = 3;

impl Pass<'_, '_, '_> {
    /// Places used as teams in a sports report become organisations.
    #[inline(never)]
    pub(super) fn sports(&mut self) {
        let Pass { text, doc, matches, cues, digit_words, ref look, ref keep, ref widened, ref mut added, .. } = *self;
        // The places that may be teams: kept, one name, not a country.
        let candidate = |i: usize| {
            let m = &matches[i];
            keep[i].is_some()
                && widened[i].is_none()
                && m.top.is(&Label::Place)
                && !m.case_sensitive
                && m.top.type_rank().is_some_and(|r| r > 0)
                && !doc.lang.national_sides.contains(&text[m.start..m.end])
                && !look.cue_any(m.start, m.end, CueKind::Calendar.bit())
        };
        // (The score after it first: most places have none, and their
        // entries need not be read.)
        let rows = (0..matches.len()).filter(|&i| doc.score_after(matches[i].end) && candidate(i)).count();
        let words = cues.iter().filter(|c| c.is(CueKind::Sports)).count();
        if !doc.is_sports_report(words, rows, digit_words) {
            return;
        }
        let candidates: Vec<usize> = (0..matches.len()).filter(|&i| candidate(i)).collect();
        let mut teams: FxHashSet<String> = FxHashSet::default();
        let mut done = vec![false; matches.len()];
        for &i in &candidates {
            let m = &matches[i];
            let after = doc.next_word(m.end).is_some_and(|w| doc.lang.team_after.contains_ignore_case(w));
            let before = doc.prev_word(m.start).is_some_and(|w| doc.lang.team_before.contains_ignore_case(w));
            if doc.score_after(m.end) || after || before {
                teams.insert(crate::normalize::match_key(&text[m.start..m.end]));
                added.push(Added { start: m.start, end: m.end, label: Label::Organization, reason: Reason::Team });
                done[i] = true;
            }
        }
        if teams.is_empty() {
            return;
        }
        // Every other mention of a team's name, but where a locative word
        // makes it the place.
        for &i in candidates.iter().filter(|&&i| !done[i]) {
            let m = &matches[i];
            let located = doc.prev_word(m.start).is_some_and(|w| doc.lang.locative.contains_ignore_case(w));
            if !located && teams.contains(&crate::normalize::match_key(&text[m.start..m.end])) {
                added.push(Added { start: m.start, end: m.end, label: Label::Organization, reason: Reason::Team });
            }
        }
    }
}

impl Doc<'_> {
    /// True when the text reads as a sports report: [`SPORTS_WORDS`] words
    /// of sports (`words`, found by the scan as cues) and a score, twice as
    /// many words, or [`SCORES`] scores and team rows (`rows`: places
    /// followed by a score) together. `digit_words` are the indices of the
    /// words that start with a digit ([`Scratch::digit_words`]): a score's
    /// first number is one.
    fn is_sports_report(self, words: usize, rows: usize, digit_words: &[usize]) -> bool {
        if words >= 2 * SPORTS_WORDS {
            return true;
        }
        let mut scores = 0;
        let text = self.text;
        for &k in digit_words {
            let Some(t) = self.tokens.get(k) else { continue };
            let w = &text[t.start..t.end];
            if w.bytes().all(|b| b.is_ascii_digit()) {
                // "2-1": two short numbers joined by a hyphen.
                let joined = self.tokens.get(k + 1).is_some_and(|n| {
                    n.kind == TokenKind::Word
                        && &text[t.end..n.start] == "-"
                        && is_small_number(&text[n.start..n.end])
                        && !text[n.end..].starts_with('-')
                });
                let first = k == 0 || !text[..t.start].ends_with('-');
                if joined && first && w.len() <= 3 {
                    scores += 1;
                }
            }
        }
        (words >= SPORTS_WORDS && scores + rows >= 1) || words >= 2 * SPORTS_WORDS || scores + rows >= SCORES
    }

    /// True when a score follows byte `pos`: spaces, then a number of one
    /// to three digits that is no part of a date, a time or a decimal
    /// ("Ashford 2", "Kelby 326"; not "Ashford 1996-08-30", "Kelby 3.5" or "Kelby 10:30").
    pub(super) fn score_after(self, pos: usize) -> bool {
        let text = self.text;
        let rest = &text[pos..];
        let digits_at = rest.len() - rest.trim_start_matches(' ').len();
        if digits_at == 0 {
            return false;
        }
        let num = &rest[digits_at..];
        let len = num.bytes().take_while(u8::is_ascii_digit).count();
        let next = num.as_bytes().get(len).copied();
        let decimal = next == Some(b'.') && num.as_bytes().get(len + 1).is_some_and(u8::is_ascii_digit);
        (1..=3).contains(&len) && !decimal && !matches!(next, Some(b'-' | b':' | b'/' | b'%')) && {
            // ("No. 2", a number in a name, is no score either: a letter
            // right after the digits.)
            next.is_none_or(|b| !b.is_ascii_alphabetic())
        }
    }
}

/// True for a number of one to three digits.
fn is_small_number(w: &str) -> bool {
    (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
}

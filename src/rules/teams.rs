//! Teams, events and longer names: a place named with a club word or a
//! capitalised plural (Tulsa Hornets, FC Basel), after a verb of play
//! ("played for Ashwell"), at the start of an event's name (Kent Valley
//! Jazz Festival), or followed by a capitalised word nothing explains
//! (Orlando Magic). Evidence: the words around the place and whether a
//! match or a cue explains them.

use super::*;

/// The club named with a place: a club word just before it, or just after
/// it a club word or a capitalised plural ("Eagles").
/// `before` is the word before it ([`word_ending_before`]), `after` the two
/// capitalised words after it ([`Doc::caps_after`] at `end`, 2).
pub(super) fn team_around(
    doc: Doc<'_>,
    start: usize,
    end: usize,
    before: Option<(usize, &str)>,
    after: &Run,
) -> Option<(usize, usize)> {
    let text = doc.text;
    if let Some((s, _)) = before.filter(|&(_, w)| doc.lang.club_before.contains(w)) {
        return Some((s, end));
    }
    let &(s, e) = after.first()?;
    let word = &text[s..e];
    if spaces_only(&text[end..s]) && doc.lang.club_after.contains(word) {
        return Some((start, e));
    }
    let plural = |word: &str| {
        word.len() >= 4
            && word.ends_with('s')
            && !doc.lang.not_plural_endings.iter().any(|end| word.ends_with(end))
            && word.chars().all(char::is_alphabetic)
    };
    // (Words of a hashtag touch: "#KelbyTalks" is a topic, not a team.)
    if !spaces_only(&text[end..s]) || s == end {
        return None;
    }
    if plural(word) {
        return Some((start, e));
    }
    // Two words, the second a plural ("Red Herons", "Sky Foxes").
    let &(s2, e2) = after.get(1)?;
    (spaces_only(&text[e..s2]) && s2 > e && plural(&text[s2..e2])).then_some((start, e2))
}

/// True when capitalised words joined by single spaces from the end of
/// match `m` on end in an event's head.
#[inline]
pub(super) fn names_event(doc: Doc<'_>, m: &Match<'_>) -> bool {
    // (Most places are followed by no capitalised word: told here, inline,
    // by the byte after the space when it is ASCII.)
    let (text, end) = (doc.text, m.end);
    let capital = match text.as_bytes().get(end..end + 2) {
        Some(&[b' ', c]) if c < 0x80 => c.is_ascii_uppercase(),
        Some(&[b' ', _]) => text[end + 1..].starts_with(char::is_uppercase),
        _ => false,
    };
    capital && names_event_after_capital(doc, m)
}

/// [`names_event`] when a space and a capital follow the match.
#[inline(never)]
fn names_event_after_capital(doc: Doc<'_>, m: &Match<'_>) -> bool {
    let (text, end) = (doc.text, m.end);
    let after = doc.caps_after_match(m, 4);
    let mut last = end;
    for &(s, e) in &after {
        if text[last..s] != *" " {
            return false;
        }
        if doc.lang.event_heads.contains(&text[s..e]) {
            return true;
        }
        last = e;
    }
    false
}

/// True when the place at `start` is a sports club by the words before it.
/// `before` is the word before it ([`word_ending_before`]).
pub(super) fn plays_for(doc: Doc<'_>, before: Option<(usize, &str)>) -> bool {
    let Some((s, w)) = before else { return false };
    doc.lang.club_class.contains(w) || (doc.lang.for_with.contains(w) && doc.word_before(s, &doc.lang.plays).is_some())
}

impl Pass<'_, '_, '_> {
    /// A big place, or one of several words, kept so far and followed by a
    /// capitalised word nothing explains starts a longer name ("Orlando
    /// Magic", "Kent City Railroad"), unless the line is a headline.
    #[inline(never)]
    pub(super) fn longer_names(&mut self) {
        let Pass { doc, matches, ref look, ref mut keep, ref mut widened, ref mut inside_name, .. } = *self;
        for (i, m) in matches.iter().enumerate() {
            if keep[i].is_some()
                && widened[i].is_none()
                && !inside_name[i]
                && m.top.is(&Label::Place)
                && !m.case_sensitive
                && (m.tokens > 1 || m.top.is_big_place())
                && longer_name_after(doc, look, m)
                && !doc.in_title_case_line(m.start)
                && look.reaching(m.start.saturating_sub(LONGEST_NAME), m.start, m.end + 1).next().is_none()
            {
                inside_name[i] = true;
            }
        }
    }
}

/// True when a capitalised word follows the match, separated by spaces
/// only, and no name or cue starts there to explain it: the match is the
/// first word of a longer, unknown name ("Birmingham City", "Marlow
/// Fields", "Paris Hilton").
pub(super) fn longer_name_after(doc: Doc<'_>, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    // A name in a case form ends there ("Deutschlands Hauptstadt").
    if m.inflected {
        return false;
    }
    let text = doc.text;
    let Some(&(s, e)) = doc.caps_after_match(m, 1).first() else { return false };
    let explained = look.starting_in(s, s).next().is_some() || look.cue_starts_at(s, NAME_ENDS);
    let adjacent = spaces_only(&text[m.end..s]);
    adjacent && !explained && e > s
}

/// True when a capitalised word nothing explains (no match, no cue) comes
/// right before the match, spaces only between, and does not start the
/// sentence.
pub(super) fn longer_name_before(doc: Doc<'_>, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    let text = doc.text;
    let Some(&(s, e)) = doc.caps_before(m.start, 1).last() else { return false };
    let explained = look.starting_in(s, s).next().is_some() || look.cue_starts_at(s, CueKind::NAMING);
    spaces_only(&text[e..m.start]) && !explained && !doc.at_sentence_start(s)
}

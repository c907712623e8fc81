//! Natural features and facilities the gazetteer does not know:
//! capitalised words ending in a head word (Marlow Brook, Ada Kessler
//! Stadium) or after one that comes first (Camp Ridley, River Mersey).
//! Evidence: the feature heads of the language pack and the capitalised
//! words beside them; a known name over the words says no.

use super::*;

impl Pass<'_, '_, '_> {
    /// Natural features and facilities the gazetteer does not know, named
    /// by a head word after or before capitalised words; true when one
    /// was added.
    #[inline(never)]
    pub(super) fn features(&mut self) -> bool {
        let Pass { text, doc, capitalised, ref look, ref mut added, .. } = *self;
        // Natural features and facilities the gazetteer does not know: a run
        // of capitalised words ending in a feature head ("Marlow Brook").
        let feature_from = added.len();
        for &(h, he) in capitalised {
            if !doc.lang.feature_heads.contains(&text[h..he]) {
                continue;
            }
            let before = doc.caps_before(h, 3);
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
            if !joined || cued || (before.len() == 1 && doc.at_sentence_start(start) && !surname) {
                continue;
            }
            // A known name of several words already covers it (a widened
            // place, Red Square).
            let known =
                look.reaching(start.saturating_sub(LONGEST_NAME), he, he).any(|m| m.start <= start && m.tokens > 1);
            // A numbered road ("County Road 117") is a route, not a place name;
            // a place's House ("Vermont House") its legislature.
            let numbered = text[he..].trim_start_matches(' ').starts_with(|c: char| c.is_ascii_digit());
            let legislature = doc.lang.legislature_heads.contains(&text[h..he])
                && look.starting_in(start, h).any(|m| {
                    m.top.is(&Label::Place) && m.top.type_rank().is_some_and(|r| r <= 1) && spaces_only(&text[m.end..h])
                });
            // "Dover and Ashford Railroad", "Kelby, Marlow and
            // Dunmore Railway": a line is named after the places it joins.
            let start =
                if doc.lang.line_heads.contains(&text[h..he]) { joined_names_before(doc, start) } else { start };
            if !known && !numbered && !legislature {
                added.push(Added { start, end: he, label: Label::Place, reason: Reason::FeatureHead });
            }
        }
        // The same with the head first ("Camp Ridley", "River Mersey"): one
        // capitalised word that no name or cue explains, with no capitalised
        // word on either side ("St. Annes River Festival" is an event).
        for &(h, he) in capitalised {
            if !doc.lang.feature_before.contains(&text[h..he]) || !doc.caps_before(h, 1).is_empty() {
                continue;
            }
            let [(s, e)] = doc.caps_after(he, 2)[..] else { continue };
            // A place or a person of that one word is the feature's namesake
            // ("Camp Ridley"); another name or a cue word is not.
            let other = look
                .starting_in(s, s)
                .any(|m| m.tokens > 1 || !matches!(m.top.label(), Label::Place | Label::Person) || m.case_sensitive);
            if text[he..s] != *" " || look.cue_any(s, e, NAME_ENDS) || other {
                continue;
            }
            let known = look.reaching(h.saturating_sub(LONGEST_NAME), h, h + 1).any(|m| m.start < h);
            if !known && !look.starting_in(h, h).any(|m| m.tokens > 1) {
                added.push(Added { start: h, end: e, label: Label::Place, reason: Reason::FeatureHead });
            }
        }
        added.len() > feature_from
    }
}

/// The start of the capitalised names joined by "and" (the pack's `and`) or commas that end
/// at `start` ("Ashford, Kelby and " before "Dunmore"), or
/// `start` itself.
pub(super) fn joined_names_before(doc: Doc<'_>, mut start: usize) -> usize {
    let text = doc.text;
    for _ in 0..3 {
        let before = &text[..start];
        let and = before.strip_suffix(' ').and_then(|b| before_spaced_word(b, &doc.lang.and));
        let Some(rest) = and.or_else(|| before.strip_suffix(", ")) else { break };
        let words = doc.caps_before(rest.len(), 2);
        let joined = words.windows(2).all(|w| spaces_only(&text[w[0].1..w[1].0]));
        match words.first() {
            Some(&(s, _)) if joined && words.last().is_some_and(|&(_, e)| e == rest.len()) => start = s,
            _ => break,
        }
    }
    start
}

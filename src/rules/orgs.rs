//! Organisations: capitalised words ending in a head noun or a legal
//! suffix (Defense Ministry, Gazprom PJSC), a head noun with "of" and
//! capitalised words (Ministry of Foreign Affairs), a capital "The"
//! inside a sentence and the name after it, and a head noun alone after
//! "the" that names an organisation met earlier. Evidence: the cue words
//! (heads, suffixes, titles, calendar words) and the matches around them.

use super::*;

impl Pass<'_, '_, '_> {
    /// Organisations: capitalised words ending in a head noun or legal suffix,
    /// or a head noun followed by "of" and capitalised words.
    #[inline(never)]
    pub(super) fn organisations(&mut self) {
        let Pass { text, doc, cues, ref look, ref mut added, .. } = *self;
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
            let before = doc.caps_before(c.start, 4);
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
                if let Some(linked) = after_word_spaced(text[c.end..].trim_start_matches(' '), &doc.lang.head_links) {
                    let words = doc.caps_after(text.len() - linked.len(), 4);
                    if let Some(last) = words.last() {
                        end = last.1;
                    }
                }
                // "Major League Rugby": a sport after the head names the
                // league.
                if let Some(&(s, e)) = doc.caps_after(c.end, 1).first().filter(|_| !before.is_empty()) {
                    if spaces_only(&text[c.end..s]) && doc.lang.sports.contains(&text[s..e]) {
                        end = e;
                    }
                }
            }
            if start == c.start && end == c.end {
                continue;
            }
            // A capitalised run that starts the sentence keeps its first word
            // only when it is not a stop word (handled by caps_before).
            if before.len() == 1 && doc.at_sentence_start(start) && end == c.end {
                // "Water Board said" at a sentence start is still an
                // organisation; "Yesterday Council" is not worth guessing.
                let w = &text[start..before[0].1];
                if w.chars().count() < 3 {
                    start = c.start;
                }
            }
            // "Western Front": a war's front named by its direction is a place.
            if doc.lang.front_heads.contains(&text[c.start..c.end])
                && before.len() == 1
                && doc.lang.front_directions.contains(&text[before[0].0..before[0].1])
            {
                added.push(Added { start, end, label: Label::Place, reason: Reason::FeatureHead });
                continue;
            }
            // A place the gazetteer knows by exactly these words ("Soviet
            // Union") is that place.
            let known_place = look
                .starting_in(start, start)
                .any(|m| m.end == end && m.top.is(&Label::Place) && !m.common && m.tokens > 1);
            if start < end && (start, end) != (c.start, c.end) && !known_place {
                added.push(Added { start, end, label: Label::Organization, reason });
            }
        }
    }

    /// "The" capitalised inside a sentence starts a name.
    #[inline(never)]
    pub(super) fn the_names(&mut self) {
        let Pass { text, doc, matches, capitalised: words, ref look, ref mut keep, ref mut added, .. } = *self;
        // The articles as they start a name ("The"), written once a text.
        let the: Vec<String> = doc.lang.articles.iter().map(capitalised).collect();
        for &(s, e) in words {
            if !the.iter().any(|t| *t == text[s..e]) {
                continue;
            }
            let Some((end, first)) = the_name(doc, look, s, e) else { continue };
            // A name the gazetteer matched from the "The" is that name ("The
            // Hague").
            if look.starting_in(s, s).next().is_some() {
                continue;
            }
            // A place, a person or a nationality covering the words is that
            // ("The U.S.", "The Peruvian government").
            let exact = || look.indices_starting_in(first, first).filter(|&i| matches[i].end >= end);
            if exact().any(|i| !matches[i].top.is(&Label::Organization)) {
                continue;
            }
            // An organisation the gazetteer knows is its name without the
            // "The" (CoNLL and OntoNotes leave the article out, and a span
            // with an entry is the text of the entry's name), kept from the
            // filters that would take the "The" for the start of a longer
            // name; only a name the gazetteer does not know takes it in.
            if let Some(i) = exact().find(|&i| matches[i].end == end) {
                keep[i] = Some(Reason::TheName);
            } else {
                added.push(Added { start: s, end, label: Label::Organization, reason: Reason::TheName });
            }
        }
    }

    /// "the League" after "the Caspian League of Rights": the head noun
    /// of an organisation named earlier, alone after "the".
    #[inline(never)]
    pub(super) fn org_links(&mut self) {
        let Pass { text, doc, matches, cues, ref mut added, .. } = *self;
        let mut orgs: Vec<(usize, usize)> = added
            .iter()
            .filter(|a| a.label == Label::Organization && a.reason != Reason::Team)
            .map(|a| (a.start, a.end))
            .chain(matches.iter().filter(|m| m.top.is(&Label::Organization) && m.tokens > 1).map(|m| (m.start, m.end)))
            .collect();
        orgs.sort_unstable();
        for c in cues.iter().filter(|c| c.is(CueKind::OrgHead)) {
            let word = &text[c.start..c.end];
            if !word.starts_with(char::is_uppercase)
                || !doc.prev_word(c.start).is_some_and(|w| doc.lang.articles.iter().any(|a| w.eq_ignore_ascii_case(a)))
            {
                continue;
            }
            // Alone: right after "the", no capitalised word or "of" after it.
            let alone = doc.caps_after(c.end, 1).is_empty()
                && after_word_spaced(text[c.end..].trim_start_matches(' '), &doc.lang.of).is_none();
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
}

/// The end of the name a capital "The" at `s..e` starts inside a sentence,
/// and the start of its first word after "The"; `None` when the "The"
/// starts the sentence or a headline, follows a quotation mark or a word
/// that announces a work, or no capitalised word follows.
pub(super) fn the_name(doc: Doc<'_>, look: &Lookup<'_, '_>, s: usize, e: usize) -> Option<(usize, usize)> {
    let text = doc.text;
    if doc.at_sentence_start(s) || doc.in_title_case_line(s) {
        return None;
    }
    let before = text[..s].trim_end_matches(' ');
    if before.ends_with(['"', '\'', '“', '‘', '«']) {
        return None;
    }
    if doc.prev_word(s).is_some_and(|w| doc.lang.works.contains(w)) {
        return None;
    }
    let mut words = doc.caps_after(e, 6);
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
        let Some(link) = doc
            .lang
            .name_links
            .iter()
            .find(|l| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(*l)).is_some_and(|r| r.starts_with(' ')))
        else {
            break;
        };
        let more: Vec<(usize, usize)> = doc
            .caps_after(last + 1 + link.len(), RUN - words.len())
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

//! Capitals in a language whose running text capitalises only names and
//! sentence starts (Russian, Ukrainian: the pack says so). There, two or
//! three capitalised words in a row that no match, cue or earlier rule
//! explains are a person's name ("встретился с Михаэлем Вайнрайхом",
//! a name no list holds), and a word in capitals that nothing explains is
//! an organisation's acronym ("эксперты МАГАТЭ"). Evidence: the words the
//! scan listed as capitalised or in capitals, and what covers them. An
//! English text capitalises titles, headings and much else, and gets
//! neither rule.

use super::*;

/// The most words of a run read as a person's name.
const MOST_WORDS: usize = 3;

impl Pass<'_, '_, '_> {
    /// Runs of two or three capitalised words nothing explains: a person.
    #[inline(never)]
    pub(super) fn capitalised_names(&mut self) {
        if !self.doc.lang.capitals_are_names {
            return;
        }
        let Pass { text, doc, capitalised, ref look, ref mut added, .. } = *self;
        let explained = |added: &[Added], (s, e): (usize, usize)| {
            in_capitals(&text[s..e]) || covered(look, added, s, e) || look.cue_any(s, e, NAME_ENDS)
        };
        let mut run: Vec<(usize, usize)> = Vec::new();
        let mut found = Vec::new();
        let flush = |run: &mut Vec<(usize, usize)>, found: &mut Vec<Added>| {
            if (2..=MOST_WORDS).contains(&run.len()) {
                if let (Some(first), Some(last)) = (run.first(), run.last()) {
                    found.push(Added { start: first.0, end: last.1, label: Label::Person, reason: Reason::Capitals });
                }
            }
            run.clear();
        };
        for &(s, e) in capitalised {
            // The word goes on the run when a space or a hyphen joins them
            // ("Жан-Клод"), and nothing explains it.
            let joined = run.last().is_some_and(|&(_, pe)| matches!(&text[pe..s], " " | "-"));
            if !joined {
                flush(&mut run, &mut found);
                // A sentence's first word is capitalised whatever it is
                // ("Директор Малого театра..."): no name starts with it.
                if doc.at_sentence_start(s) {
                    continue;
                }
            }
            if explained(added, (s, e)) {
                // A known word cuts the run: the name is what is left on
                // either side ("КНДР Ким Ир Сен").
                flush(&mut run, &mut found);
                continue;
            }
            run.push((s, e));
        }
        flush(&mut run, &mut found);
        added.extend(found);
    }
}

/// An organisation's name as the language writes it, its first word
/// alone capitalised: a capitalised word, up to two lowercase words and a
/// lowercase head noun of the pack ("Малого театра", "Каспийское
/// судоходное управление").
pub(super) fn headed_names(doc: Doc<'_>, look: &Lookup<'_, '_>, cues: &[Cue], added: &mut Vec<Added>) {
    if !doc.lang.capitals_are_names {
        return;
    }
    let text = doc.text;
    let mut found = Vec::new();
    for c in cues.iter().filter(|c| c.is(CueKind::OrgHead)) {
        if !text[c.start..c.end].starts_with(char::is_lowercase) {
            continue;
        }
        let mut pos = c.start;
        for _ in 0..3 {
            let Some((s, w)) = doc.word_ending_before(pos) else { break };
            let Some(first) = w.chars().next() else { break };
            if first.is_lowercase() {
                pos = s;
                continue;
            }
            let all_caps = in_capitals(w);
            // A place or a person before the head is not its first word
            // ("России компания"); an adjective made of a place's name is.
            // (A small place in a case form is likelier the adjective:
            // "Малого" is no village Maloye.)
            let known =
                look.reaching(s.saturating_sub(LONGEST_NAME), s, s + 1).any(|m| !m.inflected || m.top.is_big_place())
                    || look.cue_any(s, s + w.len(), CueKind::GivenName.bit() | CueKind::Title.bit());
            if first.is_uppercase() && !all_caps && !known && w.chars().count() > 1 {
                found.push(Added { start: s, end: c.end, label: Label::Organization, reason: Reason::OrgHead });
            }
            break;
        }
    }
    added.extend(found);
}

/// Words in capitals nothing explains (no match, no cue, no span of the
/// other rules), 2 to 6 letters, not a heading's: organisations.
pub(super) fn acronyms(doc: Doc<'_>, look: &Lookup<'_, '_>, caps: &[Capitals], added: &mut Vec<Added>) {
    if !doc.lang.capitals_are_names {
        return;
    }
    let text = doc.text;
    let mut found = Vec::new();
    for t in caps {
        let word = &text[t.start..t.end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let known = covered(look, added, t.start, t.end) || look.cue_any(t.start, t.end, CueKind::NAMING);
        if (2..=6).contains(&letters)
            && !t.prev_upper
            && !t.next_upper
            && !known
            && !is_roman_numeral(word)
            && !doc.lang.not_acronyms.contains(word)
        {
            found.push(Added { start: t.start, end: t.end, label: Label::Organization, reason: Reason::Capitals });
        }
    }
    added.extend(found);
}

/// True when a match or a span of the rules covers `start..end`.
fn covered(look: &Lookup<'_, '_>, added: &[Added], start: usize, end: usize) -> bool {
    look.reaching(start.saturating_sub(LONGEST_NAME), start, end).next().is_some()
        || added.iter().any(|a| a.start <= start && a.end >= end)
}

/// True when every letter of `word` is a capital.
fn in_capitals(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

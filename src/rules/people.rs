//! People: a title or a known given name followed by capitalised words
//! (Governor Lena Marsh, Arshak Karapetyan), a given name alone before a
//! speech verb or a possessive, and initials with a surname (J. K.
//! Varden), and capitalised words described as a person: a country in
//! brackets after them (a results row: "Vera Tamsin ( Moldova ) 12.74") or
//! an age between commas ("Tamsin, 34, said"). Evidence: the cue words the scan found (titles, given names,
//! surnames), the capitalised words after them, and the gazetteer's
//! matches over the same words (a country or a big place says no).

use super::*;

impl Pass<'_, '_, '_> {
    /// People: titles and given names followed by capitalised words, and a
    /// given name alone before a speech verb or a possessive.
    #[inline(never)]
    pub(super) fn people(&mut self) {
        let Pass { text, doc, cues, matches, ref look, ref mut added, .. } = *self;
        let any_inflected = matches.iter().any(|m| m.inflected);
        for c in cues {
            let (reason, words) = if c.is(CueKind::Title) {
                (Reason::Title, doc.caps_after(c.end, 4))
            } else if c.is(CueKind::GivenName) {
                // A nationality is no given name ("Danish Air Force").
                if look.starting_in(c.start, c.start).any(|m| m.end == c.end && m.top.is(&Label::Nationality)) {
                    continue;
                }
                let mut next = doc.caps_after(c.end, 3);
                if next.is_empty() {
                    // "Juan de la Varga"
                    next = particle_tail(doc, look, c.end);
                }
                if next.is_empty() {
                    // A given name alone names a person when a speech verb or a
                    // possessive follows ("Stan said", "Hayley's"), unless it
                    // is an organisation, a nationality or a big place.
                    let alone =
                        !look.starting_in(c.start, c.start).any(|m| !m.top.is(&Label::Place) || m.top.is_big_place());
                    let rest = &text[c.end..];
                    let speaks = doc.next_word(c.end).is_some_and(|w| doc.lang.speech.contains_ignore_case(w))
                        || doc.lang.possessives.iter().any(|p| rest.trim_start().starts_with(p));
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
            if words.iter().any(|&(s, e)| doc.lang.not_person.contains_ignore_case(&text[s..e])) {
                continue;
            }
            // So does one ending in a feature's head that is no listed surname
            // ("Warren Highway"; not "Nathan Lane").
            if words.len() > 1
                && words.last().is_some_and(|&(s, e)| {
                    doc.lang.feature_heads.contains(&text[s..e]) && !look.cue_at(s, e, CueKind::Surname)
                })
            {
                continue;
            }
            // A place or an organisation in a case form ends a name:
            // "İlham Əliyev Bakıda" is the person, then Bakı in the locative.
            let mut words: ArrayVec<(usize, usize), { 2 * RUN }> = words
                .into_iter()
                .enumerate()
                .take_while(|&(i, (s, e))| {
                    !look.cue_any(s, e, NAME_ENDS)
                        && (i == 0 && reason == Reason::GivenName
                            || !any_inflected
                            || !look.starting_in(s, s).any(|m| {
                                m.inflected
                                    && m.end == e
                                    && !m.top.is(&Label::Person)
                                    && !look.cue_at(s, e, CueKind::Surname)
                            }))
                })
                .map(|(_, w)| w)
                .collect();
            // A trailing initial without its period is a cut-off name.
            while words.len() > 1 && words.last().is_some_and(|&(s, e)| e - s == 1) {
                words.pop();
            }
            // "Pierre de Vaucelle", "Juan de la Cruz": a particle and a
            // capitalised word go on with the name.
            if let Some(&(_, last)) = words.last() {
                // (A run and a particle's tail: at most twice a run.)
                for w in particle_tail(doc, look, last) {
                    if words.try_push(w).is_err() {
                        break;
                    }
                }
            }
            // "Dale Morrow Jr.": the period of a suffix belongs to the name.
            if let Some(last) = words.last_mut() {
                if doc.lang.name_suffixes.contains(&text[last.0..last.1]) && text[last.1..].starts_with('.') {
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
                        && m.top.is(&Label::Place)
                        && m.top.type_rank().is_some_and(|r| r <= 1)
                        && !look.cue_at(m.start, m.end, CueKind::Surname)
                });
                let country_first = country_first(look, &words);
                let surname_next = words.get(1).is_some_and(|&(s, e)| look.cue_at(s, e, CueKind::Surname));
                // A known name of several words starting with the given name
                // ("Glen Burnie", a town) is that name.
                let named = look
                    .starting_in(first.0, first.0)
                    .any(|m| m.tokens > 1 && !m.top.is(&Label::Person) && !m.common && m.end <= last.1);
                if big_after || (country_first && !surname_next) || named {
                    continue;
                }
            } else if words.len() > 1 && country_first(look, &words) {
                // After a title too, a country's name starts no person's name
                // ("its owner France Media").
                continue;
            }
            // A place or organisation name after a title is not a person
            // ("President of", "Minister Russia" is rare; "Governor Texas" too;
            // an organisation's acronym: Russian "лидер ХАМАС", Hamas's
            // leader): keep the gazetteer's reading when a non-person match
            // covers all.
            let covered = look.reaching(first.0.saturating_sub(LONGEST_NAME), first.0, last.1).any(|m| {
                m.start <= first.0
                    && !m.top.is(&Label::Person)
                    && !m.common
                    && (m.tokens >= 2
                        || m.top.type_rank().is_some_and(|r| r <= 2)
                        || (m.case_sensitive && m.top.is(&Label::Organization)))
            });
            if covered {
                continue;
            }
            added.push(Added { start: first.0, end: last.1, label: Label::Person, reason });
        }
    }

    /// Initials and a surname: "J. K. Varden", "J. Smith".
    #[inline(never)]
    pub(super) fn initials(&mut self) {
        let Pass { text, doc, capitalised, ref look, ref mut added, .. } = *self;
        for (k, &(s, e)) in capitalised.iter().enumerate() {
            let initial =
                e - s == 1 && text[s..].starts_with(|c: char| c.is_ascii_uppercase()) && text[e..].starts_with(". ");
            // (Most capitalised words are no initial: nothing more is read.)
            if !initial {
                continue;
            }
            // "W. Lafayette", "N. Main": a compass point before a place.
            let compass = text[s..].starts_with(['N', 'S', 'E', 'W'])
                && doc.caps_after(e + 1, 1).first().is_some_and(|&(ns, _)| look.starting_in(ns, ns).next().is_some());
            // The first initial: no capitalised word right before it ("Plan B.").
            let first = k == 0 || {
                let (ps, pe) = capitalised[k - 1];
                let gap = &text[pe..s];
                !(spaces_only(gap) || (gap == ". " && pe - ps == 1))
            };
            if !first || compass {
                continue;
            }
            let words: Run =
                doc.caps_after(s, 5).into_iter().take_while(|&(ws, we)| !look.cue_any(ws, we, NAME_ENDS)).collect();
            let Some(&(ls, last)) = words.last() else { continue };
            let names = words.iter().filter(|&&(ws, we)| we - ws > 1).count();
            if !(1..=2).contains(&names) || last - ls == 1 {
                continue;
            }
            if person_like(doc, look, (s, last), true) {
                added.push(Added { start: s, end: last, label: Label::Person, reason: Reason::Initials });
            }
        }
    }

    /// People described by what follows them: a country or a nationality
    /// in brackets ("Vera Tamsin ( Moldova )", two or three words, no score
    /// after the brackets: that is a team's row), or an age between commas
    /// ("Tamsin, 34,", one to three words).
    #[inline(never)]
    pub(super) fn described_people(&mut self) {
        let Pass { text, doc, ref look, ref mut added, .. } = *self;
        let tokens = doc.tokens;
        for (k, t) in tokens.iter().enumerate() {
            let (run, from) = match t.kind {
                TokenKind::Punct('(') => {
                    // The country, then ")".
                    let Some(m) = tokens.get(k + 1).and_then(|n| {
                        look.starting_in(n.start, n.start).find(|m| {
                            m.top.is(&Label::Nationality)
                                || (m.top.is(&Label::Place) && m.top.type_rank().is_some_and(|r| r == 0))
                        })
                    }) else {
                        continue;
                    };
                    let close = tokens[k + 1..].iter().find(|c| c.start >= m.end);
                    let Some(close) = close.filter(|c| c.kind == TokenKind::Punct(')')) else { continue };
                    if doc.score_after(close.end) {
                        continue;
                    }
                    (doc.caps_before(t.start, 3), 2)
                }
                TokenKind::Punct(',') => {
                    // The age, then ",".
                    let age = tokens.get(k + 1).filter(|n| {
                        n.kind == TokenKind::Word
                            && (1..=2).contains(&(n.end - n.start))
                            && text[n.start..n.end].bytes().all(|b| b.is_ascii_digit())
                    });
                    let comma = tokens.get(k + 2).is_some_and(|c| c.kind == TokenKind::Punct(','));
                    if age.is_none() || !comma {
                        continue;
                    }
                    (doc.caps_before(t.start, 3), 1)
                }
                _ => continue,
            };
            let (Some(&(start, _)), Some(&(_, end))) = (run.first(), run.last()) else { continue };
            if run.len() < from || !spaced(text, &run) || !person_like(doc, look, (start, end), false) {
                continue;
            }
            // Not a known name other than a small place's (a place of one
            // word may be a surname: "Duran, 45,").
            let known = look
                .reaching(start.saturating_sub(LONGEST_NAME), end, start + 1)
                .any(|m| m.start < end && !(m.top.is(&Label::Place) && m.tokens == 1));
            if !known {
                added.push(Added { start, end, label: Label::Person, reason: Reason::Described });
            }
        }
    }
}

/// The words of a name after byte `end` that one or two particles lead
/// into: " de Vaucelle", " de la Cruz", " van der Berg" (at most two more
/// capitalised words, no cue word among them); empty when none.
pub(super) fn particle_tail(doc: Doc<'_>, look: &Lookup<'_, '_>, end: usize) -> Run {
    let text = doc.text;
    let mut at = end;
    for _ in 0..2 {
        let rest = &text[at..];
        let Some(word) =
            rest.strip_prefix(' ').map(|r| &r[..r.len() - r.trim_start_matches(char::is_alphabetic).len()])
        else {
            break;
        };
        if !doc.lang.particles.contains(word) || !rest[1 + word.len()..].starts_with(' ') {
            break;
        }
        at += 1 + word.len();
        // (Fewer words than the run read: the collection fits.)
        let words: Run = doc
            .caps_after(at, 2)
            .into_iter()
            .take_while(|&(s, e)| spaces_only(&text[at..s]) && !look.cue_any(s, e, NAME_ENDS))
            .collect();
        if !words.is_empty() {
            return words;
        }
    }
    Run::new()
}

/// True when the words of `item` may be a person's name: no head word of
/// a feature or facility, no cue other than given names and surnames, no
/// name of an organisation, a nationality or a big place.
///
/// With `strong` evidence (initials), only an organisation, a nationality
/// or a country in it says no.
pub(super) fn person_like(doc: Doc<'_>, look: &Lookup<'_, '_>, (start, end): (usize, usize), strong: bool) -> bool {
    let text = doc.text;
    let item = &text[start..end];
    if item.split([' ', '.']).any(|w| doc.lang.not_person.contains_ignore_case(w)) {
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
    !look.reaching(start.saturating_sub(LONGEST_NAME), end, start + 1).any(|m| {
        m.top.is(&Label::Organization)
            || m.top.is(&Label::Nationality)
            || (m.top.is(&Label::Place)
                && if strong {
                    m.top.type_rank().is_some_and(|r| r == 0)
                } else {
                    m.top.is_big_place() || m.tokens > 1
                })
    })
}

//! People found from other people: two or three capitalised words listed
//! next to a person ("Vera Tamsin, Joel Marchetti and Ada Kerrow"), and
//! the surname (or a listed given name) of a person named earlier, when
//! it comes back alone. Evidence: the people found so far, list
//! separators, and the places the words could be instead.

use super::*;

impl Pass<'_, '_, '_> {
    /// People listed next to people: "A B, C D and E F" with one of them a
    /// person makes the others people, one item at a time in both
    /// directions.
    #[inline(never)]
    pub(super) fn listed_people(&mut self) {
        let Pass { doc, matches, ref look, ref mut added, .. } = *self;
        let mut queue: Vec<(usize, usize)> = matches
            .iter()
            .filter(|m| m.top.is(&Label::Person) && m.tokens > 1)
            .map(|m| (m.start, m.end))
            .chain(added.iter().filter(|a| a.label == Label::Person).map(|a| (a.start, a.end)))
            .collect();
        let mut listed: rustc_hash::FxHashSet<(usize, usize)> = queue.iter().copied().collect();
        while let Some((s, e)) = queue.pop() {
            for item in [list_item_after(doc, e), list_item_before(doc, s)].into_iter().flatten() {
                if listed.contains(&item) || !person_like(doc, look, item, false) {
                    continue;
                }
                listed.insert(item);
                queue.push(item);
                added.push(Added { start: item.0, end: item.1, label: Label::Person, reason: Reason::ListOfPeople });
            }
        }
    }

    /// Surnames of people named so far, linked when they come back alone.
    #[inline(never)]
    pub(super) fn surname_links(&mut self) {
        let Pass { text, doc, matches, capitalised, ref look, ref mut added, .. } = *self;
        let mut people: Vec<(usize, &str)> = Vec::new();
        for m in matches.iter().filter(|m| m.top.is(&Label::Person) && m.tokens > 1) {
            people.push((m.end, &text[m.start..m.end]));
        }
        for a in added.iter().filter(|a| a.label == Label::Person && a.end > a.start) {
            people.push((a.end, &text[a.start..a.end]));
        }
        // One pass over the words after the first person: each capitalised word
        // that is the surname of a person named before it is that person.
        let mut surnames: FxHashMap<&str, usize> = FxHashMap::default();
        for &(after, full) in &people {
            if !full.contains(' ') {
                continue;
            }
            // The surname, and the given name when the lists know it ("Angelo"
            // for Angelo Fresquet).
            let mut words = full.split_whitespace();
            let Some(first_name) = words.next() else { continue };
            let surname = words.next_back().unwrap_or(first_name);
            let first_start = full.as_ptr() as usize - text.as_ptr() as usize;
            let given_known = look.cue_at(first_start, first_start + first_name.len(), CueKind::GivenName);
            for (name, ok) in [(surname, true), (first_name, given_known)] {
                // Plural nouns and facility words are no surnames ("Bruins",
                // "Force"), unless the lists know the name (Jones, Williams).
                let at = name.as_ptr() as usize - text.as_ptr() as usize;
                let listed = look.cue_at(at, at + name.len(), CueKind::Surname);
                let noun = (name.ends_with('s') && !listed) || doc.lang.not_person.contains_ignore_case(name);
                if !ok || name.chars().count() < 3 || noun {
                    continue;
                }
                let first = surnames.entry(name).or_insert(after);
                *first = (*first).min(after);
            }
        }
        // In a language whose names inflect, a surname in any case form
        // ("Топаловым", "Топалова") is the surname: both sides by their
        // base forms, folded.
        let infl = &doc.lang.inflection;
        let mut stems: FxHashMap<String, usize> = FxHashMap::default();
        let mut buf = String::new();
        let forms = |word: &str, buf: &mut String| -> Vec<String> {
            let mut key = String::new();
            crate::normalize::fold_word_into(word, &mut key);
            let mut out = vec![key.clone()];
            infl.find(&key, buf, |b| {
                out.push(b.to_string());
                None::<()>
            });
            out
        };
        if !infl.is_empty() {
            for (&name, &after) in &surnames {
                for f in forms(name, &mut buf) {
                    let first = stems.entry(f).or_insert(after);
                    *first = (*first).min(after);
                }
            }
        }
        if let Some(&from) = surnames.values().min() {
            // The lengths of the surnames, which most capitalised words are
            // not: they are asked no hash.
            let lengths = surnames.keys().fold(0u64, |bits, n| bits | 1 << n.len().min(63));
            // (A word written with the other apostrophe can be a surname
            // only when one is written with an apostrophe.)
            let apostrophes = surnames.keys().any(|n| n.contains(['\'', '’']));
            let first = capitalised.partition_point(|&(s, _)| s < from);
            for (k, &(s, e)) in capitalised.iter().enumerate().skip(first) {
                // "O’Connor", "D'Arcy": a capital or two, an apostrophe and
                // a capitalised word, with no space, are one surname.
                let e = capitalised
                    .get(k + 1)
                    .filter(|&&(s2, _)| e - s <= 2 && matches!(text.get(e..s2), Some("'" | "’")))
                    .map_or(e, |&(_, e2)| e2);
                // "Paxton, Illinois": a place written with its division or
                // country is that place, whoever bore the name before.
                let placed = || {
                    text[e..].starts_with(", ")
                        && look
                            .starting_in(e + 2, e + 2)
                            .any(|o| o.top.is(&Label::Place) && o.top.type_rank().is_some_and(|r| r <= 1) && !o.common)
                };
                // "In Boston", "the town of Ashgrove": a known place after a
                // locative word is that place.
                let located = || {
                    (doc.word_before(s, &doc.lang.place_prepositions).is_some() || doc.after_settlement_of(s))
                        && look.starting_in(s, s).any(|o| o.end == e && o.top.is(&Label::Place))
                };
                let mut inflected = || {
                    !stems.is_empty()
                        && forms(&text[s..e], &mut buf).iter().any(|f| stems.get(f).is_some_and(|&after| s >= after))
                };
                // (Either apostrophe: "O’Connor" is "O'Connor".)
                let other_apostrophe = || {
                    if !apostrophes {
                        return false;
                    }
                    let w = &text[s..e];
                    // (Bytes first: `’` starts with E2.)
                    if !w.bytes().any(|b| b == b'\'' || b == 0xE2) || !w.contains(['\'', '’']) {
                        return false;
                    }
                    let alt = if w.contains('’') { w.replace('’', "'") } else { w.replace('\'', "’") };
                    alt != w && surnames.get(alt.as_str()).is_some_and(|&after| s >= after)
                };
                let linked = (lengths & 1 << (e - s).min(63) != 0
                    && surnames.get(&text[s..e]).is_some_and(|&after| s >= after))
                    || other_apostrophe()
                    || inflected();
                if linked && !placed() && !located() {
                    added.push(Added { start: s, end: e, label: Label::Person, reason: Reason::SurnameLink });
                }
            }
        }
    }
}

/// The item of a list right after byte `pos` (the end of an item): after
/// `,`, `and` or `, and`, two or three capitalised words, then the end of
/// the item (`,`, `and`, `.`, `;`, `)` or the end of the text).
pub(super) fn list_item_after(doc: Doc<'_>, pos: usize) -> Option<(usize, usize)> {
    let text = doc.text;
    let rest = text.get(pos..)?;
    let trimmed = rest.trim_start_matches(' ');
    let sep = if let Some(r) = trimmed.strip_prefix(',') {
        let r = r.trim_start_matches(' ');
        after_word_spaced(r, &doc.lang.and).unwrap_or(r)
    } else {
        after_word_spaced(trimmed, &doc.lang.and)?
    };
    let from = text.len() - sep.trim_start_matches(' ').len();
    let words = doc.caps_after(from, 4);
    let (&(first, _), &(_, last)) = (words.first()?, words.last()?);
    if first != from || !(2..=3).contains(&words.len()) || !item_ends(doc, &text[last..]) || !spaced(text, &words) {
        return None;
    }
    Some((first, last))
}

/// The item of a list right before byte `pos` (the start of an item): two
/// or three capitalised words, then `,`, `and` or `, and`; before them a
/// separator, a colon or the start of a line.
pub(super) fn list_item_before(doc: Doc<'_>, pos: usize) -> Option<(usize, usize)> {
    let text = doc.text;
    let before = text.get(..pos)?.trim_end_matches(' ');
    let before = if let Some(b) = before_spaced_word(before, &doc.lang.and) {
        b.trim_end_matches(' ').strip_suffix(',').unwrap_or(b)
    } else {
        before.strip_suffix(',')?
    };
    let end = before.trim_end_matches(' ').len();
    let words = doc.caps_before(end, 4);
    let (&(first, _), &(_, last)) = (words.first()?, words.last()?);
    if last != end || !(2..=3).contains(&words.len()) || !spaced(text, &words) {
        return None;
    }
    let head = text[..first].trim_end_matches(' ');
    let starts_item = head.is_empty()
        || head.ends_with([',', ':', '(', '\n', ';'])
        || before_spaced_word(head, &doc.lang.and).is_some()
        || before_spaced_word(head, &doc.lang.list_openers).is_some();
    starts_item.then_some((first, last))
}

/// True when what follows ends a list item.
pub(super) fn item_ends(doc: Doc<'_>, rest: &str) -> bool {
    let r = rest.trim_start_matches(' ');
    r.is_empty() || r.starts_with([',', '.', ';', ')', '\n']) || after_word_spaced(r, &doc.lang.and).is_some()
}

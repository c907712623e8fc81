//! Places that are the core of a longer name: widened by a direction or a
//! geographic head (West Kelso, Kura River, Kingdom of Poland), part of a
//! quoted title, a disease or a time zone, or the start of an event's name
//! or a team's. Evidence: the words right before and after the place.

use super::*;

impl Pass<'_, '_, '_> {
    /// Places that are the core of a longer name: widened to it, or, before
    /// a capitalised plural, the team named after them.
    #[inline(never)]
    pub(super) fn place_cores(&mut self) {
        let Pass {
            text,
            doc,
            matches,
            ref look,
            ref mut keep,
            ref mut added,
            ref mut widened,
            ref mut inside_name,
            ..
        } = *self;
        let mut clubs = Vec::new();
        for (i, m) in matches.iter().enumerate() {
            if !m.top.is(&Label::Place) || m.case_sensitive || look.in_title(m.start, m.end) {
                continue;
            }
            // "Sunset over Lisbon", “Jupiter”: a place in the quoted title of a
            // work is part of the title.
            if in_quoted_title(doc, &look.quotes, m.start, m.end) {
                inside_name[i] = true;
                continue;
            }
            // "All-America", "All-Ireland": a team or honour of the whole place.
            if doc.lang.whole_prefixes.iter().any(|p| ends_with(&text.as_bytes()[..m.start], p.as_bytes())) {
                keep[i] = None;
                continue;
            }
            // "9 a.m. PST": a time zone after a time of day.
            if text[m.start..m.end].chars().all(|c| c.is_ascii_uppercase())
                && after_time_of_day(doc, text[..m.start].trim_end())
            {
                keep[i] = None;
                continue;
            }
            // "Marburg virus", "Lassa fever": a disease named after the place.
            if doc.next_word(m.end).is_some_and(|w| doc.lang.disease_words.contains(w)) {
                keep[i] = None;
                continue;
            }
            // "City of Ashford" is the place; "Battle of Hastings" or "Army
            // of the Rhine" a longer name with the place in it.
            if let Some((s, word)) = word_of_before(doc, m.start) {
                if doc.lang.polity_of.contains(word) {
                    // "Grand Duchy of Tuscany", "Kingdom of Poland": the state
                    // or division named after the place, which the place's
                    // entry stands for.
                    let s = doc.word_before(s, &doc.lang.grand).unwrap_or(s);
                    if !look.other_covers(s, m) {
                        widened[i] = Some(Widened { start: s, end: m.end, keeps_entry: true });
                        keep[i] = Some(Reason::PlaceHead);
                        continue;
                    }
                } else if doc.lang.water_of.contains(word) {
                    if !look.other_covers(s, m) {
                        widened[i] = Some(Widened { start: s, end: m.end, keeps_entry: false });
                        keep[i] = Some(Reason::PlaceHead);
                        continue;
                    }
                } else if doc.lang.name_of.contains(word)
                    && look.reaching(s.saturating_sub(LONGEST_NAME), s, m.end).next().is_none()
                    && !doc.at_sentence_start(s)
                    && !doc.in_title_case_line(m.start)
                {
                    inside_name[i] = true;
                    continue;
                }
            }
            // A known longer name around it (West Virginia, Marlow County) is
            // the name; the selection keeps it.
            if look.other_covers(m.start, m) {
                continue;
            }
            // "Tanzania Liberation War", "Kent Valley Jazz Festival":
            // the place starts an event's name.
            if names_event(doc, m) && !doc.in_title_case_line(m.start) {
                inside_name[i] = true;
                continue;
            }
            // A small place named like an organisation's head takes no
            // direction before it ("Western Front" is a war's front).
            let head_word = named_like_head(look, m);
            // (The word before is read by widening, teams and clubs only
            // when one of their lists could hold it, by its last byte.)
            let lists = [&doc.lang.place_before, &doc.lang.club_before, &doc.lang.club_class, &doc.lang.for_with];
            let before = doc.may_be_listed_before(m.start, &lists).then(|| doc.word_ending_before(m.start)).flatten();
            // (The two words after it, which both the widening and the team
            // read.)
            let after = doc.caps_after_match(m, 2);
            if let Some(w) =
                widen_place(doc, m.start, m.end, before, &after).filter(|w| !(head_word && w.start < m.start))
            {
                widened[i] = Some(w);
                keep[i] = Some(Reason::PlaceHead);
            } else if let Some((s, e)) = team_around(doc, m.start, m.end, before, &after)
                .filter(|_| !doc.in_title_case_line(m.start) && !look.cue_at(m.start, m.end, CueKind::GivenName))
            {
                // The word after the place is no other name or cue word.
                let explained = e > m.end && {
                    let w = doc.caps_after_match(m, 1).first().map_or(e, |&(w, _)| w);
                    let club = doc.lang.club_after.contains(&text[w..e]);
                    !club && (look.starting_in(w, w).next().is_some() || look.cue_starts_at(w, CueKind::NAMING))
                };
                if !explained {
                    added.push(Added { start: s, end: e, label: Label::Organization, reason: Reason::Team });
                }
            } else if plays_for(doc, before) && !look.other_covers(m.start, m) {
                // "played for Ashwell", "signed with Kelby", "AAA Wichita":
                // the club, not the town.
                added.push(Added { start: m.start, end: m.end, label: Label::Organization, reason: Reason::Team });
                clubs.push(i);
            }
        }
        // "played for Ashwell and South Ashford": the place joined to a
        // club by "and" is a club too.
        while let Some(i) = clubs.pop() {
            let end = matches[i].end;
            let Some(rest) = text[end..].strip_prefix(' ').and_then(|r| after_word_spaced(r, &doc.lang.and)) else {
                continue;
            };
            let next = text.len() - rest.len();
            for j in look.indices_starting_in(next, next) {
                let n = &matches[j];
                if n.top.is(&Label::Place)
                    && !n.case_sensitive
                    && widened[j].is_none()
                    && !look.other_covers(n.start, n)
                {
                    added.push(Added { start: n.start, end: n.end, label: Label::Organization, reason: Reason::Team });
                }
            }
        }
    }
}

/// The widest place name around a one-word place match: one or two
/// direction or head words just before it ("Far North Queensland"), head
/// words just after it ("Bay Area" after "San Francisco" takes two).
/// `before` is the word before it ([`word_ending_before`]), `after` the two
/// capitalised words after it ([`Doc::caps_after`] at `end`, 2).
pub(super) fn widen_place(
    doc: Doc<'_>,
    start: usize,
    end: usize,
    before: Option<(usize, &str)>,
    after: &Run,
) -> Option<Widened> {
    let text = doc.text;
    // (Most places have neither such a word before them nor a head after
    // them: asked first.)
    let direction = before.filter(|&(_, w)| doc.lang.place_before.contains(w));
    if direction.is_none() && after.first().is_none_or(|&(s, e)| !doc.lang.place_after.contains(&text[s..e])) {
        return None;
    }
    if doc.lang.place_before.contains(text[start..end].trim_end_matches('.')) {
        return None;
    }
    let mut out = (start, end);
    let mut keeps_entry = true;
    if let Some((s, _)) = direction {
        out.0 = s;
        // Two such words: "Far North Queensland", "South East England".
        if let Some((s2, _)) = doc.word_ending_before(s).filter(|&(_, w)| doc.lang.place_before.contains(w)) {
            out.0 = s2;
        }
    }
    for &(s, e) in after {
        let adjacent = spaces_only(&text[out.1..s]);
        let word = &text[s..e];
        let head = doc.lang.place_after.contains(word) || (out.1 > end && doc.lang.place_after_second.contains(word));
        if !adjacent || !head {
            break;
        }
        keeps_entry &= !doc.lang.not_the_place.contains(word);
        out.1 = e;
    }
    // More capitalised words after the head: a longer name of something
    // else ("Nevada Forest Service"), not this place's.
    if out.1 > end {
        if let Some(&(s, _)) = doc.caps_after(out.1, 1).first() {
            if spaces_only(&text[out.1..s]) {
                out.1 = end;
                keeps_entry = true;
            }
        }
    }
    (out != (start, end)).then_some(Widened { start: out.0, end: out.1, keeps_entry })
}

/// True when `before` ends with a word for the time of day ("a.m.",
/// "pm"), in any case: one ending in a period after anything, another
/// after a space.
fn after_time_of_day(doc: Doc<'_>, before: &str) -> bool {
    let b = before.as_bytes();
    doc.lang.times_of_day.iter().any(|t| {
        let t = t.as_bytes();
        let Some(at) = b.len().checked_sub(t.len()) else { return false };
        b[at..].eq_ignore_ascii_case(t) && (t.ends_with(b".") || (at > 0 && b[at - 1] == b' '))
    })
}

/// A capitalised word and "of" (or "of the") right before byte `pos`: the
/// start of the word and the word.
#[inline]
pub(super) fn word_of_before(doc: Doc<'_>, pos: usize) -> Option<(usize, &str)> {
    // (Most words before a place end as neither an article nor "of" does:
    // asked here, inline, and the rest read out of line.)
    if !doc.may_be_listed_before(pos, &[&doc.lang.articles, &doc.lang.of]) {
        return None;
    }
    word_of_before_listed(doc, pos)
}

/// [`word_of_before`] once the word before may be listed.
#[inline(never)]
fn word_of_before_listed(doc: Doc<'_>, pos: usize) -> Option<(usize, &str)> {
    let text = doc.text;
    let before = text.get(..pos)?.trim_end_matches(' ');
    let before = before_spaced_word(before, &doc.lang.articles).unwrap_or(before).trim_end_matches(' ');
    let before = before_spaced_word(before, &doc.lang.of)?.trim_end_matches(' ');
    let start =
        before.len() - before.chars().rev().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
    let word = &before[start..];
    if !word.chars().next().is_some_and(char::is_uppercase) || doc.is_stop(word) {
        return None;
    }
    let boundary = before[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '-');
    if !boundary {
        return None;
    }
    Some((start, word))
}

/// True when `start..end` lies in a short quotation in title case on one
/// line ("Sunset over Lisbon", "A Canção do Mar"): a work's title, not
/// speech.
///
/// `quotes` holds where each opening quote of the text (`"` or `“`)
/// starts, in order ([`Lookup::quotes`]).
#[inline]
pub(super) fn in_quoted_title(doc: Doc<'_>, quotes: &[usize], start: usize, end: usize) -> bool {
    // The opening quote is the last one before the match, on its line and
    // within `QUOTED` bytes (most places have none: asked here, inline, and
    // the rest read out of line).
    let before = &quotes[..quotes.partition_point(|&q| q < start)];
    let Some((&open, earlier)) = before.split_last() else { return false };
    if open + QUOTED < start {
        return false;
    }
    in_quoted_title_after(doc, open, earlier, start, end)
}

/// The longest quoted title [`in_quoted_title`] reads, in bytes from its
/// opening quote to the place, and from the place to its closing quote.
const QUOTED: usize = 80;

/// [`in_quoted_title`] once an opening quote `open` (after the quotes
/// `earlier`) comes close enough before `start`.
#[inline(never)]
fn in_quoted_title_after(doc: Doc<'_>, open: usize, earlier: &[usize], start: usize, end: usize) -> bool {
    let text = doc.text;
    // The line, or its last 400 bytes (the rules stay linear in the text:
    // quotes are counted in a bounded window).
    let mut from = start.saturating_sub(400);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let b = text.as_bytes();
    if open < from || memchr::memchr(b'\n', &b[open..start]).is_some() {
        return false;
    }
    // The line's start is looked for only when a straight quote needs
    // counting or a word before the quote reading.
    let line_start = || memchr::memrchr(b'\n', &b[from..open]).map_or(from, |i| from + i + 1);
    // A straight quote opens when an even number of them come before it
    // on its line (counted in the list of quotes, which holds them all).
    if b[open] == b'"' {
        let line = line_start();
        let straight = earlier.iter().rev().take_while(|&&q| q >= line).filter(|&&q| b[q] == b'"').count();
        if straight % 2 == 1 {
            return false;
        }
    }
    // The closing quote (`"` or `”`, bytes E2 80 9D) within `QUOTED` bytes,
    // before the line ends.
    let a = &text.as_bytes()[end..];
    let window = &a[..a.len().min(QUOTED + 3)];
    let mut from = 0;
    let close = loop {
        match memchr::memchr3(b'"', b'\n', 0xE2, &window[from..]) {
            Some(i) if window[from + i] != 0xE2 || window[from + i + 1..].starts_with(&[0x80, 0x9D]) => {
                break Some(from + i)
            }
            Some(i) => from += i + 1,
            None => break None,
        }
    };
    let Some(close) = close.filter(|&c| c <= QUOTED && a[c] != b'\n') else {
        return false;
    };
    let open_len = if b[open] == b'"' { 1 } else { '“'.len_utf8() };
    let quote = &text[open + open_len..end + close];
    let words = quote.split_whitespace().count();
    // (A comma inside reads as speech or a dateline: "Baku, Azerbaijan".)
    if words == 0 || words > 8 || quote.contains([',', '.', '!', '?', ';']) {
        return false;
    }
    let title_case = quote.split_whitespace().all(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().next().is_none_or(|c| !c.is_lowercase() || (w.len() <= 4 && doc.lang.title_case_small.contains(w)))
    });
    // One word in quotes is a title only after a word for a work or a
    // name ("the song “Jupiter”", "previously called “Jupiter”").
    let named = words > 1
        || text[line_start()..open].split_whitespace().rev().take(4).any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            doc.lang.works.contains(w) || doc.lang.works_plural.contains(w)
        });
    title_case && named
}

//! Filters on gazetteer matches: calendar words, dates, roman numerals,
//! common words without a locative preposition or `, Place`, acronyms
//! that are no place, places in hyphen compounds, two small places side
//! by side, and person names that are small places. Evidence: the words
//! and cues around each match, and the size of the places it could be.

use super::*;

impl Pass<'_, '_, '_> {
    /// Filters on gazetteer matches.
    #[inline(never)]
    pub(super) fn filters(&mut self) {
        let Pass {
            text, doc, matches, capitalised, ref look, ref mut keep, ref mut widened, ref mut place_first, ..
        } = *self;
        let social = is_social(text);
        for (i, m) in matches.iter().enumerate() {
            // (A place inside a longer name still goes through the filters:
            // dropped here, it is dropped even when places inside names are
            // asked for. An organisation after a capital "The" is decided.)
            if widened[i].is_some() || keep[i] == Some(Reason::TheName) {
                continue;
            }
            // "in Ferguson", "Ferguson, Missouri", "Ferguson police": a name
            // the gazetteer knows first as an organisation (a company) and
            // also as a place is the place after a place preposition ("in",
            // "near"; not "to" or "from", which people follow too), before
            // ", Place", or before a word for its people, police or unrest.
            if m.top.is(&Label::Organization) && !m.case_sensitive {
                // ("the town of Ferguson": a settlement word and "of".)
                let prep = doc.prev_word(m.start).is_some_and(|w| doc.lang.place_prepositions.contains(w))
                    || doc.after_settlement_of(m.start);
                let noun = text[m.end..].starts_with(' ')
                    && doc.next_word(m.end).is_some_and(|w| doc.lang.place_nouns.contains(w));
                let comma_place = text[m.end..].starts_with(", ") && look.place_at(m.end + 2);
                // (Not the start of a longer name: "at Cora Kessel School",
                // "at Mira's Hall".)
                let rest = &text[m.end..];
                let longer =
                    !doc.caps_after_match(m, 1).is_empty() || doc.lang.possessives.iter().any(|p| rest.starts_with(p));
                if (prep || noun || comma_place) && !longer && has_place_reading(m) {
                    place_first[i] = true;
                }
            }
            // "US$ 75", "HK$": a currency's sign, not its country.
            if text[m.end..].starts_with('$') && m.top.is(&Label::Place) {
                keep[i] = None;
                continue;
            }
            // A stop word capitalised at a sentence's start ("Они", "Der")
            // is no village of that name (`Pack::stop_words_are_no_places`:
            // English stop words that are places are decided by the
            // common-word rules below).
            if m.tokens == 1
                && doc.lang.stop_words_are_no_places
                && m.top.is(&Label::Place)
                && !m.inflected
                && doc.is_stop(&text[m.start..m.end])
            {
                keep[i] = None;
                continue;
            }
            // "14 June 803": a date, not the village named after one.
            if m.tokens == 2 {
                let written = &text[m.start..m.end];
                let day =
                    written.split(' ').next().is_some_and(|d| d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()));
                let year = text[m.end..]
                    .strip_prefix(' ')
                    .is_some_and(|r| r.bytes().take_while(u8::is_ascii_digit).count() >= 3);
                if day
                    && year
                    && written
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| look.cue_at(m.end - w.len(), m.end, CueKind::Calendar))
                {
                    keep[i] = None;
                    continue;
                }
            }
            // A name of several words that ends in a lowercase function word
            // in the text ("Wing on 3 April" for the alias "Wing-on") is the
            // first word and the sentence going on.
            if m.tokens > 1
                && !m.case_sensitive
                && text[m.start..m.end]
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_lowercase) && doc.is_stop(w))
            {
                keep[i] = None;
                continue;
            }
            // A name written all in lowercase is a place only as a hashtag
            // ("#nigeria") or after a locative preposition ("in nigeria").
            if m.lower {
                let hashtag = m.start > 0 && crate::normalize::is_hashtag_sign(text, m.start - 1);
                let prep = doc.prev_word(m.start).is_some_and(|w| doc.lang.locative.contains_ignore_case(w));
                keep[i] = if hashtag {
                    Some(Reason::Gazetteer)
                } else if prep {
                    Some(Reason::Preposition)
                } else {
                    None
                };
                continue;
            }
            // In a post (handles, hashtags, "RT"), words are capitalised for
            // emphasis ("Haha", "Yea"): a one-word village of under 1,000
            // people needs a locative preposition, a hashtag or ", Place".
            if social
                && m.tokens == 1
                && !m.case_sensitive
                && m.top.is(&Label::Place)
                && m.top.type_rank().is_none_or(|r| r >= 4)
                && m.largest() == Size::Hamlet
            {
                let prep = doc.prev_word(m.start).is_some_and(|w| doc.lang.locative.contains_ignore_case(w));
                let hashtag = text[..m.start].ends_with('#');
                let comma_place = text[m.end..].starts_with(", ") && look.place_at(m.end + 2);
                if !(prep || hashtag || comma_place) {
                    keep[i] = None;
                    continue;
                }
            }
            // A division's name matched only as written that is also a
            // common word or an acronym of other things (a US state's postal
            // code, "TX",
            // "PA", "MD") needs evidence: a place and a comma before it
            // ("Dallas, TX") or a locative preposition ("in NJ").
            if m.case_sensitive && m.common && m.top.is(&Label::Place) && m.top.type_rank() == Some(1) {
                let after_place = text[..m.start].strip_suffix(", ").is_some_and(|before| {
                    look.reaching(before.len().saturating_sub(LONGEST_NAME), before.len(), before.len()).any(|o| {
                        o.end == before.len()
                            && o.top.is(&Label::Place)
                            && !o.common
                            // (A capitalised word before the place makes it
                            // a person's surname: "John Smith, MD".)
                            && !doc.prev_word(o.start).is_some_and(|w| {
                                w.starts_with(char::is_uppercase)
                                    && !doc.lang.locative.contains_ignore_case(w)
                                    && !doc.is_stop(w)
                            })
                    })
                });
                let prep = doc.prev_word(m.start).is_some_and(|w| doc.lang.place_prepositions.contains(w));
                keep[i] = if after_place {
                    Some(Reason::AfterPlaceComma)
                } else if prep {
                    Some(Reason::Preposition)
                } else {
                    None
                };
                continue;
            }
            if m.tokens == 2 && m.top.is(&Label::Place) && the_city_government(doc, m) {
                keep[i] = None;
                continue;
            }
            if m.tokens != 1 || m.case_sensitive {
                continue;
            }
            // A small place named like an organisation's head ("Front",
            // "Union") is that head word in a name.
            if m.top.is(&Label::Place) && named_like_head(look, m) {
                keep[i] = None;
                continue;
            }
            let rank = m.top.type_rank().unwrap_or(5);
            let in_title = look.in_title(m.start, m.end);
            if look.cue_at(m.start, m.end, CueKind::Calendar) || is_roman_numeral(&text[m.start..m.end]) || in_title {
                keep[i] = None;
                continue;
            }
            // A one-word organisation beside a capitalised word nothing
            // explains is part of a longer name ("Grand Shell", "Lotto
            // Sport"), not the organisation the gazetteer knows.
            if m.top.is(&Label::Organization) && (longer_name_after(doc, look, m) || longer_name_before(doc, look, m)) {
                keep[i] = None;
                continue;
            }
            // Nationalities are capitalised adjectives: "French" or "Polish" is
            // rarely the common word, except at the start of a sentence.
            if m.top.is(&Label::Nationality) {
                if m.common && doc.at_sentence_start(m.start) {
                    keep[i] = None;
                }
                continue;
            }
            let is_place = m.top.is(&Label::Place);
            // A short word in capitals ("APC", "ZQX") is an acronym, not the
            // place of the same letters, unless it is a dateline ("BAKU, ...")
            // or a big place.
            let written = &text[m.start..m.end];
            let letters = written.chars().filter(|c| c.is_alphabetic()).count();
            if is_place
                && letters <= 4
                && written.chars().all(|c| !c.is_lowercase())
                && !m.top.is_big_place()
                && !text[m.end..].starts_with(',')
            {
                keep[i] = None;
                continue;
            }
            // A small place joined by a hyphen to a capitalised word no name
            // explains is part of a compound ("Pre-Raphaelite", "Kelso-Dav");
            // "Baku-Tbilisi" or "Dallas-Fort Worth" keep theirs.
            if is_place && !m.top.is_big_place() && hyphen_compound(text, look, m) {
                keep[i] = None;
                continue;
            }
            // A small place followed by a capitalised word no name or cue
            // explains is the first word of a longer, unknown name ("Birmingham
            // City", "Marlow Fields", "Paris Hilton").
            if is_place && !m.top.is_big_place() && longer_name_after(doc, look, m) {
                keep[i] = None;
                continue;
            }
            // Two small places side by side, spaces only between them, are a
            // name of two words ("Wu Anqing"), not two places.
            if is_place && !m.top.is_big_place() && small_place_beside(doc, look, capitalised, m) {
                keep[i] = None;
                continue;
            }
            let person_word =
                look.cue_at(m.start, m.end, CueKind::GivenName) || look.cue_at(m.start, m.end, CueKind::Surname);
            // A given name or surname that is also a place is a person when a
            // speech verb follows ("Jackson said"); otherwise a place of some
            // size, or one after a locative preposition.
            let speaker = person_word && doc.next_word(m.end).is_some_and(|w| doc.lang.speech.contains_ignore_case(w));
            if speaker {
                keep[i] = None;
                continue;
            }
            let big = if person_word { rank <= 2 || m.largest() >= Size::Town } else { m.top.is_big_place() };
            if m.common || (person_word && is_place && !big) {
                if rank <= 1 && !m.common {
                    continue;
                }
                let prep = doc.prev_word(m.start).is_some_and(|w| doc.lang.locative.contains_ignore_case(w));
                let comma_place = text[m.end..].starts_with(", ") && look.place_at(m.end + 2);
                // ("the town of Gori": a surname too, but no person's.)
                keep[i] = if is_place && ((prep && !person_word) || doc.after_settlement_of(m.start)) {
                    Some(Reason::Preposition)
                } else if is_place && comma_place {
                    Some(Reason::PlaceAfterComma)
                } else if rank == 0 && !doc.at_sentence_start(m.start) && !person_word {
                    Some(Reason::Gazetteer)
                } else if is_place
                    && m.end - m.start >= 4
                    && listed_with_place(doc, look, m)
                    && !look.cue_at(m.start, m.end, CueKind::GivenName)
                    && doc.caps_after_match(m, 1).is_empty()
                {
                    Some(Reason::ListedPlace)
                } else {
                    None
                };
            }
        }
    }
}

/// True when a match is an item of a list whose item right before or
/// after it is a place that needs no evidence ("Moonbi, Parkes",
/// "Eastland and Callahan"): no common word, no person's name. (The
/// caller asks it for a word of four bytes or more, no given name, and
/// no capitalised word after it: "Portugal and Pedro I".)
fn listed_with_place(doc: Doc<'_>, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    let text = doc.text;
    let strong = |o: &Match<'_>| {
        o.top.is(&Label::Place)
            && !o.common
            && !o.case_sensitive
            && !look.cue_starts_at(o.start, CueKind::GivenName.bit() | CueKind::Surname.bit())
    };
    let before = &text[..m.start];
    let after = &text[m.end..];
    doc.lang.separators.iter().any(|sep| {
        (ends_with(before.as_bytes(), sep.as_bytes()) && {
            let b = before.len() - sep.len();
            look.reaching(b.saturating_sub(LONGEST_NAME), b, b).any(|o| o.end == b && strong(o))
        }) || (starts_with(after.as_bytes(), sep.as_bytes())
            && look.starting_in(m.end + sep.len(), m.end + sep.len()).any(&strong))
    })
}

/// True when some candidate of a match is a place.
fn has_place_reading(m: &Match<'_>) -> bool {
    m.candidates.iter().any(|v| m.gaz.entry(v.entry).is_some_and(|e| e.label() == &Label::Place))
}

/// True for a place name of a stop word and "City" (`city_heads`: "The
/// City", an alias of London's and of some towns') followed by a
/// capitalised word or "of": the name of a town's government ("The City
/// Council voted", "The City of Ashford"), no place.
pub(super) fn the_city_government(doc: Doc<'_>, m: &Match<'_>) -> bool {
    let text = doc.text;
    let written = &text[m.start..m.end];
    let Some((first, head)) = written.rsplit_once(' ') else { return false };
    if !doc.lang.city_heads.contains(head) || !doc.is_stop(first.trim_end_matches(' ')) {
        return false;
    }
    text[m.end..].strip_prefix(' ').and_then(|r| after_word_spaced(r, &doc.lang.of)).is_some()
        || doc.caps_after_match(m, 1).first().is_some_and(|&(s, _)| spaces_only(&text[m.end..s]))
}

/// True when a small place is joined by a hyphen to a capitalised word on
/// either side, with no space, and no other match starts (after) or ends (before)
/// at that word.
#[inline]
pub(super) fn hyphen_compound(text: &str, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    // (Most places have no hyphen on either side: told here, inline.)
    let b = text.as_bytes();
    if b.get(m.end) != Some(&b'-') && (m.start == 0 || b[m.start - 1] != b'-') {
        return false;
    }
    hyphen_compound_beside(text, look, m)
}

/// [`hyphen_compound`] when a hyphen comes right before or after the match.
#[inline(never)]
fn hyphen_compound_beside(text: &str, look: &Lookup<'_, '_>, m: &Match<'_>) -> bool {
    // A word, not an acronym or an initial: "D-Charleston" (a party and a
    // district) and "Tulsa-CH" (a school team) keep the place.
    let word =
        |w: &str| w.chars().count() >= 2 && w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let after = text[m.end..].strip_prefix('-').is_some_and(|r| {
        let w = m.end + 1;
        word(&r[..r.len() - r.trim_start_matches(char::is_alphanumeric).len()])
            && look.starting_in(w, w).next().is_none()
    });
    let before = text[..m.start].strip_suffix('-').is_some_and(|b| {
        let word_start = b.trim_end_matches(char::is_alphanumeric).len();
        word(&b[word_start..])
            && !look.reaching(word_start.saturating_sub(LONGEST_NAME), word_start, b.len()).any(|o| o.end == b.len())
    });
    // A longer known name over the compound ("Nagorno-Karabakh") is that
    // name; the selection keeps it.
    (after || before) && !look.other_covers(m.start, m)
}

/// True when a one-word small place stands right before or after the
/// match, spaces only between them.
pub(super) fn small_place_beside(
    doc: Doc<'_>,
    look: &Lookup<'_, '_>,
    capitalised: &[(usize, usize)],
    m: &Match<'_>,
) -> bool {
    let text = doc.text;
    // A cue word ("Police", "Town") is no place here.
    let small = |o: &Match<'_>| {
        o.tokens == 1
            && o.top.is(&Label::Place)
            && !o.top.is_big_place()
            && !o.case_sensitive
            && !look.cue_starts_at(o.start, CueKind::NAMING)
    };
    // The capitalised words just after and just before, spaces only
    // between (found by binary search: no tokenizing).
    let k = capitalised.partition_point(|&(s, _)| s < m.end);
    let next = capitalised.get(k).filter(|&&(s, _)| s > m.end && spaces_only(&text[m.end..s]));
    let j = capitalised.partition_point(|&(s, _)| s < m.start);
    let prev = j
        .checked_sub(1)
        .and_then(|j| capitalised.get(j))
        .filter(|&&(_, e)| e < m.start && spaces_only(&text[e..m.start]));
    let after = next.is_some_and(|&(s, e)| {
        !doc.lang.town_words.contains(&text[s..e]) && look.starting_in(s, s).any(|o| o.end == e && small(o)) && {
            // "Kelby Town Council", "Ashford Superior Court": a
            // place, a word and a head make an organisation's name.
            let then = capitalised.get(k + 1).filter(|&&(s2, _)| spaces_only(&text[e..s2]));
            !then.is_some_and(|&(s2, e2)| {
                look.cue_at(s2, e2, CueKind::OrgHead)
                    || doc.lang.feature_heads.contains(&text[s2..e2])
                    || doc.lang.institution_heads.contains(&text[s2..e2])
            })
        }
    });
    let before = prev.is_some_and(|&(s, e)| look.starting_in(s, s).any(|o| o.end == e && small(o)));
    after || before
}

/// A social-media post: it has a handle (`@name`), a hashtag or a retweet
/// mark.
fn is_social(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.starts_with("RT ")
        || memchr::memchr2_iter(b'@', b'#', bytes).any(|i| {
            bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                && (i == 0 || bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'(')
        })
}

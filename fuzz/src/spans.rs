//! The invariants every span keeps, whatever the text and the gazetteer.
//! Standalone (it needs only `gazet`): the soak example includes it too.

use gazet::{match_key, Label, MatchKind, Reason, Span};

/// The words of a string's match key: separators of every kind (spaces,
/// dashes, a blank line inside a name) count alike.
fn key_words(s: &str) -> Vec<String> {
    match_key(s).split_whitespace().map(str::to_string).collect()
}

/// The key words of a span inside a hashtag, cut where the case changes as
/// the scan cuts them ("#NewYork" holds "new york"): the words of the
/// hashtag up to the span's end after those before its start. `None` for a
/// span outside a hashtag.
fn hashtag_words(text: &str, start: usize, end: usize) -> Option<Vec<String>> {
    let word_start = text[..start].trim_end_matches(char::is_alphanumeric).len();
    let hash = text[..word_start].strip_suffix('#')?.len();
    let before = key_words(&text[hash..start]);
    let whole = key_words(&text[hash..end]);
    whole.get(before.len()..).map(<[String]>::to_vec)
}

/// Checks the spans of `text`: non-empty, inside the text, on character
/// boundaries, slicing to their own text, sorted; disjoint in
/// leftmost-longest mode (places inside an organisation excepted when they
/// were asked for); and a span with candidates the text of their name:
/// every candidate named by a name whose key is the key of the span's
/// text (inside a hashtag, cut where the case changes: "#NewYork" writes
/// "New York"), except for a place widened by a head word ("Kura River"), whose
/// words hold the name's in a run. No other rule widens a gazetteer match
/// (a known organisation after a capital "The" is its name alone); only a
/// span with no candidates, a name a rule found, may take in other words
/// ("told The Harwick Gazette").
pub fn check_spans(text: &str, spans: &[Span<'_>], kind: MatchKind, places_in_orgs: bool) {
    let mut prev: Option<&Span<'_>> = None;
    let mut last_end = 0;
    for s in spans {
        assert!(s.start() < s.end(), "empty span {:?}", s.range());
        assert!(s.end() <= text.len(), "span {:?} past the end {}", s.range(), text.len());
        assert!(
            text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()),
            "span {:?} off a boundary",
            s.range()
        );
        assert_eq!(&text[s.range()], s.as_str());
        if let Some(p) = prev {
            assert!(
                (p.start(), std::cmp::Reverse(p.end())) <= (s.start(), std::cmp::Reverse(s.end())),
                "spans out of order: {:?} then {:?}",
                p.range(),
                s.range()
            );
        }
        if kind == MatchKind::LeftmostLongest {
            if s.start() < last_end {
                // Only a place inside the organisation just reported.
                assert!(places_in_orgs, "overlapping spans {:?} in leftmost-longest mode", s.range());
                assert_eq!(s.label(), &Label::Place, "nested span {:?} is not a place", s.range());
            } else {
                last_end = s.end();
            }
        }
        if s.reason() != Reason::Coordinates && s.reason() != Reason::Flag {
            let key = hashtag_words(text, s.start(), s.end()).unwrap_or_else(|| key_words(s.as_str()));
            for c in s.candidates() {
                let name = key_words(c.matched_name().as_str());
                // A place widened by a head word ("Central Baku", "Kura
                // River") contains the name matched, its words in a run
                // (written touching in a hashtag: "#KuraRiver"); any other
                // span is it.
                // An inflected span writes the name in another form
                // ("Москве", "Ankara'da"): at least its words.
                let ok = if s.inflected() {
                    !name.is_empty() && key.len() >= name.len()
                } else if s.reason() == Reason::PlaceHead {
                    !name.is_empty() && key.concat().contains(&name.concat())
                } else {
                    name == key
                };
                assert!(ok, "{:?} matched as {:?}", s.as_str(), c.matched_name().as_str());
            }
        }
        let _ = s.char_range(text);
        let _ = (s.label().as_str(), s.entry(), s.confidence(), s.evidence(), s.coord(), s.country());
        prev = Some(s);
    }
}

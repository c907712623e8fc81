//! Resolving spans a caller gives (another NER's): one span per range, in
//! order, looked up by its text with fallbacks, resolved in context.

// A list of one range is what these calls take, not a mistaken range.
#![allow(clippy::single_range_in_vec_init)]

use std::sync::LazyLock;

use gazet::{byte_ranges, Context, Extractor, Gazetteer, Label, Reason, SpanErrorKind};

static EX: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new(Gazetteer::bundled()).expect("the bundled gazetteer compiles"));

/// The byte range of the `n`th occurrence (from 0) of `what` in `text`.
fn at(text: &str, what: &str, n: usize) -> std::ops::Range<usize> {
    let start = text.match_indices(what).nth(n).map(|(i, _)| i).expect("the phrase is in the text");
    start..start + what.len()
}

/// A text, the phrases given in this order, and for each the entry id and
/// the country it must get (or none).
type Case<'a> = (&'a str, &'a [&'a str], &'a [(Option<&'a str>, Option<&'a str>)]);

#[test]
fn each_range_gives_one_span_in_order() {
    let cases: &[Case] = &[
        (
            "Talks between Georgia and Tbilisi's partners resumed.",
            &["Tbilisi's", "Georgia"],
            &[(Some("gn:611717"), Some("GE")), (Some("gn:614540"), Some("GE"))],
        ),
        (
            "Storms hit Georgia overnight; Atlanta lost power.",
            &["Georgia", "Atlanta"],
            &[(Some("gn:4197000"), Some("US")), (Some("gn:4180439"), Some("US"))],
        ),
        // A leading "the", a possessive, a trailing head word, a leading
        // adjective: the name inside is looked up.
        (
            "Barges left the Caspian Sea for northern Azerbaijan's ports near Baku City.",
            &["the Caspian Sea", "northern Azerbaijan's", "Baku City"],
            &[(Some("cur:caspian-sea"), None), (Some("gn:587116"), Some("AZ")), (Some("gn:587084"), Some("AZ"))],
        ),
        // A demonym stands for its country; a name nobody knows stays.
        (
            "Armenian monitors crossed into Zembrovia.",
            &["Armenian", "Zembrovia"],
            &[(Some("dem:AM"), Some("AM")), (None, None)],
        ),
    ];
    for (text, phrases, want) in cases {
        let ranges: Vec<_> = phrases.iter().map(|p| at(text, p, 0)).collect();
        let spans = EX.resolve_spans(text, &ranges).expect("ranges on the text");
        assert_eq!(spans.len(), phrases.len(), "{text}");
        for ((span, phrase), (id, country)) in spans.iter().zip(phrases.iter()).zip(want.iter()) {
            assert_eq!(span.as_str(), *phrase, "{text}");
            assert_eq!(span.entry().map(|e| e.id()), *id, "{phrase} in {text}");
            assert_eq!(span.country().map(|c| c.to_string()).as_deref(), *country, "{phrase} in {text}");
            if id.is_none() {
                assert_eq!((span.label(), span.candidates().len()), (&Label::Place, 0));
                assert_eq!(span.reason(), Reason::Given);
            }
        }
    }
}

#[test]
fn a_name_inside_a_street_or_after_a_demonym_is_not_the_place() {
    // Streets are named after places they are not in; a demonym before a
    // name is an adjective of that name. Such spans have no candidate and
    // take the point of the town named near them, as the local features
    // gazet finds do. A river keeps its name's entry, a demonym before a
    // word of regions its country's.
    let text = "Crowds filled Tbilisi Avenue in Baku, passed the Russian Embassy and the French Quarter, \
                and camped by the Kuban River. Aid reached the Armenian Region.";
    let phrases = ["Tbilisi Avenue", "Baku", "Russian Embassy", "French Quarter", "Kuban River", "Armenian Region"];
    let ranges: Vec<_> = phrases.iter().map(|p| at(text, p, 0)).collect();
    let spans = EX.resolve_spans(text, &ranges).expect("ranges on the text");
    let ids: Vec<Option<&str>> = spans.iter().map(|s| s.entry().map(|e| e.id())).collect();
    assert_eq!(ids, [None, Some("gn:587084"), None, None, Some("ne:river:kuban"), Some("dem:AM")]);
    let baku = spans[1].coord().expect("Baku's point");
    for s in [&spans[0], &spans[2], &spans[3]] {
        assert!(s.candidates().is_empty(), "{}", s.as_str());
        assert_eq!(s.coord().map(|c| (c.lat, c.lon)), Some((baku.lat, baku.lon)), "{}", s.as_str());
    }
}

#[test]
fn names_with_wide_letters_near_the_start() {
    // "Şuşa" has a two-byte letter across byte 4, where a leading "the "
    // would end.
    for text in ["Şuşa", "the Şuşa", "Şuşa's"] {
        let spans = EX.resolve_spans(text, &[0..text.len()]).expect("ranges on the text");
        assert_eq!(spans[0].country().map(|c| c.to_string()).as_deref(), Some("AZ"), "{text}");
    }
}

#[test]
fn overlapping_and_empty_ranges_are_kept() {
    let text = "Flights from Baku to Yerevan resumed.";
    let spans = EX.resolve_spans(text, &[13..17, 13..28, 5..5]).expect("ranges on the text");
    assert_eq!(spans.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["Baku", "Baku to Yerevan", ""]);
    assert_eq!(spans[0].entry().map(|e| e.id()), Some("gn:587084"));
    assert!(spans[2].entry().is_none());
}

#[test]
fn coordinates_given_keep_their_point() {
    let text = "The drone was seen at 40.4093 N, 49.8671 E on Monday.";
    let spans = EX.resolve_spans(text, &[at(text, "40.4093 N, 49.8671 E", 0)]).expect("ranges on the text");
    assert_eq!(spans[0].reason(), Reason::Coordinates);
    let c = spans[0].coord().expect("a point");
    assert!((c.lat - 40.4093).abs() < 1e-6 && (c.lon - 49.8671).abs() < 1e-6);
    assert_eq!(spans[0].country().map(|c| c.to_string()).as_deref(), Some("AZ"));
}

#[test]
fn found_places_can_add_context() {
    // Only "Georgia" is given; the text's own "Atlanta" decides it when
    // the found places count too.
    let text = "Storms hit Georgia overnight; Atlanta lost power.";
    let given = [at(text, "Georgia", 0)];
    let alone = EX.resolve_spans_with(text, &given, Context::Given).expect("ranges on the text");
    let both = EX.resolve_spans_with(text, &given, Context::GivenAndFound).expect("ranges on the text");
    assert_eq!(alone.len(), 1);
    assert_eq!(both.len(), 1);
    assert_eq!(alone[0].country().map(|c| c.to_string()).as_deref(), Some("GE"));
    assert_eq!(both[0].country().map(|c| c.to_string()).as_deref(), Some("US"));
}

#[test]
fn bad_ranges_are_errors_that_say_which() {
    let text = "Şuşa and Baku";
    let cases = [
        (vec![0..6, std::ops::Range { start: 11, end: 3 }], 1, SpanErrorKind::Reversed),
        ([11..16].to_vec(), 0, SpanErrorKind::OutOfBounds(15)),
        (vec![11..15, 1..4], 1, SpanErrorKind::NotCharBoundary(1)),
    ];
    for (ranges, index, kind) in cases {
        let err = EX.resolve_spans(text, &ranges).expect_err("a bad range");
        assert_eq!((err.index(), err.kind()), (index, &kind), "{ranges:?}");
        assert!(err.to_string().starts_with(&format!("span {index} (")), "{err}");
    }
}

#[test]
fn character_ranges_become_byte_ranges() {
    let text = "😀 Şuşa, Kəlbəcər";
    assert_eq!(byte_ranges(text, &[2..6, 8..16]).expect("in the text"), [5..11, 13..24]);
    assert_eq!(byte_ranges(text, &[16..16]).expect("the end"), [24..24]);
    let err = byte_ranges(text, &[8..17]).expect_err("past the end");
    assert_eq!(err.kind(), &SpanErrorKind::OutOfBounds(16));
    let reversed = std::ops::Range { start: 3, end: 2 };
    assert_eq!(byte_ranges(text, &[reversed]).expect_err("reversed").kind(), &SpanErrorKind::Reversed);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    // Whatever the text and the ranges on it: no panic, one span per range,
    // each the text of its range.
    #[test]
    fn any_ranges_on_any_text(
        text in "(Şuşa|the |Baku|'s|River|ə|İ|😀|,| |[a-zA-Z]{1,5}|40\\.4 N, 49\\.8 E|38TMM 85617 18159){0,12}",
        cuts in proptest::collection::vec((0usize..200, 0usize..200), 0..6),
    ) {
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let ranges: Vec<std::ops::Range<usize>> = cuts
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
                a.min(b)..a.max(b)
            })
            .collect();
        for context in [Context::Given, Context::GivenAndFound] {
            let spans = EX.resolve_spans_with(&text, &ranges, context).expect("ranges on the text");
            proptest::prop_assert_eq!(spans.len(), ranges.len());
            for (s, r) in spans.iter().zip(&ranges) {
                proptest::prop_assert_eq!(s.range(), r.clone());
                proptest::prop_assert_eq!(s.as_str(), &text[r.clone()]);
            }
        }
    }
}

#[test]
fn the_training_dump_explains_each_choice() {
    // What scripts/train-resolver reads: per given span, one feature vector
    // per candidate, in candidate order, the chosen one first.
    let names = gazet::feature_names();
    let col = |n: &str| names.iter().position(|k| *k == n).expect("a feature of that name");
    let text = "The fair moved from Paris, Texas to Athens while Georgia voters waited.";
    let ranges = [at(text, "Paris", 0), at(text, "Texas", 0), at(text, "Athens", 0), at(text, "Georgia", 0)];
    let got = EX.resolve_spans_explained(text, &ranges, Context::Given).expect("ranges on the text");
    let plain = EX.resolve_spans(text, &ranges).expect("ranges on the text");
    assert_eq!(got.len(), ranges.len());
    for ((span, features), same) in got.iter().zip(&plain) {
        // The same choice as without the features.
        assert_eq!(span.entry().map(|e| e.id()), same.entry().map(|e| e.id()), "{}", span.as_str());
        assert_eq!(features.len(), span.candidates().len(), "{}", span.as_str());
        assert!(features.iter().all(|f| f.len() == names.len()));
    }
    // Paris, Texas: the chosen Paris lies in the container the comma
    // names, and no other candidate does.
    let (paris, f) = &got[0];
    assert_eq!(paris.country().map(|c| c.to_string()).as_deref(), Some("US"));
    assert_eq!(f[0][col("container")], 1.0);
    assert!(f[1..].iter().all(|f| f[col("container")] == 0.0));
    // Texas itself is a first-level division.
    assert_eq!(got[1].1[0][col("division")], 1.0);
    // Athens: the US state Georgia and Paris in Texas put the chosen
    // Athens's country in the document.
    let (athens, f) = &got[2];
    assert_eq!(athens.country().map(|c| c.to_string()).as_deref(), Some("US"));
    assert!(f[0][col("country_share")] > 0.0);
}

#[test]
fn reach_counts_the_other_names_with_a_reading_nearby() {
    // Two towns of one local story: each has a reading in the
    // neighbourhood of a reading of the other (the pair in Texas), whatever
    // each chooses; a namesake with no such neighbour reaches nothing.
    let names = gazet::feature_names();
    let col = |n: &str| names.iter().position(|k| *k == n).expect("a feature of that name");
    let text = "Storms knocked out power in Mansfield and Arlington overnight.";
    let ranges = [at(text, "Mansfield", 0), at(text, "Arlington", 0)];
    let got = EX.resolve_spans_explained(text, &ranges, Context::Given).expect("ranges on the text");
    let (mansfield, f) = &got[0];
    let reach = |id: &str| {
        let k = mansfield.candidates().iter().position(|c| c.entry().id() == id).expect("a candidate with that id");
        f[k][col("reach")]
    };
    // Mansfield, Texas; Mansfield, Ohio (an Arlington in Ohio too).
    assert_eq!(reach("gn:4709013"), 1.0);
    assert_eq!(reach("gn:5161723"), 1.0);
    assert!(f.iter().any(|f| f[col("reach")] == 0.0), "some Mansfield has no Arlington near it");
    assert!(f.iter().all(|f| f[col("reach")] == 0.0 || f[col("reach")] == 1.0), "one other name: all or nothing");
}

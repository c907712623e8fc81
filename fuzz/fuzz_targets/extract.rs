//! Arbitrary text against a small hand-written gazetteer and against the
//! bundled one (built once), in every match kind, with and without the
//! rules: spans stay on character boundaries, inside the text, sorted, and
//! disjoint in leftmost-longest mode; a batch gives what single calls give.
//!
//! The first byte chooses the extractor; the rest, read as UTF-8 with
//! invalid bytes replaced, is the text.

#![no_main]

use std::sync::{Arc, OnceLock};

use gazet::{Extractor, Gazetteer, MatchKind};
use gazet_fuzz::{check_spans, small_gazetteer};
use libfuzzer_sys::fuzz_target;

/// (match kind, rules, resolve, places in organisations)
const OPTIONS: [(MatchKind, bool, bool, bool); 5] = [
    (MatchKind::LeftmostLongest, true, true, false),
    (MatchKind::Overlapping, true, true, false),
    (MatchKind::LeftmostLongest, false, false, false),
    (MatchKind::Overlapping, false, false, false),
    (MatchKind::LeftmostLongest, true, true, true),
];

fn build(gaz: &Arc<Gazetteer>, (kind, rules, resolve, orgs): (MatchKind, bool, bool, bool)) -> Extractor {
    Extractor::builder()
        .match_kind(kind)
        .rules(rules)
        .resolve(resolve)
        .places_in_orgs(orgs)
        .build(Arc::clone(gaz))
        .expect("builds")
}

/// The extractor for one choice, built on first use: the bundled
/// gazetteer is loaded once, and each set of options compiled once.
fn extractor(bundled: bool, option: usize) -> &'static Extractor {
    static GAZ: [OnceLock<Arc<Gazetteer>>; 2] = [OnceLock::new(), OnceLock::new()];
    static EX: [[OnceLock<Extractor>; OPTIONS.len()]; 2] = [const { [const { OnceLock::new() }; OPTIONS.len()] }; 2];
    let which = usize::from(bundled);
    EX[which][option].get_or_init(|| {
        let gaz = GAZ[which].get_or_init(|| Arc::new(if bundled { Gazetteer::bundled() } else { small_gazetteer() }));
        build(gaz, OPTIONS[option])
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let bundled = choice & 0x80 != 0;
    let option = usize::from(choice & 0x0F) % OPTIONS.len();
    let (kind, _, _, orgs) = OPTIONS[option];
    let ex = extractor(bundled, option);
    let spans = ex.extract(&text);
    check_spans(&text, &spans, kind, orgs);
    if choice & 0x40 != 0 {
        // Batch: the text, its halves, and the text again.
        let mid = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let texts = [&text[..], &text[..mid], &text[mid..], &text[..]];
        let batch = ex.extract_batch(&texts);
        assert_eq!(batch.len(), texts.len());
        for (t, got) in texts.iter().zip(&batch) {
            let single: Vec<_> = ex.extract(t).iter().map(|s| (s.range(), s.entry_id(), s.label().clone())).collect();
            let batched: Vec<_> = got.iter().map(|s| (s.range(), s.entry_id(), s.label().clone())).collect();
            assert_eq!(single, batched);
        }
    }
});

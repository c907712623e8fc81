//! Local features with no entry of their own (a street, a creek the rules
//! found) take the point of the town named nearest to them in the text:
//! local news names the town of its streets.

use super::resolve::Evidence;
use crate::gazetteer::entry::Coord;
use crate::label::Label;
use crate::span::Span;

/// True for a feature small enough to lie in the town named near it: not
/// named with a large feature's head word, not a national park (the
/// English pack's `large_features` and `wide_words`: the heads of names in
/// every language's text that gazet reads as features are English).
fn is_local_feature(name: &str) -> bool {
    let pack = crate::lang::pack(crate::lang::Language::English);
    let mut words = name.split_whitespace();
    let last = words.next_back().unwrap_or("");
    !pack.large_features.contains(last) && !name.split_whitespace().any(|w| pack.wide_words.contains(w))
}

/// Gives each local feature with no entry and no point (a street, a creek
/// the rules found) the point of the populated place named nearest to it
/// in the text, before or after: local news names the town of its
/// streets. Rivers, island chains, mountains and national parks are too
/// large for a town's point and keep none. One pass each way, linear in
/// the spans.
#[inline(never)]
pub(super) fn locate_features(spans: &mut [Span<'_>]) {
    // (Most texts name no such feature: their entries are not read.)
    let featureless = |s: &Span<'_>| s.label() == &Label::Place && s.candidates.is_empty() && s.point.is_none();
    if !spans.iter().any(featureless) {
        return;
    }
    let town = |s: &Span<'_>| -> Option<(usize, Coord)> {
        let e = s.entry()?;
        if e.label() != &Label::Place || !e.place()?.is_populated() {
            return None;
        }
        Some((s.start(), e.coord()?))
    };
    let mut before: Vec<Option<(usize, Coord)>> = vec![None; spans.len()];
    let mut last = None;
    for (i, s) in spans.iter().enumerate() {
        before[i] = last;
        if let Some(t) = town(s) {
            last = Some(t);
        }
    }
    let mut next: Option<(usize, Coord)> = None;
    for i in (0..spans.len()).rev() {
        let s = &spans[i];
        if featureless(s) && is_local_feature(s.as_str()) {
            let pick = match (before[i], next) {
                (Some(b), Some(a)) => {
                    Some(if s.start() - b.0.min(s.start()) <= a.0.saturating_sub(s.end()) { b } else { a })
                }
                (b, a) => b.or(a),
            };
            if let Some((_, c)) = pick {
                spans[i].point = Some(c);
                spans[i].evidence = Evidence::Town;
            }
        }
        if let Some(t) = town(&spans[i]) {
            next = Some(t);
        }
    }
}

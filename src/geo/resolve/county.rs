//! The county link: a town and the second-level division it lies in,
//! both named in a document ("Athens" and "Clarke County"), choose each
//! other, from GeoNames' admin1 and admin2 codes.

use super::{division, names_county, Doc, Feature, Features};
use crate::gazetteer::entry::{CountryCode, Entry};
use crate::span::Span;

/// A second-level division: country, admin1 and admin2 codes.
type CountyKey<'e> = (CountryCode, &'e str, &'e str);

/// Two spans that name a second-level division and a place in it: the
/// spans (the lower first), the division, and (span, candidate) of each.
type CountyPair<'e> = ((usize, usize), CountyKey<'e>, [(usize, usize); 2]);

/// The second-level division an entry lies in, or is: its country, admin1
/// and admin2 codes (GeoNames').
fn county(e: &Entry) -> Option<CountyKey<'_>> {
    let (country, admin1) = division(e)?;
    Some((country, admin1, e.place()?.admin2.as_deref().filter(|a| !a.is_empty())?))
}

impl Doc {
    /// Sets the county feature: a candidate that is a second-level
    /// division ("Clarke County") and a candidate of another span that
    /// lies in it ("Athens") support each other, whichever each span
    /// chooses now (so the pair is found whatever the default order).
    /// The division must be named by more than its bare name ("Clarke
    /// County", not "Washington", which names a state and a city as well
    /// as thirty counties), and spans whose first words are the same
    /// ("DeKalb" and "DeKalb County") are no support: either may be the
    /// other's name.
    #[inline(never)]
    pub(super) fn link_counties(&mut self, spans: &[Span<'_>], w: &Features) {
        // (Most documents name no such division: their candidates' codes
        // are not read.)
        if !self.named_county {
            return;
        }
        let (ranges, open, cands) = (&self.ranges, &self.open, &self.cands);
        let candidates = || {
            ranges.iter().enumerate().flat_map(move |(i, range)| {
                range
                    .clone()
                    .map(move |k| (i, k, &spans[i].candidates[if open[i] { k - range.start } else { spans[i].chosen }]))
            })
        };
        let named_division = |k: usize, c: &crate::span::Candidate<'_>| cands[k].is_county && names_county(c);
        // The divisions named so, first: a place pairs only with one of
        // them, so a candidate in none of their first-level divisions
        // (numbered for the document) is not read further.
        let mut divisions: Vec<CountyKey<'_>> = Vec::new();
        let mut in_first_level: Vec<u32> = Vec::new();
        for (_, k, c) in candidates().filter(|&(_, k, c)| named_division(k, c)) {
            if let Some(key) = county(c.entry) {
                divisions.push(key);
                in_first_level.push(cands[k].division);
            }
        }
        // (Sorted, so that a document naming thousands of counties stays
        // linear in its candidates, but for a logarithm.)
        divisions.sort_unstable();
        in_first_level.sort_unstable();
        // (key, is the division, span, candidate) of every candidate in one
        // of those divisions.
        let mut linked: Vec<(CountyKey<'_>, bool, usize, usize)> = Vec::new();
        for (i, k, c) in candidates() {
            let is_div = cands[k].is_county;
            if in_first_level.binary_search(&cands[k].division).is_err() || (is_div && !named_division(k, c)) {
                continue;
            }
            let Some(key) = county(c.entry).filter(|key| divisions.binary_search(key).is_ok()) else { continue };
            linked.push((key, is_div, i, k));
        }
        let first_word = |i: usize| spans[i].as_str().split_whitespace().next().unwrap_or("");
        linked.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Each (division, place) pair of two spans: (spans, key, the two
        // candidates).
        let mut pairs: Vec<CountyPair<'_>> = Vec::new();
        for group in linked.chunk_by(|a, b| a.0 == b.0) {
            for &(key, _, i, k) in group.iter().filter(|l| l.1) {
                for &(_, _, j, m) in group.iter().filter(|l| !l.1) {
                    if j != i && !first_word(j).eq_ignore_ascii_case(first_word(i)) {
                        pairs.push(((i.min(j), i.max(j)), key, [(i, k), (j, m)]));
                    }
                }
            }
        }
        // Two spans that pair up in more than one division ("Franklin
        // County" and "Washington" in two states) say nothing.
        pairs.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for same_spans in pairs.chunk_by(|a, b| a.0 == b.0) {
            if same_spans.iter().any(|p| p.1 != same_spans[0].1) {
                continue;
            }
            for &(_, _, both) in same_spans {
                for (span, cand) in both {
                    if self.open[span] && !self.cands[cand].county {
                        let c = &mut self.cands[cand];
                        c.county = true;
                        c.base += w[Feature::County as usize];
                    }
                }
            }
        }
    }
}

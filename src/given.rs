//! Resolving spans another tool found (a statistical NER, an LLM, an
//! annotator): each range given becomes one span, looked up by its text in
//! the gazetteer and resolved with the whole document as context.
//!
//! A range is looked up by the name it holds: all of it, else all of it
//! but a leading "the" and a trailing possessive ("the Kura's" -> Kura),
//! else the longest name it starts or ends with ("Kuban River" -> Kuban,
//! "northern Syria" -> Syria), but not a name that starts a street's
//! ("Tanner Street") or a demonym before a name ("French Quarter"); a
//! demonym names its country's entry ("Armenian"), coordinates their
//! point. Places win over other entries of the same name. A range that
//! names nothing stays, with no candidate.

use std::ops::Range;

use crate::error::{SpanError, SpanErrorKind};
use crate::extractor::Extractor;
use crate::label::Label;
use crate::matcher::Scratch;
use crate::normalize::TokenKind;
use crate::rules::Reason;
use crate::span::{Candidate, Span};

/// What a given span is resolved against: the other given spans, or those
/// and the places gazet finds in the text itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Context {
    /// The given spans only (default): a caller's NER decides what is a
    /// place.
    #[default]
    Given,
    /// The given spans and the places gazet finds elsewhere in the text
    /// (outside every given range): more evidence, for a caller whose NER
    /// misses some places.
    GivenAndFound,
}

impl Extractor {
    /// Resolves the spans of `text` at the byte ranges given, with the
    /// given spans as context ([`Context::Given`]): one [`Span`] per range,
    /// in the same order, each looked up by its text (see
    /// [`Extractor::resolve_spans_with`]).
    ///
    /// # Errors
    /// When a range is reversed, ends past the text or splits a character.
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Extractor, Gazetteer};
    ///
    /// let ex = Extractor::new(Gazetteer::bundled())?;
    /// let text = "Talks between Georgia and Tbilisi's partners resumed near the Kura River.";
    /// // Ranges an NER found: "Georgia", "Tbilisi's", "the Kura River".
    /// let spans = ex.resolve_spans(text, &[14..21, 26..35, 58..72])?;
    /// // Georgia the country, not the US state: Tbilisi is beside it.
    /// assert_eq!(spans[0].country().map(|c| c.to_string()).as_deref(), Some("GE"));
    /// assert_eq!(spans[1].entry().map(|e| e.name()), Some("Tbilisi"));
    /// assert_eq!(spans[2].as_str(), "the Kura River");
    /// assert!(spans[2].coord().is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn resolve_spans<'a>(&'a self, text: &'a str, ranges: &[Range<usize>]) -> Result<Vec<Span<'a>>, SpanError> {
        self.resolve_spans_with(text, ranges, Context::Given)
    }

    /// Resolves the spans of `text` at the byte ranges given, against the
    /// context asked for.
    ///
    /// Each range becomes exactly one span, in the order given (overlapping
    /// ranges are allowed), labelled by its best candidate (a place when
    /// any candidate is one) or [`Label::Place`] when it names nothing
    /// (then it has no entry). Its [`Span::reason`] is [`Reason::Given`]
    /// ([`Reason::Coordinates`] for coordinates). Resolution then chooses
    /// each place's entry from the whole context, as [`Extractor::extract`]
    /// does, whatever [`crate::ExtractorBuilder::resolve`] says.
    ///
    /// # Errors
    /// When a range is reversed, ends past the text or splits a character:
    /// the error says which range.
    pub fn resolve_spans_with<'a>(
        &'a self,
        text: &'a str,
        ranges: &[Range<usize>],
        context: Context,
    ) -> Result<Vec<Span<'a>>, SpanError> {
        Ok(self.given_spans(text, ranges, context, false)?.into_iter().map(|(s, _)| s).collect())
    }

    /// The given spans resolved, with their candidates' features when
    /// `explain` (else none).
    #[allow(clippy::type_complexity)]
    fn given_spans<'a>(
        &'a self,
        text: &'a str,
        ranges: &[Range<usize>],
        context: Context,
        explain: bool,
    ) -> Result<Vec<(Span<'a>, Vec<crate::geo::Features>)>, SpanError> {
        for (i, r) in ranges.iter().enumerate() {
            check(text, i, r)?;
        }
        let mut scratch = Scratch::default();
        // A name in another form ("Москве") is looked up by its base forms,
        // in the document's language.
        let pack = crate::lang::pack(self.language_of(text));
        // (position in the list given, span); found places have none.
        let mut all: Vec<(Option<usize>, Span<'a>)> = ranges
            .iter()
            .enumerate()
            .map(|(i, r)| (Some(i), self.look_up(text, r.clone(), &mut scratch, pack)))
            .collect();
        if context == Context::GivenAndFound {
            let outside = |s: &Span<'_>| ranges.iter().all(|r| s.end() <= r.start || r.end <= s.start());
            for s in self.extract(text) {
                if matches!(s.label(), Label::Place | Label::Nationality) && outside(&s) {
                    all.push((None, s));
                }
            }
        }
        all.sort_by_key(|(_, s)| (s.start(), std::cmp::Reverse(s.end())));
        let (order, mut spans): (Vec<Option<usize>>, Vec<Span<'a>>) = all.into_iter().unzip();
        let mut features = Vec::new();
        crate::geo::resolve_explained(text, &mut spans, explain.then_some(&mut features), self.inner().facts());
        features.resize(spans.len(), Vec::new());
        let mut out: Vec<Option<(Span<'a>, Vec<crate::geo::Features>)>> = (0..ranges.len()).map(|_| None).collect();
        for ((i, s), f) in order.into_iter().zip(spans).zip(features) {
            if let Some(slot) = i.and_then(|i| out.get_mut(i)) {
                *slot = Some((s, f));
            }
        }
        Ok(out.into_iter().flatten().collect())
    }

    /// For training the resolver (`scripts/train-resolver`), not a stable
    /// API: [`Extractor::resolve_spans_with`], each span with the features
    /// of its candidates, in candidate order, as
    /// [`feature_names`](crate::geo::feature_names) names them (none for a
    /// span with no choice to make).
    ///
    /// # Errors
    /// As [`Extractor::resolve_spans_with`].
    #[doc(hidden)]
    #[allow(clippy::type_complexity)]
    pub fn resolve_spans_explained<'a>(
        &'a self,
        text: &'a str,
        ranges: &[Range<usize>],
        context: Context,
    ) -> Result<Vec<(Span<'a>, Vec<Vec<f64>>)>, SpanError> {
        Ok(self
            .given_spans(text, ranges, context, true)?
            .into_iter()
            .map(|(s, f)| (s, f.into_iter().map(|f| f.to_vec()).collect()))
            .collect())
    }

    /// The span of one given range: its candidates from the name it holds.
    fn look_up<'a>(
        &'a self,
        text: &'a str,
        range: Range<usize>,
        scratch: &mut Scratch,
        pack: &crate::lang::Pack,
    ) -> Span<'a> {
        let mut span = Span {
            range: range.clone(),
            text: text.get(range.clone()).unwrap_or_default(),
            label: Label::Place,
            candidates: crate::span::Candidates::default(),
            chosen: 0,
            reason: Reason::Given,
            evidence: crate::geo::Evidence::Prior,
            point: None,
            confidence: 1.0,
            inflected: false,
        };
        let core = core(span.text);
        let Some(held) = span.text.get(core.clone()) else { return span };
        if held.is_empty() {
            return span;
        }
        // Coordinates written in the span.
        if let Some(c) = crate::geo::coords::find(held).into_iter().find(|c| c.end - c.start == held.len()) {
            span.reason = Reason::Coordinates;
            span.point = Some(c.coord);
            span.candidates = self.nearest_candidate(c.coord).into_iter().collect();
            return span;
        }
        span.candidates = self.candidates_of(held, scratch, pack);
        if let Some(top) = span.candidates.first() {
            span.label = top.entry.label().clone();
        }
        span
    }

    /// True when a name the span starts with is only part of another
    /// name: the span ends in the head word of a street or a square
    /// ("Royal Street", "Baku Avenue": named after a place, not in it;
    /// unlike "Kuban River" or "Dulles Airport"), or the name is a demonym
    /// before a capitalised word ("French Quarter", "Russian Embassy"; not
    /// "Syrian border" or "African Region").
    fn names_something_else(
        &self,
        held: &str,
        scratch: &Scratch,
        pattern: u32,
        last: usize,
        pack: &crate::lang::Pack,
    ) -> bool {
        let inner = self.inner();
        let gaz_len = inner.gaz.len();
        let words: Vec<&crate::normalize::Token> =
            scratch.tokens.iter().filter(|t| t.kind == TokenKind::Word).collect();
        let (Some(name_end), Some(tail)) = (scratch.tokens.get(last).map(|t| t.end), words.last()) else {
            return false;
        };
        if name_end >= held.len() || tail.start < name_end {
            // The name ends the span ("northern Syria"): it is the place.
            return false;
        }
        if held.get(tail.start..tail.end).is_some_and(|w| pack.street_heads.contains(w)) {
            return true;
        }
        let mut entries = inner
            .index
            .variants(pattern)
            .iter()
            .filter(|v| v.entry.as_usize() < gaz_len)
            .filter_map(|v| inner.gaz.entry(v.entry));
        let demonym = entries.next().is_some_and(|e| e.label() == &Label::Nationality)
            && entries.all(|e| e.label() == &Label::Nationality);
        // Capitalised, and no word that makes a longer place's name ("African Region").
        let next_names = words.iter().find(|t| t.start >= name_end).is_some_and(|t| {
            t.case.has_cased()
                && t.case.first_upper()
                && held.get(t.start..t.end).is_some_and(|w| !pack.place_after.contains(w))
        });
        demonym && next_names
    }

    /// The populated place nearest a point, as the candidate of a
    /// coordinate span.
    fn nearest_candidate(&self, at: crate::Coord) -> Option<Candidate<'_>> {
        let inner = self.inner();
        let id = inner.grid.nearest(at)?;
        let entry = inner.gaz.entry(id)?;
        Candidate::new(id, entry, crate::geo::name_ref(entry, 0, &mut crate::geo::Keys::default())?)
    }

    /// The entries a name is, as the index knows them: the match covering
    /// the whole name, else the longest starting or ending it; places
    /// first when there are any. A name that starts a street's name ("Royal
    /// Street") or a demonym before a name ("French Quarter") is not what
    /// the span names: none.
    fn candidates_of<'a>(
        &'a self,
        held: &str,
        scratch: &mut Scratch,
        pack: &crate::lang::Pack,
    ) -> crate::span::Candidates<'a> {
        let inner = self.inner();
        inner.index.scan(held, scratch, Some(&pack.inflection), false);
        let words = |first: usize, last: usize| {
            scratch.tokens[first..=last].iter().filter(|t| t.kind == TokenKind::Word).count()
        };
        let mut best: Option<(bool, usize, u32, usize, usize)> = None;
        for raw in &scratch.raw {
            let (Some(first), Some(last)) = (scratch.tokens.get(raw.first), scratch.tokens.get(raw.last)) else {
                continue;
            };
            let (start, end) = (first.start, last.end);
            let whole = start == 0 && end == held.len();
            if !whole && start != 0 && end != held.len() {
                continue;
            }
            let key = (whole, words(raw.first, raw.last));
            if best.is_none_or(|(w, n, ..)| key > (w, n)) {
                best = Some((key.0, key.1, raw.pattern, raw.first, raw.last));
            }
        }
        let Some((whole, _, pattern, first, last)) = best else { return crate::span::Candidates::default() };
        let gaz_len = inner.gaz.len();
        if !whole && self.names_something_else(held, scratch, pattern, last, pack) {
            return crate::span::Candidates::default();
        }
        let tokens = &scratch.tokens[first..=last];
        let variants: Vec<_> = inner.index.variants(pattern).iter().filter(|v| v.entry.as_usize() < gaz_len).collect();
        // The case the text writes a name in is evidence when a caller's
        // tool read it: those variants first, any other after.
        let (mut cands, mut others) = (crate::span::Candidates::default(), Vec::new());
        let mut last_entry = None;
        for v in variants {
            if last_entry == Some(v.entry) {
                continue;
            }
            let Some(entry) = inner.gaz.entry(v.entry) else { continue };
            let Some(c) = Candidate::new(v.entry, entry, v.name) else { continue };
            if inner.index.accepts(v, tokens, held) {
                cands.push(c);
            } else {
                others.push(c);
            }
            last_entry = Some(v.entry);
        }
        cands.extend(others);
        if cands.iter().any(|c| c.entry.coord().is_some()) {
            cands.retain(|c| c.entry.coord().is_some());
        }
        cands
    }
}

/// The part of a span that holds its name: without surrounding space, a
/// leading "the" and a trailing possessive.
fn core(s: &str) -> Range<usize> {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return 0..0;
    }
    let mut start = s.len() - s.trim_start().len();
    let mut end = start + trimmed.len();
    if let Some(rest) = s.get(start..end).and_then(|r| r.get(..4)).filter(|t| t.eq_ignore_ascii_case("the ")) {
        let after = &s[start + rest.len()..end];
        if !after.trim_start().is_empty() {
            start = end - after.trim_start().len();
        }
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if s[start..end].ends_with(suffix) && end - start > suffix.len() {
            end -= suffix.len();
            break;
        }
    }
    start..end
}

/// Checks that a range is a span of the text.
fn check(text: &str, i: usize, r: &Range<usize>) -> Result<(), SpanError> {
    let err = |kind| Err(SpanError::new(i, r.clone(), kind));
    if r.end < r.start {
        return err(SpanErrorKind::Reversed);
    }
    if r.end > text.len() {
        return err(SpanErrorKind::OutOfBounds(text.len()));
    }
    for at in [r.start, r.end] {
        if !text.is_char_boundary(at) {
            return err(SpanErrorKind::NotCharBoundary(at));
        }
    }
    Ok(())
}

/// Byte ranges of `text` from character ranges (Unicode scalar values, as
/// Python's `str` counts), for [`Extractor::resolve_spans`].
///
/// # Errors
/// When a range is reversed or ends past the text's characters.
///
/// # Example
///
/// ```
/// let text = "Şuşa and Kəlbəcər";
/// assert_eq!(gazet::byte_ranges(text, &[0..4, 9..17])?, [0..6, 11..22]);
/// # Ok::<(), gazet::SpanError>(())
/// ```
pub fn byte_ranges(text: &str, chars: &[Range<usize>]) -> Result<Vec<Range<usize>>, SpanError> {
    // Every offset asked for, in order, mapped in one walk over the text.
    let mut wanted: Vec<usize> = chars.iter().flat_map(|r| [r.start, r.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bytes = Vec::with_capacity(wanted.len());
    let mut ask = wanted.iter().peekable();
    for (c, (b, _)) in text.char_indices().chain(std::iter::once((text.len(), ' '))).enumerate() {
        while ask.next_if(|&&w| w == c).is_some() {
            bytes.push(b);
        }
        if ask.peek().is_none() {
            break;
        }
    }
    let byte = |c: usize| wanted.binary_search(&c).ok().and_then(|k| bytes.get(k).copied());
    let total = text.chars().count();
    chars
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let fail = |kind| SpanError::new(i, r.clone(), kind);
            if r.end < r.start {
                return Err(fail(SpanErrorKind::Reversed));
            }
            match (byte(r.start), byte(r.end)) {
                (Some(a), Some(b)) => Ok(a..b),
                _ => Err(fail(SpanErrorKind::OutOfBounds(total))),
            }
        })
        .collect()
}

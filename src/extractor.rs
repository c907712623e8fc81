//! The extractor: a compiled gazetteer and the policy that turns raw
//! matches into spans.

use std::sync::Arc;

use rayon::prelude::*;

use crate::error::BuildError;
use crate::gazetteer::entry::EntryId;
use crate::gazetteer::Gazetteer;
use crate::matcher::{Index, Scratch, Variant};
use crate::span::{Candidate, Span};

/// Which matches an extractor reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum MatchKind {
    /// Non-overlapping matches: at each position the longest name wins, and
    /// the search goes on after it (`New York City` rather than `New York`).
    #[default]
    LeftmostLongest,
    /// Every match, nested and overlapping ones included, ordered by start
    /// and then longest first.
    Overlapping,
}

/// Options for an [`Extractor`]; see [`Extractor::builder`].
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    match_kind: MatchKind,
}

impl ExtractorBuilder {
    /// Default options.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Sets which matches are reported (default
    /// [`MatchKind::LeftmostLongest`]).
    pub fn match_kind(mut self, kind: MatchKind) -> ExtractorBuilder {
        self.match_kind = kind;
        self
    }

    /// Compiles the gazetteer. Pass a `Gazetteer` to hand it over, or an
    /// `Arc<Gazetteer>` to share it with other extractors.
    ///
    /// # Errors
    /// When the gazetteer is too large for one index.
    pub fn build<G: Into<Arc<Gazetteer>>>(&self, gazetteer: G) -> Result<Extractor, BuildError> {
        let gaz = gazetteer.into();
        let index = Index::build(&gaz)?;
        Ok(Extractor { inner: Arc::new(Inner { gaz, index, match_kind: self.match_kind }) })
    }
}

/// Finds the entries of a gazetteer in text.
///
/// Immutable, `Send + Sync` and cheap to clone (an `Arc` inside): build it
/// once and share it between threads.
///
/// # Example
///
/// ```
/// use gazet::{Entry, Extractor, Gazetteer, Label};
///
/// let mut gaz = Gazetteer::new();
/// gaz.push(Entry::builder("loc:kalbajar", "Kalbajar", Label::Place).alias("Kəlbəcər").build()?)?;
/// gaz.push(Entry::builder("loc:az", "Azerbaijan", Label::Place).build()?)?;
/// let ex = Extractor::new(gaz)?;
///
/// let text = "Roads to KƏLBƏCƏR reopened, Azerbaijan’s ministry said.";
/// let spans = ex.extract(text);
/// let found: Vec<(&str, &str)> =
///     spans.iter().map(|s| (&text[s.range()], s.entry().unwrap().id())).collect();
/// assert_eq!(found, [("KƏLBƏCƏR", "loc:kalbajar"), ("Azerbaijan", "loc:az")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    gaz: Arc<Gazetteer>,
    index: Index,
    match_kind: MatchKind,
}

/// A match that passed the case policy, before selection.
struct Found {
    start: usize,
    end: usize,
    first: usize,
    accepted: std::ops::Range<usize>,
}

impl Extractor {
    /// Compiles a gazetteer with default options.
    ///
    /// # Errors
    /// When the gazetteer is too large for one index.
    pub fn new<G: Into<Arc<Gazetteer>>>(gazetteer: G) -> Result<Extractor, BuildError> {
        ExtractorBuilder::new().build(gazetteer)
    }

    /// Options for building an extractor.
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label, MatchKind};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:nk", "Nagorno-Karabakh", Label::Place).build()?)?;
    /// gaz.push(Entry::builder("loc:k", "Karabakh", Label::Place).build()?)?;
    /// let ex = Extractor::builder().match_kind(MatchKind::Overlapping).build(gaz)?;
    /// let names: Vec<&str> = ex.extract("Nagorno–Karabakh").iter().map(|s| s.as_str()).collect();
    /// assert_eq!(names, ["Nagorno–Karabakh", "Karabakh"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The gazetteer the extractor was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.inner.gaz
    }

    /// The match kind in use.
    pub fn match_kind(&self) -> MatchKind {
        self.inner.match_kind
    }

    /// Bytes of heap memory held by the compiled index (the gazetteer's own
    /// entries not included).
    pub fn memory_usage(&self) -> usize {
        self.inner.index.heap_bytes()
    }

    /// Finds the entities of one text, in order of position.
    pub fn extract<'a>(&'a self, text: &'a str) -> Vec<Span<'a>> {
        let mut scratch = Scratch::default();
        self.extract_with(text, &mut scratch)
    }

    fn extract_with<'a>(&'a self, text: &'a str, scratch: &mut Scratch) -> Vec<Span<'a>> {
        let index = &self.inner.index;
        index.scan(text, scratch);
        let mut accepted: Vec<Variant> = Vec::new();
        let mut found: Vec<Found> = Vec::with_capacity(scratch.raw.len());
        for raw in &scratch.raw {
            let tokens = &scratch.tokens[raw.first..=raw.last];
            debug_assert_eq!(tokens.len(), index.pattern_len(raw.pattern));
            let from = accepted.len();
            for v in index.variants(raw.pattern) {
                if accepted[from..].iter().any(|a| a.entry == v.entry) {
                    continue;
                }
                if index.accepts(v, tokens, text) {
                    accepted.push(*v);
                }
            }
            if accepted.len() > from {
                found.push(Found {
                    start: tokens[0].start,
                    end: tokens[tokens.len() - 1].end,
                    first: raw.first,
                    accepted: from..accepted.len(),
                });
            }
        }
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.first.cmp(&b.first)));
        let mut spans = Vec::with_capacity(found.len());
        let mut last_end = 0;
        for f in &found {
            if self.inner.match_kind == MatchKind::LeftmostLongest {
                if f.start < last_end {
                    continue;
                }
                last_end = f.end;
            }
            if let Some(span) = self.span(text, f, &accepted[f.accepted.clone()]) {
                spans.push(span);
            }
        }
        spans
    }

    fn span<'a>(&'a self, text: &'a str, f: &Found, accepted: &[Variant]) -> Option<Span<'a>> {
        let gaz = &self.inner.gaz;
        let candidates: Vec<Candidate<'a>> = accepted
            .iter()
            .filter_map(|v| {
                let entry = gaz.entry(v.entry)?;
                let name = entry.name_at(v.name as usize)?;
                Some(Candidate { id: v.entry, entry, name })
            })
            .collect();
        let label = candidates.first()?.entry.label().clone();
        Some(Span { range: f.start..f.end, text: &text[f.start..f.end], label, candidates, chosen: 0 })
    }

    /// Finds the entities of many texts on all cores. The result for each
    /// text is the same as [`Extractor::extract`] gives, in input order.
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label};
    ///
    /// let mut gaz = Gazetteer::new();
    /// for (id, name) in [("loc:baku", "Baku"), ("loc:yerevan", "Yerevan"), ("loc:moscow", "Moscow")] {
    ///     gaz.push(Entry::builder(id, name, Label::Place).build()?)?;
    /// }
    /// let ex = Extractor::new(gaz)?;
    /// let docs = ["Talks in Baku.", "No names here.", "Yerevan and Moscow."];
    /// let counts: Vec<usize> = ex.extract_batch(&docs).iter().map(Vec::len).collect();
    /// assert_eq!(counts, [1, 0, 2]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn extract_batch<'a, T: AsRef<str> + Sync>(&'a self, texts: &'a [T]) -> Vec<Vec<Span<'a>>> {
        texts.par_iter().map_init(Scratch::default, |scratch, t| self.extract_with(t.as_ref(), scratch)).collect()
    }

    /// The entry at an index of the extractor's gazetteer.
    pub fn entry(&self, id: EntryId) -> Option<&crate::Entry> {
        self.inner.gaz.entry(id)
    }
}

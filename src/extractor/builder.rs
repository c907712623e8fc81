//! The options of an [`Extractor`] and how they are compiled into one.

use super::*;

/// Options for an [`Extractor`]; see [`Extractor::builder`].
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    pub(super) match_kind: MatchKind,
    pub(super) rules: bool,
    pub(super) places_in_orgs: bool,
    pub(super) resolve: bool,
    pub(super) language: Option<Language>,
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder {
            match_kind: MatchKind::default(),
            rules: true,
            places_in_orgs: false,
            resolve: true,
            language: None,
        }
    }
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

    /// Turns the rules on (default) or off. Without them the extractor reports
    /// every gazetteer match that passes the case policy, and nothing else
    /// (see the `rules` section of the crate docs for what they do).
    pub fn rules(mut self, yes: bool) -> ExtractorBuilder {
        self.rules = yes;
        self
    }

    /// Turns toponym resolution on (default) or off. With it, each place
    /// chooses among its candidates from the evidence of the whole text
    /// (countries and divisions named elsewhere, "Name, Division"); without
    /// it the default order decides.
    pub fn resolve(mut self, yes: bool) -> ExtractorBuilder {
        self.resolve = yes;
        self
    }

    /// Also reports the places named inside longer names as spans of their
    /// own (default off: one span per stretch of text): inside an
    /// organisation's name ("Nevada" in "Nevada Department of
    /// Wildlife") or a feature's ("Kansas" in "Kansas Turnpike"), nested in
    /// its span, and the places that start or end a longer name the rules
    /// cannot label ("Orlando" in "Orlando Magic", "Hastings" in "Battle of
    /// Hastings"), which are otherwise left out. Geoparsing corpora such
    /// as LGL annotate them.
    pub fn places_in_orgs(mut self, yes: bool) -> ExtractorBuilder {
        self.places_in_orgs = yes;
        self
    }

    /// Reads every text as written in `language` (its pack's word lists and
    /// inflection), rather than the language detected in each text (the
    /// default: see [`Language::detect`]). `None` goes back to detecting.
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label, Language};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:de", "Deutschland", Label::Place).build()?)?;
    /// let text = "Die Gespräche über Deutschlands Zukunft gehen weiter.";
    /// // Detected: German, and Deutschlands is Deutschland in the genitive.
    /// let ex = Extractor::new(gaz.clone())?;
    /// assert_eq!(ex.extract(text)[0].as_str(), "Deutschlands");
    /// // Fixed: English has no German ending.
    /// let en = Extractor::builder().language(Some(Language::English)).build(gaz)?;
    /// assert!(en.extract(text).is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn language(mut self, language: Option<Language>) -> ExtractorBuilder {
        self.language = language;
        self
    }

    /// Compiles the gazetteer. Pass a `Gazetteer` to hand it over, or an
    /// `Arc<Gazetteer>` to share it with other extractors.
    ///
    /// # Errors
    /// When the gazetteer is too large for one index.
    pub fn build<G: Into<Arc<Gazetteer>>>(&self, gazetteer: G) -> Result<Extractor, BuildError> {
        let gaz = gazetteer.into();
        // The nearest-place grid is built beside the index.
        let ((cues, index), grid) = rayon::join(
            || {
                let cues = self.cues();
                let index = Index::build(&[&gaz, &cues.gaz]);
                (cues, index)
            },
            || self.grid(&gaz),
        );
        Ok(self.assemble(gaz, cues, index?, grid))
    }

    /// The rule lists' entries the index numbers after the gazetteer's
    /// (none without the rules).
    pub(super) fn cues(&self) -> Cues {
        if self.rules {
            cue_gazetteer()
        } else {
            Cues::none()
        }
    }

    /// The grid of the gazetteer's populated places, for coordinates
    /// written in text (none without the rules).
    pub(super) fn grid(&self, gaz: &Gazetteer) -> Grid {
        if self.rules {
            Grid::build(gaz)
        } else {
            Grid::default()
        }
    }

    /// The extractor of a gazetteer and its index, compiled or read back,
    /// with these options.
    pub(super) fn assemble(&self, gaz: Arc<Gazetteer>, cues: Cues, index: Index, grid: Grid) -> Extractor {
        let flags = if self.rules { crate::geo::flags::Flags::build(&gaz) } else { Default::default() };
        // (Every text is resolved: the table is built now rather than when
        // the first text is.)
        let facts = if self.resolve { crate::geo::Facts::build(&gaz).into() } else { std::sync::OnceLock::new() };
        Extractor {
            inner: Arc::new(Inner {
                gaz,
                cues,
                grid,
                flags,
                index,
                match_kind: self.match_kind,
                rules: self.rules,
                places_in_orgs: self.places_in_orgs,
                resolve: self.resolve,
                language: self.language,
                facts,
            }),
        }
    }
}

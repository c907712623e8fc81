//! The evidence a place candidate's score adds up, as named features, and
//! the weights that turn them into a score.
//!
//! A candidate's score is the sum of its features, each times its weight:
//! [`Own`] holds those of an entry no other span changes (what it is, how
//! many live there), [`Context`] those a round of resolution reads from
//! the document's other spans.
//! The weights are data, `gazetteers/resolve/weights.tsv`, compiled in: the
//! same text always resolves the same way. They are set by hand;
//! `scripts/train-resolver` fits a conditional logistic model over each
//! span's candidates on the dev parts of the geoparsing corpora and
//! compares it with them, and writes its weights only when asked.

use std::sync::LazyLock;

use super::resolve::Evidence;
use crate::gazetteer::entry::{Entry, PlaceKind};

/// One piece of evidence about a candidate. The discriminant is the
/// feature's index in a [`Features`] vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Feature {
    /// 1 for a country or a territory.
    Country,
    /// 1 for an ocean, a sea, a gulf or a bay.
    Water,
    /// 1 for a first-level division.
    Division,
    /// 1 for a capital.
    Capital,
    /// 1 for a named region or a continent.
    Region,
    /// 1 for the seat of a first-level division.
    Seat,
    /// 1 for a second-level division or its seat.
    Minor,
    /// 1 for an entry that is no place (an organisation of the same name).
    NotPlace,
    /// log10 of the population + 1, over 7 (about 1 for ten million).
    Population,
    /// 1 when the text writes another candidate's own name and this one's
    /// only by an alternate (a former or foreign) name.
    AlternateName,
    /// 1 for a city of a million named like the division it lies in (New
    /// York, São Paulo).
    CityLikeDivision,
    /// The share of the document's other mentions in its country (for
    /// places below the country).
    CountryShare,
    /// The share of the document's other mentions in its first-level
    /// division.
    DivisionShare,
    /// The share of the document's other places within 300 km.
    NearShare,
    /// 1 when the text writes it `Name, Container` and it lies there.
    Container,
    /// 1 when its country is itself named in the document (for places
    /// below the country).
    CountryNamed,
    /// 1 when its first-level division is itself named in the document
    /// (for places below the division).
    DivisionNamed,
    /// 1 when another span of the document can name the second-level
    /// division it lies in, or, for such a division, a place in it.
    County,
    /// The share of the document's other place names of which some
    /// reading lies in its neighbourhood (some 300 to 600 km), whatever
    /// they choose ([`super::reach`]).
    Reach,
}

/// How many features a candidate has.
pub(crate) const FEATURES: usize = 19;

/// A candidate's features, indexed by [`Feature`].
pub(crate) type Features = [f64; FEATURES];

impl Feature {
    /// Every feature, in index order.
    pub(crate) const ALL: [Feature; FEATURES] = [
        Feature::Country,
        Feature::Water,
        Feature::Division,
        Feature::Capital,
        Feature::Region,
        Feature::Seat,
        Feature::Minor,
        Feature::NotPlace,
        Feature::Population,
        Feature::AlternateName,
        Feature::CityLikeDivision,
        Feature::CountryShare,
        Feature::DivisionShare,
        Feature::NearShare,
        Feature::Container,
        Feature::CountryNamed,
        Feature::DivisionNamed,
        Feature::County,
        Feature::Reach,
    ];

    /// The feature's name in the weights file.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Feature::Country => "country",
            Feature::Water => "water",
            Feature::Division => "division",
            Feature::Capital => "capital",
            Feature::Region => "region",
            Feature::Seat => "seat",
            Feature::Minor => "minor",
            Feature::NotPlace => "not_place",
            Feature::Population => "population",
            Feature::AlternateName => "alternate_name",
            Feature::CityLikeDivision => "city_like_division",
            Feature::CountryShare => "country_share",
            Feature::DivisionShare => "division_share",
            Feature::NearShare => "near_share",
            Feature::Container => "container",
            Feature::CountryNamed => "country_named",
            Feature::DivisionNamed => "division_named",
            Feature::County => "county",
            Feature::Reach => "reach",
        }
    }
}

/// The names of the features, in index order (for the training dump).
pub fn feature_names() -> [&'static str; FEATURES] {
    Feature::ALL.map(Feature::name)
}

/// The weights file, compiled in.
const WEIGHTS_TSV: &str = include_str!("../../gazetteers/resolve/weights.tsv");

/// The weight of each feature, read once from [`WEIGHTS_TSV`].
pub(crate) static WEIGHTS: LazyLock<Features> = LazyLock::new(|| {
    // The file is ours and a test reads it the same way, so a malformed
    // line cannot ship; should one, its feature weighs nothing.
    parse_weights(WEIGHTS_TSV).unwrap_or([0.0; FEATURES])
});

/// Reads `feature<TAB>weight` lines (`#` comments and blank lines
/// skipped): every feature exactly once.
fn parse_weights(tsv: &str) -> Result<Features, String> {
    let mut w = [f64::NAN; FEATURES];
    for (n, line) in tsv.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("gazetteers/resolve/weights.tsv:{}", n + 1);
        let (name, value) = line.split_once('\t').ok_or_else(|| format!("{at}:1: no tab"))?;
        let f = Feature::ALL
            .iter()
            .position(|f| f.name() == name)
            .ok_or_else(|| format!("{at}:1: unknown feature {name:?}"))?;
        let v: f64 = value.parse().map_err(|_| format!("{at}:{}: not a number: {value:?}", name.len() + 2))?;
        if !w[f].is_nan() {
            return Err(format!("{at}:1: {name} given twice"));
        }
        w[f] = v;
    }
    match Feature::ALL.iter().find(|f| w[**f as usize].is_nan()) {
        Some(f) => Err(format!("gazetteers/resolve/weights.tsv: no weight for {}", f.name())),
        None => Ok(w),
    }
}

/// The features of an entry no other span changes: what it is and how
/// many live there.
#[derive(Clone, Copy)]
pub(crate) struct Own {
    /// Its kind's feature, none for a town or a feature of no kind.
    pub(crate) kind: Option<Feature>,
    /// log10 of its population + 1, over 7.
    pub(crate) population: f64,
    /// An entry that is no place (an organisation of the same name).
    pub(crate) not_place: bool,
}

impl Own {
    /// The features of entry `e`.
    pub(crate) fn of(e: &Entry) -> Own {
        let Some(p) = e.place() else {
            return Own { kind: None, population: 0.0, not_place: true };
        };
        let kind = match p.kind() {
            PlaceKind::Country => Some(Feature::Country),
            // Oceans and seas, named regions and continents are what a
            // bare name usually means ("Atlantic", "Middle East").
            PlaceKind::Water => Some(Feature::Water),
            PlaceKind::Division => Some(Feature::Division),
            PlaceKind::Capital => Some(Feature::Capital),
            PlaceKind::Region => Some(Feature::Region),
            PlaceKind::Seat => Some(Feature::Seat),
            PlaceKind::Minor => Some(Feature::Minor),
            PlaceKind::Other => None,
        };
        let population = (p.population.unwrap_or(0) as f64 + 1.0).log10() / 7.0;
        Own { kind, population, not_place: false }
    }

    /// Their part of the score.
    pub(crate) fn score(&self, w: &Features) -> f64 {
        let kind = self.kind.map_or(0.0, |k| w[k as usize]);
        let not_place = if self.not_place { w[Feature::NotPlace as usize] } else { 0.0 };
        kind + not_place + w[Feature::Population as usize] * self.population
    }

    /// As a feature vector (the others 0).
    pub(crate) fn features(&self) -> Features {
        let mut f = [0.0; FEATURES];
        if let Some(k) = self.kind {
            f[k as usize] = 1.0;
        }
        f[Feature::NotPlace as usize] = f64::from(u8::from(self.not_place));
        f[Feature::Population as usize] = self.population;
        f
    }
}

/// A candidate's context features this round: what the document's other
/// spans say of it.
#[derive(Clone, Copy, Default)]
pub(crate) struct Context {
    pub(crate) country_share: f64,
    pub(crate) country_named: f64,
    pub(crate) division_share: f64,
    pub(crate) division_named: f64,
    pub(crate) near: f64,
    pub(crate) container: f64,
}

impl Context {
    /// The weights of the context features, in the same fields, read once
    /// per round.
    pub(crate) fn weights() -> Context {
        let w = &*WEIGHTS;
        Context {
            country_share: w[Feature::CountryShare as usize],
            country_named: w[Feature::CountryNamed as usize],
            division_share: w[Feature::DivisionShare as usize],
            division_named: w[Feature::DivisionNamed as usize],
            near: w[Feature::NearShare as usize],
            container: w[Feature::Container as usize],
        }
    }

    /// The score: `base` plus each feature times its weight (`w`, from
    /// [`Context::weights`]).
    pub(crate) fn score(&self, base: f64, w: &Context) -> f64 {
        base + w.country_share * self.country_share
            + w.country_named * self.country_named
            + w.division_share * self.division_share
            + w.division_named * self.division_named
            + w.near * self.near
            + w.container * self.container
    }

    /// What decided: the context feature that adds the most (at equal
    /// weight the more specific one; a container always), or the nearby
    /// places when nothing else did.
    pub(crate) fn evidence(&self, w: &Context) -> Evidence {
        if w.container * self.container > 0.0 {
            return Evidence::Container;
        }
        let mut evidence = Evidence::Prior;
        let mut strongest = 0.0;
        for (add, ev) in [
            (w.country_share * self.country_share, Evidence::Country),
            (w.country_named * self.country_named, Evidence::Country),
            (w.division_share * self.division_share, Evidence::Division),
            (w.division_named * self.division_named, Evidence::Division),
        ] {
            if add > 0.0 && add >= strongest {
                strongest = add;
                evidence = ev;
            }
        }
        if evidence == Evidence::Prior && w.near * self.near > 0.0 {
            evidence = Evidence::Nearby;
        }
        evidence
    }

    /// Every feature of a candidate of an entry with `own` features,
    /// named by an alternate name or not, lifted as a big city named like
    /// its division by `lift`, with its county and reach features.
    pub(crate) fn features(&self, own: &Own, alternate: bool, lift: f64, county: bool, reach: f64) -> Features {
        let mut f = own.features();
        f[Feature::Reach as usize] = reach;
        f[Feature::AlternateName as usize] = f64::from(u8::from(alternate));
        f[Feature::CityLikeDivision as usize] = lift;
        f[Feature::County as usize] = f64::from(u8::from(county));
        f[Feature::CountryShare as usize] = self.country_share;
        f[Feature::CountryNamed as usize] = self.country_named;
        f[Feature::DivisionShare as usize] = self.division_share;
        f[Feature::DivisionNamed as usize] = self.division_named;
        f[Feature::NearShare as usize] = self.near;
        f[Feature::Container as usize] = self.container;
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_file_gives_every_feature_once() {
        let w = parse_weights(WEIGHTS_TSV).unwrap();
        assert!(w.iter().all(|x| x.is_finite()));
        for (k, f) in Feature::ALL.iter().enumerate() {
            assert_eq!(*f as usize, k, "{} out of order", f.name());
        }
    }

    #[test]
    fn bad_weights_files_say_what_and_where() {
        let cases = [
            ("country\t1\nbogus\t2\n", "weights.tsv:2:1: unknown feature \"bogus\""),
            ("country\tone\n", "weights.tsv:1:9: not a number: \"one\""),
            ("country\t1\ncountry\t2\n", "weights.tsv:2:1: country given twice"),
            ("country 1\n", "weights.tsv:1:1: no tab"),
            ("# only a comment\n", "no weight for country"),
        ];
        for (tsv, want) in cases {
            let got = parse_weights(tsv).unwrap_err();
            assert!(got.contains(want), "{tsv:?}: {got}");
        }
    }

    #[test]
    fn an_entrys_own_score_is_its_features_weighted() {
        let w = &*WEIGHTS;
        let kinds = [None, Some(Feature::Country), Some(Feature::Division), Some(Feature::Seat), Some(Feature::Minor)];
        for (kind, population, not_place) in
            kinds.iter().flat_map(|&k| [(k, 0.0, false), (k, 0.93, false)]).chain([(None, 0.0, true)])
        {
            let own = Own { kind, population, not_place };
            let sum: f64 = w.iter().zip(own.features()).map(|(w, x)| w * x).sum();
            assert!((own.score(w) - sum).abs() < 1e-12, "{kind:?} {population} {not_place}");
        }
    }
}

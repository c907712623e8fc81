//! The evidence a place candidate's score adds up, as named features, and
//! the weights that turn them into a score.
//!
//! A candidate's score is the sum of its features, each times its weight.
//! The weights are data, `gazetteers/resolve/weights.tsv`, fitted by
//! `scripts/train-resolver` (a conditional logistic model over each span's
//! candidates, trained on the dev parts of the geoparsing corpora) and
//! compiled in: the same text always resolves the same way.

use std::sync::LazyLock;

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
}

/// How many features a candidate has.
pub(crate) const FEATURES: usize = 17;

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
}

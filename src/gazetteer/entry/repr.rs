//! An entry as a saved extractor holds it: its parts borrowed from the
//! entry when written and from the saved bytes when read, and checked as
//! the builder checks them when read back.

use super::*;

/// The parts of an [`Entry`] as a saved extractor holds them, borrowed
/// from the entry when written and from the saved bytes when read.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct EntryRepr<'a> {
    #[serde(borrow)]
    text: &'a str,
    ends: std::borrow::Cow<'a, [u32]>,
    label: &'a str,
    any_case: bool,
    place: Option<PlaceRepr<'a>>,
    attrs: Vec<(&'a str, &'a str)>,
    name_langs: Vec<(u32, &'a str)>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct PlaceRepr<'a> {
    coord: Option<(f64, f64)>,
    country: Option<&'a str>,
    admin1: Option<&'a str>,
    admin2: Option<&'a str>,
    /// The class letter, as a byte.
    feature_class: Option<u8>,
    feature_code: Option<&'a str>,
    population: Option<u64>,
    geonames_id: Option<u32>,
}

impl Entry {
    pub(crate) fn to_repr(&self) -> EntryRepr<'_> {
        EntryRepr {
            text: &self.text,
            ends: std::borrow::Cow::Borrowed(&self.ends),
            label: self.label().as_str(),
            any_case: self.any_case,
            place: self.place.as_deref().map(|p| PlaceRepr {
                coord: p.coord.map(|c| (c.lat, c.lon)),
                country: p.country.as_ref().map(CountryCode::as_str),
                admin1: p.admin1.as_deref(),
                admin2: p.admin2.as_deref(),
                feature_class: p.feature_class.map(|c| c.letter() as u8),
                feature_code: p.feature_code.as_ref().map(FeatureCode::as_str),
                population: p.population,
                geonames_id: p.geonames_id.map(|g| g.0),
            }),
            attrs: self.attrs().collect(),
            name_langs: self
                .rare
                .as_ref()
                .map_or_else(Vec::new, |r| r.name_langs.iter().map(|(i, l)| (*i, &**l)).collect()),
        }
    }

    /// The entry of [`Entry::to_repr`], checked as the builder checks it
    /// (offsets inside the text and on character boundaries, coordinates
    /// in range, codes and label valid); `Err` names what is wrong.
    pub(crate) fn from_repr(r: EntryRepr<'_>) -> Result<Entry, &'static str> {
        let mut last = 0usize;
        for &end in r.ends.iter() {
            let end = (end & OFFSET_MASK) as usize;
            if end < last || !r.text.is_char_boundary(end) {
                return Err("entry name offsets");
            }
            last = end;
        }
        if r.ends.len() < 2 || last != r.text.len() {
            return Err("entry name offsets");
        }
        let place = match r.place {
            None => None,
            Some(p) => Some(Box::new(Place {
                coord: p.coord.map(|(lat, lon)| Coord::new(lat, lon)).transpose().map_err(|_| "coordinate")?,
                country: p.country.map(CountryCode::new).transpose().map_err(|_| "country code")?,
                admin1: p.admin1.map(Into::into),
                admin2: p.admin2.map(Into::into),
                feature_class: match p.feature_class {
                    None => None,
                    Some(c) => Some(
                        FeatureClass::from_letter(std::str::from_utf8(&[c]).map_err(|_| "feature class")?)
                            .ok_or("feature class")?,
                    ),
                },
                feature_code: p.feature_code.map(FeatureCode::new).transpose().map_err(|_| "feature code")?,
                population: p.population,
                geonames_id: p.geonames_id.map(GeoNameId),
            })),
        };
        let names = r.ends.len() as u32 - 1;
        if r.name_langs.windows(2).any(|p| p[0].0 >= p[1].0) || r.name_langs.iter().any(|(i, _)| *i >= names) {
            return Err("name languages");
        }
        let (label, rare) = Entry::split(
            r.label.parse().map_err(|_| "label")?,
            r.attrs.into_iter().map(|(k, v)| (k.into(), v.into())).collect(),
            r.name_langs.into_iter().map(|(i, l)| (i, l.into())).collect(),
        );
        Ok(Entry {
            text: r.text.into(),
            ends: Ends::new(r.ends.into_owned()),
            brief: Brief::of(place.as_deref()),
            place,
            rare,
            label,
            any_case: r.any_case,
        })
    }
}

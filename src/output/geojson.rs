//! GeoJSON: the resolved places of one text or a corpus as a
//! FeatureCollection, one Point feature per place.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::label::Label;
use crate::span::Span;

/// Collects the places of one or many texts into a GeoJSON
/// FeatureCollection: one feature per place (per entry, or per point for
/// coordinates written in text), with its name, id, country, number of
/// mentions and their spans (`[document, start, end]`, byte offsets).
/// Nationalities count as mentions of their country when they carry its
/// point.
///
/// # Example
///
/// ```
/// use gazet::{Extractor, Gazetteer, GeoJson};
///
/// let ex = Extractor::new(Gazetteer::bundled())?;
/// let mut geo = GeoJson::new();
/// geo.add("doc1", &ex.extract("Talks in Baku and Yerevan; Baku hosted."));
/// let fc = geo.to_value();
/// assert_eq!(fc["type"], "FeatureCollection");
/// let baku = &fc["features"][0];
/// assert_eq!(baku["geometry"]["type"], "Point");
/// assert_eq!(baku["properties"]["name"], "Baku");
/// assert_eq!(baku["properties"]["mentions"], 2);
/// # Ok::<(), gazet::BuildError>(())
/// ```
#[derive(Debug, Default)]
pub struct GeoJson {
    /// The features being built, in order of first mention.
    features: Vec<Feature>,
    /// Key (entry id, country or point) -> index in `features`.
    index: HashMap<String, usize>,
}

/// One place of the collection (the HTML map reads them too).
#[derive(Debug)]
pub(crate) struct Feature {
    pub(crate) lon: f64,
    pub(crate) lat: f64,
    pub(crate) name: String,
    pub(crate) id: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) label: String,
    /// `(document, start, end)` of every mention.
    pub(crate) spans: Vec<(String, usize, usize)>,
}

impl GeoJson {
    /// An empty collection.
    pub fn new() -> GeoJson {
        GeoJson::default()
    }

    /// Adds the places among the spans of one document.
    pub fn add(&mut self, doc: &str, spans: &[Span<'_>]) {
        for s in spans {
            if s.label() != &Label::Place && s.label() != &Label::Nationality {
                continue;
            }
            let Some(c) = s.coord() else { continue };
            let (key, name, id) = match (s.reason(), s.entry()) {
                (crate::Reason::Coordinates, _) => {
                    (format!("point:{:.5},{:.5}", c.lat, c.lon), s.as_str().to_string(), None)
                }
                // A feature placed at its town: one feature per name.
                (_, None) => {
                    (format!("feature:{:.5},{:.5}:{}", c.lat, c.lon, s.as_str()), s.as_str().to_string(), None)
                }
                (_, Some(e)) => match (s.label(), e.country()) {
                    // A nationality stands for its country.
                    (Label::Nationality, Some(cc)) => (format!("country:{cc}"), cc.to_string(), None),
                    _ => (format!("entry:{}", e.id()), e.name().to_string(), Some(e.id().to_string())),
                },
            };
            let at = *self.index.entry(key).or_insert_with(|| {
                self.features.push(Feature {
                    lon: c.lon,
                    lat: c.lat,
                    name,
                    id,
                    country: s.country().map(|c| c.to_string()),
                    label: s.label().as_str().to_string(),
                    spans: Vec::new(),
                });
                self.features.len() - 1
            });
            if let Some(f) = self.features.get_mut(at) {
                f.spans.push((doc.to_string(), s.start(), s.end()));
            }
        }
    }

    /// The places collected so far, in order of first mention.
    pub(crate) fn features(&self) -> impl Iterator<Item = &Feature> {
        self.features.iter()
    }

    /// The FeatureCollection.
    pub fn to_value(&self) -> Value {
        let features: Vec<Value> = self
            .features
            .iter()
            .map(|f| {
                json!({
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [f.lon, f.lat]},
                    "properties": {
                        "name": f.name,
                        "id": f.id,
                        "country": f.country,
                        "label": f.label,
                        "mentions": f.spans.len(),
                        "spans": f.spans.iter().map(|(d, s, e)| json!([d, s, e])).collect::<Vec<_>>(),
                    }
                })
            })
            .collect();
        json!({"type": "FeatureCollection", "features": features})
    }
}

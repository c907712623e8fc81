//! JSONL: one JSON object per line.
//!
//! ```json
//! {"id": "org:aa", "name": "Anadolu Agency", "label": "ORG",
//!  "aliases": ["Anadolu", {"name": "AA", "case_sensitive": true},
//!              {"name": "Anadolu Ajansı", "language": "tr"}],
//!  "attrs": {"kind": "news agency"}}
//! ```
//!
//! Fields: `id`, `name`, `label` (required); `aliases` (strings, or objects
//! with `name`, `case_sensitive`, `common`, `language`); `case_sensitive`,
//! `common` and `language` (of the canonical name); `any_case`; `lat`, `lon`, `country`,
//! `admin1`, `admin2`, `feature_class`, `feature_code`, `population`, `geonameid`;
//! `attrs` (an object of free attributes; values that are not strings are
//! kept as their JSON text). Unknown fields are errors, to catch typos.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use super::entry::{Coord, CountryCode, Entry, FeatureClass, FeatureCode, GeoNameId, NameFlags, Place};
use super::load::{Loaded, Loader, SeenIds};
use crate::error::{LoadError, LoadErrorKind};
use crate::label::Label;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntry {
    id: String,
    name: String,
    label: String,
    #[serde(default)]
    aliases: Vec<JsonAlias>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    common: bool,
    #[serde(default)]
    any_case: bool,
    language: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    country: Option<String>,
    admin1: Option<String>,
    admin2: Option<String>,
    feature_class: Option<String>,
    feature_code: Option<String>,
    population: Option<u64>,
    geonameid: Option<u32>,
    #[serde(default)]
    attrs: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonAlias {
    Plain(String),
    Flagged {
        name: String,
        #[serde(default)]
        case_sensitive: bool,
        language: Option<String>,
        #[serde(default)]
        common: bool,
    },
}

pub(crate) fn load<R: Read>(loader: &Loader, reader: R, path: Option<&Path>) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    let mut seen = SeenIds::default();
    loader.for_each_line(reader, path, &mut out, |line_no, line, out| {
        let raw: JsonEntry = serde_json::from_str(line).map_err(|e| {
            LoadError::new(LoadErrorKind::Json(strip_position(&e.to_string()))).with_column(e.column() as u64)
        })?;
        let entry = convert(raw).map_err(|(field, e)| e.with_column(column_of_key(line, field)))?;
        seen.push(&mut out.entries, entry, line_no).map_err(|e| e.with_column(column_of_key(line, "id")))
    })?;
    Ok(out)
}

/// serde_json appends " at line 1 column 7"; the location is ours to give.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The 1-based character column of `"key"` in a JSON line, or 1.
fn column_of_key(line: &str, key: &str) -> u64 {
    let needle = format!("\"{key}\"");
    line.find(&needle).map_or(1, |i| line[..i].chars().count() as u64 + 1)
}

fn convert(raw: JsonEntry) -> Result<Entry, (&'static str, LoadError)> {
    let label: Label = raw.label.parse().map_err(|e| ("label", e))?;
    let flags = NameFlags::new().with_case_sensitive(raw.case_sensitive).with_common_word(raw.common);
    let mut b = Entry::builder(&raw.id, &raw.name, label).name_flags(flags).any_case(raw.any_case);
    if let Some(lang) = &raw.language {
        b = b.name_language(&raw.name, lang);
    }
    for alias in raw.aliases {
        b = match alias {
            JsonAlias::Plain(a) => b.alias(&a),
            JsonAlias::Flagged { name, case_sensitive, common, language } => {
                let b =
                    b.alias_with(&name, NameFlags::new().with_case_sensitive(case_sensitive).with_common_word(common));
                match language {
                    Some(lang) => b.name_language(&name, &lang),
                    None => b,
                }
            }
        };
    }
    let mut place = Place::default();
    let mut is_place = false;
    match (raw.lat, raw.lon) {
        (Some(lat), Some(lon)) => {
            place.coord = Some(Coord::new(lat, lon).map_err(|e| {
                let field = if matches!(e.kind(), LoadErrorKind::LatitudeOutOfRange(_)) { "lat" } else { "lon" };
                (field, e)
            })?);
            is_place = true;
        }
        (None, None) => {}
        (Some(_), None) | (None, Some(_)) => {
            let field = if raw.lat.is_some() { "lat" } else { "lon" };
            return Err((field, LoadError::new(LoadErrorKind::HalfCoordinate)));
        }
    }
    if let Some(c) = raw.country {
        place.country = Some(CountryCode::new(&c).map_err(|e| ("country", e))?);
        is_place = true;
    }
    if let Some(a) = raw.admin1 {
        place.admin1 = Some(a.into());
        is_place = true;
    }
    if let Some(a) = raw.admin2 {
        place.admin2 = Some(a.into());
        is_place = true;
    }
    if let Some(fc) = raw.feature_class {
        place.feature_class = Some(
            FeatureClass::from_letter(&fc)
                .ok_or_else(|| ("feature_class", LoadError::new(LoadErrorKind::InvalidFeature(fc.clone()))))?,
        );
        is_place = true;
    }
    if let Some(code) = raw.feature_code {
        place.feature_code = Some(FeatureCode::new(&code).map_err(|e| ("feature_code", e))?);
        is_place = true;
    }
    if raw.population.is_some() || raw.geonameid.is_some() {
        place.population = raw.population;
        place.geonames_id = raw.geonameid.map(GeoNameId);
        is_place = true;
    }
    if is_place {
        b = b.place(place);
    }
    for (k, v) in &raw.attrs {
        b = match v {
            serde_json::Value::String(s) => b.attr(k, s),
            other => b.attr(k, &other.to_string()),
        };
    }
    b.build().map_err(|e| {
        let field = if matches!(e.kind(), LoadErrorKind::EmptyField("id")) { "id" } else { "name" };
        (field, e)
    })
}

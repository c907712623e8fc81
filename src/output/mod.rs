//! Output formats built from spans.

mod geojson;

pub use geojson::GeoJson;

//! Output formats built from spans.

mod conll;
mod geojson;
mod spacy;

pub use conll::conll;
pub use geojson::GeoJson;
pub use spacy::spacy_json;

//! Output formats built from spans.

mod conll;
mod geojson;
mod html;
mod spacy;

pub use conll::conll;
pub use geojson::GeoJson;
pub use html::Html;
pub use spacy::spacy_json;

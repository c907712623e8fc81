//! The JSON that spaCy and Prodigy read: text plus character-offset spans.

use serde_json::{json, Value};

use crate::span::{CharIndex, Span};

/// One document as spaCy/Prodigy JSON: `{"text", "spans": [{"start",
/// "end", "label"}]}` with **character** offsets, labels as gazet writes
/// them (`PER`, `LOC`, `ORG`, `NORP` or yours).
///
/// # Example
///
/// ```
/// use gazet::{Entry, Extractor, Gazetteer, Label};
///
/// let mut gaz = Gazetteer::new();
/// gaz.push(Entry::builder("x", "Kəlbəcər", Label::Place).build()?)?;
/// let ex = Extractor::new(gaz)?;
/// let text = "Şuşa and Kəlbəcər";
/// let doc = gazet::spacy_json(text, &ex.extract(text));
/// assert_eq!(doc["spans"][0]["start"], 9);
/// assert_eq!(doc["spans"][0]["end"], 17);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn spacy_json(text: &str, spans: &[Span<'_>]) -> Value {
    let index = CharIndex::new(text);
    let spans: Vec<Value> = spans
        .iter()
        .map(|s| {
            let r = index.char_range(s);
            json!({"start": r.start, "end": r.end, "label": s.label().as_str()})
        })
        .collect();
    json!({"text": text, "spans": spans})
}

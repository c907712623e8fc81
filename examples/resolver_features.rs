//! The resolver's features for every candidate of every given span, for
//! `scripts/train-resolver`.
//!
//! Reads JSONL documents `{"id", "text", "spans": [[start, end], ...]}`
//! with character offsets (the gold spans of a corpus), resolves them with
//! the bundled gazetteer as `extract --resolve --offsets chars` does, and
//! writes one line per document: `{"id", "spans": [[{"id", "lat", "lon",
//! "f": [...]}, ...], ...]}`, each span's candidates in their final order
//! (the chosen one first; a span with no choice to make has none). The
//! first line names the features: `{"features": [...]}`.
//!
//!     cargo run --release --example resolver_features -- given.jsonl > features.jsonl

use std::io::{self, BufRead, Write};
use std::ops::Range;

use gazet::{Context, Extractor, Gazetteer};
use serde_json::{json, Value};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: resolver_features GIVEN.jsonl")?;
    let ex = Extractor::new(Gazetteer::bundled())?;
    let file = io::BufReader::new(std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?);
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "{}", json!({ "features": gazet::feature_names() }))?;
    for (n, line) in file.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let text = doc["text"].as_str().ok_or_else(|| format!("{path}:{}: no text", n + 1))?;
        let chars: Vec<Range<usize>> = doc["spans"]
            .as_array()
            .ok_or_else(|| format!("{path}:{}: no spans", n + 1))?
            .iter()
            .map(|s| {
                let at = |k: usize| s.get(k).and_then(Value::as_u64).map(|v| v as usize);
                Some(at(0)?..at(1)?)
            })
            .collect::<Option<_>>()
            .ok_or_else(|| format!("{path}:{}: a span is not [start, end]", n + 1))?;
        let ranges = gazet::byte_ranges(text, &chars).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let spans = ex.resolve_spans_explained(text, &ranges, Context::Given)?;
        let spans: Vec<Value> = spans
            .iter()
            .map(|(span, features)| {
                let cands: Vec<Value> = span
                    .candidates()
                    .iter()
                    .zip(features)
                    .map(|(c, f)| {
                        let e = c.entry();
                        let (lat, lon) = e.coord().map_or((None, None), |p| (Some(p.lat), Some(p.lon)));
                        json!({ "id": e.id(), "lat": lat, "lon": lon, "f": f })
                    })
                    .collect();
                Value::Array(cands)
            })
            .collect();
        writeln!(out, "{}", json!({ "id": doc["id"], "spans": spans }))?;
    }
    Ok(())
}

//! The spans of a batch of texts as Arrow buffers, for `gazet.spark`: one
//! `list<struct<start, end, text, label, id, name, lat, lon, country>>`
//! value per text, built without a Python object per entity.
//!
//! Layout (Arrow columnar format, little-endian, validity bitmaps least
//! significant bit first): the list's validity (a null text gives a null
//! list) and int32 offsets; the struct's children, each as its buffers.
//! Python wraps them with `pyarrow.Array.from_buffers`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

use crate::span::SpanData;

/// A validity bitmap being filled.
#[derive(Default)]
struct Bitmap {
    bytes: Vec<u8>,
    len: usize,
}

impl Bitmap {
    fn push(&mut self, valid: bool) {
        if self.len % 8 == 0 {
            self.bytes.push(0);
        }
        if valid {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << (self.len % 8);
            }
        }
        self.len += 1;
    }
}

/// A string column: validity, int32 offsets, UTF-8 data.
struct Strings {
    valid: Bitmap,
    offsets: Vec<u8>,
    data: Vec<u8>,
}

impl Strings {
    fn new() -> Strings {
        Strings { valid: Bitmap::default(), offsets: 0i32.to_le_bytes().to_vec(), data: Vec::new() }
    }

    fn push(&mut self, s: Option<&str>) -> PyResult<()> {
        self.valid.push(s.is_some());
        self.data.extend_from_slice(s.unwrap_or("").as_bytes());
        self.offsets.extend_from_slice(&i32_of(self.data.len(), "string data")?.to_le_bytes());
        Ok(())
    }
}

/// A float64 column: validity and values (0 where null).
#[derive(Default)]
struct Floats {
    valid: Bitmap,
    data: Vec<u8>,
}

impl Floats {
    fn push(&mut self, x: Option<f64>) {
        self.valid.push(x.is_some());
        self.data.extend_from_slice(&x.unwrap_or(0.0).to_le_bytes());
    }
}

fn i32_of(n: usize, what: &str) -> PyResult<i32> {
    i32::try_from(n).map_err(|_| {
        pyo3::exceptions::PyOverflowError::new_err(format!("{what} of one batch passes 2 GiB; use smaller batches"))
    })
}

/// The buffers of one batch: `None` for a null text.
pub fn to_buffers<'py>(py: Python<'py>, batch: &[Option<Vec<SpanData>>]) -> PyResult<Bound<'py, PyDict>> {
    let mut list_valid = Bitmap::default();
    let mut list_offsets: Vec<u8> = 0i32.to_le_bytes().to_vec();
    let (mut start, mut end) = (Vec::new(), Vec::new());
    let (mut text, mut label, mut id, mut name, mut country) =
        (Strings::new(), Strings::new(), Strings::new(), Strings::new(), Strings::new());
    let (mut lat, mut lon) = (Floats::default(), Floats::default());
    let mut count = 0usize;
    for spans in batch {
        list_valid.push(spans.is_some());
        for s in spans.iter().flatten() {
            start.extend_from_slice(&i32_of(s.start, "a character offset")?.to_le_bytes());
            end.extend_from_slice(&i32_of(s.end, "a character offset")?.to_le_bytes());
            text.push(Some(&s.text))?;
            label.push(Some(&s.label))?;
            let entry = s.entry();
            id.push(entry.map(|e| e.id()))?;
            name.push(entry.map(|e| e.name()))?;
            country.push(entry.and_then(|e| e.country()))?;
            lat.push(s.lat);
            lon.push(s.lon);
            count += 1;
        }
        list_offsets.extend_from_slice(&i32_of(count, "the entities")?.to_le_bytes());
    }
    let d = PyDict::new(py);
    let put = |key: &str, bytes: &[u8]| d.set_item(key, PyBytes::new(py, bytes));
    d.set_item("texts", batch.len())?;
    d.set_item("entities", count)?;
    put("list_valid", &list_valid.bytes)?;
    put("list_offsets", &list_offsets)?;
    put("start", &start)?;
    put("end", &end)?;
    for (key, col) in [("text", &text), ("label", &label), ("id", &id), ("name", &name), ("country", &country)] {
        put(&format!("{key}_valid"), &col.valid.bytes)?;
        put(&format!("{key}_offsets"), &col.offsets)?;
        put(&format!("{key}_data"), &col.data)?;
    }
    for (key, col) in [("lat", &lat), ("lon", &lon)] {
        put(&format!("{key}_valid"), &col.valid.bytes)?;
        put(&format!("{key}_data"), &col.data)?;
    }
    Ok(d)
}

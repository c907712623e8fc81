//! `gazet.Span` and `gazet.Candidate`: what Python gets back, as plain
//! owned data (they outlive the extractor, pickle and compare by value).
//!
//! Extraction turns each `gazet::Span` into a [`SpanData`] while the GIL is
//! released (on rayon's threads for a batch); only wrapping it in a Python
//! object needs the interpreter.

use pyo3::exceptions::{PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

/// What a candidate entry says: id, canonical name and, for a place, where
/// it is.
#[derive(Clone, Debug, PartialEq)]
pub struct EntryData {
    pub id: String,
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub feature_code: Option<String>,
    pub population: Option<u64>,
}

impl EntryData {
    fn new(entry: &gazet::Entry) -> EntryData {
        // What a live entry says, read the one way `EntryRef` reads it.
        let e = EntryRef::Live(entry);
        let coord = entry.coord();
        EntryData {
            id: e.id().to_string(),
            name: e.name().to_string(),
            lat: coord.map(|c| c.lat),
            lon: coord.map(|c| c.lon),
            country: e.country().map(str::to_string),
            admin1: e.admin1().map(str::to_string),
            admin2: e.admin2().map(str::to_string),
            feature_code: e.feature_code().map(str::to_string),
            population: e.population(),
        }
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("name", &self.name)?;
        d.set_item("lat", self.lat)?;
        d.set_item("lon", self.lon)?;
        d.set_item("country", self.country.as_deref())?;
        d.set_item("admin1", self.admin1.as_deref())?;
        d.set_item("admin2", self.admin2.as_deref())?;
        d.set_item("feature_code", self.feature_code.as_deref())?;
        d.set_item("population", self.population)?;
        Ok(d)
    }

    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<EntryData> {
        Ok(EntryData {
            id: required(d, "id")?,
            name: required(d, "name")?,
            lat: optional(d, "lat")?,
            lon: optional(d, "lon")?,
            country: optional(d, "country")?,
            admin1: optional(d, "admin1")?,
            admin2: optional(d, "admin2")?,
            feature_code: optional(d, "feature_code")?,
            population: optional(d, "population")?,
        })
    }
}

/// An entry as a span reads it: in the extractor that found the span, or
/// copied out (a span built back from a dict).
#[derive(Clone, Copy)]
pub enum EntryRef<'a> {
    Live(&'a gazet::Entry),
    Owned(&'a EntryData),
}

impl<'a> EntryRef<'a> {
    pub fn id(self) -> &'a str {
        match self {
            EntryRef::Live(e) => e.id(),
            EntryRef::Owned(d) => &d.id,
        }
    }

    pub fn name(self) -> &'a str {
        match self {
            EntryRef::Live(e) => e.name(),
            EntryRef::Owned(d) => &d.name,
        }
    }

    pub fn country(self) -> Option<&'a str> {
        match self {
            EntryRef::Live(e) => e.place().and_then(|p| p.country.as_ref()).map(|c| c.as_str()),
            EntryRef::Owned(d) => d.country.as_deref(),
        }
    }

    fn admin1(self) -> Option<&'a str> {
        match self {
            EntryRef::Live(e) => e.place().and_then(|p| p.admin1.as_deref()),
            EntryRef::Owned(d) => d.admin1.as_deref(),
        }
    }

    fn admin2(self) -> Option<&'a str> {
        match self {
            EntryRef::Live(e) => e.place().and_then(|p| p.admin2.as_deref()),
            EntryRef::Owned(d) => d.admin2.as_deref(),
        }
    }

    fn feature_code(self) -> Option<&'a str> {
        match self {
            EntryRef::Live(e) => e.place().and_then(|p| p.feature_code.as_ref()).map(|f| f.as_str()),
            EntryRef::Owned(d) => d.feature_code.as_deref(),
        }
    }

    fn population(self) -> Option<u64> {
        match self {
            EntryRef::Live(e) => e.place().and_then(|p| p.population),
            EntryRef::Owned(d) => d.population,
        }
    }

    fn to_data(self) -> EntryData {
        match self {
            EntryRef::Live(e) => EntryData::new(e),
            EntryRef::Owned(d) => d.clone(),
        }
    }
}

/// A span's candidates: entry numbers in the extractor that found it, read
/// only when asked for (most spans are never asked for their candidates,
/// and copying them was a third of the cost of a batch), or copies.
#[derive(Clone)]
pub enum Candidates {
    Live(gazet::Extractor, Vec<gazet::EntryId>),
    Owned(Vec<EntryData>),
}

impl Candidates {
    pub fn get(&self, i: usize) -> Option<EntryRef<'_>> {
        match self {
            Candidates::Live(ex, ids) => ids.get(i).and_then(|&id| ex.entry(id)).map(EntryRef::Live),
            Candidates::Owned(v) => v.get(i).map(EntryRef::Owned),
        }
    }

    fn len(&self) -> usize {
        match self {
            Candidates::Live(_, ids) => ids.len(),
            Candidates::Owned(v) => v.len(),
        }
    }

    fn to_data(&self) -> Vec<EntryData> {
        (0..self.len()).filter_map(|i| self.get(i)).map(EntryRef::to_data).collect()
    }
}

impl std::fmt::Debug for Candidates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries((0..self.len()).filter_map(|i| self.get(i)).map(|e| e.id())).finish()
    }
}

impl PartialEq for Candidates {
    fn eq(&self, other: &Candidates) -> bool {
        self.len() == other.len() && self.to_data() == other.to_data()
    }
}

/// One span as owned data; see `gazet.Span` for the fields.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanData {
    pub start: usize,
    pub end: usize,
    pub start_byte: usize,
    pub end_byte: usize,
    pub text: String,
    pub label: String,
    /// The OntoNotes type (PERSON, GPE, LOC, FAC, ORG, NORP).
    pub ontonotes: String,
    /// The span's point: written in the text, or the chosen entry's.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub confidence: f32,
    pub reason: String,
    pub evidence: String,
    /// The candidates ranked best first; `chosen` indexes the chosen one.
    pub candidates: Candidates,
    pub chosen: Option<usize>,
}

/// Counts characters from byte offsets that never go backwards, so that all
/// the spans of one text cost one pass over it.
pub struct CharCounter<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharCounter<'t> {
    pub fn new(text: &'t str) -> CharCounter<'t> {
        CharCounter { text, ascii: text.is_ascii(), byte: 0, chars: 0 }
    }

    /// The character offset of a byte offset on a character boundary.
    fn chars_at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            // Nested spans (places inside an organisation) start inside the
            // one before; count from the text's start then.
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text.get(self.byte..byte).map_or(0, |s| s.chars().count());
        self.byte = byte;
        self.chars
    }
}

impl SpanData {
    pub fn new(ex: &gazet::Extractor, span: &gazet::Span<'_>, counter: &mut CharCounter<'_>) -> SpanData {
        let start = counter.chars_at(span.start());
        let end = if counter.ascii { span.end() } else { start + span.as_str().chars().count() };
        let candidates = Candidates::Live(ex.clone(), span.candidates().iter().map(|c| c.id()).collect());
        let chosen = span.chosen().and_then(|c| span.candidates().iter().position(|x| x.id() == c.id()));
        let coord = span.coord();
        SpanData {
            start,
            end,
            start_byte: span.start(),
            end_byte: span.end(),
            text: span.as_str().to_string(),
            label: span.label().as_str().to_string(),
            ontonotes: span.ontonotes().to_string(),
            lat: coord.map(|c| c.lat),
            lon: coord.map(|c| c.lon),
            confidence: span.confidence(),
            reason: span.reason().as_str().to_string(),
            evidence: span.evidence().as_str().to_string(),
            candidates,
            chosen,
        }
    }

    /// The spans of one text.
    pub fn all(ex: &gazet::Extractor, text: &str, spans: &[gazet::Span<'_>]) -> Vec<SpanData> {
        let mut counter = CharCounter::new(text);
        spans.iter().map(|s| SpanData::new(ex, s, &mut counter)).collect()
    }

    pub fn entry(&self) -> Option<EntryRef<'_>> {
        self.chosen.and_then(|i| self.candidates.get(i))
    }
}

/// An entity found in a text.
///
/// `start` and `end` are character offsets (`text[span.start:span.end] ==
/// span.text`); `start_byte` and `end_byte` are offsets into the text's
/// UTF-8 encoding. `id`, `name`, `country`, `admin1`, `admin2`, `feature_code` and
/// `population` describe the chosen gazetteer entry (None for a span a rule
/// found without one); `lat`/`lon` are the span's point: written in the
/// text for a coordinate, otherwise the chosen entry's.
#[pyclass(module = "gazet", name = "Span", frozen, eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct PySpan(pub SpanData);

#[pymethods]
impl PySpan {
    /// Character offset where the span starts.
    #[getter]
    fn start(&self) -> usize {
        self.0.start
    }

    /// Character offset where the span ends (exclusive).
    #[getter]
    fn end(&self) -> usize {
        self.0.end
    }

    /// Byte offset of the start in the text's UTF-8 encoding.
    #[getter]
    fn start_byte(&self) -> usize {
        self.0.start_byte
    }

    /// Byte offset of the end in the text's UTF-8 encoding (exclusive).
    #[getter]
    fn end_byte(&self) -> usize {
        self.0.end_byte
    }

    /// The text of the span, exactly as written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// `PER`, `LOC`, `ORG`, `NORP` or a gazetteer's own label.
    #[getter]
    fn label(&self) -> &str {
        &self.0.label
    }

    /// The OntoNotes 5 type, as spaCy's English pipelines label: PERSON,
    /// ORG, NORP; a place is GPE (a country, division or populated place),
    /// FAC (a street or building a rule found) or LOC (regions, water,
    /// landforms, coordinates). A gazetteer's own label stays as it is.
    #[getter]
    fn ontonotes(&self) -> &str {
        &self.0.ontonotes
    }

    /// The chosen entry's id (`gn:587084`), or None.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.0.entry().map(EntryRef::id)
    }

    /// The chosen entry's canonical name, or None.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.0.entry().map(EntryRef::name)
    }

    /// Latitude of the span's point in degrees, or None.
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.0.lat
    }

    /// Longitude of the span's point in degrees, or None.
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.0.lon
    }

    /// ISO 3166 country code of the chosen entry, or None.
    #[getter]
    fn country(&self) -> Option<&str> {
        self.0.entry().and_then(EntryRef::country)
    }

    /// GeoNames admin1 code of the chosen entry, or None.
    #[getter]
    fn admin1(&self) -> Option<&str> {
        self.0.entry().and_then(EntryRef::admin1)
    }

    /// GeoNames admin2 code of the chosen entry (its second-level
    /// division), or None.
    #[getter]
    fn admin2(&self) -> Option<&str> {
        self.0.entry().and_then(EntryRef::admin2)
    }

    /// GeoNames feature code of the chosen entry (`PPLC`, `ADM1`...), or None.
    #[getter]
    fn feature_code(&self) -> Option<&str> {
        self.0.entry().and_then(EntryRef::feature_code)
    }

    /// Population of the chosen entry, or None.
    #[getter]
    fn population(&self) -> Option<u64> {
        self.0.entry().and_then(EntryRef::population)
    }

    /// How sure resolution is of the chosen entry, 0 to 1.
    #[getter]
    fn confidence(&self) -> f32 {
        self.0.confidence
    }

    /// Why the span is there: `gazetteer` or the rule that found it.
    #[getter]
    fn reason(&self) -> &str {
        &self.0.reason
    }

    /// What chose the entry among the candidates (`prior` when nothing did).
    #[getter]
    fn evidence(&self) -> &str {
        &self.0.evidence
    }

    /// Every entry the span may name, best first, as `Candidate`s.
    #[getter]
    fn candidates(&self) -> Vec<PyCandidate> {
        self.0.candidates.to_data().into_iter().map(PyCandidate).collect()
    }

    /// The span as a dict of plain values (candidates as dicts).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = &self.0;
        let d = PyDict::new(py);
        d.set_item("start", s.start)?;
        d.set_item("end", s.end)?;
        d.set_item("start_byte", s.start_byte)?;
        d.set_item("end_byte", s.end_byte)?;
        d.set_item("text", &s.text)?;
        d.set_item("label", &s.label)?;
        d.set_item("ontonotes", &s.ontonotes)?;
        d.set_item("id", self.id())?;
        d.set_item("name", self.name())?;
        d.set_item("lat", s.lat)?;
        d.set_item("lon", s.lon)?;
        d.set_item("country", self.country())?;
        d.set_item("admin1", self.admin1())?;
        d.set_item("admin2", self.admin2())?;
        d.set_item("feature_code", self.feature_code())?;
        d.set_item("population", self.population())?;
        d.set_item("confidence", s.confidence)?;
        d.set_item("reason", &s.reason)?;
        d.set_item("evidence", &s.evidence)?;
        let cands = PyList::empty(py);
        for c in s.candidates.to_data() {
            cands.append(c.to_dict(py)?)?;
        }
        d.set_item("candidates", cands)?;
        d.set_item("chosen", s.chosen)?;
        Ok(d)
    }

    /// Builds a span back from `to_dict()` (pickling uses this).
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PySpan> {
        let mut candidates = Vec::new();
        if let Some(list) = d.get_item("candidates")? {
            for c in list.try_iter()? {
                let c = c?;
                let c = c.cast::<PyDict>().map_err(|_| PyTypeError::new_err("a candidate must be a dict"))?;
                candidates.push(EntryData::from_dict(c)?);
            }
        }
        let chosen: Option<usize> = optional(d, "chosen")?;
        if chosen.is_some_and(|i| i >= candidates.len()) {
            return Err(PyTypeError::new_err("'chosen' is not the index of a candidate"));
        }
        Ok(PySpan(SpanData {
            start: required(d, "start")?,
            end: required(d, "end")?,
            start_byte: required(d, "start_byte")?,
            end_byte: required(d, "end_byte")?,
            text: required(d, "text")?,
            label: required(d, "label")?,
            ontonotes: optional(d, "ontonotes")?.unwrap_or_default(),
            lat: optional(d, "lat")?,
            lon: optional(d, "lon")?,
            confidence: optional(d, "confidence")?.unwrap_or(1.0),
            reason: optional(d, "reason")?.unwrap_or_else(|| "gazetteer".to_string()),
            evidence: optional(d, "evidence")?.unwrap_or_else(|| "prior".to_string()),
            candidates: Candidates::Owned(candidates),
            chosen,
        }))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyDict>,))> {
        let py = slf.py();
        let from_dict = py.get_type::<PySpan>().getattr("from_dict")?;
        Ok((from_dict, (slf.get().to_dict(py)?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.0;
        let mut out = format!("Span({}, {}, {}, {}", s.start, s.end, py_repr(py, &s.text)?, py_repr(py, &s.label)?);
        if let Some(e) = s.entry() {
            out.push_str(&format!(", id={}", py_repr(py, e.id())?));
        }
        if let (Some(lat), Some(lon)) = (s.lat, s.lon) {
            out.push_str(&format!(", lat={lat}, lon={lon}"));
        }
        if let Some(c) = self.country() {
            out.push_str(&format!(", country={}", py_repr(py, c)?));
        }
        out.push(')');
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.0.end - self.0.start
    }
}

/// One entry a span may name: id, canonical name, point, country, admin1,
/// feature code and population (None where the gazetteer says nothing).
#[pyclass(module = "gazet", name = "Candidate", frozen, eq)]
#[derive(Clone, Debug, PartialEq)]
pub struct PyCandidate(pub EntryData);

#[pymethods]
impl PyCandidate {
    /// The entry's id.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// The entry's canonical name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }

    /// Latitude in degrees, or None.
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.0.lat
    }

    /// Longitude in degrees, or None.
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.0.lon
    }

    /// ISO 3166 country code, or None.
    #[getter]
    fn country(&self) -> Option<&str> {
        self.0.country.as_deref()
    }

    /// GeoNames admin1 code, or None.
    #[getter]
    fn admin1(&self) -> Option<&str> {
        self.0.admin1.as_deref()
    }

    /// GeoNames admin2 code, or None.
    #[getter]
    fn admin2(&self) -> Option<&str> {
        self.0.admin2.as_deref()
    }

    /// GeoNames feature code, or None.
    #[getter]
    fn feature_code(&self) -> Option<&str> {
        self.0.feature_code.as_deref()
    }

    /// Population, or None.
    #[getter]
    fn population(&self) -> Option<u64> {
        self.0.population
    }

    /// The candidate as a dict of plain values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.0.to_dict(py)
    }

    /// Builds a candidate back from `to_dict()`.
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyDict>) -> PyResult<PyCandidate> {
        EntryData::from_dict(d).map(PyCandidate)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyDict>,))> {
        let py = slf.py();
        let from_dict = py.get_type::<PyCandidate>().getattr("from_dict")?;
        Ok((from_dict, (slf.get().0.to_dict(py)?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let c = &self.0;
        let mut out = format!("Candidate({}, {}", py_repr(py, &c.id)?, py_repr(py, &c.name)?);
        if let Some(cc) = &c.country {
            out.push_str(&format!(", country={}", py_repr(py, cc)?));
        }
        if let Some(f) = &c.feature_code {
            out.push_str(&format!(", feature_code={}", py_repr(py, f)?));
        }
        out.push(')');
        Ok(out)
    }
}

/// Python's `repr` of a string.
fn py_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}

fn required<'py, T: FromPyObjectOwned<'py>>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<T> {
    match d.get_item(key)? {
        Some(v) => v.extract::<T>().map_err(|e| field_error(key, e.into())),
        None => Err(PyKeyError::new_err(key.to_string())),
    }
}

fn optional<'py, T: FromPyObjectOwned<'py>>(d: &Bound<'py, PyDict>, key: &str) -> PyResult<Option<T>> {
    match d.get_item(key)? {
        Some(v) if !v.is_none() => v.extract::<T>().map(Some).map_err(|e| field_error(key, e.into())),
        _ => Ok(None),
    }
}

fn field_error(key: &str, e: PyErr) -> PyErr {
    PyTypeError::new_err(format!("{key:?}: {e}"))
}

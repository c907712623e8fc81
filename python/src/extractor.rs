//! `gazet.Extractor`: a compiled gazetteer, built from options or loaded
//! from a saved file, that extracts from one text or a batch.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::columns;
use crate::errors;
use crate::span::{PySpan, SpanData};

/// How an extractor was made, so that it can be made again elsewhere
/// (pickling): from options alone when it needs no file of the caller's,
/// otherwise from its saved bytes.
#[derive(Clone, Debug)]
struct Options {
    bundled: bool,
    places_in_orgs: bool,
    rules: bool,
    resolve: bool,
    overlapping: bool,
    /// The language every text is read in, or `None` to detect each one's.
    language: Option<gazet::Language>,
}

impl Options {
    fn builder(&self) -> gazet::ExtractorBuilder {
        let kind = if self.overlapping { gazet::MatchKind::Overlapping } else { gazet::MatchKind::LeftmostLongest };
        gazet::Extractor::builder()
            .match_kind(kind)
            .places_in_orgs(self.places_in_orgs)
            .rules(self.rules)
            .resolve(self.resolve)
            .language(self.language)
    }
}

/// Finds people, places, organisations and nationalities in text.
///
/// `Extractor()` compiles the bundled world gazetteer (under a second);
/// `gazetteers` adds files of your own (TSV, JSONL, a GeoNames dump; a path
/// or a list of paths). `bundled=False` leaves the bundled one out.
/// `places_in_orgs` also reports places named inside organisations,
/// `rules=False` keeps only gazetteer matches, `resolve=False` leaves each
/// place's candidates in their default order, `overlapping` reports nested
/// and overlapping matches too. `lenient` skips malformed lines of your
/// files instead of failing. `language` ("ru", "tr"...) reads every text as
/// written in that language; by default each text's language is detected
/// (`language_of` tells which).
///
/// An extractor is immutable and thread-safe; `extract_batch` runs without
/// the GIL on several threads. It pickles (as its options, or as its saved
/// bytes when it holds your own gazetteers), so multiprocessing and Spark
/// can ship it.
#[pyclass(module = "gazet", name = "Extractor", frozen)]
pub struct PyExtractor {
    inner: gazet::Extractor,
    /// None when the extractor holds names only its bytes can carry.
    options: Option<Options>,
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (gazetteers=None, *, bundled=true, places_in_orgs=false, rules=true, resolve=true, overlapping=false, lenient=false, language=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        bundled: bool,
        places_in_orgs: bool,
        rules: bool,
        resolve: bool,
        overlapping: bool,
        lenient: bool,
        language: Option<&str>,
    ) -> PyResult<PyExtractor> {
        let paths = match gazetteers {
            Some(g) => paths_of(g)?,
            None => Vec::new(),
        };
        let language = match language {
            Some(code) => Some(code.parse::<gazet::Language>().map_err(|e| PyValueError::new_err(e.to_string()))?),
            None => None,
        };
        let options = Options { bundled, places_in_orgs, rules, resolve, overlapping, language };
        let built = py.detach(|| -> Result<gazet::Extractor, PyErrFromRust> {
            let mut gaz = if bundled { gazet::Gazetteer::bundled() } else { gazet::Gazetteer::new() };
            let loader = gazet::Loader::new().lenient(lenient);
            for path in &paths {
                gaz.extend(loader.path(path)?.into_entries())?;
            }
            Ok(options.builder().build(gaz)?)
        });
        let inner = built.map_err(PyErrFromRust::into_py_err)?;
        Ok(PyExtractor { inner, options: if paths.is_empty() { Some(options) } else { None } })
    }

    /// Loads an extractor saved by `save` (same gazet version).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyExtractor> {
        let inner = py.detach(|| gazet::Extractor::load(&path)).map_err(errors::snapshot)?;
        Ok(PyExtractor { inner, options: None })
    }

    /// Builds an extractor from the bytes of `to_bytes`.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyExtractor> {
        let inner = py.detach(|| gazet::Extractor::from_bytes(data)).map_err(errors::snapshot)?;
        Ok(PyExtractor { inner, options: None })
    }

    /// Saves the compiled extractor to a file, for `Extractor.load`.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| self.inner.save(&path)).map_err(errors::snapshot)
    }

    /// The compiled extractor as bytes, for `Extractor.from_bytes`.
    fn to_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let bytes = py.detach(|| self.inner.to_bytes()).map_err(errors::snapshot)?;
        Ok(PyBytes::new(py, &bytes))
    }

    /// The entities of one text, in order of position.
    fn extract(&self, py: Python<'_>, text: &str) -> PyResult<Vec<PySpan>> {
        let data = py.detach(|| SpanData::all(&self.inner, text, &self.inner.extract(text)));
        Ok(data.into_iter().map(PySpan).collect())
    }

    /// The entities of many texts, one list per text in the same order.
    /// Runs without the GIL on `threads` threads (default: all cores).
    #[pyo3(signature = (texts, threads=None))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let texts = texts_of(texts, false)?;
        let data = self.run_batch(py, &texts, threads)?;
        let out = PyList::empty(py);
        for spans in data {
            let list = PyList::new(py, spans.into_iter().flatten().map(PySpan))?;
            out.append(list)?;
        }
        Ok(out)
    }

    /// The entities of many texts (None allowed) as Arrow buffers, for
    /// `gazet.spark` (see `columns.rs` for the layout).
    #[pyo3(signature = (texts, threads=None))]
    fn _extract_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let texts = texts_of(texts, true)?;
        let data = self.run_batch(py, &texts, threads)?;
        columns::to_buffers(py, &data)
    }

    /// Resolves spans another tool found: one `Span` per `(start, end)`
    /// given, in the same order, looked up by its text (a leading "the", a
    /// possessive, a head word or a demonym are read through) and resolved
    /// with the given spans (`context="given"`) or those and the places
    /// gazet finds in the text (`"given_and_found"`) as context. Offsets
    /// are character offsets, or UTF-8 byte offsets with `offsets="bytes"`.
    #[pyo3(signature = (text, spans, *, context="given", offsets="chars"))]
    fn resolve_spans(
        &self,
        py: Python<'_>,
        text: &str,
        spans: Vec<(usize, usize)>,
        context: &str,
        offsets: &str,
    ) -> PyResult<Vec<PySpan>> {
        let context = match context {
            "given" => gazet::Context::Given,
            "given_and_found" => gazet::Context::GivenAndFound,
            other => {
                return Err(PyValueError::new_err(format!(
                    "context must be 'given' or 'given_and_found', not {other:?}"
                )))
            }
        };
        let ranges: Vec<std::ops::Range<usize>> = spans.into_iter().map(|(a, b)| a..b).collect();
        let ranges = match offsets {
            "chars" => gazet::byte_ranges(text, &ranges).map_err(|e| PyValueError::new_err(e.to_string()))?,
            "bytes" => ranges,
            other => return Err(PyValueError::new_err(format!("offsets must be 'chars' or 'bytes', not {other:?}"))),
        };
        let data = py
            .detach(|| {
                self.inner
                    .resolve_spans_with(text, &ranges, context)
                    .map(|spans| SpanData::all(&self.inner, text, &spans))
            })
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(data.into_iter().map(PySpan).collect())
    }

    /// Bytes of heap memory held by the compiled index.
    fn memory_usage(&self) -> usize {
        self.inner.memory_usage()
    }

    /// The language a text is read in: the one given when the extractor
    /// was made, else the text's own (detected), else "en". An ISO 639-1
    /// code.
    fn language_of(&self, text: &str) -> &'static str {
        self.inner.language_of(text).code()
    }

    /// The number of entries of the gazetteer.
    fn __len__(&self) -> usize {
        self.inner.gazetteer().len()
    }

    fn __repr__(&self) -> String {
        match &self.options {
            Some(o) => format!(
                "Extractor(bundled={}, places_in_orgs={}, rules={}, resolve={}, overlapping={}, language={}; {} entries)",
                py_bool(o.bundled),
                py_bool(o.places_in_orgs),
                py_bool(o.rules),
                py_bool(o.resolve),
                py_bool(o.overlapping),
                o.language.map_or("None".to_string(), |l| format!("'{l}'")),
                self.inner.gazetteer().len()
            ),
            None => format!("Extractor({} entries)", self.inner.gazetteer().len()),
        }
    }

    /// Pickles as the options when they are enough to build the extractor
    /// again, otherwise as its saved bytes.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let module = py.import("gazet._gazet")?;
        match &this.options {
            Some(o) => {
                let restore = module.getattr("_extractor_from_options")?;
                let language = o.language.map(|l| l.code());
                let args =
                    (o.bundled, o.places_in_orgs, o.rules, o.resolve, o.overlapping, language).into_pyobject(py)?;
                Ok((restore, args))
            }
            None => {
                let restore = py.get_type::<PyExtractor>().getattr("from_bytes")?;
                let args = PyTuple::new(py, [this.to_bytes(py)?])?;
                Ok((restore, args))
            }
        }
    }
}

impl PyExtractor {
    /// Extracts from every text (None stays None) on `threads` threads,
    /// without the GIL.
    fn run_batch(
        &self,
        py: Python<'_>,
        texts: &[Option<String>],
        threads: Option<usize>,
    ) -> PyResult<Vec<Option<Vec<SpanData>>>> {
        let pool = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) if n > MAX_THREADS => {
                return Err(PyValueError::new_err(format!("threads must be at most {MAX_THREADS}, not {n}")))
            }
            Some(n) => Some(pool(n)?),
            None => None,
        };
        let ex = &self.inner;
        let one = |t: &Option<String>| t.as_deref().map(|t| SpanData::all(ex, t, &ex.extract(t)));
        Ok(py.detach(|| match pool {
            Some(p) if p.current_num_threads() == 1 => texts.iter().map(one).collect(),
            Some(p) => p.install(|| texts.par_iter().map(one).collect()),
            None => texts.par_iter().map(one).collect(),
        }))
    }
}

/// The texts of a batch: an iterable of str (and None where allowed).
fn texts_of(texts: &Bound<'_, PyAny>, none_allowed: bool) -> PyResult<Vec<Option<String>>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("texts must be an iterable of str, not a str"));
    }
    let what = if none_allowed { "str or None" } else { "str" };
    texts
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("texts must be an iterable of {what}")))?
        .map(|t| {
            let t = t?;
            if none_allowed && t.is_none() {
                return Ok(None);
            }
            t.extract::<String>().map(Some).map_err(|_| {
                PyTypeError::new_err(format!("texts must be an iterable of {what}, found {}", type_name(&t)))
            })
        })
        .collect()
}

fn type_name(x: &Bound<'_, PyAny>) -> String {
    x.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".to_string())
}

/// Rebuilds a pickled extractor from its options.
#[pyfunction]
pub fn _extractor_from_options(
    py: Python<'_>,
    bundled: bool,
    places_in_orgs: bool,
    rules: bool,
    resolve: bool,
    overlapping: bool,
    language: Option<&str>,
) -> PyResult<PyExtractor> {
    PyExtractor::new(py, None, bundled, places_in_orgs, rules, resolve, overlapping, false, language)
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// One path or an iterable of paths (str or os.PathLike).
fn paths_of(g: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(p) = g.extract::<PathBuf>() {
        return Ok(vec![p]);
    }
    let iter = g
        .try_iter()
        .map_err(|_| PyTypeError::new_err("gazetteers must be a path or an iterable of paths (str or os.PathLike)"))?;
    iter.map(|p| {
        p?.extract::<PathBuf>().map_err(|_| PyTypeError::new_err("each gazetteer must be a path (str or os.PathLike)"))
    })
    .collect()
}

/// More threads than any machine has cores for: a pool that large is a
/// mistake (each thread reserves a stack).
const MAX_THREADS: usize = 1024;

/// A rayon pool of `n` threads, made once per size and kept.
fn pool(n: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);
    let mut pools = POOLS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let pools = pools.get_or_insert_with(HashMap::new);
    if let Some(p) = pools.get(&n) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("gazet-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(n, Arc::clone(&p));
    Ok(p)
}

/// An error of one of gazet's phases, carried out of a GIL-free section.
enum PyErrFromRust {
    Load(gazet::LoadError),
    Build(gazet::BuildError),
}

impl From<gazet::LoadError> for PyErrFromRust {
    fn from(e: gazet::LoadError) -> Self {
        PyErrFromRust::Load(e)
    }
}

impl From<gazet::BuildError> for PyErrFromRust {
    fn from(e: gazet::BuildError) -> Self {
        PyErrFromRust::Build(e)
    }
}

impl PyErrFromRust {
    fn into_py_err(self) -> PyErr {
        match self {
            PyErrFromRust::Load(e) => errors::load(e),
            PyErrFromRust::Build(e) => errors::build(e),
        }
    }
}

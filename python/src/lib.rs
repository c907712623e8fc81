//! The native half of the `gazet` Python package (`gazet._gazet`): the
//! extractor, its spans and its errors. The Python half (`gazet/`) adds
//! the spaCy component and the Spark functions.

mod columns;
mod errors;
mod extractor;
mod span;

use pyo3::prelude::*;

#[pymodule]
fn _gazet(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<extractor::PyExtractor>()?;
    m.add_class::<span::PySpan>()?;
    m.add_class::<span::PyCandidate>()?;
    m.add_function(wrap_pyfunction!(extractor::_extractor_from_options, m)?)?;
    m.add("GazetError", py.get_type::<errors::GazetError>())?;
    m.add("LoadError", py.get_type::<errors::LoadError>())?;
    m.add("BuildError", py.get_type::<errors::BuildError>())?;
    m.add("SnapshotError", py.get_type::<errors::SnapshotError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

//! Python exceptions, one per phase as in the Rust crate, all under
//! `gazet.GazetError`; each carries the Rust error's message (for a
//! gazetteer file: `path:line:column: what`).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::PyErr;

create_exception!(gazet, GazetError, PyException, "Base class of gazet's errors.");
create_exception!(
    gazet,
    LoadError,
    GazetError,
    "A gazetteer file could not be read: the message says where (path:line:column) and what."
);
create_exception!(gazet, BuildError, GazetError, "A gazetteer could not be compiled (duplicate ids, too large).");
create_exception!(
    gazet,
    SnapshotError,
    GazetError,
    "A saved extractor could not be written or read (damaged, or saved by another version)."
);

pub fn load(e: gazet::LoadError) -> PyErr {
    LoadError::new_err(e.to_string())
}

pub fn build(e: gazet::BuildError) -> PyErr {
    BuildError::new_err(e.to_string())
}

pub fn snapshot(e: gazet::SnapshotError) -> PyErr {
    SnapshotError::new_err(e.to_string())
}

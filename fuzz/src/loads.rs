//! The invariants of a loader's result: located errors, unique ids, and a
//! gazetteer that compiles and runs.

use std::path::Path;

use gazet::{Extractor, Gazetteer, LoadError, LoadErrorKind, Loaded, MatchKind};

use super::spans::check_spans;

/// Checks one result of a loader: an error says where it is (the path
/// given, and a line and column from 1 for every error about a line); a
/// lenient loader reports every skipped line the same way; a loaded file
/// has unique ids, so it always makes a gazetteer.
pub fn check_load(result: &Result<Loaded, LoadError>, path: Option<&Path>) -> Option<Gazetteer> {
    match result {
        Ok(loaded) => {
            for e in loaded.skipped() {
                check_error(e, path, true);
            }
            let gaz = Gazetteer::from_entries(loaded.entries().to_vec()).expect("a loaded file has unique ids");
            Some(gaz)
        }
        Err(e) => {
            check_error(e, path, false);
            None
        }
    }
}

fn check_error(e: &LoadError, path: Option<&Path>, skipped: bool) {
    let shown = e.to_string();
    assert!(!shown.is_empty());
    if let Some(p) = path {
        assert_eq!(e.location().path(), Some(p), "{shown}");
        assert!(shown.starts_with(&p.display().to_string()), "{shown}");
    }
    let whole_file = matches!(e.kind(), LoadErrorKind::Io(_) | LoadErrorKind::MissingHeader) && !skipped;
    if !whole_file {
        let line = e.location().line().unwrap_or_else(|| panic!("no line in {shown:?}"));
        let column = e.location().column().unwrap_or_else(|| panic!("no column in {shown:?}"));
        assert!(line >= 1 && column >= 1, "{shown}");
    }
}

/// Compiles a loaded gazetteer without rules and runs it over `text`.
pub fn extract_with(gaz: Gazetteer, text: &str) {
    if gaz.is_empty() {
        return;
    }
    let ex = Extractor::builder().rules(false).resolve(false).build(gaz).expect("a loaded gazetteer compiles");
    let spans = ex.extract(text);
    check_spans(text, &spans, MatchKind::LeftmostLongest, false);
}

//! Arbitrary bytes as a TSV gazetteer, strict and lenient: a result or a
//! located error, never a panic; what loads compiles and runs.

#![no_main]

use std::path::Path;

use gazet::Loader;
use gazet_fuzz::{check_load, extract_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.tsv");
    let strict = Loader::new().tsv_reader(data, Some(path));
    check_load(&strict, Some(path));
    let lenient = Loader::new().lenient(true).tsv_reader(data, Some(path));
    if let Some(gaz) = check_load(&lenient, Some(path)) {
        extract_with(gaz, &String::from_utf8_lossy(data));
    }
    // Strict succeeds exactly when lenient skips nothing.
    if let (Ok(s), Ok(l)) = (&strict, &lenient) {
        assert!(l.skipped().is_empty());
        assert_eq!(s.entries(), l.entries());
    }
    if let Ok(l) = &lenient {
        assert_eq!(strict.is_ok(), l.skipped().is_empty());
    }
});

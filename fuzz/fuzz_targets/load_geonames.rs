//! Arbitrary bytes as a GeoNames dump (`allCountries.txt` columns), strict
//! and lenient, with and without alternate names: a result or a located
//! error, never a panic; what loads compiles and runs.

#![no_main]

use gazet::{GeoNamesFiles, Loader};
use gazet_fuzz::{check_load, extract_with, scratch_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = scratch_file("main.txt", data);
    for alternate in [true, false] {
        let files = GeoNamesFiles::new(&path).alternate_names(alternate);
        let strict = Loader::new().geonames(&files);
        check_load(&strict, Some(&path));
        let lenient = Loader::new().lenient(true).geonames(&files);
        if let Some(gaz) = check_load(&lenient, Some(&path)) {
            if alternate {
                extract_with(gaz, &String::from_utf8_lossy(data));
            }
        }
        if let Ok(l) = &lenient {
            assert_eq!(strict.is_ok(), l.skipped().is_empty());
        }
    }
});

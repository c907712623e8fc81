//! Arbitrary bytes as the three files of a GeoNames download: the main
//! dump, `admin1CodesASCII.txt` and `countryInfo.txt`, cut from the input
//! at its first two form feeds. Strict and lenient: a result or a located
//! error (naming the file at fault), never a panic.

#![no_main]

use std::path::Path;

use gazet::{GeoNamesFiles, Loader};
use gazet_fuzz::{check_load, scratch_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == b'\x0c');
    let main = scratch_file("main.txt", parts.next().unwrap_or_default());
    let admin1 = scratch_file("admin1CodesASCII.txt", parts.next().unwrap_or_default());
    let info = scratch_file("countryInfo.txt", parts.next().unwrap_or_default());
    let files = GeoNamesFiles::new(&main).admin1(&admin1).country_info(&info);
    for lenient in [false, true] {
        let result = Loader::new().lenient(lenient).geonames(&files);
        let paths: [&Path; 3] = [&main, &admin1, &info];
        let at = match &result {
            Err(e) => e.location().path(),
            Ok(l) => l.skipped().first().and_then(|e| e.location().path()),
        };
        let path = at.and_then(|p| paths.iter().copied().find(|q| *q == p));
        if at.is_some() {
            assert!(path.is_some(), "an error names one of the three files");
        }
        // Every skipped line names one of the files, with line and column.
        if let Ok(l) = &result {
            for e in l.skipped() {
                let p = e.location().path().expect("a path");
                assert!(paths.contains(&p));
                assert!(e.location().line().is_some() && e.location().column().is_some(), "{e}");
            }
            gazet::Gazetteer::from_entries(l.entries().to_vec()).expect("unique ids");
        } else {
            check_load(&result, path);
        }
    }
});

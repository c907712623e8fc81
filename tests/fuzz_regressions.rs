//! Inputs the fuzz targets (`fuzz/`) found, kept as regression tests: each
//! once failed, and each now gives a located error or a correct result.
//! The bytes are the minimised crash input, written inline.

use std::path::{Path, PathBuf};

use gazet::{GeoNamesFiles, LoadError, Loaded, Loader};

/// The loader a crash input goes to (one per loader fuzz target).
#[derive(Clone, Copy, Debug)]
#[allow(dead_code)] // Formats with no finding yet stay ready for the next.
enum Format {
    Tsv,
    Jsonl,
    GeoNames,
}

/// (fuzz target and what was wrong, format, input, the strict loader's
/// error message, or `None` when the input must load)
const LOADER_CASES: &[(&str, Format, &[u8], Option<&str>)] = &[(
    "load_tsv: a header line that is not UTF-8 gave an error without a column",
    Format::Tsv,
    b"i\x82\tname\tlabel\n",
    Some("fuzz:1:2: line is not valid UTF-8"),
)];

/// A temporary file removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, data: &[u8]) -> TempFile {
        let p = std::env::temp_dir().join(format!("gazet-fuzz-regression-{}-{name}", std::process::id()));
        std::fs::write(&p, data).expect("write");
        TempFile(p)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn load(format: Format, data: &[u8], lenient: bool) -> (Result<Loaded, LoadError>, String) {
    let loader = Loader::new().lenient(lenient);
    match format {
        Format::Tsv => (loader.tsv_reader(data, Some(Path::new("fuzz"))), "fuzz".into()),
        Format::Jsonl => (loader.jsonl_reader(data, Some(Path::new("fuzz"))), "fuzz".into()),
        Format::GeoNames => {
            let f = TempFile::new("main.txt", data);
            (loader.geonames(&GeoNamesFiles::new(&f.0)), f.0.display().to_string())
        }
    }
}

#[test]
fn loader_inputs_found_by_fuzzing() {
    for &(what, format, data, want) in LOADER_CASES {
        let (strict, path) = load(format, data, false);
        match (want, strict) {
            (None, Ok(_)) => {}
            (None, Err(e)) => panic!("{what}: {e}"),
            (Some(msg), Ok(_)) => panic!("{what}: loaded, expected {msg}"),
            (Some(msg), Err(e)) => {
                assert_eq!(e.to_string(), msg.replacen("fuzz", &path, 1), "{what}");
                assert!(e.location().line().is_some() && e.location().column().is_some(), "{what}: {e}");
            }
        }
        // Lenient: loads, or fails with the same error on a whole-file
        // problem; every skipped line is located.
        if let (Ok(loaded), _) = load(format, data, true) {
            for e in loaded.skipped() {
                assert!(e.location().line().is_some() && e.location().column().is_some(), "{what}: {e}");
            }
        }
    }
}

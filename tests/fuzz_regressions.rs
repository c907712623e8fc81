//! Inputs the fuzz targets (`fuzz/`) found, kept as regression tests: each
//! once failed, and each now gives a located error or a correct result.
//! The bytes are the minimised crash input, written inline; the same bytes
//! are in `fuzz/regressions/<target>/`, which `tests/fuzz_corpus.rs` runs
//! through the fuzz target's own checks. These tests assert what each
//! input must give.

use std::path::{Path, PathBuf};

use gazet::{match_key, Extractor, Gazetteer, GeoNamesFiles, LoadError, Loaded, Loader, Reason};

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

/// Texts the `extract` target found: (what was wrong, bytes read as lossy
/// UTF-8, as the target reads them). Each must give
/// spans whose candidates were matched by the span's text or, for a place
/// widened by a head word, by a run of its words (touching in a hashtag).
const TEXT_CASES: &[(&str, &[u8])] = &[
    (
        "extract: \"Central Ba\" widened from the place \"Ba\" broke the check that a span's text is its name",
        b"President Ilham Aliyev said in Nice,0Georgia. Anadolu Agency (AA) reported;\x22AA# said. Central Ba\x84\xf0\x9f\x87\xa6\xf0\x9f\x87\xbf Baku \xf0\x9f\x91nk of Armenia, Caspian Drilling PJSC. 39\xc2\xb024\xe2\x8d\xf0\x9f\x02\x80\xb253\xe2\x80\xb3N 4\x00\x00\x00\x00\x00\x00\x00an \xf0\xc0\xcc\x81\xcc\x82 \xcc!Baku\xcc\x81 \xc9K\x99lb\xc9\x99c\xc9\x99\x9f\x99\x82 GEorgia\xf0k \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00r K\x00\x00\x00\x00\x00\x00\x00\x00~\xf0\x9f\xc9\x999\xc2\xb052\xe2\x80\xb23\xe2\x80l.\xc9\x99c\xc9\x99\xb3r \xc3\x8f\x99\x91\xcc\x81aE\xcc\x88",
    ),
    (
        "extract: a hashtag's touching pieces, the place \"Ba\" and the head word \"Bay\", widened to \"BaBay\", broke the check's words (the fuzzer's input is fuzz/regressions/extract/babay-fuzzer-input; this is our shortest)",
        b"Go #aBabaBaBaBay now.",
    ),
];

fn key_words(s: &str) -> Vec<String> {
    match_key(s).split_whitespace().map(str::to_string).collect()
}

#[test]
fn texts_found_by_fuzzing() {
    for places_in_orgs in [false, true] {
        let ex = Extractor::builder().places_in_orgs(places_in_orgs).build(Gazetteer::bundled()).expect("builds");
        for &(what, bytes) in TEXT_CASES {
            let text = String::from_utf8_lossy(bytes);
            let spans = ex.extract(&text);
            assert!(!spans.is_empty(), "{what}: nothing found");
            // (An emoji flag's candidate is its country, written otherwise.)
            for s in spans.iter().filter(|s| s.reason() != Reason::Flag) {
                let key = key_words(s.as_str());
                for c in s.candidates() {
                    let name = key_words(c.matched_name().as_str());
                    let ok = if s.reason() == Reason::PlaceHead {
                        !name.is_empty() && key.concat().contains(&name.concat())
                    } else {
                        name == key
                    };
                    assert!(ok, "{what}: {:?} matched as {:?}", s.as_str(), c.matched_name().as_str());
                }
            }
        }
    }
}

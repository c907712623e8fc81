//! The fuzz corpus replayed on stable Rust: every file of
//! `fuzz/corpus/<target>/` (inputs the fuzzers kept, minimised with `cargo
//! fuzz cmin`), `fuzz/regressions/<target>/` (inputs that once failed) and
//! `fuzz/seeds/<target>/` (hand-made) goes through the same function the fuzz target runs, with the
//! same checks (`fuzz/src/`, included here). A change that breaks an
//! invariant on a known input fails here, with the file named.

use std::path::{Path, PathBuf};

#[path = "../fuzz/src/lib.rs"]
mod fuzz;

/// The folders replayed for every target.
const FOLDERS: [&str; 3] = ["corpus", "regressions", "seeds"];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `fuzz/<folder>/<target>/`, sorted (none when the folder is
/// missing).
fn files(folder: &str, target: &str) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(fuzz_dir().join(folder).join(target)) else { return Vec::new() };
    let mut files: Vec<PathBuf> = dir.map(|e| e.expect("a directory entry").path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// Runs every corpus, regression and seed file of `target` through its body;
/// returns how many ran. A failing file is named before the test fails.
fn replay(target: &str) -> usize {
    let (_, body) = fuzz::TARGETS.iter().find(|(n, _)| *n == target).expect("a target of fuzz/src/lib.rs");
    let mut ran = 0;
    for folder in FOLDERS {
        for path in files(folder, target) {
            let data = std::fs::read(&path).expect("a readable input");
            if std::panic::catch_unwind(|| body(&data)).is_err() {
                fuzz::targets::remove_scratch();
                panic!("{target}: {} breaks an invariant (the message is above)", path.display());
            }
            ran += 1;
        }
    }
    fuzz::targets::remove_scratch();
    ran
}

#[test]
fn every_folder_names_a_target_and_every_target_has_a_corpus() {
    for folder in FOLDERS {
        for e in std::fs::read_dir(fuzz_dir().join(folder)).expect("fuzz/corpus, fuzz/regressions and fuzz/seeds") {
            let name = e.expect("a directory entry").file_name();
            let name = name.to_string_lossy();
            assert!(fuzz::TARGETS.iter().any(|(n, _)| *n == name), "fuzz/{folder}/{name} names no target");
        }
    }
    for (target, _) in fuzz::TARGETS {
        assert!(!files("corpus", target).is_empty(), "fuzz/corpus/{target} is empty");
    }
}

#[test]
fn extract_corpus() {
    assert!(replay("extract") > 0);
}

#[test]
fn build_extract_corpus() {
    assert!(replay("build_extract") > 0);
}

#[test]
fn load_tsv_corpus() {
    assert!(replay("load_tsv") > 0);
}

#[test]
fn load_jsonl_corpus() {
    assert!(replay("load_jsonl") > 0);
}

#[test]
fn load_geonames_corpus() {
    assert!(replay("load_geonames") > 0);
}

#[test]
fn load_geonames_extra_corpus() {
    assert!(replay("load_geonames_extra") > 0);
}

#[test]
fn load_saved_corpus() {
    assert!(replay("load_saved") > 0);
}

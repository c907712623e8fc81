//! The fuzz targets' bodies and the checks they share.
//!
//! Each binary of `fuzz_targets/` calls its function of [`targets`] on
//! what libFuzzer generates. The main crate's `tests/fuzz_corpus.rs`
//! includes this file (`#[path]`) and calls the same functions on every
//! file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`, on
//! stable Rust, so a change that breaks an invariant on a known input fails
//! `cargo test`. The span checks (`spans.rs`) need only `gazet`; the soak
//! example includes them too.

mod entries;
mod loads;
mod spans;
pub mod targets;

/// A target's body: it panics on a broken invariant.
pub type Body = fn(&[u8]);

/// Every target: its name (the folder of its corpus and regressions) and
/// its body.
pub const TARGETS: &[(&str, Body)] = &[
    ("extract", targets::extract),
    ("build_extract", |data| {
        targets::build_extract(data);
    }),
    ("load_tsv", targets::load_tsv),
    ("load_jsonl", targets::load_jsonl),
    ("load_geonames", targets::load_geonames),
    ("load_geonames_extra", targets::load_geonames_extra),
    ("load_saved", targets::load_saved),
];

//! Arbitrary text against a small hand-written gazetteer and against the
//! bundled one (built once), in every match kind, with and without the
//! rules: spans stay on character boundaries, inside the text, sorted, and
//! disjoint in leftmost-longest mode; a batch gives what single calls give.
//!
//! The first byte chooses the extractor; the rest, read as UTF-8 with
//! invalid bytes replaced, is the text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gazet_fuzz::targets::extract(data));

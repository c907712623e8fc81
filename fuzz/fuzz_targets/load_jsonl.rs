//! Arbitrary bytes as a JSONL gazetteer, strict and lenient: a result or a
//! located error, never a panic; what loads compiles and runs.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gazet_fuzz::targets::load_jsonl(data));

//! Saved extractors read back from damaged bytes: a small saved extractor
//! with bytes of its payload overwritten by the input, its checksum made to
//! fit again so that the structural checks are what is tested. Reading
//! returns an extractor or an error, never panics, and an extractor read
//! back gives spans inside the text on character boundaries (damaged names
//! may match other words: the name-key invariant of the other targets does
//! not hold here).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gazet_fuzz::targets::load_saved(data));

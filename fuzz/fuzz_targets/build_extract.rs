//! Arbitrary entries (names, labels, flags, coordinates, places) and
//! builder options compiled into an extractor, then run on an arbitrary
//! text: building returns an extractor or an error, never panics, and the
//! spans keep the invariants of the `extract` target.
//!
//! The bytes are decoded by `arbitrary` (in `gazet_fuzz::targets`, as the
//! corpus test decodes them); an input that does not decode is not kept.

#![no_main]

use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    if gazet_fuzz::targets::build_extract(data) {
        Corpus::Keep
    } else {
        Corpus::Reject
    }
});

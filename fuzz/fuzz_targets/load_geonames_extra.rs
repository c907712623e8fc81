//! Arbitrary bytes as the three files of a GeoNames download: the main
//! dump, `admin1CodesASCII.txt` and `countryInfo.txt`, cut from the input
//! at its first two form feeds. Strict and lenient: a result or a located
//! error (naming the file at fault), never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gazet_fuzz::targets::load_geonames_extra(data));

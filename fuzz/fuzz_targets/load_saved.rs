//! Saved extractors read back from damaged bytes: a small saved extractor
//! with bytes of its payload overwritten by the input, its checksum made to
//! fit again so that the structural checks are what is tested. Reading
//! returns an extractor or an error, never panics, and an extractor read
//! back gives spans inside the text on character boundaries (damaged names
//! may match other words: the name-key invariant of the other targets does
//! not hold here).

#![no_main]

use std::sync::OnceLock;

use gazet::{Entry, Extractor, Gazetteer, Label};
use libfuzzer_sys::fuzz_target;

const TEXT: &str = "President Ilham Aliyev met officials in Baku and Nagorno Karabakh; the Defense Ministry said so.";

fn saved() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let mut gaz = Gazetteer::new();
        for (id, name, label) in [
            ("loc:baku", "Baku", Label::Place),
            ("loc:nk", "Nagorno-Karabakh", Label::Place),
            ("per:aliyev", "Ilham Aliyev", Label::Person),
            ("org:mod", "Defense Ministry", Label::Organization),
        ] {
            gaz.push(Entry::builder(id, name, label).build().expect("valid")).expect("unique");
        }
        Extractor::new(gaz).expect("builds").to_bytes().expect("encodes")
    })
}

fuzz_target!(|data: &[u8]| {
    let base = saved();
    // The payload starts after the magic, format, version and length+CRC.
    let at = 8 + 4 + 1 + base[12] as usize + 8 + 4;
    let mut bytes = base.to_vec();
    // The input: (offset, byte) pairs written into the payload, then, if
    // any bytes are left over, a tail that replaces the payload's end.
    for pair in data.chunks(3).take(8) {
        if let [a, b, v] = *pair {
            let i = at + (usize::from(a) << 8 | usize::from(b)) % (bytes.len() - at);
            bytes[i] = v;
        }
    }
    let crc = crc32fast::hash(&bytes[at..]).to_le_bytes();
    bytes[at - 4..at].copy_from_slice(&crc);
    if let Ok(ex) = Extractor::from_bytes(&bytes) {
        for s in ex.extract(TEXT) {
            assert!(s.start() < s.end() && s.end() <= TEXT.len());
            assert_eq!(&TEXT[s.range()], s.as_str());
        }
    }
    // Arbitrary bytes straight in: an error or an extractor, no panic.
    let _ = Extractor::from_bytes(data);
});

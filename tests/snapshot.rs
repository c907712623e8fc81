//! Saved extractors: what is read back finds exactly what the original
//! finds, and damaged or foreign bytes give an error, never a panic.

use gazet::{Entry, Extractor, Gazetteer, Label, MatchKind, SnapshotErrorKind};

/// Texts with people, places, organisations, nationalities, rules and
/// coordinates in them.
const TEXTS: &[&str] = &[
    "President Ilham Aliyev met Armenian officials in Baku on Monday.",
    "Defense Minister Arshak Karapetyan visited Gyumri; the Defense Ministry said so.",
    "Shelling near Kəlbəcər (40°06′N 46°02′E) was reported by Anadolu Agency (AA). AA added more.",
    "Azerbaijan’s BAKU office and the Nagorno Karabakh talks, Turkish-Russian ties.",
    "He played for Ashwell and moved to Merrow, Illinois, near Camp Ridley.",
];

fn spans(ex: &Extractor, text: &str) -> Vec<String> {
    ex.extract(text)
        .iter()
        .map(|s| {
            format!(
                "{:?} {} {} {:?} {:?} {:?}",
                s.range(),
                s.label(),
                s.reason().as_str(),
                s.entry().map(|e| e.id()),
                s.coord(),
                s.evidence()
            )
        })
        .collect()
}

#[test]
fn the_bundled_extractor_reads_back_the_same() {
    let ex = Extractor::new(Gazetteer::bundled()).expect("builds");
    let bytes = ex.to_bytes().expect("encodes");
    let back = Extractor::from_bytes(&bytes).expect("decodes");
    assert_eq!(back.gazetteer().len(), ex.gazetteer().len());
    for text in TEXTS {
        assert_eq!(spans(&back, text), spans(&ex, text), "in {text:?}");
        assert!(!spans(&ex, text).is_empty());
    }
    // The same bytes again: the encoding is deterministic.
    assert_eq!(back.to_bytes().expect("encodes"), bytes);
}

#[test]
fn a_build_is_the_same_bytes_on_any_number_of_threads() {
    // Names share words across the whole gazetteer, so each slice that the
    // build cuts on its own thread meets words first met in another.
    let words = ["North", "Kara", "Bay", "Saint", "New", "Ridge", "Lake", "Port", "Ash", "Vale", "Mount", "Ost"];
    let entries: Vec<Entry> = (0..3000)
        .map(|i: usize| {
            let name = format!("{} {} {}", words[i % 12], words[(i * 7 + 3) % 12], words[(i / 12) % 12]);
            Entry::builder(&format!("e{i}"), &name, Label::Place)
                .alias(&format!("Place{}", i % 97))
                .build()
                .expect("valid")
        })
        .collect();
    let gaz = std::sync::Arc::new(Gazetteer::from_entries(entries).expect("ids unique"));
    let bytes_on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| Extractor::new(gaz.clone()).expect("builds").to_bytes().expect("encodes"))
    };
    let one = bytes_on(1);
    for threads in [2, 3, 8] {
        assert!(bytes_on(threads) == one, "{threads} threads");
    }
}

fn small() -> Extractor {
    let mut gaz = Gazetteer::new();
    for (id, name, label) in [
        ("loc:baku", "Baku", Label::Place),
        ("loc:nk", "Nagorno-Karabakh", Label::Place),
        ("per:aliyev", "Ilham Aliyev", Label::Person),
        ("org:aa", "Anadolu Agency", Label::Organization),
        ("x:ship", "Sea Breeze", "SHIP".parse().expect("a label")),
    ] {
        gaz.push(Entry::builder(id, name, label).build().expect("valid")).expect("unique");
    }
    Extractor::builder().match_kind(MatchKind::Overlapping).build(gaz).expect("builds")
}

#[test]
fn options_and_user_labels_survive() {
    let ex = small();
    let back = Extractor::from_bytes(&ex.to_bytes().expect("encodes")).expect("decodes");
    let text = "Ilham Aliyev flew from Baku on the Sea Breeze over Nagorno Karabakh.";
    assert_eq!(spans(&back, text), spans(&ex, text));
    assert_eq!(spans(&back, text).len(), 4);
    let dir = std::env::temp_dir().join(format!("gazet-snapshot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("small.gzx");
    ex.save(&path).expect("saves");
    let loaded = Extractor::load(&path).expect("loads");
    assert_eq!(spans(&loaded, text), spans(&ex, text));
    let missing = Extractor::load(dir.join("missing.gzx")).expect_err("no file");
    assert!(matches!(missing.kind(), SnapshotErrorKind::Io(_)));
    assert!(missing.to_string().contains("missing.gzx"), "{missing}");
    std::fs::remove_dir_all(&dir).expect("cleans up");
}

/// Where the payload starts and its checksum lies, from the layout in
/// src/snapshot.rs.
fn payload_at(bytes: &[u8]) -> usize {
    8 + 4 + 1 + bytes[12] as usize + 8 + 4
}

#[test]
fn foreign_and_damaged_bytes_are_errors() {
    let bytes = small().to_bytes().expect("encodes");
    let kind = |b: &[u8]| Extractor::from_bytes(b).map(|_| ()).expect_err("must fail").kind().to_string_kind();
    assert_eq!(kind(b"not an index at all"), "not-saved");
    assert_eq!(kind(&[]), "not-saved");
    let mut version = bytes.clone();
    version[8] ^= 1;
    assert_eq!(kind(&version), "version");
    assert_eq!(kind(&bytes[..bytes.len() - 1]), "corrupt");
    assert_eq!(kind(&bytes[..20]), "corrupt");
    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x40;
    assert_eq!(kind(&flipped), "corrupt");
}

/// A small xorshift generator: the same damage on every run.
fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// The text the damaged extractors are tried on: every entry of `small()`
/// and rules around them.
const SMALL_TEXT: &str =
    "Ilham Aliyev flew from Baku on the Sea Breeze over Nagorno Karabakh. Anadolu Agency (AA) said Aliyev left.";

/// Bytes changed at random, anywhere in the file (accidental damage: a bad
/// disk, a truncated copy, a bit flipped in transit), give an error, or an
/// extractor that finds exactly what the original finds on a fixed text:
/// never other spans, entries or labels.
#[test]
fn random_damage_is_rejected_or_harmless() {
    let original = small();
    let want = spans(&original, SMALL_TEXT);
    assert_eq!(want.len(), 7, "{want:#?}");
    let bytes = original.to_bytes().expect("encodes");
    let mut next = xorshift(0x2545_F491_4F6C_DD1D);
    let mut rejected = 0;
    for round in 0..400 {
        let mut b = bytes.clone();
        // Half the rounds in the header and the payload's first KiB (the
        // options, the entries and the start of the index), half anywhere.
        let span = if round % 2 == 0 { (payload_at(&bytes) + 1024).min(b.len()) } else { b.len() };
        let changed: Vec<usize> = (0..1 + next() % 3).map(|_| (next() as usize) % span).collect();
        for &i in &changed {
            b[i] ^= 1 + (next() % 255) as u8;
        }
        match Extractor::from_bytes(&b) {
            Ok(ex) => assert_eq!(spans(&ex, SMALL_TEXT), want, "accepted with bytes {changed:?} changed"),
            Err(_) => rejected += 1,
        }
    }
    assert!(rejected > 0);
}

/// Damage behind a payload checksum made to fit again (a crafted file: it
/// can say anything a saved extractor can, so only safety is promised) is
/// found by the structural checks or gives an extractor whose spans keep
/// every promise of `extract` on every text: inside the text, on character
/// boundaries, sorted, slicing to their own text, with entries of the
/// extractor's own gazetteer. Never a panic.
#[test]
fn crafted_damage_behind_a_valid_checksum_is_rejected_or_safe() {
    let bytes = small().to_bytes().expect("encodes");
    let at = payload_at(&bytes);
    let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
    // Every byte of the payload's first KiB, then random bytes of all of
    // it, one to three at a time.
    let first: Vec<Vec<usize>> = (at..(at + 1024).min(bytes.len())).map(|i| vec![i]).collect();
    let random: Vec<Vec<usize>> =
        (0..600).map(|_| (0..1 + next() % 3).map(|_| at + (next() as usize) % (bytes.len() - at)).collect()).collect();
    let (mut rejected, mut accepted) = (0, 0);
    for positions in first.iter().chain(&random) {
        let mut b = bytes.clone();
        for &i in positions {
            b[i] ^= 1 + (next() % 255) as u8;
        }
        let crc = crc32fast::hash(&b[at..]).to_le_bytes();
        b[at - 4..at].copy_from_slice(&crc);
        match Extractor::from_bytes(&b) {
            Ok(ex) => {
                accepted += 1;
                for text in TEXTS.iter().chain([&SMALL_TEXT]) {
                    let found = ex.extract(text);
                    let mut last = 0;
                    for s in &found {
                        let what = format!("{:?} in {text:?} with bytes {positions:?} changed", s.range());
                        assert!(s.start() < s.end() && s.end() <= text.len(), "{what}");
                        assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()), "{what}");
                        assert_eq!(&text[s.range()], s.as_str(), "{what}");
                        assert!(s.start() >= last, "sorted: {what}");
                        last = s.start();
                        for c in s.candidates() {
                            assert!(ex.gazetteer().find(c.entry().id()).is_some(), "{what}");
                        }
                    }
                }
            }
            Err(e) => {
                rejected += 1;
                assert!(matches!(e.kind(), SnapshotErrorKind::Corrupt(_)), "{e}");
            }
        }
    }
    // Both outcomes occur: the damage reaches the checks, and bytes that
    // no check can judge.
    assert!(rejected > 0 && accepted > 0, "{rejected} rejected, {accepted} accepted");
}

trait KindName {
    fn to_string_kind(&self) -> &'static str;
}

impl KindName for SnapshotErrorKind {
    fn to_string_kind(&self) -> &'static str {
        match self {
            SnapshotErrorKind::Io(_) => "io",
            SnapshotErrorKind::NotSaved => "not-saved",
            SnapshotErrorKind::Version { .. } => "version",
            SnapshotErrorKind::Corrupt(_) => "corrupt",
            _ => "other",
        }
    }
}

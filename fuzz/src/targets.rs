//! The body of each fuzz target: one function per target, taking the
//! input's bytes. A `fuzz_targets/` binary calls its function on what
//! libFuzzer generates; `tests/fuzz_corpus.rs` calls it on every committed
//! corpus and regression file. A failure is a panic.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use arbitrary::{Arbitrary, Unstructured};
use gazet::{Entry, Extractor, Gazetteer, GeoNamesFiles, Label, Loader, MatchKind, NameFlags};

use super::entries::{entry, render, Input};
use super::loads::{check_load, extract_with};
use super::spans::check_spans;

/// (match kind, rules, resolve, places in organisations) of the `extract`
/// target's extractors.
const OPTIONS: [(MatchKind, bool, bool, bool); 5] = [
    (MatchKind::LeftmostLongest, true, true, false),
    (MatchKind::Overlapping, true, true, false),
    (MatchKind::LeftmostLongest, false, false, false),
    (MatchKind::Overlapping, false, false, false),
    (MatchKind::LeftmostLongest, true, true, true),
];

/// The extractor for one choice, built on first use: each gazetteer is
/// loaded once, and each set of options compiled once.
fn extractor(bundled: bool, option: usize) -> &'static Extractor {
    static GAZ: [OnceLock<Arc<Gazetteer>>; 2] = [OnceLock::new(), OnceLock::new()];
    static EX: [[OnceLock<Extractor>; OPTIONS.len()]; 2] = [const { [const { OnceLock::new() }; OPTIONS.len()] }; 2];
    let which = usize::from(bundled);
    EX[which][option].get_or_init(|| {
        let gaz = GAZ[which].get_or_init(|| Arc::new(if bundled { Gazetteer::bundled() } else { small_gazetteer() }));
        let (kind, rules, resolve, orgs) = OPTIONS[option];
        Extractor::builder()
            .match_kind(kind)
            .rules(rules)
            .resolve(resolve)
            .places_in_orgs(orgs)
            .build(Arc::clone(gaz))
            .expect("builds")
    })
}

/// `extract`: arbitrary text against a small hand-written gazetteer and
/// against the bundled one, in every match kind, with and without the
/// rules. The first byte chooses the extractor (bit 7: bundled; bit 6:
/// also as a batch; the low nibble: the options); the rest, read as UTF-8
/// with invalid bytes replaced, is the text. The spans keep
/// [`check_spans`]; a batch gives what single calls give.
pub fn extract(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let bundled = choice & 0x80 != 0;
    let option = usize::from(choice & 0x0F) % OPTIONS.len();
    let (kind, _, _, orgs) = OPTIONS[option];
    let ex = extractor(bundled, option);
    let spans = ex.extract(&text);
    check_spans(&text, &spans, kind, orgs);
    if choice & 0x40 != 0 {
        // Batch: the text, its halves, and the text again.
        let mid = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let texts = [&text[..], &text[..mid], &text[mid..], &text[..]];
        let batch = ex.extract_batch(&texts);
        assert_eq!(batch.len(), texts.len());
        for (t, got) in texts.iter().zip(&batch) {
            let single: Vec<_> = ex.extract(t).iter().map(|s| (s.range(), s.entry_id(), s.label().clone())).collect();
            let batched: Vec<_> = got.iter().map(|s| (s.range(), s.entry_id(), s.label().clone())).collect();
            assert_eq!(single, batched);
        }
    }
}

/// One worker thread, on which every `build_extract` input runs: building
/// an index forks work on the global pool, and on a busy machine each fork
/// waits for a second thread to be scheduled.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool"))
}

/// `build_extract`: the bytes decoded by `arbitrary` as libFuzzer's
/// `fuzz_target!` decodes a typed input (too short for the type, or not
/// decodable: `false`, the input is not used), then [`Input`]'s entries
/// and options compiled into an extractor and run on its text. Building
/// refuses an entry with a coordinate out of range and compiles a
/// gazetteer of valid entries; the spans keep [`check_spans`]; a batch
/// gives what a single call gives.
pub fn build_extract(data: &[u8]) -> bool {
    if data.len() < Input::size_hint(0).0 {
        return false;
    }
    let Ok(input) = Input::arbitrary_take_rest(Unstructured::new(data)) else { return false };
    pool().install(|| build_extract_input(&input));
    true
}

fn build_extract_input(input: &Input) {
    let mut gaz = Gazetteer::new();
    for e in input.entries.iter().take(64) {
        if let Some(e) = entry(e) {
            let _ = gaz.push(e);
        }
    }
    let kind = if input.overlapping { MatchKind::Overlapping } else { MatchKind::LeftmostLongest };
    let ex = Extractor::builder()
        .match_kind(kind)
        .rules(input.rules % 64 == 63)
        .resolve(input.resolve)
        .places_in_orgs(input.places_in_orgs)
        .build(gaz)
        .expect("a gazetteer of valid entries compiles");
    let text = render(&input.text);
    let spans = ex.extract(&text);
    check_spans(&text, &spans, kind, input.places_in_orgs);
    // One text or a batch of it gives the same spans.
    let texts = [text.as_str(), text.as_str()];
    let batch = ex.extract_batch(&texts);
    for got in &batch {
        let a: Vec<_> = spans.iter().map(|s| (s.range(), s.entry_id())).collect();
        let b: Vec<_> = got.iter().map(|s| (s.range(), s.entry_id())).collect();
        assert_eq!(a, b);
    }
}

/// `load_tsv`: the bytes as a TSV gazetteer, strict and lenient: a result
/// or a located error; what loads compiles and runs over the file's text;
/// strict loads exactly when lenient skips nothing, and the same entries.
pub fn load_tsv(data: &[u8]) {
    let path = Path::new("fuzz.tsv");
    let strict = Loader::new().tsv_reader(data, Some(path));
    let lenient = Loader::new().lenient(true).tsv_reader(data, Some(path));
    check_strict_lenient(data, path, &strict, &lenient);
}

/// `load_jsonl`: the same as [`load_tsv`] for a JSONL gazetteer.
pub fn load_jsonl(data: &[u8]) {
    let path = Path::new("fuzz.jsonl");
    let strict = Loader::new().jsonl_reader(data, Some(path));
    let lenient = Loader::new().lenient(true).jsonl_reader(data, Some(path));
    check_strict_lenient(data, path, &strict, &lenient);
}

type LoadResult = Result<gazet::Loaded, gazet::LoadError>;

fn check_strict_lenient(data: &[u8], path: &Path, strict: &LoadResult, lenient: &LoadResult) {
    check_load(strict, Some(path));
    if let Some(gaz) = check_load(lenient, Some(path)) {
        extract_with(gaz, &String::from_utf8_lossy(data));
    }
    if let (Ok(s), Ok(l)) = (strict, lenient) {
        assert!(l.skipped().is_empty());
        assert_eq!(s.entries(), l.entries());
    }
    if let Ok(l) = lenient {
        assert_eq!(strict.is_ok(), l.skipped().is_empty());
    }
}

/// `load_geonames`: the bytes as a GeoNames dump (`allCountries.txt`
/// columns), strict and lenient, with and without alternate names: a
/// result or a located error; what loads with alternate names compiles and
/// runs; strict loads exactly when lenient skips nothing.
pub fn load_geonames(data: &[u8]) {
    let path = scratch_file("main.txt", data);
    for alternate in [true, false] {
        let files = GeoNamesFiles::new(&path).alternate_names(alternate);
        let strict = Loader::new().geonames(&files);
        check_load(&strict, Some(&path));
        let lenient = Loader::new().lenient(true).geonames(&files);
        if let Some(gaz) = check_load(&lenient, Some(&path)) {
            if alternate {
                extract_with(gaz, &String::from_utf8_lossy(data));
            }
        }
        if let Ok(l) = &lenient {
            assert_eq!(strict.is_ok(), l.skipped().is_empty());
        }
    }
}

/// `load_geonames_extra`: the bytes cut at their first two form feeds into
/// the three files of a GeoNames download (the dump, `admin1CodesASCII.txt`
/// and `countryInfo.txt`), strict and lenient: a result or a located error
/// naming the file at fault; every skipped line names one of the files,
/// with line and column; what loads has unique ids.
pub fn load_geonames_extra(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == b'\x0c');
    let main = scratch_file("main.txt", parts.next().unwrap_or_default());
    let admin1 = scratch_file("admin1CodesASCII.txt", parts.next().unwrap_or_default());
    let info = scratch_file("countryInfo.txt", parts.next().unwrap_or_default());
    let files = GeoNamesFiles::new(&main).admin1(&admin1).country_info(&info);
    for lenient in [false, true] {
        let result = Loader::new().lenient(lenient).geonames(&files);
        let paths: [&Path; 3] = [&main, &admin1, &info];
        let at = match &result {
            Err(e) => e.location().path(),
            Ok(l) => l.skipped().first().and_then(|e| e.location().path()),
        };
        let path = at.and_then(|p| paths.iter().copied().find(|q| *q == p));
        if at.is_some() {
            assert!(path.is_some(), "an error names one of the three files");
        }
        if let Ok(l) = &result {
            for e in l.skipped() {
                let p = e.location().path().expect("a path");
                assert!(paths.contains(&p));
                assert!(e.location().line().is_some() && e.location().column().is_some(), "{e}");
            }
            Gazetteer::from_entries(l.entries().to_vec()).expect("unique ids");
        } else {
            check_load(&result, path);
        }
    }
}

/// The text the extractors `load_saved` reads back run on.
const SAVED_TEXT: &str =
    "President Ilham Aliyev met officials in Baku and Nagorno Karabakh; the Defense Ministry said so.";

/// A small saved extractor, made once.
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

/// `load_saved`: a small saved extractor with bytes of its payload
/// overwritten by the input ((offset, byte) triples, at most 8), its
/// checksum made to fit again so that the structural checks are what is
/// tested; then the input's bytes as a saved extractor straight in.
/// Reading returns an extractor or an error, and an extractor read back
/// gives spans inside the text on character boundaries (damaged names may
/// match other words: the name invariant of [`check_spans`] does not hold
/// here).
pub fn load_saved(data: &[u8]) {
    let base = saved();
    // The payload starts after the magic, format, version and length+CRC.
    let at = 8 + 4 + 1 + usize::from(base[12]) + 8 + 4;
    let mut bytes = base.to_vec();
    for pair in data.chunks(3).take(8) {
        if let [a, b, v] = *pair {
            let i = at + (usize::from(a) << 8 | usize::from(b)) % (bytes.len() - at);
            bytes[i] = v;
        }
    }
    let crc = crc32fast::hash(&bytes[at..]).to_le_bytes();
    bytes[at - 4..at].copy_from_slice(&crc);
    if let Ok(ex) = Extractor::from_bytes(&bytes) {
        for s in ex.extract(SAVED_TEXT) {
            assert!(s.start() < s.end() && s.end() <= SAVED_TEXT.len());
            assert_eq!(&SAVED_TEXT[s.range()], s.as_str());
        }
    }
    let _ = Extractor::from_bytes(data);
}

/// A small gazetteer written by hand: diacritics, several scripts,
/// ambiguous names, acronyms, names nested in others, lowercase words
/// inside names, punctuation, common words.
pub fn small_gazetteer() -> Gazetteer {
    let cs = NameFlags::new().with_case_sensitive(true);
    let common = NameFlags::new().with_common_word(true);
    let place = |cc: &str, code: &str, lat: f64, lon: f64, pop: u64| {
        let mut p = gazet::Place::default();
        p.country = gazet::CountryCode::new(cc).ok();
        p.feature_code = gazet::FeatureCode::new(code).ok();
        p.coord = gazet::Coord::new(lat, lon).ok();
        p.population = Some(pop);
        p
    };
    let entries = vec![
        Entry::builder("baku", "Baku", Label::Place)
            .alias("Bakı")
            .alias("BAK")
            .place(place("AZ", "PPLC", 40.4, 49.9, 2_000_000)),
        Entry::builder("kalbajar", "Kalbajar", Label::Place)
            .alias("Kəlbəcər")
            .place(place("AZ", "PPLA", 40.1, 46.0, 7000)),
        Entry::builder("nk", "Nagorno-Karabakh", Label::Place).alias("Upper Karabakh").alias("Artsakh"),
        Entry::builder("k", "Karabakh", Label::Place),
        Entry::builder("ge", "Georgia", Label::Place).place(place("GE", "PCLI", 42.0, 43.5, 3_700_000)),
        Entry::builder("us-ga", "Georgia", Label::Place).place(place("US", "ADM1", 32.7, -83.5, 10_000_000)),
        Entry::builder("atlanta", "Atlanta", Label::Place).place(place("US", "PPLA", 33.7, -84.4, 500_000)),
        Entry::builder("aa", "Anadolu Agency", Label::Organization).alias_with("AA", cs),
        Entry::builder("rio", "Rio de Janeiro", Label::Place).place(place("BR", "PPLA", -22.9, -43.2, 6_000_000)),
        Entry::builder("ny", "New York", Label::Place).place(place("US", "ADM1", 43.0, -75.0, 19_000_000)),
        Entry::builder("nyc", "New York City", Label::Place).place(place("US", "PPL", 40.7, -74.0, 8_000_000)),
        Entry::builder("ist", "İstanbul", Label::Place)
            .alias("Constantinople")
            .place(place("TR", "PPLA", 41.0, 29.0, 15_000_000)),
        Entry::builder("strasse", "Hauptstraße", Label::Place),
        Entry::builder("tokyo", "東京", Label::Place).alias("Tōkyō").alias("トウキョウ"),
        Entry::builder("cairo", "القاهرة", Label::Place).alias("Cairo"),
        Entry::builder("jlm", "ירושלים", Label::Place).alias("Jerusalem"),
        Entry::builder("moscow", "Москва", Label::Place).alias("Moscow"),
        Entry::builder("att", "AT&T", Label::Organization).alias("AT & T"),
        Entry::builder("us", "U.S.", Label::Place).alias("United States"),
        Entry::builder("nice", "Nice", Label::Place).name_flags(common),
        Entry::builder("ebola", "Ebola", "DISEASE".parse::<Label>().expect("valid label")).any_case(true),
        Entry::builder("aliyev", "Ilham Aliyev", Label::Person),
        Entry::builder("az", "Azerbaijani", Label::Nationality),
        Entry::builder("ebay", "eBay", Label::Organization),
        Entry::builder("martha", "Martha's Vineyard", Label::Place),
        Entry::builder("zwj", "Ko\u{200d}sovo", Label::Place),
        Entry::builder("marks", "Ñ\u{301}a\u{308}", Label::Place),
        Entry::builder("digits", "42", Label::Place),
    ];
    let mut gaz = Gazetteer::new();
    for e in entries {
        gaz.push(e.build().expect("valid entry")).expect("unique id");
    }
    gaz
}

/// A file in a scratch directory of this process and thread (in memory
/// where the system has one), written with `data`: the corpus test runs
/// targets on several threads of one process.
fn scratch_file(name: &str, data: &[u8]) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    thread_local! {
        static THREAD: usize = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
    let dir = base.join(format!("gazet-fuzz-{}-{}", std::process::id(), THREAD.with(|t| *t)));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("scratch file");
    path
}

/// Removes this thread's scratch directory, if any.
pub fn remove_scratch() {
    if let Some(dir) = scratch_file("x", b"").parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

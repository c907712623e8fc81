//! Soak under threads: one extractor (bundled gazetteer, default options)
//! shared by several threads that extract random and corpus-like texts for
//! a while, every result checked with the fuzz targets' span invariants
//! (`fuzz/src/spans.rs`). Prints executions, failures and resident memory
//! at the start, every minute and at the end; exits non-zero on any
//! failure.
//!
//! ```sh
//! cargo run --release --example soak                          # 8 threads, 10 minutes
//! cargo run --release --example soak -- --threads 2 --seconds 60
//! ```
//!
//! Texts: the files of the `extract` fuzz corpus and seeds (news, scripts,
//! marks, rule cues), spliced, cut and sprinkled with random characters;
//! and random strings drawn from letters, digits, punctuation, combining
//! marks, other scripts and emoji. A failing text is written, as an input
//! of the `extract` fuzz target, to `--save` so that it can be kept in
//! `fuzz/regressions/extract/`.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use clap::Parser;
use gazet::{Extractor, Gazetteer, MatchKind};

#[path = "../fuzz/src/spans.rs"]
mod spans;

/// One extractor shared by many threads, every result checked.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Threads extracting at once.
    #[arg(long, default_value_t = 8)]
    threads: usize,
    /// How long to run, in seconds.
    #[arg(long, default_value_t = 600)]
    seconds: u64,
    /// Folders of corpus-like texts, read as the `extract` target reads its
    /// inputs (the first byte chooses options and is skipped here).
    #[arg(long, default_values = ["fuzz/corpus/extract", "fuzz/seeds/extract"])]
    corpus: Vec<PathBuf>,
    /// Seed of the random texts (thread i uses seed + i).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for failing texts (created on the first failure).
    #[arg(long, default_value = "target/soak-failures")]
    save: PathBuf,
}

/// The `extract` fuzz target's first byte for these options: the bundled
/// gazetteer, leftmost-longest with the rules.
const EXTRACT_CHOICE: u8 = 0x80;

/// The process's resident memory, in MiB, from `/proc/self/status`.
fn rss_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn show(mib: Option<f64>) -> String {
    mib.map_or_else(|| "n/a".to_string(), |m| format!("{m:.1} MiB"))
}

/// A small, fast generator (SplitMix64): the texts need variety, not
/// statistical quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Pieces random texts are drawn from: words that start names and rules,
/// separators, and characters of many kinds.
const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    ", ",
    ". ",
    "; ",
    "\n",
    "\n\n",
    "-",
    " – ",
    "’s ",
    "'",
    "\"",
    "“",
    "”",
    " (",
    ") ",
    ":",
    "The ",
    "the ",
    "of ",
    "in ",
    "and ",
    "said ",
    "President ",
    "Minister ",
    "Ministry ",
    "Agency ",
    "River ",
    "Lake ",
    "North ",
    "Gen. ",
    "Dr. ",
    "A. ",
    "B. ",
    "Baku",
    "BAKU",
    "Kəlbəcər",
    "Georgia",
    "Tbilisi",
    "Yerevan",
    "Paris",
    "New York",
    "UN",
    "AA",
    "U.S.",
    "İstanbul",
    "Straße",
    "ß",
    "ﬁ",
    "Ǆ",
    "東京",
    "القاهرة",
    "ירושלים",
    "Москва",
    "\u{301}",
    "\u{308}",
    "\u{200d}",
    "\u{200b}",
    "\u{feff}",
    "\u{2029}",
    "🇦🇿",
    "👍🏽",
    "👩‍👩‍👧",
    "40°24′53″N",
    "49°52′3″E",
    "1996",
    "28 May",
    "Monday",
    "١٢",
    "\t",
    "\u{0}",
];

fn piece(rng: &mut Rng) -> &'static str {
    PIECES[rng.below(PIECES.len())]
}

/// A random string of pieces and random characters.
fn random_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(200) {
        if rng.below(4) == 0 {
            s.push(random_char(rng));
        } else {
            s.push_str(piece(rng));
        }
    }
    s
}

/// A character: mostly letters, sometimes any scalar value.
fn random_char(rng: &mut Rng) -> char {
    let ranges: [(u32, u32); 8] = [
        (0x41, 0x5A),
        (0x61, 0x7A),
        (0x20, 0x7E),
        (0xC0, 0x24F),
        (0x300, 0x36F),
        (0x590, 0x6FF),
        (0x4E00, 0x4FFF),
        (0x1F300, 0x1F6FF),
    ];
    if rng.below(16) == 0 {
        return char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{fffd}');
    }
    let (lo, hi) = *rng.pick(&ranges);
    char::from_u32(lo + rng.below((hi - lo + 1) as usize) as u32).unwrap_or('\u{fffd}')
}

/// The largest character boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    (0..=i.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

/// A corpus text changed: cut at random boundaries, spliced with another,
/// sprinkled with pieces, or left as it is.
fn corpus_text(rng: &mut Rng, corpus: &[String]) -> String {
    let a = rng.pick(corpus);
    match rng.below(4) {
        0 => a.clone(),
        1 => {
            let x = floor_boundary(a, rng.below(a.len() + 1));
            let y = floor_boundary(a, rng.below(a.len() + 1));
            a[x.min(y)..x.max(y)].to_string()
        }
        2 => {
            let b = rng.pick(corpus);
            let x = floor_boundary(a, rng.below(a.len() + 1));
            let y = floor_boundary(b, rng.below(b.len() + 1));
            format!("{}{}", &a[..x], &b[y..])
        }
        _ => {
            let mut s = a.clone();
            for _ in 0..1 + rng.below(8) {
                let at = floor_boundary(&s, rng.below(s.len() + 1));
                if rng.below(2) == 0 {
                    s.insert_str(at, piece(rng));
                } else {
                    s.insert(at, random_char(rng));
                }
            }
            s
        }
    }
}

/// The texts of the corpus folders (the first byte of each file skipped, the
/// rest read as lossy UTF-8, as the `extract` target reads it).
fn read_corpus(dirs: &[PathBuf]) -> Vec<String> {
    let mut texts = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            eprintln!("soak: {} not read, skipped", dir.display());
            continue;
        };
        for e in entries.flatten() {
            if let Ok(bytes) = std::fs::read(e.path()) {
                if let Some((_, rest)) = bytes.split_first() {
                    texts.push(String::from_utf8_lossy(rest).into_owned());
                }
            }
        }
    }
    texts
}

/// Checks one text: the spans keep the invariants, and a batch of the text
/// twice gives what the single call gives. `false` on a failure (a panic
/// inside extraction or a broken invariant).
fn check(ex: &Extractor, text: &str, batch: bool) -> bool {
    catch_unwind(AssertUnwindSafe(|| {
        let spans = ex.extract(text);
        spans::check_spans(text, &spans, MatchKind::LeftmostLongest, false);
        if batch {
            let single: Vec<_> = spans.iter().map(|s| (s.range(), s.entry_id())).collect();
            for got in ex.extract_batch(&[text, text]) {
                let batched: Vec<_> = got.iter().map(|s| (s.range(), s.entry_id())).collect();
                assert_eq!(single, batched, "a batch differs from a single call");
            }
        }
    }))
    .is_ok()
}

fn save(dir: &Path, n: u64, text: &str) {
    let path = dir.join(format!("soak-{n}"));
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        let mut f = std::fs::File::create(&path)?;
        f.write_all(&[EXTRACT_CHOICE])?;
        f.write_all(text.as_bytes())
    });
    match written {
        Ok(()) => eprintln!("soak: failing text written to {}", path.display()),
        Err(e) => eprintln!("soak: {}: {e}", path.display()),
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let started = Instant::now();
    let ex = match Extractor::new(Gazetteer::bundled()) {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("soak: {e}");
            return ExitCode::FAILURE;
        }
    };
    let corpus = read_corpus(&args.corpus);
    let corpus = if corpus.is_empty() { vec![random_text(&mut Rng(args.seed))] } else { corpus };
    println!(
        "built in {:.1} s; {} corpus texts; {} threads for {} s",
        started.elapsed().as_secs_f64(),
        corpus.len(),
        args.threads,
        args.seconds
    );
    let rss_start = rss_mib("VmRSS:");
    println!("start: VmRSS {}", show(rss_start));

    let execs = AtomicU64::new(0);
    let failures = AtomicU64::new(0);
    let done = AtomicBool::new(false);
    let run_start = Instant::now();
    let deadline = run_start + Duration::from_secs(args.seconds);
    // Only the first few failures print their panic message.
    static PRINTED: AtomicU64 = AtomicU64::new(0);
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if PRINTED.fetch_add(1, Ordering::Relaxed) < 5 {
            default_hook(info);
        }
    }));

    std::thread::scope(|scope| {
        for t in 0..args.threads {
            let (ex, corpus, execs, failures, done, save_dir) = (&ex, &corpus, &execs, &failures, &done, &args.save);
            let mut rng = Rng(args.seed.wrapping_add(t as u64));
            scope.spawn(move || {
                let mut n = 0u64;
                while !done.load(Ordering::Relaxed) {
                    let text = if rng.below(3) == 0 { random_text(&mut rng) } else { corpus_text(&mut rng, corpus) };
                    if !check(ex, &text, n % 8 == 0) {
                        let k = failures.fetch_add(1, Ordering::Relaxed);
                        if k < 20 {
                            save(save_dir, k, &text);
                        }
                    }
                    n += 1;
                    execs.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
        // The clock: a line a minute, then the signal to stop.
        let mut next = Instant::now() + Duration::from_secs(60);
        loop {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            std::thread::sleep(deadline.min(next).saturating_duration_since(now).min(Duration::from_millis(200)));
            if Instant::now() >= next {
                println!(
                    "{:>5.0} s: {} executions, {} failures, VmRSS {}",
                    run_start.elapsed().as_secs_f64(),
                    execs.load(Ordering::Relaxed),
                    failures.load(Ordering::Relaxed),
                    show(rss_mib("VmRSS:"))
                );
                next += Duration::from_secs(60);
            }
        }
        done.store(true, Ordering::Relaxed);
    });

    let failed = failures.load(Ordering::Relaxed);
    println!(
        "end: {} executions, {} failures; VmRSS start {}, end {}; peak (VmHWM) {}",
        execs.load(Ordering::Relaxed),
        failed,
        show(rss_start),
        show(rss_mib("VmRSS:")),
        show(rss_mib("VmHWM:"))
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

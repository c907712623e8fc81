//! Extraction throughput and build time.
//!
//! `cargo bench --bench extract`. The texts are news-like paragraphs we
//! wrote (`examples/data/caucasus.txt`) mixed with generated filler; the
//! large gazetteer is generated: capitalised pseudo-words, one to three per
//! name, with a fixed seed. With `GAZET_BENCH_CORPUS=FILE.jsonl` the
//! `corpus` group also runs on real text: the `text` field of each line,
//! one document at a time (see `benches/README.md`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gazet::{Entry, Extractor, Gazetteer, Label};

const PARAGRAPHS: &str = include_str!("../examples/data/caucasus.txt");

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self, capital: bool) -> String {
        const SYL: &[&str] = &["ka", "ba", "ru", "lo", "men", "tar", "is", "ven", "do", "ha", "zi", "an", "or", "el"];
        let n = 2 + self.next() % 3;
        let mut w: String = (0..n).map(|_| SYL[(self.next() % SYL.len() as u64) as usize]).collect();
        if capital {
            w[..1].make_ascii_uppercase();
        }
        w
    }
}

/// English-like filler: mostly lowercase words, some capitalised.
fn text(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        out.push_str(PARAGRAPHS);
        for i in 0..400 {
            let cap = rng.next() % 8 == 0;
            out.push_str(&rng.word(cap));
            out.push_str(if i % 17 == 16 { ". " } else { " " });
        }
        out.push_str("\n\n");
    }
    out
}

fn synthetic(names: usize) -> Gazetteer {
    let mut rng = Rng(42);
    let mut gaz = Gazetteer::bundled();
    for i in 0..names {
        let words = 1 + (rng.next() % 3) as usize;
        let name: Vec<String> = (0..words).map(|_| rng.word(true)).collect();
        let e = Entry::builder(&format!("syn:{i}"), &name.join(" "), Label::Place).build().expect("valid");
        gaz.push(e).expect("unique");
    }
    gaz
}

fn bench_extract(c: &mut Criterion) {
    let text = text(1 << 20);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    for names in [0usize, 100_000] {
        let ex = Extractor::new(synthetic(names)).expect("builds");
        g.bench_with_input(BenchmarkId::new("1MiB", format!("bundled+{names}")), &text, |b, t| {
            b.iter(|| black_box(ex.extract(t)).len())
        });
    }
    g.finish();
}

fn bench_build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("bundled", |b| b.iter(|| Extractor::new(Gazetteer::bundled()).expect("builds")));
    let gaz = std::sync::Arc::new(synthetic(100_000));
    g.bench_function("bundled+100000", |b| b.iter(|| Extractor::new(gaz.clone()).expect("builds")));
    g.finish();
}

/// A gazetteer of `names` generated names only, from syllables the filler
/// text does not use, so that the text's words rarely hit: the cost of
/// looking words up in a growing vocabulary.
fn generated_only(names: usize) -> Gazetteer {
    const SYL: &[&str] = &["qu", "xa", "vy", "jo", "zu", "pe", "wi", "fy", "gu", "nyx", "kri", "sol"];
    let mut rng = Rng(7);
    let mut gaz = Gazetteer::new();
    for i in 0..names {
        let words = 1 + (rng.next() % 3) as usize;
        let name: Vec<String> = (0..words)
            .map(|_| {
                let n = 2 + rng.next() % 3;
                let mut w: String = (0..n).map(|_| SYL[(rng.next() % SYL.len() as u64) as usize]).collect();
                w[..1].make_ascii_uppercase();
                w
            })
            .collect();
        let e = Entry::builder(&format!("g:{i}"), &name.join(" "), Label::Place).build().expect("valid");
        gaz.push(e).expect("unique");
    }
    gaz
}

/// Throughput as the gazetteer grows, on the same text.
fn bench_names(c: &mut Criterion) {
    let text = text(1 << 20);
    let mut g = c.benchmark_group("names");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    for names in [10_000usize, 100_000, 1_000_000] {
        let ex = Extractor::new(generated_only(names)).expect("builds");
        g.bench_with_input(BenchmarkId::new("1MiB", names), &text, |b, t| b.iter(|| black_box(ex.extract(t)).len()));
    }
    g.finish();
}

/// Throughput as the text grows, bundled gazetteer.
fn bench_text_size(c: &mut Criterion) {
    let ex = Extractor::new(Gazetteer::bundled()).expect("builds");
    let mut g = c.benchmark_group("text");
    g.sample_size(10);
    for kib in [1usize, 64, 1024, 16 * 1024] {
        let t = text(kib << 10);
        let t = &t[..t.char_indices().map(|(i, _)| i).take_while(|&i| i <= kib << 10).last().unwrap_or(0)];
        g.throughput(Throughput::Bytes(t.len() as u64));
        g.bench_with_input(BenchmarkId::new("KiB", kib), &t, |b, t| b.iter(|| black_box(ex.extract(t)).len()));
    }
    g.finish();
}

/// Batches of documents on one and two threads.
fn bench_batch(c: &mut Criterion) {
    let ex = Extractor::new(Gazetteer::bundled()).expect("builds");
    let docs: Vec<String> = (0..64).map(|i| text((16 << 10) + (i % 2) * 4096)).collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        g.bench_with_input(BenchmarkId::new("threads", threads), &docs, |b, docs| {
            b.iter(|| pool.install(|| black_box(ex.extract_batch(docs)).len()))
        });
    }
    g.finish();
}

/// Documents of a JSONL file (a string `text` field per line), or why not.
fn corpus(path: &std::ffi::OsStr) -> Result<Vec<String>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut docs = Vec::new();
    for (i, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let text = v.get("text").and_then(|t| t.as_str()).ok_or(format!("line {}: no string `text`", i + 1))?;
        docs.push(text.to_string());
    }
    Ok(docs)
}

/// Real text, when `GAZET_BENCH_CORPUS` names a JSONL file: each document
/// extracted on its own, bundled gazetteer, the full pipeline and the
/// matcher alone. Skipped otherwise.
fn bench_corpus(c: &mut Criterion) {
    let Some(path) = std::env::var_os("GAZET_BENCH_CORPUS") else {
        return;
    };
    let docs = match corpus(&path) {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("corpus group skipped: {}: {e}", path.to_string_lossy());
            return;
        }
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let full = Extractor::new(Gazetteer::bundled()).expect("builds");
    let matcher = Extractor::builder().rules(false).resolve(false).build(Gazetteer::bundled()).expect("builds");
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    for (name, ex) in [("full", &full), ("matcher", &matcher)] {
        g.bench_with_input(BenchmarkId::new(name, docs.len()), &docs, |b, docs| {
            b.iter(|| docs.iter().map(|d| black_box(ex.extract(d)).len()).sum::<usize>())
        });
    }
    g.finish();
}

criterion_group!(benches, bench_extract, bench_build, bench_names, bench_text_size, bench_batch, bench_corpus);
criterion_main!(benches);

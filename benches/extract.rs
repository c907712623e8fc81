//! Extraction throughput and build time.
//!
//! `cargo bench --bench extract`. The texts are news-like paragraphs we
//! wrote (`examples/data/caucasus.txt`) mixed with generated filler; the
//! large gazetteer is generated: capitalised pseudo-words, one to three per
//! name, with a fixed seed.

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

criterion_group!(benches, bench_extract, bench_build);
criterion_main!(benches);

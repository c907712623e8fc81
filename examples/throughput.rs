//! Single-thread throughput of each pipeline stage on real text, measured in
//! one process with the stages alternating, so that the ratios hold on a
//! noisy machine.
//!
//! `cargo run --release --example throughput -- FILE.jsonl [ROUNDS]`
//!
//! Reads the `text` field of each line, builds three extractors over the
//! bundled gazetteer (matcher alone; matcher and rules; the default
//! pipeline with resolution) and, in each round, extracts every document
//! once with each. Prints the median MB/s of each stage and what each
//! stage adds. Also handy under `perf record`: `GAZET_STAGE=full` (or
//! `matcher`, `rules`) times only that stage. Every round after the first
//! runs inside `after_first_round`, so that callgrind can count a warm
//! round alone, without what the first builds once (`valgrind
//! --tool=callgrind --collect-atstart=no --toggle-collect=throughput::after_first_round`).

use std::time::Instant;

use gazet::{Extractor, Gazetteer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: throughput FILE.jsonl [ROUNDS]")?;
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(7);
    let data = std::fs::read_to_string(&path)?;
    let mut docs = Vec::new();
    for (i, line) in data.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        let text = v.get("text").and_then(|t| t.as_str()).ok_or(format!("{path}:{}: no string `text`", i + 1))?;
        docs.push(text.to_string());
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let gaz = std::sync::Arc::new(Gazetteer::bundled());
    let stages = [
        ("matcher", Extractor::builder().rules(false).resolve(false).build(gaz.clone())?),
        ("rules", Extractor::builder().resolve(false).build(gaz.clone())?),
        ("full", Extractor::builder().build(gaz)?),
    ];
    let only = std::env::var("GAZET_STAGE").ok();
    let mut secs: Vec<Vec<f64>> = vec![Vec::new(); stages.len()];
    let mut spans = [0usize; 3];
    for round in 0..rounds {
        for k in 0..stages.len() {
            // Rotate the order so that no stage always runs first.
            let i = (k + round) % stages.len();
            let (name, ex) = &stages[i];
            if only.as_deref().is_some_and(|o| o != *name) {
                continue;
            }
            let t = Instant::now();
            spans[i] = if round == 0 { extract_all(ex, &docs) } else { after_first_round(ex, &docs) };
            secs[i].push(t.elapsed().as_secs_f64());
        }
    }
    println!("{} documents, {:.2} MB, {rounds} rounds, median per stage:", docs.len(), bytes as f64 / 1e6);
    let mut prev: Option<f64> = None;
    for (i, (name, _)) in stages.iter().enumerate() {
        let Some(median) = median(&mut secs[i]) else { continue };
        let added = prev.map(|p| format!("  (+{:.1} ms)", (median - p) * 1e3)).unwrap_or_default();
        // The fastest round too (median sorted them): on a shared machine,
        // noise only adds time.
        let fastest = secs[i][0];
        println!(
            "  {name:<8} {:>7.1} ms  {:>6.2} MB/s  {:>7} spans{added}  (fastest {:.1} ms)",
            median * 1e3,
            bytes as f64 / 1e6 / median,
            spans[i],
            fastest * 1e3
        );
        prev = Some(median);
    }
    Ok(())
}

/// Extracts every document; the number of spans.
fn extract_all(ex: &Extractor, docs: &[String]) -> usize {
    docs.iter().map(|d| std::hint::black_box(ex.extract(d)).len()).sum()
}

/// [`extract_all`] in every round but the first (a name to profile by).
#[inline(never)]
fn after_first_round(ex: &Extractor, docs: &[String]) -> usize {
    extract_all(ex, docs)
}

fn median(v: &mut [f64]) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
}

//! Time from a gazetteer file to a ready extractor, step by step.
//!
//! `cargo run --release --example startup -- FILE` (.tsv, .jsonl or a
//! GeoNames .txt); without FILE, the bundled gazetteer.

use std::time::Instant;

use gazet::{Extractor, Gazetteer, Loader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t0 = Instant::now();
    let gaz = match std::env::args().nth(1) {
        Some(path) => {
            let loaded = Loader::new().path(&path)?;
            let parsed = t0.elapsed();
            let gaz = Gazetteer::from_entries(loaded.into_entries())?;
            eprintln!(
                "parse {:.0} ms, then extend {:.0} ms",
                parsed.as_secs_f64() * 1e3,
                (t0.elapsed() - parsed).as_secs_f64() * 1e3
            );
            gaz
        }
        None => Gazetteer::bundled(),
    };
    let loaded = t0.elapsed();
    let names: usize = gaz.iter().map(|(_, e)| e.names().len()).sum();
    let after_load = resident();
    let t1 = Instant::now();
    let ex = Extractor::new(gaz)?;
    let built = t1.elapsed();
    println!(
        "entries {}  names {}  load {:.0} ms  build {:.0} ms  total {:.0} ms  index {:.1} MiB",
        ex.gazetteer().len(),
        names,
        loaded.as_secs_f64() * 1e3,
        built.as_secs_f64() * 1e3,
        t0.elapsed().as_secs_f64() * 1e3,
        ex.memory_usage() as f64 / (1 << 20) as f64
    );
    let (rss, peak) = resident();
    println!(
        "resident after load {:.0} MiB, after build {:.0} MiB, peak {:.0} MiB",
        after_load.0 as f64 / 1024.0,
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    Ok(())
}

/// (current, peak) resident memory in KiB, from /proc (0 where there is none).
fn resident() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

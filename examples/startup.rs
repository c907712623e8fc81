//! Time from a gazetteer file to a ready extractor, step by step.
//!
//! `cargo run --release --example startup -- FILE` (.tsv, .jsonl or a
//! GeoNames .txt); without FILE, the bundled gazetteer. `-- --save PATH`
//! also saves the compiled extractor; `-- --load PATH` times a process
//! that starts from that saved extractor instead (run it as its own
//! process, so that its memory is its own).

use std::time::Instant;

use gazet::{Extractor, Gazetteer, Loader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = &args[..] {
        if flag == "--load" {
            let t0 = Instant::now();
            let ex = Extractor::load(path)?;
            let ready = t0.elapsed();
            let (rss, peak) = resident();
            println!(
                "loaded {} entries from {path} ({:.1} MiB) in {:.0} ms; resident {:.0} MiB, peak {:.0} MiB",
                ex.gazetteer().len(),
                std::fs::metadata(path)?.len() as f64 / (1 << 20) as f64,
                ready.as_secs_f64() * 1e3,
                rss as f64 / 1024.0,
                peak as f64 / 1024.0
            );
            return Ok(());
        }
    }
    let save = match &args[..] {
        [flag, path] if flag == "--save" => Some(path.clone()),
        _ => None,
    };
    let t0 = Instant::now();
    let gaz = match args.first().filter(|_| save.is_none()) {
        Some(path) => {
            let loaded = Loader::new().path(path)?;
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
    if let Some(path) = save {
        let t = Instant::now();
        ex.save(&path)?;
        println!("saved to {path} in {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    }
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

//! Time and memory to build an extractor over ten million names.
//!
//! `cargo run --release --example build10m -- [--names N] [--per-entry K] [--json]`
//!
//! The names are generated with a fixed seed: capitalised pseudo-words of
//! two to four syllables out of 40 (about 2.6 million possible words, so
//! the vocabulary grows as a real gazetteer's does), one to three words per
//! name, K names per entry (default 1: the most entries for the names). The
//! clock covers making the entries (`Entry::builder`, `Gazetteer::from_entries`)
//! and compiling them (`Extractor::new`, default options); peak memory is
//! the process's (`VmHWM`), the generated strings included.

use std::time::Instant;

use gazet::{Entry, Extractor, Gazetteer, Label};

/// xorshift64, so that runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 40] = [
    "ka", "ba", "ru", "lo", "men", "tar", "is", "ven", "do", "ha", "zi", "an", "or", "el", "qu", "xa", "vy", "jo",
    "zu", "pe", "wi", "fy", "gu", "nyx", "kri", "sol", "mar", "tin", "gor", "sa", "ne", "li", "ost", "bur", "gha",
    "pol", "ten", "ri", "ste", "vo",
];

fn name(rng: &mut Rng, out: &mut String) {
    out.clear();
    for w in 0..1 + rng.below(3) {
        if w > 0 {
            out.push(' ');
        }
        let start = out.len();
        for _ in 0..2 + rng.below(3) {
            out.push_str(SYLLABLES[rng.below(SYLLABLES.len())]);
        }
        out[start..start + 1].make_ascii_uppercase();
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut names = 10_000_000usize;
    let mut per_entry = 1usize;
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--names" => names = args.next().ok_or("--names N")?.parse()?,
            "--per-entry" => per_entry = args.next().ok_or("--per-entry K")?.parse()?,
            "--json" => json = true,
            _ => return Err(format!("unknown argument {a}; see the file's docs").into()),
        }
    }
    let per_entry = per_entry.max(1);
    let t0 = Instant::now();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut entries = Vec::with_capacity(names.div_ceil(per_entry));
    let mut buf = String::new();
    let mut made = 0;
    while made < names {
        name(&mut rng, &mut buf);
        let mut b = Entry::builder(&format!("g:{}", entries.len()), &buf, Label::Place);
        made += 1;
        for _ in 1..per_entry.min(names - made + 1) {
            name(&mut rng, &mut buf);
            b = b.alias(&buf);
            made += 1;
        }
        entries.push(b.build()?);
    }
    let gaz = Gazetteer::from_entries(entries)?;
    let entries_s = t0.elapsed().as_secs_f64();
    let after_entries = resident().0;
    let t1 = Instant::now();
    let ex = Extractor::new(gaz)?;
    let build_s = t1.elapsed().as_secs_f64();
    let total_s = t0.elapsed().as_secs_f64();
    let (rss, peak) = resident();
    let mb = |kib: u64| kib as f64 * 1024.0 / 1e6;
    let index_mb = ex.memory_usage() as f64 / 1e6;
    if json {
        println!(
            "{}",
            serde_json::json!({
                "names": names, "entries": ex.gazetteer().len(), "entries_s": entries_s, "build_s": build_s,
                "total_s": total_s, "peak_mb": mb(peak), "rss_after_entries_mb": mb(after_entries),
                "rss_ready_mb": mb(rss), "index_mb": index_mb,
            })
        );
    } else {
        println!(
            "{names} names in {} entries: entries {entries_s:.1} s + build {build_s:.1} s = {total_s:.1} s",
            ex.gazetteer().len()
        );
        println!(
            "resident after the entries {:.0} MB, once ready {:.0} MB, peak {:.0} MB; index {index_mb:.0} MB",
            mb(after_entries),
            mb(rss),
            mb(peak)
        );
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

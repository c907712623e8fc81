//! The Rust side of the peer comparison (`benches/peers/run.sh`).
//!
//! ```sh
//! cargo run --release --example peer_gazet -- names OUT.tsv
//! cargo run --release --example peer_gazet -- serve ENGINE NAMES.tsv TEXT.txt
//! ```
//!
//! `names` writes every distinct name of the bundled gazetteer, one a line:
//! `name<TAB>label<TAB>flags` (flags: `cs` case-sensitive, `common`).
//!
//! `serve` builds one engine from a names file, prints one JSON line
//! (`build_s`, `names`), reads the text (documents separated by form
//! feeds), then answers commands on standard
//! input, one JSON line each: `scan` (one timed end-to-end pass over the
//! text), `dump FILE` (the `start end` byte offsets of the last scan's
//! matches), `quit`. The engines:
//!
//! - `gazet-matcher`: the names as gazetteer entries, matcher only
//!   (`rules(false).resolve(false)`), default case policy;
//! - `gazet-anycase`: the same, every entry `any_case` (matches in any
//!   case, as the lowercasing peers do);
//! - `gazet-full`: the names as entries, default extractor (rules and
//!   resolution);
//! - `gazet-bundled`: `Gazetteer::bundled()`, default extractor (the names
//!   file is not read; build time is load + build);
//! - `ac`: the `aho-corasick` crate over the lowercased names,
//!   leftmost-longest, run over the lowercased text, then a word-boundary
//!   filter: what a bare byte-level automaton does (lowercasing counted in
//!   the scan).
//!
//! The parent process measures peak memory (the child's `ru_maxrss`).

use std::error::Error;
use std::io::{BufRead, BufWriter, Write};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind as AcMatchKind};
use gazet::{Entry, Extractor, Gazetteer, Label, NameFlags};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["names", out] => dump_names(out),
        ["serve", engine, names, text] => serve(engine, names, text),
        _ => Err("usage: peer_gazet names OUT | peer_gazet serve ENGINE NAMES TEXT".into()),
    }
}

/// Writes the distinct names of the bundled gazetteer, first label and
/// flags of each.
fn dump_names(out: &str) -> Result<(), Box<dyn Error>> {
    let gaz = Gazetteer::bundled();
    let mut seen = std::collections::HashSet::new();
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    let mut total = 0usize;
    for (_, entry) in gaz.iter() {
        for name in entry.names() {
            total += 1;
            if !seen.insert(name.as_str()) {
                continue;
            }
            let f = name.flags();
            let flags = match (f.case_sensitive, f.common_word) {
                (true, true) => "cs,common",
                (true, false) => "cs",
                (false, true) => "common",
                (false, false) => "",
            };
            writeln!(w, "{}\t{}\t{}", name.as_str(), entry.label(), flags)?;
        }
    }
    w.flush()?;
    eprintln!("{} entries, {} names, {} distinct written to {out}", gaz.len(), total, seen.len());
    Ok(())
}

enum Engine {
    Gazet(Extractor),
    Ac(AhoCorasick),
}

/// One line of a names file.
type NameLine = (String, Label, NameFlags);

/// The names file: (name, label, flags) per line.
fn read_names(path: &str) -> Result<Vec<NameLine>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut cols = line.split('\t');
        let name = cols.next().unwrap_or_default();
        let label: Label = cols.next().unwrap_or("LOC").parse().map_err(|e| format!("{path}:{}: {e}", i + 1))?;
        let flags = cols.next().unwrap_or_default();
        let flags = NameFlags::new()
            .with_case_sensitive(flags.split(',').any(|f| f == "cs"))
            .with_common_word(flags.split(',').any(|f| f == "common"));
        out.push((name.to_string(), label, flags));
    }
    Ok(out)
}

fn gazetteer(names: Vec<NameLine>, any_case: bool) -> Result<Gazetteer, Box<dyn Error>> {
    let mut entries = Vec::with_capacity(names.len());
    for (i, (name, label, flags)) in names.into_iter().enumerate() {
        entries.push(Entry::builder(&format!("n{i}"), &name, label).name_flags(flags).any_case(any_case).build()?);
    }
    Ok(Gazetteer::from_entries(entries)?)
}

fn build(engine: &str, names_path: &str) -> Result<(Engine, usize), Box<dyn Error>> {
    if engine == "gazet-bundled" {
        let ex = Extractor::new(Gazetteer::bundled())?;
        let n = ex.gazetteer().iter().map(|(_, e)| e.names().len()).sum();
        return Ok((Engine::Gazet(ex), n));
    }
    let names = read_names(names_path)?;
    let n = names.len();
    // The clock starts with the names in memory, as for the Python engines.
    let t = Instant::now();
    let engine = match engine {
        "gazet-matcher" => {
            Engine::Gazet(Extractor::builder().rules(false).resolve(false).build(gazetteer(names, false)?)?)
        }
        "gazet-anycase" => {
            Engine::Gazet(Extractor::builder().rules(false).resolve(false).build(gazetteer(names, true)?)?)
        }
        "gazet-full" => Engine::Gazet(Extractor::new(gazetteer(names, false)?)?),
        "ac" => {
            let lower: Vec<String> = names.into_iter().map(|(n, _, _)| n.to_lowercase()).collect();
            Engine::Ac(AhoCorasick::builder().match_kind(AcMatchKind::LeftmostLongest).build(&lower)?)
        }
        other => return Err(format!("unknown engine {other}").into()),
    };
    eprintln!("{names_path}: built in {:.2} s", t.elapsed().as_secs_f64());
    Ok((engine, n))
}

/// True when `s[start..end]` is not inside a longer word.
fn bounded(s: &str, start: usize, end: usize) -> bool {
    !s[..start].chars().next_back().is_some_and(char::is_alphanumeric)
        && !s[end..].chars().next().is_some_and(char::is_alphanumeric)
}

impl Engine {
    /// One end-to-end pass; the matches' byte ranges go to `out`. gazet
    /// reads the text one document at a time (documents are separated by
    /// form feeds), as its rules and resolution work per document; the bare
    /// automaton scans the whole text at once.
    fn scan(&self, text: &str, out: &mut Vec<(usize, usize)>) {
        out.clear();
        match self {
            Engine::Gazet(ex) => {
                let mut at = 0;
                for doc in text.split('\x0c') {
                    out.extend(ex.extract(doc).iter().map(|s| (at + s.start(), at + s.end())));
                    at += doc.len() + 1;
                }
            }
            Engine::Ac(ac) => {
                let lower = text.to_lowercase();
                // A match of a whole UTF-8 pattern in UTF-8 text starts and
                // ends on character boundaries, so slicing is safe.
                out.extend(ac.find_iter(&lower).map(|m| (m.start(), m.end())).filter(|&(s, e)| bounded(&lower, s, e)));
            }
        }
    }

    fn memory(&self) -> usize {
        match self {
            Engine::Gazet(ex) => ex.memory_usage(),
            Engine::Ac(ac) => ac.memory_usage(),
        }
    }
}

fn serve(engine: &str, names_path: &str, text_path: &str) -> Result<(), Box<dyn Error>> {
    let t = Instant::now();
    let (eng, names) = build(engine, names_path)?;
    let build_s = t.elapsed().as_secs_f64();
    let mut stdout = std::io::stdout().lock();
    let ready = serde_json::json!({"engine": engine, "names": names, "build_s": build_s, "index_bytes": eng.memory()});
    writeln!(stdout, "{ready}")?;
    stdout.flush()?;
    let text = std::fs::read_to_string(text_path)?;
    let mut matches = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let reply = match line.split_once(' ').unwrap_or((line.as_str(), "")) {
            ("scan", _) => {
                let t = Instant::now();
                eng.scan(&text, &mut matches);
                let secs = t.elapsed().as_secs_f64();
                serde_json::json!({"scan_s": secs, "bytes": text.len(), "matches": matches.len()})
            }
            ("dump", path) => {
                let mut w = BufWriter::new(std::fs::File::create(path)?);
                for (s, e) in &matches {
                    writeln!(w, "{s} {e}")?;
                }
                w.flush()?;
                serde_json::json!({"dumped": matches.len()})
            }
            ("quit", _) => break,
            (other, _) => serde_json::json!({"error": format!("unknown command {other}")}),
        };
        writeln!(stdout, "{reply}")?;
        stdout.flush()?;
    }
    Ok(())
}

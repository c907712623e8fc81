//! Measure the extractor on your own gold data: per-label precision, recall
//! and F1 with exact spans.
//!
//! ```text
//! cargo run --release --example evaluate -- gold.jsonl
//! ```
//!
//! The gold file has one document per line: `{"id", "text", "entities":
//! [{"start", "end", "type" or "label"}]}` with **character** offsets (end
//! exclusive). Labels are compared in CoNLL terms: PER, LOC (also GPE,
//! PLACE, FAC), ORG, and MISC (our NORP); gold MISC entities that are not
//! nationalities count against recall like any other.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use gazet::{CharIndex, Extractor, Gazetteer};

/// Per-label precision, recall and F1 of the extractor on a gold JSONL file.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Gold JSONL file (character offsets).
    gold: PathBuf,
    /// Also report places inside organisation names as their own spans.
    #[arg(long)]
    places_in_orgs: bool,
    /// Without the rules: the gazetteer matches only.
    #[arg(long)]
    no_rules: bool,
    /// Write every error to this file, one a line: `FP` or `FN`, the label,
    /// the document id, the text, and for false positives the rule that
    /// made the span (what to look at when the figures disappoint). On the
    /// project's shared corpora, only on their dev parts
    /// (`scripts/eval-parts --write-dev DIR`): the reporting parts' errors
    /// are never read.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
}

#[derive(Default)]
struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        format!("{name:<12} P {p:.3}  R {r:.3}  F1 {f:.3}  (tp {}, fp {}, fn {})", self.tp, self.fp, self.fn_)
    }
}

fn conll(label: &str) -> &str {
    match label {
        "PER" | "PERSON" => "PER",
        "LOC" | "GPE" | "PLACE" | "FAC" | "LOCATION" => "LOC",
        "ORG" | "ORGANIZATION" => "ORG",
        "NORP" | "MISC" => "MISC",
        other => other,
    }
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("evaluate: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let ex =
        Extractor::builder().rules(!args.no_rules).places_in_orgs(args.places_in_orgs).build(Gazetteer::bundled())?;
    let file = std::fs::File::open(&args.gold).map_err(|e| format!("{}: {e}", args.gold.display()))?;
    let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
    let mut errors = match &args.errors {
        Some(path) => {
            Some(std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?))
        }
        None => None,
    };
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{}:{}: {e}", args.gold.display(), n + 1))?;
        let text = doc["text"].as_str().ok_or_else(|| format!("{}:{}: no text", args.gold.display(), n + 1))?;
        let id = doc["id"].as_str().map(str::to_string).unwrap_or_else(|| (n + 1).to_string());
        let mut gold: BTreeMap<(u64, u64), String> = BTreeMap::new();
        for e in doc["entities"].as_array().into_iter().flatten() {
            let label = e["type"].as_str().or_else(|| e["label"].as_str()).unwrap_or("LOC");
            if let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) {
                gold.insert((s, t), conll(label).to_string());
            }
        }
        let index = CharIndex::new(text);
        let mut pred: BTreeMap<(u64, u64), (String, &'static str, &str)> = BTreeMap::new();
        for span in ex.extract(text) {
            let r = index.char_range(&span);
            pred.insert(
                (r.start as u64, r.end as u64),
                (span.label().conll().to_string(), span.reason().as_str(), &text[span.range()]),
            );
        }
        for (k, (label, reason, surface)) in &pred {
            let c = counts.entry(label.clone()).or_default();
            if gold.get(k) == Some(label) {
                c.tp += 1;
            } else {
                c.fp += 1;
                if let Some(w) = errors.as_mut() {
                    let gold_label = gold.get(k).map_or("-", String::as_str);
                    writeln!(w, "FP\t{label}\t{id}\t{surface}\t{reason}\tgold {gold_label}")?;
                }
            }
        }
        for (k, label) in &gold {
            if pred.get(k).map(|p| &p.0) != Some(label) {
                counts.entry(label.clone()).or_default().fn_ += 1;
                if let Some(w) = errors.as_mut() {
                    let surface: String = text.chars().skip(k.0 as usize).take((k.1 - k.0) as usize).collect();
                    let got = pred.get(k).map_or("-", |p| p.0.as_str());
                    writeln!(w, "FN\t{label}\t{id}\t{surface}\t-\tpredicted {got}")?;
                }
            }
        }
    }
    let mut core = Counts::default();
    let mut all = Counts::default();
    for (label, c) in &counts {
        println!("{}", c.line(label));
        all.add(c);
        if ["PER", "LOC", "ORG"].contains(&label.as_str()) {
            core.add(c);
        }
    }
    println!("{}", core.line("PER+LOC+ORG"));
    println!("{}", all.line("ALL"));
    if let Some(mut w) = errors {
        w.flush()?;
    }
    Ok(())
}

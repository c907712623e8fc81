//! Why resolution misses, with the gold spans given: each gold toponym of
//! a geoparsing corpus sorted by kind.
//!
//! ```text
//! cargo run --release --example given_misses -- gold.jsonl [--list misses.tsv]
//! ```
//!
//! The gold file is the evaluation corpora's format (`{"id", "text",
//! "entities": [{"start", "end", "lat", "lon", "geonameid"?}]}`, character
//! offsets). Every gold span is resolved as `extract --resolve` does (the
//! gold spans as context), and every toponym with a point is one of:
//!
//! - `right`: the point chosen is within 161 km of the gold's;
//! - `convention`: the entry chosen is the gold's own place but the gold
//!   puts its point elsewhere: the same GeoNames id, or, where the gold
//!   has no id, a country or first-level division and the gold's point
//!   lies in that country (its nearest populated place is there);
//! - `choice`: a candidate within 161 km was there and another was chosen;
//! - `elsewhere`: candidates, none within 161 km (a namesake the gazetteer
//!   lacks, a facility or street read as a town, a sea or region whose
//!   point the gold puts elsewhere);
//! - `none`: no candidate at all.
//!
//! It prints the counts and acc@161 (as `score.py geo` counts given
//! spans). `--list` writes every miss, one a line: kind, document id, the
//! text, the gold point, the point chosen, its entry and the distance. Read
//! only the dev parts' misses (`scripts/eval-parts --write-dev DIR`).

use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use gazet::{Context, Coord, Extractor, Gazetteer, Span};

/// Each gold toponym's resolution, sorted by why it misses.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Gold JSONL file (character offsets, `lat`/`lon` per place).
    gold: PathBuf,
    /// Write every miss to this file (dev parts only).
    #[arg(long, value_name = "FILE")]
    list: Option<PathBuf>,
}

/// Why a toponym's point is where it is, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Right,
    Convention,
    Choice,
    Elsewhere,
    None,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Right, Kind::Convention, Kind::Choice, Kind::Elsewhere, Kind::None];

    fn as_str(self) -> &'static str {
        match self {
            Kind::Right => "right",
            Kind::Convention => "convention",
            Kind::Choice => "choice",
            Kind::Elsewhere => "elsewhere",
            Kind::None => "none",
        }
    }
}

/// Great-circle distance in kilometres.
fn km(a: Coord, b: Coord) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The country of the populated place nearest a point, found as a
/// coordinate span is resolved.
fn country_at(ex: &Extractor, at: Coord) -> Option<String> {
    let text = format!(
        "{:.4}°{} {:.4}°{}",
        at.lat.abs(),
        if at.lat < 0.0 { 'S' } else { 'N' },
        at.lon.abs(),
        if at.lon < 0.0 { 'W' } else { 'E' }
    );
    let whole = std::slice::from_ref(&(0..text.len())).to_vec();
    let spans = ex.resolve_spans(&text, &whole).ok()?;
    spans.first()?.country().map(|c| c.to_string())
}

/// A country or first-level division: an area the gold may point anywhere in.
fn is_area(span: &Span<'_>) -> bool {
    let code = span.entry().and_then(|e| e.place()).and_then(|p| p.feature_code.as_ref().map(|c| c.as_str()));
    matches!(code, Some(c) if c.starts_with("PCL") || c == "ADM1" || c == "TERR")
}

fn kind(ex: &Extractor, span: &Span<'_>, gold: Coord, gold_id: Option<u64>) -> Kind {
    if let Some(p) = span.coord() {
        if km(p, gold) <= 161.0 {
            return Kind::Right;
        }
    }
    let own = span.entry().and_then(|e| e.place()).and_then(|p| p.geonames_id).map(|g| u64::from(g.0));
    match gold_id {
        Some(id) if own == Some(id) => return Kind::Convention,
        None if is_area(span)
            && span.country().map(|c| c.to_string()).is_some_and(|c| country_at(ex, gold) == Some(c)) =>
        {
            return Kind::Convention;
        }
        _ => {}
    }
    if span.candidates().is_empty() {
        Kind::None
    } else if span.candidates().iter().any(|c| c.entry().coord().is_some_and(|p| km(p, gold) <= 161.0)) {
        Kind::Choice
    } else {
        Kind::Elsewhere
    }
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("given_misses: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let ex = Extractor::new(Gazetteer::bundled())?;
    let path = args.gold.display();
    let file = std::fs::File::open(&args.gold).map_err(|e| format!("{path}: {e}"))?;
    let mut list = match &args.list {
        Some(p) => {
            Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()))?))
        }
        None => None,
    };
    let mut counts: BTreeMap<Kind, u64> = BTreeMap::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{path}:{}", n + 1);
        let doc: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{}: {e}", at()))?;
        let text = doc["text"].as_str().ok_or_else(|| format!("{}: no text", at()))?;
        let id = doc["id"].as_str().unwrap_or_default();
        let gold: Vec<&serde_json::Value> = doc["entities"].as_array().into_iter().flatten().collect();
        let chars = gold
            .iter()
            .map(|e| Some(e["start"].as_u64()? as usize..e["end"].as_u64()? as usize))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| format!("{}: an entity without start and end", at()))?;
        let ranges = gazet::byte_ranges(text, &chars).map_err(|e| format!("{}: {e}", at()))?;
        let spans = ex.resolve_spans_with(text, &ranges, Context::Given).map_err(|e| format!("{}: {e}", at()))?;
        for (e, span) in gold.iter().zip(&spans) {
            let (Some(lat), Some(lon)) = (e["lat"].as_f64(), e["lon"].as_f64()) else { continue };
            let point = Coord::new(lat, lon).map_err(|e| format!("{}: {e}", at()))?;
            let gold_id = e["geonameid"].as_u64().or_else(|| e["geonameid"].as_str().and_then(|s| s.parse().ok()));
            let k = kind(&ex, span, point, gold_id);
            *counts.entry(k).or_default() += 1;
            if let (Some(w), false) = (list.as_mut(), k == Kind::Right) {
                let (got, dist) = span.coord().map_or(("-".to_string(), "-".to_string()), |p| {
                    (format!("{:.2},{:.2}", p.lat, p.lon), format!("{:.0}", km(p, point)))
                });
                let entry = span.entry().map_or("-", |e| e.id());
                writeln!(w, "{}\t{id}\t{}\t{lat:.2},{lon:.2}\t{got}\t{entry}\t{dist}", k.as_str(), span.as_str())?;
            }
        }
    }
    let total: u64 = counts.values().sum();
    let share = |k: u64| k as f64 / total.max(1) as f64;
    for k in Kind::ALL {
        let c = counts.get(&k).copied().unwrap_or(0);
        println!("{:<11} {c:>6}  {:.3}", k.as_str(), share(c));
    }
    let right = counts.get(&Kind::Right).copied().unwrap_or(0);
    let conv = counts.get(&Kind::Convention).copied().unwrap_or(0);
    let choice = counts.get(&Kind::Choice).copied().unwrap_or(0);
    println!(
        "acc@161 {:.3}; with the gold's conventions {:.3}; with every choice right too {:.3} ({total} toponyms)",
        share(right),
        share(right + conv),
        share(right + conv + choice)
    );
    if let Some(mut w) = list {
        w.flush()?;
    }
    Ok(())
}

//! Extract entities from text with the bundled gazetteer (and your own).
//!
//! ```text
//! cargo run --release --example extract -- article.txt
//! echo "Talks in Baku and Yerevan" | cargo run --release --example extract
//! cargo run --release --example extract -- --jsonl corpus.jsonl > entities.jsonl
//! ```
//!
//! With `--jsonl` every input line is a JSON object `{"id", "text", ...}` and
//! every output line is `{"id", "entities": [{"start", "end", "text",
//! "label", "id", "name", "lat"?, "lon"?, "country"?}]}`, with UTF-8 byte
//! offsets. A line that is not such an object is reported on stderr with its
//! number and gets no output line; the exit status is then 1.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use gazet::{Extractor, Gazetteer, GeoJson, Loader, MatchKind, Span};

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable table (default for plain text).
    Table,
    /// One JSON line per document (default with --jsonl).
    Jsonl,
    /// One GeoJSON FeatureCollection of the resolved places of all input.
    Geojson,
    /// CoNLL: a token per line with its IOB tag (`# id = ...` before each
    /// document).
    Conll,
    /// The JSONL spaCy and Prodigy read: `{"text", "spans", "meta"}` with
    /// character offsets.
    Spacy,
}

/// Find people, places, organisations and nationalities in text.
#[derive(Parser, Debug)]
#[command(
    version,
    about,
    after_help = "Examples:\n  \
    extract article.txt\n  \
    extract --jsonl docs.jsonl > entities.jsonl\n  \
    extract --gazetteer ships.tsv --no-default article.txt\n  \
    extract --format geojson article.txt > places.geojson"
)]
struct Args {
    /// Input file; standard input when absent or `-`.
    input: Option<PathBuf>,
    /// Read one JSON document per line (`{"id", "text"}`) and write one JSON
    /// line of entities per document.
    #[arg(long)]
    jsonl: bool,
    /// Output format: table, jsonl, geojson, conll or spacy (default: table
    /// for plain text, jsonl with --jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Add the entries of a gazetteer file (.tsv, .jsonl, or a GeoNames .txt
    /// dump); may be repeated.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the bundled gazetteer (use only --gazetteer files).
    #[arg(long)]
    no_default: bool,
    /// Report every match, nested and overlapping ones included, instead of
    /// the leftmost-longest ones.
    #[arg(long)]
    overlapping: bool,
    /// Also report places named inside organisation names ("Texas" in
    /// "Texas Forest Service"), as geoparsing corpora annotate them.
    #[arg(long)]
    places_in_orgs: bool,
    /// Report every gazetteer match without the rules (no filters, no
    /// people or organisations found from context).
    #[arg(long)]
    no_rules: bool,
    /// Keep only these labels, comma-separated (`PER,LOC`; `MISC` selects
    /// nationalities too).
    #[arg(long, value_delimiter = ',')]
    labels: Vec<String>,
}

/// Counts for the summary line on stderr.
#[derive(Default)]
struct Stats {
    docs: u64,
    bytes: u64,
    entities: u64,
}

/// Drops the spans whose label the user did not ask for.
fn keep_labels(spans: &mut Vec<Span<'_>>, labels: &[String]) {
    if labels.is_empty() {
        return;
    }
    spans.retain(|s| {
        labels.iter().any(|l| l.eq_ignore_ascii_case(s.label().as_str()) || l.eq_ignore_ascii_case(s.label().conll()))
    });
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("extract: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<bool, Box<dyn std::error::Error>> {
    // 1. Assemble the gazetteer: the bundled one, then the user's files.
    let mut gaz = if args.no_default { Gazetteer::new() } else { Gazetteer::bundled() };
    for path in &args.gazetteers {
        let loaded = Loader::new().path(path)?;
        gaz.extend(loaded.into_entries())?;
    }
    // 2. Compile it.
    let kind = if args.overlapping { MatchKind::Overlapping } else { MatchKind::LeftmostLongest };
    let ex =
        Extractor::builder().match_kind(kind).rules(!args.no_rules).places_in_orgs(args.places_in_orgs).build(gaz)?;

    // 3. Read the input and write what is found, then a summary line.
    let started = std::time::Instant::now();
    let mut stats = Stats::default();
    let input: Box<dyn Read> = match &args.input {
        Some(p) if p.as_os_str() != "-" => {
            Box::new(std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?)
        }
        _ => Box::new(io::stdin()),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let format = args.format.unwrap_or(if args.jsonl { Format::Jsonl } else { Format::Table });
    let ok = run_format(args, &ex, input, &mut out, format, &mut stats)?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    eprintln!(
        "extract: {} documents, {:.1} MB, {} entities, {:.1} MB/s",
        stats.docs,
        stats.bytes as f64 / 1e6,
        stats.entities,
        stats.bytes as f64 / 1e6 / secs
    );
    Ok(ok)
}

fn run_format(
    args: &Args,
    ex: &Extractor,
    input: Box<dyn Read>,
    out: &mut impl Write,
    format: Format,
    stats: &mut Stats,
) -> Result<bool, Box<dyn std::error::Error>> {
    let mut geo = GeoJson::new();
    let ok = if args.jsonl {
        jsonl(ex, input, &mut *out, &mut geo, format, &args.labels, stats)?
    } else {
        let mut text = String::new();
        io::BufReader::new(input).read_to_string(&mut text)?;
        let name = args.input.as_ref().map_or("-".to_string(), |p| p.display().to_string());
        let doc = Doc { id: None, text, name };
        write_doc(&mut *out, format, &doc, ex.extract(&doc.text), &args.labels, stats, &mut geo)?;
        true
    };
    if format == Format::Geojson {
        serde_json::to_writer_pretty(&mut *out, &geo.to_value())?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ok)
}

/// Writes what was found in one document in the chosen format (GeoJSON
/// collects it for the end). A document of plain text has no id: its JSON
/// line says `null`, its CoNLL has no `# id` line, its spaCy line no meta.
fn write_doc(
    out: &mut dyn Write,
    format: Format,
    doc: &Doc,
    mut spans: Vec<Span<'_>>,
    labels: &[String],
    stats: &mut Stats,
    geo: &mut GeoJson,
) -> io::Result<()> {
    keep_labels(&mut spans, labels);
    stats.docs += 1;
    stats.bytes += doc.text.len() as u64;
    stats.entities += spans.len() as u64;
    let id = doc.id.clone().unwrap_or(serde_json::Value::Null);
    match format {
        Format::Geojson => geo.add(&doc.name, &spans),
        Format::Table if doc.id.is_none() => table(&spans, out)?,
        Format::Conll => {
            if doc.id.is_some() {
                writeln!(out, "# id = {id}")?;
            }
            write!(out, "{}", gazet::conll(&doc.text, &spans))?;
        }
        Format::Spacy => {
            let mut v = gazet::spacy_json(&doc.text, &spans);
            if doc.id.is_some() {
                v["meta"] = serde_json::json!({ "id": id });
            }
            serde_json::to_writer(&mut *out, &v)?;
            writeln!(out)?;
        }
        Format::Table | Format::Jsonl => {
            serde_json::to_writer(&mut *out, &serde_json::json!({ "id": id, "entities": spans }))?;
            writeln!(out)?;
        }
    }
    Ok(())
}

fn table(spans: &[Span<'_>], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{:>7} {:>7}  {:<5} {:<28} {:<22} name", "start", "end", "label", "text", "id")?;
    for s in spans {
        let (id, name) = s.entry().map_or(("", ""), |e| (e.id(), e.name()));
        let text: String = s.as_str().chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        writeln!(out, "{:>7} {:>7}  {:<5} {:<28} {:<22} {}", s.start(), s.end(), s.label(), text, id, name)?;
    }
    Ok(())
}

/// One document of a JSONL input.
struct Doc {
    /// The `id` of a JSONL document (`null` when it has none); `None` for
    /// plain text.
    id: Option<serde_json::Value>,
    text: String,
    /// How GeoJSON spans name the document: its id, or the input file.
    name: String,
}

fn parse_doc(line: &str) -> Result<Doc, String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(mut map) = v else {
        return Err("not a JSON object".into());
    };
    let text = match map.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err("field 'text' is not a string".into()),
        None => return Err("no 'text' field".into()),
    };
    let id = map.remove("id").unwrap_or(serde_json::Value::Null);
    let name = match &id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Ok(Doc { id: Some(id), text, name })
}

fn jsonl(
    ex: &Extractor,
    input: Box<dyn Read>,
    out: &mut impl Write,
    geo: &mut GeoJson,
    format: Format,
    labels: &[String],
    stats: &mut Stats,
) -> Result<bool, Box<dyn std::error::Error>> {
    const BATCH: usize = 256;
    let mut ok = true;
    let mut docs: Vec<Doc> = Vec::with_capacity(BATCH);
    let mut flush = |docs: &mut Vec<Doc>, out: &mut dyn Write| -> io::Result<()> {
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        for (doc, spans) in docs.iter().zip(ex.extract_batch(&texts)) {
            write_doc(out, format, doc, spans, labels, stats, geo)?;
        }
        docs.clear();
        Ok(())
    };
    for (n, line) in io::BufReader::new(input).lines().enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("extract: line {}: {e}", n + 1);
                ok = false;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse_doc(&line) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("extract: line {}: {e}", n + 1);
                ok = false;
            }
        }
        if docs.len() == BATCH {
            flush(&mut docs, out)?;
        }
    }
    flush(&mut docs, out)?;
    Ok(ok)
}

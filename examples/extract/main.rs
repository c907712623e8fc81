//! Extract entities from text with the bundled gazetteer (and your own):
//! files, directories or standard input, plain text or JSONL, written as a
//! table, JSON, JSONL, CoNLL, spaCy JSONL, GeoJSON or an HTML page with a map.
//!
//! ```text
//! cargo run --release --example extract -- article.txt
//! echo "Talks in Baku and Yerevan" | cargo run --release --example extract
//! cargo run --release --example extract -- corpus.jsonl > entities.jsonl
//! cargo run --release --example extract -- --format html news/ > news.html
//! ```
//!
//! A JSONL input (`--jsonl`, or a `.jsonl`/`.ndjson` file) holds one JSON
//! object `{"id", "text", ...}` per line; with `--format jsonl` (its default)
//! every document gets one output line `{"id", ..., "entities": [{"start",
//! "end", "text", "label", "id", "name", "lat"?, "lon"?, "country"?}]}` with
//! UTF-8 byte offsets, the input's other fields passed through. A line that
//! is not such an object, or a file that cannot be read, is reported on
//! stderr with its name and line number and the run goes on; the exit status
//! is then 1 (2 when nothing could start: bad arguments or gazetteer).
//! Bytes that are not UTF-8 are read lossily with a warning, or decoded
//! from `--encoding`; the offsets are then into the decoded text.
//!
//! With `--resolve`, each JSONL line also gives `"spans": [{"start",
//! "end"}, ...]` (another tool's entities, byte offsets or `--offsets
//! chars`), and its output has one entity per given span, in order, each
//! looked up and resolved in the document's context (`--with-found` adds
//! the places gazet finds itself).
//!
//! Documents are extracted in parallel on all cores (`--threads`) and
//! written in input order. A progress bar shows on stderr when it is a
//! terminal; a summary line ends every run.
//!
//! A plain-text file larger than `--window-size` (4 MiB unless told) is
//! read a window at a time, cut at paragraph breaks, each window extracted
//! with the paragraphs around it as context, so that memory stays that of
//! the windows being extracted whatever the file's size (`window.rs` says
//! how windows are cut, `output.rs` how each format writes them). Its
//! output is the one document's, offsets into the whole file, but for
//! spaCy's (a line per window) and for what rules and resolution would have
//! read further away than the context. `--format html` and `--keep-text`
//! need the whole text: they refuse such a file, and `--window-size 0`
//! reads every file whole.

mod decode;
mod input;
mod output;
mod window;

use std::io::{self, BufWriter, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use gazet::{Context, Extractor, Gazetteer, Loader, MatchKind, Span};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use input::{Doc, Item, Plain};
use output::{Format, Output};
use window::Window;

/// When to colour the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum When {
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// Find people, places, organisations and nationalities in text.
#[derive(Parser, Debug)]
#[command(
    version,
    about,
    after_help = "Examples:\n  \
    extract article.txt                            table of what article.txt names\n  \
    extract news/ --format jsonl > out.jsonl       every file under news/, one line each\n  \
    extract docs.jsonl > entities.jsonl            JSONL in, JSONL out (ids and fields kept)\n  \
    cat a.txt | extract --format conll             CoNLL IOB tags from standard input\n  \
    extract --format geojson docs.jsonl > places.geojson\n  \
    extract --format html article.txt > article.html   highlighted text and a map\n  \
    extract --format spacy docs.jsonl > spans.jsonl    for spaCy and Prodigy\n  \
    extract --format jsonl --window-size 16M big.txt    a large file, 16 MiB at a time\n  \
    extract --gazetteer ships.tsv --no-default article.txt\n  \
    extract --labels PER,ORG article.txt"
)]
struct Args {
    /// Files or directories (read recursively, hidden files skipped) to
    /// read; standard input when none or `-`. Files ending in .jsonl or
    /// .ndjson are JSONL, the rest plain text (one document per file).
    inputs: Vec<PathBuf>,
    /// Read every input as JSONL: one JSON object `{"id", "text", ...}` per
    /// line.
    #[arg(long)]
    jsonl: bool,
    /// Output format (default: table for plain text, jsonl for JSONL input).
    #[arg(long, short, value_enum)]
    format: Option<Format>,
    /// Add the entries of a gazetteer file (.tsv, .jsonl, or a GeoNames .txt
    /// dump; .gz accepted); may be repeated.
    #[arg(long = "gazetteer", short, value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the bundled gazetteer: use only --gazetteer files
    /// (the rule lists still apply unless --no-rules).
    #[arg(long)]
    no_default: bool,
    /// Start from an extractor saved with --save: ready in a fraction of
    /// the time compiling takes. It keeps the gazetteer and options it was
    /// saved with.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["gazetteers", "no_default", "overlapping", "places_in_orgs", "no_rules", "no_resolve", "save", "language"])]
    saved: Option<PathBuf>,
    /// Save the compiled extractor (gazetteer and options) to FILE, for
    /// later runs with --saved.
    #[arg(long, value_name = "FILE")]
    save: Option<PathBuf>,
    /// Keep only these labels, comma-separated: PER, LOC, ORG, NORP (MISC
    /// selects nationalities too) or your own.
    #[arg(long, short, value_delimiter = ',', value_name = "LABELS")]
    labels: Vec<String>,
    /// Report every match, nested and overlapping ones included, instead of
    /// the leftmost-longest ones.
    #[arg(long)]
    overlapping: bool,
    /// Also report places named inside organisation names ("Nevada" in
    /// "Nevada Forest Service"), as geoparsing corpora annotate them.
    #[arg(long)]
    places_in_orgs: bool,
    /// Report every gazetteer match without the rules (no filters, no
    /// people or organisations found from context).
    #[arg(long)]
    no_rules: bool,
    /// Read every text as written in this language (en, ru, uk, az, tr, hy,
    /// fr, de, es, ar): its word lists and how its names inflect. Without
    /// it, each text's language is detected.
    #[arg(long, value_name = "CODE")]
    language: Option<gazet::Language>,
    /// Do not resolve places from context: each place keeps the first
    /// candidate of the default order (country, first-level division,
    /// capital, then population). With --no-rules: the matcher alone.
    #[arg(long)]
    no_resolve: bool,
    /// Decode the input from this encoding (windows-1251, windows-1254,
    /// iso-8859-1, koi8-r, shift_jis...) instead of UTF-8. Without it, bytes
    /// that are not UTF-8 are read as U+FFFD with a warning. Either way the
    /// offsets are then into the decoded text, and each such document's
    /// json/jsonl object has a "decoded" field that says so.
    #[arg(long, value_name = "ENCODING")]
    encoding: Option<String>,
    /// Resolve the spans each JSONL document gives instead of finding
    /// entities: every line holds `"spans": [{"start", "end"}, ...]` (byte
    /// offsets, or character offsets with --offsets chars), and its output
    /// has one entity per span, in order, with "id", "lat", "lon" and
    /// "country" where the span names a known place.
    #[arg(long, conflicts_with_all = ["labels", "overlapping"])]
    resolve: bool,
    /// With --resolve: the given spans' offsets count bytes (UTF-8) or
    /// characters (Unicode scalar values, as Python's str does).
    #[arg(long, value_enum, default_value = "bytes", requires = "resolve")]
    offsets: Offsets,
    /// With --resolve: the places gazet finds in the rest of the text count
    /// as context too (Context::GivenAndFound).
    #[arg(long, requires = "resolve")]
    with_found: bool,
    /// Copy each document's text into its json/jsonl object.
    #[arg(long)]
    keep_text: bool,
    /// Colour the table.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    color: When,
    /// Title of the HTML page.
    #[arg(long, default_value = "gazet")]
    title: String,
    /// Read a plain-text file larger than this in windows of about this
    /// size, cut at paragraph breaks (K, M or G: KiB, MiB, GiB), so that
    /// memory stays that of a window; 0 reads every file whole. Extraction
    /// holds about 11 bytes per byte of text for each window being
    /// extracted (one per thread).
    #[arg(long, value_name = "BYTES", default_value = "4M", value_parser = parse_size)]
    window_size: usize,
    /// Threads to extract with (default: all cores).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

/// How --resolve reads the offsets of the spans given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Offsets {
    Bytes,
    Chars,
}

/// Counts for the summary line.
#[derive(Default)]
struct Stats {
    docs: u64,
    bytes: u64,
    entities: u64,
    errors: u64,
}

impl Stats {
    /// Counts a document written with its spans.
    fn count(&mut self, doc: &Doc, spans: &[Span<'_>]) {
        self.docs += 1;
        self.bytes += doc.text.len() as u64;
        self.entities += spans.len() as u64;
    }

    /// Counts a window written with the spans of its own part; the
    /// document with its last window.
    fn count_window(&mut self, w: &Window, spans: &[Span<'_>]) {
        self.docs += u64::from(w.last);
        self.bytes += w.own.len() as u64;
        self.entities += spans.len() as u64;
    }
}

/// What is extracted: a document, or a window of a large file.
enum Unit {
    Doc(Doc),
    Window(Window),
}

impl Unit {
    fn text(&self) -> &str {
        match self {
            Unit::Doc(d) => &d.text,
            Unit::Window(w) => &w.text,
        }
    }
}

/// Documents are extracted in batches of this many documents or bytes, or
/// of a window per thread, whichever comes first: enough to keep every core
/// busy, little memory.
const BATCH_DOCS: usize = 512;
const BATCH_BYTES: usize = 8 << 20;

/// A size in bytes: digits, then K, M or G for KiB, MiB or GiB.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (digits, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    let shift = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("{s:?} is not a size: digits, then K, M or G")),
    };
    let n: usize = digits.parse().map_err(|_| format!("{s:?} is not a size: digits, then K, M or G"))?;
    n.checked_mul(1 << shift).ok_or_else(|| format!("{s:?} is too large"))
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

/// Runs the job; `Ok(false)` when some input failed, `Err` when nothing
/// could start.
fn run(args: &Args) -> Result<bool, Box<dyn std::error::Error>> {
    let decoding = decode::Decoding::new(args.encoding.as_deref())?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    // 1. Assemble the gazetteer, the bundled one then the user's files, and
    //    compile it.
    //    (Or read one saved before.)
    let ex = match &args.saved {
        Some(path) => Extractor::load(path)?,
        None => {
            let mut gaz = if args.no_default { Gazetteer::new() } else { Gazetteer::bundled() };
            for path in &args.gazetteers {
                gaz.extend(Loader::new().path(path)?.into_entries())?;
            }
            let kind = if args.overlapping { MatchKind::Overlapping } else { MatchKind::LeftmostLongest };
            Extractor::builder()
                .match_kind(kind)
                .rules(!args.no_rules)
                .resolve(!args.no_resolve)
                .places_in_orgs(args.places_in_orgs)
                .language(args.language)
                .build(gaz)?
        }
    };
    if let Some(path) = &args.save {
        ex.save(path)?;
    }

    // 2. Find the inputs; a directory that cannot be walked is reported.
    let mut stats = Stats::default();
    let (sources, walk_errors) = input::sources(&args.inputs);
    for e in walk_errors {
        eprintln!("extract: {e}");
        stats.errors += 1;
    }
    let any_jsonl = sources.iter().any(|s| s.is_jsonl(args.jsonl));
    let format = args.format.unwrap_or(if any_jsonl { Format::Jsonl } else { Format::Table });
    let colour = format == Format::Table
        && match args.color {
            When::Always => true,
            When::Never => false,
            When::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        };

    // 3. Read, extract in parallel batches, write in input order.
    let total: Option<u64> = sources.iter().map(|s| s.len()).sum();
    let progress = progress_bar(args.quiet, total);
    let started = Instant::now();
    let mut out = Output::new(BufWriter::new(io::stdout().lock()), format, colour, args.keep_text, &args.title);
    let plain = Plain { window: args.window_size, whole_text_needed: whole_text_needed(args, format) };
    let threads = rayon::current_num_threads();
    let mut batch: Vec<Unit> = Vec::new();
    let (mut batch_bytes, mut batch_windows) = (0, 0);
    let mut written = Ok(());
    for source in &sources {
        written = input::read(source, source.is_jsonl(args.jsonl), &plain, decoding, |item| {
            let (unit, n) = match item {
                Item::Doc(doc, n) => (Unit::Doc(doc), n),
                Item::Window(window, n) => (Unit::Window(window), n),
                Item::Warning(message) => {
                    progress.suspend(|| eprintln!("extract: warning: {message}"));
                    return Ok(());
                }
                Item::Error(message, n) => {
                    progress.suspend(|| eprintln!("extract: {message}"));
                    stats.errors += 1;
                    progress.inc(n);
                    return Ok(());
                }
            };
            match &unit {
                Unit::Doc(doc) => batch_bytes += doc.text.len(),
                Unit::Window(_) => batch_windows += 1,
            }
            batch.push(unit);
            progress.inc(n);
            if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES || batch_windows >= threads {
                (batch_bytes, batch_windows) = (0, 0);
                return flush(&ex, &mut batch, args, &mut out, &mut stats, &progress);
            }
            Ok(())
        });
        if written.is_err() {
            break;
        }
    }
    if written.is_ok() {
        written = flush(&ex, &mut batch, args, &mut out, &mut stats, &progress).and_then(|()| out.finish());
    }
    progress.finish_and_clear();
    match written {
        // A closed pipe (`| head`) ends the run quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(stats.errors == 0),
        Err(e) => return Err(format!("writing the output: {e}").into()),
        Ok(()) => {}
    }

    if !args.quiet {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        let errors = match stats.errors {
            0 => String::new(),
            1 => ", 1 error".to_string(),
            n => format!(", {n} errors"),
        };
        eprintln!(
            "extract: {} documents, {:.1} MB, {} entities, {:.1} MB/s{errors}",
            stats.docs,
            stats.bytes as f64 / 1e6,
            stats.entities,
            stats.bytes as f64 / 1e6 / secs
        );
    }
    Ok(stats.errors == 0)
}

/// Why the output cannot take a plain-text file in windows, when it cannot:
/// it needs the whole text (or, with --resolve, spans no plain text gives).
fn whole_text_needed(args: &Args, format: Format) -> Option<String> {
    let why = if args.resolve {
        return Some("--resolve needs a 'spans' array in every document".into());
    } else if format == Format::Html {
        "--format html"
    } else if args.keep_text && matches!(format, Format::Json | Format::Jsonl) {
        "--keep-text"
    } else {
        return None;
    };
    Some(format!(
        "{why} needs the whole text, and the file is larger than --window-size ({} bytes): \
         --window-size 0 reads it whole",
        args.window_size
    ))
}

/// A progress bar over the input bytes on stderr (drawn only when stderr is
/// a terminal); a spinner when the size is unknown (standard input).
fn progress_bar(quiet: bool, total: Option<u64>) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}"
    } else {
        "{spinner} {elapsed_precise} {bytes} {bytes_per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Extracts a batch of documents on all cores (or resolves the spans they
/// give, with --resolve) and writes them in order.
fn flush(
    ex: &Extractor,
    batch: &mut Vec<Unit>,
    args: &Args,
    out: &mut Output<impl io::Write>,
    stats: &mut Stats,
    progress: &ProgressBar,
) -> io::Result<()> {
    if args.resolve {
        return flush_resolved(ex, batch, args, out, stats, progress);
    }
    let texts: Vec<&str> = batch.iter().map(Unit::text).collect();
    let found = ex.extract_batch(&texts);
    for (unit, mut spans) in batch.iter().zip(found) {
        match unit {
            Unit::Doc(doc) => {
                keep_labels(&mut spans, &args.labels);
                stats.count(doc, &spans);
                out.doc(doc, &spans)?;
            }
            Unit::Window(w) => {
                // Each span is the window's it starts in.
                spans.retain(|s| w.own.contains(&s.start()));
                keep_labels(&mut spans, &args.labels);
                stats.count_window(w, &spans);
                out.window(w, &spans)?;
            }
        }
    }
    batch.clear();
    Ok(())
}

/// Resolves the spans each document of a batch gives, on all cores, and
/// writes them in order; a document whose spans are missing or wrong is
/// reported and skipped.
fn flush_resolved(
    ex: &Extractor,
    batch: &mut Vec<Unit>,
    args: &Args,
    out: &mut Output<impl io::Write>,
    stats: &mut Stats,
    progress: &ProgressBar,
) -> io::Result<()> {
    use rayon::prelude::*;
    let context = if args.with_found { Context::GivenAndFound } else { Context::Given };
    let resolved: Vec<Result<Vec<Span<'_>>, String>> = batch
        .par_iter()
        .map(|unit| {
            // (The reader gives no windows with --resolve: plain text has
            // no spans to resolve.)
            let Unit::Doc(doc) = unit else {
                return Err("--resolve needs a 'spans' array in every document".into());
            };
            let ranges = given_spans(doc)?;
            let ranges = match args.offsets {
                Offsets::Bytes => ranges,
                Offsets::Chars => gazet::byte_ranges(&doc.text, &ranges).map_err(|e| e.to_string())?,
            };
            ex.resolve_spans_with(&doc.text, &ranges, context).map_err(|e| e.to_string())
        })
        .collect();
    for (unit, spans) in batch.iter().zip(resolved) {
        let doc = match unit {
            Unit::Doc(doc) => doc,
            Unit::Window(w) => &w.doc,
        };
        match spans {
            Ok(spans) => {
                stats.count(doc, &spans);
                out.doc(doc, &spans)?;
            }
            Err(e) => {
                progress.suspend(|| eprintln!("extract: {}: {e}", doc.name));
                stats.errors += 1;
            }
        }
    }
    batch.clear();
    Ok(())
}

/// The `spans` a document gives: objects with `start` and `end`, or
/// `[start, end]` pairs.
fn given_spans(doc: &Doc) -> Result<Vec<std::ops::Range<usize>>, String> {
    let Some(serde_json::Value::Array(items)) = doc.extra.get("spans") else {
        return Err("--resolve needs a 'spans' array in every document".into());
    };
    let offset = |v: Option<&serde_json::Value>| v.and_then(serde_json::Value::as_u64).map(|n| n as usize);
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (start, end) = match item {
                serde_json::Value::Object(o) => (offset(o.get("start")), offset(o.get("end"))),
                serde_json::Value::Array(a) if a.len() == 2 => (offset(a.first()), offset(a.get(1))),
                _ => (None, None),
            };
            match (start, end) {
                (Some(s), Some(e)) => Ok(s..e),
                _ => Err(format!("span {i} is not {{\"start\": N, \"end\": N}} with offsets from 0")),
            }
        })
        .collect()
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

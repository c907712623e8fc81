//! Outputs: every format writes documents in input order; GeoJSON and HTML
//! collect the whole input and are written at the end.
//!
//! A file read in windows is written as the same document would be, a
//! window at a time, offsets into the whole file: the table's rows, the
//! json/jsonl object's entities (its `decoded` field, known only at the
//! end, comes after them), the GeoJSON mentions, the CoNLL tokens. Two
//! formats differ: spaCy gets one line per window (spaCy takes a million
//! characters at most), its text and character offsets the window's, its
//! `meta` saying where the window is in the file (`window`, `offset` in
//! bytes, `char_offset` in characters); HTML and `--keep-text` need the
//! whole text and refuse such a file (see main.rs).

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use clap::ValueEnum;
use gazet::{CharIndex, GeoJson, Html, Label, Span};
use serde_json::{json, Value};

use crate::input::Doc;
use crate::window::Window;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table per document (default for plain text), coloured on
    /// a terminal.
    Table,
    /// One JSON array of the documents' objects.
    Json,
    /// One JSON object per line per document (default for JSONL input):
    /// `{"id", <other input fields>, "entities": [...]}`, byte offsets.
    Jsonl,
    /// One GeoJSON FeatureCollection of the resolved places of all input.
    Geojson,
    /// CoNLL: a token per line with its IOB tag, `# id = ...` before each
    /// document that has an id.
    Conll,
    /// The JSONL spaCy and Prodigy read: `{"text", "spans", "meta"}` with
    /// character offsets.
    Spacy,
    /// One HTML page: the texts with entities highlighted and a map of the
    /// resolved places.
    Html,
}

/// Writes documents in one format.
pub struct Output<W: Write> {
    out: W,
    format: Format,
    colour: bool,
    keep_text: bool,
    docs: u64,
    geo: GeoJson,
    html: Html,
    /// The file being written a window at a time.
    windowed: Windowed,
}

/// Where the writing of a file read in windows is.
#[derive(Default)]
struct Windowed {
    /// The file offset where the text the last window wrote ends (CoNLL,
    /// spaCy): its own part's end, or its last span's when further (a name
    /// across the cut is written whole, by the window it starts in).
    written_to: usize,
    /// Characters of the text written so far (spaCy's `char_offset`).
    chars: usize,
    /// Entities written so far (json/jsonl: a comma before the next).
    entities: u64,
}

impl<W: Write> Output<W> {
    pub fn new(out: W, format: Format, colour: bool, keep_text: bool, title: &str) -> Output<W> {
        Output {
            out,
            format,
            colour,
            keep_text,
            docs: 0,
            geo: GeoJson::new(),
            html: Html::new().title(title),
            windowed: Windowed::default(),
        }
    }

    /// Writes (or collects) one document and what was found in it.
    pub fn doc(&mut self, doc: &Doc, spans: &[Span<'_>]) -> io::Result<()> {
        self.docs += 1;
        let out = &mut self.out;
        match self.format {
            Format::Table => {
                if self.docs > 1 {
                    writeln!(out)?;
                }
                if !doc.id.is_null() {
                    writeln!(out, "# {}", doc.name)?;
                }
                table_head(out, self.colour)?;
                table_rows(out, spans, self.colour)?;
            }
            Format::Json | Format::Jsonl => {
                if self.format == Format::Json {
                    out.write_all(if self.docs == 1 { b"[\n" } else { b",\n" })?;
                }
                // `{"id", <passed-through fields>, ("text",) "entities"}`.
                write!(out, "{{\"id\":{}", doc.id)?;
                for (k, v) in &doc.extra {
                    if k != "entities" && k != "text" {
                        out.write_all(b",")?;
                        serde_json::to_writer(&mut *out, k)?;
                        write!(out, ":{v}")?;
                    }
                }
                if self.keep_text {
                    out.write_all(b",\"text\":")?;
                    serde_json::to_writer(&mut *out, &doc.text)?;
                }
                out.write_all(b",\"entities\":")?;
                serde_json::to_writer(&mut *out, spans)?;
                out.write_all(b"}")?;
                if self.format == Format::Jsonl {
                    writeln!(out)?;
                }
            }
            Format::Conll => {
                if !doc.id.is_null() {
                    writeln!(out, "# id = {}", doc.id)?;
                }
                write!(out, "{}", gazet::conll(&doc.text, spans))?;
            }
            Format::Spacy => {
                let mut v = gazet::spacy_json(&doc.text, spans);
                if !doc.id.is_null() || !doc.extra.is_empty() {
                    let mut meta = doc.extra.clone();
                    meta.insert("id".into(), doc.id.clone());
                    v["meta"] = Value::Object(meta);
                }
                serde_json::to_writer(&mut *out, &v)?;
                writeln!(out)?;
            }
            Format::Geojson => self.geo.add(&doc.name, spans),
            Format::Html => self.html.add(&doc.name, &doc.text, spans),
        }
        Ok(())
    }

    /// Writes (or collects) one window of a file read in windows and the
    /// spans that start in its own part (offsets into `w.text`), as the
    /// file's document would be written whole (but for spaCy, a line per
    /// window).
    pub fn window(&mut self, w: &Window, spans: &[Span<'_>]) -> io::Result<()> {
        let (doc, first) = (&*w.doc, w.number == 0);
        if first {
            self.docs += 1;
            self.windowed = Windowed::default();
        }
        // The text this window writes (CoNLL, spaCy): from where the last
        // one's ended to the end of its own part or of its last span.
        let from = self.windowed.written_to.saturating_sub(w.offset).max(w.own.start).min(w.text.len());
        let to = spans.iter().map(Span::end).fold(w.own.end, usize::max).max(from);
        self.windowed.written_to = w.offset + to;
        let shifted = || {
            spans
                .iter()
                .map(|s| s.clone().shifted(w.offset).expect("the window's offsets fit a usize: checked on reading"))
        };
        let out = &mut self.out;
        match self.format {
            Format::Table => {
                if first {
                    if self.docs > 1 {
                        writeln!(out)?;
                    }
                    if !doc.id.is_null() {
                        writeln!(out, "# {}", doc.name)?;
                    }
                    table_head(out, self.colour)?;
                }
                table_rows(out, &shifted().collect::<Vec<_>>(), self.colour)?;
            }
            Format::Json | Format::Jsonl => {
                if first {
                    if self.format == Format::Json {
                        out.write_all(if self.docs == 1 { b"[\n" } else { b",\n" })?;
                    }
                    write!(out, "{{\"id\":{}", doc.id)?;
                    for (k, v) in &doc.extra {
                        out.write_all(b",")?;
                        serde_json::to_writer(&mut *out, k)?;
                        write!(out, ":{v}")?;
                    }
                    out.write_all(b",\"entities\":[")?;
                }
                for s in shifted() {
                    if self.windowed.entities > 0 {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, &s)?;
                    self.windowed.entities += 1;
                }
                if w.last {
                    out.write_all(b"]")?;
                    if let Some(decoded) = &w.decoded {
                        write!(out, ",\"decoded\":{decoded}")?;
                    }
                    out.write_all(b"}")?;
                    if self.format == Format::Jsonl {
                        writeln!(out)?;
                    }
                }
            }
            Format::Conll => {
                if first && !doc.id.is_null() {
                    writeln!(out, "# id = {}", doc.id)?;
                }
                // The window's text before `from` blanked: no tokens there,
                // the spans' offsets unchanged.
                let mut text = " ".repeat(from);
                text.push_str(&w.text[from..to]);
                let mut lines = gazet::conll(&text, spans);
                // CoNLL ends the sentence at the end of its text; at a cut
                // that is no paragraph break, the sentence may go on.
                if !w.last && !ends_sentence(&lines) && !paragraph_break(&w.text, to) {
                    lines.pop();
                }
                out.write_all(lines.as_bytes())?;
            }
            Format::Spacy => {
                let index = CharIndex::new(&w.text);
                let chars =
                    |at: usize| index.char_offset(at).unwrap_or(0).saturating_sub(index.char_offset(from).unwrap_or(0));
                // (Overlapping matching may nest a span in one across the
                // last cut, which the last window wrote: it is left out.)
                let found: Vec<Value> = spans
                    .iter()
                    .filter(|s| s.start() >= from)
                    .map(|s| json!({"start": chars(s.start()), "end": chars(s.end()), "label": s.label().as_str()}))
                    .collect();
                let text = &w.text[from..to];
                if !text.is_empty() || !found.is_empty() {
                    let mut v = json!({"text": text, "spans": found});
                    let mut meta = doc.extra.clone();
                    meta.insert("id".into(), doc.id.clone());
                    meta.insert("window".into(), json!(w.number));
                    meta.insert("offset".into(), json!(w.offset + from));
                    meta.insert("char_offset".into(), json!(self.windowed.chars));
                    if let Some(decoded) = &w.decoded {
                        meta.insert("decoded".into(), decoded.clone());
                    }
                    v["meta"] = Value::Object(meta);
                    serde_json::to_writer(&mut *out, &v)?;
                    writeln!(out)?;
                }
                self.windowed.chars += chars(to);
            }
            Format::Geojson => self.geo.add(&doc.name, &shifted().collect::<Vec<_>>()),
            // (The reader refuses such a file: the page holds whole texts.)
            Format::Html => {
                return Err(io::Error::other(format!("{}: --format html cannot take a file in windows", doc.name)))
            }
        }
        Ok(())
    }

    /// Writes what is collected until the end, and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        match self.format {
            Format::Json => self.out.write_all(if self.docs == 0 { b"[]\n" } else { b"\n]\n" })?,
            Format::Geojson => {
                serde_json::to_writer_pretty(&mut self.out, &self.geo.to_value())?;
                writeln!(self.out)?;
            }
            Format::Html => self.out.write_all(self.html.render().as_bytes())?,
            _ => {}
        }
        self.out.flush()
    }
}

/// Whether CoNLL lines end with a sentence's end (`.`, `!` or `?` outside
/// an entity), which ends the sentence whatever follows.
fn ends_sentence(lines: &str) -> bool {
    let last = lines.trim_end_matches('\n').rsplit('\n').next().unwrap_or("");
    matches!(last, ".\tO" | "!\tO" | "?\tO")
}

/// Whether `text` has a paragraph break at `at`: two newlines among the
/// whitespace around it.
fn paragraph_break(text: &str, at: usize) -> bool {
    let newlines = |c: char| match c {
        '\n' | '\u{85}' | '\u{2028}' => 1,
        '\u{2029}' => 2,
        _ => 0,
    };
    let (before, after) = text.split_at(at);
    let before: usize = before.chars().rev().take_while(|c| c.is_whitespace()).map(newlines).sum();
    let after: usize = after.chars().take_while(|c| c.is_whitespace()).map(newlines).sum();
    before + after >= 2
}

/// The colour of a label in the table.
fn style(label: &Label) -> Style {
    let colour = match label {
        Label::Person => AnsiColor::Blue,
        Label::Place => AnsiColor::Green,
        Label::Organization => AnsiColor::Magenta,
        Label::Nationality => AnsiColor::Yellow,
        _ => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

fn table_head(out: &mut impl Write, colour: bool) -> io::Result<()> {
    let dim = if colour { Style::new().dimmed() } else { Style::new() };
    writeln!(out, "{dim}{:>7} {:>7}  {:<5} {:<28} {:<22} name{dim:#}", "start", "end", "label", "text", "id")
}

fn table_rows(out: &mut impl Write, spans: &[Span<'_>], colour: bool) -> io::Result<()> {
    for s in spans {
        let (id, name) = s.entry().map_or(("", ""), |e| (e.id(), e.name()));
        let text: String = s.as_str().chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        let st = if colour { style(s.label()) } else { Style::new() };
        let label = format!("{:<5}", s.label());
        writeln!(out, "{:>7} {:>7}  {st}{label}{st:#} {:<28} {:<22} {}", s.start(), s.end(), text, id, name)?;
    }
    Ok(())
}

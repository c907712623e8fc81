//! Outputs: every format writes documents in input order; GeoJSON and HTML
//! collect the whole input and are written at the end.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use clap::ValueEnum;
use gazet::{GeoJson, Html, Label, Span};
use serde_json::Value;

use crate::input::Doc;

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
}

impl<W: Write> Output<W> {
    pub fn new(out: W, format: Format, colour: bool, keep_text: bool, title: &str) -> Output<W> {
        Output { out, format, colour, keep_text, docs: 0, geo: GeoJson::new(), html: Html::new().title(title) }
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
                table(out, spans, self.colour)?;
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

fn table(out: &mut impl Write, spans: &[Span<'_>], colour: bool) -> io::Result<()> {
    let dim = if colour { Style::new().dimmed() } else { Style::new() };
    writeln!(out, "{dim}{:>7} {:>7}  {:<5} {:<28} {:<22} name{dim:#}", "start", "end", "label", "text", "id")?;
    for s in spans {
        let (id, name) = s.entry().map_or(("", ""), |e| (e.id(), e.name()));
        let text: String = s.as_str().chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        let st = if colour { style(s.label()) } else { Style::new() };
        let label = format!("{:<5}", s.label());
        writeln!(out, "{:>7} {:>7}  {st}{label}{st:#} {:<28} {:<22} {}", s.start(), s.end(), text, id, name)?;
    }
    Ok(())
}

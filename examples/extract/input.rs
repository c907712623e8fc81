//! Inputs: files, directories (walked recursively, in name order) and
//! standard input, read as plain text (one document per file, or a window
//! at a time when it is large: see `window.rs`) or JSONL (one document per
//! line). Bytes become text as `decode.rs` says.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::decode::Decoding;
use crate::window::{self, Window};

/// Where documents come from.
#[derive(Debug)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    /// How errors and document names refer to this source.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Whether this source is JSONL: `--jsonl`, or a `.jsonl`/`.ndjson` file.
    pub fn is_jsonl(&self, forced: bool) -> bool {
        forced
            || matches!(self, Source::File(p)
                if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson")))
    }

    /// The size in bytes, when known (for the progress bar).
    pub fn len(&self) -> Option<u64> {
        match self {
            Source::Stdin => None,
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
        }
    }
}

/// The sources named on the command line, directories expanded into their
/// files (hidden files and directories skipped, names sorted). Paths that
/// cannot be walked are returned as errors, to be reported; the rest go on.
pub fn sources(inputs: &[PathBuf]) -> (Vec<Source>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if inputs.is_empty() {
        out.push(Source::Stdin);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if input.is_dir() {
            let walk = walkdir::WalkDir::new(input).sort_by_file_name().into_iter();
            for entry in walk.filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
                match entry {
                    Ok(e) if e.file_type().is_file() => out.push(Source::File(e.into_path())),
                    Ok(_) => {}
                    Err(e) => errors.push(format!("{}: {e}", e.path().unwrap_or(input).display())),
                }
            }
        } else {
            // A missing or unreadable file is reported when it is opened.
            out.push(Source::File(input.clone()));
        }
    }
    (out, errors)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// One document.
pub struct Doc {
    /// The document's `id`: the JSONL field (`null` when absent), the file
    /// path for a text file, `null` for text on standard input.
    pub id: Value,
    /// How maps and headings name the document: its id, else `source:line`.
    pub name: String,
    pub text: String,
    /// The other fields of a JSONL document, passed through to the output.
    pub extra: Map<String, Value>,
}

/// What reading a source yields: documents, windows of a large plain-text
/// file, errors to report, warnings to report (the document still comes),
/// and the number of bytes consumed (for the progress bar).
pub enum Item {
    Doc(Doc, u64),
    Window(Window, u64),
    Error(String, u64),
    Warning(String),
}

/// How plain text is read: whole, or in windows when it is large.
#[derive(Clone, Debug)]
pub struct Plain {
    /// A file larger than this many bytes is read in windows of about this
    /// size; 0: every file whole.
    pub window: usize,
    /// Why the output cannot take a file in windows (it needs the whole
    /// text), when it cannot: such a file is then reported, not read.
    pub whole_text_needed: Option<String>,
}

/// Reads every document of `source`, calling `each` in input order; stops
/// at the first error `each` returns (an output error).
pub fn read(
    source: &Source,
    jsonl: bool,
    plain: &Plain,
    decoding: Decoding,
    mut each: impl FnMut(Item) -> io::Result<()>,
) -> io::Result<()> {
    let name = source.name();
    let reader: Box<dyn Read> = match source {
        Source::Stdin => Box::new(io::stdin()),
        Source::File(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return each(Item::Error(format!("{name}: {e}"), source.len().unwrap_or(0))),
        },
    };
    if !jsonl {
        return read_plain(source, reader, plain, decoding, &mut each);
    }
    if let Some(encoding) = decoding.declared().filter(|e| !e.is_ascii_compatible()) {
        // UTF-16 lines cannot be cut at the byte 0x0A.
        let message =
            format!("{name}: JSONL cannot be read as {}: its lines are not cut at a newline byte", encoding.name());
        return each(Item::Error(message, source.len().unwrap_or(0)));
    }
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let mut buf = Vec::new();
    for number in 1.. {
        buf.clear();
        let got = match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => n as u64,
            Err(e) => return each(Item::Error(format!("{name}:{number}: {e}"), 0)),
        };
        let (line, decoded) = decoding.decode(std::mem::take(&mut buf), &format!("{name}:{number}"), true);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let field = match decoded {
            Some((warning, field)) => {
                if !warning.is_empty() {
                    each(Item::Warning(warning))?;
                }
                Some(field)
            }
            None => None,
        };
        each(match parse_doc(line) {
            Ok((id, text, mut extra)) => {
                if let Some(field) = field {
                    extra.insert("decoded".to_string(), field);
                }
                let doc_name = match &id {
                    Value::String(s) => s.clone(),
                    Value::Null => format!("{name}:{number}"),
                    other => other.to_string(),
                };
                Item::Doc(Doc { id, name: doc_name, text, extra }, got)
            }
            Err(e) => Item::Error(format!("{name}:{number}: {e}"), got),
        })?;
    }
    Ok(())
}

/// Reads a plain-text source: whole, as one document, when it is no larger
/// than a window (or windows are off), else a window at a time.
fn read_plain(
    source: &Source,
    reader: Box<dyn Read>,
    plain: &Plain,
    decoding: Decoding,
    each: &mut impl FnMut(Item) -> io::Result<()>,
) -> io::Result<()> {
    let name = source.name();
    let id = match source {
        Source::Stdin => Value::Null,
        Source::File(_) => Value::String(name.clone()),
    };
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    // The first window and one byte more tell whether the text is larger.
    let mut bytes = Vec::new();
    let got = match plain.window {
        0 => reader.read_to_end(&mut bytes),
        n => (&mut reader).take(n as u64 + 1).read_to_end(&mut bytes),
    };
    if let Err(e) = got {
        return each(Item::Error(format!("{name}: {e}"), source.len().unwrap_or(bytes.len() as u64)));
    }
    if plain.window == 0 || bytes.len() <= plain.window {
        let len = bytes.len() as u64;
        let (text, decoded) = decoding.decode(bytes, &name, false);
        let mut extra = Map::new();
        if let Some((warning, field)) = decoded {
            if !warning.is_empty() {
                each(Item::Warning(warning))?;
            }
            extra.insert("decoded".to_string(), field);
        }
        return each(Item::Doc(Doc { id, name, text, extra }, len));
    }
    if let Some(why) = &plain.whole_text_needed {
        return each(Item::Error(format!("{name}: {why}"), source.len().unwrap_or(0)));
    }
    let doc = Doc { id, name, text: String::new(), extra: Map::new() };
    window::read(reader, bytes, doc, plain.window, decoding, each)
}

/// A JSONL line: an object with a string `text`; its `id` (or `null`) and
/// its other fields.
fn parse_doc(line: &str) -> Result<(Value, String, Map<String, Value>), String> {
    let Value::Object(mut map) = serde_json::from_str(line).map_err(|e| e.to_string())? else {
        return Err("not a JSON object".into());
    };
    let text = match map.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err("field 'text' is not a string".into()),
        None => return Err("no 'text' field".into()),
    };
    let id = map.remove("id").unwrap_or(Value::Null);
    Ok((id, text, map))
}

//! Inputs: files, directories (walked recursively, in name order) and
//! standard input, read as plain text (one document per file) or JSONL (one
//! document per line).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use serde_json::{Map, Value};

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

/// What reading a source yields: documents, errors to report, and the
/// number of bytes consumed (for the progress bar).
pub enum Item {
    Doc(Doc, u64),
    Error(String, u64),
}

/// Reads every document of `source`, calling `each` in input order; stops
/// at the first error `each` returns (an output error).
pub fn read(source: &Source, jsonl: bool, mut each: impl FnMut(Item) -> io::Result<()>) -> io::Result<()> {
    let name = source.name();
    let reader: Box<dyn Read> = match source {
        Source::Stdin => Box::new(io::stdin()),
        Source::File(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => return each(Item::Error(format!("{name}: {e}"), source.len().unwrap_or(0))),
        },
    };
    if !jsonl {
        let mut text = String::new();
        let got = BufReader::new(reader).read_to_string(&mut text);
        let len = text.len() as u64;
        return each(match got {
            Ok(_) => {
                let id = match source {
                    Source::Stdin => Value::Null,
                    Source::File(_) => Value::String(name.clone()),
                };
                Item::Doc(Doc { id, name, text, extra: Map::new() }, len)
            }
            Err(e) => Item::Error(format!("{name}: {e}"), source.len().unwrap_or(len)),
        });
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
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim_end_matches(['\n', '\r']),
            Err(e) => {
                each(Item::Error(format!("{name}:{number}: invalid UTF-8: {e}"), got))?;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        each(match parse_doc(line) {
            Ok((id, text, extra)) => {
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

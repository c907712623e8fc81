//! Inputs: files, directories (walked recursively, in name order) and
//! standard input, read as plain text (one document per file) or JSONL (one
//! document per line).
//!
//! Bytes become text in one of two ways. With no declared encoding they
//! must be UTF-8; bytes that are not are read lossily (each bad sequence
//! becomes U+FFFD) with a warning naming the source and the byte offset of
//! the first bad sequence, instead of losing the document. With a declared
//! encoding (`--encoding windows-1251`) they are decoded from it. Either
//! way the spans' offsets are then into the decoded text, not the file's
//! bytes, and the document's output says so in a `decoded` field.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use encoding_rs::Encoding;
use serde_json::{json, Map, Value};

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

/// What reading a source yields: documents, errors to report, warnings to
/// report (the document still comes), and the number of bytes consumed
/// (for the progress bar).
pub enum Item {
    Doc(Doc, u64),
    Error(String, u64),
    Warning(String),
}

/// How bytes become text: UTF-8, or a declared encoding.
#[derive(Clone, Copy, Debug)]
pub struct Decoding(Option<&'static Encoding>);

impl Decoding {
    /// The encoding a label names (`windows-1251`, `cp1254`, `latin1`,
    /// `koi8-r`...: the WHATWG Encoding Standard's labels); UTF-8 with no
    /// label.
    pub fn new(label: Option<&str>) -> Result<Decoding, String> {
        match label {
            None => Ok(Decoding(None)),
            Some(l) => match Encoding::for_label(l.trim().as_bytes()) {
                Some(e) => Ok(Decoding(Some(e))),
                None => Err(format!("--encoding: unknown encoding {l:?} (try windows-1251, windows-1254, iso-8859-1, koi8-r, shift_jis)")),
            },
        }
    }

    /// The text of `bytes`, and when it is not the bytes as they are (a
    /// declared encoding, or UTF-8 with bad sequences) a warning and the
    /// `decoded` field for the document's output. `at` names the bytes in
    /// the warning (`file`, `file:line`).
    fn decode(self, bytes: Vec<u8>, at: &str, of_line: bool) -> (String, Option<(String, Value)>) {
        let of = if of_line { " of the line" } else { "" };
        match self.0 {
            None => match String::from_utf8(bytes) {
                Ok(text) => (text, None),
                Err(e) => {
                    let offset = e.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let warning = format!(
                        "{at}: invalid UTF-8 at byte {offset}{of}; read with U+FFFD for each bad sequence \
                         (offsets are into the decoded text; --encoding names a legacy encoding)"
                    );
                    let field = json!({"encoding": "UTF-8", "lossy": true, "first_invalid_byte": offset,
                        "offsets": "into the decoded text"});
                    (text, Some((warning, field)))
                }
            },
            Some(encoding) => {
                let (text, used, had_errors) = encoding.decode(&bytes);
                let mut field = json!({"encoding": used.name(), "offsets": "into the decoded text"});
                let warning = if had_errors {
                    // The first sequence the encoding cannot decode: where
                    // decoding up to it has no error.
                    let offset = first_error(used, &bytes);
                    field["lossy"] = Value::Bool(true);
                    field["first_invalid_byte"] = json!(offset);
                    format!(
                        "{at}: invalid {} at byte {offset}{of}; read with U+FFFD for each bad sequence",
                        used.name()
                    )
                } else {
                    String::new()
                };
                (text.into_owned(), Some((warning, field)))
            }
        }
    }
}

/// The byte offset of the first sequence `encoding` cannot decode in
/// `bytes` (its length when there is none).
fn first_error(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3));
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::Malformed(bad, pending) => {
                return read.saturating_sub(bad as usize + pending as usize);
            }
            encoding_rs::DecoderResult::InputEmpty => return bytes.len(),
            encoding_rs::DecoderResult::OutputFull => {
                out.reserve(bytes.len() - read + 16);
            }
        }
    }
}

/// Reads every document of `source`, calling `each` in input order; stops
/// at the first error `each` returns (an output error).
pub fn read(
    source: &Source,
    jsonl: bool,
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
        let mut bytes = Vec::new();
        let got = BufReader::new(reader).read_to_end(&mut bytes);
        let len = bytes.len() as u64;
        return match got {
            Ok(_) => {
                let id = match source {
                    Source::Stdin => Value::Null,
                    Source::File(_) => Value::String(name.clone()),
                };
                let (text, decoded) = decoding.decode(bytes, &name, false);
                let mut extra = Map::new();
                if let Some((warning, field)) = decoded {
                    if !warning.is_empty() {
                        each(Item::Warning(warning))?;
                    }
                    extra.insert("decoded".to_string(), field);
                }
                each(Item::Doc(Doc { id, name, text, extra }, len))
            }
            Err(e) => each(Item::Error(format!("{name}: {e}"), source.len().unwrap_or(len))),
        };
    }
    if let Some(encoding) = decoding.0.filter(|e| !e.is_ascii_compatible()) {
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

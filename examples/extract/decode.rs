//! How bytes become text: UTF-8, or a declared encoding; all at once (a
//! document) or piece by piece (a file read in windows).
//!
//! With no declared encoding the bytes must be UTF-8; bytes that are not
//! are read lossily (each bad sequence becomes U+FFFD) with a warning
//! naming the source and the byte offset of the first bad sequence, instead
//! of losing the document. With a declared encoding (`--encoding
//! windows-1251`) they are decoded from it (a byte order mark, if any,
//! decides and is dropped). Either way the spans' offsets are then into the
//! decoded text, not the file's bytes, and the document's output says so in
//! a `decoded` field.

use encoding_rs::{DecoderResult, Encoding, UTF_8};
use serde_json::{json, Value};

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

    /// The declared encoding, if any.
    pub fn declared(self) -> Option<&'static Encoding> {
        self.0
    }

    /// The text of `bytes`, and when it is not the bytes as they are (a
    /// declared encoding, or UTF-8 with bad sequences) a warning (empty
    /// when there is nothing to warn of) and the `decoded` field for the
    /// document's output. `at` names the bytes in the warning (`file`,
    /// `file:line`).
    pub fn decode(self, bytes: Vec<u8>, at: &str, of_line: bool) -> (String, Option<(String, Value)>) {
        match self.0 {
            None => match String::from_utf8(bytes) {
                Ok(text) => (text, None),
                Err(e) => {
                    let offset = e.utf8_error().valid_up_to() as u64;
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    (text, report(None, Some(offset), at, of_line))
                }
            },
            Some(encoding) => {
                let (text, used, had_errors) = encoding.decode(&bytes);
                let first = had_errors.then(|| first_error(used, &bytes));
                (text.into_owned(), report(Some(used), first, at, of_line))
            }
        }
    }
}

/// The warning (empty when there is nothing to warn of) and the `decoded`
/// field for text decoded with `encoding` (`None`: UTF-8 with no declared
/// encoding) whose first bad sequence, if any, starts at byte `first`;
/// `None` when the text is the bytes as they are.
fn report(encoding: Option<&'static Encoding>, first: Option<u64>, at: &str, of_line: bool) -> Option<(String, Value)> {
    let of = if of_line { " of the line" } else { "" };
    match (encoding, first) {
        (None, None) => None,
        (None, Some(offset)) => {
            let warning = format!(
                "{at}: invalid UTF-8 at byte {offset}{of}; read with U+FFFD for each bad sequence \
                 (offsets are into the decoded text; --encoding names a legacy encoding)"
            );
            let field = json!({"encoding": "UTF-8", "lossy": true, "first_invalid_byte": offset,
                "offsets": "into the decoded text"});
            Some((warning, field))
        }
        (Some(encoding), first) => {
            let mut field = json!({"encoding": encoding.name(), "offsets": "into the decoded text"});
            let warning = match first {
                Some(offset) => {
                    field["lossy"] = Value::Bool(true);
                    field["first_invalid_byte"] = json!(offset);
                    format!(
                        "{at}: invalid {} at byte {offset}{of}; read with U+FFFD for each bad sequence",
                        encoding.name()
                    )
                }
                None => String::new(),
            };
            Some((warning, field))
        }
    }
}

/// The byte offset of the first sequence `encoding` cannot decode in
/// `bytes` (its length when there is none).
fn first_error(encoding: &'static Encoding, bytes: &[u8]) -> u64 {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(bytes.len() * 3));
    let mut read = 0;
    loop {
        let (result, n) = decoder.decode_to_string_without_replacement(&bytes[read..], &mut out, true);
        read += n;
        match result {
            DecoderResult::Malformed(bad, pending) => {
                return read.saturating_sub(bad as usize + pending as usize) as u64;
            }
            DecoderResult::InputEmpty => return bytes.len() as u64,
            DecoderResult::OutputFull => {
                out.reserve(bytes.len() - read + 16);
            }
        }
    }
}

/// Bytes decoded as they come, in pieces of any size: the text is the one
/// [`Decoding::decode`] gives for all of them at once (a character cut
/// between two pieces is decoded whole, a bad sequence becomes U+FFFD), so
/// a file can be read a window at a time.
pub struct Stream {
    decoding: Decoding,
    decoder: encoding_rs::Decoder,
    /// Bytes decoded so far.
    read: u64,
    /// Where the first sequence that could not be decoded starts.
    first_invalid: Option<u64>,
}

impl Stream {
    pub fn new(decoding: Decoding) -> Stream {
        let decoder = match decoding.0 {
            // As `String::from_utf8`: a byte order mark is text (U+FEFF).
            None => UTF_8.new_decoder_without_bom_handling(),
            // As `Encoding::decode`: a byte order mark decides, and goes.
            Some(encoding) => encoding.new_decoder(),
        };
        Stream { decoding, decoder, read: 0, first_invalid: None }
    }

    /// Decodes `bytes` onto the end of `out`; `last` when no bytes follow
    /// (an incomplete sequence at the end is then bad). Returns the
    /// warning to give when these bytes hold the first bad sequence of the
    /// source that `at` names.
    pub fn push(&mut self, mut bytes: &[u8], last: bool, out: &mut String, at: &str) -> Option<String> {
        let had_bad = self.first_invalid.is_some();
        loop {
            let room = self.decoder.max_utf8_buffer_length_without_replacement(bytes.len());
            out.reserve(room.unwrap_or(bytes.len().saturating_mul(3)).saturating_add(16));
            let (result, n) = self.decoder.decode_to_string_without_replacement(bytes, out, last);
            self.read += n as u64;
            bytes = &bytes[n..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, pending) => {
                    // The bad sequence may have begun in an earlier piece.
                    self.first_invalid.get_or_insert(self.read.saturating_sub(u64::from(bad) + u64::from(pending)));
                    out.push('\u{FFFD}');
                }
            }
        }
        if had_bad {
            return None;
        }
        self.report(at).map(|(warning, _)| warning).filter(|w| !w.is_empty())
    }

    /// The `decoded` field of the document's output, once every byte is
    /// pushed; `None` when the text is the bytes as they are.
    pub fn field(&self, at: &str) -> Option<Value> {
        self.report(at).map(|(_, field)| field)
    }

    fn report(&self, at: &str) -> Option<(String, Value)> {
        // The encoding a byte order mark chose, when one did.
        let used = self.decoding.0.map(|_| self.decoder.encoding());
        report(used, self.first_invalid, at, false)
    }
}

//! Windows: a plain-text file too large to hold whole, read a window at a
//! time so that memory stays that of a window, whatever the file's size.
//!
//! A window's own part runs from where the last one's ended to the first
//! paragraph break (a blank line: empty or only whitespace) after the
//! target size; failing one within another target size, to the first
//! newline after it; failing that, to the first whitespace; failing all
//! three (a run of text without a space), to a character boundary. Cuts are
//! made in the decoded text, so no character is ever split.
//!
//! Each window is extracted with context on both sides, at most the target
//! size and at most [`CONTEXT`] bytes each: before, the paragraphs before
//! its own part (so that rules reading what was said earlier, and
//! resolution, see them); after, the text up to the next paragraph break
//! (so that a name across a cut that is not a paragraph break is found
//! whole). Only the spans that start in the own part are reported: each
//! span is reported once, by the window it starts in, and whole.

use std::io::{self, Read};
use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use crate::decode::{Decoding, Stream};
use crate::input::{Doc, Item};

/// At most this many bytes of context on each side of a window's own part.
pub const CONTEXT: usize = 64 << 10;

/// Bytes read from the file at a time.
const CHUNK: usize = 1 << 20;

/// One window of a file read in windows.
pub struct Window {
    /// The file's document (its text left empty), shared by its windows.
    pub doc: Arc<Doc>,
    /// The window's number in its file, from 0.
    pub number: usize,
    /// The text extracted: context, own part, context.
    pub text: String,
    /// The byte offset of `text` in the file's (decoded) text.
    pub offset: usize,
    /// The own part, in `text`: the spans reported start in it.
    pub own: Range<usize>,
    /// Whether it is the file's last window.
    pub last: bool,
    /// On the last window, the document's `decoded` field, if any (known
    /// only once every byte is read).
    pub decoded: Option<Value>,
}

/// Reads the rest of a plain-text file in windows of about `size` bytes,
/// `head` (its first bytes, already read) first, calling `each` with every
/// window in order and with the warnings of decoding; a read error ends the
/// file after the windows of what was read, and is reported. Stops at the
/// first error `each` returns (an output error).
pub fn read(
    mut reader: impl Read,
    head: Vec<u8>,
    doc: Doc,
    size: usize,
    decoding: Decoding,
    each: &mut impl FnMut(Item) -> io::Result<()>,
) -> io::Result<()> {
    let size = size.max(1);
    let context = size.min(CONTEXT);
    // Text needed past a window's start before it can be cut: its own part
    // at the longest and the context after it.
    let want = size.saturating_mul(2).saturating_add(context);
    let name = doc.name.clone();
    let doc = Arc::new(doc);
    let mut stream = Stream::new(decoding);
    // The decoded text from the context of the next window on; `base` is
    // its offset in the file's text, `own` where the next own part starts.
    let mut text = String::new();
    let mut base: u64 = 0;
    let mut own = 0;
    let mut chunk = vec![0u8; CHUNK];
    let mut eof = false;
    let mut failed = None;
    // Bytes read since the last window (for the progress bar).
    let mut read = head.len() as u64;
    if let Some(warning) = stream.push(&head, false, &mut text, &name) {
        each(Item::Warning(warning))?;
    }
    drop(head);
    for number in 0.. {
        while !eof && text.len() - own < want {
            let n = match reader.read(&mut chunk) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    failed = Some(e);
                    0
                }
            };
            eof = n == 0;
            read += n as u64;
            if let Some(warning) = stream.push(&chunk[..n], eof, &mut text, &name) {
                each(Item::Warning(warning))?;
            }
        }
        // Where the own part ends, and whether it is the last.
        let cut = if text.len() - own <= size {
            text.len()
        } else {
            let (from, limit) = (own + size, (own + 2 * size).min(text.len()));
            find_break(&text, from, limit).unwrap_or_else(|| ceil_boundary(&text, limit))
        };
        let last = eof && cut == text.len();
        // The context: whole paragraphs before, the rest of the paragraph
        // after.
        let start = match own {
            0 => 0,
            _ => find_break(&text, own.saturating_sub(context), own)
                .unwrap_or_else(|| ceil_boundary(&text, own.saturating_sub(context))),
        };
        let end = match last {
            true => cut,
            false => {
                let limit = cut.saturating_add(context).min(text.len());
                find_break(&text, cut + 1, limit).unwrap_or_else(|| ceil_boundary(&text, limit))
            }
        };
        let Some(offset) = base
            .checked_add(start as u64)
            .and_then(|o| usize::try_from(o).ok())
            .filter(|o| o.checked_add(end - start).is_some())
        else {
            return each(Item::Error(format!("{name}: too large for this platform's offsets"), 0));
        };
        let window = Window {
            doc: Arc::clone(&doc),
            number,
            text: text[start..end].to_string(),
            offset,
            own: own - start..cut - start,
            last,
            decoded: if last { stream.field(&name) } else { None },
        };
        each(Item::Window(window, std::mem::take(&mut read)))?;
        if last {
            break;
        }
        // Keep the text from the next window's context on.
        own = cut;
        let keep = floor_boundary(&text, own.saturating_sub(context));
        text.drain(..keep);
        base += keep as u64;
        own -= keep;
    }
    match failed {
        Some(e) => each(Item::Error(format!("{name}: {e} (the text before it was read)"), 0)),
        None => Ok(()),
    }
}

/// The first place in `text[from..limit]` where a window may end: just
/// after a blank line (a paragraph break), else just after a newline, else
/// just after a whitespace character; `None` when there is none.
pub fn find_break(text: &str, from: usize, limit: usize) -> Option<usize> {
    let limit = floor_boundary(text, limit.min(text.len()));
    let from = ceil_boundary(text, from);
    if from >= limit {
        return None;
    }
    // A newline at `from - 1` ends a line at `from`.
    let first = from.saturating_sub(1);
    let mut newline = None;
    for i in memchr::memchr_iter(b'\n', &text.as_bytes()[first..limit - 1]).map(|i| first + i) {
        newline.get_or_insert(i + 1);
        // A blank line: only whitespace between this newline and the last.
        if text[..i].trim_end_matches(|c: char| c.is_whitespace() && c != '\n').ends_with('\n') {
            return Some(i + 1);
        }
    }
    newline.or_else(|| {
        text[from..limit]
            .char_indices()
            .find(|&(_, c)| c.is_whitespace())
            .map(|(i, c)| from + i + c.len_utf8())
            .filter(|&p| p < limit)
    })
}

/// `at`, or the nearest character boundary before it.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at`, or the nearest character boundary after it.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::find_break;

    #[test]
    fn breaks_prefer_paragraphs_then_lines_then_spaces() {
        let cases: &[(&str, usize, usize, Option<&str>)] = &[
            // (text, from, limit, the text before the break)
            ("One.\nTwo.\n\nThree.\n", 0, 19, Some("One.\nTwo.\n\n")),
            ("One.\nTwo.\r\n \t\r\nThree.", 0, 21, Some("One.\nTwo.\r\n \t\r\n")),
            ("One.\nTwo.\n\nThree.\n", 12, 18, None),
            ("One two.\nThree four.", 3, 21, Some("One two.\n")),
            ("Bakı və Ağdam", 0, 16, Some("Bakı ")),
            ("Bakı və Ağdam", 7, 16, Some("Bakı və ")),
            // Inside 'ə': from the next character on.
            ("Bakı və Ağdam", 8, 16, Some("Bakı və ")),
            ("Ağdam", 0, 6, None),
            // A break at `from` counts; one at `limit` does not.
            ("a\n\nb", 3, 4, Some("a\n\n")),
            ("a\n\nb", 0, 3, Some("a\n")),
        ];
        for &(text, from, limit, want) in cases {
            let got = find_break(text, from, limit).map(|p| &text[..p]);
            assert_eq!(got, want, "{text:?} from {from} to {limit}");
        }
    }
}

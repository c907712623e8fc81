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
//! Each window is extracted with context on both sides, at most
//! [`CONTEXT`] bytes each (or the target size, if less, but room for the
//! longest names): before, the paragraphs before
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

/// At most this many bytes of context on each side of a window's own part
/// (or the window's size, if less, but at least [`MIN_CONTEXT`]).
pub const CONTEXT: usize = 64 << 10;

/// At least this many bytes of context, whatever the window's size: room
/// for the longest names.
const MIN_CONTEXT: usize = 256;

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
    let context = size.clamp(MIN_CONTEXT, CONTEXT);
    // How far past the target a cut is looked for.
    let reach = size.max(MIN_CONTEXT);
    // Text needed past a window's start before it can be cut: its own part
    // at the longest and the context after it.
    let want = size.saturating_add(reach).saturating_add(context);
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
            let from = own.saturating_add(size);
            let limit = from.saturating_add(reach).min(text.len());
            if eof && limit == text.len() {
                // The end of the text is as good a cut as a paragraph break.
                paragraph_break(&text, ceil_boundary(&text, from), limit).unwrap_or(limit)
            } else {
                find_break(&text, from, limit).unwrap_or_else(|| ceil_boundary(&text, limit))
            }
        };
        let last = eof && cut == text.len();
        // The context: whole paragraphs before, the rest of the paragraph
        // after.
        let start = match own.checked_sub(context) {
            // The file's start is a paragraph's.
            None if base == 0 => 0,
            _ => {
                let from = own.saturating_sub(context);
                find_break(&text, from, own).unwrap_or_else(|| ceil_boundary(&text, from))
            }
        };
        let end = if last {
            cut
        } else {
            let limit = cut.saturating_add(context).min(text.len());
            after_context(&text, cut, limit, eof)
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
    let (from, limit) = (ceil_boundary(text, from), floor_boundary(text, limit));
    // A newline at `from - 1` ends a line at `from`. (A newline byte is
    // never part of a longer character.)
    let first = from.saturating_sub(1);
    let newline = || memchr::memchr(b'\n', text.as_bytes().get(first..limit.saturating_sub(1))?).map(|i| first + i + 1);
    paragraph_break(text, from, limit).or_else(newline).or_else(|| {
        let space = text.get(from..limit)?.char_indices().find(|&(_, c)| c.is_whitespace());
        space.map(|(i, c)| from + i + c.len_utf8()).filter(|&p| p < limit)
    })
}

/// Where the context after a window's own part, cut at `cut`, ends: at the
/// next paragraph break (nothing matches across one), else as far towards
/// `limit` as whitespace allows (to the end of the text when it is there and
/// `eof`).
fn after_context(text: &str, cut: usize, limit: usize, eof: bool) -> usize {
    let limit = floor_boundary(text, limit);
    if let Some(p) = paragraph_break(text, ceil_boundary(text, cut + 1), limit) {
        return p;
    }
    if eof && limit == text.len() {
        return limit;
    }
    let space = text[cut..limit].char_indices().rev().find(|&(_, c)| c.is_whitespace());
    space.map_or(limit, |(i, c)| cut + i + c.len_utf8())
}

/// The first place in `text[from..limit]` just after a blank line (empty
/// or only whitespace), where a paragraph starts; `from` and `limit` on
/// character boundaries.
fn paragraph_break(text: &str, from: usize, limit: usize) -> Option<usize> {
    if from >= limit {
        return None;
    }
    // A newline at `from - 1` ends a line at `from`.
    let first = from.saturating_sub(1);
    memchr::memchr_iter(b'\n', &text.as_bytes()[first..limit - 1]).map(|i| first + i).find_map(|i| {
        // A blank line: only whitespace between this newline and the last.
        let line = text[..i].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        line.ends_with('\n').then_some(i + 1)
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

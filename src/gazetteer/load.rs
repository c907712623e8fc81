//! Loader options and the line reader shared by the file formats.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use hashbrown::HashTable;

use super::entry::Entry;
use super::geonames::GeoNamesFiles;
use crate::error::{LoadError, LoadErrorKind, Location};

/// Reads gazetteer files: our TSV, JSONL, and the GeoNames dump format.
///
/// By default the first malformed line stops loading with a [`LoadError`]
/// that names the file, line and column. In lenient mode bad lines are
/// skipped, and each one is reported in [`Loaded::skipped`] with its line
/// number and what is wrong: nothing is dropped silently.
///
/// # Example
///
/// ```
/// use gazet::Loader;
///
/// let tsv = "id\tname\tlabel\tlat\tlon\n\
///            gn:587084\tBaku\tLOC\t40.37767\t49.89201\n\
///            bad:1\tNowhere\tLOC\t123\t0\n\
///            per:aliyev\tIlham Aliyev\tPER\t\t\n";
/// // Strict: the bad latitude stops loading, and the error says where.
/// let err = Loader::new().tsv_reader(tsv.as_bytes(), None).unwrap_err();
/// assert_eq!(err.to_string(), "<input>:3:19: latitude 123 is outside [-90, 90]");
/// // Lenient: the line is skipped and reported.
/// let loaded = Loader::new().lenient(true).tsv_reader(tsv.as_bytes(), None)?;
/// assert_eq!(loaded.entries().len(), 2);
/// assert_eq!(loaded.skipped()[0].location().line(), Some(3));
/// # Ok::<(), gazet::LoadError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Loader {
    lenient: bool,
}

/// What a [`Loader`] read: the entries, and the lines it skipped in
/// lenient mode.
#[derive(Debug, Default)]
pub struct Loaded {
    pub(crate) entries: Vec<Entry>,
    pub(crate) skipped: Vec<LoadError>,
    pub(crate) dropped_aliases: u64,
}

impl Loaded {
    /// The entries read.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Takes the entries.
    pub fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// One error per skipped line, each with its location (always empty
    /// unless the loader is lenient).
    pub fn skipped(&self) -> &[LoadError] {
        &self.skipped
    }

    /// GeoNames alternate names left out because they have no letter or
    /// digit or are too long (the row itself was kept).
    pub fn dropped_aliases(&self) -> u64 {
        self.dropped_aliases
    }

    pub(crate) fn append(&mut self, other: Loaded) {
        self.entries.extend(other.entries);
        self.skipped.extend(other.skipped);
        self.dropped_aliases += other.dropped_aliases;
    }
}

impl Loader {
    /// A strict loader.
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Skips malformed lines (reporting each in [`Loaded::skipped`]) instead
    /// of failing on the first.
    pub fn lenient(mut self, yes: bool) -> Loader {
        self.lenient = yes;
        self
    }

    /// Loads a file, choosing the format from its extension: `.tsv` (our
    /// TSV), `.jsonl` or `.ndjson` (JSONL), `.txt` (GeoNames dump); TSV and
    /// JSONL may be gzip-compressed (`.tsv.gz`, `.jsonl.gz`).
    ///
    /// # Errors
    /// When the file cannot be read, the extension is unknown, or (unless
    /// lenient) a line is malformed.
    pub fn path<P: AsRef<Path>>(&self, path: P) -> Result<Loaded, LoadError> {
        let path = path.as_ref();
        let name = path.file_name().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        let ext = name.rsplit('.').next().unwrap_or("");
        if let Some(inner) = name.strip_suffix(".gz") {
            let reader = flate2::read::MultiGzDecoder::new(open(path)?);
            return match inner.rsplit('.').next().unwrap_or("") {
                "tsv" => self.tsv_reader(reader, Some(path)),
                "jsonl" | "ndjson" => self.jsonl_reader(reader, Some(path)),
                _ => Err(unknown_format(path)),
            };
        }
        match ext {
            "tsv" => self.tsv_path(path),
            "jsonl" | "ndjson" => self.jsonl_path(path),
            "txt" => self.geonames(&GeoNamesFiles::new(path)),
            _ => Err(unknown_format(path)),
        }
    }

    /// Loads our TSV format from a file (see the README for the columns).
    ///
    /// # Errors
    /// When the file cannot be read or (unless lenient) a line is malformed.
    pub fn tsv_path<P: AsRef<Path>>(&self, path: P) -> Result<Loaded, LoadError> {
        let path = path.as_ref();
        self.tsv_reader(open(path)?, Some(path))
    }

    /// Loads our TSV format from a reader; `path` names it in errors.
    ///
    /// # Errors
    /// When reading fails or (unless lenient) a line is malformed.
    pub fn tsv_reader<R: Read>(&self, reader: R, path: Option<&Path>) -> Result<Loaded, LoadError> {
        super::tsv::load(self, reader, path)
    }

    /// Loads JSONL, one entry per line, from a file.
    ///
    /// # Errors
    /// When the file cannot be read or (unless lenient) a line is malformed.
    pub fn jsonl_path<P: AsRef<Path>>(&self, path: P) -> Result<Loaded, LoadError> {
        let path = path.as_ref();
        self.jsonl_reader(open(path)?, Some(path))
    }

    /// Loads JSONL from a reader; `path` names it in errors.
    ///
    /// # Errors
    /// When reading fails or (unless lenient) a line is malformed.
    pub fn jsonl_reader<R: Read>(&self, reader: R, path: Option<&Path>) -> Result<Loaded, LoadError> {
        super::jsonl::load(self, reader, path)
    }

    /// Loads a GeoNames dump (`allCountries.txt`, `cities500.txt`...) with
    /// its optional companion files.
    ///
    /// # Errors
    /// When a file cannot be read or (unless lenient) a line is malformed.
    pub fn geonames(&self, files: &GeoNamesFiles) -> Result<Loaded, LoadError> {
        super::geonames::load(self, files)
    }

    /// Runs `parse` on every line of `reader` that is not blank, giving it the
    /// line number and text. Errors are located; in lenient mode they are
    /// collected in `out.skipped`, otherwise the first one is returned.
    pub(crate) fn for_each_line<R: Read>(
        &self,
        reader: R,
        path: Option<&Path>,
        out: &mut Loaded,
        mut parse: impl FnMut(u64, &str, &mut Loaded) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut buf = Vec::new();
        let mut line_no = 0u64;
        loop {
            buf.clear();
            let n = reader
                .read_until(b'\n', &mut buf)
                .map_err(|e| LoadError::new(LoadErrorKind::Io(e)).at(Location::new(path, Some(line_no + 1), None)))?;
            if n == 0 {
                return Ok(());
            }
            line_no += 1;
            while matches!(buf.last(), Some(b'\n' | b'\r')) {
                buf.pop();
            }
            let bytes = if line_no == 1 { buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf) } else { &buf };
            let result = match std::str::from_utf8(bytes) {
                Ok(line) if line.trim().is_empty() => Ok(()),
                Ok(line) => parse(line_no, line, out),
                Err(e) => Err(invalid_utf8(bytes, &e)),
            };
            if let Err(e) = result {
                let e = e.within(path, Some(line_no));
                if self.lenient && !e.is_fatal() {
                    out.skipped.push(e);
                } else {
                    return Err(e);
                }
            }
        }
    }
}

/// Bytes read at a time by the loaders that parse while they read (a few
/// lines in the unit tests, so that they cross block edges).
#[cfg(not(test))]
const BLOCK: usize = 4 << 20;
#[cfg(test)]
const BLOCK: usize = 100;

/// Appends up to [`BLOCK`] bytes of `reader` to `buf`; true at the end of
/// the input.
pub(crate) fn read_block<R: Read>(reader: &mut R, buf: &mut Vec<u8>) -> std::io::Result<bool> {
    let n = reader.take(BLOCK as u64).read_to_end(buf)?;
    Ok(n < BLOCK)
}

/// The error for a line that is not UTF-8, at the column of its first
/// invalid byte.
pub(crate) fn invalid_utf8(line: &[u8], e: &std::str::Utf8Error) -> LoadError {
    let valid = String::from_utf8_lossy(&line[..e.valid_up_to()]).chars().count() as u64;
    LoadError::new(LoadErrorKind::InvalidUtf8).with_column(valid + 1)
}

/// One line of a file: its number and text (without the line break), or
/// the error of decoding it.
pub(crate) type Line<'a> = (u64, Result<&'a str, LoadError>);

/// Splits `data` into lines numbered from `first_line`, skipping blank ones;
/// a line that is not UTF-8 comes with its error.
pub(crate) fn lines(data: &[u8], first_line: u64) -> impl Iterator<Item = Line<'_>> {
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    body.split(|&b| b == b'\n').enumerate().filter_map(move |(i, raw)| {
        let line_no = first_line + i as u64;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match std::str::from_utf8(raw) {
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some((line_no, Ok(l))),
            Err(e) => Some((line_no, Err(invalid_utf8(raw, &e)))),
        }
    })
}

impl Loader {
    /// Parses the lines of `start` and of what `reader` still holds
    /// (numbered from `first_line`) as [`Loader::parse_parallel`] does, one
    /// block after another, while this thread reads the next block: a
    /// compressed file is inflated beside the parsing, and only a few blocks
    /// of text are in memory at once. `start` is the text read already and
    /// whether the reader is at its end.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn parse_stream<R: Read, T: Send>(
        &self,
        mut reader: R,
        start: (Vec<u8>, bool),
        first_line: u64,
        path: Option<&Path>,
        out: &mut Loaded,
        parse: impl Fn(&str) -> Result<Option<T>, LoadError> + Sync,
        mut accept: impl FnMut(u64, T, &mut Loaded) -> Result<(), LoadError> + Send,
    ) -> Result<(), LoadError> {
        let (mut pending, mut eof) = start;
        std::thread::scope(|scope| {
            let (blocks, received) = std::sync::mpsc::sync_channel::<(u64, Vec<u8>)>(1);
            let parse = &parse;
            let worker = scope.spawn(move || -> Result<(), LoadError> {
                for (first, block) in received {
                    self.parse_parallel(&block, first, path, out, parse, &mut accept)?;
                }
                Ok(())
            });
            let mut line = first_line;
            let read = loop {
                // Whole lines go to the parser; a partial last line waits
                // for the rest of it.
                let cut = if eof { pending.len() } else { memchr::memrchr(b'\n', &pending).map_or(0, |i| i + 1) };
                if cut > 0 {
                    let rest = pending.split_off(cut);
                    let block = std::mem::replace(&mut pending, rest);
                    let lines = memchr::memchr_iter(b'\n', &block).count() as u64;
                    if blocks.send((line, block)).is_err() {
                        // The parser stopped at an error: it reports it.
                        break Ok(());
                    }
                    line += lines;
                }
                if eof {
                    break Ok(());
                }
                match read_block(&mut reader, &mut pending) {
                    Ok(end) => eof = end,
                    Err(e) => break Err(LoadError::new(LoadErrorKind::Io(e)).within(path, None)),
                }
            };
            drop(blocks);
            let parsed = worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            parsed.and(read)
        })
    }

    /// Parses the lines of `data` (numbered from `first_line`) on all cores
    /// with `parse`, then hands the results to `accept` in file order. Errors
    /// are located; in lenient mode they go to `out.skipped`, otherwise the
    /// first one is returned.
    pub(crate) fn parse_parallel<T: Send>(
        &self,
        data: &[u8],
        first_line: u64,
        path: Option<&Path>,
        out: &mut Loaded,
        parse: impl Fn(&str) -> Result<Option<T>, LoadError> + Sync,
        mut accept: impl FnMut(u64, T, &mut Loaded) -> Result<(), LoadError>,
    ) -> Result<(), LoadError> {
        use rayon::prelude::*;
        // Chunks of whole lines, each with the number of its first line.
        let target = (data.len() / (rayon::current_num_threads() * 8)).max(1 << 16);
        let mut chunks: Vec<(u64, &[u8])> = Vec::new();
        let (mut start, mut line) = (0usize, first_line);
        while start < data.len() {
            let mut end = (start + target).min(data.len());
            while end < data.len() && data[end - 1] != b'\n' {
                end += 1;
            }
            let chunk = &data[start..end];
            chunks.push((line, chunk));
            line += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
            start = end;
        }
        type Parsed<T> = Vec<(u64, Result<Option<T>, LoadError>)>;
        let parsed: Vec<Parsed<T>> = chunks
            .par_iter()
            .map(|&(first, chunk)| lines(chunk, first).map(|(n, l)| (n, l.and_then(&parse))).collect())
            .collect();
        for (line_no, result) in parsed.into_iter().flatten() {
            let result = match result {
                Ok(Some(item)) => accept(line_no, item, out),
                Ok(None) => Ok(()),
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                let e = e.within(path, Some(line_no));
                if self.lenient && !e.is_fatal() {
                    out.skipped.push(e);
                } else {
                    return Err(e);
                }
            }
        }
        Ok(())
    }
}

fn unknown_format(path: &Path) -> LoadError {
    LoadError::new(LoadErrorKind::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "unknown gazetteer format: expected .tsv, .jsonl (either may end in .gz) or a GeoNames .txt file",
    )))
    .at(Location::new(Some(path), None, None))
}

fn open(path: &Path) -> Result<File, LoadError> {
    File::open(path).map_err(|e| LoadError::new(LoadErrorKind::Io(e)).at(Location::new(Some(path), None, None)))
}

/// Remembers the ids seen in one file, to report duplicates with the line
/// of their first use: the index of each entry taken and its line, hashed by
/// the entry's id (the ids are not copied).
#[derive(Default)]
pub(crate) struct SeenIds(HashTable<(u32, u64)>);

impl SeenIds {
    /// Appends `entry`, read at `line`, to `entries` (the entries of this
    /// file so far); `Err` when an entry with its id is there already.
    pub(crate) fn push(&mut self, entries: &mut Vec<Entry>, entry: Entry, line: u64) -> Result<(), LoadError> {
        let hash = super::hash_id;
        let id = entry.id();
        if let Some(&(_, first)) = self.0.find(hash(id), |&(i, _)| entries[i as usize].id() == id) {
            return Err(LoadError::new(LoadErrorKind::DuplicateId { id: id.to_string(), first_line: Some(first) }));
        }
        let i = u32::try_from(entries.len()).map_err(|_| {
            LoadError::new(LoadErrorKind::Io(std::io::Error::other("more than 4 billion entries in one file")))
        })?;
        self.0.insert_unique(hash(id), (i, line), |&(j, _)| hash(entries[j as usize].id()));
        entries.push(entry);
        Ok(())
    }
}

/// `s` without white space at either end, as `str::trim` gives it, with a
/// shortcut for the usual field that starts and ends with a visible ASCII
/// character (the general trim costs about a hundred instructions, and a
/// gazetteer line has a dozen fields).
pub(crate) fn trim_field(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (None, _) => s,
        (Some(a), Some(b)) if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// Parses a boolean field.
pub(crate) fn parse_bool(field: &'static str, value: &str) -> Result<bool, LoadError> {
    let v = trim_field(value);
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(v));
    if is(&["", "false", "no", "0", "n", "f"]) {
        Ok(false)
    } else if is(&["true", "yes", "1", "y", "t"]) {
        Ok(true)
    } else {
        Err(LoadError::new(LoadErrorKind::InvalidBool { field, value: value.to_string() }))
    }
}

/// Parses a number field; `None` when empty.
pub(crate) fn parse_num<T: std::str::FromStr>(field: &'static str, value: &str) -> Result<Option<T>, LoadError> {
    let v = trim_field(value);
    if v.is_empty() {
        return Ok(None);
    }
    v.parse().map(Some).map_err(|_| LoadError::new(LoadErrorKind::InvalidNumber { field, value: value.to_string() }))
}

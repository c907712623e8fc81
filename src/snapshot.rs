//! A compiled extractor saved to bytes and read back: the gazetteer's
//! entries and the index as they are in memory, so that a process is ready
//! without parsing the gazetteer or building the index again.
//!
//! Layout: the magic bytes `GAZETIDX`, the format version (u32 LE), the
//! length-prefixed version of gazet that wrote it, the payload's length
//! (u64 LE) and CRC-32 (u32 LE), then the payload: a [`Saved`] in postcard.
//! Everything read back is checked (checksum, then every offset and index
//! the matcher will follow), so damaged bytes give an error, never a panic.

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};

use crate::error::{SnapshotError, SnapshotErrorKind};
use crate::gazetteer::entry::EntryRepr;
use crate::matcher::IndexRepr;
use crate::Entry;

const MAGIC: &[u8; 8] = b"GAZETIDX";
/// Bumped whenever the payload's layout changes.
const FORMAT: u32 = 7;

/// The payload of a saved extractor: written with the entries as
/// `Vec<EntryRepr>`, read back with them as [`Entries`].
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct Saved<'a, E> {
    /// 0 leftmost-longest, 1 overlapping.
    pub(crate) match_kind: u8,
    pub(crate) rules: bool,
    pub(crate) places_in_orgs: bool,
    pub(crate) resolve: bool,
    /// The language every text is read in (its code), or none to detect.
    pub(crate) language: Option<&'a str>,
    /// CRC-32 of the rule lists the index was built with (they are built
    /// into the crate; the index numbers their words after the entries).
    pub(crate) cues: u32,
    pub(crate) entries: E,
    #[serde(borrow)]
    pub(crate) index: IndexRepr<'a>,
}

/// The entries of a saved extractor, each checked and built as it is read,
/// so that the decoded forms of all the entries never sit in memory at
/// once beside the entries (37 MiB of peak for the bundled gazetteer); the
/// first entry that fails its check is the error.
pub(crate) struct Entries(pub(crate) Result<Vec<Entry>, &'static str>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entries, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence of entries")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Entries, A::Error> {
                // The length is read from the bytes: trust it only so far.
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                let mut first_error = None;
                while let Some(repr) = seq.next_element::<EntryRepr<'de>>()? {
                    if first_error.is_none() {
                        match Entry::from_repr(repr) {
                            Ok(e) => out.push(e),
                            Err(what) => first_error = Some(what),
                        }
                    }
                }
                Ok(Entries(first_error.map_or(Ok(out), Err)))
            }
        }
        d.deserialize_seq(Each)
    }
}

fn corrupt(what: &'static str) -> SnapshotError {
    SnapshotError::new(SnapshotErrorKind::Corrupt(what))
}

/// The bytes of a saved extractor.
pub(crate) fn encode(saved: &Saved<'_, Vec<EntryRepr<'_>>>) -> Result<Vec<u8>, SnapshotError> {
    let payload = postcard::to_allocvec(saved).map_err(|_| corrupt("cannot encode"))?;
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut out = Vec::with_capacity(payload.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.push(version.len() as u8);
    out.extend_from_slice(version);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    Ok(out)
}

/// Checks the header and checksum of saved bytes and decodes the payload
/// (which borrows from `bytes`).
pub(crate) fn decode(bytes: &[u8]) -> Result<Saved<'_, Entries>, SnapshotError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| SnapshotError::new(SnapshotErrorKind::NotSaved))?;
    let (format, rest) = take::<4>(rest)?;
    let (&len, rest) = rest.split_first().ok_or_else(|| corrupt("header"))?;
    let found = rest.get(..len as usize).ok_or_else(|| corrupt("header"))?;
    let rest = &rest[len as usize..];
    let expected = env!("CARGO_PKG_VERSION");
    if u32::from_le_bytes(format) != FORMAT || found != expected.as_bytes() {
        return Err(SnapshotError::new(SnapshotErrorKind::Version {
            found: format!("{} (format {})", String::from_utf8_lossy(found), u32::from_le_bytes(format)),
            expected: format!("{expected} (format {FORMAT})"),
        }));
    }
    let (len, rest) = take::<8>(rest)?;
    let (crc, payload) = take::<4>(rest)?;
    if u64::try_from(payload.len()).ok() != Some(u64::from_le_bytes(len)) {
        return Err(corrupt("length"));
    }
    if crc32fast::hash(payload) != u32::from_le_bytes(crc) {
        return Err(corrupt("checksum"));
    }
    postcard::from_bytes(payload).map_err(|_| corrupt("payload"))
}

fn take<const N: usize>(bytes: &[u8]) -> Result<([u8; N], &[u8]), SnapshotError> {
    let head = bytes.get(..N).ok_or_else(|| corrupt("header"))?;
    let mut out = [0u8; N];
    out.copy_from_slice(head);
    Ok((out, &bytes[N..]))
}

//! The vocabulary of folded tokens: strings mapped to numbers in a
//! [`LineTable`], so that a lookup waits for one cache line (the table is
//! larger than the caches, and every capitalised word of a text is looked
//! up). A slot holds a string of up to eight bytes itself; a longer one's
//! slot holds its first eight bytes and where the rest lies in a buffer of
//! long strings, kept end to end (two allocations for half a million
//! tokens rather than half a million), which a lookup reads only when the
//! first bytes agree.

use std::hash::{BuildHasher, Hasher};

use rustc_hash::FxBuildHasher;

use crate::table::{self, LineTable};

/// One string and its number.
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct Slot {
    /// The first [`HEAD`] bytes of the string, zero-padded.
    head: [u8; HEAD],
    value: u32,
    /// The string's length when it is [`HEAD`] bytes or shorter; else
    /// [`LONG`] and the offset of its length and bytes in the buffer of
    /// long strings; `u32::MAX` for an empty slot.
    aux: u32,
}

/// How many leading bytes a slot holds.
const HEAD: usize = 8;
/// Set on a slot's `aux` when its string is longer than [`HEAD`].
const LONG: u32 = 1 << 31;
const EMPTY: u32 = u32::MAX;

impl table::Slot for Slot {
    const EMPTY: Slot = Slot { head: [0; HEAD], value: 0, aux: EMPTY };
    fn is_empty(&self) -> bool {
        self.aux == EMPTY
    }
}

/// The first [`HEAD`] bytes of a string, zero-padded.
fn head(key: &[u8]) -> [u8; HEAD] {
    let mut h = [0u8; HEAD];
    let n = key.len().min(HEAD);
    h[..n].copy_from_slice(&key[..n]);
    h
}

/// Strings to `u32` numbers.
#[derive(Default)]
pub(crate) struct Vocab {
    /// Each string longer than [`HEAD`]: its length (`u32`, little-endian)
    /// and its bytes.
    long: Vec<u8>,
    table: LineTable<Slot>,
}

/// The buffer of long strings is addressed with 31-bit offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct VocabFull;

/// The hash of a string's bytes the vocabulary uses (Fx), also the
/// matcher's lowercase filter's. (Inlined: the scan hashes most
/// lowercase words.)
#[inline]
pub(crate) fn hash(key: &str) -> u64 {
    hash_bytes(key.as_bytes())
}

#[inline]
pub(crate) fn hash_bytes(key: &[u8]) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    h.write(key);
    h.finish()
}

/// The bytes of the string of slot `s` (`long` is the buffer of long
/// strings).
fn key_of<'a>(long: &'a [u8], s: &'a Slot) -> &'a [u8] {
    if s.aux & LONG == 0 {
        return s.head.get(..s.aux as usize).unwrap_or_default();
    }
    let at = (s.aux & !LONG) as usize;
    let len = long.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_le_bytes);
    long.get(at + 4..at + 4 + len as usize).unwrap_or_default()
}

/// Whether slot `s` holds `key`, whose first bytes are `first`: for a
/// string of up to [`HEAD`] bytes the slot alone says (its first bytes and
/// length); a longer one is compared in the buffer.
#[inline(always)]
fn holds(long: &[u8], s: &Slot, key: &[u8], first: u64) -> bool {
    u64::from_ne_bytes(s.head) == first
        && if key.len() <= HEAD { s.aux == key.len() as u32 } else { s.aux & LONG != 0 && key_of(long, s) == key }
}

/// A slot's string as text (always valid: it was inserted as a `str`).
fn text_of<'a>(long: &'a [u8], s: &'a Slot) -> &'a str {
    std::str::from_utf8(key_of(long, s)).unwrap_or_default()
}

impl Vocab {
    /// The number of `key`, if it has one.
    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        self.find(key.as_bytes(), hash(key)).map(|s| s.value)
    }

    #[inline(always)]
    fn find(&self, key: &[u8], h: u64) -> Option<&Slot> {
        let first = u64::from_ne_bytes(head(key));
        self.table.find(h, |s| holds(&self.long, s, key, first))
    }

    /// The number of `key`, given it by `value` when it is new.
    pub(crate) fn get_or_insert(&mut self, key: &str, value: impl FnOnce() -> u32) -> Result<u32, VocabFull> {
        self.get_or_insert_bytes(key.as_bytes(), value)
    }

    /// [`Vocab::get_or_insert`] of a string's bytes (a string another
    /// vocabulary holds: [`Vocab::iter_bytes`]).
    pub(crate) fn get_or_insert_bytes(&mut self, bytes: &[u8], value: impl FnOnce() -> u32) -> Result<u32, VocabFull> {
        let h = hash_bytes(bytes);
        let first = u64::from_ne_bytes(head(bytes));
        // A long string goes at the end of the buffer, once it is known to
        // be new (the table's search reads the buffer).
        let (aux, long_len) = if bytes.len() <= HEAD {
            (bytes.len() as u32, 0)
        } else {
            let at = u32::try_from(self.long.len()).ok().filter(|&a| a < EMPTY & !LONG).ok_or(VocabFull)?;
            (LONG | at, u32::try_from(bytes.len()).map_err(|_| VocabFull)?)
        };
        let long = &self.long;
        let eq = |s: &Slot| holds(long, s, bytes, first);
        let make = || Some(Slot { head: head(bytes), value: value(), aux });
        let (slot, new) = self.table.find_or_insert(h, eq, make, |s| hash_bytes(key_of(long, s))).ok_or(VocabFull)?;
        if new && aux & LONG != 0 {
            self.long.extend_from_slice(&long_len.to_le_bytes());
            self.long.extend_from_slice(bytes);
        }
        Ok(slot.value)
    }

    /// Every string and its number, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.table.iter().map(|s| (text_of(&self.long, s), s.value))
    }

    /// Every string's bytes and its number, in no particular order (no
    /// check that they are text: they are the bytes of a `str`).
    pub(crate) fn iter_bytes(&self) -> impl Iterator<Item = (&[u8], u32)> + '_ {
        self.table.iter().map(|s| (key_of(&self.long, s), s.value))
    }

    /// Calls `f` with every string and its number, which it may change.
    pub(crate) fn for_each_mut(&mut self, mut f: impl FnMut(&str, &mut u32)) {
        let long = &self.long;
        for s in self.table.iter_mut() {
            // (A short string is read from a copy of its slot's bytes.)
            let copy = Slot { value: 0, ..*s };
            f(text_of(long, &copy), &mut s.value);
        }
    }

    /// Every string end to end and each one's (start, length, number), in
    /// the order of the numbers, as a saved extractor holds them.
    pub(crate) fn parts(&self) -> (std::borrow::Cow<'_, str>, Vec<[u32; 3]>) {
        let mut all: Vec<(&str, u32)> = self.iter().collect();
        all.sort_unstable_by_key(|&(k, v)| (v, k));
        let mut text = String::with_capacity(all.iter().map(|(k, _)| k.len()).sum());
        let mut slots = Vec::with_capacity(all.len());
        for (k, v) in all {
            // (Offsets past u32 are left for `from_parts` to refuse.)
            slots.push([text.len() as u32, k.len() as u32, v]);
            text.push_str(k);
        }
        (std::borrow::Cow::Owned(text), slots)
    }

    /// The vocabulary of [`Vocab::parts`]; `None` when a slot is out of the
    /// text, not on a character boundary, or a string comes twice.
    pub(crate) fn from_parts(text: String, slots: &[[u32; 3]]) -> Option<Vocab> {
        let mut v = Vocab { long: Vec::new(), table: LineTable::with_capacity(slots.len()) };
        for &[start, len, value] in slots {
            let key = text.get(start as usize..(start as usize).checked_add(len as usize)?)?;
            let mut fresh = false;
            v.get_or_insert(key, || {
                fresh = true;
                value
            })
            .ok()?;
            if !fresh {
                return None;
            }
        }
        v.shrink_to_fit();
        Some(v)
    }

    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Releases spare capacity once every string is in.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.long.shrink_to_fit();
        let long = &self.long;
        self.table.shrink_to_fit(|s| hash_bytes(key_of(long, s)));
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.long.capacity() + self.table.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_keep_their_numbers() {
        let mut v = Vocab::default();
        let words = ["baku", "yerevan", "", "kəlbəcər", "baku", "tbilisi"];
        let mut next = 0;
        let ids: Vec<u32> = words
            .iter()
            .map(|w| {
                v.get_or_insert(w, || {
                    next += 1;
                    next - 1
                })
                .expect("small")
            })
            .collect();
        assert_eq!(ids, [0, 1, 2, 3, 0, 4]);
        assert_eq!(v.len(), 5);
        assert_eq!(v.get("kəlbəcər"), Some(3));
        assert_eq!(v.get("bak"), None);
        v.for_each_mut(|_, value| *value += 10);
        v.shrink_to_fit();
        let mut all: Vec<(&str, u32)> = v.iter().collect();
        all.sort();
        assert_eq!(all, [("", 12), ("baku", 10), ("kəlbəcər", 13), ("tbilisi", 14), ("yerevan", 11)]);
    }

    /// Strings that share their first eight bytes, or all their bytes but
    /// the padding, are told apart, after a save too.
    #[test]
    fn strings_with_one_head_stay_apart() {
        let words = ["samarkand", "samarkanda", "samarkan", "samarka", "samarkand\0", "samarkan\0"];
        let mut v = Vocab::default();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(v.get_or_insert(w, || i as u32), Ok(i as u32), "{w}");
        }
        let (text, slots) = v.parts();
        let again = Vocab::from_parts(text.into_owned(), &slots).expect("valid parts");
        for vocab in [&v, &again] {
            for (i, w) in words.iter().enumerate() {
                assert_eq!(vocab.get(w), Some(i as u32), "{w}");
            }
            for absent in ["samarkandb", "samark", "samarkanda\0", "samarkanD", ""] {
                assert_eq!(vocab.get(absent), None, "{absent}");
            }
        }
    }
}

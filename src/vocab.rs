//! The vocabulary of folded tokens: strings mapped to numbers, the strings
//! kept end to end in one buffer and the table holding only offsets, so
//! that half a million tokens cost two allocations rather than half a
//! million (less memory, and less left behind by the build). Each slot
//! also holds the string's first eight bytes, so that a lookup of a short
//! word never reads the buffer: the table is larger than the caches, and
//! every word of a text is looked up.

use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// One string: where it lies in the buffer, its first bytes, and its
/// number.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    len: u32,
    value: u32,
    /// The first [`HEAD`] bytes of the string, zero-padded.
    head: [u8; HEAD],
}

/// How many leading bytes a slot holds.
const HEAD: usize = 8;

/// The first [`HEAD`] bytes of a string, zero-padded.
fn head(key: &str) -> [u8; HEAD] {
    let mut h = [0u8; HEAD];
    let n = key.len().min(HEAD);
    h[..n].copy_from_slice(&key.as_bytes()[..n]);
    h
}

/// Strings to `u32` numbers.
#[derive(Default)]
pub(crate) struct Vocab {
    text: String,
    table: HashTable<Slot>,
}

/// The buffer is addressed with `u32` offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct VocabFull;

/// The hash of a string's bytes the vocabulary uses (Fx), also the
/// matcher's lowercase filter's.
pub(crate) fn hash(key: &str) -> u64 {
    let mut h = FxBuildHasher.build_hasher();
    h.write(key.as_bytes());
    h.finish()
}

impl Vocab {
    fn key<'a>(text: &'a str, s: &Slot) -> &'a str {
        &text[s.start as usize..(s.start + s.len) as usize]
    }

    /// Whether slot `s` holds `key`, whose first bytes are `h`: the buffer
    /// is read only for a string longer than [`HEAD`] bytes.
    fn holds(text: &str, s: &Slot, key: &str, h: [u8; HEAD]) -> bool {
        s.len as usize == key.len()
            && s.head == h
            && (key.len() <= HEAD
                || text.as_bytes().get(s.start as usize + HEAD..(s.start + s.len) as usize)
                    == key.as_bytes().get(HEAD..))
    }

    /// The number of `key`, if it is in the vocabulary.
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        let (text, h) = (&self.text, head(key));
        self.table.find(hash(key), |s| Self::holds(text, s, key, h)).map(|s| s.value)
    }

    /// The number of `key`; when absent, `key` is added with the number
    /// `value()` gives. `Err` when the buffer would pass 4 GiB.
    pub(crate) fn get_or_insert(&mut self, key: &str, value: impl FnOnce() -> u32) -> Result<u32, VocabFull> {
        let (h, first) = (hash(key), head(key));
        let text = &self.text;
        if let Some(s) = self.table.find(h, |s| Self::holds(text, s, key, first)) {
            return Ok(s.value);
        }
        let start = u32::try_from(self.text.len()).map_err(|_| VocabFull)?;
        let len = u32::try_from(key.len()).map_err(|_| VocabFull)?;
        start.checked_add(len).ok_or(VocabFull)?;
        self.text.push_str(key);
        let value = value();
        let text = &self.text;
        self.table.insert_unique(h, Slot { start, len, value, head: first }, |s| hash(Self::key(text, s)));
        Ok(value)
    }

    /// Every string and its number, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.table.iter().map(|s| (Self::key(&self.text, s), s.value))
    }

    /// Every string and its number, which may be changed.
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut u32)> + '_ {
        let text = &self.text;
        self.table.iter_mut().map(move |s| (Self::key(text, s), &mut s.value))
    }

    /// The buffer and the (start, length, value) of every string, as a
    /// saved extractor holds them.
    pub(crate) fn parts(&self) -> (std::borrow::Cow<'_, str>, Vec<[u32; 3]>) {
        (std::borrow::Cow::Borrowed(&self.text), self.table.iter().map(|s| [s.start, s.len, s.value]).collect())
    }

    /// The vocabulary of [`Vocab::parts`]; `None` when a slot lies outside
    /// the buffer or off a character boundary, or a string comes twice.
    pub(crate) fn from_parts(text: String, slots: &[[u32; 3]]) -> Option<Vocab> {
        let mut table = HashTable::with_capacity(slots.len());
        for &[start, len, value] in slots {
            let key = text.get(start as usize..(start as usize).checked_add(len as usize)?)?;
            let (h, first) = (hash(key), head(key));
            if table.find(h, |s| Self::holds(&text, s, key, first)).is_some() {
                return None;
            }
            table.insert_unique(h, Slot { start, len, value, head: first }, |s| hash(Self::key(&text, s)));
        }
        Some(Vocab { text, table })
    }

    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Releases spare capacity once the vocabulary is complete.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        let text = &self.text;
        self.table.shrink_to_fit(|s| hash(Self::key(text, s)));
    }

    /// Heap bytes: the buffer and the table (a slot and a control byte per
    /// bucket).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.table.capacity() * (std::mem::size_of::<Slot>() + 1)
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
        for (_, value) in v.iter_mut() {
            *value += 10;
        }
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

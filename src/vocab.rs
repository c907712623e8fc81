//! The vocabulary of folded tokens: strings mapped to numbers, the strings
//! kept end to end in one buffer and the table holding only offsets, so
//! that half a million tokens cost two allocations rather than half a
//! million (less memory, and less left behind by the build).

use std::hash::{BuildHasher, Hasher};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// One string: where it lies in the buffer, and its number.
#[derive(Clone, Copy, Debug)]
struct Slot {
    start: u32,
    len: u32,
    value: u32,
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

    /// The number of `key`, if it is in the vocabulary.
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        let text = &self.text;
        self.table.find(hash(key), |s| Self::key(text, s) == key).map(|s| s.value)
    }

    /// The number of `key`; when absent, `key` is added with the number
    /// `value()` gives. `Err` when the buffer would pass 4 GiB.
    pub(crate) fn get_or_insert(&mut self, key: &str, value: impl FnOnce() -> u32) -> Result<u32, VocabFull> {
        let h = hash(key);
        let text = &self.text;
        if let Some(s) = self.table.find(h, |s| Self::key(text, s) == key) {
            return Ok(s.value);
        }
        let start = u32::try_from(self.text.len()).map_err(|_| VocabFull)?;
        let len = u32::try_from(key.len()).map_err(|_| VocabFull)?;
        start.checked_add(len).ok_or(VocabFull)?;
        self.text.push_str(key);
        let value = value();
        let text = &self.text;
        self.table.insert_unique(h, Slot { start, len, value }, |s| hash(Self::key(text, s)));
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
            let h = hash(key);
            if table.find(h, |s| Self::key(&text, s) == key).is_some() {
                return None;
            }
            table.insert_unique(h, Slot { start, len, value }, |s| hash(Self::key(&text, s)));
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
}

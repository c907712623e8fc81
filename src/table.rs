//! A hash table whose lookup reads one cache line: the vocabulary's.
//!
//! The vocabulary is larger than the caches and is asked about every
//! capitalised word of a text, so a cold lookup's cost is the memory it
//! waits for.
//! `hashbrown` keeps its control bytes apart from its slots: a lookup that
//! finds its key waits for two lines, one after the other. Here a bucket is
//! one aligned 64-byte line of four 16-byte slots holding the keys
//! themselves (or, for a long string, its first bytes), and a key lives in
//! the bucket its hash names or, when that one is full, in the next ones
//! (linear probing by buckets). Nothing is ever removed, so the first empty
//! slot met ends a search; the table grows before it is 3/4 full (linear
//! probing slows sharply past that), and the expected search reads a
//! single line.
//!
//! (The trie's edges stay in `hashbrown`: most of their lookups find no
//! edge, and its dense control bytes answer those from a smaller array
//! that the caches keep; in this table every such probe would read a
//! line of slots. Measured both ways with callgrind's cache simulation.)

use crate::pages::Pages;

/// A slot of a [`LineTable`]: 16 bytes of plain data (any bytes are a
/// slot, so that the table can live in [`Pages`]), with one value that
/// means empty.
pub(crate) trait Slot: bytemuck::Pod {
    /// The empty slot (never inserted).
    const EMPTY: Self;
    fn is_empty(&self) -> bool;
}

/// Slots per bucket.
const WIDTH: usize = 4;

/// A hash table of [`Slot`]s; see the module's docs. The caller hashes
/// its keys and says which slot holds the key it asks for.
pub(crate) struct LineTable<S: Slot> {
    /// The buckets' slots, bucket by bucket ([`Pages`] start them on a
    /// line).
    slots: Pages<S>,
    len: usize,
}

impl<S: Slot> Default for LineTable<S> {
    fn default() -> Self {
        LineTable { slots: Pages::default(), len: 0 }
    }
}

impl<S: Slot> LineTable<S> {
    // (Four slots fill a line exactly: a larger slot would straddle two.)
    const FITS: () = assert!(std::mem::size_of::<S>() == 64 / WIDTH);

    /// A table that holds `n` slots without growing.
    pub(crate) fn with_capacity(n: usize) -> Self {
        LineTable { slots: Self::empty(Self::buckets_for(n)), len: 0 }
    }

    /// The slots of `buckets` empty buckets.
    fn empty(buckets: usize) -> Pages<S> {
        let () = Self::FITS;
        Pages::filled(S::EMPTY, buckets * WIDTH)
    }

    /// The number of buckets.
    #[inline(always)]
    fn buckets(&self) -> usize {
        self.slots.len() / WIDTH
    }

    /// Where the slots of bucket `b` lie among the slots.
    #[inline(always)]
    fn bucket(b: usize) -> std::ops::Range<usize> {
        b * WIDTH..(b + 1) * WIDTH
    }

    /// The number of buckets (a power of two, or none) that holds `n`
    /// slots at most 3/4 full.
    fn buckets_for(n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (n.saturating_mul(4) / 3 / WIDTH + 1).next_power_of_two()
    }

    /// The bucket a hash names, in a table of `buckets` buckets (the high
    /// bits of the hash, mixed, so that a weak hash's low bits do not
    /// decide).
    #[inline(always)]
    fn home(hash: u64, buckets: usize) -> usize {
        let bits = buckets.trailing_zeros();
        let mixed = (hash ^ (hash >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        mixed.checked_shr(64 - bits).unwrap_or(0) as usize
    }

    /// The slot with hash `hash` that `eq` accepts.
    #[inline]
    pub(crate) fn find(&self, hash: u64, eq: impl Fn(&S) -> bool) -> Option<&S> {
        let slots = &self.slots[..];
        let n = slots.len() / WIDTH;
        if n == 0 {
            return None;
        }
        let mut b = Self::home(hash, n);
        // (The table is never full, so an empty slot ends the loop.)
        loop {
            for s in &slots[Self::bucket(b)] {
                if s.is_empty() {
                    return None;
                }
                if eq(s) {
                    return Some(s);
                }
            }
            b = (b + 1) & (n - 1);
        }
    }

    /// The slot with hash `hash` that `eq` accepts or, when there is none,
    /// the slot `new` makes, put where a search will find it, and whether
    /// it is new. `new` may refuse (`None`: nothing is put). One search
    /// either way (the table grows first when it is nearly full; `rehash`
    /// gives the hash of any slot).
    pub(crate) fn find_or_insert(
        &mut self,
        hash: u64,
        eq: impl Fn(&S) -> bool,
        new: impl FnOnce() -> Option<S>,
        rehash: impl Fn(&S) -> u64,
    ) -> Option<(S, bool)> {
        if (self.len + 1) * 4 > self.buckets() * WIDTH * 3 {
            self.resize(Self::buckets_for(self.len + 1).max(self.buckets() * 2), &rehash);
        }
        let n = self.buckets();
        let mut b = Self::home(hash, n);
        loop {
            let bucket = &mut self.slots[Self::bucket(b)];
            if let Some(s) = bucket.iter_mut().find(|s| s.is_empty() || eq(s)) {
                if !s.is_empty() {
                    return Some((*s, false));
                }
                let made = new()?;
                *s = made;
                self.len += 1;
                return Some((made, true));
            }
            b = (b + 1) & (n - 1);
        }
    }

    /// Puts `slot` in the first empty slot from its home bucket on (there
    /// is one: the table is never full).
    fn put(slots: &mut [S], hash: u64, slot: S) {
        let n = slots.len() / WIDTH;
        let mut b = Self::home(hash, n);
        loop {
            if let Some(free) = slots[Self::bucket(b)].iter_mut().find(|s| s.is_empty()) {
                *free = slot;
                return;
            }
            b = (b + 1) & (n - 1);
        }
    }

    fn resize(&mut self, buckets: usize, rehash: &impl Fn(&S) -> u64) {
        let mut fresh = Self::empty(buckets);
        for s in self.iter() {
            Self::put(&mut fresh, rehash(s), *s);
        }
        self.slots = fresh;
    }

    /// Shrinks the table to the smallest size that holds its slots.
    pub(crate) fn shrink_to_fit(&mut self, rehash: impl Fn(&S) -> u64) {
        let want = Self::buckets_for(self.len);
        if want < self.buckets() {
            self.resize(want, &rehash);
        }
    }

    /// Every slot, in the table's order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &S> + '_ {
        self.slots.iter().filter(|s| !s.is_empty())
    }

    /// Every slot, to change what is not its key.
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut S> + '_ {
        self.slots.iter_mut().filter(|s| !s.is_empty())
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Heap bytes.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable)]
    #[repr(C)]
    struct Pair {
        key: u64,
        value: u64,
    }

    impl Slot for Pair {
        const EMPTY: Pair = Pair { key: u64::MAX, value: 0 };
        fn is_empty(&self) -> bool {
            self.key == u64::MAX
        }
    }

    /// A hash that sends keys to few buckets, so that buckets overflow into
    /// the next ones and the last one wraps to the first.
    fn crowded(key: u64) -> u64 {
        (key % 3) << 62
    }

    #[test]
    fn finds_what_it_holds_through_full_buckets() {
        for hash in [crowded as fn(u64) -> u64, |k: u64| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)] {
            let mut t = LineTable::<Pair>::default();
            assert_eq!(t.find(hash(5), |s| s.key == 5), None);
            for key in 0..1000u64 {
                let put = t.find_or_insert(
                    hash(key),
                    |s| s.key == key,
                    || Some(Pair { key, value: key * 2 }),
                    |s| hash(s.key),
                );
                assert_eq!(put, Some((Pair { key, value: key * 2 }, true)));
            }
            // Found, not made again; a refused slot is not put.
            let again = t.find_or_insert(hash(7), |s| s.key == 7, || Some(Pair { key: 7, value: 0 }), |s| hash(s.key));
            assert_eq!(again, Some((Pair { key: 7, value: 14 }, false)));
            assert_eq!(t.find_or_insert(hash(5000), |s| s.key == 5000, || None, |s| hash(s.key)), None);
            assert_eq!(t.len(), 1000);
            assert!(t.buckets() * WIDTH * 3 >= 1000 * 4, "{} buckets", t.buckets());
            for key in 0..1000u64 {
                assert_eq!(t.find(hash(key), |s| s.key == key).map(|s| s.value), Some(key * 2), "{key}");
            }
            for key in 1000..1100u64 {
                assert_eq!(t.find(hash(key), |s| s.key == key), None, "{key}");
            }
            for s in t.iter_mut() {
                s.value += 1;
            }
            let mut all: Vec<u64> = t.iter().map(|s| s.value).collect();
            all.sort_unstable();
            assert_eq!(all, (0..1000).map(|k| k * 2 + 1).collect::<Vec<_>>());
        }
    }

    #[test]
    fn shrinks_to_what_it_holds() {
        let hash = |k: u64| k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut t = LineTable::<Pair>::with_capacity(10_000);
        for key in 0..100u64 {
            t.find_or_insert(hash(key), |s| s.key == key, || Some(Pair { key, value: key }), |s| hash(s.key));
        }
        let before = t.heap_bytes();
        t.shrink_to_fit(|s| hash(s.key));
        assert!(t.heap_bytes() < before / 50, "{} -> {}", before, t.heap_bytes());
        assert_eq!(t.heap_bytes() % 64, 0);
        for key in 0..100u64 {
            assert_eq!(t.find(hash(key), |s| s.key == key).map(|s| s.value), Some(key));
        }
    }
}

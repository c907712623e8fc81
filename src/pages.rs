//! Tables in memory of their own, which the kernel may back with huge
//! pages.
//!
//! The vocabulary is megabytes read at random (16 MiB with the bundled
//! gazetteer), one line per lookup: with pages of 4 KiB nearly every
//! lookup of a rare word also misses the processor's table of pages, a
//! second wait after the first. A table of at least [`MAPPED_FROM`] bytes
//! is therefore put in an anonymous mapping of its own that asks the
//! kernel for huge pages (`MADV_HUGEPAGE`, Linux; transparent huge pages
//! must be enabled as `always` or `madvise`, the default of most
//! distributions). Measured on the four news corpora with the bundled
//! gazetteer: the vocabulary's lookups took about half the time (`perf`'s
//! samples in them, 3,280 -> 1,726 for 150 passes of the matcher).
//! Elsewhere, or when the kernel says no, the table is plain memory and
//! works the same.
//!
//! A smaller table is an ordinary vector. Either way the elements start on
//! a 64-byte line, so that a bucket of four 16-byte slots is one line.

use bytemuck::{Pod, Zeroable};

/// Tables of at least this many bytes get a mapping of their own: one huge
/// page (smaller ones cannot use huge pages anyway).
pub(crate) const MAPPED_FROM: usize = 2 << 20;

/// One 64-byte line of storage.
#[derive(Clone, Copy, Pod, Zeroable)]
#[repr(C, align(64))]
struct Line([u8; 64]);

/// Where the elements are stored.
enum Storage {
    Heap(Vec<Line>),
    Mapped(memmap2::MmapMut),
}

/// A table of plain values (`Pod`: any bytes are a value), 64-byte
/// aligned, in a mapping that asks for huge pages when it is large. It
/// grows like a vector ([`Pages::push`]).
pub(crate) struct Pages<T> {
    storage: Storage,
    len: usize,
    /// The values the storage holds room for.
    capacity: usize,
    _values: std::marker::PhantomData<T>,
}

impl<T: Pod> Default for Pages<T> {
    fn default() -> Self {
        Pages { storage: Storage::Heap(Vec::new()), len: 0, capacity: 0, _values: std::marker::PhantomData }
    }
}

impl<T: Pod> Pages<T> {
    // (A line aligns any value; a value may straddle two lines.)
    const FITS: () = assert!(std::mem::size_of::<T>() > 0 && std::mem::align_of::<T>() <= 64);

    /// `len` copies of `value`.
    pub(crate) fn filled(value: T, len: usize) -> Pages<T> {
        let mut pages = Pages::with_capacity(len);
        pages.len = len;
        pages.fill(value);
        pages
    }

    /// An empty table with room for `capacity` values (zeroed storage).
    fn with_capacity(capacity: usize) -> Pages<T> {
        let () = Self::FITS;
        let bytes = capacity.saturating_mul(std::mem::size_of::<T>());
        let lines = bytes.div_ceil(64);
        let storage = if bytes >= MAPPED_FROM { mapped(lines * 64) } else { None }
            .unwrap_or_else(|| Storage::Heap(vec![Line([0; 64]); lines]));
        Pages { storage, len: 0, capacity, _values: std::marker::PhantomData }
    }

    /// The bytes [`Pages::with_capacity`] holds for `capacity` values (when
    /// the system grants the mapping).
    fn bytes_for(capacity: usize) -> usize {
        let bytes = capacity.saturating_mul(std::mem::size_of::<T>()).div_ceil(64) * 64;
        if bytes >= MAPPED_FROM {
            bytes.next_multiple_of(MAPPED_FROM)
        } else {
            bytes
        }
    }

    /// Appends `value`, moving the values to twice the room when there is
    /// none left.
    pub(crate) fn push(&mut self, value: T) {
        if self.len == self.capacity {
            let mut grown = Pages::with_capacity(self.capacity.saturating_mul(2).max(16));
            grown.len = self.len;
            grown.copy_from_slice(self);
            *self = grown;
        }
        self.len += 1;
        let last = self.len - 1;
        self[last] = value;
    }

    /// Lets go of the room past the values.
    pub(crate) fn shrink_to_fit(&mut self) {
        if Self::bytes_for(self.len) < self.heap_bytes() {
            *self = Pages::from_slice(self);
        }
    }

    /// A copy of `values`.
    pub(crate) fn from_slice(values: &[T]) -> Pages<T> {
        let mut pages = Pages::with_capacity(values.len());
        pages.len = values.len();
        pages.copy_from_slice(values);
        pages
    }

    /// True when the table has a mapping of its own.
    #[cfg(test)]
    fn is_mapped(&self) -> bool {
        matches!(self.storage, Storage::Mapped(_))
    }

    /// Bytes of memory held (a mapping in whole huge pages).
    pub(crate) fn heap_bytes(&self) -> usize {
        match &self.storage {
            Storage::Heap(v) => v.capacity() * 64,
            Storage::Mapped(m) => m.len(),
        }
    }

    fn bytes(&self) -> &[u8] {
        match &self.storage {
            Storage::Heap(v) => bytemuck::cast_slice(v),
            Storage::Mapped(m) => m,
        }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        match &mut self.storage {
            Storage::Heap(v) => bytemuck::cast_slice_mut(v),
            Storage::Mapped(m) => m,
        }
    }
}

impl<T: Pod> std::ops::Deref for Pages<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        let n = self.len * std::mem::size_of::<T>();
        // (The storage starts on a line, which `FITS` says aligns a `T`, and
        // holds at least `len` values: the cast cannot fail.)
        bytemuck::cast_slice(&self.bytes()[..n])
    }
}

impl<T: Pod> std::ops::DerefMut for Pages<T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [T] {
        let n = self.len * std::mem::size_of::<T>();
        bytemuck::cast_slice_mut(&mut self.bytes_mut()[..n])
    }
}

/// An anonymous mapping of `bytes` (a whole number of lines) that asks for
/// huge pages, or none when the system refuses the mapping. (Its start is
/// a page's, so a line's.)
fn mapped(bytes: usize) -> Option<Storage> {
    // Whole huge pages, so that the last one can be huge too.
    let len = bytes.checked_next_multiple_of(MAPPED_FROM)?;
    let map = memmap2::MmapMut::map_anon(len).ok()?;
    // (Advice only: when the kernel does not take it, the pages are small.)
    #[cfg(target_os = "linux")]
    let _ = map.advise(memmap2::Advice::HugePage);
    (map.as_ptr() as usize % 64 == 0).then_some(Storage::Mapped(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_tables_are_vectors_and_large_ones_mapped_alike() {
        // (length, mapped)
        let table: &[(usize, bool)] =
            &[(0, false), (1, false), (1000, false), (MAPPED_FROM / 16, true), (300_001, true)];
        for &(len, want_mapped) in table {
            let mut p = Pages::filled([7u64, 9], len);
            assert_eq!(p.len(), len);
            assert_eq!(p.is_mapped(), want_mapped, "{len}");
            assert!(p.iter().all(|&v| v == [7, 9]));
            assert_eq!(p.as_ptr() as usize % 64, 0, "{len}");
            assert!(p.heap_bytes() >= len * 16);
            if let Some(last) = p.last_mut() {
                *last = [1, 2];
            }
            let copy = Pages::from_slice(&p);
            assert_eq!(&copy[..], &p[..]);
            assert_eq!(copy.last().copied(), (len > 0).then_some([1, 2]));
        }
    }

    /// Values pushed one by one, through growths from the heap into a
    /// mapping, read back as a vector holds them; the room shrinks back.
    #[test]
    fn pushed_values_stay_through_growth() {
        // Values of 12 bytes straddle lines.
        let mut p: Pages<[u32; 3]> = Pages::default();
        let mut v = Vec::new();
        for i in 0..300_000u32 {
            p.push([i, !i, i.rotate_left(7)]);
            v.push([i, !i, i.rotate_left(7)]);
            if i == 1000 {
                assert!(!p.is_mapped());
            }
        }
        assert!(p.is_mapped());
        assert_eq!(&p[..], &v[..]);
        p.push([1, 2, 3]);
        let held = p.heap_bytes();
        p.shrink_to_fit();
        assert!(p.heap_bytes() < held, "{} -> {}", held, p.heap_bytes());
        assert_eq!(p.len(), v.len() + 1);
        assert_eq!(&p[..v.len()], &v[..]);
        assert_eq!(p.last(), Some(&[1, 2, 3]));
    }
}

//! Word lists that the rules ask about many times per text (every
//! capitalised word meets the stop words, every place the words around
//! it). [`Words`] are lowercase words asked about in any case, held as a
//! hash set: one hash instead of a pass over the list. A [`List`] holds
//! words asked about as written, behind filters on their lengths and first
//! bytes: most words asked about are in no list, and two bit tests turn
//! them away. Both are read from a list file of a language pack
//! ([`super::list_words`]) when the pack is first used.

use rustc_hash::FxHashSet;

/// The longest word a set compares through its stack buffer.
const BUF: usize = 32;

/// A fixed list of lowercase words, asked about in any case.
pub(crate) struct Words {
    list: Box<[&'static str]>,
    set: FxHashSet<&'static [u8]>,
    /// The length of the longest word.
    longest: usize,
    /// Per ASCII first letter (lowercase), bit `n` set when an ASCII word
    /// of `n` bytes (`n` < 64) starts with it: most words asked about are
    /// in no list (capitalised names asked whether they are stop words),
    /// and one bit test turns them away before any hashing.
    ascii: [u64; 128],
    /// The ASCII words of up to 8 bytes as numbers ([`ShortKeys`]): an
    /// ASCII word asked about is one of them or none of the list's.
    short: ShortKeys,
}

impl Words {
    pub(crate) fn new(list: impl IntoIterator<Item = &'static str>) -> Words {
        let list: Box<[&'static str]> = list.into_iter().collect();
        let set = list.iter().map(|w| w.as_bytes()).collect();
        let longest = list.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut ascii = [0u64; 128];
        for w in list.iter().filter(|w| w.is_ascii() && w.len() < 64) {
            if let Some(&first) = w.as_bytes().first() {
                ascii[usize::from(first.to_ascii_lowercase())] |= 1 << w.len();
            }
        }
        // (A listed word with a capital is never found, as in the set.)
        let lower = |w: &&&str| !w.bytes().any(|b| b.is_ascii_uppercase());
        let short = ShortKeys::new(list.iter().filter(lower).filter_map(|w| short_key(w.as_bytes(), false)));
        Words { list, set, longest, ascii, short }
    }

    /// The words, in the order written.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.list.iter().copied()
    }

    /// True when `word` is one of the words, whatever its case (an ASCII
    /// word as `eq_ignore_ascii_case` against each would say; another by
    /// its Unicode lower case, a Turkish `İ` as `i`).
    pub(crate) fn contains_ignore_case(&self, word: &str) -> bool {
        // A short ASCII word first: its key says it is ASCII (an ASCII word
        // can equal only an ASCII word of the list).
        if let Some(key) = short_key(word.as_bytes(), true) {
            let first = key as u8;
            return self.ascii[usize::from(first)] & (1 << word.len()) != 0 && self.short.contains(key);
        }
        if !word.is_ascii() {
            if word.chars().all(|c| !c.is_uppercase()) {
                return self.set.contains(word.as_bytes());
            }
            let lower: String =
                word.chars().flat_map(|c| if c == 'İ' { 'i'.to_lowercase() } else { c.to_lowercase() }).collect();
            return self.set.contains(lower.as_bytes());
        }
        if word.len() > self.longest {
            return false;
        }
        // (An ASCII word can equal only an ASCII word of the list.)
        if let Some(&first) = word.as_bytes().first() {
            if word.len() < 64 && self.ascii[usize::from(first.to_ascii_lowercase())] & (1 << word.len()) == 0 {
                return false;
            }
        }
        if word.len() > BUF {
            return self.list.iter().any(|w| w.eq_ignore_ascii_case(word));
        }
        let mut buf = [0u8; BUF];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.set.contains(&*lower)
    }
}

/// A fixed list of words, asked about in the case written.
pub(crate) struct List {
    list: Box<[&'static str]>,
    /// The words, for the lookups the filters let through.
    set: FxHashSet<&'static str>,
    /// Bit `n` set: a word of `n` bytes is listed (`n` < 64; 63 stands
    /// for any longer length).
    lengths: u64,
    /// Bit [`head_bit`] set: a word starting with those two bytes (or
    /// that one byte) may be listed. (Most words asked about start with a
    /// capital as listed words do: their second byte turns most away.)
    heads: [u64; 16],
    /// Bit `b` set: a word ending with byte `b` is listed.
    lasts: [u64; 4],
    /// The ASCII words of up to 8 bytes as numbers ([`ShortKeys`]).
    short: ShortKeys,
}

impl List {
    pub(crate) fn new(list: impl IntoIterator<Item = &'static str>) -> List {
        let list: Box<[&'static str]> = list.into_iter().collect();
        let mut lengths = 0u64;
        let (mut heads, mut lasts) = ([0u64; 16], [0u64; 4]);
        for w in list.iter().map(|w| w.as_bytes()) {
            lengths |= 1 << length_bit(w.len());
            if let (Some(&b), Some(&e)) = (w.first(), w.last()) {
                let h = head_bit(b, w.get(1).copied());
                heads[h >> 6] |= 1 << (h & 63);
                lasts[(e >> 6) as usize] |= 1 << (e & 63);
            } else {
                // (An empty word ends anything.)
                lasts = [u64::MAX; 4];
            }
        }
        let set = list.iter().copied().collect();
        let short = ShortKeys::new(list.iter().filter_map(|w| short_key(w.as_bytes(), false)));
        List { list, set, lengths, heads, lasts, short }
    }

    /// The words, in the order written.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.list.iter().copied()
    }

    /// False when no word of the list ends with byte `b` (so no text
    /// ending with `b` ends with one of them).
    #[inline]
    pub(crate) fn may_end_with(&self, b: u8) -> bool {
        self.lasts[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }

    /// True when `word` is one of the words, written the same.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let Some(&first) = b.first() else { return self.list.contains(&"") };
        let h = head_bit(first, b.get(1).copied());
        if self.lengths & (1 << length_bit(b.len())) == 0 || self.heads[h >> 6] & (1 << (h & 63)) == 0 {
            return false;
        }
        self.contains_past_filters(word)
    }

    /// [`List::contains`] for a word its filters let through.
    #[inline(never)]
    fn contains_past_filters(&self, word: &str) -> bool {
        if let Some(key) = short_key(word.as_bytes(), false) {
            return self.short.contains(key);
        }
        // (A hash, not a pass over a list of tens of words.)
        self.set.contains(word)
    }
}

/// An ASCII word of 1 to 8 bytes as one number (its bytes, little-endian,
/// zero-padded; lowercased when `fold`), or None for any other word. No
/// such word is 0.
#[inline]
fn short_key(word: &[u8], fold: bool) -> Option<u64> {
    let n = word.len();
    // (Two loads that overlap cover any length from 1 to 8, a few
    // instructions where a loop takes several a byte and a copy of a few
    // bytes of any length calls `memcpy`; the bytes both loads hold are
    // the same, so or-ing them is exact.)
    let key = match n {
        4..=8 => {
            let lo = u64::from(u32::from_le_bytes([word[0], word[1], word[2], word[3]]));
            let hi = u64::from(u32::from_le_bytes([word[n - 4], word[n - 3], word[n - 2], word[n - 1]]));
            lo | hi << (8 * (n - 4))
        }
        2..=3 => {
            let lo = u64::from(u16::from_le_bytes([word[0], word[1]]));
            let hi = u64::from(u16::from_le_bytes([word[n - 2], word[n - 1]]));
            lo | hi << (8 * (n - 2))
        }
        1 => u64::from(word[0]),
        _ => return None,
    };
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if key & HIGH != 0 {
        return None;
    }
    if !fold {
        return Some(key);
    }
    // Every byte is ASCII: an uppercase letter is one that adding
    // 0x80 - 'A' carries into its high bit and adding 0x7F - 'Z' does not
    // (no sum carries into the next byte); its bit 0x20 is then set.
    let ge_a = key + 0x0101_0101_0101_0101 * u64::from(0x80 - b'A');
    let gt_z = key + 0x0101_0101_0101_0101 * u64::from(0x7F - b'Z');
    Some(key | ((ge_a & !gt_z & HIGH) >> 2))
}

/// A set of [`short_key`]s in an open-addressed table of a power of two
/// slots, at most half full: a question is a multiply and a probe or two
/// in a few cache lines, where a hash set hashes the bytes and compares
/// them.
struct ShortKeys {
    slots: Box<[u64]>,
    shift: u32,
}

impl ShortKeys {
    fn new(keys: impl Iterator<Item = u64>) -> ShortKeys {
        let keys: Vec<u64> = keys.collect();
        let len = (keys.len() * 2).next_power_of_two().max(2);
        let mut set = ShortKeys { slots: vec![0; len].into_boxed_slice(), shift: 64 - len.trailing_zeros() };
        for k in keys {
            let mut i = set.slot(k);
            while set.slots[i] != 0 && set.slots[i] != k {
                i = (i + 1) & (len - 1);
            }
            set.slots[i] = k;
        }
        set
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// True when `key` (not 0) is in the set.
    #[inline]
    fn contains(&self, key: u64) -> bool {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.slots[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The bit of [`List::heads`] for a word's first byte and second (none
/// for a word of one byte): 1,024 bits, in which the pairs of a capital and
/// a lowercase letter fall on different bits.
#[inline]
fn head_bit(first: u8, second: Option<u8>) -> usize {
    ((usize::from(first) << 5) ^ usize::from(second.unwrap_or(0))) & 1023
}

/// The bit of [`List::lengths`] for words of `len` bytes.
fn length_bit(len: usize) -> u32 {
    if len < 63 {
        len as u32
    } else {
        63
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_agrees_with_comparing_each_word() {
        let list = List::new([
            "North",
            "Mt",
            "Landkreis",
            "of",
            "Ünye",
            "a-word-longer-than-sixty-three-bytes-to-share-the-last-length-bit",
        ]);
        let table: &[(&str, bool)] = &[
            ("North", true),
            ("north", false),
            ("NORTH", false),
            ("Nort", false),
            ("Mt", true),
            ("Mr", false),
            ("Landkreis", true),
            ("of", true),
            ("off", false),
            ("Ünye", true),
            ("ünye", false),
            ("", false),
            ("a-word-longer-than-sixty-three-bytes-to-share-the-last-length-bit", true),
            ("a-word-longer-than-sixty-three-bytes-to-share-the-last-length-bin", false),
            ("another-word-longer-than-sixty-three-bytes-sharing-the-last-bit!!", false),
        ];
        for &(word, want) in table {
            assert_eq!(list.contains(word), want, "{word:?}");
        }
        // The listed words end in h, t, s, f, e and t, none in q; and
        // an empty word listed ends anything.
        assert!(list.may_end_with(b'h') && list.may_end_with(b's') && !list.may_end_with(b'q'));
        assert!(List::new(["", "of"]).may_end_with(b'q'));
    }

    #[test]
    fn turkish_capital_dotted_i_is_i() {
        let words = Words::new(["ile", "için"]);
        assert!(words.contains_ignore_case("İle") && words.contains_ignore_case("İÇİN"));
    }

    #[test]
    fn agrees_with_comparing_each_word() {
        let words = Words::new(["the", "of", "said", "a", "complex", "über"]);
        let table: &[(&str, bool)] = &[
            ("the", true),
            ("The", true),
            ("THE", true),
            ("tHe", true),
            ("then", false),
            ("th", false),
            ("", false),
            ("A", true),
            ("Complex", true),
            ("SAID", true),
            ("Über", true),
            ("über", true),
            ("ÜBER", true),
            ("Uber", false),
            // Same first letter or same length as a listed word, not both,
            // or both and another word (the filter on first letter and
            // length lets it through).
            ("OF", true),
            ("Fo", false),
            ("Sai", false),
            ("Thx", false),
            ("Cooplex", false),
            ("a-very-long-word-longer-than-the-buffer-of-32-bytes", false),
        ];
        for &(word, want) in table {
            assert_eq!(words.contains_ignore_case(word), want, "{word:?}");
            let linear = words.iter().any(|w| w.eq_ignore_ascii_case(word) || *w == word.to_lowercase());
            assert_eq!(linear, want, "{word:?} (linear)");
        }
    }

    proptest::proptest! {
        /// The two loads of `short_key` and its folding of eight bytes at
        /// once give the number a loop over the bytes gives.
        #[test]
        fn short_keys_are_the_bytes_in_order(word in proptest::collection::vec(proptest::num::u8::ANY, 0..11)) {
            for fold in [false, true] {
                let by_byte = (!word.is_empty() && word.len() <= 8 && word.is_ascii()).then(|| {
                    word.iter().enumerate().fold(0u64, |key, (i, &b)| {
                        key | u64::from(if fold { b.to_ascii_lowercase() } else { b }) << (8 * i)
                    })
                });
                proptest::prop_assert_eq!(short_key(&word, fold), by_byte, "{:?} fold {}", word, fold);
            }
        }

        /// The numbers of short ASCII words answer as the hash sets do:
        /// words drawn from a few letters, so that many are listed or
        /// differ from a listed word by a letter, a case or a length.
        #[test]
        fn short_words_are_found_as_the_sets_find_them(
            listed in proptest::collection::vec("[abAB.]{1,10}", 0..40),
            asked in proptest::collection::vec("[abAB.é]{0,10}", 1..40),
        ) {
            let leaked: Vec<&'static str> = listed.iter().map(|w| &*Box::leak(w.clone().into_boxed_str())).collect();
            let list = List::new(leaked.iter().copied());
            let words = Words::new(leaked.iter().copied());
            for w in asked.iter().chain(&listed) {
                proptest::prop_assert_eq!(list.contains(w), leaked.contains(&w.as_str()), "{:?}", w);
                let lower = w.to_lowercase();
                proptest::prop_assert_eq!(words.contains_ignore_case(w), leaked.contains(&lower.as_str()), "{:?}", w);
                if let Some(&last) = w.as_bytes().last() {
                    let ends = leaked.iter().any(|l| l.as_bytes().last() == Some(&last));
                    proptest::prop_assert_eq!(list.may_end_with(last), ends, "{:?}", w);
                }
            }
        }
    }
}

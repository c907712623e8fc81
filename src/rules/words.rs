//! Fixed lists of words that the rules ask about many times per text
//! (every capitalised word meets the stop words, every place the words
//! around it). [`Words`] are lowercase words asked about in any case, held
//! as hash sets built on first use: one hash instead of a pass over the
//! list. A [`List`] holds words asked about as written, behind filters on
//! their lengths and first bytes computed at compile time: most words
//! asked about are in no list, and two bit tests turn them away.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// The longest word a set compares through its stack buffer.
const BUF: usize = 32;

/// A fixed list of lowercase ASCII words, asked about in any ASCII case.
pub(crate) struct Words {
    list: &'static [&'static str],
    set: OnceLock<(FxHashSet<&'static [u8]>, usize)>,
}

impl Words {
    pub(crate) const fn new(list: &'static [&'static str]) -> Words {
        Words { list, set: OnceLock::new() }
    }

    /// The words, in the order written.
    #[cfg(test)]
    pub(crate) fn list(&self) -> &'static [&'static str] {
        self.list
    }

    /// True when `word` is one of the words, whatever its ASCII case
    /// (what `eq_ignore_ascii_case` against each would say).
    pub(crate) fn contains_ignore_case(&self, word: &str) -> bool {
        let (set, longest) = self.set.get_or_init(|| {
            let set = self.list.iter().map(|w| w.as_bytes()).collect();
            (set, self.list.iter().map(|w| w.len()).max().unwrap_or(0))
        });
        if word.len() > *longest {
            return false;
        }
        if word.len() > BUF {
            return self.list.iter().any(|w| w.eq_ignore_ascii_case(word));
        }
        let mut buf = [0u8; BUF];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        set.contains(&*lower)
    }
}

/// A fixed list of words, asked about in the case written.
pub(crate) struct List {
    list: &'static [&'static str],
    /// Bit `n` set: a word of `n` bytes is listed (`n` < 64; 63 stands
    /// for any longer length).
    lengths: u64,
    /// Bit `b` set: a word starting with byte `b` is listed.
    firsts: [u64; 4],
}

impl List {
    pub(crate) const fn new(list: &'static [&'static str]) -> List {
        let mut lengths = 0u64;
        let mut firsts = [0u64; 4];
        let mut i = 0;
        while i < list.len() {
            let w = list[i].as_bytes();
            lengths |= 1 << length_bit(w.len());
            if let Some(&b) = w.first() {
                firsts[(b >> 6) as usize] |= 1 << (b & 63);
            }
            i += 1;
        }
        List { list, lengths, firsts }
    }

    /// True when `word` is one of the words, written the same.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let Some(&first) = b.first() else { return self.list.contains(&"") };
        if self.lengths & (1 << length_bit(b.len())) == 0
            || self.firsts[(first >> 6) as usize] & (1 << (first & 63)) == 0
        {
            return false;
        }
        self.list.contains(&word)
    }
}

/// The bit of [`List::lengths`] for words of `len` bytes.
const fn length_bit(len: usize) -> u32 {
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
        static L: List = List::new(&[
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
            assert_eq!(L.contains(word), want, "{word:?}");
        }
    }

    #[test]
    fn agrees_with_comparing_each_word() {
        static W: Words = Words::new(&["the", "of", "said", "a", "complex", "über"]);
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
            ("Über", false),
            ("über", true),
            ("ÜBER", false),
            ("a-very-long-word-longer-than-the-buffer-of-32-bytes", false),
        ];
        for &(word, want) in table {
            assert_eq!(W.contains_ignore_case(word), want, "{word:?}");
            assert_eq!(W.list().iter().any(|w| w.eq_ignore_ascii_case(word)), want, "{word:?} (linear)");
        }
    }
}

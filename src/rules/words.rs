//! Fixed lists of lowercase words that the rules ask about many times per
//! text (every capitalised word meets the stop words), held as hash sets
//! built on first use: one hash instead of a pass over the list.

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

#[cfg(test)]
mod tests {
    use super::*;

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

//! How a language's names change in running text: the endings (or
//! beginnings) a written word has where the name has another. "Москве" is
//! Москва in the locative, "Bakıda" is Bakı with the locative suffix,
//! "بلندن" is لندن after the preposition ب.
//!
//! A pack's `suffixes` file holds lines `TEXT_ENDING<TAB>BASE_ENDING`; its
//! `prefixes` file lines `TEXT_START<TAB>BASE_START`. The matcher asks for
//! the base forms of a capitalised word the vocabulary does not know, and
//! takes the first base form that it knows (the longest ending first). The
//! span still covers the whole written word; the match records the name.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalize::fold_word_into;

/// The fewest characters a base form keeps of the written word: a
/// short stem is too often a common word's.
const MIN_STEM: usize = 2;
/// The fewest characters of a base form.
const MIN_BASE: usize = 3;

/// One line of a table: a word ending (or starting) in `text` may be
/// the name ending (or starting) in `base`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    text: Box<str>,
    base: Box<str>,
    /// The name may go on after a word in this form (its language inflects
    /// every word of a name).
    continues: bool,
}

/// The inflection tables a text is read with, folded like the
/// vocabulary: its language's, and those of the scripts only one packed
/// language family writes (Cyrillic, Armenian, Arabic), whose endings
/// cannot be mistaken for another language's. Rules are kept by the last
/// (first) character of their ending, so that a word meets only the rules
/// that can apply to it: an English word meets none.
#[derive(Debug, Default)]
pub(crate) struct Inflection {
    suffixes: FxHashMap<char, Vec<Rule>>,
    prefixes: FxHashMap<char, Vec<Rule>>,
    /// The text's own language's endings, for a suffix written after an
    /// apostrophe.
    endings: FxHashSet<Box<str>>,
    /// A suffix written after an apostrophe is part of the written word
    /// ("Ankara'da"): the span covers it.
    pub(crate) apostrophe: bool,
    /// Some rule's text is ASCII: an ASCII word may change. (Not in a
    /// Russian text, whose tables are all in other scripts: its Latin
    /// words are never looked at.)
    ascii: bool,
}

/// The parameters of a language's inflection that are not lists.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Params {
    /// Every word of a name may be inflected (a Russian adjective agrees
    /// with its noun: "Новой Зеландии"), not only the last.
    pub(crate) every_token: bool,
    /// Suffixes are written after an apostrophe on names.
    pub(crate) apostrophe: bool,
}

impl Inflection {
    /// Adds the tables of a pack's `suffixes` and `prefixes` lines. With
    /// `own`, they are the text's language's: their endings may follow an
    /// apostrophe where `params` says so.
    pub(crate) fn add<'a>(
        &mut self,
        suffixes: impl Iterator<Item = &'a str>,
        prefixes: impl Iterator<Item = &'a str>,
        params: Params,
        own: bool,
    ) {
        let rules = |lines: &mut dyn Iterator<Item = &'a str>| -> Vec<Rule> {
            lines
                .map(|line| {
                    let (text, base) = line.split_once('\t').unwrap_or((line, ""));
                    Rule { text: fold(text.trim()), base: fold(base.trim()), continues: params.every_token }
                })
                .filter(|r| !r.text.is_empty())
                .collect()
        };
        let suffixes = rules(&mut { suffixes });
        let prefixes = rules(&mut { prefixes });
        self.ascii |= suffixes.iter().chain(&prefixes).any(|r| r.text.is_ascii());
        if own {
            self.endings.extend(suffixes.iter().map(|r| r.text.clone()));
            self.apostrophe |= params.apostrophe;
        }
        merge(&mut self.suffixes, suffixes, |t| t.chars().next_back());
        merge(&mut self.prefixes, prefixes, |t| t.chars().next());
    }

    /// True when the tables change no word.
    pub(crate) fn is_empty(&self) -> bool {
        self.suffixes.is_empty() && self.prefixes.is_empty()
    }

    /// False when no rule can change the folded word `key`: an ASCII word
    /// where every rule's text is in another script.
    #[inline]
    pub(crate) fn may_change(&self, key: &str) -> bool {
        self.ascii || !key.is_ascii()
    }

    /// Calls `known` with each base form of the folded word `key`, longest
    /// ending (or start) first, and returns its first answer, with whether
    /// the name may go on after the word.
    pub(crate) fn find<T>(
        &self,
        key: &str,
        buf: &mut String,
        mut known: impl FnMut(&str) -> Option<T>,
    ) -> Option<(T, bool)> {
        if !self.may_change(key) {
            return None;
        }
        let by_last = key.chars().next_back().and_then(|c| self.suffixes.get(&c));
        for rule in by_last.into_iter().flat_map(|r| r.iter()) {
            let Some(stem) = key.strip_suffix(&*rule.text) else { continue };
            let stem_chars = stem.chars().count();
            if stem_chars < MIN_STEM || stem_chars + rule.base.chars().count() < MIN_BASE {
                continue;
            }
            buf.clear();
            buf.push_str(stem);
            buf.push_str(&rule.base);
            if let Some(t) = known(buf) {
                return Some((t, rule.continues));
            }
        }
        let by_first = key.chars().next().and_then(|c| self.prefixes.get(&c));
        for rule in by_first.into_iter().flat_map(|r| r.iter()) {
            let Some(rest) = key.strip_prefix(&*rule.text) else { continue };
            if rest.chars().count() < MIN_BASE {
                continue;
            }
            buf.clear();
            buf.push_str(&rule.base);
            buf.push_str(rest);
            if let Some(t) = known(buf) {
                return Some((t, rule.continues));
            }
        }
        None
    }

    /// Where the written word ends when a name ending at byte `end` is
    /// followed by an apostrophe and a suffix of the text's language
    /// ("Ankara'da", "Bakı'nın"), or `None`.
    pub(crate) fn apostrophe_end(&self, text: &str, end: usize) -> Option<usize> {
        if !self.apostrophe {
            return None;
        }
        let rest = text.get(end..)?;
        let c = rest.chars().next()?;
        if !matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘') {
            return None;
        }
        let from = c.len_utf8();
        let len = rest[from..].find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len() - from);
        let word = &rest[from..from + len];
        if word.is_empty() || word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let folded = fold(word);
        // One suffix, or two stacked ("'ndan", "'daki").
        let known = self.endings.contains(&folded)
            || (1..folded.len())
                .filter(|&i| folded.is_char_boundary(i))
                .any(|i| self.endings.contains(&folded[..i]) && self.endings.contains(&folded[i..]));
        known.then_some(end + from + len)
    }
}

/// Adds rules to the buckets keyed by a character of their text, each
/// bucket longest text first (then in the order added), without repeats.
fn merge(buckets: &mut FxHashMap<char, Vec<Rule>>, rules: Vec<Rule>, key: impl Fn(&str) -> Option<char>) {
    for rule in rules {
        let Some(k) = key(&rule.text) else { continue };
        let bucket = buckets.entry(k).or_default();
        if !bucket.iter().any(|r| r.text == rule.text && r.base == rule.base) {
            bucket.push(rule);
        }
    }
    // (Stable: rules of one length stay in the order added.)
    for bucket in buckets.values_mut() {
        bucket.sort_by_key(|r| std::cmp::Reverse(r.text.chars().count()));
    }
}

fn fold(s: &str) -> Box<str> {
    let mut out = String::with_capacity(s.len());
    fold_word_into(s, &mut out);
    out.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(suffixes: &[&str], prefixes: &[&str], params: Params) -> Inflection {
        let mut t = Inflection::default();
        t.add(suffixes.iter().copied(), prefixes.iter().copied(), params, true);
        t
    }

    #[test]
    fn base_forms_longest_ending_first() {
        let ru = table(&["е\tа", "е\t", "и\tя", "ии\tия", "ым\t", "а\t"], &[], Params::default());
        let known = ["москва", "ереван", "россия", "налбандов"];
        let cases = [
            ("москве", Some("москва")),
            ("ереване", Some("ереван")),
            ("россии", Some("россия")),
            ("налбандовым", Some("налбандов")),
            // Too short a stem: "на" is no name's form.
            ("нае", None),
            ("париж", None),
        ];
        let mut buf = String::new();
        for (word, want) in cases {
            let got = ru.find(word, &mut buf, |b| known.contains(&b).then(|| b.to_string())).map(|(b, _)| b);
            assert_eq!(got.as_deref(), want, "{word}");
        }
    }

    #[test]
    fn prefixes() {
        let ar = table(&[], &["ب\t", "و\t", "بال\tال"], Params::default());
        let known = ["لندن", "القاهرة"];
        let mut buf = String::new();
        for (word, want) in
            [("بلندن", Some("لندن")), ("بالقاهرة", Some("القاهرة")), ("ولندن", Some("لندن")), ("بيت", None)]
        {
            let got = ar.find(word, &mut buf, |b| known.contains(&b).then(|| b.to_string())).map(|(b, _)| b);
            assert_eq!(got.as_deref(), want, "{word}");
        }
    }

    #[test]
    fn folded_like_the_vocabulary() {
        // Endings are folded: "ой" and "ои" are one ending after folding.
        let ru = table(&["ой\tая"], &[], Params::default());
        let mut buf = String::new();
        let mut key = String::new();
        fold_word_into("Новой", &mut key);
        let mut want = String::new();
        fold_word_into("Новая", &mut want);
        assert_eq!(ru.find(&key, &mut buf, |b| (b == want).then_some(())), Some(((), false)));
    }

    #[test]
    fn apostrophe_suffixes() {
        let tr = table(
            &["da\t", "dan\t", "n\t", "ın\t", "nın\t", "a\t"],
            &[],
            Params { apostrophe: true, every_token: false },
        );
        let cases = [
            ("Ankara'da toplandı", 6, Some(9)),
            ("Ankara’dan döndü", 6, Some(12)),
            ("Bakı'nın merkezi", 5, Some(10)),
            // Two stacked suffixes.
            ("Ankara'ndan", 6, Some(11)),
            ("Ankara'Da", 6, None),
            ("Ankara' da", 6, None),
            ("Ankara'xyz", 6, None),
            ("Ankara da", 6, None),
            ("Ankara", 6, None),
        ];
        for (text, end, want) in cases {
            assert_eq!(tr.apostrophe_end(text, end), want, "{text}");
        }
        let en = table(&["s\t"], &[], Params::default());
        assert_eq!(en.apostrophe_end("Baku's", 4), None);
        // Another language's table adds no apostrophe suffix.
        let mut ru_in_tr = table(&["da\t"], &[], Params { apostrophe: true, every_token: false });
        ru_in_tr.add(["е\tа"].into_iter(), [].into_iter(), Params { every_token: true, apostrophe: false }, false);
        assert_eq!(ru_in_tr.apostrophe_end("Ankara'е", 6), None);
        assert_eq!(ru_in_tr.apostrophe_end("Ankara'da", 6), Some(9));
    }

    #[test]
    fn a_rule_says_whether_the_name_goes_on() {
        let mut t = table(&["da\t"], &[], Params { apostrophe: true, every_token: false });
        t.add(["ой\tая"].into_iter(), [].into_iter(), Params { every_token: true, apostrophe: false }, false);
        let mut buf = String::new();
        assert_eq!(t.find("bakida", &mut buf, |b| (b == "baki").then_some(())), Some(((), false)));
        assert_eq!(t.find("новои", &mut buf, |b| (b == "новая").then_some(())), Some(((), true)));
    }
}

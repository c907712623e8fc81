//! Tokenisation and folding: the normalised view that matching runs on.
//!
//! Text is cut into tokens on the caller's original text, so every token
//! carries the byte range it came from, and folding happens per token:
//! reported offsets can never drift, whatever the folding does to lengths.
//!
//! - A *word* is a maximal run of letters, digits and combining marks
//!   (Han ideographs and kana are one token each, since those scripts do not
//!   separate words with spaces).
//! - Whitespace and dashes (`-`, `‐`, `–`, `—`, `−`, ...) separate tokens and
//!   are otherwise ignored: `Nagorno-Karabakh`, `Nagorno Karabakh` and
//!   `Nagorno–Karabakh` give the same tokens.
//! - Any other character is a one-character *punctuation* token. Apostrophe
//!   variants (`'`, `’`, `ʼ`, `‘`, `` ` ``...) fold to `'`, quote variants to
//!   `"`, so `Azerbaijan’s` is `azerbaijan ' s`.
//! - A blank line (two or more line breaks) is a *break*: no name matches
//!   across it.
//!
//! A word folds by compatibility decomposition (NFKD), full Unicode
//! lowercasing, dropping combining marks, and mapping letters that do not
//! decompose (`ə`->`e`, `ı`->`i`, `ł`->`l`, `ø`->`o`, `đ`->`d`, `ß`->`ss`,
//! `æ`->`ae`...).

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

mod tokenize;

use tokenize::{classify, Class, TABLED_END};
pub(crate) use tokenize::{has_word_char, is_cased, is_hashtag_sign, Token, TokenKind, Tokenizer};

/// Appends the folded form of a word (the slice of one word token) to `out`.
pub(crate) fn fold_word_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        let at = out.len();
        out.push_str(word);
        if let Some(added) = out.get_mut(at..) {
            added.make_ascii_lowercase();
        }
        return;
    }
    let table = fold_table();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match table.get(c as usize - 0x80).copied() {
            Some(FOLD_DROP) => {}
            Some(f) if f != FOLD_SLOW => out.push(char::from_u32(f).unwrap_or(c)),
            _ => fold_char(c, out),
        }
    }
}

/// In [`fold_table`]: the character folds to nothing.
const FOLD_DROP: u32 = u32::MAX - 1;
/// In [`fold_table`]: the character folds to more than one character.
const FOLD_SLOW: u32 = u32::MAX;

/// The folded form of every character from U+0080 to U+2FFF that folds
/// to one character or to none, computed once: decomposing and
/// lowercasing through the Unicode tables costs hundreds of instructions a
/// character, for every accented letter of every name and text.
fn fold_table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Box<[u32]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut s = String::new();
        (0x80u32..TABLED_END)
            .map(|u| {
                let Some(c) = char::from_u32(u) else { return FOLD_SLOW };
                s.clear();
                fold_char(c, &mut s);
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (None, _) => FOLD_DROP,
                    (Some(f), None) => u32::from(f),
                    _ => FOLD_SLOW,
                }
            })
            .collect()
    })
}

/// Appends the folded form of one character outside ASCII: its
/// compatibility decomposition without combining marks, lowercased, with
/// the letters of `push_folded_letter` replaced.
fn fold_char(c: char, out: &mut String) {
    if classify(c) == Class::Ignorable {
        return;
    }
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if is_combining_mark(l) {
                continue;
            }
            push_folded_letter(l, out);
        }
    });
}

/// Letters that do not decompose to an ASCII base but that writers commonly
/// replace by one (`Kəlbəcər` is written `Kelbecer`).
fn push_folded_letter(c: char, out: &mut String) {
    let s: &str = match c {
        'ə' | 'ǝ' | 'ɛ' => "e",
        'ı' | 'ɨ' => "i",
        'ł' | 'ŀ' | 'ƚ' => "l",
        'ø' | 'ǿ' => "o",
        'đ' | 'ð' | 'ɖ' => "d",
        'ß' => "ss",
        'æ' | 'ǽ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ħ' => "h",
        'ŧ' => "t",
        'ƶ' => "z",
        'ɓ' => "b",
        'ƙ' => "k",
        'ŋ' => "ng",
        'ĸ' => "q",
        'ς' => "σ",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(s);
}

/// Returns the key under which a name or a piece of text is matched: its
/// tokens, folded, joined by single spaces.
///
/// Two strings are matched against each other exactly when their keys are
/// equal (and the case policy allows it), so this is the function to use to
/// check what a gazetteer name will match.
///
/// # Example
///
/// ```
/// assert_eq!(gazet::match_key("Nagorno–Karabakh"), "nagorno karabakh");
/// assert_eq!(gazet::match_key("Kəlbəcər"), "kelbecer");
/// assert_eq!(gazet::match_key("Azerbaijan’s"), "azerbaijan ' s");
/// assert_eq!(gazet::match_key("İSTANBUL"), "istanbul");
/// ```
pub fn match_key(s: &str) -> String {
    normalize(s).text
}

/// The normalised view of a text, with the map back to the original.
///
/// The view is the text's tokens, folded, separated by single spaces; a
/// paragraph break becomes a line break. Every token of the view remembers
/// the byte range of the original text it came from, so a range found in
/// the view maps back to the original with [`Normalized::to_original`].
///
/// # Example
///
/// ```
/// let text = "BAKU – Kəlbəcər’s roads";
/// let view = gazet::normalize(text);
/// assert_eq!(view.as_str(), "baku kelbecer ' s roads");
/// let at = view.as_str().find("kelbecer").unwrap();
/// let original = view.to_original(at..at + "kelbecer".len());
/// assert_eq!(&text[original], "Kəlbəcər");
/// ```
#[derive(Clone, Debug)]
pub struct Normalized {
    text: String,
    /// (range in `text`, range in the original) per token, in order.
    map: Vec<(Range<usize>, Range<usize>)>,
}

impl Normalized {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Maps a byte range of the normalised text back to the original text.
    ///
    /// The result starts at the original start of the first token that the
    /// range touches and ends at the original end of the last one, so it
    /// always lies on character boundaries of the original. A range that
    /// touches no token maps to an empty range.
    pub fn to_original(&self, range: Range<usize>) -> Range<usize> {
        let first = self.map.partition_point(|(n, _)| n.end <= range.start);
        let last = self.map.partition_point(|(n, _)| n.start < range.end);
        match (self.map.get(first), last.checked_sub(1).and_then(|l| self.map.get(l))) {
            (Some((_, a)), Some((_, b))) if first < last => a.start..b.end,
            (Some((_, a)), _) => a.start..a.start,
            (None, _) => self.map.last().map_or(0..0, |(_, r)| r.end..r.end),
        }
    }
}

/// Builds the normalised view of `text` (see [`Normalized`]).
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized { text: String::with_capacity(text.len()), map: Vec::new() };
    normalize_into(text, &mut out.text, Some(&mut out.map));
    out
}

/// Appends the [`match_key`] of `s` to `out` (cleared first), with no
/// allocation once `out` is large enough.
pub(crate) fn match_key_into(s: &str, out: &mut String) {
    out.clear();
    normalize_into(s, out, None);
}

/// The normalised text of `text` appended to `out` (empty when called),
/// and, when asked for, the map of each of its tokens back to `text`.
fn normalize_into(text: &str, out: &mut String, mut map: Option<&mut Vec<(Range<usize>, Range<usize>)>>) {
    for tok in Tokenizer::new(text) {
        match tok.kind {
            TokenKind::Break => {
                if !out.is_empty() {
                    out.push('\n');
                }
                continue;
            }
            TokenKind::Word | TokenKind::Punct(_) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push(' ');
                }
            }
        }
        let at = out.len();
        match tok.kind {
            TokenKind::Word => fold_word_into(&text[tok.start..tok.end], out),
            TokenKind::Punct(p) => out.push(p),
            TokenKind::Break => {}
        }
        if out.len() == at {
            // A word made only of marks folds to nothing; keep it visible.
            out.push('\u{25CC}');
        }
        if let Some(map) = map.as_deref_mut() {
            map.push((at..out.len(), tok.start..tok.end));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_table_agrees_with_folding_each_character() {
        let (mut one, mut none, mut more) = (0, 0, 0);
        for u in 0x80u32..TABLED_END {
            let Some(c) = char::from_u32(u) else { continue };
            let (mut direct, mut tabled) = (String::new(), String::new());
            fold_char(c, &mut direct);
            fold_word_into(&c.to_string(), &mut tabled);
            assert_eq!(tabled, direct, "U+{u:04X}");
            match direct.chars().count() {
                0 => none += 1,
                1 => one += 1,
                _ => more += 1,
            }
        }
        // Each of the table's three kinds of entry is read.
        assert!(one > 10_000 && none > 100 && more > 10, "{one} {none} {more}");
        let mut out = String::new();
        fold_word_into("Kəlbəcər-ŞƏKİ-ß-ﬁ", &mut out);
        assert_eq!(out, "kelbecer-seki-ss-fi");
    }

    #[test]
    fn folding() {
        let table: &[(&str, &str)] = &[
            ("Baku", "baku"),
            ("BAKU", "baku"),
            ("Kəlbəcər", "kelbecer"),
            ("Laçın", "lacin"),
            ("Şuşa", "susa"),
            ("İstanbul", "istanbul"),
            ("ISTANBUL", "istanbul"),
            ("Łódź", "lodz"),
            ("Øresund", "oresund"),
            ("Đakovo", "dakovo"),
            ("Straße", "strasse"),
            ("STRASSE", "strasse"),
            ("Ærøskøbing", "aeroskobing"),
            ("Zürich", "zurich"),
            ("São Tomé", "sao tome"),
            ("Ｂａｋｕ", "baku"),
            ("ﬁnland", "finland"),
            ("Ὀδυσσεύς", "οδυσσευσ"),
            ("Москва", "москва"),
            ("Aze\u{AD}rbaijan", "azerbaijan"),
            ("Nagorno-Karabakh", "nagorno karabakh"),
            ("Nagorno – Karabakh", "nagorno karabakh"),
            ("Nagorno\u{2011}Karabakh", "nagorno karabakh"),
            ("Azerbaijan’s", "azerbaijan ' s"),
            ("Azerbaijan's", "azerbaijan ' s"),
            ("Côte d’Ivoire", "cote d ' ivoire"),
            ("“Baku”", "\" baku \""),
            ("AT&T", "at & t"),
            ("AT & T", "at & t"),
            ("北京市", "北 京 市"),
            ("", ""),
            ("  \t ", ""),
        ];
        for (input, want) in table {
            assert_eq!(match_key(input), *want, "folding {input:?}");
        }
    }

    #[test]
    fn view_maps_back_to_original() {
        let text = "In İzmir, Kəlbəcər’s \n\n NAGORNO–KARABAKH";
        let view = normalize(text);
        assert_eq!(view.as_str(), "in izmir , kelbecer ' s\nnagorno karabakh");
        let table: &[(&str, &str)] = &[
            ("izmir", "İzmir"),
            ("kelbecer", "Kəlbəcər"),
            ("kelbecer ' s", "Kəlbəcər’s"),
            ("nagorno karabakh", "NAGORNO–KARABAKH"),
            ("zmi", "İzmir"),
        ];
        for (needle, want) in table {
            let at = view.as_str().find(needle).expect("needle in view");
            let r = view.to_original(at..at + needle.len());
            assert_eq!(&text[r], *want, "mapping {needle:?}");
        }
    }
}

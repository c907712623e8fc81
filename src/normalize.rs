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

/// How the letters of a token are cased in the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CaseShape {
    /// The token has at least one cased letter.
    pub(crate) has_cased: bool,
    /// The first cased letter is uppercase (or titlecase).
    pub(crate) first_upper: bool,
    /// Every cased letter is uppercase.
    pub(crate) all_upper: bool,
}

impl CaseShape {
    /// True when a word written this way reads as a proper name: its first
    /// cased letter is uppercase, or it has no cased letter at all.
    pub(crate) fn is_capitalised(self) -> bool {
        !self.has_cased || self.first_upper
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters, digits and marks.
    Word,
    /// One punctuation or symbol character, already folded.
    Punct(char),
    /// A paragraph break: nothing matches across it.
    Break,
}

/// One token of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) kind: TokenKind,
    pub(crate) case: CaseShape,
}

/// Character classes used by the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Word,
    /// A word character that is a token on its own (Han, kana).
    Single,
    /// Ignorable inside a word (soft hyphen, zero-width joiners): continues
    /// a word, is dropped by folding, and separates otherwise.
    Ignorable,
    Space,
    Newline,
    ParagraphSeparator,
    Dash,
    Punct(char),
}

fn classify(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' => Class::Word,
            '\n' => Class::Newline,
            ' ' | '\t' | '\r' | '\x0b' | '\x0c' => Class::Space,
            '-' => Class::Dash,
            '`' => Class::Punct('\''),
            c if c.is_ascii_control() => Class::Space,
            c => Class::Punct(c),
        };
    }
    if let Some(&tag) = non_ascii_classes().get(c as usize - 0x80) {
        match tag {
            CLASS_WORD => return Class::Word,
            CLASS_SINGLE => return Class::Single,
            CLASS_IGNORABLE => return Class::Ignorable,
            CLASS_SPACE => return Class::Space,
            CLASS_NEWLINE => return Class::Newline,
            CLASS_PARAGRAPH => return Class::ParagraphSeparator,
            CLASS_DASH => return Class::Dash,
            CLASS_PUNCT_SELF => return Class::Punct(c),
            _ => {}
        }
    }
    classify_non_ascii(c)
}

/// The end of the characters whose class and folded form come from tables
/// built once (`non_ascii_classes`, `fold_table`): U+0080 to U+2FFF.
const TABLED_END: u32 = 0x3000;

// Tags of the table of `non_ascii_classes`.
const CLASS_WORD: u8 = 0;
const CLASS_SINGLE: u8 = 1;
const CLASS_IGNORABLE: u8 = 2;
const CLASS_SPACE: u8 = 3;
const CLASS_NEWLINE: u8 = 4;
const CLASS_PARAGRAPH: u8 = 5;
const CLASS_DASH: u8 = 6;
/// Punctuation that folds to itself.
const CLASS_PUNCT_SELF: u8 = 7;
/// Punctuation that folds to another character: computed each time.
const CLASS_OTHER: u8 = 8;

/// The class of every character from U+0080 to U+2FFF (Latin, Greek,
/// Cyrillic, Armenian, Hebrew, Arabic, Georgian, Indic scripts,
/// punctuation...), computed once: the standard library's Unicode
/// lookups take hundreds of instructions a character, and loading a
/// gazetteer of names in many scripts asks millions of times.
fn non_ascii_classes() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Box<[u8]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0x80u32..TABLED_END)
            .map(|u| match char::from_u32(u).map(classify_non_ascii) {
                Some(Class::Word) => CLASS_WORD,
                Some(Class::Single) => CLASS_SINGLE,
                Some(Class::Ignorable) => CLASS_IGNORABLE,
                Some(Class::Space) => CLASS_SPACE,
                Some(Class::Newline) => CLASS_NEWLINE,
                Some(Class::ParagraphSeparator) => CLASS_PARAGRAPH,
                Some(Class::Dash) => CLASS_DASH,
                Some(Class::Punct(p)) if Some(p) == char::from_u32(u) => CLASS_PUNCT_SELF,
                _ => CLASS_OTHER,
            })
            .collect()
    })
}

/// The class of a character outside ASCII, from the Unicode tables.
fn classify_non_ascii(c: char) -> Class {
    match c {
        '\u{2029}' => Class::ParagraphSeparator,
        '\u{2028}' | '\u{85}' => Class::Newline,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => Class::Ignorable,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Class::Dash,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' | '\u{02B9}' | '\u{02BB}'
        | '\u{02BC}' | '\u{02BD}' | '\u{055A}' | '\u{FF07}' => Class::Punct('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' | '\u{FF02}' => {
            Class::Punct('"')
        }
        c if is_single_token_script(c) => Class::Single,
        c if c.is_alphanumeric() || is_combining_mark(c) => Class::Word,
        c if c.is_whitespace() => Class::Space,
        c if c.is_control() => Class::Space,
        c => Class::Punct(fold_punct(c)),
    }
}

/// Han ideographs and kana, and the letters of Thai, Lao, Myanmar and
/// Khmer: scripts written without spaces between words, where each
/// character (with the combining marks after it) is a token of its own,
/// so that a name matches inside a longer run: the longest name known
/// there wins, a dictionary's longest match.
fn is_single_token_script(c: char) -> bool {
    let spaceless = matches!(c,
        '\u{0E01}'..='\u{0E7F}'   // Thai
        | '\u{0E80}'..='\u{0EFF}' // Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
    );
    (spaceless && c.is_alphabetic() && !is_combining_mark(c))
        || matches!(c,
            '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
            | '\u{3400}'..='\u{4DBF}' // CJK Extension A
            | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
            | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
            | '\u{20000}'..='\u{3FFFF}' // CJK Extensions B and later
        )
}

/// Folds a punctuation character by compatibility decomposition when it
/// decomposes to one character (full-width `，` to `,`).
fn fold_punct(c: char) -> char {
    let mut out = None;
    let mut count = 0;
    decompose_compatible(c, |d| {
        count += 1;
        out = Some(d);
    });
    match (count, out) {
        (1, Some(d)) => d,
        _ => c,
    }
}

/// Byte classes of ASCII for the tokenizer's fast paths (bytes from 0x80
/// have none: they take the general path).
const A_WORD: u8 = 1;
const A_UPPER: u8 = 2;
const A_LOWER: u8 = 4;
const A_SPACE: u8 = 8;

const ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            A_WORD | A_UPPER
        } else if c.is_ascii_lowercase() {
            A_WORD | A_LOWER
        } else if c.is_ascii_digit() {
            A_WORD
        } else if c == b' ' {
            A_SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Streaming tokenizer over the original text.
pub(crate) struct Tokenizer<'h> {
    text: &'h str,
    pos: usize,
    /// The last word was cut inside a hashtag at a change of case, so the
    /// word at `pos` goes on cutting ("#NagornoKarabakh").
    camel: bool,
}

impl<'h> Tokenizer<'h> {
    pub(crate) fn new(text: &'h str) -> Self {
        Tokenizer { text, pos: 0, camel: false }
    }

    fn char_at(&self, pos: usize) -> Option<(char, usize)> {
        let b = *self.text.as_bytes().get(pos)?;
        if b < 0x80 {
            return Some((b as char, 1));
        }
        let c = self.text[pos..].chars().next()?;
        Some((c, c.len_utf8()))
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    // Inlined into its callers (the scan's loop, the rules' look-arounds):
    // as a call, saving registers and returning the token through memory
    // cost 2.4% of all instructions of an extraction.
    #[inline(always)]
    fn next(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let resumed = std::mem::take(&mut self.camel).then_some(self.pos);
        // Skip separators, noting paragraph breaks.
        let mut newlines = 0u32;
        // The first character of the token, its length and class, read once.
        let (c, len, class) = loop {
            let b = *bytes.get(self.pos)?;
            // Spaces between words are most of what is skipped, and most
            // tokens start with an ASCII letter or digit.
            let f = ASCII_CLASS[b as usize];
            if f & A_SPACE != 0 {
                self.pos += 1;
                continue;
            }
            if f & A_WORD != 0 {
                break (b as char, 1, Class::Word);
            }
            let (c, len) = self.char_at(self.pos)?;
            let class = classify(c);
            match class {
                Class::Space | Class::Dash | Class::Ignorable => {}
                Class::Newline => newlines += 1,
                Class::ParagraphSeparator => newlines += 2,
                _ => break (c, len, class),
            }
            self.pos += len;
        };
        if newlines >= 2 {
            return Some(Token { start: self.pos, end: self.pos, kind: TokenKind::Break, case: CaseShape::default() });
        }
        let start = self.pos;
        match class {
            Class::Punct(p) => {
                self.pos += len;
                Some(Token { start, end: self.pos, kind: TokenKind::Punct(p), case: CaseShape::default() })
            }
            Class::Single => {
                self.pos += len;
                // (The marks written on the character: a Thai vowel or tone.)
                while let Some(m) = self.text[self.pos..].chars().next().filter(|&m| is_combining_mark(m)) {
                    self.pos += m.len_utf8();
                }
                Some(Token { start, end: self.pos, kind: TokenKind::Word, case: case_of(c, CaseShape::default()) })
            }
            _ => {
                // A word: letters, digits, marks and ignorables up to the next
                // character of another class. ASCII letters and digits first,
                // with their classes gathered.
                let mut pos = start;
                let mut seen = 0u8;
                // A hashtag's words are cut where the case changes, as its
                // writer meant them ("#NewYork", "#UNGeneva"): a capital
                // after a small letter, or a capital followed by a small
                // letter after capitals. Nowhere else: "McDonald" is one word.
                let camel = resumed == Some(start) || (start > 0 && bytes[start - 1] == b'#');
                let mut cut = false;
                if camel {
                    while let Some(&b) = bytes.get(pos) {
                        let f = ASCII_CLASS[b as usize];
                        if f & A_WORD == 0 {
                            break;
                        }
                        if f & A_UPPER != 0 && pos > start {
                            let prev = ASCII_CLASS[bytes[pos - 1] as usize];
                            let next_lower =
                                bytes.get(pos + 1).is_some_and(|&n| ASCII_CLASS[n as usize] & A_LOWER != 0);
                            if prev & A_LOWER != 0 || (prev & A_UPPER != 0 && next_lower) {
                                cut = true;
                                break;
                            }
                        }
                        seen |= f;
                        pos += 1;
                    }
                } else {
                    // (The loop of almost every word, kept apart from the
                    // hashtag's: one test a byte.)
                    while let Some(&b) = bytes.get(pos) {
                        let f = ASCII_CLASS[b as usize];
                        if f & A_WORD == 0 {
                            break;
                        }
                        seen |= f;
                        pos += 1;
                    }
                }
                let mut case = CaseShape { has_cased: false, first_upper: false, all_upper: true };
                if seen & (A_UPPER | A_LOWER) != 0 {
                    case.has_cased = true;
                    case.all_upper = seen & A_LOWER == 0;
                    // The first letter decides (a word rarely starts with a
                    // digit: "4th").
                    case.first_upper =
                        bytes[start..pos].iter().find(|b| b.is_ascii_alphabetic()).is_some_and(u8::is_ascii_uppercase);
                }
                let mut last_word_end = pos;
                if cut {
                    self.pos = pos;
                    self.camel = true;
                    return Some(Token { start, end: pos, kind: TokenKind::Word, case });
                }
                // Then any other character, one at a time.
                while pos < bytes.len() {
                    let b = bytes[pos];
                    if b < 0x80 {
                        if ASCII_CLASS[b as usize] & A_WORD == 0 {
                            break;
                        }
                        case = case_of(b as char, case);
                        pos += 1;
                        last_word_end = pos;
                        continue;
                    }
                    let (c, len) = self.char_at(pos)?;
                    match classify(c) {
                        Class::Word => {
                            case = case_of(c, case);
                            pos += len;
                            last_word_end = pos;
                        }
                        Class::Ignorable => pos += len,
                        _ => break,
                    }
                }
                // Trailing ignorables are separators, not part of the word.
                self.pos = pos;
                if !case.has_cased {
                    case.all_upper = false;
                }
                Some(Token { start, end: last_word_end, kind: TokenKind::Word, case })
            }
        }
    }
}

fn case_of(c: char, mut case: CaseShape) -> CaseShape {
    let upper = c.is_uppercase();
    if is_cased(c) {
        if !case.has_cased {
            case.has_cased = true;
            case.first_upper = upper;
            case.all_upper = true;
        }
        case.all_upper &= upper;
    }
    case
}

/// True for a letter with a case: an uppercase or lowercase letter, but
/// not the letters Unicode calls lowercase in a script that writes names
/// without capitals: Georgian Mkhedruli (its capitals, Mtavruli, are for
/// headings). A word in them is read as caseless, like Arabic, so its
/// names match as written.
pub(crate) fn is_cased(c: char) -> bool {
    c.is_uppercase() || (c.is_lowercase() && !('\u{10D0}'..='\u{10FF}').contains(&c))
}

/// True when byte `i` of `text` is a `#` that starts a hashtag: it begins
/// the text or follows whitespace, an opening bracket or a quote
/// ("page#section" in an address is none).
pub(crate) fn is_hashtag_sign(text: &str, i: usize) -> bool {
    text.as_bytes().get(i) == Some(&b'#')
        && text[..i].chars().next_back().is_none_or(|c| c.is_whitespace() || "([\"'".contains(c))
}

/// True when `s` has a character that starts or continues a word token: a
/// name needs one to be matchable.
pub(crate) fn has_word_char(s: &str) -> bool {
    s.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            matches!(classify(c), Class::Word | Class::Single)
        }
    })
}

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
    fn the_class_table_agrees_with_the_unicode_tables() {
        let mut kinds = std::collections::HashSet::new();
        for u in 0x80u32..TABLED_END {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(classify(c), classify_non_ascii(c), "U+{u:04X}");
            kinds.insert(std::mem::discriminant(&classify(c)));
        }
        // Every class occurs in the range (Single: Thai, Lao, Myanmar and
        // Khmer letters), so the table's tags are read.
        assert_eq!(kinds.len(), 8);
        assert_eq!(classify('ə'), Class::Word);
        assert_eq!(classify('\u{2014}'), Class::Dash);
        assert_eq!(classify('\u{FF0D}'), Class::Dash, "past the table");
    }

    fn words(text: &str) -> Vec<&str> {
        Tokenizer::new(text).filter(|t| t.kind != TokenKind::Break).map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn hashtags_are_cut_where_the_case_changes() {
        let table: &[(&str, &[&str])] = &[
            ("#NewYork rally", &["#", "New", "York", "rally"]),
            ("#UNGeneva", &["#", "UN", "Geneva"]),
            ("#NagornoKarabakh2020", &["#", "Nagorno", "Karabakh2020"]),
            ("#baku #BAKU", &["#", "baku", "#", "BAKU"]),
            // Outside a hashtag a word stays whole.
            ("McDonald NewYork", &["McDonald", "NewYork"]),
            ("#Mc Donald x#YoY", &["#", "Mc", "Donald", "x", "#", "Yo", "Y"]),
        ];
        for &(text, want) in table {
            assert_eq!(words(text), want, "{text:?}");
        }
    }

    /// The tokenizer's rules written one character at a time, with no fast
    /// path: what the byte-class tables must agree with.
    fn reference_tokens(text: &str) -> Vec<Token> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(p, _)| p);
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let mut newlines = 0;
            while let Some(&(_, c)) = chars.get(i) {
                match classify(c) {
                    Class::Space | Class::Dash | Class::Ignorable => {}
                    Class::Newline => newlines += 1,
                    Class::ParagraphSeparator => newlines += 2,
                    _ => break,
                }
                i += 1;
            }
            let Some(&(start, c)) = chars.get(i) else { break };
            if newlines >= 2 {
                out.push(Token { start, end: start, kind: TokenKind::Break, case: CaseShape::default() });
            }
            match classify(c) {
                Class::Punct(p) => {
                    out.push(Token {
                        start,
                        end: end_of(i + 1),
                        kind: TokenKind::Punct(p),
                        case: CaseShape::default(),
                    });
                    i += 1;
                }
                Class::Single => {
                    let case = case_of(c, CaseShape::default());
                    i += 1;
                    while chars.get(i).is_some_and(|&(_, m)| is_combining_mark(m)) {
                        i += 1;
                    }
                    out.push(Token { start, end: end_of(i), kind: TokenKind::Word, case });
                }
                _ => {
                    let mut case = CaseShape { has_cased: false, first_upper: false, all_upper: true };
                    let mut end = start;
                    while let Some(&(_, c)) = chars.get(i) {
                        match classify(c) {
                            Class::Word => {
                                case = case_of(c, case);
                                end = end_of(i + 1);
                            }
                            Class::Ignorable => {}
                            _ => break,
                        }
                        i += 1;
                    }
                    case.all_upper &= case.has_cased;
                    out.push(Token { start, end, kind: TokenKind::Word, case });
                }
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn fast_paths_agree_with_the_reference(
            text in "([a-zA-Z0-9 ]|[-.,'\n\t]|[\u{AD}\u{200D}\u{2028}\u{2029}]|[éÉßİıəƏ]|[\u{301}\u{2019}\u{2013}]|[東京かな]|[ＢＡｂａ１]){0,40}"
        ) {
            let fast: Vec<Token> = Tokenizer::new(&text).collect();
            proptest::prop_assert_eq!(fast, reference_tokens(&text));
        }
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
    fn token_ranges_are_original_slices() {
        let table: &[(&str, &[&str])] = &[
            ("Russia-brokered cease-fire", &["Russia", "brokered", "cease", "fire"]),
            ("Turkish-Russian center", &["Turkish", "Russian", "center"]),
            ("Armenia’s forces", &["Armenia", "’", "s", "forces"]),
            ("BAKU, Azerbaijan (AA) –", &["BAKU", ",", "Azerbaijan", "(", "AA", ")"]),
            ("Nov. 10, 2020", &["Nov", ".", "10", ",", "2020"]),
            ("soft\u{AD}\u{AD} word\u{200B}", &["soft", "word"]),
            ("İİİ Paris", &["İİİ", "Paris"]),
            ("e\u{301}te\u{301}", &["e\u{301}te\u{301}"]),
            ("東京都へ", &["東", "京", "都", "へ"]),
            ("🙂Baku🙂", &["🙂", "Baku", "🙂"]),
        ];
        for (input, want) in table {
            assert_eq!(words(input), *want, "tokens of {input:?}");
        }
    }

    #[test]
    fn case_shapes() {
        let table: &[(&str, bool, bool, bool)] = &[
            // text, has_cased, first_upper, all_upper
            ("Baku", true, true, false),
            ("BAKU", true, true, true),
            ("baku", true, false, false),
            ("iPhone", true, false, false),
            ("2020", false, false, false),
            ("Ənvər", true, true, false),
            ("ƏNVƏR", true, true, true),
            ("3M", true, true, true),
            // Georgian Mkhedruli has no capitals: caseless, like Arabic.
            ("ბაქო", false, false, false),
            ("باكو", false, false, false),
        ];
        for &(input, has_cased, first_upper, all_upper) in table {
            let tok = Tokenizer::new(input).next().expect("one token");
            assert_eq!(tok.case, CaseShape { has_cased, first_upper, all_upper }, "case of {input:?}");
        }
    }

    #[test]
    fn paragraph_breaks() {
        let kinds: Vec<TokenKind> = Tokenizer::new("Upper\nKarabakh\n\nBaku\u{2029}Moscow").map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TokenKind::Word,
                TokenKind::Word,
                TokenKind::Break,
                TokenKind::Word,
                TokenKind::Break,
                TokenKind::Word
            ]
        );
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

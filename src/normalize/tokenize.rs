//! Cutting a text into tokens: words, punctuation and paragraph breaks,
//! each with the byte range it came from and the case of its letters (see
//! the parent module for the rules).

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// How the letters of a token are cased in the original text: four
/// answers in one byte, which the tokenizer's loop makes in a few
/// instructions from the classes of the bytes it read.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CaseShape(u8);

impl CaseShape {
    const HAS_CASED: u8 = 1;
    /// (The bit of [`A_UPPER`], so that an ASCII word's first byte's class
    /// is its bit.)
    const FIRST_UPPER: u8 = A_UPPER;
    const ALL_UPPER: u8 = 4;
    const ASCII_LOWER: u8 = 8;

    pub(crate) const fn new(has_cased: bool, first_upper: bool, all_upper: bool, ascii_lower: bool) -> CaseShape {
        const fn bit(on: bool, bit: u8) -> u8 {
            if on {
                bit
            } else {
                0
            }
        }
        CaseShape(
            bit(has_cased, Self::HAS_CASED)
                | bit(first_upper, Self::FIRST_UPPER)
                | bit(all_upper, Self::ALL_UPPER)
                | bit(ascii_lower, Self::ASCII_LOWER),
        )
    }

    /// The token has at least one cased letter.
    #[inline(always)]
    pub(crate) fn has_cased(self) -> bool {
        self.0 & Self::HAS_CASED != 0
    }

    /// The first cased letter is uppercase (or titlecase).
    #[inline(always)]
    pub(crate) fn first_upper(self) -> bool {
        self.0 & Self::FIRST_UPPER != 0
    }

    /// Every cased letter is uppercase (and there is one).
    #[inline(always)]
    pub(crate) fn all_upper(self) -> bool {
        self.0 & Self::ALL_UPPER != 0
    }

    /// Every byte is an ASCII lowercase letter ("said"): the word is its
    /// own folded form.
    #[inline(always)]
    pub(crate) fn ascii_lower(self) -> bool {
        self.0 & Self::ASCII_LOWER != 0
    }

    /// True when a word written this way reads as a proper name: its first
    /// cased letter is uppercase, or it has no cased letter at all.
    #[inline(always)]
    pub(crate) fn is_capitalised(self) -> bool {
        !self.has_cased() || self.first_upper()
    }
}

impl std::fmt::Debug for CaseShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseShape")
            .field("has_cased", &self.has_cased())
            .field("first_upper", &self.first_upper())
            .field("all_upper", &self.all_upper())
            .field("ascii_lower", &self.ascii_lower())
            .finish()
    }
}

/// A [`CaseShape`] in the making, one character at a time.
#[derive(Clone, Copy, Default)]
struct Shape {
    has_cased: bool,
    first_upper: bool,
    all_upper: bool,
    ascii_lower: bool,
}

impl Shape {
    /// A shape to go on from (`case_of`); while no letter is cased, what
    /// it says of capitals is read by nothing.
    fn of(case: CaseShape) -> Shape {
        Shape {
            has_cased: case.has_cased(),
            first_upper: case.first_upper(),
            all_upper: case.all_upper(),
            ascii_lower: case.ascii_lower(),
        }
    }

    fn done(self) -> CaseShape {
        CaseShape::new(self.has_cased, self.first_upper, self.all_upper && self.has_cased, self.ascii_lower)
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
pub(super) enum Class {
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

pub(super) fn classify(c: char) -> Class {
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
pub(super) const TABLED_END: u32 = 0x3000;

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
const A_DIGIT: u8 = 16;
/// A mark that is a token of its own, folded to itself (`,`, `.`, `#`).
const A_PUNCT: u8 = 32;

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
            A_WORD | A_DIGIT
        } else if c == b' ' {
            A_SPACE
        } else if c.is_ascii_punctuation() && c != b'-' && c != b'`' {
            A_PUNCT
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
    /// Where a word is cut at its changes of case ("#NagornoKarabakh"):
    /// just after an ASCII `#`, or where the last word was so cut
    /// (`usize::MAX`: nowhere yet).
    camel_at: usize,
}

impl<'h> Tokenizer<'h> {
    pub(crate) fn new(text: &'h str) -> Self {
        Tokenizer { text, pos: 0, camel_at: usize::MAX }
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
        // Most tokens are an ASCII word or punctuation mark after spaces:
        // cut here; everything else (line breaks, other characters, a
        // word that goes on past ASCII, a hashtag's words) in `general`.
        let mut pos = self.pos;
        loop {
            let b = *bytes.get(pos)?;
            let f = ASCII_CLASS[b as usize];
            if f & A_SPACE != 0 {
                pos += 1;
                continue;
            }
            if f & A_WORD != 0 && pos != self.camel_at {
                let start = pos;
                let mut seen = 0u8;
                while let Some(&b) = bytes.get(pos) {
                    let f = ASCII_CLASS[b as usize];
                    if f & A_WORD == 0 {
                        break;
                    }
                    seen |= f;
                    pos += 1;
                }
                if bytes.get(pos).is_none_or(|&b| b < 0x80) {
                    self.pos = pos;
                    return Some(Token {
                        start,
                        end: pos,
                        kind: TokenKind::Word,
                        case: ascii_case(bytes, start, seen),
                    });
                }
                pos = start;
            } else if f & A_PUNCT != 0 {
                self.pos = pos + 1;
                if b == b'#' {
                    self.camel_at = pos + 1;
                }
                return Some(Token {
                    start: pos,
                    end: pos + 1,
                    kind: TokenKind::Punct(b as char),
                    case: CaseShape::default(),
                });
            }
            self.pos = pos;
            return self.general();
        }
    }
}

/// The case of an ASCII word of `bytes` from `start` whose bytes' classes
/// are `seen` (or-ed).
#[inline(always)]
fn ascii_case(bytes: &[u8], start: usize, seen: u8) -> CaseShape {
    let shape = ASCII_SHAPES[usize::from(seen >> 1) & 0xF];
    // The first letter decides (a word rarely starts with a digit: "4th").
    let first = ASCII_CLASS[bytes[start] as usize];
    let first_upper = if first & A_DIGIT == 0 {
        first & A_UPPER
    } else if bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .find(|b| b.is_ascii_alphabetic())
        .is_some_and(u8::is_ascii_uppercase)
    {
        CaseShape::FIRST_UPPER
    } else {
        0
    };
    CaseShape(shape | first_upper)
}

/// The case of an ASCII word but its first letter's, by the classes of its
/// bytes (`seen >> 1`: upper, lower and digit are bits 0, 1 and 3).
const ASCII_SHAPES: [u8; 16] = {
    let mut t = [0u8; 16];
    let mut i = 0;
    while i < 16 {
        let (upper, lower, digit) = (i & 1 != 0, i & 2 != 0, i & 8 != 0);
        let has_cased = upper || lower;
        t[i] = CaseShape::new(has_cased, false, has_cased && !lower, !upper && !digit).0;
        i += 1;
    }
    t
};

impl Tokenizer<'_> {
    /// [`Iterator::next`] for any token, from `pos`.
    #[inline(never)]
    fn general(&mut self) -> Option<Token> {
        let bytes = self.text.as_bytes();
        let resumed = (self.camel_at == self.pos).then_some(self.pos);
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
                if c == '#' {
                    self.camel_at = self.pos;
                }
                Some(Token { start, end: self.pos, kind: TokenKind::Punct(p), case: CaseShape::default() })
            }
            Class::Single => {
                self.pos += len;
                // (The marks written on the character: a Thai vowel or tone.)
                while let Some(m) = self.text[self.pos..].chars().next().filter(|&m| is_combining_mark(m)) {
                    self.pos += m.len_utf8();
                }
                Some(Token { start, end: self.pos, kind: TokenKind::Word, case: case_of(c, Shape::default()).done() })
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
                let camel = resumed == Some(start);
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
                // The case of the ASCII letters and digits (until a character
                // outside ASCII continues the word).
                let mut case = Shape::of(ascii_case(bytes, start, seen));
                let ascii_end = pos;
                if cut {
                    self.pos = pos;
                    self.camel_at = pos;
                    return Some(Token { start, end: pos, kind: TokenKind::Word, case: case.done() });
                }
                // Most words end at an ASCII byte (a space, a comma): the
                // word is all ASCII and ends here.
                if bytes.get(pos).is_none_or(|&b| b < 0x80) {
                    self.pos = pos;
                    return Some(Token { start, end: pos, kind: TokenKind::Word, case: case.done() });
                }
                let mut last_word_end = pos;
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
                case.ascii_lower &= last_word_end == ascii_end;
                Some(Token { start, end: last_word_end, kind: TokenKind::Word, case: case.done() })
            }
        }
    }
}

fn case_of(c: char, mut case: Shape) -> Shape {
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

#[cfg(test)]
mod tests {
    use super::*;

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
            // Only right after the sign, and only the ASCII sign.
            ("# NewYork", &["#", "NewYork"]),
            ("\u{FF03}NewYork", &["\u{FF03}", "NewYork"]),
            ("##NewYork\n#UNGeneva, NewYork", &["#", "#", "New", "York", "#", "UN", "Geneva", ",", "NewYork"]),
            // A word that goes on past ASCII is cut in its ASCII part only.
            ("#BakuÖzel #ÖzelBaku", &["#", "BakuÖzel", "#", "ÖzelBaku"]),
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
        // Where the last word was cut inside a hashtag.
        let mut resumed = None;
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
                    let case = case_of(c, Shape::default()).done();
                    i += 1;
                    while chars.get(i).is_some_and(|&(_, m)| is_combining_mark(m)) {
                        i += 1;
                    }
                    out.push(Token { start, end: end_of(i), kind: TokenKind::Word, case });
                }
                _ => {
                    let mut case = Shape { has_cased: false, first_upper: false, all_upper: true, ascii_lower: false };
                    let mut end = start;
                    // In a hashtag, the word's leading ASCII letters and
                    // digits are cut where the case changes.
                    let b = text.as_bytes();
                    let camel = std::mem::take(&mut resumed) == Some(start) || (start > 0 && b[start - 1] == b'#');
                    let mut ascii_run = true;
                    while let Some(&(p, c)) = chars.get(i) {
                        ascii_run &= c.is_ascii_alphanumeric();
                        if camel && ascii_run && p > start && c.is_ascii_uppercase() {
                            let next_lower = b.get(p + 1).is_some_and(u8::is_ascii_lowercase);
                            if b[p - 1].is_ascii_lowercase() || (b[p - 1].is_ascii_uppercase() && next_lower) {
                                resumed = Some(p);
                                break;
                            }
                        }
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
                    case.ascii_lower = text[start..end].bytes().all(|b| b.is_ascii_lowercase());
                    out.push(Token { start, end, kind: TokenKind::Word, case: case.done() });
                }
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn fast_paths_agree_with_the_reference(
            text in "([a-zA-Z0-9 ]|[-.,'\n\t#`!]|[\u{AD}\u{200D}\u{2028}\u{2029}]|[éÉßİıəƏ]|[\u{301}\u{2019}\u{2013}]|[東京かな]|[ＢＡｂａ１]){0,40}"
        ) {
            let fast: Vec<Token> = Tokenizer::new(&text).collect();
            proptest::prop_assert_eq!(fast, reference_tokens(&text));
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
        let table: &[(&str, bool, bool, bool, bool)] = &[
            // text, has_cased, first_upper, all_upper, ascii_lower
            ("Baku", true, true, false, false),
            ("BAKU", true, true, true, false),
            ("baku", true, false, false, true),
            ("iPhone", true, false, false, false),
            ("2020", false, false, false, false),
            ("baku2", true, false, false, false),
            ("bakı", true, false, false, false),
            ("ba\u{00AD}ku", true, false, false, false),
            ("Ənvər", true, true, false, false),
            ("ƏNVƏR", true, true, true, false),
            ("3M", true, true, true, false),
            // Georgian Mkhedruli has no capitals: caseless, like Arabic.
            ("ბაქო", false, false, false, false),
            ("باكو", false, false, false, false),
        ];
        for &(input, has_cased, first_upper, all_upper, ascii_lower) in table {
            let tok = Tokenizer::new(input).next().expect("one token");
            assert_eq!(tok.case, CaseShape::new(has_cased, first_upper, all_upper, ascii_lower), "case of {input:?}");
        }
        // A hashtag's words, cut where the case changes.
        let cut: Vec<bool> =
            Tokenizer::new("#bakuNews").filter(|t| t.kind == TokenKind::Word).map(|t| t.case.ascii_lower()).collect();
        assert_eq!(cut, [true, false]);
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
}

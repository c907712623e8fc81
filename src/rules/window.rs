//! The text around a match as the rules read it: the words before and
//! after a position, runs of capitalised words, sentence starts and
//! headlines. Every helper is a method of [`Doc`], the text and its
//! language pack.

use super::*;

/// A text as the rules read it, with the language pack its words are
/// asked about in.
#[derive(Clone, Copy)]
pub(super) struct Doc<'t> {
    pub(super) text: &'t str,
    /// Every token of the text, in order (the scan's token table).
    pub(super) tokens: &'t [Token],
    pub(super) lang: &'static Pack,
}

impl<'t> Doc<'t> {
    /// The start of the word right before byte `pos` (spaces between, and a
    /// period after it as in "Mt.") when it is one of `words`, written so.
    pub(super) fn word_before(self, pos: usize, words: &List) -> Option<usize> {
        if !self.may_be_listed_before(pos, &[words]) {
            return None;
        }
        self.word_ending_before(pos).and_then(|(s, w)| words.contains(w).then_some(s))
    }

    /// False when the word right before byte `pos` ([`Doc::word_ending_before`])
    /// is in none of `lists`, told by its last byte alone: the first before
    /// `pos` that is no space or period ends no word of theirs. (Most words
    /// before a match end as no listed word does, and are not read.)
    pub(super) fn may_be_listed_before(self, pos: usize, lists: &[&List]) -> bool {
        let Some(before) = self.text.as_bytes().get(..pos) else { return true };
        before.iter().rev().find(|&&b| b != b' ' && b != b'.').is_none_or(|&b| lists.iter().any(|l| l.may_end_with(b)))
    }
    /// True when a settlement word and "of" come right before byte `pos`
    /// ("the town of Gori"): the name after them is the place.
    pub(super) fn after_settlement_of(self, pos: usize) -> bool {
        self.word_before(pos, &self.lang.of).is_some_and(|o| self.word_before(o, &self.lang.settlements).is_some())
    }
    /// The word right before byte `pos`, spaces between and a period after it
    /// as in "Mt.": its start and its letters and digits (the period left
    /// out). None when no space comes before `pos` or the word is joined to
    /// another by a hyphen; the word is empty when no letter or digit comes
    /// before the spaces.
    pub(super) fn word_ending_before(self, pos: usize) -> Option<(usize, &'t str)> {
        let text = self.text;
        // ASCII first: the spaces, a period and the word's letters and digits
        // read byte by byte; a non-ASCII byte before the word (which may be a
        // letter of it) takes the general path.
        let b = text.as_bytes();
        if !text.is_char_boundary(pos) {
            return None;
        }
        let mut e = pos;
        while e > 0 && b[e - 1] == b' ' {
            e -= 1;
        }
        if e == pos {
            return None;
        }
        if e > 0 && b[e - 1] == b'.' {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && b[s - 1].is_ascii_alphanumeric() {
            s -= 1;
        }
        match s.checked_sub(1).map(|i| b[i]) {
            Some(c) if c >= 0x80 => word_ending_before_general(text, pos),
            Some(b'-') => None,
            _ => Some((s, &text[s..e])),
        }
    }
    /// True when the line around byte `pos` (300 bytes each way at most)
    /// reads like a headline in title case: every word capitalised but short
    /// function words, so a capital is no evidence of a name.
    pub(super) fn in_title_case_line(self, pos: usize) -> bool {
        let text = self.text;
        // (The line break is looked for only within the 300 bytes kept.)
        let b = text.as_bytes();
        let lo = pos.saturating_sub(300);
        let mut from = memchr::memrchr(b'\n', &b[lo..pos]).map_or(lo, |i| lo + i + 1);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let hi = (pos + 300).min(b.len());
        let mut to = memchr::memchr(b'\n', &b[pos..hi]).map_or(hi, |i| pos + i);
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        let line = &text[from..to];
        // Title case capitalises every word but the short function words.
        let mut content = 0;
        for w in line.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) else { continue };
            if c.is_lowercase() {
                if w.len() > 4 || !self.lang.title_case_small.contains(w) {
                    return false;
                }
            } else {
                content += 1;
            }
        }
        content >= 4
    }
    /// True when `word` is a stop word of the pack, in any case.
    pub(super) fn is_stop(self, word: &str) -> bool {
        self.lang.stop.contains_ignore_case(word)
    }
    /// The word just before byte `pos` (letters only), if any, skipping spaces
    /// and the `#` of a hashtag ("flooding in #Harrow").
    #[inline]
    pub(super) fn prev_word(self, pos: usize) -> Option<&'t str> {
        // ASCII first, byte by byte: the spaces, then the letters; a
        // non-ASCII byte among them (or before the letters, which may be a
        // letter of the word) takes the general path.
        let (text, b) = (self.text, self.text.as_bytes());
        if pos > b.len() || !text.is_char_boundary(pos) {
            return None;
        }
        let mut e = pos;
        if e > 0 && b[e - 1] == b'#' {
            e -= 1;
        }
        while e > 0 && matches!(b[e - 1], b' ' | b'\t' | b'\n' | b'\r') {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        if s > 0 && b[s - 1] >= 0x80 {
            return prev_word_general(text, pos);
        }
        (s < e).then(|| &text[s..e])
    }
    /// True when `pos` starts a sentence: only spaces, quotes or brackets
    /// between it and the text's start, a sentence-ending mark or a line break.
    pub(super) fn at_sentence_start(self, pos: usize) -> bool {
        let text = self.text;
        let before = &text[..pos];
        for c in before.chars().rev() {
            match c {
                ' ' | '\t' | '"' | '\'' | '“' | '‘' | '”' | '’' | '(' | '[' | '«' | '»' | '*' => continue,
                '.' | '!' | '?' | '\n' | ':' | '•' | '–' | '—' => return true,
                _ => return false,
            }
        }
        true
    }
    /// The capitalised words right after byte `pos` (at most `max`, and at
    /// most [`RUN`]), as byte ranges: word tokens whose first cased letter is
    /// uppercase, stopping at anything else. A single-letter word followed by
    /// a period is an initial. Read from the token table.
    #[inline]
    pub(super) fn caps_after(self, pos: usize, max: usize) -> Run {
        if self.no_run_at(pos) {
            return Run::new();
        }
        self.caps_run_after(pos, max)
    }

    /// True when the run of [`Doc::caps_after`] at byte `pos` is certainly
    /// empty: most calls meet a lowercase word or a punctuation mark first
    /// (spaces skipped), which ends the run before it starts. (Answered
    /// inline: a run returned from a call is copied whole, however short.)
    #[inline(always)]
    fn no_run_at(self, pos: usize) -> bool {
        let next = self.text.as_bytes()[pos..].iter().find(|&&b| b != b' ');
        next.is_none_or(|&b| b.is_ascii_lowercase() || (b.is_ascii_punctuation() && b != b'-'))
    }

    /// [`Doc::caps_after`] at the end of match `m`: the run starts at the
    /// token after its last one, which the scan gave it, rather than at a
    /// position searched for in the table.
    #[inline]
    pub(super) fn caps_after_match(self, m: &Match<'_>, max: usize) -> Run {
        if self.no_run_at(m.end) {
            return Run::new();
        }
        // (The token after one that ends at `m.end` is the first that
        // starts there or later: no paragraph break starts where a token
        // ends, two newlines come between.)
        match self.tokens.get(m.last_token) {
            Some(t) if t.end == m.end => self.caps_run_from(m.last_token + 1, max),
            _ => self.caps_run_after(m.end, max),
        }
    }

    /// [`Doc::caps_after`] past its first test.
    fn caps_run_after(self, pos: usize, max: usize) -> Run {
        // (A paragraph break at `pos` stands for the newlines before it.)
        let from = self.tokens.partition_point(|t| t.start < pos || (t.start == pos && t.kind == TokenKind::Break));
        self.caps_run_from(from, max)
    }

    /// The run of [`Doc::caps_after`] from token `from` of the table on.
    #[inline(never)]
    fn caps_run_from(self, from: usize, max: usize) -> Run {
        let text = self.text;
        let max = max.min(RUN);
        let mut out = Run::new();
        let mut tokens = self.tokens.get(from..).unwrap_or_default().iter().peekable();
        while let Some(t) = tokens.next() {
            if out.len() >= max {
                break;
            }
            let word = &text[t.start..t.end];
            match t.kind {
                // ("A." is an initial, not the article.)
                TokenKind::Word
                    if t.case.has_cased()
                        && t.case.first_upper()
                        && (!self.is_stop(word) || (word.len() == 1 && text[t.end..].starts_with(". "))) =>
                {
                    // A paragraph or sentence break between words ends the run.
                    // (Most gaps are one space, which holds neither.)
                    let spaced = |e: usize| t.start == e + 1 && text.as_bytes()[e] == b' ';
                    if let Some(&(_, last_end)) = out.last().filter(|&&(_, e)| !spaced(e)) {
                        let gap = &text[last_end..t.start];
                        if gap.contains("\n\n") || gap.contains(['.', ',', ';', ':', '(', ')', '"', '—', '–']) {
                            let initial = text[..last_end].chars().rev().nth(1).is_some_and(|c| !c.is_alphabetic())
                                && gap == ". ";
                            if !initial {
                                break;
                            }
                        }
                    }
                    // "Faber-Castell": a capitalised word hyphened to the last
                    // one, with no space, lengthens it.
                    if let Some(last) = out.last_mut().filter(|l| text[l.1..t.start] == *"-") {
                        last.1 = t.end;
                        continue;
                    }
                    out.push((t.start, t.end));
                }
                TokenKind::Punct('.') if out.last().is_some_and(|&(s, e)| e - s == 1) => continue,
                // "O'Brien", "D’Arcy": a capital or two, an apostrophe and a
                // capitalised word, with no space, are one surname.
                TokenKind::Punct('\'') => {
                    let joined = tokens.peek().filter(|n| {
                        n.start == t.end && n.kind == TokenKind::Word && n.case.has_cased() && n.case.first_upper()
                    });
                    match (out.last_mut(), joined) {
                        (Some(last), Some(n)) if last.1 == t.start && last.1 - last.0 <= 2 => {
                            last.1 = n.end;
                            tokens.next();
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        out
    }

    /// The capitalised words right before byte `pos` within the sentence (at
    /// most `max`, and at most [`RUN`]), in text order. The run is read back
    /// from the token table and ends at anything but a capitalised word
    /// (punctuation, sentence marks and quotes are tokens), at a stop word
    /// (`the`, `of`...), at a line break, and 200 bytes back.
    pub(super) fn caps_before(self, pos: usize, max: usize) -> Run {
        let text = self.text;
        let max = max.min(RUN);
        let lo = pos.saturating_sub(200);
        let mut out = Run::new();
        let upto = self.tokens.partition_point(|t| t.end <= pos);
        let mut boundary = pos;
        for t in self.tokens[..upto].iter().rev() {
            // (A line break or a dash between words ends the run:
            // "CROMWELL — Police".)
            let gap = &text.as_bytes()[t.end..boundary];
            // (A dash takes three bytes and spaces around it: a gap of one
            // or two holds none.)
            if t.start < lo
                || memchr::memchr(b'\n', gap).is_some()
                || (gap.len() > 2 && text[t.end..boundary].contains(['—', '–']))
            {
                break;
            }
            let cap = t.kind == TokenKind::Word && t.case.has_cased() && t.case.first_upper();
            if !cap || out.len() >= max || self.is_stop(&text[t.start..t.end]) {
                break;
            }
            out.push((t.start, t.end));
            boundary = t.start;
        }
        out.reverse();
        out
    }

    /// The word right after byte `pos` (letters only), skipping spaces.
    #[inline]
    pub(super) fn next_word(self, pos: usize) -> Option<&'t str> {
        // ASCII first, as in `prev_word`.
        let (text, b) = (self.text, self.text.as_bytes());
        if pos > b.len() || !text.is_char_boundary(pos) {
            return None;
        }
        let mut s = pos;
        while s < b.len() && matches!(b[s], b' ' | b'\t' | b'\n' | b'\r') {
            s += 1;
        }
        let mut e = s;
        while e < b.len() && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        if e < b.len() && b[e] >= 0x80 {
            return next_word_general(text, pos);
        }
        (s < e).then(|| &text[s..e])
    }
}

/// [`Doc::prev_word`] for any text, one character at a time.
pub(super) fn prev_word_general(text: &str, pos: usize) -> Option<&str> {
    let before = text.get(..pos)?;
    let before = before.strip_suffix('#').unwrap_or(before);
    let trimmed = before.trim_end_matches([' ', '\t', '\n', '\r']);
    let start = trimmed.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i)?;
    Some(&trimmed[start..])
}

/// [`Doc::next_word`] for any text, one character at a time.
pub(super) fn next_word_general(text: &str, pos: usize) -> Option<&str> {
    let rest = text.get(pos..)?.trim_start_matches([' ', '\t', '\n', '\r']);
    let end = rest.char_indices().find(|(_, c)| !c.is_alphabetic()).map_or(rest.len(), |(i, _)| i);
    (end > 0).then(|| &rest[..end])
}

/// [`word_ending_before`] for any text, one character at a time.
pub(super) fn word_ending_before_general(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = text.get(..pos)?.trim_end_matches(' ');
    if before.len() == pos {
        return None;
    }
    let before = before.strip_suffix('.').unwrap_or(before);
    let start =
        before.len() - before.chars().rev().take_while(|c| c.is_alphanumeric()).map(char::len_utf8).sum::<usize>();
    let word = &before[start..];
    let boundary = before[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric() && c != '-');
    boundary.then_some((start, word))
}

pub(super) fn is_roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.len() <= 5 && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// The most words a run of capitalised words holds.
pub(super) const RUN: usize = 8;

/// A run of capitalised words as byte ranges, as [`caps_after`] and
/// [`caps_before`] find them: a few words, held inline (the rules ask for
/// tens of thousands of runs per megabyte of text).
pub(super) type Run = ArrayVec<(usize, usize), RUN>;

/// The start of an ordinal number ("57th", "41st", "2d", "1st") and one space
/// right before byte `pos` (the endings are the pack's `ordinal_suffixes`).
pub(super) fn ordinal_before(doc: Doc<'_>, pos: usize) -> Option<usize> {
    let before = doc.text[..pos].strip_suffix(' ')?;
    let word = &before[before.trim_end_matches(|c: char| c.is_ascii_alphanumeric()).len()..];
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ordinal =
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && doc.lang.ordinal_suffixes.contains(suffix);
    ordinal.then(|| before.len() - word.len())
}

/// `s` without one of `words` at its end and the space before it
/// ("Ashford and" is "Ashford" for the pack's `and`).
pub(super) fn before_spaced_word<'a>(s: &'a str, words: &List) -> Option<&'a str> {
    let b = s.as_bytes();
    words.iter().find_map(|w| {
        let at = b.len().checked_sub(w.len() + 1)?;
        (b[at] == b' ' && ends_with(b, w.as_bytes())).then(|| &s[..at])
    })
}

/// `s` without one of `words` at its start and the space after it ("and
/// Kelby" is "Kelby" for the pack's `and`).
pub(super) fn after_word_spaced<'a>(s: &'a str, words: &List) -> Option<&'a str> {
    let b = s.as_bytes();
    words
        .iter()
        .find_map(|w| (b.get(w.len()) == Some(&b' ') && starts_with(b, w.as_bytes())).then(|| &s[w.len() + 1..]))
}

/// `s` ends with `suffix`, compared byte by byte from the end: the words
/// and separators the rules compare are a few bytes long and most differ
/// at once (no call to compare memory).
#[inline]
pub(super) fn ends_with(s: &[u8], suffix: &[u8]) -> bool {
    s.len() >= suffix.len() && s.iter().rev().zip(suffix.iter().rev()).all(|(a, b)| a == b)
}

/// `s` starts with `prefix`, compared byte by byte (see [`ends_with`]).
#[inline]
pub(super) fn starts_with(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s.iter().zip(prefix).all(|(a, b)| a == b)
}

/// `word` with its first letter in upper case ("The" for the article
/// "the").
pub(super) fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// True when `s` is nothing but spaces (or empty): two words side by side.
pub(super) fn spaces_only(s: &str) -> bool {
    s.bytes().all(|b| b == b' ')
}

/// True when the words are apart by one space (or a period and a space
/// after an initial): "D-Charleston" is no name of two words.
pub(super) fn spaced(text: &str, words: &[(usize, usize)]) -> bool {
    words.windows(2).all(|w| matches!(&text[w[0].1..w[1].0], " " | ". "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_before_reads_bytes_as_the_general_path_reads_characters() {
        let words = &List::new(["Mt", "Lake", "in", "Ciudad", "ǅemal"]);
        let doc = |text| Doc { text, tokens: &[], lang: crate::lang::en() };
        // (text, the word's end, expected word start)
        let table: &[(&str, Option<&str>)] = &[
            ("Mt. Hood", Some("Mt")),
            ("Mt Hood", Some("Mt")),
            ("Mt.Hood", None),
            ("in Baku", Some("in")),
            ("in  Baku", Some("in")),
            ("within Baku", None),
            ("Lake Placid", Some("Lake")),
            ("Salt-Lake Placid", None),
            ("(Lake Placid", Some("Lake")),
            ("éLake Placid", None),
            ("Ciudad Juárez", Some("Ciudad")),
            ("ǅemal Baku", Some("ǅemal")),
            ("xǅemal Baku", None),
            ("—Lake Placid", Some("Lake")),
            (" Baku", None),
            ("Baku", None),
        ];
        for &(text, want) in table {
            let pos = text.rfind(' ').map_or(text.len(), |i| i + 1);
            let got = doc(text).word_before(pos, words).and_then(|s| text[s..].split([' ', '.']).next());
            assert_eq!(got, want, "{text:?}");
            assert_eq!(doc(text).word_ending_before(pos), word_ending_before_general(text, pos), "{text:?}");
        }
        // Off a character boundary or past the end: no word.
        assert_eq!(doc("é Baku").word_before(1, words), None);
        assert_eq!(doc("in").word_before(9, words), None);
    }

    #[test]
    fn context_helpers() {
        let text = "Troops moved in Nice. The Defense Ministry of Azerbaijan said.";
        let tokens: Vec<Token> = Tokenizer::new(text).collect();
        let doc = Doc { text, tokens: &tokens, lang: crate::lang::en() };
        assert_eq!(doc.prev_word(text.find("Nice").unwrap()), Some("in"));
        assert_eq!(doc.prev_word(0), None);
        assert!(doc.at_sentence_start(0));
        assert!(doc.at_sentence_start(text.find("The").unwrap()));
        assert!(!doc.at_sentence_start(text.find("Nice").unwrap()));
        let at = text.find("Ministry").unwrap();
        let before: Vec<&str> = doc.caps_before(at, 4).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(before, ["Defense"]);
        let after: Vec<&str> = doc.caps_after(at + "Ministry of".len(), 4).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(after, ["Azerbaijan"]);
        let text = "Minister J. R. Smith spoke";
        let tokens: Vec<Token> = Tokenizer::new(text).collect();
        let doc = Doc { text, tokens: &tokens, lang: crate::lang::en() };
        let after: Vec<&str> = doc.caps_after("Minister".len(), 4).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(after, ["J", "R", "Smith"]);
    }

    /// The run finders as they were when each call tokenized the text
    /// around it: the token table's must agree with them.
    mod reference {
        use super::*;

        /// The capitalised words right after byte `pos` (at most `max`, and at
        /// most RUN), as byte ranges: word tokens whose first cased letter is
        /// uppercase, stopping at anything else. A single-letter word followed by
        /// a period is an initial.
        pub(super) fn caps_after(text: &str, pos: usize, max: usize) -> Run {
            let stop = |w| crate::lang::en().stop.contains_ignore_case(w);
            let max = max.min(RUN);
            let mut out = Run::new();
            // Most calls meet a lowercase word or a punctuation mark first (spaces
            // skipped), which ends the run before it starts.
            let next = text.as_bytes()[pos..].iter().find(|&&b| b != b' ');
            if next.is_none_or(|&b| b.is_ascii_lowercase() || (b.is_ascii_punctuation() && b != b'-')) {
                return out;
            }
            let rest = &text[pos..];
            for t in Tokenizer::new(rest) {
                if out.len() >= max {
                    break;
                }
                let word = &rest[t.start..t.end];
                match t.kind {
                    // ("A." is an initial, not the article.)
                    TokenKind::Word
                        if t.case.has_cased()
                            && t.case.first_upper()
                            && (!stop(word) || (word.len() == 1 && rest[t.end..].starts_with(". "))) =>
                    {
                        // A paragraph or sentence break between words ends the run.
                        if let Some(&(_, last_end)) = out.last() {
                            let gap = &text[last_end..pos + t.start];
                            if gap.contains("\n\n") || gap.contains(['.', ',', ';', ':', '(', ')', '"', '—', '–']) {
                                let initial = text[..last_end].chars().rev().nth(1).is_some_and(|c| !c.is_alphabetic())
                                    && gap == ". ";
                                if !initial {
                                    break;
                                }
                            }
                        }
                        // "Faber-Castell": a capitalised word hyphened to the last
                        // one, with no space, lengthens it.
                        if let Some(last) = out.last_mut().filter(|l| text[l.1..pos + t.start] == *"-") {
                            last.1 = pos + t.end;
                            continue;
                        }
                        out.push((pos + t.start, pos + t.end));
                    }
                    TokenKind::Punct('.') if out.last().is_some_and(|&(s, e)| e - s == 1) => continue,
                    _ => break,
                }
            }
            out
        }
        /// The capitalised words right before byte `pos` within the sentence (at
        /// most `max`, and at most RUN), in text order; a stop word (`the`,
        /// `of`...) ends the run.
        pub(super) fn caps_before(text: &str, pos: usize, max: usize) -> Run {
            // The sentence's window is up to 200 characters back, but the run is a
            // few words long: the words after the `max + 2`-th space back are read
            // first (a space ends a token, so they are the window's last tokens),
            // and they settle it unless the run takes all of them.
            let b = text.as_bytes();
            let lo = pos.saturating_sub(200);
            let mut start = pos;
            let mut spaces = 0;
            while spaces < max + 2 {
                let Some(i) = memchr::memrchr(b' ', &b[lo..start]) else { break };
                start = lo + i;
                spaces += 1;
            }
            if spaces == max + 2 {
                let start = start + 1;
                // A sentence mark among those words starts the window after it.
                let delimiter = text[start..pos]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | ';' | ',' | '(' | '"' | '“' | '—' | '–'));
                let window_start = delimiter.map_or(start, |(i, c)| start + i + c.len_utf8());
                let (out, whole) = caps_in_window(text, window_start, pos, max);
                if delimiter.is_some() || !whole {
                    return out;
                }
            }
            let mut window_start = text[..pos]
                .char_indices()
                .rev()
                .take(200)
                .find(|&(_, c)| matches!(c, '.' | '!' | '?' | '\n' | ';' | ',' | '(' | '"' | '“' | '—' | '–'))
                .map_or(pos.saturating_sub(200), |(i, c)| i + c.len_utf8());
            while !text.is_char_boundary(window_start) {
                window_start += 1;
            }
            caps_in_window(text, window_start, pos, max).0
        }
        /// The run of caps_before over the tokens of `text[window_start..pos]`,
        /// and whether it took every token of the window.
        fn caps_in_window(text: &str, window_start: usize, pos: usize, max: usize) -> (Run, bool) {
            let stop = |w| crate::lang::en().stop.contains_ignore_case(w);
            let max = max.min(RUN);
            let window = &text[window_start..pos];
            let toks: Vec<_> = Tokenizer::new(window).collect();
            let mut out = Run::new();
            for t in toks.iter().rev() {
                let word = &window[t.start..t.end];
                let cap = t.kind == TokenKind::Word && t.case.has_cased() && t.case.first_upper();
                if !cap || out.len() >= max || stop(word) {
                    out.reverse();
                    return (out, false);
                }
                out.push((window_start + t.start, window_start + t.end));
            }
            out.reverse();
            (out, true)
        }
    }

    proptest::proptest! {
        /// The words before and after a position, read byte by byte where
        /// the text is ASCII, agree with reading characters, at every byte
        /// (off character boundaries too).
        #[test]
        fn words_around_a_position_read_as_bytes_agree_with_characters(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Baku", "in", "#", "#Harrow", "x", " ", "  ", "\t", "\n", "\r", "é", "Kəlbəcər", "Ünye", "Москва",
                "4th", "A1", ".", ",", "-", "\u{a0}", "北京", "’", "'s", "ǅemal", "\u{AD}",
            ]), 0..16),
        ) {
            let text: String = words.concat();
            let doc = Doc { text: &text, tokens: &[], lang: crate::lang::en() };
            for pos in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(doc.prev_word(pos), prev_word_general(&text, pos), "before {} in {:?}", pos, text);
                proptest::prop_assert_eq!(doc.next_word(pos), next_word_general(&text, pos), "after {} in {:?}", pos, text);
            }
        }

        #[test]
        fn runs_read_from_the_token_table_agree_with_tokenizing_the_text(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Baku", "the", "The", "New", "York", "J", "R.", ".", ",", ";", ":", "(", ")", "\"", "“", "”",
                "\n", "\n\n", "-", "—", "–", "Faber-Castell", "of", "A", "said", "Ünye", "ÇAY", "Kəlbəcər", "Jr", "NATO",
                "4th", "'s", "Minister", "é", "  ", "\t", "Москва", "x",
            ]), 0..24),
            joins in proptest::collection::vec(proptest::sample::select(vec![" ", "", " ", "  "]), 24),
            max in 1usize..=9,
        ) {
            let mut text = String::new();
            for (w, j) in words.iter().zip(&joins) {
                text.push_str(w);
                text.push_str(j);
            }
            let tokens: Vec<Token> = Tokenizer::new(&text).collect();
            let doc = Doc { text: &text, tokens: &tokens, lang: crate::lang::en() };
            // At every token's start and end, as the rules ask.
            for pos in tokens.iter().flat_map(|t| [t.start, t.end]).chain([0, text.len()]) {
                proptest::prop_assert_eq!(doc.caps_after(pos, max), reference::caps_after(&text, pos, max), "after {} in {:?}", pos, text);
                proptest::prop_assert_eq!(doc.caps_before(pos, max), reference::caps_before(&text, pos, max), "before {} in {:?}", pos, text);
            }
            // After a match's last token, the run read from the next token
            // on is the run searched for at the token's end (a match ends
            // with a word or a mark, never a paragraph break).
            for (k, t) in tokens.iter().enumerate().filter(|(_, t)| t.kind != TokenKind::Break) {
                proptest::prop_assert_eq!(doc.caps_run_from(k + 1, max), doc.caps_run_after(t.end, max), "after token {} in {:?}", k, text);
            }
        }
    }
}

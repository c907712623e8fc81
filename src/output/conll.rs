//! CoNLL: one token per line with its IOB tag, a blank line between
//! sentences.

use crate::normalize::{TokenKind, Tokenizer};
use crate::span::Span;

/// Writes `text` as CoNLL lines: `token<TAB>tag`, tags `B-PER`, `I-PER`,
/// ..., `O` in CoNLL terms (nationalities are `MISC`), a blank line after a
/// sentence end (`.`, `!`, `?`) or a paragraph break. Tokens are gazet's
/// (words and punctuation; whitespace and dashes separate).
///
/// # Example
///
/// ```
/// use gazet::{Entry, Extractor, Gazetteer, Label};
///
/// let mut gaz = Gazetteer::new();
/// gaz.push(Entry::builder("x", "Upper Karabakh", Label::Place).build()?)?;
/// let ex = Extractor::new(gaz)?;
/// let text = "Troops left Upper Karabakh.";
/// let conll = gazet::conll(text, &ex.extract(text));
/// assert_eq!(conll, "Troops\tO\nleft\tO\nUpper\tB-LOC\nKarabakh\tI-LOC\n.\tO\n\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn conll(text: &str, spans: &[Span<'_>]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut spans = spans.iter().peekable();
    let mut current: Option<(usize, &str)> = None; // (end, tag)
    let mut in_sentence = false;
    for t in Tokenizer::new(text) {
        if t.kind == TokenKind::Break {
            if in_sentence {
                out.push('\n');
                in_sentence = false;
            }
            continue;
        }
        while spans.peek().is_some_and(|s| s.end() <= t.start) {
            spans.next();
        }
        if current.is_some_and(|(end, _)| t.start >= end) {
            current = None;
        }
        let tag = match (current, spans.peek()) {
            (Some((_, label)), _) => format!("I-{label}"),
            (None, Some(s)) if s.start() <= t.start && t.end <= s.end() => {
                current = Some((s.end(), s.label().conll()));
                format!("B-{}", s.label().conll())
            }
            _ => "O".to_string(),
        };
        out.push_str(&text[t.start..t.end]);
        out.push('\t');
        out.push_str(&tag);
        out.push('\n');
        in_sentence = true;
        if matches!(t.kind, TokenKind::Punct('.' | '!' | '?')) && current.is_none() {
            out.push('\n');
            in_sentence = false;
        }
    }
    if in_sentence {
        out.push('\n');
    }
    out
}

//! Texts no one should send, which must still work: huge words, marks
//! alone, right-to-left text, emoji, control characters.

use std::sync::OnceLock;

use gazet::{Extractor, Gazetteer};

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Gazetteer::bundled()).expect("bundled gazetteer builds"))
}

/// Extracts, checks every span's offsets, and returns the number of spans.
fn check_offsets(what: &str, text: &str) -> usize {
    let spans = extractor().extract(text);
    for s in &spans {
        assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()), "{what}");
        assert_eq!(&text[s.range()], s.as_str(), "{what}");
    }
    spans.len()
}

#[test]
fn odd_texts() {
    let long_word = "a".repeat(2_000_000);
    let long_caps = "Baku".repeat(500_000);
    let table: &[(&str, &str)] = &[
        ("empty", ""),
        ("one huge word", &long_word),
        ("one huge capitalised word", &long_caps),
        ("marks alone", "\u{301}\u{302}\u{303} \u{301}Baku\u{301}"),
        ("right to left", "باكو Baku באקו"),
        ("emoji", "🇦🇿 Baku 👍🏽 Yerevan 🙂"),
        ("controls", "\u{0}\u{1}Baku\u{7f}\u{2028}Yerevan\u{feff}"),
        ("İ and ß", "İİİ STRAẞE Baku"),
        ("lone punctuation", "... ,,, ''' “” –—"),
    ];
    for (what, text) in table {
        check_offsets(what, text);
    }
    assert_eq!(check_offsets("one huge word", &long_word), 0);
    // The flag names Azerbaijan; the other emoji nothing.
    assert_eq!(check_offsets("emoji", "🇦🇿 Baku 👍🏽 Yerevan 🙂"), 3);
    // Baku in Arabic, Latin and Hebrew letters.
    assert_eq!(check_offsets("right to left", "باكو Baku באקו"), 3);
}

#[test]
fn many_paragraphs_and_names() {
    let text = "Talks in Baku and Yerevan; Nagorno-Karabakh was calm.\n\n".repeat(20_000);
    let n = check_offsets("paragraphs", &text);
    assert_eq!(n, 3 * 20_000);
}

/// A name that a great many entries share: every mention keeps every
/// candidate, and the work is linear in them (choosing the candidates once
/// compared each with all those before it: 100,000 entries took minutes).
#[test]
fn one_name_many_entries() {
    let mut gaz = Gazetteer::new();
    for i in 0..100_000 {
        gaz.push(gazet::Entry::builder(&format!("x:{i}"), "Springfield", gazet::Label::Place).build().expect("valid"))
            .expect("unique");
    }
    let ex = Extractor::builder().rules(false).resolve(false).build(gaz).expect("builds");
    let text = "Springfield, then Springfield again.";
    let spans = ex.extract(text);
    assert_eq!(spans.len(), 2);
    assert!(spans.iter().all(|s| s.candidates().len() == 100_000));
}

//! The languages gazet has a pack for, and the detection of a text's
//! language.

use std::fmt;
use std::str::FromStr;

/// A language gazet has a pack of words for (`gazetteers/lang/<code>/`):
/// the rules read its lists, and the matcher its inflection table.
///
/// A text's language is detected (see [`Language::detect`]) unless the
/// extractor fixes one ([`crate::ExtractorBuilder::language`]). A text in
/// a language with no pack is read with the English pack and no
/// inflection: it still gets its gazetteer matches.
///
/// ```
/// use gazet::Language;
///
/// assert_eq!("ru".parse::<Language>(), Ok(Language::Russian));
/// assert_eq!(Language::Azerbaijani.code(), "az");
/// assert_eq!(Language::detect("Переговоры министров иностранных дел завершились в Женеве."), Some(Language::Russian));
/// assert_eq!(Language::detect("The ministers met in Baku last week."), Some(Language::English));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Language {
    /// English (`en`).
    English,
    /// Russian (`ru`).
    Russian,
    /// Ukrainian (`uk`).
    Ukrainian,
    /// Azerbaijani (`az`).
    Azerbaijani,
    /// Turkish (`tr`).
    Turkish,
    /// Armenian (`hy`).
    Armenian,
    /// French (`fr`).
    French,
    /// German (`de`).
    German,
    /// Spanish (`es`).
    Spanish,
    /// Arabic (`ar`).
    Arabic,
}

impl Language {
    /// Every language with a pack.
    pub const ALL: [Language; 10] = [
        Language::English,
        Language::Russian,
        Language::Ukrainian,
        Language::Azerbaijani,
        Language::Turkish,
        Language::Armenian,
        Language::French,
        Language::German,
        Language::Spanish,
        Language::Arabic,
    ];

    /// The ISO 639-1 code (`en`, `ru`...), also the pack's folder name.
    pub const fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Russian => "ru",
            Language::Ukrainian => "uk",
            Language::Azerbaijani => "az",
            Language::Turkish => "tr",
            Language::Armenian => "hy",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
            Language::Arabic => "ar",
        }
    }

    /// The language of a text, among those with a pack, or `None` when it
    /// is none of them or too short to tell.
    ///
    /// Read from the first [`Language::SAMPLE`] bytes of the text by
    /// character trigrams (the `whatlang` crate, restricted to the
    /// languages with a pack, so that it never answers a language gazet
    /// cannot use). A sample whose letters are ASCII but for a few (under
    /// one in [`Language::FOREIGN`]: an accented name, no more) is English
    /// without a look at its trigrams: every other pack's language writes
    /// letters outside ASCII more often than that (German umlauts and ß
    /// are about one letter in fifty, Turkish and Azerbaijani letters one
    /// in ten, Cyrillic, Armenian and Arabic every letter), and English news
    /// is most of what gazet reads. A short text in French or Spanish with
    /// no accented letter is read as English.
    pub fn detect(text: &str) -> Option<Language> {
        let sample = sample(text);
        let (letters, foreign) = letter_counts(sample.as_bytes());
        if letters == 0 {
            return None;
        }
        if foreign * Language::FOREIGN < letters {
            return Some(Language::English);
        }
        let info = detector().detect(sample)?;
        Language::ALL.into_iter().find(|l| whatlang_of(*l) == info.lang())
    }

    /// A text with fewer than one letter in `FOREIGN` outside ASCII is
    /// English to [`Language::detect`].
    pub const FOREIGN: usize = 200;

    /// How much of a text [`Language::detect`] reads, in bytes.
    pub const SAMPLE: usize = 1024;
}

/// The letters of a sample, and those of them outside ASCII, counted on
/// its bytes: a character outside ASCII is counted by its lead byte, and
/// is a letter unless it is in the blocks of punctuation and symbols
/// (U+0080 to U+00BF, lead bytes C2; U+2000 to U+2FFF, lead byte E2:
/// no-break space, quotes, dashes, bullets) or in the planes of emoji
/// (lead bytes from F0). (A loop the compiler vectorises: a few
/// instructions per 16 bytes, where decoding costs several per byte.)
fn letter_counts(sample: &[u8]) -> (usize, usize) {
    let (mut ascii, mut foreign) = (0usize, 0usize);
    // (Counted in bytes per chunk of 128, so that the counts fit a byte
    // lane each.)
    for chunk in sample.chunks(128) {
        let (mut a, mut f) = (0u8, 0u8);
        for &b in chunk {
            a += u8::from((b | 0x20).wrapping_sub(b'a') < 26);
            f += u8::from(b.wrapping_sub(0xC3) < 0xF0 - 0xC3) & u8::from(b != 0xE2);
        }
        ascii += usize::from(a);
        foreign += usize::from(f);
    }
    (ascii + foreign, foreign)
}

/// The first [`Language::SAMPLE`] bytes of a text, cut at a character
/// boundary.
fn sample(text: &str) -> &str {
    if text.len() <= Language::SAMPLE {
        return text;
    }
    let mut end = Language::SAMPLE;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn whatlang_of(l: Language) -> whatlang::Lang {
    use whatlang::Lang;
    match l {
        Language::English => Lang::Eng,
        Language::Russian => Lang::Rus,
        Language::Ukrainian => Lang::Ukr,
        Language::Azerbaijani => Lang::Aze,
        Language::Turkish => Lang::Tur,
        Language::Armenian => Lang::Hye,
        Language::French => Lang::Fra,
        Language::German => Lang::Deu,
        Language::Spanish => Lang::Spa,
        Language::Arabic => Lang::Ara,
    }
}

fn detector() -> &'static whatlang::Detector {
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    DETECTOR.get_or_init(|| whatlang::Detector::with_allowlist(Language::ALL.iter().map(|l| whatlang_of(*l)).collect()))
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error of parsing a [`Language`] from a code gazet has no pack for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownLanguage(pub String);

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = Language::ALL.iter().map(|l| l.code()).collect();
        write!(f, "no language pack for {:?} (packs: {})", self.0, codes.join(", "))
    }
}

impl std::error::Error for UnknownLanguage {}

impl FromStr for Language {
    type Err = UnknownLanguage;

    /// Parses an ISO 639-1 code, in any case.
    fn from_str(s: &str) -> Result<Language, UnknownLanguage> {
        Language::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(s)).ok_or_else(|| UnknownLanguage(s.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(l.code().parse::<Language>(), Ok(l));
            assert_eq!(l.to_string(), l.code());
        }
        assert_eq!("RU".parse::<Language>(), Ok(Language::Russian));
        let err = "xx".parse::<Language>().unwrap_err();
        assert!(err.to_string().contains("\"xx\"") && err.to_string().contains("ru"), "{err}");
    }

    #[test]
    fn detects_sentences_of_each_pack() {
        let cases = [
            ("Talks between the two foreign ministers ended in Geneva on Monday.", Language::English),
            ("Переговоры министров иностранных дел завершились в Женеве в понедельник.", Language::Russian),
            ("Переговори міністрів закордонних справ завершилися в Женеві в понеділок.", Language::Ukrainian),
            ("Xarici işlər nazirlərinin danışıqları bazar ertəsi Cenevrədə başa çatıb.", Language::Azerbaijani),
            ("Dışişleri bakanlarının görüşmeleri pazartesi günü Cenevre'de sona erdi.", Language::Turkish),
            ("Արտաքին գործերի նախարարների բանակցություններն ավարտվեցին Ժնևում երկուշաբթի օրը։", Language::Armenian),
            ("Les pourparlers entre les ministres des affaires étrangères se sont achevés lundi à Genève.", Language::French),
            ("Die Gespräche der Außenminister endeten am Montag in Genf ohne Ergebnis.", Language::German),
            ("Las conversaciones entre los ministros de exteriores terminaron el lunes en Ginebra, según la agencia.", Language::Spanish),
            ("انتهت المحادثات بين وزيري الخارجية في جنيف يوم الاثنين.", Language::Arabic),
        ];
        for (text, lang) in cases {
            assert_eq!(Language::detect(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn letters_are_counted_on_bytes() {
        let cases = [
            ("Baku", (4, 0)),
            ("“Baku” — 2024", (4, 0)),
            ("Bakı’da", (6, 1)),
            ("Москва", (6, 6)),
            ("Երևան", (5, 5)),
            ("باكو", (4, 4)),
            ("\u{a0}«Baku»", (4, 0)),
            ("🇦🇿 Baku", (4, 0)),
        ];
        for (text, want) in cases {
            assert_eq!(letter_counts(text.as_bytes()), want, "{text}");
        }
    }

    #[test]
    fn english_with_a_few_accented_names_is_english() {
        let text = "José Ortega met the ministers in Baku on Monday; talks with the delegation from Yerevan went on into the night. ";
        assert_eq!(Language::detect(&text.repeat(3)), Some(Language::English));
    }

    #[test]
    fn empty_and_long_texts() {
        assert_eq!(Language::detect(""), None);
        assert_eq!(Language::detect("   "), None);
        // Only the sample is read: a long text cut inside a character is fine.
        let long = "Женева. ".repeat(1000);
        assert!(sample(&long).len() <= Language::SAMPLE);
        assert!(long.starts_with(sample(&long)));
    }
}

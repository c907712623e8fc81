//! The word lists rules use, compiled into the extractor's index as cue
//! entries next to the gazetteer's, so that one scan finds both.

use crate::gazetteer::entry::{Entry, NameFlags};
use crate::gazetteer::Gazetteer;
use crate::label::Label;
use crate::lang::Language;

/// What a cue word is; a word may be several (James: given name, surname).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A person title or role before a name (President, Defense Minister).
    Title,
    /// An organisation head noun (Ministry, University).
    OrgHead,
    /// A legal-form suffix (Inc., Ltd, JSC).
    LegalSuffix,
    /// A given name (Ilham, Vladimir).
    GivenName,
    /// A surname.
    Surname,
    /// A month or weekday name or abbreviation (March, May, Thu, Nov).
    Calendar,
    /// A word of sports reports (league, innings, goalkeeper), in any case:
    /// counted, not a name's end or start.
    Sports,
}

impl CueKind {
    #[cfg(test)]
    const ALL: [CueKind; 7] = [
        CueKind::Title,
        CueKind::OrgHead,
        CueKind::LegalSuffix,
        CueKind::GivenName,
        CueKind::Surname,
        CueKind::Calendar,
        CueKind::Sports,
    ];

    /// The kinds of the words that name or end names: every kind but
    /// [`CueKind::Sports`].
    pub(crate) const NAMING: u8 = !CueKind::Sports.bit();

    fn tag(self) -> &'static str {
        match self {
            CueKind::Title => "cue-title",
            CueKind::OrgHead => "cue-orghead",
            CueKind::LegalSuffix => "cue-legal",
            CueKind::GivenName => "cue-given",
            CueKind::Surname => "cue-surname",
            CueKind::Calendar => "cue-calendar",
            CueKind::Sports => "cue-sports",
        }
    }

    pub(crate) const fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// The cue entries, and the languages each is read in.
#[derive(Debug)]
pub(crate) struct Cues {
    pub(crate) gaz: Gazetteer,
    /// Per cue entry, the languages whose texts it is a cue in: a bit per
    /// [`Language::ALL`] index.
    langs: Vec<u16>,
    /// Per cue entry, its kind's bit ([`CueKind::bit`]): read for every
    /// cue word of every text, so kept beside the languages rather than
    /// read from the entry's label.
    bits: Vec<u8>,
}

/// Every language.
const ALL_LANGS: u16 = u16::MAX;

impl Cues {
    /// True when cue entry `i` is a cue in a text of `lang`.
    pub(crate) fn in_language(&self, i: usize, lang: Language) -> bool {
        self.langs.get(i).is_some_and(|m| m & lang_bit(lang) != 0)
    }

    /// The kind bit ([`CueKind::bit`]) of cue entry `i` (0 past the end).
    pub(crate) fn kind_bit(&self, i: usize) -> u8 {
        self.bits.get(i).copied().unwrap_or(0)
    }

    /// No cue (an extractor without the rules).
    pub(crate) fn none() -> Cues {
        Cues { gaz: Gazetteer::new(), langs: Vec::new(), bits: Vec::new() }
    }
}

fn lang_bit(lang: Language) -> u16 {
    Language::ALL.iter().position(|l| *l == lang).map_or(0, |i| 1 << i)
}

/// The cue entries: one per (kind, word), from the cue lists of every
/// pack. People's names (and sports words) are cues in a text of any
/// language, and so are the English lists' words (English names are
/// written in every language's news); the titles, heads, legal suffixes
/// and calendar words of another pack only in its language's texts (the
/// Turkish "martın" folds to the given name Martin, the German "Rates" is
/// an English word).
pub(crate) fn cue_gazetteer() -> Cues {
    let mut gaz = Gazetteer::new();
    let mut langs: Vec<u16> = Vec::new();
    let mut bits: Vec<u8> = Vec::new();
    let lists: [(CueKind, &[&str]); 7] = [
        (CueKind::Title, &["titles"]),
        (CueKind::OrgHead, &["org_heads"]),
        (CueKind::LegalSuffix, &["legal_suffixes"]),
        (CueKind::GivenName, &["given_names", "nicknames", "given_names_curated"]),
        (CueKind::Surname, &["surnames"]),
        (CueKind::Calendar, &["calendar"]),
        (CueKind::Sports, &["sports_words"]),
    ];
    for (kind, files) in lists {
        let label: Label = kind.tag().parse().expect("cue tags are valid labels");
        let everywhere = matches!(kind, CueKind::GivenName | CueKind::Surname | CueKind::Sports);
        let words = crate::lang::FOLDERS.iter().flat_map(|(code, pack)| {
            let mask = match code.parse::<Language>() {
                Ok(Language::English) | Err(_) => ALL_LANGS,
                Ok(_) if everywhere => ALL_LANGS,
                Ok(lang) => lang_bit(lang),
            };
            files.iter().flat_map(move |f| crate::lang::list_words(crate::lang::file(pack, f)).map(move |w| (w, mask)))
        });
        for (word, mask) in words {
            let id = format!("{}:{word}", kind.tag());
            if let Some(e) = gaz.find(&id) {
                if let Some(m) = langs.get_mut(e.as_usize()) {
                    *m |= mask;
                }
                continue;
            }
            // Titles and roles are often lowercase ("the defense minister"),
            // and some languages write organisations' heads in lowercase
            // ("Малый театр"): a list word written so matches any case.
            let b = Entry::builder(&id, word, label.clone())
                .name_flags(NameFlags::new().with_case_sensitive(kind == CueKind::LegalSuffix && word.len() <= 3))
                .any_case(
                    kind == CueKind::Sports
                        || (matches!(kind, CueKind::Title | CueKind::OrgHead)
                            && word.chars().any(char::is_lowercase)
                            && !word.ends_with('.')),
                );
            // A list word that is not a valid name (no letter) is skipped:
            // the lists are ours and tested to have none.
            if let Ok(e) = b.build() {
                if gaz.push(e).is_ok() {
                    langs.push(mask);
                    bits.push(kind.bit());
                }
            }
        }
    }
    Cues { gaz, langs, bits }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cue_keeps_the_bit_of_the_kind_its_label_names() {
        let cues = cue_gazetteer();
        let mut seen = 0u8;
        for (i, (_, e)) in cues.gaz.iter().enumerate() {
            let kind = CueKind::ALL.into_iter().find(|k| k.tag() == e.label().as_str());
            let kind = kind.unwrap_or_else(|| panic!("{} has no cue label", e.id()));
            assert_eq!(cues.kind_bit(i), kind.bit(), "{}", e.id());
            seen |= kind.bit();
        }
        assert_eq!(seen, CueKind::ALL.iter().fold(0, |m, k| m | k.bit()), "a kind has no word");
        assert_eq!(cues.kind_bit(cues.gaz.len()), 0);
    }
}

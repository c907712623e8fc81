//! The word lists rules use, compiled into the extractor's index as cue
//! entries next to the gazetteer's, so that one scan finds both.

use crate::gazetteer::entry::{Entry, NameFlags};
use crate::gazetteer::Gazetteer;
use crate::label::Label;

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
}

impl CueKind {
    const ALL: [CueKind; 6] = [
        CueKind::Title,
        CueKind::OrgHead,
        CueKind::LegalSuffix,
        CueKind::GivenName,
        CueKind::Surname,
        CueKind::Calendar,
    ];

    fn tag(self) -> &'static str {
        match self {
            CueKind::Title => "cue-title",
            CueKind::OrgHead => "cue-orghead",
            CueKind::LegalSuffix => "cue-legal",
            CueKind::GivenName => "cue-given",
            CueKind::Surname => "cue-surname",
            CueKind::Calendar => "cue-calendar",
        }
    }

    pub(crate) const fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The kind of a cue entry, from its label.
    pub(crate) fn of(entry: &Entry) -> Option<CueKind> {
        let tag = entry.label().as_str();
        CueKind::ALL.into_iter().find(|k| k.tag() == tag)
    }
}

const TITLES: &str = include_str!("../../gazetteers/lists/titles.txt");
const ORG_HEADS: &str = include_str!("../../gazetteers/lists/org_heads.txt");
const LEGAL: &str = include_str!("../../gazetteers/lists/legal_suffixes.txt");
const GIVEN: &str = include_str!("../../gazetteers/lists/given_names.txt");
const NICKNAMES: &str = include_str!("../../gazetteers/lists/nicknames.txt");
const GIVEN_CURATED: &str = include_str!("../../gazetteers/lists/given_names_curated.txt");
const SURNAMES: &str = include_str!("../../gazetteers/lists/surnames.txt");
const CALENDAR: &str = "January February March April May June July August September October November December \
     Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday \
     Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun";

const NOT_ACRONYMS: &str = include_str!("../../gazetteers/lists/not_acronyms.txt");

/// True for a word in capitals that names a term, a unit or a role, not
/// an organisation ("KO", "ERA", "DVD"; `gazetteers/lists/not_acronyms.txt`).
pub(crate) fn not_acronym(word: &str) -> bool {
    // (A set read from the list once: the list has hundreds of words.)
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| words(NOT_ACRONYMS).collect()).contains(word)
}

fn words(list: &str) -> impl Iterator<Item = &str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The cue entries: one per (kind, word).
pub(crate) fn cue_gazetteer() -> Gazetteer {
    let mut gaz = Gazetteer::new();
    let lists: [(CueKind, Box<dyn Iterator<Item = &str>>); 6] = [
        (CueKind::Title, Box::new(words(TITLES))),
        (CueKind::OrgHead, Box::new(words(ORG_HEADS))),
        (CueKind::LegalSuffix, Box::new(words(LEGAL))),
        (CueKind::GivenName, Box::new(words(GIVEN).chain(words(NICKNAMES)).chain(words(GIVEN_CURATED)))),
        (CueKind::Surname, Box::new(words(SURNAMES))),
        (CueKind::Calendar, Box::new(CALENDAR.split_whitespace())),
    ];
    for (kind, list) in lists {
        let label: Label = kind.tag().parse().expect("cue tags are valid labels");
        for word in list {
            let id = format!("{}:{word}", kind.tag());
            if gaz.find(&id).is_some() {
                continue;
            }
            // Titles and roles are often lowercase ("the defense minister").
            let b = Entry::builder(&id, word, label.clone())
                .name_flags(NameFlags::new().with_case_sensitive(kind == CueKind::LegalSuffix && word.len() <= 3))
                .any_case(kind == CueKind::Title && word.chars().any(char::is_lowercase) && !word.ends_with('.'));
            if let Ok(e) = b.build() {
                // A list word that is not a valid name (no letter) is skipped:
                // the lists are ours and tested to have none.
                let _ = gaz.push(e);
            }
        }
    }
    gaz
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_acronym_reads_the_list_as_written() {
        let table: &[(&str, bool)] = &[
            ("AIDS", true),
            ("AI", true),
            ("ASAP", true),
            ("aids", false),
            ("NATO", false),
            ("", false),
            ("#", false),
        ];
        for &(word, want) in table {
            assert_eq!(not_acronym(word), want, "{word:?}");
            assert_eq!(words(NOT_ACRONYMS).any(|w| w == word), want, "{word:?} (by the list)");
        }
    }
}

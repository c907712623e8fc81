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
    /// A word of sports reports (league, innings, goalkeeper), in any case:
    /// counted, not a name's end or start.
    Sports,
}

impl CueKind {
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

    /// The kind of a cue entry, from its label.
    pub(crate) fn of(entry: &Entry) -> Option<CueKind> {
        let tag = entry.label().as_str();
        CueKind::ALL.into_iter().find(|k| k.tag() == tag)
    }
}

/// The cue entries: one per (kind, word), from the cue lists of every
/// pack (a title or a given name is known whatever the text's language).
pub(crate) fn cue_gazetteer() -> Gazetteer {
    let mut gaz = Gazetteer::new();
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
        let words = crate::lang::FOLDERS
            .iter()
            .flat_map(|(_, pack)| files.iter().flat_map(move |f| crate::lang::list_words(crate::lang::file(pack, f))));
        for word in words {
            let id = format!("{}:{word}", kind.tag());
            if gaz.find(&id).is_some() {
                continue;
            }
            // Titles and roles are often lowercase ("the defense minister").
            let b = Entry::builder(&id, word, label.clone())
                .name_flags(NameFlags::new().with_case_sensitive(kind == CueKind::LegalSuffix && word.len() <= 3))
                .any_case(
                    kind == CueKind::Sports
                        || (kind == CueKind::Title && word.chars().any(char::is_lowercase) && !word.ends_with('.')),
                );
            if let Ok(e) = b.build() {
                // A list word that is not a valid name (no letter) is skipped:
                // the lists are ours and tested to have none.
                let _ = gaz.push(e);
            }
        }
    }
    gaz
}

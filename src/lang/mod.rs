//! Language packs: every word the rules know, as data.
//!
//! A pack is a folder of list files, `gazetteers/lang/<code>/<list>.txt`,
//! compiled in with `include_str!`. Every file has one format: a header of
//! `#` lines saying what the list is and how it is asked about, then one
//! word or phrase per line, sorted by bytes, no duplicates (a test checks
//! every file). Two kinds of lists:
//!
//! - **Cue lists** (titles, organisation heads, legal suffixes, given
//!   names, surnames, calendar words) become entries of the cue gazetteer
//!   ([`crate::rules::lists`]): the scan finds them in the same pass as
//!   the gazetteer's names, folded like them.
//! - **Rule lists** (stop words, prepositions, head words, speech verbs...)
//!   are asked about word by word around the matches: a [`List`] as
//!   written, a [`Words`] in any case (written in lower case).
//!
//! A new language is a new folder and a new [`Pack`] built from it by
//! [`Pack::from_files`]; a list a pack does not have is empty. Only where
//! a rule truly differs by language does the pack need more than lists.

mod inflect;
mod language;
mod words;

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

pub(crate) use inflect::Inflection;
use inflect::Params;
pub use language::{Language, UnknownLanguage};
pub(crate) use words::{List, Words};

/// The list files of a pack: (name, text).
pub(crate) type Files = &'static [(&'static str, &'static str)];

macro_rules! files {
    ($lang:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../gazetteers/lang/", $lang, "/", $name, ".txt")))),*]
    };
}

/// The English pack's files (`gazetteers/lang/en/`).
pub(crate) const EN: Files = files!("en":
    "abbreviations", "and", "articles", "calendar", "city_heads", "club_after", "club_before", "club_class", "disease_words", "event_heads", "feature_before", "feature_heads", "for_with", "front_directions", "front_heads", "given_names", "given_names_curated", "grand", "head_links", "institution_heads", "large_features", "legal_suffixes", "legislature_heads", "line_heads", "list_openers", "locative", "name_links", "name_of", "name_suffixes", "national_sides", "nicknames", "not_acronyms", "not_person", "not_plural_endings", "not_the_place", "of", "or", "ordinal_suffixes", "org_heads", "particles", "place_after", "place_after_second", "place_before", "place_nouns", "place_prepositions", "plays", "polity_of", "possessives", "settlements", "speech", "sports", "sports_words", "stop", "street_heads", "surnames", "team_after", "team_before", "times_of_day", "title_case_small", "titles", "town_words", "water_of", "whole_prefixes", "wide_words", "works", "works_plural",
);

/// The files of `gazetteers/lang/ar/`.
const AR: Files = files!("ar": "calendar", "given_names", "org_heads", "place_prepositions", "prefixes", "stop", "surnames", "titles");

/// The files of `gazetteers/lang/az/`.
const AZ: Files = files!("az": "calendar", "org_heads", "place_prepositions", "stop", "suffixes", "titles");

/// The files of `gazetteers/lang/bg/`.
const BG: Files = files!("bg": "given_names", "surnames");

/// The files of `gazetteers/lang/de/`.
const DE: Files = files!("de": "calendar", "org_heads", "place_prepositions", "stop", "suffixes", "titles");

/// The files of `gazetteers/lang/el/`.
const EL: Files = files!("el": "given_names", "surnames");

/// The files of `gazetteers/lang/es/`.
const ES: Files = files!("es": "calendar", "org_heads", "place_prepositions", "stop", "titles");

/// The files of `gazetteers/lang/fa/`.
const FA: Files = files!("fa": "given_names", "surnames");

/// The files of `gazetteers/lang/fr/`.
const FR: Files = files!("fr": "calendar", "org_heads", "place_prepositions", "stop", "titles");

/// The files of `gazetteers/lang/he/`.
const HE: Files = files!("he": "given_names", "surnames");

/// The files of `gazetteers/lang/hy/`.
const HY: Files = files!("hy": "calendar", "given_names", "org_heads", "place_prepositions", "stop", "suffixes", "surnames", "titles");

/// The files of `gazetteers/lang/ka/`.
const KA: Files = files!("ka": "given_names", "surnames");

/// The files of `gazetteers/lang/ru/`.
const RU: Files = files!("ru": "calendar", "given_names", "org_heads", "place_prepositions", "stop", "suffixes", "surnames", "titles");

/// The files of `gazetteers/lang/tr/`.
const TR: Files = files!("tr": "calendar", "org_heads", "place_prepositions", "stop", "suffixes", "titles");

/// The files of `gazetteers/lang/uk/`.
const UK: Files = files!("uk": "calendar", "given_names", "org_heads", "place_prepositions", "stop", "suffixes", "surnames", "titles");

/// The folders of packs whose cue lists the cue gazetteer reads: every
/// language with a pack, and the folders that hold only people's names in
/// a script (their lists name people whatever the text's language).
pub(crate) const FOLDERS: &[(&str, Files)] = &[
    ("en", EN),
    ("ar", AR),
    ("az", AZ),
    ("bg", BG),
    ("de", DE),
    ("el", EL),
    ("es", ES),
    ("fa", FA),
    ("fr", FR),
    ("he", HE),
    ("hy", HY),
    ("ka", KA),
    ("ru", RU),
    ("tr", TR),
    ("uk", UK),
];

/// The files of a language's pack.
fn files_of(lang: Language) -> Files {
    FOLDERS.iter().find(|(code, _)| *code == lang.code()).map_or(&[], |(_, files)| files)
}

/// What a language's inflection does besides its lists.
fn params(lang: Language) -> Params {
    match lang {
        // Adjectives agree with their nouns: every word of a name inflects.
        Language::Russian | Language::Ukrainian => Params { every_token: true, apostrophe: false },
        // Proper nouns take their suffixes after an apostrophe in Turkish
        // (and often in Azerbaijani news).
        Language::Turkish | Language::Azerbaijani => Params { every_token: false, apostrophe: true },
        _ => Params::default(),
    }
}

/// The lists a language pack is made of. The doc comment of each field
/// names its file; the file's header says what the list holds.
pub(crate) struct Pack {
    /// `not_the_place`: heads after which a widened name is not the place.
    pub(crate) not_the_place: List,
    /// `for_with`: prepositions after a verb of play before a club.
    pub(crate) for_with: List,
    /// `of`: the link between a settlement word and its place.
    pub(crate) of: List,
    /// `grand`: words before a polity head in a state's name.
    pub(crate) grand: List,
    /// `place_before`: words before a place that make a longer place name.
    pub(crate) place_before: List,
    /// `place_after`: words after a place that make a longer place name.
    pub(crate) place_after: List,
    /// `name_of`: words before "of" that make the place part of a name.
    pub(crate) name_of: List,
    /// `polity_of`: words before "of" that name a state or a division.
    pub(crate) polity_of: List,
    /// `water_of`: words before "of" that name a natural place.
    pub(crate) water_of: List,
    /// `title_case_small`: words a title-case headline leaves in lower case.
    pub(crate) title_case_small: List,
    /// `feature_heads`: head words ending a feature's or facility's name.
    pub(crate) feature_heads: List,
    /// `street_heads`: head words ending a street's or a square's name.
    pub(crate) street_heads: List,
    /// `city_heads`: words ending a town's name in its government's name.
    pub(crate) city_heads: List,
    /// `large_features`: head words of features too large for a town's point.
    pub(crate) large_features: List,
    /// `wide_words`: words anywhere in a feature's name that make it too
    /// large for a town's point.
    pub(crate) wide_words: List,
    /// `club_before`: words before a place that make a club of it.
    pub(crate) club_before: List,
    /// `club_after`: words after a place that make a club of it.
    pub(crate) club_after: List,
    /// `place_prepositions`: prepositions after which a place is the place.
    pub(crate) place_prepositions: List,
    /// `place_nouns`: lowercase words after a name that make it a place.
    pub(crate) place_nouns: List,
    /// `settlements`: settlement words that "of" and a place follow.
    pub(crate) settlements: List,
    /// `feature_before`: head words that come first in a feature's name.
    pub(crate) feature_before: List,
    /// `disease_words`: words after a place that name a disease.
    pub(crate) disease_words: List,
    /// `event_heads`: head words of events' names.
    pub(crate) event_heads: List,
    /// `plays`: verbs of play before "for"/"with" and a club.
    pub(crate) plays: List,
    /// `club_class`: words just before a place that make it a club.
    pub(crate) club_class: List,
    /// `locative`: words before a common-word place that make it the place.
    pub(crate) locative: Words,
    /// `not_person`: words that end a person's name run.
    pub(crate) not_person: Words,
    /// `stop`: words that start a capitalised run without being a name.
    pub(crate) stop: Words,
    /// `speech`: verbs of speech after a person's name.
    pub(crate) speech: Words,
    /// `particles`: lowercase particles inside people's names.
    pub(crate) particles: List,
    /// `works`: words before the title of a work.
    pub(crate) works: List,
    /// `town_words`: words after a town that name its administration.
    pub(crate) town_words: List,
    /// `sports`: sports after a league's head word.
    pub(crate) sports: List,
    /// `name_links`: words joining the words of a name after "The".
    pub(crate) name_links: List,
    /// `not_acronyms`: words in capitals that are no organisation.
    pub(crate) not_acronyms: FxHashSet<&'static str>,
    /// `team_after`: words after a place that make it a team in a sports report.
    pub(crate) team_after: Words,
    /// `team_before`: words before a place that make it a team in a sports report.
    pub(crate) team_before: Words,
    /// `national_sides`: divisions that field national teams.
    pub(crate) national_sides: List,
    /// `legislature_heads`: heads that after a state's name make its legislature.
    pub(crate) legislature_heads: List,
    /// `line_heads`: heads of a line's name, named after the places it joins.
    pub(crate) line_heads: List,
    /// `institution_heads`: heads that after a town and a word make an
    /// institution's name.
    pub(crate) institution_heads: List,
    /// `front_heads`: organisation heads that after a direction name a front.
    pub(crate) front_heads: List,
    /// `front_directions`: directions that name a front.
    pub(crate) front_directions: List,
    /// `name_suffixes`: suffixes after a surname whose period is the name's.
    pub(crate) name_suffixes: List,
    /// `works_plural`: plural words for works before a quoted title.
    pub(crate) works_plural: List,
    /// `place_after_second`: heads that widen a place after another head.
    pub(crate) place_after_second: List,
    /// `times_of_day`: words for the time of day before a time zone (in any
    /// case, compared at the end of the text before the zone).
    pub(crate) times_of_day: List,
    /// `ordinal_suffixes`: endings of an ordinal written in digits.
    pub(crate) ordinal_suffixes: List,
    /// `not_plural_endings`: endings of words in s that are no plurals.
    pub(crate) not_plural_endings: List,
    /// `and`: the conjunction before a list's last item.
    pub(crate) and: List,
    /// `articles`: the definite article, as written inside a sentence.
    pub(crate) articles: List,
    /// `list_openers`: words that open a list of people.
    pub(crate) list_openers: List,
    /// `head_links`: words joining an organisation's head to what it serves.
    pub(crate) head_links: List,
    /// `possessives`: possessive endings after a name.
    pub(crate) possessives: List,
    /// `whole_prefixes`: prefixes that make a team or honour of a whole place.
    pub(crate) whole_prefixes: List,
    /// The separators of a list's items, from the files `and` and `or` (the
    /// conjunction of alternatives): ", and ", ", ", " and ", " or ".
    pub(crate) separators: Box<[String]>,
    /// `suffixes` and `prefixes`: how names change in running text.
    pub(crate) inflection: Inflection,
    /// The language's running text capitalises only names and sentence
    /// starts (not titles, headings, nouns): a parameter, not a list.
    pub(crate) capitals_are_names: bool,
    /// A stop word written capitalised (at a sentence's start: German
    /// "Der", Russian "Они") is no place of that name. Every pack but
    /// English, whose stop words that are places the common-word rules
    /// decide.
    pub(crate) stop_words_are_no_places: bool,
}

impl Pack {
    /// Builds a pack from its files; a list with no file is empty.
    pub(crate) fn from_files(files: &[(&'static str, &'static str)]) -> Pack {
        let list = |name| List::new(list_words(file(files, name)));
        let words = |name| Words::new(list_words(file(files, name)));
        Pack {
            not_the_place: list("not_the_place"),
            for_with: list("for_with"),
            of: list("of"),
            grand: list("grand"),
            place_before: list("place_before"),
            place_after: list("place_after"),
            name_of: list("name_of"),
            polity_of: list("polity_of"),
            water_of: list("water_of"),
            title_case_small: list("title_case_small"),
            feature_heads: list("feature_heads"),
            street_heads: list("street_heads"),
            city_heads: list("city_heads"),
            large_features: list("large_features"),
            wide_words: list("wide_words"),
            club_before: list("club_before"),
            club_after: list("club_after"),
            place_prepositions: list("place_prepositions"),
            place_nouns: list("place_nouns"),
            settlements: list("settlements"),
            feature_before: list("feature_before"),
            disease_words: list("disease_words"),
            event_heads: list("event_heads"),
            plays: list("plays"),
            club_class: list("club_class"),
            locative: words("locative"),
            not_person: words("not_person"),
            stop: words("stop"),
            speech: words("speech"),
            particles: list("particles"),
            works: list("works"),
            town_words: list("town_words"),
            sports: list("sports"),
            name_links: list("name_links"),
            not_acronyms: list_words(file(files, "not_acronyms")).collect(),
            team_after: words("team_after"),
            team_before: words("team_before"),
            national_sides: list("national_sides"),
            legislature_heads: list("legislature_heads"),
            line_heads: list("line_heads"),
            institution_heads: list("institution_heads"),
            front_heads: list("front_heads"),
            front_directions: list("front_directions"),
            name_suffixes: list("name_suffixes"),
            works_plural: list("works_plural"),
            place_after_second: list("place_after_second"),
            times_of_day: list("times_of_day"),
            ordinal_suffixes: list("ordinal_suffixes"),
            not_plural_endings: list("not_plural_endings"),
            and: list("and"),
            articles: list("articles"),
            list_openers: list("list_openers"),
            head_links: list("head_links"),
            possessives: list("possessives"),
            whole_prefixes: list("whole_prefixes"),
            separators: {
                let and = || list_words(file(files, "and"));
                let mut seps: Vec<String> = and().map(|w| format!(", {w} ")).collect();
                seps.push(", ".to_string());
                seps.extend(and().chain(list_words(file(files, "or"))).map(|w| format!(" {w} ")));
                seps.into_boxed_slice()
            },
            inflection: Inflection::default(),
            capitals_are_names: false,
            stop_words_are_no_places: false,
        }
    }
}

/// The pack of a language; a language with no folder has the English
/// pack's rule lists and no inflection.
pub(crate) fn pack(lang: Language) -> &'static Pack {
    static PACKS: [OnceLock<Pack>; Language::ALL.len()] = [const { OnceLock::new() }; Language::ALL.len()];
    let i = Language::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    PACKS[i].get_or_init(|| {
        let files = files_of(lang);
        // The rule lists a pack lacks are the English pack's.
        let mut all: Vec<(&'static str, &'static str)> = files.to_vec();
        all.extend(
            EN.iter().filter(|(n, _)| !files.iter().any(|(m, _)| m == n) && !matches!(*n, "suffixes" | "prefixes")),
        );
        let mut pack = Pack::from_files(&all);
        pack.capitals_are_names = matches!(lang, Language::Russian | Language::Ukrainian);
        pack.stop_words_are_no_places = lang != Language::English;
        // The text's language's table, and its sibling's: texts of two
        // close languages are told apart least surely (Russian and
        // Ukrainian, Turkish and Azerbaijani), and their endings differ in
        // letters the other does not write, or coincide. Then the tables of
        // the scripts only one packed family writes, whatever the text's
        // language: a Cyrillic word in a Turkish text is Russian or
        // Ukrainian.
        let mut read = vec![(lang, true)];
        read.extend(sibling(lang).map(|s| (s, true)));
        // (Not in English texts, most of what gazet reads, whose scan then
        // needs no table at all: a Cyrillic name in English news is written
        // in its base form.)
        let scripts = [Language::Russian, Language::Ukrainian, Language::Armenian, Language::Arabic];
        for script in scripts.into_iter().filter(|_| lang != Language::English) {
            if !read.iter().any(|(l, _)| *l == script) {
                read.push((script, false));
            }
        }
        for (l, own) in read {
            let files = files_of(l);
            let own_params = params(lang);
            let p = Params { every_token: params(l).every_token, apostrophe: own_params.apostrophe };
            pack.inflection.add(list_lines(file(files, "suffixes")), list_lines(file(files, "prefixes")), p, own);
        }
        pack
    })
}

/// True when a text in `lang` reads a nationality word of the language
/// `code` (a gazetteer name's tag, [`crate::Name::language`]): its own
/// language's and its sibling's, and those of the languages whose script
/// no other pack writes (a Cyrillic, Armenian or Arabic word is the same
/// word in any text). A Latin one of another language may be something
/// else: the Turkish "Iraklı" folds to the Georgian given name Irakli.
pub(crate) fn reads_nationality_of(lang: Language, code: &str) -> bool {
    let base = code.split('-').next().unwrap_or(code);
    match base.parse::<Language>() {
        Ok(of) => {
            of == lang
                || sibling(lang) == Some(of)
                || matches!(of, Language::Russian | Language::Ukrainian | Language::Armenian | Language::Arabic)
        }
        Err(_) => base == lang.code(),
    }
}

/// The language whose texts a detector most often mistakes for `lang`'s.
fn sibling(lang: Language) -> Option<Language> {
    match lang {
        Language::Russian => Some(Language::Ukrainian),
        Language::Ukrainian => Some(Language::Russian),
        Language::Turkish => Some(Language::Azerbaijani),
        Language::Azerbaijani => Some(Language::Turkish),
        _ => None,
    }
}

/// The abbreviations written out when a place's name is compared with an
/// entry's own (`abbreviations`: "st" is "saint"), folded: (abbreviation,
/// word). The English pack's table, for names in any text.
pub(crate) fn abbreviations() -> &'static [(&'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| list_lines(file(EN, "abbreviations")).filter_map(|l| l.split_once('\t')).collect())
}

/// The English pack.
#[cfg(test)]
pub(crate) fn en() -> &'static Pack {
    pack(Language::English)
}

/// The text of the file `name`, or "" when the pack has none.
pub(crate) fn file(files: &[(&'static str, &'static str)], name: &str) -> &'static str {
    files.iter().find(|(n, _)| *n == name).map_or("", |(_, text)| text)
}

/// The lines of a table file (`suffixes`): every line but the `#` header
/// and blank lines, as written (a tab may end one).
fn list_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// The words of a list file: every line but the `#` header and blank
/// lines, trimmed.
pub(crate) fn list_words(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests;

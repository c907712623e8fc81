use super::*;
use crate::normalize::match_key;

/// The cue lists: names of the cue gazetteer, matched folded.
const CUE_LISTS: &[&str] = &[
    "calendar",
    "given_names",
    "given_names_curated",
    "legal_suffixes",
    "nicknames",
    "org_heads",
    "sports_words",
    "surnames",
    "titles",
];

/// The rule lists asked about in any case ([`Words`]).
const ANY_CASE: &[&str] =
    &["locative", "not_person", "speech", "sports_words", "stop", "team_after", "team_before", "times_of_day"];

/// The tables of inflection: lines of two fields.
const TABLES: &[&str] = &["abbreviations", "prefixes", "suffixes"];

#[test]
fn every_file_of_every_folder_is_compiled_in_and_every_name_has_a_file() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers/lang");
    let mut folders: Vec<String> = std::fs::read_dir(root)
        .expect("the packs' folder")
        .map(|e| e.expect("a folder entry"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut compiled: Vec<String> = FOLDERS.iter().map(|(code, _)| code.to_string()).collect();
    compiled.sort();
    assert_eq!(folders, compiled);
    for (code, files) in FOLDERS {
        let mut on_disk: Vec<String> = std::fs::read_dir(format!("{root}/{code}"))
            .expect("a pack's folder")
            .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut names: Vec<String> = files.iter().map(|(n, _)| format!("{n}.txt")).collect();
        names.sort();
        assert_eq!(on_disk, names, "{code}");
    }
    for lang in Language::ALL {
        assert!(!files_of(lang).is_empty(), "{lang}: a language has a pack");
    }
}

#[test]
fn every_list_has_one_format() {
    for &(code, files) in FOLDERS {
        for &(name, text) in files {
            check_format(code, name, text);
        }
    }
}

fn check_format(code: &str, name: &str, text: &'static str) {
    let name = &format!("{code}/{name}")[..];
    let base = name.rsplit('/').next().unwrap_or(name);
    {
        let lines: Vec<&str> = text.lines().collect();
        let header = lines.iter().take_while(|l| l.starts_with('#')).count();
        assert!(header >= 2, "{name}: a header says what the list is and how it is asked about");
        let words = &lines[header..];
        assert!(!words.is_empty(), "{name}: no words");
        for w in words {
            // (A table's line may end in a tab: an empty base ending.)
            let w = if TABLES.contains(&base) { w.trim_end_matches('\t') } else { w };
            assert!(!w.is_empty() && !w.starts_with('#') && w.trim() == w, "{name}: {w:?}");
        }
        assert!(words.windows(2).all(|p| p[0] < p[1]), "{name}: sorted by bytes, no duplicates");
        assert_eq!(list_words(text).count(), words.len(), "{name}");
        if ANY_CASE.contains(&base) {
            for w in words {
                assert!(!w.contains(char::is_uppercase), "{name}: {w:?} not lower case");
                assert!(!w.contains(char::is_whitespace), "{name}: {w:?} is more than a word");
            }
        }
        if TABLES.contains(&base) {
            for w in words {
                let fields: Vec<&str> = w.split('\t').collect();
                assert!(fields.len() == 2 && !fields[0].is_empty(), "{name}: {w:?} is not TEXT<TAB>BASE");
            }
        } else if !CUE_LISTS.contains(&base) && !matches!(base, "name_links" | "national_sides") {
            // Rule lists are asked about one word at a time (but the
            // links and the sides, compared with whole names).
            for w in words {
                assert!(!w.contains(char::is_whitespace), "{name}: {w:?} is more than a word");
            }
        }
    }
}

#[test]
fn hand_kept_cue_lists_fold_to_distinct_names() {
    // Two lines of a cue list that fold to one key are one name written
    // twice ("Vice President" is also "VICE PRESIDENT"). (The generated
    // name lists keep the spellings their source has, "Aaron" and
    // "Aarón": the same cue word once folded.)
    for name in CUE_LISTS.iter().filter(|n| !matches!(**n, "given_names" | "surnames")) {
        let mut keys: Vec<(String, &str)> = list_words(file(EN, name)).map(|w| (match_key(w), w)).collect();
        keys.sort();
        for p in keys.windows(2) {
            // (A cue matched as written, the lowercase "dr" against "Dr.",
            // may share a key with another reading.)
            let same_case =
                p[0].1.chars().next().map(char::is_lowercase) == p[1].1.chars().next().map(char::is_lowercase);
            assert!(p[0].0 != p[1].0 || !same_case, "{name}: {:?} and {:?} fold alike", p[0].1, p[1].1);
        }
        assert!(keys.iter().all(|(k, _)| !k.is_empty()), "{name}: a line with no letter");
    }
}

#[test]
fn the_packs_lists_are_read_as_written() {
    let en = en();
    let table: &[(&List, &str, bool)] = &[
        (&en.place_before, "North", true),
        (&en.place_before, "north", false),
        (&en.place_after, "River", true),
        (&en.feature_heads, "Stadium", true),
        (&en.feature_heads, "Baku", false),
        (&en.particles, "van", true),
        (&en.name_links, "of", true),
    ];
    for &(list, word, want) in table {
        assert_eq!(list.contains(word), want, "{word:?}");
    }
    assert!(en.stop.contains_ignore_case("The"));
    assert!(en.speech.contains_ignore_case("SAID"));
    assert!(!en.stop.contains_ignore_case("Baku"));
    for (word, want) in [("AIDS", true), ("DVD", true), ("aids", false), ("NATO", false), ("", false), ("#", false)] {
        assert_eq!(en.not_acronyms.contains(word), want, "{word:?}");
    }
    let empty = Pack::from_files(&[]);
    assert!(empty.stop.iter().next().is_none() && empty.inflection.is_empty(), "a pack with no file has empty lists");
}

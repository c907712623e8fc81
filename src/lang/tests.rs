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
const ANY_CASE: &[&str] = &["locative", "not_person", "speech", "sports_words", "stop", "team_after", "team_before"];

#[test]
fn every_file_of_the_folder_is_compiled_in_and_every_name_has_a_file() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers/lang/en");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("the English pack's folder")
        .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let compiled: Vec<String> = EN.iter().map(|(n, _)| format!("{n}.txt")).collect();
    assert_eq!(on_disk, compiled);
}

#[test]
fn every_list_has_one_format() {
    for &(name, text) in EN {
        let lines: Vec<&str> = text.lines().collect();
        let header = lines.iter().take_while(|l| l.starts_with('#')).count();
        assert!(header >= 2, "{name}: a header says what the list is and how it is asked about");
        let words = &lines[header..];
        assert!(!words.is_empty(), "{name}: no words");
        for w in words {
            assert!(!w.is_empty() && !w.starts_with('#') && w.trim() == *w, "{name}: {w:?}");
        }
        assert!(words.windows(2).all(|p| p[0] < p[1]), "{name}: sorted by bytes, no duplicates");
        assert_eq!(list_words(text).count(), words.len(), "{name}");
        if ANY_CASE.contains(&name) {
            for w in words {
                assert!(w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{name}: {w:?} not lower case");
            }
        }
        if !CUE_LISTS.contains(&name) && !matches!(name, "name_links" | "national_sides") {
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
        let mut keys: Vec<(String, &str)> = en().words(name).map(|w| (match_key(w), w)).collect();
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
    assert_eq!(Pack::from_files(&[]).words("titles").count(), 0, "a pack with no file has empty lists");
}

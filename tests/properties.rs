//! Property tests: the extractor against a naive reference matcher on
//! small random gazetteers and texts, and offset invariants on arbitrary
//! Unicode text.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use gazet::{match_key, Entry, Extractor, Gazetteer, Label, MatchKind, NameFlags};
use proptest::prelude::*;

/// Base words: (folded form, how it is written with its diacritics).
/// Besides place-like words, words the rules read: titles (president,
/// minister), organisation heads (ministry, university), a place head
/// (river), given names (maria, john), a speech verb (said), a locative
/// preposition (in) and a link (of), so that random gazetteers and texts
/// reach the rules' families.
const WORDS: &[(&str, &str)] = &[
    ("baku", "baku"),
    ("kelbecer", "kəlbəcər"),
    ("susa", "şuşa"),
    ("nagorno", "nagorno"),
    ("karabakh", "karabakh"),
    ("rio", "rio"),
    ("de", "de"),
    ("president", "president"),
    ("minister", "minister"),
    ("ministry", "ministry"),
    ("university", "university"),
    ("river", "river"),
    ("maria", "maria"),
    ("john", "john"),
    ("said", "said"),
    ("in", "in"),
    ("of", "of"),
];

/// The labels random entries get (places most often).
const LABELS: &[Label] = &[Label::Place, Label::Place, Label::Person, Label::Organization, Label::Nationality];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Lower,
    Cap,
    Upper,
}

fn render(word: usize, diacritics: bool, case: Case) -> String {
    let (plain, marked) = WORDS[word];
    let base = if diacritics { marked } else { plain };
    match case {
        Case::Lower => base.to_string(),
        Case::Upper => base.to_uppercase(),
        Case::Cap => {
            let mut c = base.chars();
            let first = c.next().expect("non-empty").to_uppercase().to_string();
            first + c.as_str()
        }
    }
}

fn case_strategy() -> impl Strategy<Value = Case> {
    prop_oneof![Just(Case::Lower), Just(Case::Cap), Just(Case::Upper)]
}

#[derive(Clone, Debug)]
struct TestName {
    words: Vec<(usize, bool, Case)>,
    case_sensitive: bool,
}

#[derive(Clone, Debug)]
struct TestEntry {
    names: Vec<TestName>,
    any_case: bool,
    label: usize,
}

fn name_strategy() -> impl Strategy<Value = TestName> {
    (
        prop::collection::vec((0..WORDS.len(), any::<bool>(), prop_oneof![Just(Case::Lower), Just(Case::Cap)]), 1..4),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(words, case_sensitive)| TestName { words, case_sensitive })
}

fn entry_strategy() -> impl Strategy<Value = TestEntry> {
    (prop::collection::vec(name_strategy(), 1..3), prop::bool::weighted(0.15), 0..LABELS.len())
        .prop_map(|(names, any_case, label)| TestEntry { names, any_case, label })
}

/// Separators between words and whether they stop a name.
const SEPARATORS: &[(&str, bool)] = &[
    (" ", false),
    ("-", false),
    (" – ", false),
    ("\n", false),
    ("’s ", true),
    (", ", true),
    ("\n\n", true),
    (". ", true),
];

/// A text word: (word, diacritics, case, separator before it).
type TextWord = (usize, bool, Case, usize);

fn text_strategy() -> impl Strategy<Value = Vec<TextWord>> {
    prop::collection::vec((0..WORDS.len(), any::<bool>(), case_strategy(), 0..SEPARATORS.len()), 0..14)
}

struct Rendered {
    text: String,
    /// (word, case, start, end, break before)
    tokens: Vec<(usize, Case, usize, usize, bool)>,
}

fn render_text(words: &[TextWord]) -> Rendered {
    let mut text = String::new();
    let mut tokens = Vec::new();
    for (i, &(w, d, case, sep)) in words.iter().enumerate() {
        let mut brk = false;
        if i > 0 {
            text.push_str(SEPARATORS[sep].0);
            brk = SEPARATORS[sep].1;
        }
        let start = text.len();
        text.push_str(&render(w, d, case));
        tokens.push((w, case, start, text.len(), brk));
    }
    Rendered { text, tokens }
}

fn build(entries: &[TestEntry]) -> Gazetteer {
    let mut gaz = Gazetteer::new();
    for (i, e) in entries.iter().enumerate() {
        let mut names = e.names.iter().map(|n| {
            let text: Vec<String> = n.words.iter().map(|&(w, d, c)| render(w, d, c)).collect();
            let mut flags = NameFlags::default();
            flags.case_sensitive = n.case_sensitive;
            (text.join(" "), flags)
        });
        let (first, flags) = names.next().expect("one name");
        let mut b =
            Entry::builder(&format!("e{i}"), &first, LABELS[e.label].clone()).name_flags(flags).any_case(e.any_case);
        for (alias, flags) in names {
            b = b.alias_with(&alias, flags);
        }
        gaz.push(b.build().expect("valid entry")).expect("unique");
    }
    gaz
}

fn signature(s: &str) -> Vec<bool> {
    s.chars().filter(|c| c.is_alphabetic()).map(char::is_uppercase).collect()
}

/// Does text token (word, case) satisfy name word `nw` of `name`?
fn word_ok(entry: &TestEntry, name: &TestName, k: usize, text_case: Case, text_diacritics: bool) -> bool {
    let (w, d, c) = name.words[k];
    if entry.any_case {
        return true;
    }
    if name.case_sensitive {
        return signature(&render(w, d, c)) == signature(&render(w, text_diacritics, text_case));
    }
    let name_has_cap = name.words.iter().any(|&(_, _, c)| c == Case::Cap);
    let needs_cap = c == Case::Cap || !name_has_cap;
    !needs_cap || text_case != Case::Lower
}

/// The names of an entry as the gazetteer keeps them: a name given twice is
/// one name with the flags of both.
fn merged_names(entry: &TestEntry) -> Vec<TestName> {
    let mut out: Vec<TestName> = Vec::new();
    for n in &entry.names {
        let text = |n: &TestName| n.words.iter().map(|&(w, d, c)| render(w, d, c)).collect::<Vec<_>>().join(" ");
        match out.iter_mut().find(|m| text(m) == text(n)) {
            Some(m) => m.case_sensitive |= n.case_sensitive,
            None => out.push(n.clone()),
        }
    }
    out
}

/// The reference: every (start, end) with the set of entries matching there.
fn naive(
    entries: &[TestEntry],
    words: &[TextWord],
    r: &Rendered,
    kind: MatchKind,
) -> Vec<(usize, usize, BTreeSet<usize>)> {
    let mut found: Vec<(usize, usize, BTreeSet<usize>)> = Vec::new();
    for i in 0..r.tokens.len() {
        for j in i..r.tokens.len() {
            if j > i && r.tokens[j].4 {
                break;
            }
            let len = j - i + 1;
            let mut ids = BTreeSet::new();
            for (ei, e) in entries.iter().enumerate() {
                let hit = merged_names(e).iter().any(|n| {
                    n.words.len() == len
                        && (0..len).all(|k| {
                            let (tw, td, tc, _) = words[i + k];
                            n.words[k].0 == tw && word_ok(e, n, k, tc, td)
                        })
                });
                if hit {
                    ids.insert(ei);
                }
            }
            if !ids.is_empty() {
                found.push((r.tokens[i].2, r.tokens[j].3, ids));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    if kind == MatchKind::LeftmostLongest {
        let mut kept = Vec::new();
        let mut last_end = 0;
        for f in found {
            if f.0 >= last_end {
                last_end = f.1;
                kept.push(f);
            }
        }
        return kept;
    }
    found
}

/// The bundled extractor, built once.
fn bundled() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Gazetteer::bundled()).expect("builds"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn same_as_naive_reference(
        entries in prop::collection::vec(entry_strategy(), 1..6),
        words in text_strategy(),
        overlapping in any::<bool>(),
    ) {
        let kind = if overlapping { MatchKind::Overlapping } else { MatchKind::LeftmostLongest };
        // The reference models the matcher: rules off.
        let ex = Extractor::builder().match_kind(kind).rules(false).build(build(&entries)).expect("builds");
        let r = render_text(&words);
        let got: Vec<(usize, usize, BTreeSet<usize>)> = ex
            .extract(&r.text)
            .iter()
            .map(|s| {
                let ids = s.candidates().iter().map(|c| c.id().as_usize()).collect();
                (s.start(), s.end(), ids)
            })
            .collect();
        let want = naive(&entries, &words, &r, kind);
        prop_assert_eq!(got, want, "text {:?}", r.text);
    }

    #[test]
    fn spans_are_exact_sorted_and_fold_to_a_name(text in "\\PC{0,200}", extra in "[A-Za-zəİıß’' -]{0,40}") {
        let ex = bundled();
        let text = format!("{text} Kəlbəcər {extra} BAKU, Azerbaijan’s {text}");
        let spans = ex.extract(&text);
        let mut last_end = 0;
        for s in &spans {
            prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
            prop_assert_eq!(&text[s.range()], s.as_str());
            prop_assert!(s.start() >= last_end, "disjoint and sorted");
            last_end = s.end();
            // Spans the rules add (people, organisations) have no entry.
            if let Some(entry) = s.entry() {
                let key = key_words(s.as_str());
                // A place widened by a head word ("West Baku") holds the name.
                let widened = s.reason() == gazet::Reason::PlaceHead;
                let folds = entry.names().any(|n| {
                    let name = key_words(n.as_str());
                    name == key
                        || (widened && !name.is_empty() && key.windows(name.len()).any(|w| w == name.as_slice()))
                        // A name in another form ("Москве"): as many words.
                        || (s.inflected() && !name.is_empty() && key.len() >= name.len())
                });
                prop_assert!(folds, "{:?} folds to a name", s.as_str());
            } else {
                prop_assert!(s.reason() != gazet::Reason::Gazetteer);
            }
        }
        // The place is found, or a longer name the rules built around it
        // ("Kəlbəcər AG", a company), unless a capitalised word follows it:
        // then it may start a longer name the rules cannot label, and is
        // left out ("Kəlbəcər Blues").
        let at = text.find(" Kəlbəcər ").expect("inserted") + 1;
        let capital_next = extra.trim_start().chars().next().is_some_and(char::is_uppercase);
        prop_assert!(capital_next || spans.iter().any(|s| s.start() <= at && s.end() >= at + "Kəlbəcər".len()));
    }

    #[test]
    fn batch_equals_single(texts in prop::collection::vec("[A-Za-z ,.’-]{0,20}(Baku|Armenia|Upper Karabakh)[A-Za-z ,.’-]{0,20}", 0..12)) {
        let ex = bundled();
        let batch = ex.extract_batch(&texts);
        prop_assert_eq!(batch.len(), texts.len());
        for (t, spans) in texts.iter().zip(&batch) {
            let single: Vec<_> = ex.extract(t).iter().map(|s| (s.range(), s.entry_id())).collect();
            let batched: Vec<_> = spans.iter().map(|s| (s.range(), s.entry_id())).collect();
            prop_assert_eq!(single, batched);
        }
    }
}

/// The words of a match key: a name's separators of any kind (a blank
/// line inside a name included) count alike.
fn key_words(s: &str) -> Vec<String> {
    match_key(s).split_whitespace().map(str::to_string).collect()
}

fn random_extractor(entries: &[TestEntry], overlapping: bool, rules: bool) -> Extractor {
    let kind = if overlapping { MatchKind::Overlapping } else { MatchKind::LeftmostLongest };
    Extractor::builder().match_kind(kind).rules(rules).build(build(entries)).expect("builds")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// On random gazetteers, rules on (three cases in four) or off: spans
    /// exact, sorted, disjoint in leftmost-longest mode, and each
    /// candidate's matched name has the key of the text matched (for a
    /// place widened by a head word, of words inside it).
    #[test]
    fn random_gazetteers_keep_span_invariants(
        entries in prop::collection::vec(entry_strategy(), 1..6),
        words in text_strategy(),
        overlapping in any::<bool>(),
        rules in prop::bool::weighted(0.75),
    ) {
        let ex = random_extractor(&entries, overlapping, rules);
        let text = render_text(&words).text;
        let spans = ex.extract(&text);
        let mut last: Option<(usize, usize)> = None;
        for s in &spans {
            prop_assert!(s.start() < s.end() && s.end() <= text.len());
            prop_assert!(text.is_char_boundary(s.start()) && text.is_char_boundary(s.end()));
            prop_assert_eq!(&text[s.range()], s.as_str());
            if let Some((start, end)) = last {
                prop_assert!((start, std::cmp::Reverse(end)) <= (s.start(), std::cmp::Reverse(s.end())), "sorted");
                if !overlapping {
                    prop_assert!(s.start() >= end, "disjoint: {:?} after {}..{}", s.range(), start, end);
                }
            }
            last = Some((s.start(), s.end()));
            let key = key_words(s.as_str());
            for c in s.candidates() {
                let name = key_words(c.matched_name().as_str());
                if s.reason() == gazet::Reason::PlaceHead {
                    prop_assert!(!name.is_empty() && key.windows(name.len()).any(|w| w == name.as_slice()),
                        "{:?} inside {:?}", c.matched_name().as_str(), s.as_str());
                } else {
                    prop_assert_eq!(&name, &key);
                }
            }
        }
    }


    /// A batch gives, text by text, what single calls give, on small random
    /// gazetteers.
    #[test]
    fn batch_equals_single_on_random_gazetteers(
        entries in prop::collection::vec(entry_strategy(), 1..6),
        texts in prop::collection::vec(text_strategy(), 0..8),
        overlapping in any::<bool>(),
    ) {
        let ex = random_extractor(&entries, overlapping, false);
        let texts: Vec<String> = texts.iter().map(|w| render_text(w).text).collect();
        let batch = ex.extract_batch(&texts);
        prop_assert_eq!(batch.len(), texts.len());
        for (t, spans) in texts.iter().zip(&batch) {
            let single: Vec<_> = ex.extract(t).iter().map(|s| (s.range(), s.entry_id(), s.candidates().len())).collect();
            let batched: Vec<_> = spans.iter().map(|s| (s.range(), s.entry_id(), s.candidates().len())).collect();
            prop_assert_eq!(single, batched);
        }
    }
}

/// The random vocabulary reaches the rules: over 200 random gazetteers and
/// texts (a fixed seed), with the rules on, spans that come from the rule
/// families and not from a gazetteer name alone occur: people after a
/// title or a given name, organisations ending in a head noun, features
/// ending in a head word.
#[test]
fn random_gazetteers_and_texts_reach_the_rules() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let cases = (prop::collection::vec(entry_strategy(), 1..6), prop::collection::vec(text_strategy(), 4..5));
    let mut reasons = BTreeSet::new();
    for _ in 0..200 {
        let (entries, texts) = cases.new_tree(&mut runner).expect("a case").current();
        // (English: the families' words are the English pack's.)
        let ex = Extractor::builder().language(Some(gazet::Language::English)).build(build(&entries)).expect("builds");
        for words in &texts {
            let text = render_text(words).text;
            for s in ex.extract(&text) {
                reasons.insert(s.reason().as_str());
            }
        }
    }
    for family in ["title", "given-name", "org-head", "feature-head"] {
        assert!(reasons.contains(family), "no {family:?} span in 200 cases: {reasons:?}");
    }
}

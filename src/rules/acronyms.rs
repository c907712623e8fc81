//! Acronyms: a word of 2 to 8 capitals is an organisation when the text
//! defines it after an organisation's name, uses it twice, or names an
//! organisation whose initials it is ("the Caspian Energy Agency ...
//! CEA"). Evidence: the words in capitals the scan listed, the
//! organisations found, and the pack's stop words and not-acronyms.

use super::*;

/// Acronyms: a word of 2 to 8 capitals, not a name or cue already, is an
/// organisation when the text defines it after an organisation's name
/// ("Anadolu Agency (AA)"), uses it at least twice outside headings, or
/// names an organisation of the text by its initials. `kept` are where the
/// kept matches start, sorted; `orgs` the organisations' extents.
pub(super) fn apply(
    doc: Doc<'_>,
    look: &Lookup<'_, '_>,
    kept: &[usize],
    caps: &[Capitals],
    orgs: &[(usize, usize)],
    added: &mut Vec<Added>,
) {
    let text = doc.text;
    let mut seen: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    let mut defined: Vec<&str> = Vec::new();
    for t in caps {
        let word = &text[t.start..t.end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        // A run of capitals is a heading or a dateline, not an acronym.
        if letters >= 2 && !t.prev_upper && !t.next_upper && letters <= 8 && !is_roman_numeral(word) {
            let cue_bits =
                CueKind::Title.bit() | CueKind::OrgHead.bit() | CueKind::LegalSuffix.bit() | CueKind::Calendar.bit();
            let known = kept.binary_search(&t.start).is_ok() || look.cue_starts_at(t.start, cue_bits);
            if !known {
                seen.entry(word).or_default().push((t.start, t.end));
                let before = text[..t.start].trim_end();
                let after = &text[t.end..];
                if before.ends_with('(') && after.starts_with(')') {
                    let inside = before[..before.len() - 1].trim_end();
                    let org_before = added.iter().any(|a| a.label == Label::Organization && a.end == inside.len())
                        || look
                            .reaching(inside.len().saturating_sub(LONGEST_NAME), inside.len(), inside.len())
                            .any(|m| m.end == inside.len() && m.top.is(&Label::Organization));
                    if org_before {
                        defined.push(word);
                    }
                }
            }
        }
    }
    // (Most texts have no word in capitals to ask about: the initials are
    // spelled out only for one that has.)
    if seen.is_empty() {
        return;
    }
    let initials: rustc_hash::FxHashSet<String> =
        orgs.iter().filter_map(|&(s, e)| initials_of(doc, &text[s..e])).collect();
    for (word, places) in seen {
        let named = || initials.contains(word);
        if (places.len() >= 2 || defined.contains(&word) || named()) && !doc.lang.not_acronyms.contains(word) {
            for (s, e) in places {
                added.push(Added { start: s, end: e, label: Label::Organization, reason: Reason::Acronym });
            }
        }
    }
}

/// The initials of an organisation's name: the first letter of each
/// capitalised word but stop words ("Bureau of Caspian Surveys": BCS),
/// when there are two or more.
fn initials_of(doc: Doc<'_>, name: &str) -> Option<String> {
    let mut out = String::new();
    for w in name.split([' ', '-']).filter(|w| !w.is_empty()) {
        let first = w.chars().next()?;
        if first.is_uppercase() && !doc.is_stop(w) {
            out.push(first);
        }
    }
    (out.chars().count() >= 2).then_some(out)
}

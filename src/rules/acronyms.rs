//! Acronyms: a word of 2 to 8 capitals is an organisation when the text
//! defines it after an organisation's name or uses it twice.

use super::*;

/// Acronyms: a word of 2 to 8 capitals, not a name or cue already, is an
/// organisation when the text defines it after an organisation's name
/// ("Anadolu Agency (AA)") or uses it at least twice outside headings.
pub(super) fn apply(
    doc: Doc<'_>,
    look: &Lookup<'_, '_>,
    kept: &rustc_hash::FxHashSet<usize>,
    caps: &[Capitals],
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
            let known = kept.contains(&t.start) || look.cue_starts_at(t.start, cue_bits);
            if !known {
                seen.entry(word).or_default().push((t.start, t.end));
                let before = text[..t.start].trim_end();
                let after = &text[t.end..];
                if before.ends_with('(') && after.starts_with(')') {
                    let inside = before[..before.len() - 1].trim_end();
                    let org_before = added.iter().any(|a| a.label == Label::Organization && a.end == inside.len())
                        || look
                            .starting_in(inside.len().saturating_sub(LONGEST_NAME), inside.len())
                            .any(|m| m.end == inside.len() && m.top.label() == &Label::Organization);
                    if org_before {
                        defined.push(word);
                    }
                }
            }
        }
    }
    for (word, places) in seen {
        if (places.len() >= 2 || defined.contains(&word)) && !doc.lang.not_acronyms.contains(word) {
            for (s, e) in places {
                added.push(Added { start: s, end: e, label: Label::Organization, reason: Reason::Acronym });
            }
        }
    }
}

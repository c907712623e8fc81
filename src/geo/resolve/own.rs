//! Whether a name of an entry writes its own name or is one of its
//! alternate names (a former or a foreign one): names compared by their
//! match keys with the usual abbreviations written out ("St." is
//! "Saint"), the keys of entries' own names remembered. Worked out for
//! every name when the index is built, and kept in the [`NameRef`] that
//! its matches' candidates carry.

use crate::gazetteer::entry::Entry;
use crate::span::NameRef;

/// The reference to name `index` of `entry`, with whether the name writes
/// the entry's own name and whether it has more than one word; `None` when
/// the entry has no such name or the index is past [`NameRef::MAX_INDEX`].
///
/// (Every candidate of a span matched the same folded tokens, so the
/// text's key is that of the candidate's own matched name: whether the
/// text writes a candidate's own name depends on the entry and the name
/// only.)
pub(crate) fn name_ref(entry: &Entry, index: u32, keys: &mut Keys) -> Option<NameRef> {
    let name = entry.name_at(index as usize)?.as_str();
    let several_words = name.split_whitespace().nth(1).is_some();
    // (Name 0 is the entry's own name.)
    let own = index == 0 || {
        let own = entry.name();
        name.eq_ignore_ascii_case(own)
            || (!ascii_initials_differ(name, own) && {
                keys.expand(name);
                let key = std::mem::take(&mut keys.expanded);
                let same = same_name(name, own, &key, keys);
                keys.expanded = key;
                same
            })
    };
    NameRef::new(index, own, several_words)
}

/// True when the first letters or digits of `name` and `own` are ASCII and
/// differ but for case: then `name` does not write `own` (folding and the
/// abbreviations keep a word's first letter), and no key need be built,
/// which saves most of the work for an index's half a million alternate
/// names. (Tested against building the keys on the bundled gazetteer.)
fn ascii_initials_differ(name: &str, own: &str) -> bool {
    let first = |s: &str| s.chars().find(|c| c.is_alphanumeric());
    matches!((first(name), first(own)), (Some(a), Some(b)) if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(&b))
}

/// True when `name` (whose expanded key is `key`) writes `own`.
fn same_name(name: &str, own: &str, key: &str, keys: &mut Keys) -> bool {
    if name.eq_ignore_ascii_case(own) {
        return true;
    }
    // Folding and the abbreviations keep a name's first letter: a different
    // ASCII first letter settles it without building the key.
    let first = own.chars().find(|c| c.is_alphanumeric());
    let key_first = key.bytes().find(u8::is_ascii_alphanumeric);
    if first.is_some_and(|f| f.is_ascii() && key_first != Some(f.to_ascii_lowercase() as u8)) {
        return false;
    }
    keys.own_key(own) == key
}

/// Buffers for a name's expanded key ([`Keys::expand`]), reused from one
/// name to the next.
#[derive(Default)]
pub(crate) struct Keys {
    key: String,
    pub(super) expanded: String,
    /// The last own name whose expanded key was asked for, and the key:
    /// an index's names come entry by entry, so an entry's alternate
    /// names ask for the same own name in a row.
    own: (String, String),
}

impl Keys {
    /// The expanded key of an entry's own name `name`, remembered.
    fn own_key(&mut self, name: &str) -> &str {
        if self.own.0 != name {
            self.expand(name);
            self.own.0.clear();
            self.own.0.push_str(name);
            std::mem::swap(&mut self.own.1, &mut self.expanded);
        }
        &self.own.1
    }

    /// Sets `self.expanded` to the expanded key of `name`: its match key
    /// with the usual abbreviations written out ("St." is "Saint", "Mt."
    /// "Mount", "Ft." "Fort": [`crate::lang::abbreviations`]), the same
    /// name either way.
    pub(super) fn expand(&mut self, name: &str) {
        crate::normalize::match_key_into(name, &mut self.key);
        let out = &mut self.expanded;
        out.clear();
        let abbreviations = crate::lang::abbreviations();
        // The key keeps a period as a word of its own ("st . petersburg").
        for w in self.key.split(' ').filter(|w| *w != ".") {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(abbreviations.iter().find(|(short, _)| *short == w).map_or(w, |(_, word)| word));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expanded_key(name: &str) -> String {
        let mut keys = Keys::default();
        keys.expand(name);
        keys.expanded
    }

    #[test]
    fn own_names_survive_folding_and_abbreviations() {
        for (name, own, same) in [
            ("Paris", "Paris", true),
            ("PARIS", "Paris", true),
            ("Sao Paulo", "São Paulo", true),
            ("St. Petersburg", "Saint Petersburg", true),
            ("Mt Vernon", "Mount Vernon", true),
            ("'s-Hertogenbosch", "'s-Hertogenbosch", true),
            ("Ålesund", "Alesund", true),
            ("Maryville", "Beeville", false),
            ("Parigi", "Paris", false),
            ("Kalbajar", "Kəlbəcər", false),
        ] {
            assert_eq!(same_name(name, own, &expanded_key(name), &mut Keys::default()), same, "{name} / {own}");
        }
    }

    /// The quick answer agrees with building the keys: no name of the
    /// bundled gazetteer whose first letter differs from its entry's own
    /// name's writes that name.
    #[test]
    fn different_initials_are_different_names() {
        let gaz = crate::Gazetteer::bundled();
        let mut keys = Keys::default();
        let mut quick = 0;
        for (_, entry) in gaz.iter() {
            let own = entry.name();
            for name in entry.names().skip(1).map(|n| n.as_str()) {
                if ascii_initials_differ(name, own) {
                    quick += 1;
                    assert!(!same_name(name, own, &expanded_key(name), &mut keys), "{name} / {own}");
                }
            }
        }
        assert!(quick > 10_000, "{quick} names answered quickly");
    }

    /// The own name's key remembered is the key, from one own name to the
    /// next and back.
    #[test]
    fn remembered_own_keys_are_the_keys() {
        let mut keys = Keys::default();
        for own in ["St. Ashford", "St. Ashford", "Mt Vernon", "St. Ashford", "Ft. Ada"] {
            let expected = expanded_key(own);
            assert_eq!(keys.own_key(own), expected, "{own}");
            assert!(same_name(own, own, &expected, &mut keys));
        }
        assert!(same_name("Mt Vernon", "Mount Vernon", &expanded_key("Mt Vernon"), &mut keys));
        assert!(!same_name("Maryville", "Mount Vernon", &expanded_key("Maryville"), &mut keys));
    }
}

//! Whether the text writes a candidate's own name or one of its alternate
//! names (a former or a foreign one): names compared by their match keys
//! with the usual abbreviations written out ("St." is "Saint"), the keys
//! of entries' own names remembered per thread.

use rustc_hash::FxHashMap;

/// Whether the text writes the candidate's own name rather than one of its
/// alternate names; `key` is the expanded key ([`Keys::expand`]) of the name the text
/// matched.
pub(super) fn own_name(c: &crate::span::Candidate<'_>, key: &str, keys: &mut Keys) -> bool {
    // (Name 0 is the entry's own name.)
    c.name == 0 || same_name(c.matched_name().as_str(), c.entry.name(), key, keys)
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
pub(super) struct Keys {
    key: String,
    pub(super) expanded: String,
    /// The expanded keys of entries' own names met so far on this thread
    /// (at most [`Keys::REMEMBERED`]): the same places are candidates in
    /// text after text, and a key costs a tokenizing and a folding.
    own: FxHashMap<Box<str>, Box<str>>,
}

impl Keys {
    /// The most own names' keys kept; past this, they are forgotten.
    const REMEMBERED: usize = 4096;

    /// The expanded key of an entry's own name `name`, remembered.
    fn own_key(&mut self, name: &str) -> &str {
        if !self.own.contains_key(name) {
            if self.own.len() >= Self::REMEMBERED {
                self.own.clear();
            }
            self.expand(name);
            self.own.insert(name.into(), self.expanded.as_str().into());
        }
        self.own.get(name).map_or("", |k| k)
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

    /// The own names' keys a thread remembers are the keys, before and
    /// after the table fills and starts afresh.
    #[test]
    fn remembered_own_keys_are_the_keys() {
        let mut keys = Keys::default();
        for round in 0..2 {
            for i in 0..Keys::REMEMBERED + 10 {
                let own = format!("St. Ashford {i}");
                assert_eq!(keys.own_key(&own), format!("saint ashford {i}"), "round {round}");
                assert!(keys.own.len() <= Keys::REMEMBERED);
            }
            assert!(same_name("Mt Vernon", "Mount Vernon", &expanded_key("Mt Vernon"), &mut keys));
            assert!(!same_name("Maryville", "Mount Vernon", &expanded_key("Maryville"), &mut keys));
        }
    }
}

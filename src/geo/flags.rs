//! Emoji flags: two regional indicator symbols (U+1F1E6 to U+1F1FF, one
//! per letter) write a country's ISO 3166 code, and the flag 🇦🇿 names
//! Azerbaijan as the word does. Each flag found becomes a place span whose
//! candidate is the gazetteer's country of that code.

use crate::gazetteer::entry::{EntryId, PlaceKind};
use crate::gazetteer::Gazetteer;

/// The gazetteer's country for each two-letter code, for the flags.
#[derive(Debug, Default)]
pub(crate) struct Flags {
    /// By `26 * first letter + second letter` (`A` = 0); empty when the
    /// rules are off.
    by_code: Box<[Option<EntryId>]>,
}

/// A flag written in a text: its byte range and the country it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Flag {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) country: EntryId,
}

impl Flags {
    /// The country of each code: the entry of that code whose kind is a
    /// country, an independent one (`PCLI`) before a dependency or a
    /// territory, then the most populous.
    pub(crate) fn build(gaz: &Gazetteer) -> Flags {
        let mut best: Vec<Option<(EntryId, Rank)>> = vec![None; 26 * 26];
        for (id, e) in gaz.iter() {
            let Some(p) = e.place() else { continue };
            let Some(cc) = p.country else { continue };
            if p.kind() != PlaceKind::Country {
                continue;
            }
            let &[a, b] = cc.as_str().as_bytes() else { continue };
            let letter = |c: u8| usize::from(c.to_ascii_uppercase().wrapping_sub(b'A'));
            let k = letter(a) * 26 + letter(b);
            let independent = p.feature_code.as_ref().is_some_and(|c| c.as_str() == "PCLI");
            let rank = (!independent, std::cmp::Reverse(p.population.unwrap_or(0)));
            if let Some(slot) = best.get_mut(k) {
                if slot.is_none_or(|(_, r)| rank < r) {
                    *slot = Some((id, rank));
                }
            }
        }
        Flags { by_code: best.into_iter().map(|b| b.map(|(id, _)| id)).collect() }
    }

    /// The flags of a text whose code names a country of the gazetteer,
    /// in order. A run of indicators is read in pairs from its start.
    pub(crate) fn find_in(&self, text: &str) -> Vec<Flag> {
        let mut out = Vec::new();
        if self.by_code.is_empty() {
            return out;
        }
        let bytes = text.as_bytes();
        // (start of the pending first letter, its letter)
        let mut pending: Option<(usize, u8)> = None;
        for i in memchr::memchr_iter(0xF0, bytes) {
            let Some(letter) = indicator(bytes.get(i..i + 4)) else {
                pending = None;
                continue;
            };
            match pending.take() {
                Some((start, first)) if start + 4 == i => {
                    if let Some(Some(country)) = self.by_code.get(usize::from(first) * 26 + usize::from(letter)) {
                        out.push(Flag { start, end: i + 4, country: *country });
                    }
                }
                _ => pending = Some((i, letter)),
            }
        }
        out
    }
}

/// How a country entry ranks for its code: a dependency or territory
/// after an independent country, then by population, largest first.
type Rank = (bool, std::cmp::Reverse<u64>);

/// The letter (0 for A) of a regional indicator symbol's four UTF-8 bytes.
fn indicator(bytes: Option<&[u8]>) -> Option<u8> {
    match bytes? {
        [0xF0, 0x9F, 0x87, b] if (0xA6..=0xBF).contains(b) => Some(b - 0xA6),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Coord, CountryCode, Entry, Label, Place};

    fn country(id: &str, name: &str, code: &str, feature: &str, population: u64) -> Entry {
        let p = Place {
            country: Some(CountryCode::new(code).expect("code")),
            feature_code: Some(crate::gazetteer::entry::FeatureCode::new(feature).expect("feature")),
            population: Some(population),
            coord: Some(Coord::new(40.0, 47.0).expect("coord")),
            ..Place::default()
        };
        Entry::builder(id, name, Label::Place).place(p).build().expect("entry")
    }

    #[test]
    fn flags_name_their_countries() {
        let mut gaz = Gazetteer::new();
        for e in [
            country("az", "Azerbaijan", "AZ", "PCLI", 10_000_000),
            country("am", "Armenia", "AM", "PCLI", 3_000_000),
            country("us-terr", "Some Territory", "US", "TERR", 50_000),
            country("us", "United States", "US", "PCLI", 330_000_000),
            country("baku", "Baku", "AZ", "PPLC", 2_000_000),
        ] {
            gaz.push(e).expect("unique");
        }
        let flags = Flags::build(&gaz);
        let id = |s: &str| gaz.iter().find(|(_, e)| e.id() == s).map(|(i, _)| i).expect("entry");
        // (text, (flag text, entry id) of each flag found)
        let table: &[(&str, &[(&str, &str)])] = &[
            ("Proud today 🇦🇿!", &[("🇦🇿", "az")]),
            ("🇦🇿🇦🇲 talks", &[("🇦🇿", "az"), ("🇦🇲", "am")]),
            ("Flag 🇺🇸 wins over the territory", &[("🇺🇸", "us")]),
            // A code no country of the gazetteer has, a lone letter, and
            // an odd run (its last letter unpaired).
            ("🇿🇿 and 🇦 and 🇦🇿🇦", &[("🇦🇿", "az")]),
            // Other emoji and text are no flags.
            ("😀 no flag here ☺", &[]),
        ];
        for &(text, want) in table {
            let got: Vec<(&str, EntryId)> =
                flags.find_in(text).iter().map(|f| (&text[f.start..f.end], f.country)).collect();
            let want: Vec<(&str, EntryId)> = want.iter().map(|&(t, e)| (t, id(e))).collect();
            assert_eq!(got, want, "{text}");
        }
        assert!(Flags::default().find_in("🇦🇿").is_empty());
    }
}

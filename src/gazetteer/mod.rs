//! Gazetteers: entries, the loaders that read them from files, and the
//! bundled gazetteer.

pub(crate) mod entry;
mod geonames;
mod jsonl;
mod load;
mod place;
mod tsv;

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::error::{BuildError, BuildErrorKind};
use entry::{Entry, EntryId};

pub use geonames::GeoNamesFiles;
pub use load::{Loaded, Loader};

/// A set of entries, each with a unique id.
///
/// Fill one from files with a [`Loader`], from code with [`Entry::builder`],
/// or start from [`Gazetteer::bundled`]; then compile it into an
/// [`crate::Extractor`].
///
/// # Example
///
/// ```
/// use gazet::{Entry, Gazetteer, Label};
///
/// let mut gaz = Gazetteer::new();
/// let id = gaz.push(Entry::builder("loc:baku", "Baku", Label::Place).build()?)?;
/// assert_eq!(gaz.entry(id).map(|e| e.name()), Some("Baku"));
/// assert_eq!(gaz.find("loc:baku"), Some(id));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Entry indexes, hashed by entry id (no copy of the ids).
    by_key: HashTable<EntryId>,
    /// One bit per entry, set for those whose names a text's language may
    /// refuse ([`Entry::read_in`]): the others are not read to ask.
    tagged: Vec<u64>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer").field("entries", &self.entries.len()).finish()
    }
}

fn hash_id(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// Enters `id` in the id table as the entry at index `at`; the entries the
/// table holds already are those of `entries` before `at`. `Err` when the id
/// is there already, or `at` is past the last index an entry can have.
fn enter_id(by_key: &mut HashTable<EntryId>, entries: &[Entry], id: &str, at: usize) -> Result<EntryId, BuildError> {
    let h = hash_id(id);
    if by_key.find(h, |&i| entries[i.as_usize()].id() == id).is_some() {
        return Err(BuildError::new(BuildErrorKind::DuplicateId(id.to_string())));
    }
    let at = u32::try_from(at)
        .ok()
        .filter(|&n| n < u32::MAX)
        .map(EntryId)
        .ok_or_else(|| BuildError::new(BuildErrorKind::TooLarge("entries")))?;
    by_key.insert_unique(h, at, |&i| hash_id(entries[i.as_usize()].id()));
    Ok(at)
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The world gazetteer that ships inside the crate: countries,
    /// first- and second-level divisions, GeoNames populated places (cities500),
    /// regions, nationalities, organisations and people (see
    /// `gazetteers/README.md` for sources, licences and counts).
    ///
    /// # Example
    ///
    /// ```
    /// let gaz = gazet::Gazetteer::bundled();
    /// assert!(gaz.len() > 300_000);
    /// let baku = gaz.find("gn:587084").and_then(|id| gaz.entry(id)).unwrap();
    /// assert_eq!(baku.name(), "Baku");
    /// ```
    #[cfg(feature = "embed-default")]
    pub fn bundled() -> Gazetteer {
        static DATA: &[u8] = include_bytes!("../../gazetteers/world.tsv.gz");
        let loaded = Loader::new()
            .tsv_reader(flate2::read::GzDecoder::new(DATA), Some(std::path::Path::new("gazetteers/world.tsv.gz")))
            .expect("the bundled gazetteer is valid: tests/bundled.rs checks it");
        Gazetteer::from_entries(loaded.into_entries()).expect("the bundled gazetteer has unique ids")
    }

    /// A gazetteer of these entries, in this order (no copy of the entries).
    ///
    /// # Errors
    /// When two entries share an id, or there are `u32::MAX` entries or more.
    ///
    /// # Example
    ///
    /// ```
    /// let loaded = gazet::Loader::new().tsv_reader("id\tname\tlabel\nx\tBaku\tLOC\n".as_bytes(), None)?;
    /// let gaz = gazet::Gazetteer::from_entries(loaded.into_entries())?;
    /// assert_eq!(gaz.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_entries(entries: Vec<Entry>) -> Result<Gazetteer, BuildError> {
        // The entries stay where they are (no second vector of them at
        // once); only the id table is built.
        if entries.len() >= u32::MAX as usize {
            return Err(BuildError::new(BuildErrorKind::TooLarge("entries")));
        }
        let mut by_key = HashTable::with_capacity(entries.len());
        let mut tagged = vec![0; entries.len().div_ceil(64)];
        for (i, e) in entries.iter().enumerate() {
            enter_id(&mut by_key, &entries, e.id(), i)?;
            tagged[i / 64] |= u64::from(e.language_tagged()) << (i % 64);
        }
        Ok(Gazetteer { entries, by_key, tagged })
    }

    /// Adds an entry and returns its index.
    ///
    /// # Errors
    /// When an entry with the same id is already there, or the gazetteer
    /// holds `u32::MAX` entries.
    pub fn push(&mut self, entry: Entry) -> Result<EntryId, BuildError> {
        let at = self.entries.len();
        let id = enter_id(&mut self.by_key, &self.entries, entry.id(), at)?;
        if at % 64 == 0 {
            self.tagged.push(0);
        }
        self.tagged[at / 64] |= u64::from(entry.language_tagged()) << (at % 64);
        self.entries.push(entry);
        Ok(id)
    }

    /// Adds entries; stops at the first error.
    ///
    /// # Errors
    /// As [`Gazetteer::push`].
    pub fn extend<I: IntoIterator<Item = Entry>>(&mut self, entries: I) -> Result<(), BuildError> {
        let entries = entries.into_iter();
        self.entries.reserve(entries.size_hint().0);
        self.by_key.reserve(entries.size_hint().0, |&j| hash_id(self.entries[j.as_usize()].id()));
        for e in entries {
            self.push(e)?;
        }
        Ok(())
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry at an index.
    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.entries.get(id.as_usize())
    }

    /// Every entry, in order of number.
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether a text in `lang` reads name `name` of entry `id` as a
    /// candidate ([`Entry::read_in`]); the entry is read only when it is
    /// one whose names carry a language. True for an id past the end.
    pub(crate) fn read_in(&self, id: EntryId, name: u32, lang: crate::lang::Language) -> bool {
        let i = id.as_usize();
        let tagged = self.tagged.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 != 0);
        !tagged || self.entries.get(i).is_none_or(|e| e.read_in(name as usize, lang))
    }

    /// The index of the entry with this id.
    pub fn find(&self, id: &str) -> Option<EntryId> {
        self.by_key.find(hash_id(id), |&i| self.entries[i.as_usize()].id() == id).copied()
    }

    /// Every entry with its index, in insertion order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (EntryId, &Entry)> + '_ {
        self.entries.iter().enumerate().map(|(i, e)| (EntryId(i as u32), e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;
    use crate::lang::Language;

    /// The gazetteer's answer is the entry's own, for entries on both sides
    /// of each 64-entry word of its bit table, whether the gazetteer was
    /// built at once or pushed to one entry at a time.
    #[test]
    fn read_in_answers_as_the_entry_does() {
        let tagged_at = [0, 63, 64, 127, 128];
        let entries = || {
            (0..130).map(|i| {
                let id = format!("dem:{i}");
                let b = if tagged_at.contains(&i) {
                    Entry::builder(&id, "Georgian", Label::Nationality).alias_in("Gürcü", "az").alias_in("Iraklı", "tr")
                } else if i % 2 == 0 {
                    Entry::builder(&id, "Georgian", Label::Nationality).alias("Kartveli")
                } else {
                    Entry::builder(&id, "Tbilisi", Label::Place).alias_in("Tiflis", "tr")
                };
                b.build().expect("valid entry")
            })
        };
        let at_once = Gazetteer::from_entries(entries().collect()).expect("unique ids");
        let mut pushed = Gazetteer::new();
        for e in entries() {
            pushed.push(e).expect("unique id");
        }
        let mut refused = 0;
        for gaz in [&at_once, &pushed] {
            for (id, e) in gaz.iter() {
                for name in 0..e.names().len() as u32 {
                    for lang in [Language::English, Language::Turkish, Language::Azerbaijani] {
                        let want = e.read_in(name as usize, lang);
                        assert_eq!(gaz.read_in(id, name, lang), want, "{} name {name} in {lang:?}", e.id());
                        refused += usize::from(!want);
                    }
                }
            }
            assert!(gaz.read_in(EntryId(999), 0, Language::English));
        }
        // Each tagged entry refuses its two tagged names in English text;
        // Turkish and Azerbaijani text read each other's.
        assert_eq!(refused, 2 * tagged_at.len() * 2);
    }
}

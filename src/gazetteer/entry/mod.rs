//! Gazetteer entries: what one person, place or organisation is called and
//! what we know about it.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

use crate::error::{LoadError, LoadErrorKind};
use crate::label::Label;

mod repr;

pub(crate) use repr::EntryRepr;

pub(crate) use super::place::PlaceKind;
pub use super::place::{Coord, CountryCode, FeatureClass, FeatureCode, GeoNameId, Place};

/// The longest name, in bytes, that an entry may have.
pub const MAX_NAME_BYTES: usize = 1024;

/// The index of an entry in its [`crate::Gazetteer`], dense from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub(crate) u32);

impl EntryId {
    /// The index as a `usize`.
    pub fn as_usize(self) -> usize {
        self.0 as usize
    }
}

/// Flags on one name of an entry.
///
/// ```
/// use gazet::NameFlags;
///
/// let acronym = NameFlags::new().with_case_sensitive(true);
/// assert!(acronym.case_sensitive && !acronym.common_word);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct NameFlags {
    /// The name matches only where the text writes it with the same case
    /// (acronyms such as `AA`, `OTS`, `UN`).
    pub case_sensitive: bool,
    /// The name is also an ordinary word (`Nice`, `Reading`); later stages
    /// ask for more evidence before they keep it.
    pub common_word: bool,
}

impl NameFlags {
    /// No flag set.
    pub const fn new() -> NameFlags {
        NameFlags { case_sensitive: false, common_word: false }
    }

    /// Sets [`NameFlags::case_sensitive`].
    pub const fn with_case_sensitive(mut self, yes: bool) -> NameFlags {
        self.case_sensitive = yes;
        self
    }

    /// Sets [`NameFlags::common_word`].
    pub const fn with_common_word(mut self, yes: bool) -> NameFlags {
        self.common_word = yes;
        self
    }
}

/// One name of an entry: the canonical name or an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name<'a> {
    text: &'a str,
    flags: NameFlags,
    language: Option<&'a str>,
}

impl<'a> Name<'a> {
    /// The name as written in the gazetteer.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The name's flags.
    pub fn flags(&self) -> NameFlags {
        self.flags
    }

    /// The language the name is in, when its source says so: a language
    /// code as the source writes it (`ru`, `hy`, `pt`), as given to
    /// [`EntryBuilder::alias_in`] or after an `@` in a TSV alias
    /// (`Москва@ru`).
    ///
    /// ```
    /// use gazet::{Entry, Label};
    ///
    /// let e = Entry::builder("loc:moscow", "Moscow", Label::Place).alias_in("Москва", "ru").build()?;
    /// let langs: Vec<(&str, Option<&str>)> = e.names().map(|n| (n.as_str(), n.language())).collect();
    /// assert_eq!(langs, [("Moscow", None), ("Москва", Some("ru"))]);
    /// # Ok::<(), gazet::LoadError>(())
    /// ```
    pub fn language(&self) -> Option<&'a str> {
        self.language
    }
}

/// The names of an entry, canonical name first; see [`Entry::names`].
#[derive(Clone, Debug)]
pub struct Names<'a> {
    entry: &'a Entry,
    next: usize,
    end: usize,
}

impl<'a> Names<'a> {
    /// The name at an index (0 is the canonical name), whatever the
    /// iterator has consumed.
    pub fn get(&self, i: usize) -> Option<Name<'a>> {
        self.entry.name_at(i)
    }
}

impl<'a> Iterator for Names<'a> {
    type Item = Name<'a>;

    fn next(&mut self) -> Option<Name<'a>> {
        if self.next >= self.end {
            return None;
        }
        self.next += 1;
        self.entry.name_at(self.next - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Names<'_> {}

/// A name while an entry is being built.
#[derive(Clone, Debug)]
pub(crate) struct NewName {
    pub(crate) text: Box<str>,
    pub(crate) flags: NameFlags,
}

const CASE_SENSITIVE_BIT: u32 = 1 << 31;
const COMMON_WORD_BIT: u32 = 1 << 30;
const OFFSET_MASK: u32 = (1 << 30) - 1;

/// One person, place, organisation or group, with all its names.
///
/// Build one with [`Entry::builder`]; gazetteer loaders build them from
/// files.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The id, then every name (canonical first), end to end: one
    /// allocation for all the strings of an entry.
    text: Box<str>,
    /// The end of the id in `text`, then the end of each name with its
    /// flags in the two high bits.
    ends: Ends,
    place: Option<Box<Place>>,
    /// A user label and free attributes, which few entries have.
    rare: Option<Box<Rare>>,
    /// The label when it is a built-in one (index into `BUILT_IN`).
    label: u8,
    any_case: bool,
    /// What the rules ask of the place most often, kept beside the label
    /// so that they need not read the place ([`Brief`]).
    brief: Brief,
}

/// A place's type rank ([`Place::type_rank`]) and its [`Size`], in one
/// byte of the entry: the rules ask both of every match, several times,
/// and the place itself lies elsewhere in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Brief(u8);

impl Brief {
    /// The rank bits of an entry with no place.
    const NO_PLACE: u8 = 7;
    /// Where the size's bits start.
    const SIZE: u8 = 3;

    fn of(place: Option<&Place>) -> Brief {
        match place {
            None => Brief(Brief::NO_PLACE),
            Some(p) => Brief(p.type_rank() | (Size::of(p.population.unwrap_or(0)) as u8) << Brief::SIZE),
        }
    }
}

/// How many people live in a place, in the classes the rules ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Size {
    /// Fewer than 1,000, or not known.
    Hamlet,
    /// 1,000 or more.
    Thousands,
    /// 50,000 or more.
    Town,
    /// 100,000 or more.
    City,
}

impl Size {
    fn of(population: u64) -> Size {
        match population {
            100_000.. => Size::City,
            50_000.. => Size::Town,
            1_000.. => Size::Thousands,
            _ => Size::Hamlet,
        }
    }
}

/// The built-in labels, by the number an entry keeps.
static BUILT_IN: [Label; 4] = [Label::Person, Label::Place, Label::Organization, Label::Nationality];

/// A built-in label's index in `BUILT_IN`; None for a user's label.
const fn built_in_number(label: &Label) -> Option<u8> {
    match label {
        Label::Person => Some(0),
        Label::Place => Some(1),
        Label::Organization => Some(2),
        Label::Nationality => Some(3),
        _ => None,
    }
}
/// The number of an entry whose label is a user label.
const CUSTOM: u8 = u8::MAX;

/// What few entries have, out of line, so that an entry is 64 bytes.
#[derive(Clone, Debug, PartialEq)]
struct Rare {
    /// Only a user label (built-in ones are numbers in the entry).
    label: Option<Label>,
    attrs: Box<[(Box<str>, Box<str>)]>,
    /// The languages of the names whose source gives one: (name index,
    /// language code), by index.
    name_langs: Box<[(u32, Box<str>)]>,
}

/// An entry's end offsets: inline for an entry of one name (the commonest,
/// and a heap block saved), on the heap for more.
#[derive(Clone, Debug, PartialEq)]
enum Ends {
    One([u32; 2]),
    Many(Box<[u32]>),
}

impl Ends {
    fn new(ends: Vec<u32>) -> Ends {
        match ends[..] {
            [id, name] => Ends::One([id, name]),
            _ => Ends::Many(ends.into_boxed_slice()),
        }
    }
}

impl std::ops::Deref for Ends {
    type Target = [u32];

    fn deref(&self) -> &[u32] {
        match self {
            Ends::One(e) => e,
            Ends::Many(e) => e,
        }
    }
}

impl Entry {
    /// The label's number and the out-of-line parts an entry keeps for
    /// `label` and `attrs`.
    fn split(
        label: Label,
        attrs: Vec<(Box<str>, Box<str>)>,
        name_langs: Vec<(u32, Box<str>)>,
    ) -> (u8, Option<Box<Rare>>) {
        let number = built_in_number(&label).unwrap_or(CUSTOM);
        let label = (number == CUSTOM).then_some(label);
        let rare = (label.is_some() || !attrs.is_empty() || !name_langs.is_empty()).then(|| {
            Box::new(Rare { label, attrs: attrs.into_boxed_slice(), name_langs: name_langs.into_boxed_slice() })
        });
        (number, rare)
    }

    /// False for a nationality word in another language than a text in
    /// `lang` reads ([`crate::lang::reads_nationality_of`]): the name at
    /// index `i` of a `NORP` entry, tagged with its language.
    pub(crate) fn read_in(&self, i: usize, lang: crate::lang::Language) -> bool {
        !self.language_tagged()
            || self.name_language(i).is_none_or(|code| crate::lang::reads_nationality_of(lang, code))
    }

    /// True when [`Entry::read_in`] may refuse one of its names: a
    /// nationality with names tagged with a language.
    pub(crate) fn language_tagged(&self) -> bool {
        self.rare.as_ref().is_some_and(|r| !r.name_langs.is_empty()) && *self.label() == Label::Nationality
    }

    /// The language of the name at index `i`, when its source gave one.
    fn name_language(&self, i: usize) -> Option<&str> {
        let langs = &self.rare.as_ref()?.name_langs;
        let k = langs.binary_search_by_key(&(i as u32), |(n, _)| *n).ok()?;
        Some(&langs[k].1)
    }

    fn attr_list(&self) -> &[(Box<str>, Box<str>)] {
        self.rare.as_ref().map_or(&[], |r| &r.attrs)
    }
}

impl Entry {
    /// Starts an entry with its id (unique in a gazetteer, such as
    /// `gn:587084` or `Q9248`), canonical name and label.
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Entry, Label, NameFlags};
    ///
    /// let acronym = NameFlags::new().with_case_sensitive(true);
    /// let entry = Entry::builder("org:aa", "Anadolu Agency", Label::Organization)
    ///     .alias_with("AA", acronym)
    ///     .attr("kind", "news agency")
    ///     .build()?;
    /// assert_eq!(entry.name(), "Anadolu Agency");
    /// assert_eq!(entry.aliases().next().map(|n| n.as_str()), Some("AA"));
    /// assert!(entry.names().get(1).unwrap().flags().case_sensitive);
    /// # Ok::<(), gazet::LoadError>(())
    /// ```
    pub fn builder(id: &str, name: &str, label: Label) -> EntryBuilder {
        EntryBuilder {
            key: id.into(),
            label,
            names: vec![NewName { text: name.into(), flags: NameFlags::default() }],
            any_case: false,
            place: None,
            attrs: Vec::new(),
            langs: Vec::new(),
        }
    }

    /// The entry's id as given by its source (`gn:587084`).
    pub fn id(&self) -> &str {
        &self.text[..(self.ends[0] & OFFSET_MASK) as usize]
    }

    /// The canonical name.
    pub fn name(&self) -> &str {
        self.name_at(0).map_or("", |n| n.text)
    }

    /// True when the entry has a name at index `i`.
    pub(crate) fn has_name(&self, i: usize) -> bool {
        i + 1 < self.ends.len()
    }

    /// The name at index `i`, or an empty name when there is none (see
    /// [`Entry::has_name`]).
    pub(crate) fn name_or_empty(&self, i: usize) -> Name<'_> {
        self.name_at(i).unwrap_or(Name { text: "", flags: NameFlags::default(), language: None })
    }

    /// The name at an index: 0 is the canonical name, then the aliases.
    pub fn name_at(&self, i: usize) -> Option<Name<'_>> {
        let start = (*self.ends.get(i)? & OFFSET_MASK) as usize;
        let end = *self.ends.get(i + 1)?;
        Some(Name {
            text: self.text.get(start..(end & OFFSET_MASK) as usize)?,
            flags: self.name_flags_at(i)?,
            language: self.name_language(i),
        })
    }

    /// The place's type rank ([`Place::type_rank`]), read without the
    /// place; `None` for an entry with no place.
    pub(crate) fn type_rank(&self) -> Option<u8> {
        let rank = self.brief.0 & Brief::NO_PLACE;
        (rank != Brief::NO_PLACE).then_some(rank)
    }

    /// True when the place has 100,000 people or more, read without the
    /// place.
    pub(crate) fn is_populous(&self) -> bool {
        self.size() == Size::City
    }

    /// How many people live in the place, read without the place
    /// ([`Size::Hamlet`] for an entry with no place).
    pub(crate) fn size(&self) -> Size {
        match self.brief.0 >> Brief::SIZE {
            3 => Size::City,
            2 => Size::Town,
            1 => Size::Thousands,
            _ => Size::Hamlet,
        }
    }

    /// A country, a first-level division, or a place of 100,000 people or
    /// more: a place the rules and lowercase matching trust on its name.
    pub(crate) fn is_big_place(&self) -> bool {
        self.is(&Label::Place) && (self.type_rank().is_some_and(|r| r <= 1) || self.is_populous())
    }

    /// The flags of the name at an index, read without its text (they sit
    /// in the high bits of the name's end offset).
    pub(crate) fn name_flags_at(&self, i: usize) -> Option<NameFlags> {
        self.ends.get(i)?;
        let end = *self.ends.get(i + 1)?;
        Some(NameFlags { case_sensitive: end & CASE_SENSITIVE_BIT != 0, common_word: end & COMMON_WORD_BIT != 0 })
    }

    /// What `self.label() == label` says, read from the entry's label
    /// number alone when `label` is built in (the rules ask it of every
    /// match, many times).
    #[inline]
    pub(crate) fn is(&self, label: &Label) -> bool {
        // (A user's label never equals a built-in one, and an entry of a
        // user's label has the number `CUSTOM`, which no built-in has.)
        match built_in_number(label) {
            Some(n) => self.label == n,
            None => self.label() == label,
        }
    }

    /// The label.
    pub fn label(&self) -> &Label {
        match BUILT_IN.get(self.label as usize) {
            Some(l) => l,
            // `Entry::split` keeps a user label out of line whenever the
            // number is `CUSTOM`: the fallback is never taken.
            None => self.rare.as_ref().and_then(|r| r.label.as_ref()).unwrap_or(&BUILT_IN[1]),
        }
    }

    /// All names: the canonical name first, then the aliases.
    pub fn names(&self) -> Names<'_> {
        Names { entry: self, next: 0, end: self.ends.len() - 1 }
    }

    /// The aliases (every name but the canonical one).
    pub fn aliases(&self) -> Names<'_> {
        Names { entry: self, next: 1, end: self.ends.len() - 1 }
    }

    /// True when the entry's names match in any case (lowercase text
    /// included), not only where the text writes them as proper names.
    pub fn any_case(&self) -> bool {
        self.any_case
    }

    /// The place attributes, for places.
    pub fn place(&self) -> Option<&Place> {
        self.place.as_deref()
    }

    /// The coordinates, when the entry has them.
    pub fn coord(&self) -> Option<Coord> {
        self.place.as_ref().and_then(|p| p.coord)
    }

    /// The country code, when the entry has one.
    pub fn country(&self) -> Option<CountryCode> {
        self.place.as_ref().and_then(|p| p.country)
    }

    /// Free key/value attributes, in the order given.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.attr_list().iter().map(|(k, v)| (&**k, &**v))
    }

    /// The value of one free attribute.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attr_list().iter().find(|(k, _)| &**k == key).map(|(_, v)| &**v)
    }
}

/// Builds an [`Entry`]; see [`Entry::builder`].
#[derive(Clone, Debug)]
pub struct EntryBuilder {
    key: Box<str>,
    label: Label,
    names: Vec<NewName>,
    any_case: bool,
    place: Option<Box<Place>>,
    attrs: Vec<(Box<str>, Box<str>)>,
    /// (alias, language) of the aliases given a language.
    langs: Vec<(Box<str>, Box<str>)>,
}

impl EntryBuilder {
    /// Sets the flags of the canonical name.
    pub fn name_flags(mut self, flags: NameFlags) -> Self {
        self.names[0].flags = flags;
        self
    }

    /// Adds an alias with default flags.
    pub fn alias(self, alias: &str) -> Self {
        self.alias_with(alias, NameFlags::default())
    }

    /// Adds an alias with flags.
    pub fn alias_with(mut self, alias: &str, flags: NameFlags) -> Self {
        self.names.push(NewName { text: alias.into(), flags });
        self
    }

    /// Adds an alias in a language (a code as the source writes it: `ru`,
    /// `hy`), which [`Name::language`] gives back.
    pub fn alias_in(mut self, alias: &str, language: &str) -> Self {
        self.langs.push((alias.into(), language.into()));
        self.names.push(NewName { text: alias.into(), flags: NameFlags::default() });
        self
    }

    /// Records the language of a name given before, the canonical name or
    /// an alias (as [`EntryBuilder::alias_in`] does for a new alias).
    ///
    /// ```
    /// use gazet::{Entry, Label};
    ///
    /// let e = Entry::builder("dem:am:ru", "армянский", Label::Nationality)
    ///     .name_language("армянский", "ru")
    ///     .alias("армяне")
    ///     .build()?;
    /// let langs: Vec<Option<&str>> = e.names().map(|n| n.language()).collect();
    /// assert_eq!(langs, [Some("ru"), None]);
    /// # Ok::<(), gazet::LoadError>(())
    /// ```
    pub fn name_language(mut self, name: &str, language: &str) -> Self {
        self.langs.push((name.into(), language.into()));
        self
    }

    /// Lets the entry's names match in any case, lowercase included.
    pub fn any_case(mut self, yes: bool) -> Self {
        self.any_case = yes;
        self
    }

    /// Sets the place attributes.
    pub fn place(mut self, place: Place) -> Self {
        self.place = Some(Box::new(place));
        self
    }

    /// Adds a free key/value attribute.
    pub fn attr(mut self, key: &str, value: &str) -> Self {
        self.attrs.push((key.into(), value.into()));
        self
    }

    /// Checks the entry and builds it. A name given twice is kept once,
    /// with the flags of both.
    ///
    /// # Errors
    /// When the id is empty, a name is empty, longer than
    /// [`MAX_NAME_BYTES`] or has no letter or digit, or a coordinate is out
    /// of range.
    pub fn build(self) -> Result<Entry, LoadError> {
        let names: Vec<(&str, NameFlags)> = self.names.iter().map(|n| (&*n.text, n.flags)).collect();
        let langs: Vec<(&str, &str)> = self.langs.iter().map(|(n, l)| (&**n, &**l)).collect();
        Entry::assemble(&self.key, &names, &langs, self.label, self.any_case, self.place, self.attrs)
    }
}

impl Entry {
    /// Checks an entry's parts and assembles it: what
    /// [`EntryBuilder::build`] does, for loaders that have the names as
    /// slices of a line (no copy of each name first). A name given twice
    /// is kept once, with the flags of both.
    pub(crate) fn assemble(
        id: &str,
        given: &[(&str, NameFlags)],
        langs: &[(&str, &str)],
        label: Label,
        any_case: bool,
        place: Option<Box<Place>>,
        attrs: Vec<(Box<str>, Box<str>)>,
    ) -> Result<Entry, LoadError> {
        if id.trim().is_empty() {
            return Err(LoadError::new(LoadErrorKind::EmptyField("id")));
        }
        // A few names are compared pairwise; past that, names seen so far
        // are hashed by text (an entry may have a great many aliases: a
        // GeoNames row has no limit).
        const PAIRWISE: usize = 8;
        let many = given.len() > PAIRWISE;
        let hash = |text: &str| FxBuildHasher.hash_one(text);
        let mut seen: HashTable<usize> = if many { HashTable::with_capacity(given.len()) } else { HashTable::new() };
        let mut names: Vec<(&str, NameFlags)> = Vec::with_capacity(given.len());
        for &(text, flags) in given {
            check_name(text)?;
            let found = if many {
                let h = hash(text);
                let found = seen.find(h, |&i| names[i].0 == text).copied();
                if found.is_none() {
                    seen.insert_unique(h, names.len(), |&i| hash(names[i].0));
                }
                found
            } else {
                names.iter().position(|n| n.0 == text)
            };
            match found {
                Some(i) => {
                    names[i].1.case_sensitive |= flags.case_sensitive;
                    names[i].1.common_word |= flags.common_word;
                }
                None => names.push((text, flags)),
            }
        }
        if let Some(Coord { lat, lon }) = place.as_ref().and_then(|p| p.coord) {
            Coord::new(lat, lon)?;
        }
        let total = id.len() + names.iter().map(|n| n.0.len()).sum::<usize>();
        if total > OFFSET_MASK as usize {
            return Err(LoadError::new(LoadErrorKind::NameTooLong(total)));
        }
        let mut text = String::with_capacity(total);
        text.push_str(id);
        let id_end = text.len() as u32;
        let mut name_end = |&(name, flags): &(&str, NameFlags)| {
            text.push_str(name);
            let mut end = text.len() as u32;
            if flags.case_sensitive {
                end |= CASE_SENSITIVE_BIT;
            }
            if flags.common_word {
                end |= COMMON_WORD_BIT;
            }
            end
        };
        let ends = match &names[..] {
            [one] => Ends::One([id_end, name_end(one)]),
            _ => Ends::Many(std::iter::once(id_end).chain(names.iter().map(name_end)).collect()),
        };
        // (name index, language) of the names given one, by index; the
        // first language given to a name.
        let mut name_langs: Vec<(u32, Box<str>)> = Vec::new();
        for &(name, lang) in langs {
            if let Some(i) = names.iter().position(|n| n.0 == name) {
                if !lang.is_empty() && !name_langs.iter().any(|(k, _)| *k == i as u32) {
                    name_langs.push((i as u32, lang.into()));
                }
            }
        }
        name_langs.sort_by_key(|(i, _)| *i);
        let (label, rare) = Entry::split(label, attrs, name_langs);
        Ok(Entry {
            text: text.into_boxed_str(),
            ends,
            brief: Brief::of(place.as_deref()),
            place,
            rare,
            label,
            any_case,
        })
    }
}

pub(crate) fn check_name(name: &str) -> Result<(), LoadError> {
    if name.len() > MAX_NAME_BYTES {
        return Err(LoadError::new(LoadErrorKind::NameTooLong(name.len())));
    }
    if !crate::normalize::has_word_char(name) {
        return Err(LoadError::new(LoadErrorKind::EmptyName));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_entries_are_rejected() {
        let long = "x".repeat(MAX_NAME_BYTES + 1);
        let table: &[(&str, &str, &str)] = &[
            ("", "Baku", "field 'id' is empty"),
            ("id", "", "name is empty or has no letter or digit"),
            ("id", "   ", "name is empty or has no letter or digit"),
            ("id", "--- ...", "name is empty or has no letter or digit"),
            ("id", &long, "name is 1025 bytes long, more than the limit of 1024"),
        ];
        for (id, name, want) in table {
            let err = Entry::builder(id, name, Label::Place).build().expect_err(name);
            assert_eq!(err.to_string(), *want);
        }
    }

    #[test]
    fn the_label_test_agrees_with_the_label() {
        for (i, l) in BUILT_IN.iter().enumerate() {
            assert_eq!(built_in_number(l), Some(i as u8), "{l:?}");
        }
        let custom: Label = "PLACE_X".parse().expect("valid");
        let labels = [Label::Person, Label::Place, Label::Organization, Label::Nationality, custom];
        for label in &labels {
            let e = Entry::builder("x", "Name", label.clone()).build().expect("valid");
            for asked in &labels {
                assert_eq!(e.is(asked), e.label() == asked, "{label:?} asked {asked:?}");
                assert_eq!(e.is(asked), label == asked, "{label:?} asked {asked:?}");
            }
        }
    }

    #[test]
    fn entries_stay_small_and_keep_what_they_were_given() {
        // Ten million entries are a GeoNames-sized gazetteer: every byte
        // here is 10 MB.
        assert!(std::mem::size_of::<Entry>() <= 64, "{} bytes", std::mem::size_of::<Entry>());
        let custom: Label = "WEAPON".parse().expect("valid label");
        let table = [
            (Label::Place, vec![], 1),
            (Label::Nationality, vec![("demonym", "yes")], 1),
            (custom.clone(), vec![], 3),
            (custom, vec![("kind", "rifle"), ("calibre", "7.62")], 2),
        ];
        for (label, attrs, names) in table {
            let mut b = Entry::builder("x", "Name 0", label.clone());
            for i in 1..names {
                b = b.alias(&format!("Name {i}"));
            }
            for (k, v) in &attrs {
                b = b.attr(k, v);
            }
            let e = b.build().expect("valid");
            assert_eq!(e.label(), &label);
            assert_eq!(e.attrs().collect::<Vec<_>>(), attrs);
            assert_eq!(e.names().len(), names);
            assert_eq!(e.name_at(names - 1).map(|n| n.as_str().to_string()), Some(format!("Name {}", names - 1)));
            assert_eq!(e.id(), "x");
            let back = Entry::from_repr(e.to_repr()).expect("valid");
            assert_eq!(back, e);
        }
    }

    #[test]
    fn duplicate_names_merge_flags() {
        let cs = NameFlags::new().with_case_sensitive(true);
        let e = Entry::builder("x", "OTS", Label::Organization)
            .alias("Organization of Turkic States")
            .alias_with("OTS", cs)
            .build()
            .expect("valid");
        assert_eq!(e.names().len(), 2);
        assert!(e.names().get(0).expect("name").flags().case_sensitive);
    }

    #[test]
    fn coordinates_are_checked() {
        for (lat, lon, ok) in [(40.4, 49.9, true), (90.5, 0.0, false), (0.0, -180.5, false), (f64::NAN, 0.0, false)] {
            assert_eq!(Coord::new(lat, lon).is_ok(), ok, "{lat},{lon}");
        }
        let p = Place { coord: Some(Coord { lat: 91.0, lon: 0.0 }), ..Place::default() };
        assert!(Entry::builder("x", "Nowhere", Label::Place).place(p).build().is_err());
    }

    /// The entry's byte of what the rules ask says the place's size at
    /// each of the rules' thresholds, and keeps its type rank.
    #[test]
    fn sizes_are_read_without_the_place() {
        use crate::gazetteer::place::FeatureCode;
        for (population, code, size) in [
            (None, "PPL", Size::Hamlet),
            (Some(999), "PPL", Size::Hamlet),
            (Some(1_000), "PPLA2", Size::Thousands),
            (Some(49_999), "PPL", Size::Thousands),
            (Some(50_000), "PPLC", Size::Town),
            (Some(99_999), "ADM1", Size::Town),
            (Some(100_000), "PPL", Size::City),
            (Some(12_000_000), "PCLI", Size::City),
        ] {
            let place = Place { population, feature_code: FeatureCode::new(code).ok(), ..Place::default() };
            let rank = place.type_rank();
            let e = Entry::builder("t:1", "Tskaltubo", Label::Place).place(place).build().expect("valid");
            assert_eq!(
                (e.size(), e.is_populous(), e.type_rank()),
                (size, size == Size::City, Some(rank)),
                "{population:?}"
            );
        }
        let person = Entry::builder("p:1", "Nino Tskaltubeli", Label::Person).build().expect("valid");
        assert_eq!((person.size(), person.type_rank()), (Size::Hamlet, None));
    }
}

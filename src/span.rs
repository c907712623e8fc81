//! What callers get back: spans of the original text with their label,
//! chosen entry and candidates.

use std::ops::Range;

use serde::ser::{SerializeMap, Serializer};

use crate::gazetteer::entry::{Coord, CountryCode, Entry, EntryId, Name};
use crate::label::Label;

/// One entry a span may refer to, with the name of it that matched.
#[derive(Clone, Copy, Debug)]
pub struct Candidate<'a> {
    pub(crate) id: EntryId,
    pub(crate) entry: &'a Entry,
    /// The matched name: the name itself is read only when asked for
    /// (most candidates of a span are never shown, and reading every one's
    /// name is a memory load each).
    pub(crate) name: NameRef,
}

/// A span's candidates: one is held in the span itself, more in a `Vec`.
/// A span of one entry, most of a text's, then costs no allocation:
/// freeing a text's many small lists, and the allocator gathering them up
/// again at its next large request, took a twelfth of the matcher's time.
/// (Not `smallvec`: its `Drop` would make every caller's spans outlive
/// their extractor's borrow where a `Vec`'s need not, and break code as
/// plain as `ex.extract(&text).iter().map(...).collect()` at the end of a
/// block. An enum of a `Copy` candidate and a `Vec` drops as the `Vec`
/// does.)
#[derive(Clone, Debug)]
pub(crate) enum Candidates<'a> {
    One(Candidate<'a>),
    Many(Vec<Candidate<'a>>),
}

impl Default for Candidates<'_> {
    fn default() -> Self {
        Candidates::Many(Vec::new())
    }
}

impl<'a> Candidates<'a> {
    /// Appends a candidate (the second one moves both to the heap).
    pub(crate) fn push(&mut self, c: Candidate<'a>) {
        match self {
            Candidates::Many(v) if v.is_empty() => *self = Candidates::One(c),
            Candidates::Many(v) => v.push(c),
            Candidates::One(first) => *self = Candidates::Many(vec![*first, c]),
        }
    }

    /// Keeps the candidates `keep` says to, in order.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Candidate<'a>) -> bool) {
        match self {
            Candidates::One(c) if !keep(c) => *self = Candidates::default(),
            Candidates::One(_) => {}
            Candidates::Many(v) => v.retain(|c| keep(c)),
        }
    }
}

impl<'a> std::ops::Deref for Candidates<'a> {
    type Target = [Candidate<'a>];

    #[inline]
    fn deref(&self) -> &[Candidate<'a>] {
        match self {
            Candidates::One(c) => std::slice::from_ref(c),
            Candidates::Many(v) => v,
        }
    }
}

impl<'a> std::ops::DerefMut for Candidates<'a> {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Candidate<'a>] {
        match self {
            Candidates::One(c) => std::slice::from_mut(c),
            Candidates::Many(v) => v,
        }
    }
}

impl<'a> Extend<Candidate<'a>> for Candidates<'a> {
    fn extend<I: IntoIterator<Item = Candidate<'a>>>(&mut self, iter: I) {
        for c in iter {
            self.push(c);
        }
    }
}

impl<'a> FromIterator<Candidate<'a>> for Candidates<'a> {
    fn from_iter<I: IntoIterator<Item = Candidate<'a>>>(iter: I) -> Self {
        let mut out = Candidates::default();
        out.extend(iter);
        out
    }
}

/// Which name of its entry a candidate matched: its index among the
/// entry's names, and two facts about the name that resolution asks of
/// every candidate, worked out when the index is built
/// ([`crate::geo::name_ref`]) so that resolution does not read the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NameRef(u32);

impl NameRef {
    /// Set when the name writes the entry's own name ([`NameRef::is_own`]).
    const OWN: u32 = 1 << 31;
    /// Set when the name has more than one word.
    const WORDS: u32 = 1 << 30;
    /// The largest index a reference holds.
    pub(crate) const MAX_INDEX: u32 = (1 << 30) - 1;

    /// The reference to name `index`; `None` past [`NameRef::MAX_INDEX`].
    pub(crate) fn new(index: u32, own: bool, several_words: bool) -> Option<NameRef> {
        (index <= Self::MAX_INDEX)
            .then_some(NameRef(index | if own { Self::OWN } else { 0 } | if several_words { Self::WORDS } else { 0 }))
    }

    /// The index of the name among its entry's names (0: its own name).
    pub(crate) fn index(self) -> u32 {
        self.0 & Self::MAX_INDEX
    }

    /// The name writes the entry's own name: it is the own name, or an
    /// alternate that is the same name but for case, accents and the
    /// usual abbreviations ("St." for "Saint"), not a former or foreign
    /// name. (Worked out by the index for the names that share their
    /// token sequence with another entry's name, the only ones resolution
    /// compares; another alternate name reads false.)
    pub(crate) fn is_own(self) -> bool {
        self.0 & Self::OWN != 0
    }

    /// The name has more than one word ("Clarke County").
    pub(crate) fn several_words(self) -> bool {
        self.0 & Self::WORDS != 0
    }

    /// The reference as a saved index holds it.
    pub(crate) fn bits(self) -> u32 {
        self.0
    }

    pub(crate) fn from_bits(bits: u32) -> NameRef {
        NameRef(bits)
    }
}

impl<'a> Candidate<'a> {
    /// The candidate of name `name` of `entry`, when the entry has that
    /// name.
    pub(crate) fn new(id: EntryId, entry: &'a Entry, name: NameRef) -> Option<Candidate<'a>> {
        entry.has_name(name.index() as usize).then_some(Candidate { id, entry, name })
    }

    /// The entry's index in the gazetteer.
    pub fn id(&self) -> EntryId {
        self.id
    }

    /// The entry.
    pub fn entry(&self) -> &'a Entry {
        self.entry
    }

    /// The name of the entry that matched (canonical name or alias).
    pub fn matched_name(&self) -> Name<'a> {
        self.entry.name_or_empty(self.name.index() as usize)
    }
}

/// An entity found in a text.
///
/// Offsets are UTF-8 byte offsets into the text given to the extractor,
/// always on character boundaries: `&text[span.range()] == span.as_str()`.
/// Use [`Span::char_range`] or [`CharIndex`] for character offsets.
///
/// A span from the gazetteer keeps every entry its text may name, in the
/// default order (countries, first-level divisions and capitals first, then
/// by population), and the first is the chosen one until a later stage
/// decides otherwise.
#[derive(Clone, Debug)]
pub struct Span<'a> {
    pub(crate) range: Range<usize>,
    pub(crate) text: &'a str,
    pub(crate) label: Label,
    pub(crate) candidates: Candidates<'a>,
    pub(crate) chosen: usize,
    pub(crate) reason: crate::rules::Reason,
    pub(crate) evidence: crate::geo::Evidence,
    /// Coordinates written in the text, for coordinate spans; for a
    /// feature with no entry, the point of the nearest town named
    /// ([`crate::Evidence::Town`]).
    pub(crate) point: Option<Coord>,
    /// How sure resolution is of the chosen entry, 0 to 1.
    pub(crate) confidence: f32,
    /// The text writes the name in another form ("Москве", "Ankara'da").
    pub(crate) inflected: bool,
}

impl<'a> Span<'a> {
    /// The byte offset where the span starts.
    pub fn start(&self) -> usize {
        self.range.start
    }

    /// The byte offset where the span ends (exclusive).
    pub fn end(&self) -> usize {
        self.range.end
    }

    /// The byte range in the original text.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// The matched text, exactly as in the original.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The label.
    pub fn label(&self) -> &Label {
        &self.label
    }

    /// The span's OntoNotes 5 entity type: `PERSON`, `ORG`, `NORP`; a place
    /// is `GPE` when its entry is a country, a division or a populated place,
    /// `FAC` when it is a street or building name found by a rule ("Ankara
    /// Avenue"), `LOC` otherwise (regions, water, landforms, coordinates).
    /// User labels stay as they are.
    ///
    /// ```
    /// use gazet::{Extractor, Gazetteer};
    ///
    /// let ex = Extractor::new(Gazetteer::bundled())?;
    /// let spans = ex.extract("From Baku to the Caspian Sea, then to Ankara Avenue.");
    /// let types: Vec<&str> = spans.iter().map(|s| s.ontonotes()).collect();
    /// assert_eq!(types, ["GPE", "LOC", "FAC"]);
    /// # Ok::<(), gazet::BuildError>(())
    /// ```
    pub fn ontonotes(&self) -> &str {
        use crate::gazetteer::entry::PlaceKind;
        match &self.label {
            Label::Person => "PERSON",
            Label::Organization => "ORG",
            Label::Nationality => "NORP",
            Label::Place => match self.entry().and_then(|e| e.place()) {
                Some(p)
                    if p.is_populated()
                        || matches!(
                            p.kind(),
                            PlaceKind::Country
                                | PlaceKind::Division
                                | PlaceKind::Capital
                                | PlaceKind::Seat
                                | PlaceKind::Minor
                        ) =>
                {
                    "GPE"
                }
                None if matches!(self.reason, crate::rules::Reason::PlaceHead | crate::rules::Reason::FeatureHead) => {
                    "FAC"
                }
                _ => "LOC",
            },
            Label::Custom(c) => c.as_str(),
        }
    }

    /// True when the text writes the matched name in another form: a case
    /// ending ("Москве" for Москва, "Bakıda" for Bakı), a suffix after an
    /// apostrophe ("Ankara'da") or a proclitic ("بلندن" for لندن), found by
    /// the inflection table of the text's language. The span covers the
    /// whole written word; [`Candidate::matched_name`] is the name.
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:yerevan", "Ереван", Label::Place).build()?)?;
    /// let ex = Extractor::new(gaz)?;
    /// let spans = ex.extract("Делегация прибыла в Ереван, а затем работала в Ереване.");
    /// let forms: Vec<(&str, bool)> = spans.iter().map(|s| (s.as_str(), s.inflected())).collect();
    /// assert_eq!(forms, [("Ереван", false), ("Ереване", true)]);
    /// assert_eq!(spans[1].chosen().unwrap().matched_name().as_str(), "Ереван");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn inflected(&self) -> bool {
        self.inflected
    }

    /// Why the span is reported: a gazetteer name, or the rule that found or
    /// kept it.
    pub fn reason(&self) -> crate::rules::Reason {
        self.reason
    }

    /// What decided the chosen entry of a place among its candidates
    /// ([`crate::Evidence::Prior`] when the default order did).
    pub fn evidence(&self) -> crate::geo::Evidence {
        self.evidence
    }

    /// How sure resolution is of the chosen entry among the candidates, from
    /// 0 to 1 (1 when there is one candidate): the winner's share of the
    /// candidates' exp(score). After resolution the candidates are ranked
    /// by score, best first.
    pub fn confidence(&self) -> f32 {
        self.confidence
    }

    /// The chosen candidate, if the span came from the gazetteer.
    pub fn chosen(&self) -> Option<&Candidate<'a>> {
        self.candidates.get(self.chosen)
    }

    /// The chosen entry.
    pub fn entry(&self) -> Option<&'a Entry> {
        self.chosen().map(|c| c.entry)
    }

    /// The chosen entry's index in the gazetteer.
    pub fn entry_id(&self) -> Option<EntryId> {
        self.chosen().map(|c| c.id)
    }

    /// Every entry the span may name, the chosen one among them.
    pub fn candidates(&self) -> &[Candidate<'a>] {
        &self.candidates
    }

    /// The span's coordinates: those written in the text for a coordinate
    /// span, otherwise the chosen entry's; a feature the gazetteer does not
    /// know (a street, a creek) has the point of the town named nearest to
    /// it in the text, an approximation ([`crate::Evidence::Town`]).
    pub fn coord(&self) -> Option<Coord> {
        self.point.or_else(|| self.entry().and_then(Entry::coord))
    }

    /// The chosen entry's country.
    pub fn country(&self) -> Option<CountryCode> {
        self.entry().and_then(Entry::country)
    }

    /// The span's range in characters (Unicode scalar values) of `text`,
    /// which must be the text the span was found in. Counting takes time
    /// linear in `text`; for many spans use [`CharIndex`].
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:lachin", "Lachin", Label::Place).build()?)?;
    /// let ex = Extractor::new(gaz)?;
    /// let text = "Kəlbəcər and Lachin";
    /// let spans = ex.extract(text);
    /// assert_eq!(spans[0].range(), 16..22);
    /// assert_eq!(spans[0].char_range(text), 13..19);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn char_range(&self, text: &str) -> Range<usize> {
        let start = text.get(..self.range.start).map_or(0, |s| s.chars().count());
        let len = self.text.chars().count();
        start..start + len
    }

    /// The span with its offsets moved `by` bytes on: its offsets in a
    /// longer text of which the text it was found in is the part that starts
    /// at byte `by` (a file read in windows, a page cut in paragraphs).
    /// Everything else stays as it is. `None` when an offset would not fit
    /// a `usize`.
    ///
    /// # Example
    ///
    /// ```
    /// use gazet::{Entry, Extractor, Gazetteer, Label};
    ///
    /// let mut gaz = Gazetteer::new();
    /// gaz.push(Entry::builder("loc:lachin", "Lachin", Label::Place).build()?)?;
    /// let ex = Extractor::new(gaz)?;
    /// let whole = "Shusha.\n\nOn to Lachin.";
    /// let part = &whole[9..];
    /// let span = ex.extract(part).remove(0).shifted(9).expect("fits");
    /// assert_eq!(span.range(), 15..21);
    /// assert_eq!(&whole[span.range()], "Lachin");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shifted(mut self, by: usize) -> Option<Span<'a>> {
        self.range = self.range.start.checked_add(by)?..self.range.end.checked_add(by)?;
        Some(self)
    }
}

impl serde::Serialize for Span<'_> {
    /// `{"start", "end", "text", "label", "id"?, "name"?, "lat"?, "lon"?,
    /// "country"?, "candidates"?}`: byte offsets, the chosen entry's id and
    /// canonical name, its coordinates and country when known, and the ids of
    /// all candidates when there is more than one.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("start", &self.range.start)?;
        m.serialize_entry("end", &self.range.end)?;
        m.serialize_entry("text", self.text)?;
        m.serialize_entry("label", &self.label)?;
        if let Some(e) = self.entry() {
            m.serialize_entry("id", e.id())?;
            m.serialize_entry("name", e.name())?;
        }
        if let Some(c) = self.coord() {
            m.serialize_entry("lat", &c.lat)?;
            m.serialize_entry("lon", &c.lon)?;
        }
        if let Some(c) = self.country() {
            m.serialize_entry("country", &c)?;
        }
        if self.candidates.len() > 1 {
            let ids: Vec<&str> = self.candidates.iter().map(|c| c.entry.id()).collect();
            m.serialize_entry("candidates", &ids)?;
        }
        if self.reason != crate::rules::Reason::Gazetteer {
            m.serialize_entry("reason", self.reason.as_str())?;
        }
        if self.inflected {
            m.serialize_entry("inflected", &true)?;
        }
        if self.evidence != crate::geo::Evidence::Prior {
            m.serialize_entry("evidence", self.evidence.as_str())?;
        }
        if self.candidates.len() > 1 {
            m.serialize_entry("confidence", &((f64::from(self.confidence) * 1000.0).round() / 1000.0))?;
        }
        m.end()
    }
}

/// Converts byte offsets of one text to character offsets, in time
/// logarithmic in the text's length.
///
/// # Example
///
/// ```
/// let text = "Şuşa, Kəlbəcər";
/// let index = gazet::CharIndex::new(text);
/// assert_eq!(index.char_offset(text.find("Kəlbəcər").unwrap()), Some(6));
/// assert_eq!(index.char_offset(1), None); // inside 'Ş'
/// ```
#[derive(Clone, Debug)]
pub struct CharIndex {
    /// Byte offset of every 64th character.
    marks: Vec<usize>,
    text_len: usize,
    boundaries: Vec<u8>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> CharIndex {
        let mut marks = Vec::with_capacity(text.len() / 64 + 1);
        let mut boundaries = vec![0u8; text.len() / 8 + 1];
        for (n, (b, _)) in text.char_indices().enumerate() {
            if n % 64 == 0 {
                marks.push(b);
            }
            boundaries[b / 8] |= 1 << (b % 8);
        }
        CharIndex { marks, text_len: text.len(), boundaries }
    }

    fn is_boundary(&self, b: usize) -> bool {
        b == self.text_len || (b < self.text_len && self.boundaries[b / 8] & (1 << (b % 8)) != 0)
    }

    /// The character offset of a byte offset, or `None` when the byte offset
    /// is not on a character boundary or past the end.
    pub fn char_offset(&self, byte: usize) -> Option<usize> {
        if !self.is_boundary(byte) {
            return None;
        }
        let block = self.marks.partition_point(|&m| m <= byte).saturating_sub(1);
        let mut chars = block * 64;
        let mut b = self.marks.get(block).copied().unwrap_or(0);
        while b < byte {
            b += 1;
            if self.is_boundary(b) {
                chars += 1;
            }
        }
        Some(chars)
    }

    /// A span's range in characters.
    pub fn char_range(&self, span: &Span<'_>) -> Range<usize> {
        let start = self.char_offset(span.start()).unwrap_or(0);
        let end = self.char_offset(span.end()).unwrap_or(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates read as the list pushed, whether one is held inline
    /// or several on the heap, through pushes, extends, retains and
    /// writes through the slice.
    #[test]
    fn candidates_read_as_the_list_pushed() {
        let entries: Vec<Entry> = ["Baku", "Ganja", "Shaki", "Quba"]
            .iter()
            .enumerate()
            .map(|(i, name)| Entry::builder(&format!("loc:{i}"), name, Label::Place).build().expect("entry"))
            .collect();
        let name = crate::geo::name_ref(&entries[0], 0, &mut crate::geo::Keys::default()).expect("name");
        let cand = |i: usize| Candidate { id: EntryId(i as u32), entry: &entries[i], name };
        let ids = |c: &Candidates<'_>| c.iter().map(|c| c.id.0).collect::<Vec<_>>();
        let table: &[(&[usize], &[usize], &[u32])] = &[
            // (pushed, kept by retain, left)
            (&[], &[], &[]),
            (&[0], &[0], &[0]),
            (&[0], &[], &[]),
            (&[0, 1], &[1], &[1]),
            (&[0, 1, 2, 3], &[0, 2, 3], &[0, 2, 3]),
        ];
        for &(pushed, kept, left) in table {
            let mut c = Candidates::default();
            for &i in pushed {
                c.push(cand(i));
            }
            assert_eq!(ids(&c), pushed.iter().map(|&i| i as u32).collect::<Vec<_>>(), "{pushed:?}");
            assert_eq!(matches!(c, Candidates::One(_)), pushed.len() == 1, "{pushed:?}");
            let collected: Candidates<'_> = pushed.iter().map(|&i| cand(i)).collect();
            assert_eq!(ids(&collected), ids(&c));
            c.retain(|x| kept.contains(&(x.id.0 as usize)));
            assert_eq!(ids(&c), left, "{pushed:?} keeping {kept:?}");
            // Written through the slice, as resolution ranks them.
            c.reverse();
            assert_eq!(ids(&c), left.iter().rev().copied().collect::<Vec<_>>());
        }
        let mut c = Candidates::One(cand(0));
        c.extend([cand(1), cand(2)]);
        assert_eq!(ids(&c), [0, 1, 2]);
    }
}

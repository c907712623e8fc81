//! What resolution reads of an entry that no text changes, read once per
//! gazetteer into one table rather than from the entries once a document.
//!
//! A document's candidates are read when it is resolved: the entry, its
//! place, the place's division code (each a separate allocation, and the
//! first read of each a cache miss), then a logarithm and a cosine. The
//! same facts are the same for every document, so they are kept here, 40
//! bytes an entry in one array indexed by entry number, and a document reads
//! one line of memory per candidate entry. Divisions are numbers here, so a
//! document counts them without hashing their codes.
//!
//! A gazetteer whose entries mostly have no place (people, organisations,
//! generated names) gets no table: its few places are read from their
//! entries, as any entry outside a table is, and it is spared 40 bytes an
//! entry (400 MB of a ten-million-name build).

use rustc_hash::FxHashMap;

use super::super::features::{Own, WEIGHTS};
use super::super::near::Located;
use super::{division, is_big_city, is_country, is_county, is_division, NONE};
use crate::gazetteer::entry::{CountryCode, Entry, EntryId};
use crate::gazetteer::Gazetteer;
use crate::label::Label;
use crate::Coord;

const COUNTRY: u8 = 1;
const DIVISION: u8 = 2;
const COUNTY: u8 = 4;
const BIG_CITY: u8 = 8;
const MENTION: u8 = 16;
const PLACE: u8 = 32;

/// One entry's facts.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fact {
    /// The part of its score no other span changes ([`Own::score`]).
    pub(super) base: f64,
    /// Its point and its latitude's cosine; a NaN latitude when it has none.
    at: Located,
    /// Its first-level division, numbered across the gazetteer (`NONE`:
    /// none).
    pub(super) division: u32,
    pub(super) country: Option<CountryCode>,
    flags: u8,
}

impl Fact {
    /// The facts of `e`; `division` is the number of its division.
    pub(super) fn of(e: &Entry, division: u32) -> Fact {
        let flag = |yes: bool, bit: u8| if yes { bit } else { 0 };
        let label = e.label();
        Fact {
            base: Own::of(e).score(&WEIGHTS),
            at: Located::new(e.coord().unwrap_or(Coord { lat: f64::NAN, lon: f64::NAN })),
            division,
            country: e.country(),
            flags: flag(is_country(e), COUNTRY)
                | flag(is_division(e), DIVISION)
                | flag(is_county(e), COUNTY)
                | flag(is_big_city(e), BIG_CITY)
                | flag(label == &Label::Place || label == &Label::Nationality, MENTION)
                | flag(label == &Label::Place, PLACE),
        }
    }

    pub(super) fn at(&self) -> Option<Located> {
        (!self.at.at.lat.is_nan()).then_some(self.at)
    }

    pub(super) fn is_country(&self) -> bool {
        self.flags & COUNTRY != 0
    }

    pub(super) fn is_division(&self) -> bool {
        self.flags & DIVISION != 0
    }

    pub(super) fn is_county(&self) -> bool {
        self.flags & COUNTY != 0
    }

    /// A populated place of at least a million people.
    pub(super) fn is_big_city(&self) -> bool {
        self.flags & BIG_CITY != 0
    }

    /// A place or a nationality: a mention for the evidence.
    pub(super) fn mention(&self) -> bool {
        self.flags & MENTION != 0
    }

    pub(super) fn place(&self) -> bool {
        self.flags & PLACE != 0
    }
}

/// The facts of every entry of one gazetteer.
#[derive(Default)]
pub(crate) struct Facts {
    facts: Vec<Fact>,
    /// The address of the gazetteer's first entry: a candidate's entry is
    /// this table's only when it lies at its number in that gazetteer.
    first: usize,
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Facts").field("entries", &self.facts.len()).finish()
    }
}

impl Facts {
    /// The facts of every entry of `gaz`; none when fewer than half its
    /// entries have a place.
    pub(crate) fn build(gaz: &Gazetteer) -> Facts {
        use rayon::prelude::*;
        let entries = gaz.entries();
        if entries.par_iter().filter(|e| e.place().is_some()).count() * 2 < entries.len() {
            return Facts::default();
        }
        // Each entry's facts on all cores, then the divisions numbered in
        // order of first appearance.
        let mut facts: Vec<Fact> = entries.par_iter().map(|e| Fact::of(e, NONE)).collect();
        let mut divisions: FxHashMap<(CountryCode, &str), u32> = FxHashMap::default();
        for (fact, e) in facts.iter_mut().zip(entries) {
            if let Some(d) = division(e) {
                let n = divisions.len() as u32;
                fact.division = *divisions.entry(d).or_insert(n);
            }
        }
        let first = entries.as_ptr() as usize;
        Facts { facts, first }
    }

    /// The facts of entry `id`, when `e` is that entry of this table's
    /// gazetteer (not an entry of the rules' cue words, nor of another
    /// gazetteer).
    #[inline]
    pub(super) fn get(&self, id: EntryId, e: &Entry) -> Option<&Fact> {
        let i = id.as_usize();
        self.facts.get(i).filter(|_| e as *const Entry as usize == self.first + i * std::mem::size_of::<Entry>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Extractor, Loader};

    /// Places of our own: two Georgias, towns in each, a big city named
    /// like its state, a county, a nationality and a person.
    const TSV: &str = "id\tname\tlabel\taliases\tlat\tlon\tcountry\tadmin1\tfeature_code\tpopulation\tadmin2\n\
        c:ge\tGeorgia\tLOC\t\t42.0\t43.5\tGE\t\tPCLI\t3700000\t\n\
        s:ga\tGeorgia\tLOC\t\t32.7\t-83.5\tUS\tGA\tADM1\t10700000\t\n\
        t:tbilisi\tTbilisi\tLOC\t\t41.69\t44.83\tGE\t01\tPPLC\t1100000\t\n\
        t:athens-ga\tAthens\tLOC\t\t33.96\t-83.38\tUS\tGA\tPPL\t24000\t059\n\
        t:athens-gr\tAthens\tLOC\t\t37.98\t23.73\tGR\tESYE31\tPPLC\t660000\t\n\
        k:clarke\tClarke County\tLOC\t\t33.95\t-83.37\tUS\tGA\tADM2\t\t059\n\
        s:ny\tNew York\tLOC\t\t43.0\t-75.0\tUS\tNY\tADM1\t19500000\t\n\
        t:nyc\tNew York\tLOC\t\t40.71\t-74.01\tUS\tNY\tPPL\t8800000\t\n\
        n:ge\tGeorgian\tNORP\t\t\t\tGE\t\t\t\t\n\
        p:levan\tLevan Gurieli\tPER\t\t\t\t\t\t\t\t\n\
        r:nowhere\tNowhere Ridge\tLOC\t\t\t\tUS\tGA\tRDGE\t\t\n";

    fn gazetteer() -> Gazetteer {
        let loaded = Loader::new().tsv_reader(TSV.as_bytes(), None).expect("valid");
        Gazetteer::from_entries(loaded.into_entries()).expect("unique ids")
    }

    /// A gazetteer of mostly people and organisations gets no table (its
    /// entries are read as any entry outside a table is); one of mostly
    /// places does.
    #[test]
    fn a_table_only_for_a_gazetteer_of_places() {
        let people = "id\tname\tlabel\taliases\tlat\tlon\tcountry\tadmin1\tfeature_code\tpopulation\tadmin2\n\
            p:1\tLevan Gurieli\tPER\t\t\t\t\t\t\t\t\n\
            p:2\tNino Ambardze\tPER\t\t\t\t\t\t\t\t\n\
            o:1\tKura Shipping\tORG\t\t\t\t\t\t\t\t\n\
            t:1\tTbilisi\tLOC\t\t41.69\t44.83\tGE\t01\tPPLC\t1100000\t\n";
        let loaded = Loader::new().tsv_reader(people.as_bytes(), None).expect("valid");
        let gaz = Gazetteer::from_entries(loaded.into_entries()).expect("unique ids");
        let facts = Facts::build(&gaz);
        assert!(gaz.iter().all(|(id, e)| facts.get(id, e).is_none()));
        let places = gazetteer();
        let facts = Facts::build(&places);
        assert!(places.iter().all(|(id, e)| facts.get(id, e).is_some()));
    }

    /// Each fact is what the entry itself says, and the divisions are
    /// numbered alike exactly when their codes are alike.
    #[test]
    fn facts_are_what_the_entries_say() {
        assert!(std::mem::size_of::<Fact>() <= 40);
        let gaz = gazetteer();
        let facts = Facts::build(&gaz);
        for (id, e) in gaz.iter() {
            let f = facts.get(id, e).expect("an entry of the table's gazetteer");
            let own = Fact::of(e, f.division);
            assert_eq!(f.base.to_bits(), own.base.to_bits(), "{}", e.id());
            assert_eq!(
                f.at().map(|a| (a.at, a.cos_lat)),
                e.coord().map(|c| (c, Located::new(c).cos_lat)),
                "{}",
                e.id()
            );
            assert_eq!(f.country, e.country(), "{}", e.id());
            assert_eq!(
                (f.is_country(), f.is_division(), f.is_county(), f.is_big_city(), f.mention(), f.place()),
                (is_country(e), is_division(e), is_county(e), is_big_city(e), own.mention(), own.place()),
                "{}",
                e.id()
            );
            for (other, o) in gaz.iter() {
                let g = facts.get(other, o).expect("in the table");
                let same = division(e).is_some() && division(e) == division(o);
                assert_eq!(same, f.division != NONE && f.division == g.division, "{} {}", e.id(), o.id());
            }
        }
        let flags = |id: &str| {
            let n = gaz.find(id).expect("present");
            let f = facts.get(n, gaz.entry(n).expect("present")).expect("in the table");
            (f.is_country(), f.is_division(), f.is_county(), f.is_big_city(), f.mention(), f.place())
        };
        assert_eq!(flags("c:ge"), (true, false, false, false, true, true));
        assert_eq!(flags("s:ga"), (false, true, false, false, true, true));
        assert_eq!(flags("k:clarke"), (false, false, true, false, true, true));
        assert_eq!(flags("t:nyc"), (false, false, false, true, true, true));
        assert_eq!(flags("n:ge"), (false, false, false, false, true, false));
        assert_eq!(flags("p:levan"), (false, false, false, false, false, false));
        // An entry of another gazetteer, even at a number the table has, is
        // not read from it.
        let other = gazetteer();
        let (id, e) = other.iter().next().expect("entries");
        assert!(facts.get(id, e).is_none());
    }

    /// A document resolves the same from the table as from the entries
    /// themselves (an empty table: every fact computed from its entry).
    #[test]
    fn the_table_resolves_as_the_entries_do() {
        let ex = Extractor::builder().resolve(false).build(std::sync::Arc::new(gazetteer())).expect("builds");
        let facts = Facts::build(ex.gazetteer());
        let texts = [
            "Georgian officials met in Tbilisi on Monday. Georgia sent a delegation.",
            "Storms reached Athens and Clarke County, Georgia, by the evening.",
            "Athens hosted the talks; New York sent observers to Athens too.",
            "Levan Gurieli flew from New York to Georgia and on to Nowhere Ridge.",
        ];
        let mut chosen = 0;
        for text in texts {
            let (mut with, mut without) = (ex.extract(text), ex.extract(text));
            super::super::resolve(text, &mut with, &facts);
            super::super::resolve(text, &mut without, &Facts::default());
            let read = |spans: &[crate::Span<'_>]| -> Vec<(String, Option<String>, String, u32)> {
                spans
                    .iter()
                    .map(|s| {
                        let id = s.entry().map(|e| e.id().to_string());
                        (s.as_str().to_string(), id, format!("{:?}", s.evidence()), s.confidence().to_bits())
                    })
                    .collect()
            };
            assert_eq!(read(&with), read(&without), "{text}");
            chosen += with.iter().filter(|s| s.evidence() != crate::Evidence::Prior).count();
        }
        // The documents' context decided some choices, so the facts were read.
        assert!(chosen >= 2, "{chosen}");
    }
}

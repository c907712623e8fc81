//! Toponym resolution: each place span chooses one of its candidates from
//! the evidence of the whole document. It reads spans only, never the text
//! again, and is deterministic.
//!
//! A candidate's score is the weighted sum of its features
//! ([`super::features`]): what it is (a country, an ocean or a sea, a
//! first-level division, a capital, a region, a seat of a division), log10
//! of its population, whether the text names it only by an alternate name
//! while another candidate's own name is written, and what the rest of the
//! document says:
//! - the share of the document's other place and nationality mentions that
//!   fall in its country, and whether the country itself is named;
//! - the share of the other mentions in its first-level division, and
//!   whether the division itself is named;
//! - whether the text writes it as `Name, Division` or `Name, Country` and
//!   it lies there ("Paris, Texas");
//! - whether another span can name the second-level division it lies in
//!   (for a division of that level, a place in it): "Athens" and "Clarke
//!   County" choose the Georgian pair;
//! - the share of the document's other places (up to 64 distinct ones)
//!   within 300 km of it: spatial coherence.
//!
//! The highest score wins; ties keep the default order. The span records
//! which evidence decided, when it was not the prior.

use rustc_hash::FxHashMap;

mod county;
mod facts;
mod own;

pub(crate) use own::{name_ref, Keys};

pub(crate) use facts::Facts;

use super::features::{Context, Feature, Features, Own, FEATURES};
use super::near::{is_near, Located, NEAR_BAND};
use crate::gazetteer::entry::{CountryCode, Entry, Place, PlaceKind};
use crate::label::Label;
use crate::span::Span;

/// What decided the choice of a place's entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Evidence {
    /// The default order: feature type, then population.
    Prior,
    /// Its country is named elsewhere in the document.
    Country,
    /// Its first-level division is named elsewhere in the document (or, for
    /// a division, a place in it is).
    Division,
    /// The text writes it as `Name, Division` or `Name, Country`.
    Container,
    /// It lies near the document's other places.
    Nearby,
    /// The document names its second-level division (a county), or, for
    /// such a division, a place in it.
    County,
    /// A feature the gazetteer does not know (a street, a creek): placed at
    /// the populated place named nearest to it in the text, an
    /// approximation with no entry.
    Town,
}

impl Evidence {
    /// A short name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Prior => "prior",
            Evidence::Country => "country",
            Evidence::Division => "division",
            Evidence::Container => "container",
            Evidence::Nearby => "nearby",
            Evidence::County => "county",
            Evidence::Town => "town",
        }
    }
}

fn division(e: &Entry) -> Option<(CountryCode, &str)> {
    let p = e.place()?;
    Some((p.country?, p.admin1.as_deref()?))
}

fn is_county(e: &Entry) -> bool {
    e.place().is_some_and(Place::is_second_level_division)
}

/// True when a candidate that is a second-level division is named by more
/// than its bare name ("Clarke County", not "Washington").
fn names_county(c: &crate::span::Candidate<'_>) -> bool {
    c.name.several_words()
}

fn is_division(e: &Entry) -> bool {
    e.place().is_some_and(|p| p.kind() == PlaceKind::Division)
}

/// A populated place of at least a million people.
fn is_big_city(e: &Entry) -> bool {
    e.place().is_some_and(|p| p.population.unwrap_or(0) >= 1_000_000 && p.is_populated())
}

fn is_country(e: &Entry) -> bool {
    e.place().is_some_and(|p| p.kind() == PlaceKind::Country)
}

/// Chooses the entry of every place span with more than one candidate.
///
/// The evidence of the document is read from every span's current choice,
/// so a choice can change the evidence for others ("Georgia" becomes the US
/// state once "Gainesville" is read in Georgia): rounds repeat until nothing
/// changes, at most [`ROUNDS`] times.
pub(crate) fn resolve(text: &str, spans: &mut [Span<'_>], facts: &Facts) {
    resolve_explained(text, spans, None, facts);
}

/// [`resolve`], and with `explain`, per span the features of its
/// candidates in their final order (none for a span with no choice).
pub(crate) fn resolve_explained(
    text: &str,
    spans: &mut [Span<'_>],
    explain: Option<&mut Vec<Vec<Features>>>,
    facts: &Facts,
) {
    thread_local! {
        // (A thread resolves one document at a time; a nested call, which
        // nothing makes, would take fresh buffers.)
        static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            resolve_with(text, spans, explain, facts, &mut scratch);
            scratch.trim();
        }
        Err(_) => resolve_with(text, spans, explain, facts, &mut Scratch::default()),
    });
}

fn resolve_with(
    text: &str,
    spans: &mut [Span<'_>],
    mut explain: Option<&mut Vec<Vec<Features>>>,
    facts: &Facts,
    scratch: &mut Scratch,
) {
    let doc = Doc::new(text, spans, explain.is_some(), facts, scratch);
    let mut round = std::mem::take(&mut scratch.round);
    round.explain = explain.is_some();
    // (Near counts are kept from round to round, never from the last
    // document.)
    round.near_cache.clear();
    round.last_points.clear();
    let mut settled = false;
    for _ in 0..ROUNDS {
        if !resolve_round(&doc, &mut round, spans, true) {
            settled = true;
            break;
        }
    }
    // A round that changed nothing read the evidence every span ends
    // with: its scores are the final ones. Otherwise one more round scores
    // the last choices without changing them.
    if !settled {
        resolve_round(&doc, &mut round, spans, false);
    }
    if let Some(out) = explain.as_deref_mut() {
        out.clear();
        out.resize(spans.len(), Vec::new());
    }
    rank(&doc, &round, spans, explain, (&mut scratch.order, &mut scratch.keys));
    scratch.round = round;
    doc.give_back(scratch);
    super::local::locate_features(spans);
}

/// The buffers of resolution, kept from one document to the next on each
/// thread (some thirty allocations a document otherwise). The ones that
/// borrow from a document's entries (its divisions) are made per document.
#[derive(Default)]
struct Scratch {
    round: Round,
    ranges: Vec<std::ops::Range<usize>>,
    cands: Vec<Cand>,
    open: Vec<bool>,
    container: Vec<bool>,
    countries: Vec<CountryCode>,
    country_numbers: FxHashMap<CountryCode, u32>,
    uids: FxHashMap<*const Entry, u32>,
    by_entry: Vec<Cand>,
    own: Vec<bool>,
    /// The ranking's order of a span's candidates, and their sort keys.
    order: Vec<usize>,
    keys: Vec<u128>,
    reach: super::reach::Reach,
    /// Per span, its name's group for the reach; per distinct entry, the
    /// group of the names it is the first candidate of.
    groups: Vec<u32>,
    group_of: Vec<u32>,
}

impl Scratch {
    /// Candidates the buffers may keep room for between documents: past
    /// this, one long document's buffers are let go.
    const KEEP: usize = 1 << 14;

    fn trim(&mut self) {
        if self.cands.capacity() > Self::KEEP || self.uids.capacity() > Self::KEEP {
            *self = Scratch::default();
        }
    }
}

/// `v` emptied, for a document to fill.
fn cleared<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    v
}

/// No country or division.
const NONE: u32 = u32::MAX;

/// A first-level division as a document counts it: by its number in the
/// gazetteer's table of facts, or by its codes for an entry of no such
/// table.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DivisionKey<'e> {
    Number(u32),
    Codes(CountryCode, &'e str),
}

/// The facts of a candidate's entry (computed when its gazetteer's table
/// does not hold it) and its division's key.
fn fact_of<'e>(facts: &Facts, c: &crate::span::Candidate<'e>) -> (facts::Fact, Option<DivisionKey<'e>>) {
    match facts.get(c.id, c.entry) {
        Some(f) => (*f, (f.division != NONE).then_some(DivisionKey::Number(f.division))),
        None => (facts::Fact::of(c.entry, NONE), division(c.entry).map(|(cc, a)| DivisionKey::Codes(cc, a))),
    }
}

/// Whether span `s` is a place with a choice to make, and the candidates
/// resolution reads of it: all of them for such a span, the chosen one
/// alone for the others.
fn read_candidates<'s, 'e>(s: &'s Span<'e>) -> (bool, &'s [crate::span::Candidate<'e>]) {
    let open = s.candidates.len() >= 2 && s.label() == &Label::Place;
    (open, if open { &s.candidates } else { s.candidates.get(s.chosen..=s.chosen).unwrap_or(&[]) })
}

/// Reads the fact of every candidate [`Doc::new`] will read, before it
/// does. The facts are a table as long as the gazetteer, so most reads miss
/// the caches; here they are independent of each other and the processor
/// overlaps their waits, where `Doc::new`, with a hash table insert between
/// two reads, waits for them one after the other. (Measured: the first read
/// was the line `Doc::new` spent most of its time on.)
#[inline(never)]
fn touch_facts(spans: &[Span<'_>], facts: &Facts) {
    let mut sum = 0.0;
    for s in spans {
        for c in read_candidates(s).1 {
            sum += facts.get(c.id, c.entry).map_or(0.0, |f| f.base);
        }
    }
    std::hint::black_box(sum);
}

/// What the rounds need of one candidate, read from its entry once per
/// document: the part of its score no other span changes, and its country
/// and division as small document-local numbers.
#[derive(Clone, Copy)]
struct Cand {
    /// The entry's number among the document's distinct candidate entries.
    uid: u32,
    /// The part of the score no other span changes: what the entry is,
    /// its population, how the text names it.
    base: f64,
    /// Its alternate-name feature (1 or 0) and its big-city lift, the
    /// features of this occurrence beyond the entry's own.
    alternate: bool,
    lift: f64,
    /// Its county feature: another span names the second-level division
    /// it lies in, or (for such a division) a place in it.
    county: bool,
    /// Its reach feature ([`super::reach`]).
    reach: f64,
    country: u32,
    division: u32,
    /// The entry's point with its latitude's cosine, for the distances
    /// every round measures from it.
    at: Option<Located>,
    is_country: bool,
    is_division: bool,
    /// A second-level division (`ADM2`).
    is_county: bool,
    /// A populated place of at least a million people.
    big_city: bool,
    /// A place or a nationality: counts as a mention for the evidence.
    mention: bool,
    place: bool,
}

/// The document as resolution reads it, fixed for all rounds.
struct Doc {
    /// Per span, its candidates' range in `cands`: all of them for a span
    /// to resolve, the chosen one alone for the others.
    ranges: Vec<std::ops::Range<usize>>,
    cands: Vec<Cand>,
    /// Per span: true when it is a place with a choice to make.
    open: Vec<bool>,
    /// Per span: the next span when the text between them is a comma
    /// ("Name, Container").
    container: Vec<bool>,
    countries: Vec<CountryCode>,
    /// How many first-level divisions the candidates lie in.
    divisions: usize,
    /// Distinct candidate entries (the range of `Cand::uid`).
    entries: usize,
    /// Some candidate is a second-level division named by more than its
    /// bare name ("Clarke County"): the county link has work to do.
    named_county: bool,
    /// Per distinct entry, when explaining: its own features (what it is,
    /// its population).
    own: Vec<Own>,
}

impl Doc {
    #[inline(never)]
    fn new<'e>(text: &str, spans: &[Span<'e>], explain: bool, facts: &Facts, scratch: &mut Scratch) -> Doc {
        let countries = &mut scratch.country_numbers;
        countries.clear();
        let w = &*super::features::WEIGHTS;
        let candidates: usize = spans.iter().map(|s| s.candidates.len()).sum();
        // (The divisions borrow from this document's entries, so their table
        // is made per document: sized once, for as many as a few hundred.)
        let divisions_room = candidates.min(256);
        let mut divisions: FxHashMap<DivisionKey<'e>, u32> =
            FxHashMap::with_capacity_and_hasher(divisions_room, Default::default());
        let mut doc = Doc {
            ranges: cleared(&mut scratch.ranges),
            cands: cleared(&mut scratch.cands),
            open: cleared(&mut scratch.open),
            container: cleared(&mut scratch.container),
            countries: cleared(&mut scratch.countries),
            divisions: 0,
            entries: 0,
            named_county: false,
            own: Vec::new(),
        };
        doc.cands.reserve(candidates);
        let uids = &mut scratch.uids;
        // (Clearing a table writes every slot it has room for: one long
        // document's room would be cleared for every short one after it.)
        if uids.capacity() > 4 * candidates.max(64) {
            *uids = FxHashMap::with_capacity_and_hasher(candidates, Default::default());
        } else {
            uids.clear();
            uids.reserve(candidates);
        }
        // Per distinct entry, its candidate as no span's context changes it.
        let by_entry = &mut scratch.by_entry;
        by_entry.clear();
        let own = &mut scratch.own;
        touch_facts(spans, facts);
        for (i, s) in spans.iter().enumerate() {
            let (open, all) = read_candidates(s);
            let from = doc.cands.len();
            // When the text writes some candidate's own name, a candidate it
            // names only by an alternate (a former or foreign name:
            // "Maryville" for Beeville) is the less likely reading.
            own.clear();
            if open {
                // (Worked out for each name when the index was built.)
                own.extend(all.iter().map(|c| c.name.is_own()));
            }
            let any_own = own.iter().any(|&p| p);
            for (k, c) in all.iter().enumerate() {
                let e: &'e Entry = c.entry;
                // What the entry itself says, read once per document (from
                // the gazetteer's table of facts).
                let n = uids.len() as u32;
                let uid = *uids.entry(e as *const Entry).or_insert(n);
                if uid == n {
                    let (fact, key) = fact_of(facts, c);
                    let country = fact.country.map_or(NONE, |cc| {
                        let n = countries.len() as u32;
                        *countries.entry(cc).or_insert_with(|| {
                            doc.countries.push(cc);
                            n
                        })
                    });
                    let division = key.map_or(NONE, |d| {
                        let n = divisions.len() as u32;
                        *divisions.entry(d).or_insert(n)
                    });
                    by_entry.push(Cand {
                        uid,
                        base: fact.base,
                        alternate: false,
                        lift: 0.0,
                        county: false,
                        reach: 0.0,
                        country,
                        division,
                        at: fact.at(),
                        is_country: fact.is_country(),
                        is_division: fact.is_division(),
                        is_county: fact.is_county(),
                        big_city: fact.is_big_city(),
                        mention: fact.mention(),
                        place: fact.place(),
                    });
                    if explain {
                        doc.own.push(Own::of(e));
                    }
                }
                let mut cand = by_entry[uid as usize];
                // (Countries and divisions keep their alternate names: those
                // are translations and transliterations, "Kalbajar" for the
                // district Kəlbəcər.)
                if any_own && !own[k] && !cand.is_country && !cand.is_division {
                    cand.alternate = true;
                    cand.base += w[Feature::AlternateName as usize];
                }
                if open && cand.big_city {
                    // A city of a million named like the division it lies in
                    // is what the bare name means (New York, São Paulo): it
                    // is lifted to just above the division's own score.
                    let home = fact_of(facts, c).1;
                    for (d, _) in
                        all.iter().map(|d| fact_of(facts, d)).filter(|(d, key)| d.is_division() && *key == home)
                    {
                        let lift = d.base + 0.1 - cand.base;
                        cand.lift = cand.lift.max(lift);
                    }
                    cand.base += w[Feature::CityLikeDivision as usize] * cand.lift;
                }
                doc.named_county |= cand.is_county && names_county(c);
                doc.cands.push(cand);
            }
            doc.ranges.push(from..doc.cands.len());
            doc.open.push(open);
            let comma =
                spans.get(i + 1).and_then(|next| text.get(s.end()..next.start())).is_some_and(|g| g.trim() == ",");
            doc.container.push(comma);
        }
        doc.entries = uids.len();
        doc.divisions = divisions.len();
        doc.link_counties(spans, w);
        if w[Feature::Reach as usize] != 0.0 || explain {
            doc.reach(w, scratch);
        }
        doc
    }

    /// Sets the reach feature ([`super::reach`]) of the first
    /// [`REACH_SCORED`] candidates of every span with a choice: the share
    /// of the document's other place names (spans whose first candidate is
    /// the same entry are one name; the first 64 names) of which one of
    /// the first [`REACH_READINGS`] readings (the chosen entry of a span
    /// with no choice) lies in its neighbourhood.
    #[inline(never)]
    fn reach(&mut self, w: &Features, scratch: &mut Scratch) {
        // A name's group: that of its first candidate's entry (the same
        // for every span of the name, in any case).
        let (groups, group_of) = (&mut scratch.groups, &mut scratch.group_of);
        groups.clear();
        group_of.clear();
        group_of.resize(self.entries, NONE);
        let mut names = 0;
        for r in &self.ranges {
            let g = match self.cands.get(r.start).filter(|_| !r.is_empty()) {
                Some(c) => {
                    let g = &mut group_of[c.uid as usize];
                    if *g == NONE {
                        *g = names;
                        names += 1;
                    }
                    *g
                }
                None => NONE,
            };
            groups.push(g);
        }
        if names < 2 {
            return;
        }
        let (ranges, cands) = (&self.ranges, &self.cands);
        let points = ranges.iter().zip(groups.iter()).flat_map(|(r, &g)| {
            let first = r.start..r.end.min(r.start + REACH_READINGS);
            cands[first].iter().filter(|c| c.mention).filter_map(move |c| Some((g, c.at?)))
        });
        let reach = &mut scratch.reach;
        reach.fill(points);
        if reach.groups() >= 2 {
            let weight = w[Feature::Reach as usize];
            for (i, r) in self.ranges.iter().enumerate().filter(|&(i, _)| self.open[i]) {
                let first = r.start..r.end.min(r.start + REACH_SCORED);
                for c in &mut self.cands[first] {
                    if let (true, Some(at)) = (c.mention, c.at) {
                        c.reach = reach.share(groups[i], at);
                        c.base += weight * c.reach;
                    }
                }
            }
        }
    }

    /// Returns the document's buffers to `scratch` for the next document.
    fn give_back(self, scratch: &mut Scratch) {
        scratch.ranges = self.ranges;
        scratch.cands = self.cands;
        scratch.open = self.open;
        scratch.container = self.container;
        scratch.countries = self.countries;
    }

    /// The candidate span `i` has chosen now.
    #[inline]
    fn chosen(&self, i: usize, spans: &[Span<'_>]) -> Option<&Cand> {
        let r = &self.ranges[i];
        let k = if self.open[i] { spans[i].chosen } else { 0 };
        self.cands[r.clone()].get(k)
    }
}

/// The readings of each name the reach counts: the first in the default
/// order, the likely ones; and those it scores.
const REACH_READINGS: usize = 16;
const REACH_SCORED: usize = 8;

/// The most rounds of resolution.
const ROUNDS: usize = 4;

/// Buffers of one round, kept across rounds.
#[derive(Default)]
struct Round {
    country_count: Vec<u32>,
    division_count: Vec<u32>,
    /// Per country and division: the spans that now choose the country's
    /// or the division's own entry.
    country_named: Vec<u32>,
    division_named: Vec<u32>,
    /// Per distinct entry: the spans that now choose it.
    entry_count: Vec<u32>,
    points: Vec<(u32, Located)>,
    /// The last round's points (by latitude), which `near_cache` counted.
    last_points: Vec<(u32, Located)>,
    /// Per distinct entry: the points near it this round (`u32::MAX`: not
    /// counted yet).
    near_cache: Vec<u32>,
    /// Per candidate of `Doc::cands` (of the open spans), its score this
    /// round.
    scores: Vec<f64>,
    /// With `explain`, per candidate of `Doc::cands`: its features this
    /// round.
    explain: bool,
    features: Vec<Features>,
}

/// One round: scores every candidate of every open span from the
/// evidence of the current choices and, with `choose`, makes each span
/// choose its best; true when a choice changed.
fn resolve_round(doc: &Doc, r: &mut Round, spans: &mut [Span<'_>], choose: bool) -> bool {
    let mut changed = false;
    // The document's evidence, from each span's current choice: how many
    // mentions each country and each first-level division gets.
    r.country_count.clear();
    r.country_count.resize(doc.countries.len(), 0);
    r.division_count.clear();
    r.division_count.resize(doc.divisions, 0);
    r.country_named.clear();
    r.country_named.resize(doc.countries.len(), 0);
    r.division_named.clear();
    r.division_named.resize(doc.divisions, 0);
    r.entry_count.clear();
    r.entry_count.resize(doc.entries, 0);
    // (The near counts of the last round stand while its points do.)
    std::mem::swap(&mut r.points, &mut r.last_points);
    r.points.clear();
    r.scores.clear();
    r.scores.resize(doc.cands.len(), 0.0);
    if r.explain {
        r.features.clear();
        r.features.resize(doc.cands.len(), [0.0; FEATURES]);
    }
    let mut mentions = 0u32;
    for i in 0..spans.len() {
        let Some(c) = doc.chosen(i, spans) else { continue };
        r.entry_count[c.uid as usize] += 1;
        if !c.mention {
            continue;
        }
        mentions += 1;
        if c.country != NONE {
            r.country_count[c.country as usize] += 1;
            if c.is_country {
                r.country_named[c.country as usize] += 1;
            }
        }
        if c.place && c.division != NONE {
            r.division_count[c.division as usize] += 1;
            if c.is_division {
                r.division_named[c.division as usize] += 1;
            }
        }
        // Distinct points the document's places are at (at most 64), for
        // spatial coherence.
        if let (Some(at), true, false) = (c.at, c.place, c.is_country) {
            if r.points.len() < 64 && !r.points.iter().any(|&(p, _)| p == c.uid) {
                r.points.push((c.uid, at));
            }
        }
    }
    // By latitude, so that each candidate counts only the points in its
    // band (a little wider than `is_near`'s, which still decides); then by
    // entry, so that two rounds with the same points list them alike.
    r.points.sort_unstable_by(|a, b| a.1.at.lat.total_cmp(&b.1.at.lat).then(a.0.cmp(&b.0)));
    let same_points = r.near_cache.len() == doc.entries
        && r.points.len() == r.last_points.len()
        && r.points.iter().zip(&r.last_points).all(|(a, b)| a.0 == b.0);
    if !same_points {
        r.near_cache.clear();
        r.near_cache.resize(doc.entries, u32::MAX);
    }
    for i in 0..spans.len() {
        if !doc.open[i] {
            continue;
        }
        // "Name, Container": the span right after a comma, as now chosen.
        let container = if doc.container[i] { doc.chosen(i + 1, spans) } else { None };
        // The mentions of the entry this span currently names (this one and
        // its repetitions) are no evidence for or against it.
        let own_default = doc.chosen(i, spans);
        let same = own_default.map_or(0, |c| r.entry_count[c.uid as usize]);
        let others = mentions.saturating_sub(same).max(1) as f64;
        let (own_country, own_division) = own_default.map_or((NONE, NONE), |c| (c.country, c.division));
        let own_point = own_default.and_then(|d| r.points.iter().find(|&&(p, _)| p == d.uid)).copied();
        let point_others = r.points.len() as u32 - u32::from(own_point.is_some());
        let own_is_country = own_default.is_some_and(|c| c.is_country);
        let own_is_division = own_default.is_some_and(|c| c.is_division);
        let w = Context::weights();
        // The "named" features are counted only when they weigh something
        // (or are asked for).
        let named = r.explain || w.country_named != 0.0 || w.division_named != 0.0;
        // The first best score wins: ties keep the default order.
        let (mut best, mut best_score, mut best_context) = (0, f64::NEG_INFINITY, Context::default());
        let range = doc.ranges[i].clone();
        for (k, (c, slot)) in doc.cands[range.clone()].iter().zip(&mut r.scores[range.clone()]).enumerate() {
            // The features the document's other spans give it.
            let mut x = Context::default();
            if c.country != NONE && !c.is_country {
                let own = same * u32::from(own_country == c.country);
                let n = r.country_count[c.country as usize].saturating_sub(own);
                x.country_share = n as f64 / others;
                if named {
                    let own = same * u32::from(own_is_country && own_country == c.country);
                    x.country_named = f64::from(u8::from(r.country_named[c.country as usize] > own));
                }
            }
            if c.division != NONE {
                let own = same * u32::from(own_division == c.division);
                let n = r.division_count[c.division as usize].saturating_sub(own);
                x.division_share = n as f64 / others;
                if named && !c.is_division {
                    let own = same * u32::from(own_is_division && own_division == c.division);
                    x.division_named = f64::from(u8::from(r.division_named[c.division as usize] > own));
                }
            }
            // Near the document's other places: the share of them within
            // 300 km, counted once per candidate entry and round.
            if let (Some(at), false, true) = (c.at, c.is_country, point_others > 0) {
                let coord = at.at;
                let points = &r.points;
                let cached = &mut r.near_cache[c.uid as usize];
                if *cached == u32::MAX {
                    let from = points.partition_point(|(_, p)| p.at.lat < coord.lat - NEAR_BAND);
                    *cached = points[from..]
                        .iter()
                        .take_while(|(_, p)| p.at.lat <= coord.lat + NEAR_BAND)
                        .filter(|(_, p)| is_near(at, *p))
                        .count() as u32;
                }
                // This span's own current choice is not "another place" (a
                // point is near itself; none is near when no point is).
                let own_near = match own_point {
                    Some((p, _)) if p == c.uid => 1,
                    Some((_, p)) if *cached > 0 => u32::from(is_near(at, p)),
                    _ => 0,
                };
                let near = *cached - own_near;
                x.near = f64::from(near) / f64::from(point_others);
            }
            if let (Some(holder), true) = (container, c.country != NONE) {
                let inside = if holder.is_country {
                    holder.country == c.country && !c.is_country
                } else if holder.is_division {
                    holder.division == c.division && !c.is_division
                } else {
                    false
                };
                x.container = f64::from(u8::from(inside));
            }
            let score = x.score(c.base, &w);
            *slot = score;
            if r.explain {
                r.features[range.start + k] =
                    x.features(&doc.own[c.uid as usize], c.alternate, c.lift, c.county, c.reach);
            }
            if score > best_score {
                (best, best_score) = (k, score);
                if choose {
                    best_context = x;
                }
            }
        }
        if !choose {
            continue;
        }
        changed |= spans[i].chosen != best;
        spans[i].chosen = best;
        let county = doc.cands[range.start + best].county && !doc.cands[range.start].county;
        spans[i].evidence = match (best, county) {
            (0, _) => Evidence::Prior,
            (_, true) => Evidence::County,
            _ => best_context.evidence(&w),
        };
    }
    changed
}

/// A number whose order is the reverse of `score`'s in [`f64::total_cmp`]
/// (its bits, with the sign's meaning turned as `total_cmp` turns it).
fn descending(score: f64) -> u64 {
    let bits = score.to_bits() as i64;
    let ordered = bits ^ (((bits >> 63) as u64) >> 1) as i64;
    !((ordered as u64) ^ (1 << 63))
}

/// Sorts each open span's candidates by the scores of the last round, best
/// first (the choice the rounds settled on first of all), and sets the
/// confidence of the choice: the winner's share of the candidates'
/// exp(score).
#[inline(never)]
fn rank(
    doc: &Doc,
    r: &Round,
    spans: &mut [Span<'_>],
    mut explain: Option<&mut Vec<Vec<Features>>>,
    (order, keys): (&mut Vec<usize>, &mut Vec<u128>),
) {
    // (Sized once, for the span with the most candidates.)
    let most = doc.ranges.iter().zip(&doc.open).filter(|(_, &open)| open).map(|(r, _)| r.len()).max().unwrap_or(0);
    let mut ranked = Vec::with_capacity(most);
    for (i, span) in spans.iter_mut().enumerate() {
        if !doc.open[i] {
            continue;
        }
        let scores = &r.scores[doc.ranges[i].clone()];
        let best = span.chosen;
        let top = scores[best];
        let max = scores.iter().copied().fold(f64::MIN, f64::max);
        let total: f64 = scores.iter().map(|s| (s - max).exp()).sum();
        let top = (top - max).exp();
        span.confidence = (top / total) as f32;
        // The winner first, then by score; equal scores keep the default
        // order: sorted as numbers that say all three (fewer instructions
        // than a stable sort by comparisons).
        keys.clear();
        keys.extend(
            scores
                .iter()
                .enumerate()
                .map(|(k, &score)| (u128::from(k != best) << 127) | (u128::from(descending(score)) << 32) | k as u128),
        );
        keys.sort_unstable();
        order.clear();
        order.extend(keys.iter().map(|&key| (key as u32) as usize));
        ranked.clear();
        ranked.extend(order.iter().map(|&k| span.candidates[k]));
        span.candidates.copy_from_slice(&ranked);
        span.chosen = 0;
        if let Some(out) = explain.as_deref_mut() {
            let features = &r.features[doc.ranges[i].clone()];
            out[i] = order.iter().map(|&k| features[k]).collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers of [`descending`] order scores as `total_cmp` does,
    /// reversed: signs, zeros, infinities and neighbours included.
    #[test]
    fn descending_is_total_cmp_reversed() {
        let scores = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -1.0000000000000002,
            -1.0,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            1.0000000000000002,
            3.75,
            1e300,
            f64::INFINITY,
        ];
        for a in scores {
            for b in scores {
                assert_eq!(descending(a).cmp(&descending(b)), b.total_cmp(&a), "{a} {b}");
            }
        }
    }
}

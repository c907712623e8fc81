//! Toponym resolution: each place span chooses one of its candidates from
//! the evidence of the whole document. It reads spans only, never the text
//! again, and is deterministic.
//!
//! A candidate's score adds up:
//! - its prior: a country 3, a capital 2.5, a first-level division 2, a
//!   region 1.5, any other place 1 for a seat of a division and up to about
//!   1.1 for its population (log10 of it, over 7);
//! - 1 when its country is named elsewhere in the document (a country, a
//!   nationality, or the chosen place of another span);
//! - 1.5 when its first-level division is named elsewhere, or, for a
//!   division, when a place of it is;
//! - 3 when the text writes it as `Name, Division` or `Name, Country` and
//!   it lies there ("Paris, Texas").
//!
//! The highest score wins; ties keep the default order. The span records
//! which evidence decided, when it was not the prior.

use crate::gazetteer::entry::{CountryCode, Entry};
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
}

impl Evidence {
    /// A short name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Prior => "prior",
            Evidence::Country => "country",
            Evidence::Division => "division",
            Evidence::Container => "container",
        }
    }
}

fn prior(e: &Entry) -> f64 {
    let Some(p) = e.place() else {
        return 0.0;
    };
    let code = p.feature_code.as_ref().map(|c| c.as_str()).unwrap_or("");
    let pop = (p.population.unwrap_or(0) as f64 + 1.0).log10() / 7.0;
    match code {
        "PCLI" | "PCLD" | "PCLF" | "PCLS" | "PCLIX" | "PCL" | "TERR" => 3.0,
        "PPLC" => 2.5,
        "ADM1" | "ADM1H" => 2.0,
        "RGN" | "CONT" => 1.5,
        "PPLA" => 1.0 + pop,
        _ => pop,
    }
}

fn division(e: &Entry) -> Option<(CountryCode, &str)> {
    let p = e.place()?;
    Some((p.country?, p.admin1.as_deref()?))
}

fn is_division(e: &Entry) -> bool {
    e.place().and_then(|p| p.feature_code).is_some_and(|c| c.as_str() == "ADM1")
}

fn is_country(e: &Entry) -> bool {
    e.place().and_then(|p| p.feature_code).is_some_and(|c| c.as_str().starts_with("PCL"))
}

/// Chooses the entry of every place span with more than one candidate.
pub(crate) fn resolve(text: &str, spans: &mut [Span<'_>]) {
    // The document's evidence, from each span's default choice.
    let mut countries: Vec<(usize, CountryCode)> = Vec::new();
    let mut divisions: Vec<(usize, CountryCode, &str)> = Vec::new();
    let chosen: Vec<Option<&Entry>> = spans.iter().map(|s| s.entry()).collect();
    for (i, e) in chosen.iter().enumerate() {
        let Some(e) = e else { continue };
        if e.label() != &Label::Place && e.label() != &Label::Nationality {
            continue;
        }
        if let Some(cc) = e.country() {
            countries.push((i, cc));
        }
        if e.label() == &Label::Place {
            if let Some((cc, a1)) = division(e) {
                divisions.push((i, cc, a1));
            }
        }
    }
    for i in 0..spans.len() {
        if spans[i].candidates.len() < 2 || spans[i].label() != &Label::Place {
            continue;
        }
        // "Name, Container": the next span right after a comma.
        let container = spans.get(i + 1).and_then(|next| {
            let gap = text.get(spans[i].end()..next.start())?;
            (gap.trim() == ",").then(|| next.entry()).flatten()
        });
        let mut best = (f64::MIN, 0usize, Evidence::Prior);
        for (k, c) in spans[i].candidates.iter().enumerate() {
            let e = c.entry;
            let mut score = prior(e);
            let mut evidence = Evidence::Prior;
            if let Some(cc) = e.country() {
                if countries.iter().any(|&(j, x)| j != i && x == cc) && !is_country(e) {
                    score += 1.0;
                    evidence = Evidence::Country;
                }
            }
            let own = division(e);
            let division_named = match own {
                Some((cc, a1)) if is_division(e) => divisions.iter().any(|&(j, x, y)| j != i && x == cc && y == a1),
                Some((cc, a1)) => divisions
                    .iter()
                    .any(|&(j, x, y)| j != i && x == cc && y == a1 && chosen[j].is_some_and(is_division)),
                None => false,
            };
            if division_named {
                score += 1.5;
                evidence = Evidence::Division;
            }
            if let (Some(holder), Some(cc)) = (container, e.country()) {
                let inside = if is_country(holder) {
                    holder.country() == Some(cc) && !is_country(e)
                } else if is_division(holder) {
                    division(holder) == own && !is_division(e)
                } else {
                    false
                };
                if inside {
                    score += 3.0;
                    evidence = Evidence::Container;
                }
            }
            if score > best.0 {
                best = (score, k, evidence);
            }
        }
        spans[i].chosen = best.1;
        spans[i].evidence = if best.1 == 0 { Evidence::Prior } else { best.2 };
    }
}

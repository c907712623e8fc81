//! Grid references written in text, as analysts and militaries write them:
//! MGRS (`38TMK 12345 67890`, `38TMK1234567890`, `38T MK 123 678`, any
//! precision from 10 km to 1 m) and UTM (`38N 448400 4419900`,
//! `38T 448400E 4419900N`). Both are converted with the `geoconvert` crate
//! (GeographicLib's algorithms) and checked: zone 1 to 60, a latitude band
//! or hemisphere letter, the 100 km square letters of that zone, eastings
//! and northings in range, and for a band the point must lie in it.

use std::sync::OnceLock;

use regex::Regex;

use crate::gazetteer::entry::Coord;
use crate::geo::coords::Found;
use crate::normalize::{Token, TokenKind};

/// An ASCII word boundary (see `coords.rs`).
const B: &str = r"(?-u:\b)";

fn mgrs() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // zone, band, square (letters I and O never occur), then the
        // digits: together (an even count) or as two equal groups.
        let pattern = format!(
            r"{B}(?P<zone>[0-9]{{1,2}})(?P<band>[C-HJ-NP-X])\s?(?P<sq>[A-HJ-NP-Z][A-HJ-NP-V])\s?(?:(?P<e>[0-9]{{1,5}})\s(?P<n>[0-9]{{1,5}})|(?P<en>[0-9]{{2,10}})){B}"
        );
        Regex::new(&pattern).expect("the MGRS pattern is valid")
    })
}

fn utm() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // zone and a band or hemisphere letter, easting (6 digits) and
        // northing (at most 7 digits), each with an optional E / N (or mE / mN).
        let pattern = format!(
            r"{B}(?P<zone>[0-9]{{1,2}})\s?(?P<letter>[C-HJ-NP-X]){B}\s*,?\s*(?P<e>[0-9]{{6}})(?:\.[0-9]+)?(?:\s?m?E{B})?\s*,?\s*(?P<n>[0-9]{{1,7}})(?:\.[0-9]+)?(?:\s?m?N{B})?{B}"
        );
        Regex::new(&pattern).expect("the UTM pattern is valid")
    })
}

/// The latitude band letters, 8° each from 80°S (X is 12°).
const BANDS: &str = "CDEFGHJKLMNPQRSTUVWX";

/// The latitudes a band letter covers, with half a degree of slack for
/// points written near a band's edge.
fn band_range(letter: char) -> Option<(f64, f64)> {
    let i = BANDS.find(letter)? as f64;
    let south = -80.0 + 8.0 * i;
    let north = if letter == 'X' { 84.0 } else { south + 8.0 };
    Some((south - 0.5, north + 0.5))
}

fn in_band(coord: Coord, letter: char) -> bool {
    band_range(letter).is_some_and(|(s, n)| (s..=n).contains(&coord.lat))
}

/// A point from a UTM zone, hemisphere, easting and northing, when they are
/// in range.
fn from_utm(zone: i32, north: bool, easting: f64, northing: f64) -> Option<Coord> {
    if !(1..=60).contains(&zone) || !(100_000.0..=900_000.0).contains(&easting) {
        return None;
    }
    if !(0.0..=10_000_000.0).contains(&northing) {
        return None;
    }
    let at = geoconvert::UtmUps::create(zone, north, easting, northing).ok()?.to_latlon();
    Coord::new(at.latitude(), at.longitude()).ok()
}

/// Every MGRS and UTM reference of `text`, in order.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let tokens: Vec<Token> = crate::normalize::Tokenizer::new(text).collect();
    find_in(text, &tokens, &digit_words(text, &tokens))
}

/// The indices of the tokens of `text` that start with an ASCII digit, as
/// the scan lists them.
pub(crate) fn digit_words(text: &str, tokens: &[Token]) -> Vec<usize> {
    (0..tokens.len()).filter(|&i| text.as_bytes().get(tokens[i].start).is_some_and(u8::is_ascii_digit)).collect()
}

/// [`find`] for a text whose token table the scan made: the regexes run
/// only when a word starting with one or two digits has a band letter
/// right after its digits or one space after them, followed by what a
/// reference goes on with (see [`zone_then_band`]), in a pass over the
/// tokens instead of the bytes. ("3 Nov", "10 Downing" and "2020s" are
/// not; news has many of them.)
///
/// `digit_words` are the indices in `tokens` of the tokens that start with
/// an ASCII digit (the scan lists them), so that the pass reads only those.
pub(crate) fn find_in(text: &str, tokens: &[Token], digit_words: &[usize]) -> Vec<Found> {
    if has_zone(text, tokens, digit_words) {
        find_all(text)
    } else {
        Vec::new()
    }
}

/// Whether a word of `tokens` starts with a zone that [`zone_then_band`]
/// follows: one or two digits, then the band letter touching them or
/// after one space.
fn has_zone(text: &str, tokens: &[Token], digit_words: &[usize]) -> bool {
    let b = text.as_bytes();
    digit_words.iter().filter_map(|&i| tokens.get(i)).any(|t| {
        t.kind == TokenKind::Word && b[t.start].is_ascii_digit() && {
            let digits = b[t.start..t.end].iter().take_while(|c| c.is_ascii_digit()).count();
            let after = t.start + digits;
            let next = if after < t.end || b.get(after) != Some(&b' ') { after } else { after + 1 };
            digits <= 2 && zone_then_band(b, next)
        }
    })
}

/// Whether `b[at]` is a latitude band letter (every reference's letter
/// after its zone) followed, past any spaces, by what comes next in an
/// MGRS reference (a square's capital letter) or a UTM one (a comma or
/// the easting's digit); a byte outside ASCII (a space of another kind)
/// counts as maybe.
fn zone_then_band(b: &[u8], at: usize) -> bool {
    if !b.get(at).is_some_and(|&c| matches!(c, b'C'..=b'H' | b'J'..=b'N' | b'P'..=b'X')) {
        return false;
    }
    let rest = &b[at + 1..];
    let skipped = rest.iter().take_while(|c| c.is_ascii_whitespace()).count();
    rest.get(skipped).is_some_and(|&c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b',' || c >= 0x80)
}

/// Every MGRS and UTM reference of `text`, the regexes run.
fn find_all(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let captures = |re: &'static Regex| crate::geo::coords::captures_of(re, text);
    for c in captures(mgrs()) {
        let Some(all) = c.get(0) else { continue };
        let digits = match (c.name("e"), c.name("n"), c.name("en")) {
            (Some(e), Some(n), _) if e.len() == n.len() => format!("{}{}", e.as_str(), n.as_str()),
            (_, _, Some(en)) if en.len() % 2 == 0 => en.as_str().to_string(),
            _ => continue,
        };
        let compact = format!("{}{}{}{digits}", &c["zone"], &c["band"], &c["sq"]);
        let Ok(m) = geoconvert::Mgrs::parse_str(&compact) else { continue };
        let at = m.to_latlon();
        let Ok(coord) = Coord::new(at.latitude(), at.longitude()) else { continue };
        let band = c["band"].chars().next().unwrap_or('?');
        if in_band(coord, band) {
            out.push(Found { start: all.start(), end: all.end(), coord });
        }
    }
    for c in captures(utm()) {
        let Some(all) = c.get(0) else { continue };
        if out.iter().any(|f| f.start < all.end() && all.start() < f.end) {
            continue;
        }
        let (Ok(zone), Ok(e), Ok(n)) = (c["zone"].parse::<i32>(), c["e"].parse::<f64>(), c["n"].parse::<f64>()) else {
            continue;
        };
        let letter = c["letter"].chars().next().unwrap_or('?');
        // A band letter gives the hemisphere (N and later are north); S
        // may also be the southern hemisphere: the band is read when the
        // point lies in it, the hemisphere otherwise.
        let north = letter >= 'N';
        let coord = match from_utm(zone, north, e, n) {
            Some(p) if in_band(p, letter) || letter == 'N' => Some(p),
            _ if letter == 'S' => from_utm(zone, false, e, n),
            _ => None,
        };
        if let Some(coord) = coord {
            out.push(Found { start: all.start(), end: all.end(), coord });
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Coord, lat: f64, lon: f64, tolerance: f64) -> bool {
        (a.lat - lat).abs() < tolerance && (a.lon - lon).abs() < tolerance
    }

    #[test]
    fn references_found() {
        // (text, the reference in it, latitude, longitude, tolerance in degrees)
        let table: &[(&str, &str, f64, f64, f64)] = &[
            // The same point in Tbilisi at 1 m, 10 m and 100 m, and as UTM.
            ("Fire was reported at 38TMM 85617 18159 overnight.", "38TMM 85617 18159", 41.7151, 44.8271, 1e-4),
            ("Fire was reported at 38TMM8561718159 overnight.", "38TMM8561718159", 41.7151, 44.8271, 1e-4),
            ("Grid 38T MM 8561 1815, then north.", "38T MM 8561 1815", 41.7151, 44.8271, 1e-3),
            ("Grid 38TMM856181 was cleared.", "38TMM856181", 41.7151, 44.8271, 1e-2),
            ("UTM 38T 485617E 4618159N by the river.", "38T 485617E 4618159N", 41.7151, 44.8271, 1e-4),
            ("UTM 38N 485617 4618159 by the river.", "38N 485617 4618159", 41.7151, 44.8271, 1e-4),
            // Southern hemisphere: S as a hemisphere where band S cannot be.
            ("Camp at 56S 334901 6252289 near the coast.", "56S 334901 6252289", -33.8568, 151.2153, 1e-4),
            ("Camp at 56H LH 34900 52288 near the coast.", "56H LH 34900 52288", -33.8568, 151.2153, 1e-4),
            // Band S read as a band where the point lies in it.
            ("Patrol at 38S 448251 4419842 today.", "38S 448251 4419842", 39.9271, 44.3944, 1e-4),
            ("Patrol at 38SMK4825119841 today.", "38SMK4825119841", 39.9271, 44.3944, 1e-4),
        ];
        for &(text, reference, lat, lon, tolerance) in table {
            let found = find(text);
            // The token table's filter lets every reference through.
            assert_eq!(find_all(text), found, "{text}");
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            let f = found[0];
            assert_eq!(&text[f.start..f.end], reference, "{text}");
            assert!(close(f.coord, lat, lon, tolerance), "{text}: {:?}", f.coord);
        }
    }

    #[test]
    fn codes_that_are_not_references() {
        let table: &[&str] = &[
            // Odd digit counts and unequal groups.
            "Grid 38TMM 8561 181 is a typo.",
            "Ref 38TMM856118159 has an odd count.",
            // A band that does not hold the point (the square is in 38T).
            "Grid 38CMM 85617 18159 is wrong.",
            // Zone 0 or past 60; letters I and O are never square letters.
            "Grid 61TMM 85617 18159 and 00TMM 85617 18159.",
            "Grid 38TIO 85617 18159.",
            // Product codes, flights and plates.
            "The 4K TV model 55QN 900000 sold out.",
            "Flight 12A departs at 10:45; seat 3C.",
            "Order 12345 shipped 2020-01-05 to 44 North St.",
            // UTM eastings out of range.
            "38N 050000 4618159 and 38N 950000 4618159",
        ];
        for text in table {
            let found = find(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn the_token_filter_passes_zones_and_skips_news_numbers() {
        let table: &[(&str, bool)] = &[
            ("Grid 38TMM 85617 18159.", true),
            ("Grid 38T MM 8561 1815.", true),
            ("UTM 38N 485617 4618159.", true),
            ("UTM 38 N, 485617 4618159.", true),
            ("Camp at 56S\u{a0}334901 6252289.", true),
            ("On 3 Nov the 10 Downing Street office said 2 Million", false),
            ("In the 2020s, 1 N. Main St. and 12 Apr.", false),
            ("Flight 12A departs at 10:45; seat 3C.", false),
            ("Order 123N 45 was late.", false),
        ];
        for &(text, want) in table {
            let tokens: Vec<Token> = crate::normalize::Tokenizer::new(text).collect();
            let digits = digit_words(text, &tokens);
            assert_eq!(has_zone(text, &tokens, &digits), want, "{text}");
            // The filter lets every reference the regexes read through.
            assert_eq!(find_in(text, &tokens, &digits), find_all(text), "{text}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        // The token filter is a necessary condition: whatever the regexes
        // read, it lets through.
        #[test]
        fn the_zone_filter_is_necessary(text in proptest::prop_oneof![
            "[0-9 ,.A-Za-z\u{a0}\t\n]{0,30}",
            "[a-z ,.0-9]{0,6}[0-9]{1,2}[ ]?[C-X][ ,\u{a0}]{0,2}([A-Z]{2}[ ]?)?[0-9]{2,7}[ E]{0,2}[0-9]{0,7}[ N]{0,2}[a-z ,.0-9]{0,6}",
        ]) {
            let tokens: Vec<Token> = crate::normalize::Tokenizer::new(&text).collect();
            proptest::prop_assert_eq!(find_in(&text, &tokens, &digit_words(&text, &tokens)), find_all(&text), "{:?}", text);
        }
    }
}

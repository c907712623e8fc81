//! Coordinates written in text: decimal degrees with hemisphere letters
//! (`40.4093 N, 49.8671 E`, `40.4093°N 49.8671°E`), degrees and minutes
//! (`40°24.9′N 49°52.0′E`), degrees, minutes and seconds with the usual
//! symbols or their ASCII stand-ins (`40°24′53″N 49°52′3″E`,
//! `40°24'53"N 49°52'3"E`, `40 24 53N 49 52 3E`), and signed decimal degrees
//! with degree signs (`40.4093°, -49.8671°`), seconds with decimals
//! (`40°24′53.2″N`), and named fields (`lat=40.4093, lon=49.8671`,
//! `Latitude: 40.4093 Longitude: 49.8671`). Grid references (MGRS, UTM)
//! are read by `grids.rs` and reported here with the rest.
//!
//! A latitude must be followed by a longitude; ranges are checked
//! (latitude to 90, longitude to 180, minutes and seconds below 60), so
//! ordinary numbers, dates and scores are never read as coordinates.

use std::sync::OnceLock;

use regex::Regex;

use crate::gazetteer::entry::Coord;

/// A coordinate pair found in text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) coord: Coord,
}

/// An ASCII word boundary: Unicode ones make the regex engine leave its
/// DFA for a much slower one on non-ASCII text, and every boundary here is
/// between ASCII letters or digits and what follows them.
const B: &str = r"(?-u:\b)";

fn component(name: &str, hemispheres: &str) -> String {
    // degrees [° or space] [minutes [′ or space] [seconds [″]]] hemisphere
    format!(
        r#"(?P<{name}d>[0-9]{{1,3}}(?:\.[0-9]+)?)\s*(?:°|º|˚|deg{B}|d{B})?\s*(?:(?P<{name}m>[0-9]{{1,2}}(?:\.[0-9]+)?)\s*(?:′|'|’|m{B}|min{B})?\s*(?:(?P<{name}s>[0-9]{{1,2}}(?:\.[0-9]+)?)\s*(?:″|"|”|''|s{B}|sec{B})?\s*)?)?(?P<{name}h>[{hemispheres}]){B}"#
    )
}

fn hemisphere_pair() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(r"{B}{}\s*[,;/]?\s*{}", component("lat", "NS"), component("lon", "EW"));
        Regex::new(&pattern).expect("the coordinate pattern is valid")
    })
}

fn signed_pair() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<lat>[-+−]?[0-9]{1,2}\.[0-9]{2,})\s*°\s*[,;/]?\s*(?P<lon>[-+−]?[0-9]{1,3}\.[0-9]{2,})\s*°")
            .expect("the coordinate pattern is valid")
    })
}

fn named_pair() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"(?i){B}lat(?:itude)?\s*[=:]\s*(?P<lat>[-+−]?[0-9]{{1,2}}(?:\.[0-9]+)?)\s*°?\s*[,;&]?\s*(?:lon|lng|long|longitude){B}\s*[=:]\s*(?P<lon>[-+−]?[0-9]{{1,3}}(?:\.[0-9]+)?){B}°?"
        );
        Regex::new(&pattern).expect("the coordinate pattern is valid")
    })
}

fn number(s: Option<regex::Match<'_>>) -> Option<f64> {
    s.map(|m| m.as_str().replace('−', "-").parse::<f64>()).transpose().ok().flatten()
}

/// Degrees from parts, `None` when a part is out of range.
fn degrees(d: f64, m: Option<f64>, s: Option<f64>, max: f64, negative: bool) -> Option<f64> {
    if m.is_some_and(|m| !(0.0..60.0).contains(&m)) || s.is_some_and(|s| !(0.0..60.0).contains(&s)) {
        return None;
    }
    // Minutes after fractional degrees, or seconds after fractional minutes,
    // are not a coordinate.
    if (m.is_some() && d.fract() != 0.0) || (s.is_some() && m.is_some_and(|m| m.fract() != 0.0)) {
        return None;
    }
    let v = d + m.unwrap_or(0.0) / 60.0 + s.unwrap_or(0.0) / 3600.0;
    if v > max {
        return None;
    }
    Some(if negative { -v } else { v })
}

/// False when `text` holds no hemisphere pair: every one has a latitude's
/// `N` or `S` followed by white space, at most one of `,;/`, white space
/// and the longitude's first digit (what the pattern allows between them).
fn may_hold_hemisphere_pair(text: &str) -> bool {
    memchr::memchr2_iter(b'N', b'S', text.as_bytes()).any(|p| {
        // (`p + 1` is a character boundary: N and S are ASCII.)
        let rest = text[p + 1..].trim_start();
        let rest = rest.strip_prefix([',', ';', '/']).unwrap_or(rest).trim_start();
        rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Whether `text` has "lat" or "latitude" (in any case) before an `=` or
/// a `:`, which every named pair has. (The word "lat" is inside "later",
/// "latest", "relate": a search for it alone would run the regex over most
/// texts.)
fn may_hold_named_pair(text: &str) -> bool {
    memchr::memchr2_iter(b'=', b':', text.as_bytes()).any(|p| {
        // (`p` is a character boundary: `=` and `:` are ASCII.)
        let before = text[..p].trim_end().as_bytes();
        let ends = |w: &[u8]| before.len() >= w.len() && before[before.len() - w.len()..].eq_ignore_ascii_case(w);
        ends(b"lat") || ends(b"latitude")
    })
}

/// The captures of every match of `re` in `text`: matches are found by the
/// regex's DFA, captures read only where one matched (a capture search
/// over a whole text is many times slower).
pub(super) fn captures_of<'h>(re: &'static Regex, text: &'h str) -> impl Iterator<Item = regex::Captures<'h>> {
    re.find_iter(text).filter_map(move |m| re.captures_at(text, m.start()))
}

/// Every coordinate pair of `text`, in order.
pub(crate) fn find(text: &str) -> Vec<Found> {
    find_with_grids(text, || crate::geo::grids::find(text))
}

/// [`find`] for a text whose token table the scan made.
/// `digit_words`: the indices in `tokens` of the tokens that start with an
/// ASCII digit.
pub(crate) fn find_in(text: &str, tokens: &[crate::normalize::Token], digit_words: &[usize]) -> Vec<Found> {
    find_with_grids(text, || crate::geo::grids::find_in(text, tokens, digit_words))
}

/// Whether `b` holds an ASCII digit, read 32 bytes at a time with no
/// early exit inside a block (a loop the compiler turns into vector
/// compares: a news text's first digit often comes late).
fn has_ascii_digit(b: &[u8]) -> bool {
    let mut blocks = b.chunks_exact(32);
    for block in &mut blocks {
        if block.iter().fold(0u8, |any, &c| any | u8::from(c.wrapping_sub(b'0') < 10)) != 0 {
            return true;
        }
    }
    blocks.remainder().iter().any(u8::is_ascii_digit)
}

/// The pairs of `text` and the grid references `grids` finds in it.
fn find_with_grids(text: &str, grids: impl FnOnce() -> Vec<Found>) -> Vec<Found> {
    let mut out = Vec::new();
    // Most texts have no digit next to a hemisphere letter or degree sign:
    // skip the regexes for them.
    if !has_ascii_digit(text.as_bytes()) {
        return out;
    }
    let captures = |re: &'static Regex| captures_of(re, text);
    // Most texts have no N or S that a longitude's digits follow, which
    // every hemisphere pair has; nor a degree sign, which every signed pair
    // has. (The regexes' own search would try every capital E and W.)
    let hemispheres = if may_hold_hemisphere_pair(text) { Some(captures(hemisphere_pair())) } else { None };
    for c in hemispheres.into_iter().flatten() {
        let (Some(all), Some(lat_d), Some(lon_d)) = (c.get(0), number(c.name("latd")), number(c.name("lond"))) else {
            continue;
        };
        let lat = degrees(lat_d, number(c.name("latm")), number(c.name("lats")), 90.0, &c["lath"] == "S");
        let lon = degrees(lon_d, number(c.name("lonm")), number(c.name("lons")), 180.0, &c["lonh"] == "W");
        if let (Some(lat), Some(lon)) = (lat, lon) {
            out.push(Found { start: all.start(), end: all.end(), coord: Coord { lat, lon } });
        }
    }
    let signed = if text.contains('°') { Some(captures(signed_pair())) } else { None };
    for c in signed.into_iter().flatten() {
        let (Some(all), Some(lat), Some(lon)) = (c.get(0), number(c.name("lat")), number(c.name("lon"))) else {
            continue;
        };
        if out.iter().any(|f| f.start < all.end() && all.start() < f.end) {
            continue;
        }
        if let Ok(coord) = Coord::new(lat, lon) {
            out.push(Found { start: all.start(), end: all.end(), coord });
        }
    }
    let named = if may_hold_named_pair(text) { Some(captures(named_pair())) } else { None };
    for c in named.into_iter().flatten() {
        let (Some(all), Some(lat), Some(lon)) = (c.get(0), number(c.name("lat")), number(c.name("lon"))) else {
            continue;
        };
        if let Ok(coord) = Coord::new(lat, lon) {
            out.push(Found { start: all.start(), end: all.end(), coord });
        }
    }
    for g in grids() {
        if !out.iter().any(|f| f.start < g.end && g.start < f.end) {
            out.push(g);
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-4
    }

    /// The block-wise digit check agrees with a byte-by-byte one, a digit
    /// at every place of texts shorter and longer than a block.
    #[test]
    fn digit_check_reads_every_byte() {
        for len in 0..100 {
            let plain = "x".repeat(len);
            assert!(!has_ascii_digit(plain.as_bytes()), "{len}");
            for at in 0..len {
                for digit in [b'0', b'9'] {
                    let mut b = plain.clone().into_bytes();
                    b[at] = digit;
                    assert!(has_ascii_digit(&b), "{len} {at}");
                }
                // The bytes either side of the digits are none.
                for other in [b'/', b':', 0xC2, 0xB0] {
                    let mut b = plain.clone().into_bytes();
                    b[at] = other;
                    assert!(!has_ascii_digit(&b), "{len} {at}");
                }
            }
        }
    }

    #[test]
    fn coordinates_found() {
        let table: &[(&str, &str, f64, f64)] = &[
            ("at 40°24′53″N 49°52′3″E today", "40°24′53″N 49°52′3″E", 40.41472, 49.86750),
            ("at 40°24'53\"N 49°52'3\"E today", "40°24'53\"N 49°52'3\"E", 40.41472, 49.86750),
            ("at 40.4093 N, 49.8671 E today", "40.4093 N, 49.8671 E", 40.4093, 49.8671),
            ("at 40.4093°N 49.8671°E", "40.4093°N 49.8671°E", 40.4093, 49.8671),
            ("at 40 24 53N 49 52 3E", "40 24 53N 49 52 3E", 40.41472, 49.86750),
            ("at 40°24.5′N 49°52.0′E", "40°24.5′N 49°52.0′E", 40.40833, 49.86667),
            ("at 33°51′S 151°12′E (Sydney)", "33°51′S 151°12′E", -33.85, 151.2),
            ("at 38.8977°, -77.0365°", "38.8977°, -77.0365°", 38.8977, -77.0365),
            ("at 51°30′N 0°7′W", "51°30′N 0°7′W", 51.5, -0.11667),
            ("at 40°24′53.4″N 49°52′3.6″E", "40°24′53.4″N 49°52′3.6″E", 40.41483, 49.86767),
            ("see lat=40.4093, lon=49.8671 here", "lat=40.4093, lon=49.8671", 40.4093, 49.8671),
            ("Latitude: -33.8568 Longitude: 151.2153.", "Latitude: -33.8568 Longitude: 151.2153", -33.8568, 151.2153),
            ("?lat=40.4093&lng=49.8671", "lat=40.4093&lng=49.8671", 40.4093, 49.8671),
            ("grid 38TMM 85617 18159 now", "38TMM 85617 18159", 41.7151, 44.8271),
        ];
        for &(text, span, lat, lon) in table {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}");
            let f = found[0];
            assert_eq!(&text[f.start..f.end], span, "{text}");
            assert!(close(f.coord.lat, lat) && close(f.coord.lon, lon), "{text}: {:?}", f.coord);
        }
    }

    #[test]
    fn numbers_that_are_not_coordinates() {
        let table: &[&str] = &[
            "The score was 3-2 after 90 minutes.",
            "On Nov. 10, 2020 the truce began.",
            "Temperatures of 40°C and 12°F were seen.",
            "He won 6-4, 7-5 in 2 hours.",
            "Exit 40 North, then 49 East.",
            "95°N 49°E is not on earth.",
            "40°75′N 49°52′E has 75 minutes.",
            "40°24′N alone has no longitude.",
            "Route 66 North and Interstate 95 East",
            "1.5°, 2.5° of warming",
            "lat=95.1, lon=49.8 is off the earth",
            "the latest long=12 figures",
        ];
        for text in table {
            let found = find(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn the_hemisphere_filter_passes_every_pair() {
        let table: &[(&str, bool)] = &[
            ("at 40°24′53″N 49°52′3″E today", true),
            ("40.4093 N, 49.8671 E", true),
            ("40 24 53N 49 52 3E", true),
            ("33°51′S\u{a0};\u{2003}151°12′E", true),
            ("the U.S. 2020 census", false),
            ("North and South, 12 of them", false),
            ("NS", false),
            ("N", false),
            ("", false),
            ("S /", false),
        ];
        for &(text, want) in table {
            assert_eq!(may_hold_hemisphere_pair(text), want, "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        // The filter is a necessary condition: whatever the pattern matches,
        // the filter lets through.
        #[test]
        fn the_hemisphere_filter_is_necessary(text in proptest::prop_oneof![
            // Anything from the characters the pattern reads.
            "[0-9NSEW .,;/°'′″\"\u{a0}\u{2003}\ndegmins]{0,40}",
            // Pairs, most of them matching, in other text.
            "[a-zNSEW ,.0-9]{0,8}[0-9]{1,3}(\\.[0-9]{1,2})?[ °'′″\"\u{a0}]{0,3}[0-9]{0,2}[ ′']{0,2}[NS][ ,;/\u{2003}\n]{0,3}[0-9]{1,3}[ °'′″.0-9]{0,4}[EW][a-zNSEW ,.0-9]{0,8}",
        ]) {
            if hemisphere_pair().is_match(&text) {
                proptest::prop_assert!(may_hold_hemisphere_pair(&text), "{:?}", text);
            }
        }

        #[test]
        fn the_named_pair_filter_is_necessary(text in proptest::prop_oneof![
            "[0-9 .,;&=:°\u{a0}\u{2003}\nlatLATingudeIUDEo]{0,40}",
            "[a-z ,.0-9]{0,8}(lat|Lat|LAT|latitude|Latitude)[ \u{a0}\t]{0,2}[=:][ ]{0,2}-?[0-9]{1,2}(\\.[0-9]{1,3})?[ °,;&]{0,3}(lon|lng|Long|longitude)[ ]{0,2}[=:][ ]{0,2}-?[0-9]{1,3}(\\.[0-9]{1,3})?[a-z ,.0-9]{0,8}",
        ]) {
            if named_pair().is_match(&text) {
                proptest::prop_assert!(may_hold_named_pair(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn the_named_pair_filter_skips_news() {
        let table: &[(&str, bool)] = &[
            ("lat=40.4093, lon=49.8671", true),
            ("Latitude : 40.4, Longitude: 49.8", true),
            ("LAT\u{a0}= 40", true),
            ("The latest report: later that day, officials relate it.", false),
            ("Lat 40.4 Lon 49.8", false),
        ];
        for &(text, want) in table {
            assert_eq!(may_hold_named_pair(text), want, "{text:?}");
        }
    }
}

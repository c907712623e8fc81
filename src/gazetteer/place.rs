//! What a gazetteer knows about a place: its point, country, divisions,
//! GeoNames feature class and code, population and id, and the kind of
//! place its feature code names.

use std::fmt;

use crate::error::{LoadError, LoadErrorKind};

/// A GeoNames id (`geonameid`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct GeoNameId(pub u32);

impl fmt::Display for GeoNameId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An ISO 3166-1 alpha-2 country code, stored uppercase (`AZ`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses two ASCII letters, in either case.
    ///
    /// # Errors
    /// When `code` is not exactly two ASCII letters.
    pub fn new(code: &str) -> Result<CountryCode, LoadError> {
        match code.as_bytes() {
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => {
                Ok(CountryCode([a.to_ascii_uppercase(), b.to_ascii_uppercase()]))
            }
            _ => Err(LoadError::new(LoadErrorKind::InvalidCountryCode(code.to_string()))),
        }
    }

    /// The code, uppercase.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("two ASCII letters are UTF-8")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl serde::Serialize for CountryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A GeoNames feature code such as `PPLC` (capital) or `ADM1`: one to eight
/// ASCII letters and digits, stored uppercase.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FeatureCode {
    bytes: [u8; 8],
    len: u8,
}

impl FeatureCode {
    /// Parses a feature code.
    ///
    /// # Errors
    /// When `code` is empty, longer than 8 bytes or not ASCII alphanumeric.
    pub fn new(code: &str) -> Result<FeatureCode, LoadError> {
        let b = code.as_bytes();
        if b.is_empty() || b.len() > 8 || !b.iter().all(u8::is_ascii_alphanumeric) {
            return Err(LoadError::new(LoadErrorKind::InvalidFeature(code.to_string())));
        }
        let mut bytes = [0u8; 8];
        for (d, s) in bytes.iter_mut().zip(b) {
            *d = s.to_ascii_uppercase();
        }
        Ok(FeatureCode { bytes, len: b.len() as u8 })
    }

    /// The code's bytes, uppercase ASCII (compared without a UTF-8 check on
    /// the hot path of resolution).
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    /// The code as one number: its bytes, zero-padded (as `new` leaves
    /// them), for matching against known codes in one comparison each.
    fn word(&self) -> u64 {
        u64::from_le_bytes(self.bytes)
    }

    /// The code, uppercase.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).expect("ASCII is UTF-8")
    }
}

/// [`FeatureCode::word`] of an uppercase code of at most 8 bytes.
const fn code_word(code: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    let mut i = 0;
    while i < code.len() {
        bytes[i] = code[i];
        i += 1;
    }
    u64::from_le_bytes(bytes)
}

/// Known codes as [`FeatureCode::word`] numbers.
mod code {
    use super::code_word;
    pub(super) const PCLI: u64 = code_word(b"PCLI");
    pub(super) const PCLD: u64 = code_word(b"PCLD");
    pub(super) const PCLF: u64 = code_word(b"PCLF");
    pub(super) const PCLS: u64 = code_word(b"PCLS");
    pub(super) const PCLIX: u64 = code_word(b"PCLIX");
    pub(super) const PCLH: u64 = code_word(b"PCLH");
    pub(super) const PCL: u64 = code_word(b"PCL");
    pub(super) const TERR: u64 = code_word(b"TERR");
    pub(super) const OCN: u64 = code_word(b"OCN");
    pub(super) const SEA: u64 = code_word(b"SEA");
    pub(super) const GULF: u64 = code_word(b"GULF");
    pub(super) const BAY: u64 = code_word(b"BAY");
    pub(super) const ADM1: u64 = code_word(b"ADM1");
    pub(super) const ADM1H: u64 = code_word(b"ADM1H");
    pub(super) const PPLC: u64 = code_word(b"PPLC");
    pub(super) const RGN: u64 = code_word(b"RGN");
    pub(super) const CONT: u64 = code_word(b"CONT");
    pub(super) const PPLA: u64 = code_word(b"PPLA");
    pub(super) const ADM2: u64 = code_word(b"ADM2");
    pub(super) const PPLA2: u64 = code_word(b"PPLA2");
}

impl fmt::Debug for FeatureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FeatureCode({})", self.as_str())
    }
}

impl fmt::Display for FeatureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl serde::Serialize for FeatureCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A GeoNames feature class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum FeatureClass {
    /// `A`: country, state, region.
    AdminDivision,
    /// `H`: stream, lake.
    Hydrographic,
    /// `L`: parks, area.
    Area,
    /// `P`: city, village.
    PopulatedPlace,
    /// `R`: road, railroad.
    Road,
    /// `S`: spot, building, farm.
    Spot,
    /// `T`: mountain, hill, rock.
    Terrain,
    /// `U`: undersea.
    Undersea,
    /// `V`: forest, heath.
    Vegetation,
}

impl FeatureClass {
    /// Parses the one-letter GeoNames class.
    pub fn from_letter(c: &str) -> Option<FeatureClass> {
        Some(match c {
            "A" | "a" => FeatureClass::AdminDivision,
            "H" | "h" => FeatureClass::Hydrographic,
            "L" | "l" => FeatureClass::Area,
            "P" | "p" => FeatureClass::PopulatedPlace,
            "R" | "r" => FeatureClass::Road,
            "S" | "s" => FeatureClass::Spot,
            "T" | "t" => FeatureClass::Terrain,
            "U" | "u" => FeatureClass::Undersea,
            "V" | "v" => FeatureClass::Vegetation,
            _ => return None,
        })
    }

    /// The one-letter GeoNames class.
    pub fn letter(self) -> char {
        match self {
            FeatureClass::AdminDivision => 'A',
            FeatureClass::Hydrographic => 'H',
            FeatureClass::Area => 'L',
            FeatureClass::PopulatedPlace => 'P',
            FeatureClass::Road => 'R',
            FeatureClass::Spot => 'S',
            FeatureClass::Terrain => 'T',
            FeatureClass::Undersea => 'U',
            FeatureClass::Vegetation => 'V',
        }
    }
}

/// A point on the earth, in degrees (WGS 84).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Coord {
    /// Latitude in degrees, -90 to 90.
    pub lat: f64,
    /// Longitude in degrees, -180 to 180.
    pub lon: f64,
}

impl Coord {
    /// Checks the ranges and builds a coordinate.
    ///
    /// # Errors
    /// When the latitude is outside [-90, 90] or the longitude outside
    /// [-180, 180] (NaN included).
    pub fn new(lat: f64, lon: f64) -> Result<Coord, LoadError> {
        if !(-90.0..=90.0).contains(&lat) {
            return Err(LoadError::new(LoadErrorKind::LatitudeOutOfRange(lat)));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(LoadError::new(LoadErrorKind::LongitudeOutOfRange(lon)));
        }
        Ok(Coord { lat, lon })
    }
}

/// What a gazetteer knows about a place. Every field is optional.
///
/// New fields may be added; build one from `Place::default()`:
///
/// ```
/// use gazet::{Coord, CountryCode, Place};
///
/// let mut baku = Place::default();
/// baku.coord = Some(Coord::new(40.37767, 49.89201)?);
/// baku.country = Some(CountryCode::new("AZ")?);
/// baku.population = Some(2_351_300);
/// # Ok::<(), gazet::LoadError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Place {
    /// Where it is.
    pub coord: Option<Coord>,
    /// The country it is in (for a country, its own code).
    pub country: Option<CountryCode>,
    /// The GeoNames admin1 code within the country (`09` for Baku in `AZ`).
    pub admin1: Option<Box<str>>,
    /// The GeoNames admin2 code within the admin1 division: the
    /// second-level division (county, district, rayon) a place lies in,
    /// and for such a division its own code.
    pub admin2: Option<Box<str>>,
    /// The GeoNames feature class.
    pub feature_class: Option<FeatureClass>,
    /// The GeoNames feature code (`PPLC`, `ADM1`, `PCLI`...).
    pub feature_code: Option<FeatureCode>,
    /// How many people live there.
    pub population: Option<u64>,
    /// Its GeoNames id.
    pub geonames_id: Option<GeoNameId>,
}

/// What kind of place a feature code names, as candidate ordering and
/// toponym resolution see it: the one classification both use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    /// An independent or dependent country, or a territory (`PCL*`, `TERR`).
    Country,
    /// An ocean, sea, gulf or bay.
    Water,
    /// A first-level division (`ADM1`, historical `ADM1H`).
    Division,
    /// A capital (`PPLC`).
    Capital,
    /// A named region or a continent (`RGN`, `CONT`).
    Region,
    /// The seat of a first-level division (`PPLA`).
    Seat,
    /// A second-level division or its seat (`ADM2`, `PPLA2`).
    Minor,
    /// Anything else (towns, villages, features), or no feature code.
    Other,
}

impl Place {
    /// The kind of place its feature code names.
    pub(crate) fn kind(&self) -> PlaceKind {
        use code::*;
        match self.feature_code.as_ref().map_or(0, FeatureCode::word) {
            PCLI | PCLD | PCLF | PCLS | PCLIX | PCLH | PCL | TERR => PlaceKind::Country,
            OCN | SEA | GULF | BAY => PlaceKind::Water,
            ADM1 | ADM1H => PlaceKind::Division,
            PPLC => PlaceKind::Capital,
            RGN | CONT => PlaceKind::Region,
            PPLA => PlaceKind::Seat,
            ADM2 | PPLA2 => PlaceKind::Minor,
            _ => PlaceKind::Other,
        }
    }

    /// A rank used to order the candidates of an ambiguous name before any
    /// context is seen: countries and seas, then first-level divisions,
    /// capitals, regions and seats, other divisions, then everything else
    /// (lower ranks first).
    pub(crate) fn type_rank(&self) -> u8 {
        match self.kind() {
            PlaceKind::Country | PlaceKind::Water => 0,
            PlaceKind::Division => 1,
            PlaceKind::Capital => 2,
            PlaceKind::Region | PlaceKind::Seat => 3,
            PlaceKind::Minor => 4,
            PlaceKind::Other => 5,
        }
    }

    /// True for a second-level division (feature code `ADM2`).
    pub(crate) fn is_second_level_division(&self) -> bool {
        self.feature_code.as_ref().is_some_and(|c| c.word() == code::ADM2)
    }

    /// True for a populated place (feature class P, or a `PPL*` code).
    pub(crate) fn is_populated(&self) -> bool {
        self.feature_class == Some(FeatureClass::PopulatedPlace)
            || self.feature_code.as_ref().is_some_and(|c| c.as_bytes().starts_with(b"PPL"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_codes_name_their_kind() {
        let table = [
            ("PCLI", PlaceKind::Country),
            ("pclix", PlaceKind::Country),
            ("TERR", PlaceKind::Country),
            ("SEA", PlaceKind::Water),
            ("ADM1H", PlaceKind::Division),
            ("ADM1", PlaceKind::Division),
            ("PPLC", PlaceKind::Capital),
            ("CONT", PlaceKind::Region),
            ("PPLA", PlaceKind::Seat),
            ("PPLA2", PlaceKind::Minor),
            ("PPLA3", PlaceKind::Other),
            ("PCLIXX", PlaceKind::Other),
            ("PPL", PlaceKind::Other),
            ("A", PlaceKind::Other),
        ];
        for (code, kind) in table {
            let p = Place { feature_code: Some(FeatureCode::new(code).expect("valid")), ..Place::default() };
            assert_eq!(p.kind(), kind, "{code}");
        }
        assert_eq!(Place::default().kind(), PlaceKind::Other);
    }

    #[test]
    fn codes() {
        assert_eq!(CountryCode::new("az").expect("valid").as_str(), "AZ");
        assert!(CountryCode::new("AZE").is_err());
        assert!(CountryCode::new("A1").is_err());
        assert_eq!(FeatureCode::new("pplc").expect("valid").as_str(), "PPLC");
        assert!(FeatureCode::new("PPL C").is_err());
        assert!(FeatureCode::new("").is_err());
    }
}

//! The GeoNames dump format: `allCountries.txt`, `citiesN.txt` and the
//! per-country files share 19 tab-separated columns; `admin1CodesASCII.txt`
//! and `countryInfo.txt` add first-level divisions and countries.
//!
//! Each row becomes a `LOC` entry with the id `gn:<geonameid>`, its name,
//! its ASCII name and alternate names as aliases, and its coordinates,
//! feature class and code, country, admin1 and admin2 codes and population. Divisions of
//! `admin1CodesASCII.txt` and countries of `countryInfo.txt` that the main
//! file lacks are added as entries without coordinates.

use std::io::Read;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use super::entry::{
    check_name, Coord, CountryCode, Entry, FeatureClass, FeatureCode, GeoNameId, Place, MAX_NAME_BYTES,
};
use super::load::{parse_num, Loaded, Loader, SeenIds};
use super::tsv::{column_of, fields_exact};
use crate::error::{LoadError, LoadErrorKind};
use crate::label::Label;

/// The files of a GeoNames download to load together.
///
/// # Example
///
/// ```no_run
/// use gazet::{GeoNamesFiles, Loader};
///
/// let files = GeoNamesFiles::new("cities500.txt")
///     .admin1("admin1CodesASCII.txt")
///     .country_info("countryInfo.txt");
/// let loaded = Loader::new().lenient(true).geonames(&files)?;
/// eprintln!("{} places, {} bad lines", loaded.entries().len(), loaded.skipped().len());
/// # Ok::<(), gazet::LoadError>(())
/// ```
#[derive(Clone, Debug)]
pub struct GeoNamesFiles {
    main: PathBuf,
    admin1: Option<PathBuf>,
    country_info: Option<PathBuf>,
    alternate_names: bool,
}

impl GeoNamesFiles {
    /// The main dump (`allCountries.txt`, `cities500.txt`, `AZ.txt`...).
    pub fn new<P: Into<PathBuf>>(main: P) -> GeoNamesFiles {
        GeoNamesFiles { main: main.into(), admin1: None, country_info: None, alternate_names: true }
    }

    /// Adds `admin1CodesASCII.txt`.
    pub fn admin1<P: Into<PathBuf>>(mut self, path: P) -> GeoNamesFiles {
        self.admin1 = Some(path.into());
        self
    }

    /// Adds `countryInfo.txt`.
    pub fn country_info<P: Into<PathBuf>>(mut self, path: P) -> GeoNamesFiles {
        self.country_info = Some(path.into());
        self
    }

    /// Whether to keep the `alternatenames` column as aliases (default yes).
    pub fn alternate_names(mut self, yes: bool) -> GeoNamesFiles {
        self.alternate_names = yes;
        self
    }
}

const COLUMNS: usize = 19;

pub(crate) fn load(loader: &Loader, files: &GeoNamesFiles) -> Result<Loaded, LoadError> {
    let mut out = load_main(loader, open(&files.main)?, Some(&files.main), files.alternate_names)?;
    let mut known: FxHashSet<u32> =
        out.entries.iter().filter_map(|e| e.place().and_then(|p| p.geonames_id)).map(|g| g.0).collect();
    if let Some(p) = &files.admin1 {
        let extra = load_admin1(loader, open(p)?, Some(p), &mut known)?;
        out.append(extra);
    }
    if let Some(p) = &files.country_info {
        let extra = load_country_info(loader, open(p)?, Some(p), &mut known)?;
        out.append(extra);
    }
    Ok(out)
}

fn open(path: &Path) -> Result<std::fs::File, LoadError> {
    std::fs::File::open(path)
        .map_err(|e| LoadError::new(LoadErrorKind::Io(e)).at(crate::error::Location::new(Some(path), None, None)))
}

fn is_usable_name(name: &str) -> bool {
    check_name(name).is_ok()
}

pub(crate) fn load_main<R: Read>(
    loader: &Loader,
    reader: R,
    path: Option<&Path>,
    alternate_names: bool,
) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    let mut seen = SeenIds::default();
    loader.for_each_line(reader, path, &mut out, |line_no, line, out| {
        let f = fields_exact(line, COLUMNS)?;
        let at = |i: usize| move |e: LoadError| e.with_column(column_of(line, i));
        let gid = parse_num::<u32>("geonameid", f[0])
            .map_err(at(0))?
            .ok_or_else(|| LoadError::new(LoadErrorKind::EmptyField("geonameid")).with_column(1))?;
        let name = f[1].trim();
        if !is_usable_name(name) {
            let kind = if name.len() > MAX_NAME_BYTES {
                LoadErrorKind::NameTooLong(name.len())
            } else {
                LoadErrorKind::EmptyName
            };
            return Err(LoadError::new(kind).with_column(column_of(line, 1)));
        }
        let lat = parse_num::<f64>("latitude", f[4]).map_err(at(4))?;
        let lon = parse_num::<f64>("longitude", f[5]).map_err(at(5))?;
        let mut place = Place { geonames_id: Some(GeoNameId(gid)), ..Place::default() };
        match (lat, lon) {
            (Some(lat), Some(lon)) => {
                place.coord = Some(Coord::new(lat, lon).map_err(|e| {
                    let i = if matches!(e.kind(), LoadErrorKind::LatitudeOutOfRange(_)) { 4 } else { 5 };
                    e.with_column(column_of(line, i))
                })?)
            }
            (None, None) => {}
            _ => return Err(LoadError::new(LoadErrorKind::HalfCoordinate).with_column(column_of(line, 4))),
        }
        if !f[6].trim().is_empty() {
            place.feature_class = Some(FeatureClass::from_letter(f[6].trim()).ok_or_else(|| {
                LoadError::new(LoadErrorKind::InvalidFeature(f[6].to_string())).with_column(column_of(line, 6))
            })?);
        }
        if !f[7].trim().is_empty() {
            place.feature_code = Some(FeatureCode::new(f[7].trim()).map_err(at(7))?);
        }
        if !f[8].trim().is_empty() {
            place.country = Some(CountryCode::new(f[8].trim()).map_err(at(8))?);
        }
        if !f[10].trim().is_empty() {
            place.admin1 = Some(f[10].trim().into());
        }
        if !f[11].trim().is_empty() {
            place.admin2 = Some(f[11].trim().into());
        }
        place.population = parse_num::<u64>("population", f[14]).map_err(at(14))?.filter(|&p| p > 0);

        let mut b = Entry::builder(&format!("gn:{gid}"), name, Label::Place);
        let ascii = f[2].trim();
        if !ascii.is_empty() && ascii != name {
            if is_usable_name(ascii) {
                b = b.alias(ascii);
            } else {
                out.dropped_aliases += 1;
            }
        }
        if alternate_names {
            for alt in f[3].split(',').map(str::trim).filter(|a| !a.is_empty()) {
                if is_usable_name(alt) {
                    b = b.alias(alt);
                } else {
                    out.dropped_aliases += 1;
                }
            }
        }
        let entry = b.place(place).build().map_err(at(1))?;
        seen.push(&mut out.entries, entry, line_no).map_err(at(0))
    })?;
    Ok(out)
}

/// `admin1CodesASCII.txt`: `CC.code \t name \t ascii name \t geonameid`.
fn load_admin1<R: Read>(
    loader: &Loader,
    reader: R,
    path: Option<&Path>,
    known: &mut FxHashSet<u32>,
) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    loader.for_each_line(reader, path, &mut out, |_, line, out| {
        let f = fields_exact(line, 4)?;
        let at = |i: usize| move |e: LoadError| e.with_column(column_of(line, i));
        let (cc, code) = f[0]
            .trim()
            .split_once('.')
            .ok_or_else(|| LoadError::new(LoadErrorKind::InvalidFeature(f[0].to_string())).with_column(1))?;
        let country = CountryCode::new(cc).map_err(at(0))?;
        let gid = parse_num::<u32>("geonameid", f[3])
            .map_err(at(3))?
            .ok_or_else(|| LoadError::new(LoadErrorKind::EmptyField("geonameid")).with_column(column_of(line, 3)))?;
        if !known.insert(gid) {
            return Ok(());
        }
        let place = Place {
            country: Some(country),
            admin1: Some(code.into()),
            feature_class: Some(FeatureClass::AdminDivision),
            feature_code: Some(FeatureCode::new("ADM1").map_err(at(0))?),
            geonames_id: Some(GeoNameId(gid)),
            ..Place::default()
        };
        let mut b = Entry::builder(&format!("gn:{gid}"), f[1].trim(), Label::Place).place(place);
        if f[2].trim() != f[1].trim() && is_usable_name(f[2].trim()) {
            b = b.alias(f[2].trim());
        }
        out.entries.push(b.build().map_err(at(1))?);
        Ok(())
    })?;
    Ok(out)
}

/// `countryInfo.txt`: `#` comments, then ISO, ISO3, ISO-Numeric, fips,
/// Country, Capital, Area, Population, Continent, tld, CurrencyCode,
/// CurrencyName, Phone, Postal Code Format, Postal Code Regex, Languages,
/// geonameid, neighbours, EquivalentFipsCode.
fn load_country_info<R: Read>(
    loader: &Loader,
    reader: R,
    path: Option<&Path>,
    known: &mut FxHashSet<u32>,
) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    loader.for_each_line(reader, path, &mut out, |_, line, out| {
        if line.starts_with('#') {
            return Ok(());
        }
        let f = fields_exact(line, 19)?;
        let at = |i: usize| move |e: LoadError| e.with_column(column_of(line, i));
        let country = CountryCode::new(f[0].trim()).map_err(at(0))?;
        let gid = parse_num::<u32>("geonameid", f[16])
            .map_err(at(16))?
            .ok_or_else(|| LoadError::new(LoadErrorKind::EmptyField("geonameid")).with_column(column_of(line, 16)))?;
        if !known.insert(gid) {
            return Ok(());
        }
        let place = Place {
            country: Some(country),
            feature_class: Some(FeatureClass::AdminDivision),
            feature_code: Some(FeatureCode::new("PCLI").map_err(at(0))?),
            population: parse_num::<u64>("population", f[7]).map_err(at(7))?.filter(|&p| p > 0),
            geonames_id: Some(GeoNameId(gid)),
            ..Place::default()
        };
        let mut b = Entry::builder(&format!("gn:{gid}"), f[4].trim(), Label::Place).place(place);
        if !f[5].trim().is_empty() {
            b = b.attr("capital", f[5].trim());
        }
        if !f[8].trim().is_empty() {
            b = b.attr("continent", f[8].trim());
        }
        out.entries.push(b.build().map_err(at(4))?);
        Ok(())
    })?;
    Ok(out)
}

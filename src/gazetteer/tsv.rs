//! Our TSV format: a header line names the columns, one entry per line.
//!
//! Required columns: `id`, `name`, `label`. Optional: `aliases`
//! (`|`-separated), `lat`, `lon`, `country`, `admin1`, `admin2`, `feature_class`,
//! `feature_code`, `population`, `geonameid`, `case_sensitive` and `common`
//! (`*`/`true` for every name of the entry, or the `|`-separated names the
//! flag applies to), `any_case` (boolean). Any other column becomes a free
//! attribute of the entry when its field is not empty. Lines starting with
//! `#` are comments. The name and each alias may end in `@` and its
//! language's code (`Москва@ru`), which [`crate::Name::language`] gives
//! back.

use std::io::Read;
use std::path::Path;

use rustc_hash::FxHashSet;

use super::entry::{Coord, CountryCode, Entry, FeatureClass, FeatureCode, GeoNameId, NameFlags, Place};
use super::load::{invalid_utf8, parse_bool, parse_num, read_block, trim_field, Loaded, Loader, SeenIds};
use crate::error::{LoadError, LoadErrorKind};
use crate::label::Label;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    Label,
    Aliases,
    Lat,
    Lon,
    Country,
    Admin1,
    Admin2,
    FeatureClass,
    FeatureCode,
    Population,
    GeoNameId,
    CaseSensitive,
    Common,
    AnyCase,
    Attr,
}

impl Column {
    fn from_header(h: &str) -> Column {
        match h {
            "id" => Column::Id,
            "name" => Column::Name,
            "label" | "type" => Column::Label,
            "aliases" => Column::Aliases,
            "lat" | "latitude" => Column::Lat,
            "lon" | "lng" | "longitude" => Column::Lon,
            "country" | "country_code" => Column::Country,
            "admin1" => Column::Admin1,
            "admin2" => Column::Admin2,
            "feature_class" => Column::FeatureClass,
            "feature_code" | "feature" => Column::FeatureCode,
            "population" => Column::Population,
            "geonameid" | "geonames_id" => Column::GeoNameId,
            "case_sensitive" => Column::CaseSensitive,
            "common" | "common_word" => Column::Common,
            "any_case" => Column::AnyCase,
            _ => Column::Attr,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Label => "label",
            Column::Aliases => "aliases",
            Column::Lat => "lat",
            Column::Lon => "lon",
            Column::Country => "country",
            Column::Admin1 => "admin1",
            Column::Admin2 => "admin2",
            Column::FeatureClass => "feature_class",
            Column::FeatureCode => "feature_code",
            Column::Population => "population",
            Column::GeoNameId => "geonameid",
            Column::CaseSensitive => "case_sensitive",
            Column::Common => "common",
            Column::AnyCase => "any_case",
            Column::Attr => "attribute",
        }
    }
}

struct Header {
    columns: Vec<(Column, String)>,
    /// The field index of each known column (by `Column as usize`; `Attr`
    /// columns are found by walking `columns`).
    index: [Option<usize>; Column::Attr as usize + 1],
}

impl Header {
    fn parse(line: &str) -> Result<Header, LoadError> {
        let mut columns: Vec<(Column, String)> = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        for (i, raw) in line.split('\t').enumerate() {
            let h = raw.trim().to_ascii_lowercase();
            if !seen.insert(h.clone()) {
                return Err(LoadError::new(LoadErrorKind::DuplicateColumn(h)).with_column(column_of(line, i)));
            }
            columns.push((Column::from_header(&h), h));
        }
        for required in [Column::Id, Column::Name, Column::Label] {
            if !columns.iter().any(|(c, _)| *c == required) {
                return Err(LoadError::new(LoadErrorKind::MissingColumn(required.name())).with_column(1));
            }
        }
        let mut index = [None; Column::Attr as usize + 1];
        for (i, (c, _)) in columns.iter().enumerate() {
            if *c != Column::Attr {
                index[*c as usize].get_or_insert(i);
            }
        }
        Ok(Header { columns, index })
    }
}

/// The 1-based character column where field `index` of a tab-separated line
/// starts.
pub(crate) fn column_of(line: &str, index: usize) -> u64 {
    let mut col = 1u64;
    for (i, field) in line.split('\t').enumerate() {
        if i == index {
            return col;
        }
        col += field.chars().count() as u64 + 1;
    }
    col
}

/// The tab-separated fields of a line, which must number `expected`.
pub(crate) fn fields_exact(line: &str, expected: usize) -> Result<Vec<&str>, LoadError> {
    let mut fields: Vec<&str> = Vec::with_capacity(expected);
    let mut start = 0;
    // (A plain loop: fields are short, and a search call per field costs
    // more than it saves.)
    for (tab, _) in line.bytes().enumerate().filter(|&(_, b)| b == b'\t') {
        fields.push(&line[start..tab]);
        start = tab + 1;
    }
    fields.push(&line[start..]);
    if fields.len() < expected {
        return Err(LoadError::new(LoadErrorKind::TooFewFields { expected, found: fields.len() })
            .with_column(line.chars().count() as u64 + 1));
    }
    if fields.len() > expected {
        return Err(LoadError::new(LoadErrorKind::TooManyFields { expected, found: fields.len() })
            .with_column(column_of(line, expected)));
    }
    Ok(fields)
}

pub(crate) fn load<R: Read>(loader: &Loader, mut reader: R, path: Option<&Path>) -> Result<Loaded, LoadError> {
    let io = |e| LoadError::new(LoadErrorKind::Io(e)).within(path, None);
    // Read until the header, the first line that is neither blank nor a
    // comment, is complete; the rest is read while the body is parsed.
    let mut data = Vec::new();
    let (header, body_start, body_line, eof) = loop {
        let eof = read_block(&mut reader, &mut data).map_err(io)?;
        if let Some((header, start, line)) = find_header(&data, eof, path)? {
            break (header, start, line, eof);
        }
        if eof {
            return Err(LoadError::new(LoadErrorKind::MissingHeader).within(path, None));
        }
    };
    let body = data.split_off(body_start);
    drop(data);
    let id_col = header.index[Column::Id as usize].unwrap_or(0);
    let mut seen = SeenIds::default();
    let mut out = Loaded::default();
    loader.parse_stream(
        reader,
        (body, eof),
        body_line,
        path,
        &mut out,
        |line| match line.starts_with('#') {
            true => Ok(None),
            false => parse_line(&header, line).map(|e| Some((e, column_of(line, id_col)))),
        },
        |line_no, (entry, id_column), out| {
            seen.push(&mut out.entries, entry, line_no).map_err(|e| e.with_column(id_column))
        },
    )?;
    Ok(out)
}

/// The header of `data` (the file's first bytes), the offset of the line
/// after it and that line's number; `None` when no complete header line is
/// there yet (`eof`: there is no more).
fn find_header(data: &[u8], eof: bool, path: Option<&Path>) -> Result<Option<(Header, usize, u64)>, LoadError> {
    let bom = if data.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut offset = bom;
    for (i, raw) in data[bom..].split_inclusive(|&b| b == b'\n').enumerate() {
        offset += raw.len();
        if !raw.ends_with(b"\n") && !eof {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(raw);
        let text = text.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        let line_no = i as u64 + 1;
        let line = std::str::from_utf8(raw).map_err(|e| invalid_utf8(raw, &e).within(path, Some(line_no)))?;
        let header = Header::parse(line.trim_end_matches(['\n', '\r'])).map_err(|e| e.within(path, Some(line_no)))?;
        return Ok(Some((header, offset, line_no + 1)));
    }
    Ok(None)
}

fn parse_line(header: &Header, line: &str) -> Result<Entry, LoadError> {
    let fields = fields_exact(line, header.columns.len())?;
    let field =
        |col: Column| -> Option<(usize, &str)> { header.index[col as usize].map(|i| (i, trim_field(fields[i]))) };
    let at = |i: usize| move |e: LoadError| e.with_column(column_of(line, i));

    let (id_i, id) = field(Column::Id).unwrap_or((0, ""));
    if id.is_empty() {
        return Err(LoadError::new(LoadErrorKind::EmptyField("id")).with_column(column_of(line, id_i)));
    }
    let (name_i, name) = field(Column::Name).unwrap_or((0, ""));
    if name.is_empty() {
        return Err(LoadError::new(LoadErrorKind::EmptyName).with_column(column_of(line, name_i)));
    }
    let (label_i, label) = field(Column::Label).unwrap_or((0, ""));
    let label: Label = label.parse().map_err(at(label_i))?;
    // (name, language) of the names written `name@code`.
    let mut langs: Vec<(&str, &str)> = Vec::new();
    let (name, lang) = split_language(name);
    if let Some(lang) = lang {
        langs.push((name, lang));
    }
    let mut names: Vec<(&str, NameFlags)> = vec![(name, NameFlags::default())];
    // The aliases' column, when there is an alias.
    let mut alias_col = None;
    if let Some((i, aliases)) = field(Column::Aliases) {
        for alias in aliases.split('|').map(trim_field).filter(|a| !a.is_empty()) {
            let (alias, lang) = split_language(alias);
            if let Some(lang) = lang {
                langs.push((alias, lang));
            }
            names.push((alias, NameFlags::default()));
            alias_col = Some(i);
        }
    }

    let mut place = Place::default();
    let mut is_place = false;
    let lat = match field(Column::Lat) {
        Some((i, v)) => parse_num::<f64>("lat", v).map_err(at(i))?,
        None => None,
    };
    let lon = match field(Column::Lon) {
        Some((i, v)) => parse_num::<f64>("lon", v).map_err(at(i))?,
        None => None,
    };
    match (lat, lon) {
        (Some(lat), Some(lon)) => {
            let lat_i = field(Column::Lat).map_or(0, |f| f.0);
            let lon_i = field(Column::Lon).map_or(0, |f| f.0);
            place.coord = Some(Coord::new(lat, lon).map_err(|e| {
                let i = if matches!(e.kind(), LoadErrorKind::LatitudeOutOfRange(_)) { lat_i } else { lon_i };
                e.with_column(column_of(line, i))
            })?);
            is_place = true;
        }
        (None, None) => {}
        _ => {
            let i = field(Column::Lat).map_or(0, |f| f.0);
            return Err(LoadError::new(LoadErrorKind::HalfCoordinate).with_column(column_of(line, i)));
        }
    }
    if let Some((i, v)) = field(Column::Country).filter(|(_, v)| !v.is_empty()) {
        place.country = Some(CountryCode::new(v).map_err(at(i))?);
        is_place = true;
    }
    if let Some((_, v)) = field(Column::Admin1).filter(|(_, v)| !v.is_empty()) {
        place.admin1 = Some(v.into());
        is_place = true;
    }
    if let Some((_, v)) = field(Column::Admin2).filter(|(_, v)| !v.is_empty()) {
        place.admin2 = Some(v.into());
        is_place = true;
    }
    if let Some((i, v)) = field(Column::FeatureClass).filter(|(_, v)| !v.is_empty()) {
        place.feature_class = Some(FeatureClass::from_letter(v).ok_or_else(|| {
            LoadError::new(LoadErrorKind::InvalidFeature(v.to_string())).with_column(column_of(line, i))
        })?);
        is_place = true;
    }
    if let Some((i, v)) = field(Column::FeatureCode).filter(|(_, v)| !v.is_empty()) {
        place.feature_code = Some(FeatureCode::new(v).map_err(at(i))?);
        is_place = true;
    }
    if let Some((i, v)) = field(Column::Population) {
        place.population = parse_num::<u64>("population", v).map_err(at(i))?;
        is_place |= place.population.is_some();
    }
    if let Some((i, v)) = field(Column::GeoNameId) {
        place.geonames_id = parse_num::<u32>("geonameid", v).map_err(at(i))?.map(GeoNameId);
        is_place |= place.geonames_id.is_some();
    }
    let any_case = match field(Column::AnyCase) {
        Some((i, v)) => parse_bool("any_case", v).map_err(at(i))?,
        None => false,
    };
    for (col, flag) in [(Column::CaseSensitive, "case_sensitive"), (Column::Common, "common")] {
        if let Some((i, v)) = field(col) {
            apply_flag(&mut names, flag, v).map_err(at(i))?;
        }
    }
    let mut attrs = Vec::new();
    for (i, (col, header_name)) in header.columns.iter().enumerate() {
        let v = trim_field(fields[i]);
        if *col == Column::Attr && !v.is_empty() {
            attrs.push((header_name.as_str().into(), v.into()));
        }
    }
    let place = is_place.then(|| Box::new(place));
    Entry::assemble(id, &names, &langs, label, any_case, place, attrs).map_err(|e| {
        // Point at the name or alias that failed, when one did.
        let col = if matches!(e.kind(), LoadErrorKind::EmptyName | LoadErrorKind::NameTooLong(_)) {
            alias_col.unwrap_or(name_i)
        } else {
            name_i
        };
        e.with_column(column_of(line, col))
    })
}

/// Applies a `case_sensitive` or `common` field: `*`/true for every name,
/// false/empty for none, or a `|`-separated list of names.
fn apply_flag(names: &mut [(&str, NameFlags)], flag: &'static str, value: &str) -> Result<(), LoadError> {
    let set = |f: &mut NameFlags| match flag {
        "case_sensitive" => f.case_sensitive = true,
        _ => f.common_word = true,
    };
    let v = trim_field(value);
    let all = if v == "*" { Some(true) } else { parse_bool(flag, v).ok() };
    if all == Some(true) {
        names.iter_mut().for_each(|n| set(&mut n.1));
        return Ok(());
    }
    if all == Some(false) {
        return Ok(());
    }
    // One pass over the names with the wanted ones in a set: both lists
    // may be long.
    let wanted: Vec<&str> = v.split('|').map(trim_field).filter(|w| !w.is_empty()).collect();
    let wanted_set: FxHashSet<&str> = wanted.iter().copied().collect();
    let mut found: FxHashSet<&str> = FxHashSet::default();
    for n in names.iter_mut() {
        if let Some(&w) = wanted_set.get(n.0) {
            set(&mut n.1);
            found.insert(w);
        }
    }
    match wanted.iter().find(|w| !found.contains(*w)) {
        Some(w) => Err(LoadError::new(LoadErrorKind::UnknownName { field: flag, name: w.to_string() })),
        None => Ok(()),
    }
}

/// An alias and its language when it ends in `@` and a language code of
/// two or three lowercase letters, with an optional region
/// (`Москва@ru`, `Moscou@fr`, `Moscou@pt-BR`); otherwise the alias as
/// written.
fn split_language(alias: &str) -> (&str, Option<&str>) {
    if let Some((name, code)) = alias.rsplit_once('@') {
        let (lang, region) = code.split_once('-').unwrap_or((code, ""));
        let lang_ok = (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase());
        let region_ok = region.is_empty() || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase()));
        if lang_ok && region_ok && !name.trim().is_empty() {
            return (name.trim_end(), Some(code));
        }
    }
    (alias, None)
}

#[cfg(test)]
mod tests {
    use super::split_language;
    use crate::gazetteer::load::Loader;

    /// A file whose header comes after the first block (100 bytes in unit
    /// tests) and whose lines cross block edges: a BOM, comments, a blank
    /// line, a CRLF header, 40 entries, and a last line without a newline.
    fn file() -> String {
        let mut text = String::from(
            "\u{FEFF}# The first comment is long enough to fill most of one block on its own, and more.\n# two\n\nid\tname\tlabel\r\n",
        );
        for i in 0..40 {
            text.push_str(&format!("e{i}\tPlace number {i} of this file\tLOC\n"));
        }
        text.push_str("last\tFinal Place\tLOC");
        text
    }

    #[test]
    fn lines_read_in_blocks_keep_their_order_and_numbers() {
        let loaded = Loader::new().tsv_reader(file().as_bytes(), None).expect("valid");
        let ids: Vec<&str> = loaded.entries().iter().map(|e| e.id()).collect();
        let mut want: Vec<String> = (0..40).map(|i| format!("e{i}")).collect();
        want.push("last".into());
        assert_eq!(ids, want);
        assert_eq!(loaded.entries()[40].name(), "Final Place");

        // The header is line 4, so entry eN is on line N + 5.
        let table = [
            ("e25\tPlace number 25 of this file\t", "e25\t--\t", 30, "name is empty"),
            ("e3\tPlace number 3 ", "e1\tPlace number 3 ", 8, "line 6"),
            ("last\tFinal Place\tLOC", "last\tFinal Place\tL?C", 45, "label"),
        ];
        for (from, to, line, says) in table {
            let bad = file().replacen(from, to, 1);
            let err = Loader::new().tsv_reader(bad.as_bytes(), None).expect_err(to);
            assert_eq!(err.location().line(), Some(line), "{err}");
            assert!(err.to_string().contains(says), "{err}");
            let lenient = Loader::new().lenient(true).tsv_reader(bad.as_bytes(), None).expect("lenient");
            assert_eq!(lenient.entries().len(), 40, "{to}");
            assert_eq!(lenient.skipped().len(), 1, "{to}");
        }
    }

    #[test]
    fn a_name_or_alias_may_say_its_language() {
        let table = [
            ("Москва@ru", ("Москва", Some("ru"))),
            ("Moscou@pt-BR", ("Moscou", Some("pt-BR"))),
            ("Մոսկվա@hy", ("Մոսկվա", Some("hy"))),
            ("Moskau", ("Moskau", None)),
            ("Yahoo@Work", ("Yahoo@Work", None)),
            ("@ru", ("@ru", None)),
            ("x@russian", ("x@russian", None)),
            ("x@ru-b", ("x@ru-b", None)),
        ];
        for (alias, want) in table {
            assert_eq!(split_language(alias), want, "{alias}");
        }
        let text = "id\tname\tlabel\taliases\tcase_sensitive\nm\tMoscow\tLOC\tМосква@ru|Moskau@de|MSK\tMSK\n";
        let loaded = Loader::new().tsv_reader(text.as_bytes(), None).expect("valid");
        let e = &loaded.entries()[0];
        let names: Vec<(&str, Option<&str>, bool)> =
            e.names().map(|n| (n.as_str(), n.language(), n.flags().case_sensitive)).collect();
        assert_eq!(
            names,
            [
                ("Moscow", None, false),
                ("Москва", Some("ru"), false),
                ("Moskau", Some("de"), false),
                ("MSK", None, true)
            ]
        );
        // The name may say its language too.
        let text = "id\tname\tlabel\taliases\ndem\tармянский@ru\tNORP\tармянские@ru|армяне\n";
        let loaded = Loader::new().tsv_reader(text.as_bytes(), None).expect("valid");
        let names: Vec<(&str, Option<&str>)> =
            loaded.entries()[0].names().map(|n| (n.as_str(), n.language())).collect();
        assert_eq!(names, [("армянский", Some("ru")), ("армянские", Some("ru")), ("армяне", None)]);
    }
}

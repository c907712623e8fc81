//! Loaders: what each format reads, and every malformed line giving an
//! error that says where and what, or being skipped and reported.

use std::path::{Path, PathBuf};

use gazet::{FeatureClass, GeoNamesFiles, Label, LoadErrorKind, Loader};

const TSV_HEADER: &str = "id\tname\tlabel\taliases\tlat\tlon\tcountry\tpopulation\tcase_sensitive\tsource\n";

#[test]
fn tsv_reads_every_column() {
    let tsv = format!(
        "# comment\n{TSV_HEADER}\
         gn:587084\tBaku\tLOC\tBakı | Bakou\t40.37767\t49.89201\taz\t2351300\t\tgeonames\n\
         \n\
         org:aa\tAnadolu Agency\tORG\tAA\t\t\t\t\tAA\thand-kept\n"
    );
    let loaded = Loader::new().tsv_reader(tsv.as_bytes(), None).expect("valid");
    let [baku, aa] = loaded.entries() else { panic!("two entries") };
    assert_eq!(baku.id(), "gn:587084");
    assert_eq!(baku.label(), &Label::Place);
    let aliases: Vec<&str> = baku.aliases().map(|n| n.as_str()).collect();
    assert_eq!(aliases, ["Bakı", "Bakou"]);
    let place = baku.place().expect("a place");
    assert_eq!(place.country.map(|c| c.to_string()), Some("AZ".into()));
    assert_eq!(place.population, Some(2_351_300));
    assert_eq!(baku.coord().map(|c| (c.lat, c.lon)), Some((40.37767, 49.89201)));
    assert_eq!(baku.attr("source"), Some("geonames"));
    assert!(aa.place().is_none());
    assert!(!aa.names().get(0).expect("name").flags().case_sensitive);
    assert!(aa.names().get(1).expect("alias").flags().case_sensitive);
}

/// (TSV body after the header, expected error message)
const TSV_ERRORS: &[(&str, &str)] = &[
    ("x\tBaku\tLOC\t\t\t\t\t\t", "<input>:2:17: expected 10 tab-separated fields, found 9"),
    ("x\tBaku\tLOC\t\t\t\t\t\t\t\textra", "<input>:2:19: expected 10 tab-separated fields, found 11"),
    ("\tBaku\tLOC\t\t\t\t\t\t\t", "<input>:2:1: field 'id' is empty"),
    ("x\t\tLOC\t\t\t\t\t\t\t", "<input>:2:3: name is empty or has no letter or digit"),
    ("x\t  \tLOC\t\t\t\t\t\t\t", "<input>:2:3: name is empty or has no letter or digit"),
    ("x\t---\tLOC\t\t\t\t\t\t\t", "<input>:2:3: name is empty or has no letter or digit"),
    ("x\tBaku\tLOC\t...\t\t\t\t\t\t", "<input>:2:12: name is empty or has no letter or digit"),
    (
        "x\tBaku\tplace of birth\t\t\t\t\t\t\t",
        "<input>:2:8: unknown label 'place of birth' (built in: PER, LOC, ORG, NORP; a user label is a letter \
         followed by letters, digits, '_' or '-')",
    ),
    ("x\tBaku\tLOC\t\t91\t49.9\t\t\t\t", "<input>:2:13: latitude 91 is outside [-90, 90]"),
    ("x\tBaku\tLOC\t\t40.4\t-180.5\t\t\t\t", "<input>:2:18: longitude -180.5 is outside [-180, 180]"),
    ("x\tBaku\tLOC\t\tnorth\t49.9\t\t\t\t", "<input>:2:13: field 'lat': 'north' is not a number"),
    ("x\tBaku\tLOC\t\t40.4\t\t\t\t\t", "<input>:2:13: latitude and longitude must be given together"),
    ("x\tBaku\tLOC\t\t\t\tAZE\t\t\t", "<input>:2:15: country code 'AZE' is not two ASCII letters"),
    ("x\tBaku\tLOC\t\t\t\t\t-5\t\t", "<input>:2:16: field 'population': '-5' is not a number"),
    (
        "x\tBaku\tLOC\tBakı\t\t\t\t\tBAKU\t",
        "<input>:2:21: field 'case_sensitive' names 'BAKU', which is not a name of this entry",
    ),
];

#[test]
fn tsv_errors_say_where_and_what() {
    for (body, want) in TSV_ERRORS {
        let tsv = format!("{TSV_HEADER}{body}\n");
        let err = Loader::new().tsv_reader(tsv.as_bytes(), None).expect_err(body);
        assert_eq!(err.to_string(), *want, "for line {body:?}");
        assert_eq!(err.location().line(), Some(2));
    }
}

#[test]
fn tsv_header_errors() {
    let table: &[(&str, &str)] = &[
        ("id\tname\n", "<input>:1:1: header has no 'label' column"),
        ("id\tname\tlabel\tname\n", "<input>:1:15: header names column 'name' twice"),
        ("# only comments\n\n", "no header line"),
        ("", "no header line"),
    ];
    for (tsv, want) in table {
        let err = Loader::new().lenient(true).tsv_reader(tsv.as_bytes(), None).expect_err(tsv);
        assert_eq!(err.to_string(), *want);
    }
}

#[test]
fn tsv_long_names_invalid_utf8_and_duplicates() {
    let long = "a".repeat(gazet::MAX_NAME_BYTES + 1);
    let tsv = format!("{TSV_HEADER}x\t{long}\tLOC\t\t\t\t\t\t\t\n");
    let err = Loader::new().tsv_reader(tsv.as_bytes(), None).expect_err("too long");
    assert!(matches!(err.kind(), LoadErrorKind::NameTooLong(1025)));
    assert_eq!(err.location().column(), Some(3));

    let mut bytes = TSV_HEADER.as_bytes().to_vec();
    bytes.extend_from_slice(b"x\tBa\xFFku\tLOC\t\t\t\t\t\t\t\n");
    let err = Loader::new().tsv_reader(&bytes[..], None).expect_err("invalid UTF-8");
    assert_eq!(err.to_string(), "<input>:2:5: line is not valid UTF-8");

    let tsv =
        format!("{TSV_HEADER}x\tBaku\tLOC\t\t\t\t\t\t\t\ny\tLachin\tLOC\t\t\t\t\t\t\t\nx\tMoscow\tLOC\t\t\t\t\t\t\t\n");
    let err = Loader::new().tsv_reader(tsv.as_bytes(), None).expect_err("duplicate");
    assert_eq!(err.to_string(), "<input>:4:1: id 'x' is already used on line 2");
}

#[test]
fn lenient_mode_skips_and_reports_every_bad_line() {
    let mut tsv = TSV_HEADER.to_string();
    let mut bad_lines = Vec::new();
    for (i, (body, _)) in TSV_ERRORS.iter().enumerate() {
        tsv.push_str(&format!("good{i}\tPlace {i}\tLOC\t\t\t\t\t\t\t\n"));
        // Header is line 1; good line at 2 + 2i, bad line at 3 + 2i.
        tsv.push_str(&body.replacen("x\t", &format!("bad{i}\t"), 1));
        tsv.push('\n');
        bad_lines.push(3 + 2 * i as u64);
    }
    let loaded = Loader::new().lenient(true).tsv_reader(tsv.as_bytes(), Some(Path::new("g.tsv"))).expect("lenient");
    assert_eq!(loaded.entries().len(), TSV_ERRORS.len());
    let skipped: Vec<u64> = loaded.skipped().iter().map(|e| e.location().line().expect("line")).collect();
    assert_eq!(skipped, bad_lines);
    assert!(loaded.skipped().iter().all(|e| e.location().path() == Some(Path::new("g.tsv"))));
    assert!(loaded.skipped()[0].to_string().starts_with("g.tsv:3:"));
}

#[test]
fn jsonl_reads_entries() {
    let jsonl = r#"{"id": "org:aa", "name": "Anadolu Agency", "label": "ORG", "aliases": ["Anadolu", {"name": "AA", "case_sensitive": true}], "attrs": {"kind": "news agency", "founded": 1920}}
{"id": "gn:147625", "name": "Laçın", "label": "LOC", "language": "az", "aliases": ["Lachin", {"name": "Лачин", "language": "ru"}], "lat": 39.63742, "lon": 46.54977, "country": "AZ", "admin1": "28", "admin2": "2801", "feature_class": "P", "feature_code": "PPLA", "population": 2300, "geonameid": 147625}
{"id": "dis:ebola", "name": "Ebola", "label": "DISEASE", "any_case": true, "common": true}
"#;
    let loaded = Loader::new().jsonl_reader(jsonl.as_bytes(), None).expect("valid");
    let [aa, lachin, ebola] = loaded.entries() else { panic!("three entries") };
    assert!(aa.names().get(2).expect("alias").flags().case_sensitive);
    assert!(!aa.names().get(1).expect("alias").flags().case_sensitive);
    assert_eq!(aa.attr("founded"), Some("1920"));
    let p = lachin.place().expect("place");
    assert_eq!(p.feature_class, Some(FeatureClass::PopulatedPlace));
    assert_eq!(p.feature_code.map(|c| c.to_string()), Some("PPLA".into()));
    assert_eq!(p.geonames_id.map(|g| g.0), Some(147625));
    assert_eq!(p.admin1.as_deref(), Some("28"));
    assert_eq!(p.admin2.as_deref(), Some("2801"));
    let langs: Vec<(&str, Option<&str>)> = lachin.names().map(|n| (n.as_str(), n.language())).collect();
    assert_eq!(langs, [("Laçın", Some("az")), ("Lachin", None), ("Лачин", Some("ru"))]);
    assert_eq!(aa.names().get(2).expect("alias").language(), None);
    assert_eq!(ebola.label().as_str(), "DISEASE");
    assert!(ebola.any_case());
    assert!(ebola.names().get(0).expect("name").flags().common_word);
}

#[test]
fn jsonl_errors_say_where_and_what() {
    let table: &[(&str, &str)] = &[
        (r#"{"id": "x", "name": "Baku", "label": "LOC""#, "<input>:2:42: invalid JSON entry: EOF while parsing an object"),
        (r#"{"id": "x", "label": "LOC"}"#, "<input>:2:27: invalid JSON entry: missing field `name`"),
        (r#"{"id": "x", "name": "Baku", "label": "LOC", "lattitude": 4}"#, "<input>:2:55: invalid JSON entry: unknown field `lattitude`, expected one of `id`, `name`, `label`, `aliases`, `case_sensitive`, `common`, `any_case`, `language`, `lat`, `lon`, `country`, `admin1`, `admin2`, `feature_class`, `feature_code`, `population`, `geonameid`, `attrs`"),
        (r#"{"id": "x", "name": "Baku", "label": "LOC", "lat": 40, "lon": 200}"#, "<input>:2:56: longitude 200 is outside [-180, 180]"),
        (r#"{"id": "x", "name": "Baku", "label": "LOC", "lat": -95, "lon": 20}"#, "<input>:2:45: latitude -95 is outside [-90, 90]"),
        (r#"{"id": "x", "name": "Baku", "label": "LOC", "lat": 40}"#, "<input>:2:45: latitude and longitude must be given together"),
        (r#"{"id": "x", "name": "  ", "label": "LOC"}"#, "<input>:2:13: name is empty or has no letter or digit"),
        (r#"{"id": "", "name": "Baku", "label": "LOC"}"#, "<input>:2:2: field 'id' is empty"),
        (r#"{"id": "x", "name": "Baku", "label": "L O C"}"#, "<input>:2:29: unknown label 'L O C' (built in: PER, LOC, ORG, NORP; a user label is a letter followed by letters, digits, '_' or '-')"),
        (r#"{"id": "x", "name": "Baku", "label": "LOC", "country": "Azerbaijan"}"#, "<input>:2:45: country code 'Azerbaijan' is not two ASCII letters"),
        (r#"{"id": "y", "name": "Baku", "label": "LOC"}"#, "<input>:2:2: id 'y' is already used on line 1"),
    ];
    let first = r#"{"id": "y", "name": "Lachin", "label": "LOC"}"#;
    for (line, want) in table {
        let jsonl = format!("{first}\n{line}\n");
        let err = Loader::new().jsonl_reader(jsonl.as_bytes(), None).expect_err(line);
        assert_eq!(err.to_string(), *want, "for {line}");
        let loaded = Loader::new().lenient(true).jsonl_reader(jsonl.as_bytes(), None).expect("lenient");
        assert_eq!(loaded.entries().len(), 1);
        assert_eq!(loaded.skipped().len(), 1);
        assert_eq!(loaded.skipped()[0].location().line(), Some(2));
    }
}

/// A temporary directory removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("gazet-test-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn write(&self, name: &str, body: &str) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, body).expect("write");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A GeoNames dump row from id, name, alternate names, lat, lon, feature
/// class, feature code, country, admin1 and population.
fn geonames_row(f: [&str; 10]) -> String {
    geonames_row_in(f, "")
}

/// [`geonames_row`] with an admin2 code.
fn geonames_row_in(f: [&str; 10], a2: &str) -> String {
    let [id, name, alt, lat, lon, class, code, cc, a1, pop] = f;
    format!("{id}\t{name}\t{name}\t{alt}\t{lat}\t{lon}\t{class}\t{code}\t{cc}\t\t{a1}\t{a2}\t\t\t{pop}\t\t28\tAsia/Baku\t2024-01-01\n")
}

#[test]
fn geonames_dump_with_companions() {
    let dir = TempDir::new("geonames");
    let main = format!(
        "{}{}",
        geonames_row([
            "587084",
            "Baku",
            "Bakı,Bakou,BAK,–,Baku",
            "40.37767",
            "49.89201",
            "P",
            "PPLC",
            "AZ",
            "09",
            "2351300"
        ]),
        geonames_row_in(
            ["147625", "Laçın", "Lachin,Lacin", "39.63742", "46.54977", "P", "PPLA", "AZ", "28", "2300"],
            "2801"
        ),
    );
    let main = dir.write("cities500.txt", &main);
    let admin1 = dir.write("admin1CodesASCII.txt", "AZ.09\tBaku\tBaku\t587081\nAZ.28\tLaçın\tLacin\t147626\n");
    let info = dir.write(
        "countryInfo.txt",
        "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\tCurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\tgeonameid\tneighbours\tEquivalentFipsCode\n\
         AZ\tAZE\t031\tAJ\tAzerbaijan\tBaku\t86600\t10224900\tAS\t.az\tAZN\tManat\t994\tAZ ####\t^(?:AZ )*(\\d{4})$\taz,ru,hy\t587116\tGE,IR,AM,TR,RU\t\n",
    );
    let files = GeoNamesFiles::new(&main).admin1(&admin1).country_info(&info);
    let loaded = Loader::new().geonames(&files).expect("valid");
    let ids: Vec<&str> = loaded.entries().iter().map(|e| e.id()).collect();
    assert_eq!(ids, ["gn:587084", "gn:147625", "gn:587081", "gn:147626", "gn:587116"]);
    let baku = &loaded.entries()[0];
    let names: Vec<&str> = baku.names().map(|n| n.as_str()).collect();
    // The ASCII name equal to the name is not repeated; "12" has no letter.
    assert_eq!(names, ["Baku", "Bakı", "Bakou", "BAK"]);
    assert_eq!(loaded.dropped_aliases(), 1);
    let p = baku.place().expect("place");
    assert_eq!(p.feature_code.map(|c| c.to_string()), Some("PPLC".into()));
    assert_eq!(p.admin1.as_deref(), Some("09"));
    assert_eq!(p.admin2, None);
    let lachin = loaded.entries()[1].place().expect("place");
    assert_eq!((lachin.admin1.as_deref(), lachin.admin2.as_deref()), (Some("28"), Some("2801")));
    let az = &loaded.entries()[4];
    assert_eq!(az.name(), "Azerbaijan");
    assert_eq!(az.attr("capital"), Some("Baku"));
    assert_eq!(az.place().and_then(|p| p.population), Some(10_224_900));
    assert!(az.coord().is_none());

    // The same through `Loader::path`.
    let by_ext = Loader::new().path(&main).expect("valid");
    assert_eq!(by_ext.entries().len(), 2);
}

#[test]
fn geonames_errors() {
    let dir = TempDir::new("geonames-errors");
    let good = geonames_row(["1", "Baku", "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"]);
    let table: &[(String, &str)] = &[
        ("1\tBaku\n".to_string(), ":2:7: expected 19 tab-separated fields, found 2"),
        (
            geonames_row(["2", "Baku", "", "140.4", "49.9", "P", "PPLC", "AZ", "09", "1"]),
            ":2:14: latitude 140.4 is outside [-90, 90]",
        ),
        (
            geonames_row(["2", "Baku", "", "40.4", "east", "P", "PPLC", "AZ", "09", "1"]),
            ":2:19: field 'longitude': 'east' is not a number",
        ),
        (
            geonames_row(["2", "Baku", "", "40.4", "49.9", "Q", "PPLC", "AZ", "09", "1"]),
            ":2:24: 'Q' is not a GeoNames feature class or code",
        ),
        (
            geonames_row(["2", "Baku", "", "40.4", "49.9", "P", "PPLC", "AZE", "09", "1"]),
            ":2:31: country code 'AZE' is not two ASCII letters",
        ),
        (
            geonames_row(["2", "", "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"]),
            ":2:3: name is empty or has no letter or digit",
        ),
        (
            geonames_row(["1", "Baku", "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"]),
            ":2:1: id 'gn:1' is already used on line 1",
        ),
        (
            format!("x{}", geonames_row(["2", "Baku", "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"])),
            ":2:1: field 'geonameid': 'x2' is not a number",
        ),
    ];
    for (i, (bad, want)) in table.iter().enumerate() {
        let path = dir.write(&format!("bad{i}.txt"), &format!("{good}{bad}"));
        let err = Loader::new().geonames(&GeoNamesFiles::new(&path)).expect_err(want);
        assert_eq!(err.to_string(), format!("{}{want}", path.display()));
        let loaded = Loader::new().lenient(true).geonames(&GeoNamesFiles::new(&path)).expect("lenient");
        assert_eq!(loaded.entries().len(), 1);
        assert_eq!(loaded.skipped().len(), 1);
    }
    let missing = dir.0.join("missing.txt");
    let err = Loader::new().geonames(&GeoNamesFiles::new(&missing)).expect_err("missing file");
    assert!(err.to_string().starts_with(&format!("{}: cannot read:", missing.display())));
}

/// Bad lines of every kind in every format, including the companion files
/// of a GeoNames download: each an error that names the file, line and
/// column, and in lenient mode a skipped line reported with the same.
#[test]
fn bad_lines_in_every_format() {
    #[derive(Clone, Copy, Debug)]
    enum File {
        Jsonl,
        GeoNames,
        Admin1,
        CountryInfo,
    }
    let dir = TempDir::new("bad-lines");
    let long = "a".repeat(gazet::MAX_NAME_BYTES + 1);
    let jsonl_ok = r#"{"id": "ok", "name": "Lachin", "label": "LOC"}"#.to_string();
    let gn_ok = geonames_row(["1", "Baku", "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"]);
    let admin1_ok = "AZ.09\tBaku\tBaku\t587081\n".to_string();
    let info_ok =
        "AZ\tAZE\t031\tAJ\tAzerbaijan\tBaku\t86600\t10224900\tAS\t.az\tAZN\tManat\t994\t\t\taz\t587116\tGE\t\n";
    let info_row = |cc: &str, pop: &str, gid: &str| {
        format!("{cc}\tXXX\t000\tXX\tSomewhere\tTown\t1\t{pop}\tAS\t.x\tXXX\tX\t1\t\t\tx\t{gid}\t\t\n")
    };
    // (what, file, bad line (the good line comes first), expected message after "path:")
    let table: Vec<(&str, File, Vec<u8>, String)> = vec![
        (
            "JSONL not UTF-8",
            File::Jsonl,
            b"{\"id\": \"x\", \"name\": \"Ba\xFFku\", \"label\": \"LOC\"}".to_vec(),
            "2:24: line is not valid UTF-8".into(),
        ),
        (
            "JSONL name over 1 KB",
            File::Jsonl,
            format!(r#"{{"id": "x", "name": "{long}", "label": "LOC"}}"#).into_bytes(),
            "2:13: name is 1025 bytes long, more than the limit of 1024".into(),
        ),
        (
            "JSONL alias only spaces",
            File::Jsonl,
            br#"{"id": "x", "name": "Baku", "label": "LOC", "aliases": [" "]}"#.to_vec(),
            "2:13: name is empty or has no letter or digit".into(),
        ),
        (
            "JSONL not an object",
            File::Jsonl,
            b"[1, 2]".to_vec(),
            "2:2: invalid JSON entry: invalid type: integer `1`, expected a string".into(),
        ),
        ("GeoNames not UTF-8", File::GeoNames, b"2\tBa\xFFku\n".to_vec(), "2:5: line is not valid UTF-8".into()),
        (
            "GeoNames name over 1 KB",
            File::GeoNames,
            geonames_row(["2", &long, "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"]).into_bytes(),
            "2:3: name is 1025 bytes long, more than the limit of 1024".into(),
        ),
        (
            "GeoNames name only spaces",
            File::GeoNames,
            geonames_row(["2", "   ", "", "40.4", "49.9", "P", "PPLC", "AZ", "09", "1"]).into_bytes(),
            "2:3: name is empty or has no letter or digit".into(),
        ),
        (
            "GeoNames longitude out of range",
            File::GeoNames,
            geonames_row(["2", "Baku", "", "40.4", "180.1", "P", "PPLC", "AZ", "09", "1"]).into_bytes(),
            "2:19: longitude 180.1 is outside [-180, 180]".into(),
        ),
        (
            "GeoNames half a coordinate",
            File::GeoNames,
            geonames_row(["2", "Baku", "", "40.4", "", "P", "PPLC", "AZ", "09", "1"]).into_bytes(),
            "2:14: latitude and longitude must be given together".into(),
        ),
        (
            "GeoNames too many columns",
            File::GeoNames,
            format!("{}\textra", gn_ok.trim_end().replacen('1', "2", 1)).into_bytes(),
            "2:68: expected 19 tab-separated fields, found 20".into(),
        ),
        (
            "admin1 not UTF-8",
            File::Admin1,
            b"AZ.28\tLa\xC3\xA7\xFFn\tLacin\t147626".to_vec(),
            "2:10: line is not valid UTF-8".into(),
        ),
        (
            "admin1 missing columns",
            File::Admin1,
            b"AZ.28\tLachin".to_vec(),
            "2:13: expected 4 tab-separated fields, found 2".into(),
        ),
        (
            "admin1 code without country",
            File::Admin1,
            b"AZ28\tLachin\tLachin\t147626".to_vec(),
            "2:1: 'AZ28' is not a GeoNames feature class or code".into(),
        ),
        (
            "admin1 bad country",
            File::Admin1,
            b"AZE.28\tLachin\tLachin\t147626".to_vec(),
            "2:1: country code 'AZE' is not two ASCII letters".into(),
        ),
        (
            "admin1 bad geonameid",
            File::Admin1,
            b"AZ.28\tLachin\tLachin\tx".to_vec(),
            "2:21: field 'geonameid': 'x' is not a number".into(),
        ),
        (
            "admin1 empty name",
            File::Admin1,
            b"AZ.28\t \tLachin\t147626".to_vec(),
            "2:7: name is empty or has no letter or digit".into(),
        ),
        (
            "countryInfo missing columns",
            File::CountryInfo,
            b"AM\tARM\t051".to_vec(),
            "2:11: expected 19 tab-separated fields, found 3".into(),
        ),
        (
            "countryInfo bad country",
            File::CountryInfo,
            info_row("A1", "1", "174982").into_bytes(),
            "2:1: country code 'A1' is not two ASCII letters".into(),
        ),
        (
            "countryInfo bad population",
            File::CountryInfo,
            info_row("AM", "many", "174982").into_bytes(),
            "2:32: field 'population': 'many' is not a number".into(),
        ),
        (
            "countryInfo bad geonameid",
            File::CountryInfo,
            info_row("AM", "1", "-1").into_bytes(),
            "2:52: field 'geonameid': '-1' is not a number".into(),
        ),
    ];
    for (i, (what, file, bad, want)) in table.iter().enumerate() {
        let good: &str = match file {
            File::Jsonl => &jsonl_ok,
            File::GeoNames => &gn_ok,
            File::Admin1 => &admin1_ok,
            File::CountryInfo => info_ok,
        };
        let mut data = good.trim_end_matches('\n').as_bytes().to_vec();
        data.push(b'\n');
        data.extend_from_slice(bad);
        data.push(b'\n');
        let path = dir.0.join(format!("bad{i}.txt"));
        std::fs::write(&path, &data).expect("write");
        let main = dir.write(&format!("main{i}.txt"), &gn_ok);
        let load = |lenient: bool| {
            let loader = Loader::new().lenient(lenient);
            match file {
                File::Jsonl => loader.jsonl_path(&path),
                File::GeoNames => loader.geonames(&GeoNamesFiles::new(&path)),
                File::Admin1 => loader.geonames(&GeoNamesFiles::new(&main).admin1(&path)),
                File::CountryInfo => loader.geonames(&GeoNamesFiles::new(&main).country_info(&path)),
            }
        };
        let err = load(false).expect_err(what);
        assert_eq!(err.to_string(), format!("{}:{want}", path.display()), "{what}");
        let loaded = load(true).expect(what);
        assert_eq!(loaded.skipped().len(), 1, "{what}");
        assert_eq!(loaded.skipped()[0].to_string(), err.to_string(), "{what}");
    }
}

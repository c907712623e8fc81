//! The figures the READMEs state that the code can give back, checked
//! against it: the sample output of `examples/data/caucasus.txt` at the top
//! of README.md, the counts of the bundled gazetteer (README.md and
//! gazetteers/README.md) and of the rule lists (gazetteers/README.md). Only
//! files of the repository are read.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use gazet::{Extractor, Gazetteer, Label};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{ROOT}/{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(Gazetteer::bundled()).expect("bundled gazetteer builds"))
}

/// `12,345` as a number.
fn number(s: &str) -> u64 {
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    digits.parse().unwrap_or_else(|e| panic!("{s:?} is no number: {e}"))
}

/// The number written just before `phrase` in `text` (whitespace runs read
/// as one space).
fn stated_before(text: &str, phrase: &str) -> u64 {
    let at = text.find(phrase).unwrap_or_else(|| panic!("{phrase:?} is not in the text"));
    let before = text[..at].trim_end();
    let start = before.rfind(|c: char| !(c.is_ascii_digit() || c == ',')).map_or(0, |i| i + 1);
    number(&before[start..])
}

/// The section of `doc` under the heading `heading`, whitespace runs as one
/// space.
fn section(doc: &str, heading: &str) -> String {
    let at = doc.find(heading).unwrap_or_else(|| panic!("no {heading:?}"));
    let rest = &doc[at + heading.len()..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    rest[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells of the table row of `doc` whose first cell starts with `first`.
fn row<'a>(doc: &'a str, first: &str) -> Vec<&'a str> {
    let line = doc
        .lines()
        .find(|l| l.starts_with("| ") && l[2..].starts_with(first))
        .unwrap_or_else(|| panic!("no table row starting with {first:?}"));
    line.trim_matches('|').split(" | ").map(str::trim).collect()
}

/// What the bundled gazetteer holds, counted by the categories the READMEs
/// use.
fn counts() -> BTreeMap<&'static str, u64> {
    let gaz = extractor().gazetteer();
    let mut c: BTreeMap<&'static str, u64> = BTreeMap::new();
    for (_, e) in gaz.iter() {
        *c.entry("entries").or_default() += 1;
        *c.entry("names").or_default() += e.names().len() as u64;
        let code = e.place().and_then(|p| p.feature_code.as_ref()).map(|f| f.as_str().to_string()).unwrap_or_default();
        let kind = match e.label() {
            Label::Nationality => "nationalities",
            Label::Organization => "organisations",
            Label::Person => "people",
            _ if e.id().starts_with("cur:") => "regions",
            _ if code == "PCLI" => "countries",
            _ if code == "CONT" => "continents",
            _ if code == "ADM1" => "adm1",
            _ if code == "ADM2" => "adm2",
            _ if ["STM", "CNL", "DLTA"].contains(&code.as_str()) => "rivers",
            _ if ["LK", "LKN", "RSV"].contains(&code.as_str()) => "lakes",
            // cities500 rows: populated places, a few with another code.
            _ if code.starts_with("PPL") || e.id().starts_with("gn:") => "cities500",
            _ => "other",
        };
        *c.entry(kind).or_default() += 1;
    }
    c
}

#[test]
fn the_bundled_gazetteer_has_the_counts_the_readmes_state() {
    let got = counts();
    assert_eq!(got.get("other"), None, "every entry is in a category the READMEs count: {got:?}");

    let readme = section(&read("README.md"), "## The bundled gazetteer");
    let stated = [
        ("countries", "countries and"),
        ("adm1", "first-level and"),
        ("adm2", "second-level divisions"),
        ("cities500", "GeoNames populated places"),
        ("regions", "named regions"),
        ("rivers", "rivers and"),
        ("lakes", "lakes (Natural Earth)"),
        ("nationalities", "nationalities linked"),
        ("organisations", "organisations ("),
        ("people", "people:"),
        ("entries", "entries with"),
        ("names", "names (`cargo test"),
    ];
    for (kind, phrase) in stated {
        assert_eq!(stated_before(&readme, phrase), got[kind], "README.md: {kind} ({phrase:?})");
    }

    let doc = read("gazetteers/README.md");
    let rows = [
        ("countries", "countries and"),
        ("continents", "continents"),
        ("adm1", "first-level divisions"),
        ("adm2", "second-level divisions"),
        ("cities500", "populated places"),
        ("regions", "regions, disputed"),
        ("rivers", "rivers ("),
        ("lakes", "lakes ("),
        ("nationalities", "nationalities"),
        ("organisations", "organisations"),
        ("people", "people"),
    ];
    for (kind, first) in rows {
        assert_eq!(number(row(&doc, first)[1]), got[kind], "gazetteers/README.md: {kind}");
    }
    let total = row(&doc, "**total**")[1].trim_matches('*').to_string();
    assert_eq!(stated_before(&total, "rows"), got["entries"], "gazetteers/README.md: total rows");
    assert_eq!(stated_before(&total, "names"), got["names"], "gazetteers/README.md: total names");
}

#[test]
fn the_word_lists_have_the_counts_gazetteers_readme_states() {
    let doc = read("gazetteers/README.md");
    let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteers/lang/en"))
        .expect("the English pack")
        .map(|e| e.expect("a folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.len() > 30, "{files:?}");
    for file in files {
        let list = read(&format!("gazetteers/lang/en/{file}"));
        let entries = list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).count() as u64;
        assert_eq!(number(row(&doc, &format!("`{file}`"))[1]), entries, "gazetteers/README.md: {file}");
    }
}

#[test]
fn the_readme_sample_is_what_extract_gives() {
    let readme = read("README.md");
    let start = readme.find("```text\n").expect("the sample block") + "```text\n".len();
    let block = &readme[start..start + readme[start..].find("```").expect("its end")];
    let mut lines = block.lines();
    let header = lines.next().expect("a header line");
    let col = |name: &str| header.find(name).unwrap_or_else(|| panic!("no column {name}"));
    let (text_at, id_at, name_at) = (col(" text") + 1, col(" id") + 1, col(" name") + 1);
    let rows: Vec<(usize, usize, String, String, String, String)> = lines
        .map(|l| {
            let cells: Vec<&str> = l[..text_at].split_whitespace().collect();
            (
                number(cells[0]) as usize,
                number(cells[1]) as usize,
                cells[2].to_string(),
                l[text_at..id_at].trim().to_string(),
                l[id_at..name_at].trim().to_string(),
                l[name_at..].trim().to_string(),
            )
        })
        .collect();
    assert!(rows.len() >= 5, "the sample has rows: {block}");

    let text = read("examples/data/caucasus.txt");
    let spans = extractor().extract(&text);
    let got: Vec<(usize, usize, String, String, String, String)> = spans
        .iter()
        .map(|s| {
            let entry = s.entry();
            (
                s.start(),
                s.end(),
                s.label().as_str().to_string(),
                s.as_str().to_string(),
                entry.map_or("-", |e| e.id()).to_string(),
                entry.map_or("-", |e| e.name()).to_string(),
            )
        })
        .collect();
    // The sample shows some of the rows, in order.
    let mut from = 0;
    for r in &rows {
        let at = got[from..].iter().position(|g| g == r).unwrap_or_else(|| panic!("{r:?} is not in\n{got:#?}"));
        from += at + 1;
    }
}

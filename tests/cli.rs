//! The `extract` example as users run it: every format, files, directories,
//! standard input, passed-through fields, and errors that are reported
//! without stopping the run. Text and gazetteers are ours, written here.
//!
//! `cargo test` builds the examples before it runs the tests; the binary is
//! looked up next to this test's own executable.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

#[path = "common/extract.rs"]
mod extract;

/// Runs `extract` with `args` and `stdin`, in `dir`.
fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    extract::run(dir, args, stdin.as_bytes())
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh directory for one test's files.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gazet-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
    std::fs::write(path, text).expect("write");
}

const ARTICLE: &str = "Azerbaijan’s Defense Ministry said on Monday that President Ilham Aliyev met Turkish officials in Baku.\n\nFrom Kəlbəcər the road leads to Lachin.\n";

const CORPUS: &str = concat!(
    r#"{"id": "a1", "text": "Storms hit Georgia; Atlanta lost power.", "source": "wire", "date": "2026-11-02"}"#,
    "\n",
    r#"{"id": "a2", "text": "Ministers met in Tbilisi, Georgia, and flew to Yerevan."}"#,
    "\n\n",
    "this line is not JSON\n",
    r#"{"id": 4, "text": "Kəlbəcər and Şuşa < Baku & more"}"#,
    "\n",
    r#"{"text": 5}"#,
    "\n",
);

#[test]
fn table_names_each_entity_with_its_entry() {
    let dir = workdir("table");
    write(&dir, "article.txt", ARTICLE);
    let o = run(&dir, &["article.txt", "--color", "never"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("# article.txt\n"), "{out}");
    let rows: Vec<Vec<&str>> = out.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    let find = |text: &str| rows.iter().find(|r| r[3] == text).unwrap_or_else(|| panic!("{text} in\n{out}"));
    assert_eq!(find("Baku")[2], "LOC");
    assert_eq!(find("Turkish")[2], "NORP");
    assert_eq!(find("Kəlbəcər")[0..2], ["112", "123"], "byte offsets");
    assert!(!out.contains('\u{1b}'), "no colour when asked for none");
    assert!(stderr(&o).contains("extract: 1 documents"), "summary: {}", stderr(&o));

    let coloured = stdout(&run(&dir, &["article.txt", "--color", "always"], ""));
    assert!(coloured.contains("\u{1b}["), "ANSI colour on request");
}

#[test]
fn jsonl_writes_a_line_per_document_and_reports_bad_lines() {
    let dir = workdir("jsonl");
    write(&dir, "corpus.jsonl", CORPUS);
    let o = run(&dir, &["corpus.jsonl"], "");
    assert_eq!(o.status.code(), Some(1), "bad lines make the run fail at the end");
    let err = stderr(&o);
    assert!(err.contains("corpus.jsonl:4: "), "line number of the bad line: {err}");
    assert!(err.contains("corpus.jsonl:6: field 'text' is not a string"), "{err}");
    assert!(err.contains("3 documents") && err.contains("2 errors"), "{err}");
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 3, "one line per good document");
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["source"], "wire", "other fields pass through");
    assert_eq!(lines[0]["date"], "2026-11-02");
    assert!(lines[0].get("text").is_none(), "text only with --keep-text");
    let georgia = &lines[0]["entities"][0];
    assert_eq!((georgia["text"].as_str(), georgia["country"].as_str()), (Some("Georgia"), Some("US")));
    let georgia = &lines[1]["entities"][1];
    assert_eq!((georgia["text"].as_str(), georgia["country"].as_str()), (Some("Georgia"), Some("GE")));
    assert_eq!(lines[2]["id"], 4);
    let text = "Kəlbəcər and Şuşa < Baku & more";
    for e in lines[2]["entities"].as_array().expect("entities") {
        let (s, e_) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
        assert_eq!(&text[s..e_], e["text"], "byte offsets into the text");
    }

    let kept = run(&dir, &["corpus.jsonl", "--keep-text", "-q"], "");
    let first: Value = serde_json::from_str(stdout(&kept).lines().next().expect("a line")).expect("JSON");
    assert_eq!(first["text"], "Storms hit Georgia; Atlanta lost power.");
    assert!(stderr(&kept).lines().all(|l| !l.contains("documents")), "--quiet: no summary");
}

#[test]
fn json_is_one_array_of_the_documents() {
    let dir = workdir("json");
    write(&dir, "corpus.jsonl", CORPUS);
    let o = run(&dir, &["corpus.jsonl", "--format", "json"], "");
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON document");
    let docs = v.as_array().expect("an array");
    assert_eq!(docs.iter().map(|d| d["id"].clone()).collect::<Vec<_>>(), [Value::from("a1"), "a2".into(), 4.into()]);
    let empty = run(&dir, &["--format", "json", "--jsonl"], "");
    assert_eq!(stdout(&empty), "[]\n", "no documents, an empty array");
}

#[test]
fn conll_tags_every_token() {
    let dir = workdir("conll");
    let o = run(&dir, &["--format", "conll"], "President Ilham Aliyev flew to Nagorno-Karabakh.");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("# id"), "standard input has no id");
    let tags: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        tags,
        [
            "President\tO",
            "Ilham\tB-PER",
            "Aliyev\tI-PER",
            "flew\tO",
            "to\tO",
            "Nagorno\tB-LOC",
            "Karabakh\tI-LOC",
            ".\tO"
        ]
    );
    write(&dir, "corpus.jsonl", CORPUS);
    let docs = stdout(&run(&dir, &["corpus.jsonl", "-f", "conll"], ""));
    assert_eq!(docs.lines().filter(|l| l.starts_with("# id = ")).count(), 3);
    assert!(docs.contains("# id = \"a1\"\nStorms\tO\nhit\tO\nGeorgia\tB-LOC\n"), "{docs}");
}

#[test]
fn spacy_spans_use_character_offsets_and_keep_the_fields_in_meta() {
    let dir = workdir("spacy");
    write(&dir, "corpus.jsonl", CORPUS);
    let o = run(&dir, &["corpus.jsonl", "--format", "spacy"], "");
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["meta"]["id"], "a1");
    assert_eq!(lines[0]["meta"]["source"], "wire");
    let doc = &lines[2];
    let text: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
    let spans = doc["spans"].as_array().expect("spans");
    assert!(!spans.is_empty());
    for s in spans {
        let (a, b) = (s["start"].as_u64().expect("start") as usize, s["end"].as_u64().expect("end") as usize);
        let covered: String = text[a..b].iter().collect();
        assert!(["Kəlbəcər", "Şuşa", "Baku"].contains(&covered.as_str()), "{covered}");
    }
    assert_eq!(spans[1]["start"], 13, "Şuşa starts at character 13 (byte 17)");
}

#[test]
fn geojson_collects_the_places_of_all_documents() {
    let dir = workdir("geojson");
    write(&dir, "corpus.jsonl", CORPUS);
    let o = run(&dir, &["corpus.jsonl", "--format", "geojson"], "");
    let fc: Value = serde_json::from_str(&stdout(&o)).expect("GeoJSON");
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().expect("features");
    let named = |n: &str| features.iter().filter(|f| f["properties"]["name"] == n).collect::<Vec<_>>();
    assert_eq!(named("Georgia").len(), 2, "the US state and the country are two places");
    let baku = named("Baku");
    assert_eq!(baku.len(), 1);
    let [lon, lat] = [&baku[0]["geometry"]["coordinates"][0], &baku[0]["geometry"]["coordinates"][1]];
    assert!((lat.as_f64().expect("lat") - 40.4).abs() < 0.5 && (lon.as_f64().expect("lon") - 49.9).abs() < 0.5);
    assert_eq!(baku[0]["properties"]["spans"][0][0], "4", "spans name their document");
}

#[test]
fn html_highlights_escaped_text_and_draws_a_map() {
    let dir = workdir("html");
    write(&dir, "corpus.jsonl", CORPUS);
    let o = run(&dir, &["corpus.jsonl", "--format", "html", "--title", "Wire <copy>"], "");
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>Wire &lt;copy&gt;</title>"));
    assert_eq!(page.matches("<section class=\"doc\">").count(), 3);
    assert!(page.contains("&lt; <mark class=\"ent LOC\""), "text escaped around marks");
    assert!(page.contains("&amp; more"));
    assert!(!page.contains("< Baku"), "no raw text markup");
    let svg = &page[page.find("<svg").expect("a map")..page.find("</svg>").expect("end of map")];
    assert!(svg.matches("<circle").count() >= 5, "a circle per place");
    assert!(svg.contains("class=\"land hit\""), "countries with places are shaded");
    assert!(svg.contains("<title>Azerbaijan</title>"));
}

#[test]
fn directories_are_read_recursively_in_name_order() {
    let dir = workdir("dirs");
    write(&dir, "news/b/second.txt", "Talks in Yerevan.");
    write(&dir, "news/a.txt", "Talks in Baku.");
    write(&dir, "news/.hidden/skip.txt", "Talks in Moscow.");
    write(&dir, "news/c/more.jsonl", "{\"id\": \"j\", \"text\": \"Talks in Ankara.\"}\n");
    let o = run(&dir, &["news", "--format", "jsonl"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["news/a.txt", "news/b/second.txt", "j"]);
    let names: Vec<&str> = lines.iter().map(|l| l["entities"][0]["text"].as_str().expect("entity")).collect();
    assert_eq!(names, ["Baku", "Yerevan", "Ankara"]);
}

#[test]
fn an_unreadable_file_is_reported_and_the_run_goes_on() {
    let dir = workdir("missing");
    write(&dir, "a.txt", "Talks in Baku.");
    let o = run(&dir, &["missing.txt", "a.txt", "-f", "jsonl"], "");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("extract: missing.txt: "), "{err}");
    assert_eq!(stdout(&o).lines().count(), 1, "a.txt still done");
}

/// The JSON lines of a run, and its standard error.
fn jsonl_run(dir: &Path, args: &[&str]) -> (Vec<Value>, String) {
    let o = run(dir, args, "");
    let err = stderr(&o);
    assert!(o.status.success(), "warnings are no failure: {err}");
    (stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect(), err)
}

/// `(text, label, country)` of each entity of a JSON document, the text
/// sliced from `decoded` by the entity's byte offsets.
fn entities<'a>(doc: &'a Value, decoded: &'a str) -> Vec<(&'a str, &'a str, &'a str)> {
    let list = doc["entities"].as_array().expect("entities");
    list.iter()
        .map(|e| {
            let (s, t) = (e["start"].as_u64().expect("start") as usize, e["end"].as_u64().expect("end") as usize);
            let text = decoded.get(s..t).expect("offsets into the decoded text");
            assert_eq!(text, e["text"], "offsets into the decoded text");
            (text, e["label"].as_str().expect("label"), e["country"].as_str().unwrap_or("-"))
        })
        .collect()
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_warning() {
    let dir = workdir("lossy");
    // One bad byte (a Latin-1 ü) at byte 20, places on both sides of it.
    std::fs::write(dir.join("one-bad-byte.txt"), b"Ministers from Baku \xfc then flew to Yerevan.").expect("write");
    let (docs, err) = jsonl_run(&dir, &["one-bad-byte.txt", "-f", "jsonl", "-q"]);
    assert!(err.contains("extract: warning: one-bad-byte.txt: invalid UTF-8 at byte 20;"), "{err}");
    let decoded = "Ministers from Baku \u{fffd} then flew to Yerevan.";
    assert_eq!(entities(&docs[0], decoded), [("Baku", "LOC", "AZ"), ("Yerevan", "LOC", "AM")]);
    let field = &docs[0]["decoded"];
    assert_eq!(field["first_invalid_byte"], 20);
    assert_eq!(field["lossy"], true);
    assert_eq!(field["offsets"], "into the decoded text");
    // Yerevan starts at byte 35 of the file and two bytes further on in the
    // decoded text (U+FFFD is three bytes where the file had one).
    assert_eq!(docs[0]["entities"][1]["start"], 37);

    // A JSONL line: the warning names the line and the byte in it.
    let mut jsonl = br#"{"id": "ok", "text": "Storms hit Baku."}"#.to_vec();
    jsonl.extend_from_slice(b"\n{\"id\": \"bad\", \"text\": \"Storms \xff hit Yerevan.\"}\n");
    std::fs::write(dir.join("docs.jsonl"), jsonl).expect("write");
    let (docs, err) = jsonl_run(&dir, &["docs.jsonl", "-q"]);
    assert!(err.contains("extract: warning: docs.jsonl:2: invalid UTF-8 at byte 30 of the line;"), "{err}");
    assert!(docs[0].get("decoded").is_none(), "a good line has no decoded field");
    assert_eq!(entities(&docs[1], "Storms \u{fffd} hit Yerevan."), [("Yerevan", "LOC", "AM")]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_declared_legacy_encoding_is_decoded() {
    let dir = workdir("encoding");
    let russian = "Россия и Армения подписали новое соглашение.";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(russian);
    assert!(!unmappable);
    assert_eq!(bytes.len(), russian.chars().count(), "one byte a letter in windows-1251");
    std::fs::write(dir.join("ru.txt"), &bytes).expect("write");
    let (docs, err) = jsonl_run(&dir, &["--encoding", "windows-1251", "ru.txt", "-f", "jsonl", "-q"]);
    assert!(err.is_empty(), "nothing to warn about: {err}");
    assert_eq!(entities(&docs[0], russian), [("Россия", "LOC", "RU"), ("Армения", "LOC", "AM")]);
    assert_eq!(docs[0]["decoded"]["encoding"], "windows-1251");
    assert_eq!(docs[0]["decoded"]["offsets"], "into the decoded text");
    // Labels are the WHATWG ones: cp1251 is the same encoding.
    let (again, _) = jsonl_run(&dir, &["--encoding", "cp1251", "ru.txt", "-f", "jsonl", "-q"]);
    assert_eq!(again, docs);
    // Undeclared, the same bytes are not UTF-8: read lossily, with a warning.
    let (lossy, err) = jsonl_run(&dir, &["ru.txt", "-f", "jsonl", "-q"]);
    assert!(err.contains("ru.txt: invalid UTF-8 at byte 0;") && err.contains("--encoding"), "{err}");
    assert_eq!(lossy[0]["decoded"]["lossy"], true);
    // windows-1254 (Turkish) too.
    let turkish = "Türkiye ve Azerbaycan İstanbul'da görüştü.";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1254.encode(turkish);
    assert!(!unmappable);
    std::fs::write(dir.join("tr.txt"), &bytes).expect("write");
    let (docs, _) = jsonl_run(&dir, &["--encoding", "windows-1254", "tr.txt", "-f", "jsonl", "-q"]);
    let found = entities(&docs[0], turkish);
    // The suffix after the apostrophe is part of the written word.
    assert!(found.contains(&("İstanbul'da", "LOC", "TR")), "{found:?}");
    // UTF-16 (not ASCII-compatible): a text file is decoded, JSONL lines
    // cannot be cut in it and are refused.
    let utf16: Vec<u8> = "Talks in Baku.".encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.join("u16.txt"), &utf16).expect("write");
    let (docs, _) = jsonl_run(&dir, &["--encoding", "utf-16le", "u16.txt", "-f", "jsonl", "-q"]);
    assert_eq!(entities(&docs[0], "Talks in Baku."), [("Baku", "LOC", "AZ")]);
    std::fs::write(dir.join("u16.jsonl"), &utf16).expect("write");
    let refused = run(&dir, &["--encoding", "utf-16le", "u16.jsonl", "-q"], "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("u16.jsonl: JSONL cannot be read as UTF-16LE"), "{}", stderr(&refused));
    // An unknown encoding stops the run before it starts.
    let bad = run(&dir, &["--encoding", "klingon-8", "ru.txt"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown encoding \"klingon-8\""), "{}", stderr(&bad));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn labels_and_extra_gazetteers() {
    let dir = workdir("gazetteer");
    write(
        &dir,
        "ships.tsv",
        "id\tname\tlabel\taliases\tcountry\tfeature_code\tpopulation\tcase_sensitive\tany_case\n\
         ship:1\tBlue Heron\tSHIP\t\t\t\t\t\t\n",
    );
    let text = "The Blue Heron left Baku for Aktau.";
    let only = stdout(&run(&dir, &["--gazetteer", "ships.tsv", "--no-default", "-f", "jsonl", "--no-rules"], text));
    let v: Value = serde_json::from_str(only.trim()).expect("JSON");
    let labels: Vec<&str> =
        v["entities"].as_array().expect("entities").iter().map(|e| e["label"].as_str().expect("label")).collect();
    assert_eq!(labels, ["SHIP"], "only the user's gazetteer");
    let both = stdout(&run(&dir, &["-g", "ships.tsv", "-f", "jsonl", "--labels", "SHIP,LOC"], text));
    let v: Value = serde_json::from_str(both.trim()).expect("JSON");
    let texts: Vec<&str> =
        v["entities"].as_array().expect("entities").iter().map(|e| e["text"].as_str().expect("text")).collect();
    assert_eq!(texts, ["Blue Heron", "Baku", "Aktau"]);
    let bad = run(&dir, &["--gazetteer", "nope.tsv"], text);
    assert_eq!(bad.status.code(), Some(2), "a gazetteer that cannot load stops the run");
    assert!(stderr(&bad).contains("nope.tsv"), "{}", stderr(&bad));
}

#[test]
fn a_saved_extractor_gives_the_same_output() {
    let dir = workdir("saved");
    write(&dir, "gaz.tsv", "id\tname\tlabel\nship:1\tKesselvind Star\tSHIP\n");
    let built = run(&dir, &["-g", "gaz.tsv", "--save", "x.gzx", "-f", "jsonl", "-q"], ARTICLE);
    assert!(built.status.success(), "{}", stderr(&built));
    let text = format!("{ARTICLE} The Kesselvind Star sailed.");
    let fresh = run(&dir, &["-g", "gaz.tsv", "-f", "jsonl", "-q"], &text);
    let saved = run(&dir, &["--saved", "x.gzx", "-f", "jsonl", "-q"], &text);
    assert!(saved.status.success(), "{}", stderr(&saved));
    assert_eq!(stdout(&saved), stdout(&fresh));
    assert!(stdout(&saved).contains("\"SHIP\""), "{}", stdout(&saved));
    // Not a saved extractor: exit status 2 and the file's name.
    write(&dir, "bad.gzx", "id\tname\tlabel\n");
    let bad = run(&dir, &["--saved", "bad.gzx"], "Baku");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bad.gzx: not a saved gazet extractor"), "{}", stderr(&bad));
    // Options of the build do not go with --saved.
    let both = run(&dir, &["--saved", "x.gzx", "--no-rules"], "Baku");
    assert_eq!(both.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_resolve_keeps_the_default_order() {
    let dir = workdir("no-resolve");
    let text = "Storms hit Georgia; Atlanta lost power.";
    let country = |args: &[&str]| -> String {
        let o = run(&dir, args, text);
        assert!(o.status.success(), "{}", stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
        let georgia = &v["entities"][0];
        assert_eq!(georgia["text"], "Georgia");
        georgia["country"].as_str().expect("country").to_string()
    };
    assert_eq!(country(&["-f", "jsonl", "-q"]), "US", "resolved by Atlanta");
    assert_eq!(country(&["-f", "jsonl", "-q", "--no-resolve"]), "GE", "the country comes first");
    assert_eq!(country(&["-f", "jsonl", "-q", "--no-resolve", "--no-rules"]), "GE");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn resolve_mode_gives_one_entity_per_given_span() {
    let dir = workdir("resolve");
    // Another NER's spans: byte offsets in the first document, character
    // offsets in the second (the emoji and ə make them differ).
    let bytes = r#"{"id": "a", "text": "Talks between Georgia and Tbilisi's partners resumed.", "spans": [{"start": 26, "end": 35}, {"start": 14, "end": 21}, [0, 5]]}"#;
    let chars = r#"{"id": "b", "text": "😀 Kəlbəcər and Zembrovia", "spans": [{"start": 2, "end": 10}, {"start": 15, "end": 24}]}"#;
    std::fs::write(dir.join("bytes.jsonl"), format!("{bytes}\n")).expect("write");
    std::fs::write(dir.join("chars.jsonl"), format!("{chars}\n")).expect("write");
    let (docs, _) = jsonl_run(&dir, &["--resolve", "-q", "bytes.jsonl"]);
    let text = "Talks between Georgia and Tbilisi's partners resumed.";
    let got: Vec<(&str, &str, &str)> = entities(&docs[0], text);
    assert_eq!(got, [("Tbilisi's", "LOC", "GE"), ("Georgia", "LOC", "GE"), ("Talks", "LOC", "-")]);
    assert_eq!(docs[0]["entities"][1]["id"], "gn:614540");
    assert!(docs[0]["entities"][2].get("id").is_none(), "a span that names nothing has no entry");
    let (docs, _) = jsonl_run(&dir, &["--resolve", "--offsets", "chars", "-q", "chars.jsonl"]);
    let text = "😀 Kəlbəcər and Zembrovia";
    assert_eq!(entities(&docs[0], text), [("Kəlbəcər", "LOC", "AZ"), ("Zembrovia", "LOC", "-")]);
    // Spans that are no spans of the text: the document is reported, the
    // run goes on and fails.
    std::fs::write(
        dir.join("bad.jsonl"),
        format!("{}\n{bytes}\n", r#"{"id": "c", "text": "Şuşa", "spans": [{"start": 1, "end": 4}]}"#),
    )
    .expect("write");
    let o = run(&dir, &["--resolve", "-q", "bad.jsonl"], "");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("offset 1 is inside a character"), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "the good document is still written");
    let o = run(&dir, &["--resolve", "-q", "--jsonl"], r#"{"id": "d", "text": "Baku"}"#);
    assert!(stderr(&o).contains("'spans'"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn language_is_detected_or_fixed() {
    let dir = workdir("language");
    let text = "Heyet Ankara'da toplandı.";
    std::fs::write(dir.join("tr.txt"), text).expect("write");
    // Detected: Turkish, whose suffix after the apostrophe is part of the word.
    let (docs, _) = jsonl_run(&dir, &["tr.txt", "-f", "jsonl", "-q"]);
    assert_eq!(entities(&docs[0], text), [("Ankara'da", "LOC", "TR")]);
    assert_eq!(docs[0]["entities"][0]["inflected"], true);
    // Fixed: English reads the name alone.
    let (docs, _) = jsonl_run(&dir, &["--language", "en", "tr.txt", "-f", "jsonl", "-q"]);
    assert_eq!(entities(&docs[0], text), [("Ankara", "LOC", "TR")]);
    // A code with no pack is refused, naming the packs.
    let o = run(&dir, &["--language", "xx", "tr.txt"], "");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no language pack for \"xx\"") && stderr(&o).contains("ru"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

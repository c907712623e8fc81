//! The `extract` example reading a plain-text file in windows
//! (`--window-size`): the file's entities as when it is read whole, each
//! once, at offsets into the whole file, whatever the window size and so
//! wherever the cuts fall; CRLF, no blank lines, no newlines at all,
//! multi-byte characters, bad UTF-8 and legacy encodings; the formats that
//! need the whole text refuse. Texts and gazetteers are ours, written here.
//!
//! Most runs use a small gazetteer of our own (`--no-default`), which
//! starts in milliseconds, so that every window size from 1 to 120 bytes
//! can be tried; one test runs the bundled gazetteer and the rules.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

#[path = "common/extract.rs"]
mod extract;
use extract::run;

/// Runs `extract` with our gazetteer and `args`, and returns its standard
/// output, checking that it succeeded.
fn ours(dir: &Path, args: &[&str]) -> String {
    let mut all = vec!["--no-default", "-g", "places.tsv", "-q"];
    all.extend_from_slice(args);
    let o = run(dir, &all, b"");
    assert!(o.status.success(), "{all:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

/// A fresh directory with our gazetteer and the texts.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gazet-windows-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("places.tsv"), GAZETTEER).expect("write gazetteer");
    for (file, text) in texts() {
        std::fs::write(dir.join(file), text).expect("write text");
    }
    dir
}

/// Places of our own, a person and an organisation; Cyrillic and
/// Azerbaijani names among them.
const GAZETTEER: &str = "id\tname\tlabel\taliases\tlat\tlon\tcountry\tfeature_code\tpopulation\n\
    loc:baku\tBaku\tLOC\tBakı\t40.38\t49.89\tAZ\tPPLC\t2300000\n\
    loc:agdam\tAğdam\tLOC\tAgdam\t40.02\t46.99\tAZ\tPPLA2\t30000\n\
    loc:shusha\tŞuşa\tLOC\tShusha|Шуша\t39.76\t46.75\tAZ\tPPLA2\t4000\n\
    loc:ganja\tGanja\tLOC\tГянджа\t40.68\t46.36\tAZ\tPPLA\t330000\n\
    loc:tbilisi\tTbilisi\tLOC\t\t41.69\t44.83\tGE\tPPLC\t1100000\n\
    loc:kalbajar\tKəlbəcər\tLOC\tKalbajar\t40.10\t46.04\tAZ\tPPLA2\t7000\n\
    loc:new-york\tNew York\tLOC\t\t40.71\t-74.00\tUS\tPPL\t8000000\n\
    loc:washington\tWashington\tLOC\t\t38.90\t-77.04\tUS\tPPLC\t700000\n\
    loc:istanbul\tIstanbul\tLOC\t\t41.01\t28.95\tTR\tPPLA\t15000000\n\
    loc:yerevan\tYerevan\tLOC\t\t40.18\t44.51\tAM\tPPLC\t1000000\n\
    loc:lachin\tLachin\tLOC\tLaçın\t39.64\t46.55\tAZ\tPPLA2\t10000\n\
    loc:caspian\tCaspian Sea\tLOC\t\t42.00\t50.50\t\tLK\t\n\
    per:mammadova\tLeyla Mammadova\tPER\t\t\t\t\t\t\n\
    org:water-board\tCaspian Water Board\tORG\t\t\t\t\t\t\n";

/// Paragraphs of different lengths, a blank line of spaces and tabs, two
/// blank lines in a row, names of one and several words, Azerbaijani and
/// Cyrillic letters around them.
const TEXT: &str = "Ministers gathered in Bakı before the talks on water.\n\
    The convoy from Ağdam reached Şuşa at dusk.\n\
    \n\
    Officials in Гянджа and Tbilisi traded notes about the bridge near Kəlbəcər.\n\
    \x20\t\n\
    Корреспондент писал из Шуша. Leyla Mammadova filed from New York; her editor waited in Washington.\n\
    Flights from Istanbul to Yerevan resumed on Friday, Mammadova wrote.\n\
    \n\
    \n\
    Rain closed the pass above Lachin, and the Caspian Water Board met by the Caspian Sea.\n";

/// The names of `TEXT`, in order.
const NAMES: &[&str] = &[
    "Bakı",
    "Ağdam",
    "Şuşa",
    "Гянджа",
    "Tbilisi",
    "Kəlbəcər",
    "Шуша",
    "Leyla Mammadova",
    "New York",
    "Washington",
    "Istanbul",
    "Yerevan",
    "Mammadova",
    "Lachin",
    "Caspian Water Board",
    "Caspian Sea",
];

/// The texts, by file name: `TEXT` as it is, with CRLF line endings, with
/// no blank lines, and on one line.
fn texts() -> Vec<(&'static str, String)> {
    let no_blank: Vec<&str> = TEXT.lines().filter(|l| !l.trim().is_empty()).collect();
    vec![
        ("a-paragraphs.txt", TEXT.to_string()),
        ("b-crlf.txt", TEXT.replace('\n', "\r\n")),
        ("c-no-blank-lines.txt", no_blank.join("\n") + "\n"),
        ("d-one-line.txt", no_blank.join(" ")),
    ]
}

/// An entity of JSONL output: `(start, end, text, label, id)`.
type Entity = (u64, u64, String, String, String);

/// The entities of each document of JSONL output.
fn entities(jsonl: &str) -> Vec<Vec<Entity>> {
    jsonl
        .lines()
        .map(|line| {
            let doc: Value = serde_json::from_str(line).expect("a JSON line");
            let all = doc["entities"].as_array().expect("entities").iter();
            all.map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or("").to_string();
                (e["start"].as_u64().expect("start"), e["end"].as_u64().expect("end"), s("text"), s("label"), s("id"))
            })
            .collect()
        })
        .collect()
}

#[test]
fn every_window_size_gives_the_entities_of_the_whole_file() {
    let dir = workdir("sizes");
    let files: Vec<(&str, String)> = texts();
    let mut args = vec!["-f", "jsonl"];
    args.extend(files.iter().map(|(f, _)| *f));
    let whole = ours(&dir, &[&args[..], &["--window-size", "0"]].concat());
    let found = entities(&whole);
    for (doc, (file, _)) in found.iter().zip(&files) {
        let names: Vec<&str> = doc.iter().map(|e| e.2.as_str()).collect();
        assert_eq!(names, NAMES, "{file} read whole");
    }
    for size in 1..=120 {
        let size = size.to_string();
        let windowed = ours(&dir, &[&args[..], &["--window-size", &size]].concat());
        assert_eq!(windowed, whole, "--window-size {size}");
    }
    // Each span once and at its offsets in the file's bytes, checked apart
    // from the comparison (one window size: all give the same output).
    for (doc, (file, text)) in entities(&whole).iter().zip(&files) {
        for pair in doc.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "{file}: disjoint and in order: {pair:?}");
        }
        for (start, end, name, _, _) in doc {
            assert_eq!(text.as_bytes().get(*start as usize..*end as usize), Some(name.as_bytes()), "{file}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn table_conll_and_geojson_are_the_whole_files() {
    let dir = workdir("formats");
    let files: Vec<&str> = texts().iter().map(|(f, _)| *f).collect();
    for format in ["table", "conll", "geojson", "json"] {
        let args = [&["-f", format][..], &files].concat();
        let whole = ours(&dir, &[&args[..], &["--window-size", "0"]].concat());
        for size in (1..=120).step_by(7) {
            let size = size.to_string();
            let windowed = ours(&dir, &[&args[..], &["--window-size", &size]].concat());
            assert_eq!(windowed, whole, "--format {format} --window-size {size}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn spacy_gets_a_line_per_window_and_the_windows_tile_the_file() {
    let dir = workdir("spacy");
    for (file, text) in texts() {
        let whole: Value =
            serde_json::from_str(&ours(&dir, &["-f", "spacy", "--window-size", "0", file])).expect("one JSON line");
        let chars: Vec<char> = text.chars().collect();
        let span_texts = |doc: &Value, from: usize| -> Vec<(usize, usize, String)> {
            let doc_chars: Vec<char> = doc["text"].as_str().expect("text").chars().collect();
            let spans = doc["spans"].as_array().expect("spans").iter();
            spans
                .map(|s| {
                    let (start, end) =
                        (s["start"].as_u64().expect("start") as usize, s["end"].as_u64().expect("end") as usize);
                    (from + start, from + end, doc_chars[start..end].iter().collect())
                })
                .collect()
        };
        let want = span_texts(&whole, 0);
        assert_eq!(want.len(), NAMES.len(), "{file}");
        for size in [16, 40, 64, 100] {
            let out = ours(&dir, &["-f", "spacy", "--window-size", &size.to_string(), file]);
            let (mut joined, mut got, mut bytes) = (String::new(), Vec::new(), 0);
            for (n, line) in out.lines().enumerate() {
                let doc: Value = serde_json::from_str(line).expect("a JSON line");
                let meta = &doc["meta"];
                assert_eq!(meta["id"], file);
                assert_eq!(meta["window"], n, "{file} {size}: a window per line");
                assert_eq!(meta["offset"], bytes, "{file} {size}: byte offset of window {n}");
                assert_eq!(meta["char_offset"], joined.chars().count(), "{file} {size}: char offset of window {n}");
                got.extend(span_texts(&doc, joined.chars().count()));
                let part = doc["text"].as_str().expect("text");
                // Where windows are cut: at a blank line, else at a newline,
                // else after a space (or after a name across the cut).
                let last_span_end = doc["spans"].as_array().and_then(|s| s.last()).map(|s| s["end"].clone());
                let cut = match file {
                    "a-paragraphs.txt" | "b-crlf.txt" => {
                        part.strip_suffix('\n').is_some_and(|p| p.trim_end_matches([' ', '\t', '\r']).ends_with('\n'))
                    }
                    "c-no-blank-lines.txt" => part.ends_with('\n'),
                    _ => part.ends_with(' ') || last_span_end == Some(Value::from(part.chars().count())),
                };
                assert!(cut || joined.len() + part.len() == text.len(), "{file} {size}: window {n} ends {part:?}");
                joined.push_str(part);
                bytes = joined.len();
            }
            assert_eq!(joined, text, "{file} {size}: the windows' texts make the file");
            assert_eq!(got, want, "{file} {size}: the whole file's spans");
            for (start, end, name) in &got {
                assert_eq!(&chars[*start..*end].iter().collect::<String>(), name);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_no_larger_than_a_window_is_read_whole() {
    let dir = workdir("small");
    let size = TEXT.len().to_string();
    for format in ["table", "jsonl", "json", "conll", "spacy", "geojson", "html"] {
        let whole = ours(&dir, &["-f", format, "--keep-text", "--window-size", "0", "a-paragraphs.txt"]);
        let default = ours(&dir, &["-f", format, "--keep-text", "a-paragraphs.txt"]);
        let just = ours(&dir, &["-f", format, "--keep-text", "--window-size", &size, "a-paragraphs.txt"]);
        assert_eq!(default, whole, "--format {format}: 4 MiB windows");
        assert_eq!(just, whole, "--format {format}: a window of the file's size");
    }
    // A byte less: in windows, spaCy's meta says so.
    let smaller = (TEXT.len() - 1).to_string();
    let windows = ours(&dir, &["-f", "spacy", "--window-size", &smaller, "a-paragraphs.txt"]);
    assert!(windows.contains("\"window\":0"), "{windows}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn formats_that_need_the_whole_text_refuse_a_file_in_windows() {
    let dir = workdir("refuse");
    std::fs::write(dir.join("short.txt"), "Talks in Bakı.").expect("write");
    for args in [&["-f", "html"][..], &["-f", "jsonl", "--keep-text"], &["-f", "json", "--keep-text"]] {
        let all = [
            &["--no-default", "-g", "places.tsv", "--window-size", "64"][..],
            args,
            &["a-paragraphs.txt", "short.txt"],
        ]
        .concat();
        let o = run(&dir, &all, b"");
        assert_eq!(o.status.code(), Some(1), "{args:?}: the run goes on and fails at the end");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("extract: a-paragraphs.txt: ")
                && err.contains("needs the whole text, and the file is larger than --window-size (64 bytes)")
                && err.contains("--window-size 0 reads it whole"),
            "{args:?}: {err}"
        );
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("short.txt") && !out.contains("Tbilisi"), "{args:?}: the short file only: {out}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn standard_input_is_read_in_windows_too() {
    let dir = workdir("stdin");
    let args = ["--no-default", "-g", "places.tsv", "-q", "-f", "jsonl", "--window-size"];
    let whole = run(&dir, &[&args[..], &["0"]].concat(), TEXT.as_bytes());
    let windowed = run(&dir, &[&args[..], &["32"]].concat(), TEXT.as_bytes());
    assert!(windowed.status.success(), "{}", String::from_utf8_lossy(&windowed.stderr));
    assert_eq!(windowed.stdout, whole.stdout);
    assert!(String::from_utf8_lossy(&windowed.stdout).starts_with("{\"id\":null,"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_utf8_and_legacy_encodings_are_decoded_as_when_read_whole() {
    let dir = workdir("decoding");
    // Bad bytes all over, some inside names' neighbours, one at the end:
    // a sequence cut short, a lone continuation byte, an invalid byte.
    let mut bad = Vec::new();
    for (i, part) in TEXT.as_bytes().chunks(37).enumerate() {
        bad.extend_from_slice(part);
        bad.extend_from_slice([&b"\xe2\x82"[..], b"\x80", b"\xff"][i % 3]);
    }
    std::fs::write(dir.join("bad.txt"), &bad).expect("write");
    // Windows-1251: Cyrillic one byte a letter.
    let cyrillic = "Делегации встретились в Гянджа.\n\nПотом журналисты поехали в Шуша, затем снова в Гянджа.\n";
    let cp1251: Vec<u8> = cyrillic
        .chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
            c if c.is_ascii() => c as u8,
            c => panic!("no windows-1251 byte for {c:?} here"),
        })
        .collect();
    std::fs::write(dir.join("cp1251.txt"), &cp1251).expect("write");
    for (file, encoding) in [("bad.txt", None), ("cp1251.txt", Some("windows-1251"))] {
        let mut args = vec!["--no-default", "-g", "places.tsv", "-f", "jsonl", file];
        if let Some(e) = encoding {
            args.extend(["--encoding", e]);
        }
        let whole = run(&dir, &[&args[..], &["--window-size", "0"]].concat(), b"");
        let whole_out = String::from_utf8_lossy(&whole.stdout).into_owned();
        let doc: Value = serde_json::from_str(&whole_out).expect("JSON");
        assert!(doc["entities"].as_array().expect("entities").len() >= 3, "{file}: {whole_out}");
        let warnings = |o: &Output| -> Vec<String> {
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            err.lines().filter(|l| l.contains("warning")).map(str::to_string).collect()
        };
        for size in (1..=80).step_by(3) {
            let windowed = run(&dir, &[&args[..], &["--window-size", &size.to_string()]].concat(), b"");
            let out = String::from_utf8_lossy(&windowed.stdout);
            let got: Value = serde_json::from_str(&out).expect("JSON");
            assert_eq!(got["entities"], doc["entities"], "{file} --window-size {size}");
            assert_eq!(got["decoded"], doc["decoded"], "{file} --window-size {size}");
            assert_eq!(warnings(&windowed), warnings(&whole), "{file} --window-size {size}: one warning, same byte");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_bundled_gazetteer_and_rules_find_the_same_in_windows() {
    let dir = workdir("bundled");
    let text = "Delegations from Azerbaijan and Georgia met in Baku on Monday. \
        President Ilham Aliyev opened the session.\n\n\
        The Turkish foreign minister arrived from Ankara; the Defense Ministry said little.\n\n\
        Engineers from the Caspian Sea shelf reported to Aliyev before noon.\n";
    std::fs::write(dir.join("news.txt"), text).expect("write");
    // The rules and the matching: the same output, resolution apart.
    let args = ["-q", "-f", "jsonl", "--no-resolve", "--window-size"];
    let whole = run(&dir, &[&args[..], &["0", "news.txt"]].concat(), b"");
    let windowed = run(&dir, &[&args[..], &["64", "news.txt"]].concat(), b"");
    assert!(windowed.status.success(), "{}", String::from_utf8_lossy(&windowed.stderr));
    assert_eq!(String::from_utf8_lossy(&windowed.stdout), String::from_utf8_lossy(&whole.stdout));
    let found = entities(&String::from_utf8_lossy(&whole.stdout));
    assert!(found[0].len() >= 6, "{found:?}");
    // Resolution reads a window's context, not the whole file: the same
    // spans, labels and offsets (the entries chosen may differ).
    let key = |o: &Output| -> Vec<(u64, u64, String)> {
        entities(&String::from_utf8_lossy(&o.stdout))[0].iter().map(|e| (e.0, e.1, e.3.clone())).collect()
    };
    let args = ["-q", "-f", "jsonl", "--window-size"];
    let whole = run(&dir, &[&args[..], &["0", "news.txt"]].concat(), b"");
    let windowed = run(&dir, &[&args[..], &["64", "news.txt"]].concat(), b"");
    assert_eq!(key(&windowed), key(&whole));
    let _ = std::fs::remove_dir_all(&dir);
}

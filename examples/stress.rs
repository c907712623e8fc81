//! Inputs no one should send, timed, with the process's peak memory: an
//! empty text, a 100 MB document, one 10 MB word, a gazetteer of a million
//! copies of one name, names that are all prefixes of one another, and a
//! gazetteer line with a million aliases or a header of many columns.
//!
//! ```sh
//! cargo run --release --example stress                 # every case
//! cargo run --release --example stress -- big-doc 100  # one case (MB or count)
//! ```
//!
//! Each case runs best in a process of its own, so that its peak memory
//! is its own: `stress` alone re-runs itself once per case.

use std::time::Instant;

use gazet::{Entry, Extractor, Gazetteer, Label, Loader, MatchKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(case) = args.first() else {
        // Every case, each in a child process.
        let me = std::env::current_exe()?;
        for case in [
            &["empty"][..],
            &["big-doc", "50"],
            &["big-doc", "100"],
            &["long-word", "5"],
            &["long-word", "10"],
            &["copies", "500000"],
            &["copies", "1000000"],
            &["token-chain", "128"],
            &["token-chain", "256"],
            &["token-chain", "512"],
            &["char-chain", "512"],
            &["char-chain", "1024"],
            &["aliases", "500000"],
            &["aliases", "1000000"],
            &["columns", "100000"],
            &["columns", "200000"],
        ] {
            let status = std::process::Command::new(&me).args(case).status()?;
            if !status.success() {
                return Err(format!("{case:?} failed").into());
            }
        }
        return Ok(());
    };
    let n: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(0);
    match case.as_str() {
        "empty" => {
            let (ex, build) = timed(|| Extractor::new(Gazetteer::bundled()));
            let ex = ex?;
            let (spans, t) = timed(|| ex.extract("").len());
            report("empty text, bundled gazetteer", &[("build", build), ("extract", t)], &format!("{spans} spans"));
        }
        "big-doc" => {
            let text = news(n << 20);
            let (ex, build) = timed(|| Extractor::new(Gazetteer::bundled()));
            let ex = ex?;
            let (spans, t) = timed(|| ex.extract(&text).len());
            let mbs = text.len() as f64 / (1 << 20) as f64 / t;
            report(
                &format!("{n} MiB news-like document, bundled gazetteer"),
                &[("build", build), ("extract", t)],
                &format!("{spans} spans, {mbs:.0} MiB/s"),
            );
        }
        "long-word" => {
            let (ex, build) = timed(|| Extractor::new(Gazetteer::bundled()));
            let ex = ex?;
            let lower = "a".repeat(n << 20);
            let (a, t_lower) = timed(|| ex.extract(&lower).len());
            drop(lower);
            // Capitalised, so the word is folded and looked up.
            let caps: String = "Baku".repeat((n << 20) / 4);
            let (b, t_caps) = timed(|| ex.extract(&caps).len());
            report(
                &format!("one {n} MiB word, bundled gazetteer"),
                &[("build", build), ("lowercase", t_lower), ("capitalised", t_caps)],
                &format!("{} spans", a + b),
            );
        }
        "copies" => {
            // One name, n entries.
            let mut gaz = Gazetteer::new();
            let (r, load) = timed(|| -> Result<(), Box<dyn std::error::Error>> {
                for i in 0..n {
                    gaz.push(Entry::builder(&format!("x:{i}"), "Springfield", Label::Place).build()?)?;
                }
                Ok(())
            });
            r?;
            let (ex, build) = timed(|| Extractor::new(gaz));
            let ex = ex?;
            let text = "Springfield is not Shelbyville. ".repeat(10);
            let (spans, t) = timed(|| ex.extract(&text));
            let candidates: usize = spans.iter().map(|s| s.candidates().len()).sum();
            let summary = format!("{} spans, {candidates} candidates", spans.len());
            drop(spans);
            report(
                &format!("{n} entries named Springfield, 10 mentions"),
                &[("push", load), ("build", build), ("extract", t)],
                &summary,
            );
        }
        "token-chain" => {
            // "A", "A A", "A A A"...: every name a prefix of the next.
            let mut gaz = Gazetteer::new();
            for i in 1..=n {
                let name = vec!["A"; i].join(" ");
                gaz.push(Entry::builder(&format!("a:{i}"), &name, Label::Place).build()?)?;
            }
            chain(gaz, &format!("{n} names A, A A, A A A..."), &"A ".repeat(10_000))?;
        }
        "char-chain" => {
            // "A", "Ab", "Abc"...: one-token names, each a prefix of the next.
            let mut gaz = Gazetteer::new();
            let letters: String = "abcdefghijklmnopqrstuvwxyz".chars().cycle().take(n - 1).collect();
            for i in 1..=n {
                let name = format!("A{}", &letters[..i - 1]);
                gaz.push(Entry::builder(&format!("a:{i}"), &name, Label::Place).build()?)?;
            }
            let longest = format!("A{letters} ");
            let text = longest.repeat((10 << 20) / longest.len());
            chain(gaz, &format!("{n} names A, Ab, Abc..."), &text)?;
        }
        "aliases" => {
            // One TSV line with n aliases, every one flagged case-sensitive.
            let aliases: Vec<String> = (0..n).map(|i| format!("Name{i}")).collect();
            let list = aliases.join("|");
            let tsv = format!("id\tname\tlabel\taliases\tcase_sensitive\nx\tBaku\tLOC\t{list}\t{list}\n");
            let (loaded, t) = timed(|| Loader::new().tsv_reader(tsv.as_bytes(), None));
            let names = loaded?.entries()[0].names().len();
            report(
                &format!("one TSV line of {} MiB, {n} aliases", tsv.len() >> 20),
                &[("load", t)],
                &format!("{names} names"),
            );
        }
        "columns" => {
            // A header of n columns (free attributes) and one line.
            let header: Vec<String> = (0..n).map(|i| format!("c{i}")).collect();
            let tsv = format!("id\tname\tlabel\t{}\nx\tBaku\tLOC{}\n", header.join("\t"), "\tv".repeat(n));
            let (loaded, t) = timed(|| Loader::new().tsv_reader(tsv.as_bytes(), None));
            let attrs = loaded?.entries()[0].attrs().count();
            report(&format!("a TSV header of {n} columns"), &[("load", t)], &format!("{attrs} attributes"));
        }
        other => return Err(format!("unknown case {other}").into()),
    }
    Ok(())
}

/// Builds the chain gazetteer and extracts `text` in both match kinds.
fn chain(gaz: Gazetteer, what: &str, text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let gaz = std::sync::Arc::new(gaz);
    let (ex, build) = timed(|| Extractor::builder().rules(false).build(gaz.clone()));
    let ex = ex?;
    let (ll, t_ll) = timed(|| ex.extract(text).len());
    let over = Extractor::builder().rules(false).match_kind(MatchKind::Overlapping).build(gaz)?;
    let (ov, t_ov) = timed(|| over.extract(text).len());
    report(
        &format!("{what}, {} KiB text", text.len() >> 10),
        &[("build", build), ("leftmost-longest", t_ll), ("overlapping", t_ov)],
        &format!("{ll} / {ov} spans"),
    );
    Ok(())
}

/// News-like text of about `bytes` bytes: sentences with places, people and
/// organisations, in paragraphs.
fn news(bytes: usize) -> String {
    const SENTENCES: &[&str] = &[
        "BAKU – Azerbaijan’s Defense Ministry said Armenian units moved near Kəlbəcər on Tuesday.",
        "President Ilham Aliyev met the Organization of Turkic States delegation in Baku.",
        "Talks in Moscow and Yerevan on the future of Nagorno-Karabakh ended without a deal.",
        "The Central Bank of Armenia kept its rate at 8.5 percent, Reuters reported.",
        "Storms hit Georgia overnight; Atlanta lost power, Gov. Brian Kemp said.",
        "Officials in Tbilisi said the border with Turkey would reopen next week.",
        "A spokesman for Caspian Drilling PJSC declined to comment on the contract.",
        "Prices of wheat rose in Istanbul, Cairo and New York City as shipments slowed.",
    ];
    let mut s = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while s.len() < bytes {
        s.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
        s.push_str(if i % 5 == 0 { "\n\n" } else { " " });
    }
    s
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed().as_secs_f64())
}

fn report(what: &str, times: &[(&str, f64)], summary: &str) {
    let times: Vec<String> = times.iter().map(|(k, t)| format!("{k} {t:.3} s")).collect();
    println!("{what}: {}; {summary}; peak RSS {} MiB", times.join(", "), peak_rss_kib() >> 10);
}

/// The process's peak resident memory in KiB (VmHWM), 0 where /proc has none.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

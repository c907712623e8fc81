#!/usr/bin/env python3
"""Throughput of gazet from Python, next to the Rust `extract` example, on
the same texts in one run.

    target/pyvenv/bin/python benches/python.py --corpus ../shared/eval/lgl_dev.jsonl \\
        --corpus ../shared/eval/geowebnews_dev.jsonl ... [--write benches/README.md]

Rows (MB/s of UTF-8 text; extractors built beforehand, start-up apart):
- the Rust example, `extract --jsonl -j N` (its time on the corpus minus
  its time on an empty input: what the texts cost, start-up and compile
  excluded);
- `Extractor.extract` in a Python loop; `extract_batch` on 1 and 2 threads;
- `spacy.blank("en")` alone in `nlp.pipe`, then with the gazet component;
- `gazet.spark.extract` in `local[2]` on the corpus repeated to at least
  `--spark-mb` MB (input cached first, output to Spark's `noop` sink,
  workers warmed by a small job; session start-up stated apart).
Needs the venv of scripts/test (gazet, spaCy, pyspark installed) and
`cargo build --release --example extract`.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK_BEGIN = "<!-- python-bench begin -->"
MARK_END = "<!-- python-bench end -->"


def read_texts(paths):
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    texts.append(json.loads(line)["text"])
    return texts


def best_of(runs, fn):
    """The median of `runs` timings of fn(), in seconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def rust_example(texts, threads, runs):
    exe = os.path.join(ROOT, "target", "release", "examples", "extract")
    if not os.path.exists(exe):
        sys.exit(f"{exe} is missing: run `cargo build --release --example extract` first")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        empty = os.path.join(tmp, "empty.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
        with open(empty, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": "0", "text": ""}) + "\n")

        def run(path):
            cmd = [exe, "--jsonl", "-j", str(threads), "--quiet", path]
            return lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        full = best_of(runs, run(corpus))
        base = best_of(runs, run(empty))
    return max(full - base, 1e-9)


def spark_job(texts, min_mb, runs):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    import gazet.spark

    t = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - t
    size = sum(len(x.encode("utf-8")) for x in texts)
    copies = max(1, -(-int(min_mb * 1e6) // size))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            n = 0
            for _ in range(copies):
                for x in texts:
                    f.write(json.dumps({"id": n, "text": x}, ensure_ascii=False) + "\n")
                    n += 1
        df = spark.read.json(path).repartition(2).cache()
        df.count()
        # Warm the two Python workers: each builds its extractor once.
        gazet.spark.extract(df.limit(64).repartition(2)).write.format("noop").mode("overwrite").save()

        def job():
            gazet.spark.extract(df).write.format("noop").mode("overwrite").save()

        secs = best_of(runs, job)
        df.unpersist()
    spark.stop()
    return size * copies, secs, startup


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", required=True, help="a JSONL file with a `text` per line")
    ap.add_argument("--repeat", type=int, default=3, help="the corpus repeated this often (default 3)")
    ap.add_argument("--runs", type=int, default=3, help="timings per row; the median is kept (default 3)")
    ap.add_argument("--spark-mb", type=float, default=100.0, help="size of the Spark input (default 100)")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--write", help="replace the marked table in this Markdown file")
    args = ap.parse_args()

    import gazet

    texts = read_texts(args.corpus) * args.repeat
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t = time.perf_counter()
    ex = gazet.Extractor()
    build = time.perf_counter() - t
    rows = []

    def row(name, secs, megabytes=mb, note=""):
        rows.append((name, megabytes / secs, note))
        print(f"{name:<52} {megabytes / secs:8.2f} MB/s {note}", flush=True)

    # The Rust example and the Python calls it is compared with are timed
    # in turns, run after run, so that a busy machine slows them alike.
    rust_runs = {1: [], 2: []}
    py_runs = {"loop": [], 1: [], 2: []}
    for _ in range(args.runs):
        for threads in (1, 2):
            rust_runs[threads].append(rust_example(texts, threads, 1))
            py_runs[threads].append(best_of(1, lambda: ex.extract_batch(texts, threads=threads)))
        py_runs["loop"].append(best_of(1, lambda: [ex.extract(x) for x in texts]))
    med = statistics.median
    for threads in (1, 2):
        row(f"Rust `extract --jsonl -j {threads}`", med(rust_runs[threads]))
    row("Python `Extractor.extract` in a loop", med(py_runs["loop"]))
    for threads in (1, 2):
        row(f"Python `extract_batch(threads={threads})`", med(py_runs[threads]))
    if not args.no_spacy:
        import spacy

        blank = spacy.blank("en")
        with_gazet = spacy.blank("en")
        with_gazet.add_pipe("gazet", config={"threads": 2})
        alone_runs, both_runs = [], []
        for _ in range(args.runs):
            alone_runs.append(best_of(1, lambda: [d for d in blank.pipe(texts, batch_size=256)]))
            both_runs.append(best_of(1, lambda: [d for d in with_gazet.pipe(texts, batch_size=256)]))
        alone, both = statistics.median(alone_runs), statistics.median(both_runs)
        row('spaCy `spacy.blank("en")` alone, `nlp.pipe`', alone)
        row("spaCy blank + gazet component, `nlp.pipe`", both, note=f"(+{100 * (both / alone - 1):.0f}% time)")
    if not args.no_spark:
        size, secs, startup = spark_job(texts, args.spark_mb, max(1, args.runs - 1))
        row(
            f"Spark `gazet.spark.extract`, local[2], {size / 1e6:.0f} MB",
            secs,
            megabytes=size / 1e6,
            note=f"(session start-up {startup:.1f} s apart)",
        )

    lines = [
        MARK_BEGIN,
        f"Corpus: {', '.join(os.path.basename(c) for c in args.corpus)}, x{args.repeat} "
        f"({mb:.2f} MB, {len(texts)} texts); extractor built in {build:.2f} s; median of {args.runs} runs.",
        "",
        "| what | MB/s | vs Rust, same threads | note |",
        "|---|---:|---:|---|",
    ]
    rust = {1: rows[0][1], 2: rows[1][1]}
    for name, speed, note in rows:
        threads = 2 if ("threads=2" in name or "-j 2" in name or "local[2]" in name or "component" in name) else 1
        ratio = "" if name.startswith("spaCy") else f"{speed / rust[threads]:.2f}"
        lines.append(f"| {name} | {speed:.2f} | {ratio} | {note} |")
    lines.append(MARK_END)
    table = "\n".join(lines)
    print(table)
    if args.write:
        with open(args.write, encoding="utf-8") as f:
            doc = f.read()
        if MARK_BEGIN in doc and MARK_END in doc:
            head, rest = doc.split(MARK_BEGIN, 1)
            doc = head + table + rest.split(MARK_END, 1)[1]
        else:
            doc = doc.rstrip("\n") + "\n\n## Python, spaCy and Spark\n\n" + table + "\n"
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(doc)


if __name__ == "__main__":
    main()

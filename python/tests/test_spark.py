"""gazet.spark in local[2] mode: rows in = rows out, entities equal to
extract_batch, null texts, the caller's own gazetteers shipped to the
workers, and one row per entity."""

import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java: no `java` on PATH and no JAVA_HOME", allow_module_level=True)

import gazet  # noqa: E402
import gazet.spark  # noqa: E402

TEXTS = [
    "BAKU – Azerbaijan’s Defense Ministry said President Ilham Aliyev visited Kəlbəcər.",
    "😀 Flights from İstanbul to Yerevan resumed; 東京 waits.",
    None,
    "",
    "Armenian and Russian officials met in Moscow.",
] * 7


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers must run this interpreter, which has gazet installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("gazet-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def frame(spark, texts):
    return spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "id int, text string").repartition(2)


def as_rows(spans):
    return [(s.start, s.end, s.text, s.label, s.id, s.name, s.lat, s.lon, s.country) for s in spans]


def test_entities_equal_extract_batch(spark, ex):
    df = frame(spark, TEXTS)
    out = gazet.spark.extract(df)
    assert out.columns == ["id", "text", "entities"]
    assert out.schema["entities"].dataType.simpleString() == gazet.spark.ENTITIES_DDL
    rows = sorted(out.collect(), key=lambda r: r.id)
    assert len(rows) == len(TEXTS) == df.count()
    want = ex.extract_batch([t or "" for t in TEXTS])
    for row, text, spans in zip(rows, TEXTS, want):
        assert row.text == text
        if text is None:
            assert row.entities is None
            continue
        got = [tuple(e) for e in row.entities]
        assert got == as_rows(spans)
        for e in row.entities:
            assert text[e.start : e.end] == e.text


def test_own_gazetteer_is_shipped_to_the_workers(spark, small_path, small):
    texts = ["The Ever Given reached 東京.", "the OTS met", None, "Tokyo"]
    out = gazet.spark.extract(frame(spark, texts), gazetteers=[str(small_path)], bundled=False)
    rows = sorted(out.collect(), key=lambda r: r.id)
    for row, text in zip(rows, texts):
        if text is None:
            assert row.entities is None
        else:
            assert [tuple(e) for e in row.entities] == as_rows(small.extract(text))
    # A built extractor goes the same way.
    out = gazet.spark.extract(frame(spark, texts), extractor=small, text_col="text", out_col="found")
    assert [len(r.found or []) for r in sorted(out.collect(), key=lambda r: r.id)] == [2, 1, 0, 1]


def test_explode_gives_one_row_per_entity(spark, ex):
    df = frame(spark, TEXTS[:5])
    rows = gazet.spark.explode_entities(gazet.spark.extract(df)).collect()
    want = sum(len(s) for s in ex.extract_batch([t or "" for t in TEXTS[:5]]))
    assert len(rows) == want
    first = sorted(rows, key=lambda r: (r.id, r.start))[0]
    assert (first.id, first.entity_text, first.label, first.entity_id, first.country) == (
        0,
        "BAKU",
        "LOC",
        "gn:587084",
        "AZ",
    )


@pytest.mark.parametrize(
    "kwargs,error",
    [
        ({"text_col": "body"}, ValueError),
        ({"out_col": "text"}, ValueError),
        ({"colour": True}, TypeError),
    ],
)
def test_bad_arguments_raise(spark, kwargs, error):
    with pytest.raises(error):
        gazet.spark.extract(frame(spark, ["Baku"]), **kwargs)


def test_language_option_reaches_the_workers(spark):
    df = spark.createDataFrame([(1, "Heyet Ankara'da toplandı.")], "id int, text string")
    detected = gazet.spark.extract(df).collect()[0].entities
    fixed = gazet.spark.extract(df, language="en").collect()[0].entities
    assert [e.text for e in detected] == ["Ankara'da"]
    assert [e.text for e in fixed] == ["Ankara"]

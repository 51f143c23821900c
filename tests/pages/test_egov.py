"""Chính quyền điện tử: first reports per topic, deadlines upcoming or past, the ranking."""
from __future__ import annotations

from tests.pages.conftest import texts


def _table_with(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_egov_page_shows_when_each_province_first_reported_each_topic(app) -> None:
    at = app("egov")
    assert at.title[0].value == "Chính quyền điện tử"
    firsts = _table_with(at, "Chủ đề")
    row = firsts[(firsts["Chủ đề"] == "Dịch vụ công trực tuyến") & (firsts["Tỉnh/thành"] == "Hậu Giang")]
    assert list(row["Lần đầu"]) == ["2019-03-15"]


def test_deadlines_are_marked_upcoming_or_past(app) -> None:
    due = _table_with(app("egov"), "Hạn")
    status = dict(zip(due["Hạn"], due["Tình trạng"], strict=True))
    assert status == {"2016-06-30": "Đã qua hạn", "2019-06-30": "Đã qua hạn", "2030": "Sắp đến hạn"}


def test_the_ranking_shows_rank_change_from_the_previous_year(app) -> None:
    at = app("egov", years=["2009", "2019"], lang="en")
    ranks = _table_with(at, "Rank").set_index("Province")
    assert ranks.loc["Hậu Giang", "Rank"] == 2 and ranks.loc["Hậu Giang", "Change"] == "▲ 1"
    assert ranks.loc["Đồng Tháp", "Change"] == "="
    assert "Provinces ranked by topics reached by 2019" in texts(at)


def test_egov_page_with_a_topic_filter(app) -> None:
    at = app("egov", topic="do_thi_thong_minh")
    firsts = _table_with(at, "Chủ đề")
    assert set(firsts["Tỉnh/thành"]) == {"Cần Thơ", "Thừa Thiên Huế"}

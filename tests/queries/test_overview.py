"""Overview aggregates on the fixture: counts per province, year and type, under each filter."""
from __future__ import annotations

import pytest

from queries.filters import Filters
from queries.overview import (
    headline_counts,
    meetings_by_province,
    meetings_by_province_year,
    meetings_by_type_year,
    top_topics,
    topics_by_province,
    year_bounds,
)
from tests.fixtures import EXPECTED_MEETINGS_34, EXPECTED_MEETINGS_63, MEETINGS


def _per_province(con, f: Filters) -> dict[str, int]:
    df = meetings_by_province(con, f)
    return dict(zip(df["province"], df["meetings"], strict=True))


def test_meetings_are_counted_per_pre_2025_province(con) -> None:
    assert _per_province(con, Filters()) == EXPECTED_MEETINGS_63


def test_boundary_34_groups_hau_giang_into_can_tho(con) -> None:
    counts = _per_province(con, Filters(boundary="34"))
    assert counts == EXPECTED_MEETINGS_34
    assert "Hậu Giang" not in counts and counts["Cần Thơ"] == 5


def test_province_filter_in_boundary_34_uses_the_new_province(con) -> None:
    counts = _per_province(con, Filters(boundary="34", provinces=("Cà Mau",)))
    assert counts == {"Cà Mau": 1}


def test_meetings_per_province_and_year(con) -> None:
    df = meetings_by_province_year(con, Filters(provinces=("Hậu Giang",)))
    assert list(df.itertuples(index=False, name=None)) == [
        ("Hậu Giang", 2017, 1), ("Hậu Giang", 2019, 1), ("Hậu Giang", 2021, 1)]


def test_year_range_is_inclusive(con) -> None:
    df = meetings_by_province_year(con, Filters(year_from=2018, year_to=2020))
    assert sorted(df["year"].unique()) == [2018, 2019, 2020]
    assert df["meetings"].sum() == 4


def test_provinces_sort_with_d_stroke_after_d(con) -> None:
    provinces = list(meetings_by_province_year(con, Filters())["province"].unique())
    assert provinces == ["Bạc Liêu", "Cần Thơ", "Đồng Tháp", "Hậu Giang", "Nghệ An", "Thừa Thiên Huế"]


def test_meetings_by_type_and_year(con) -> None:
    df = meetings_by_type_year(con, Filters(year_from=2018, year_to=2018))
    assert sorted(zip(df["meeting_type"], df["meetings"], strict=True)) == [
        ("lam_viec", 1), ("so_ket_tong_ket", 1)]


def test_meeting_type_filter_keeps_only_that_type(con) -> None:
    counts = headline_counts(con, Filters(meeting_type="giao_ban")).iloc[0]
    assert counts["meetings"] == sum(m["type"] == "giao_ban" for m in MEETINGS) == 5


def test_topic_filter_keeps_meetings_that_discussed_it(con) -> None:
    counts = _per_province(con, Filters(topic="dich_vu_cong_truc_tuyen"))
    assert counts == {"Hậu Giang": 2, "Thừa Thiên Huế": 1}


def test_headline_counts_for_all_data(con) -> None:
    row = headline_counts(con, Filters()).iloc[0]
    assert (row["meetings"], row["provinces"], row["projects"], row["deadlines"]) == (11, 6, 4, 3)
    assert (row["first_year"], row["last_year"]) == (2009, 2025)


def test_top_topics_with_a_topic_filter_lists_only_that_topic(con) -> None:
    top = top_topics(con, Filters(topic="chu_ky_so"))
    assert top.to_dict("records") == [{"topic": "chu_ky_so", "meetings": 1, "provinces": 1}]
    assert headline_counts(con, Filters(topic="chu_ky_so")).iloc[0]["topics"] == 1


def test_topics_by_province_in_boundary_34(con) -> None:
    df = topics_by_province(con, Filters(boundary="34", provinces=("Cần Thơ",)))
    assert dict(zip(df["topic"], df["meetings"], strict=True))["dich_vu_cong_truc_tuyen"] == 2


def test_top_topics_puts_the_most_discussed_first(con) -> None:
    top = top_topics(con, Filters(), limit=1).iloc[0]
    assert (top["topic"], top["meetings"], top["provinces"]) == ("dich_vu_cong_truc_tuyen", 3, 2)


def test_topics_by_province_counts_meetings_per_topic(con) -> None:
    df = topics_by_province(con, Filters(provinces=("Hậu Giang",)))
    assert dict(zip(df["topic"], df["meetings"], strict=True))["dich_vu_cong_truc_tuyen"] == 2


def test_year_bounds_span_the_data(con) -> None:
    assert year_bounds(con) == (2009, 2025)


HOSTILE = ["'; DROP TABLE meetings; --", "Hậu Giang' OR '1'='1", "%", "\\", "\x00", "🙂" * 50,
           "list_contains", ")) UNION SELECT 1 --"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_filter_value_gives_no_error_and_no_rows(con, value: str) -> None:
    assert meetings_by_province(con, Filters(provinces=(value,))).empty
    assert meetings_by_province(con, Filters(topic=value)).empty
    assert meetings_by_province(con, Filters(meeting_type=value)).empty
    assert headline_counts(con, Filters(provinces=(value,))).iloc[0]["meetings"] == 0

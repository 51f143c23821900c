"""E-government milestones: first report per topic and province, deadlines, the ranking."""
from __future__ import annotations

import datetime as dt

from queries.egov import deadlines, topic_first_reported, topic_ranking
from queries.filters import Filters

TODAY = dt.date(2025, 1, 1)


def test_first_report_is_the_earliest_meeting_of_the_province_on_that_topic(con) -> None:
    firsts = topic_first_reported(con, Filters()).set_index(["topic", "province"])
    row = firsts.loc[("dich_vu_cong_truc_tuyen", "Hậu Giang")]
    assert (row["first_date"], row["doc_id"], row["meetings"]) == ("2019-03-15", "hg-2019-giao-ban", 2)
    assert str(row["first_day"])[:10] == "2019-03-15"


def test_first_report_with_a_partial_date_starts_its_month(con) -> None:
    row = topic_first_reported(con, Filters(provinces=("Bạc Liêu",))).iloc[0]
    assert row["first_date"] == "2018-12" and str(row["first_day"])[:10] == "2018-12-01"


def test_first_reports_in_boundary_34_merge_provinces(con) -> None:
    firsts = topic_first_reported(con, Filters(boundary="34", topic="chuyen_doi_so"))
    assert dict(zip(firsts["province"], firsts["first_date"], strict=True)) == {
        "Nghệ An": "2020-09-21", "Cần Thơ": "2025-08-15"}


def test_deadlines_are_marked_upcoming_or_past_relative_to_today(con) -> None:
    due = deadlines(con, Filters(), today=TODAY)
    assert list(zip(due["due"], due["status"], strict=True)) == [
        ("2016-06-30", "past"), ("2019-06-30", "past"), ("2030", "upcoming")]
    assert deadlines(con, Filters(), today=dt.date(2031, 1, 1))["status"].eq("past").all()


def test_deadlines_follow_the_province_filter(con) -> None:
    assert set(deadlines(con, Filters(provinces=("Đồng Tháp",)), today=TODAY)["province"]) == {"Đồng Tháp"}


def test_ranking_counts_topics_reached_and_the_change_from_last_year(con) -> None:
    ranks = topic_ranking(con, Filters(), year=2019).set_index("province")
    assert ranks.loc["Hậu Giang", "reached"] == 3 and ranks.loc["Hậu Giang", "rank"] == 2
    assert ranks.loc["Hậu Giang", "reached_prev"] == 1
    assert ranks.loc["Hậu Giang", "rank_prev"] == 3  # tied with Cần Thơ and Nghệ An in 2018
    assert ranks.loc["Hậu Giang", "change"] == 1
    assert ranks.loc["Đồng Tháp", "rank"] == 1


def test_ranking_without_a_year_uses_the_last_year_of_the_data(con) -> None:
    assert set(topic_ranking(con, Filters())["year"]) == {2025}


def test_ranking_marks_a_province_new_when_it_had_no_topic_the_year_before(con) -> None:
    ranks = topic_ranking(con, Filters(), year=2018).set_index("province")
    assert ranks["rank_prev"].isna()["Cần Thơ"] and ranks["rank_prev"].isna()["Bạc Liêu"]


def test_ranking_of_nothing_is_empty(con) -> None:
    assert topic_ranking(con, Filters(provinces=("Hà Giang",))).empty

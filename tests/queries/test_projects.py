"""Projects: counts per province and year, the summary table, one project's history."""
from __future__ import annotations

from queries.filters import Filters
from queries.projects import project_choices, project_history, projects_by_province_year, projects_table
from tests.fixtures import MEETINGS

PORTAL = "congdichvucongtinh"


def test_projects_are_counted_per_province_and_year(con) -> None:
    df = projects_by_province_year(con, Filters(provinces=("Đồng Tháp",)))
    assert list(df[["year", "projects", "mentions"]].itertuples(index=False, name=None)) == [
        (2012, 1, 1), (2016, 1, 1)]


def test_projects_in_boundary_34_count_under_the_new_province(con) -> None:
    df = projects_by_province_year(con, Filters(boundary="34", provinces=("Cần Thơ",)))
    assert set(df["year"]) == {2017, 2018, 2019, 2021}


def test_the_table_shows_latest_stage_and_first_and_latest_mention(con) -> None:
    row = projects_table(con, Filters()).set_index("project_key").loc[PORTAL]
    assert row["name"] == "Cổng dịch vụ công tỉnh" and row["province"] == "Hậu Giang"
    assert (row["kind"], row["latest_stage"]) == ("cong", "completed")
    assert (row["first_mention"], row["latest_mention"]) == ("2017-11-08", "2021-07-02")
    assert (row["mentions"], row["meetings"]) == (3, 3)
    assert row["latest_doc_id"] == "hg-2021-tong-ket"


def test_the_table_respects_the_year_filter(con) -> None:
    row = projects_table(con, Filters(year_to=2019)).set_index("project_key").loc[PORTAL]
    assert (row["latest_stage"], row["mentions"]) == ("approved", 2)


def test_a_projects_history_lists_each_stage_with_its_meeting(con) -> None:
    history = project_history(con, PORTAL)
    assert list(history["stage"]) == ["proposed", "approved", "completed"]
    assert list(history["doc_id"]) == ["hg-2017-lam-viec", "hg-2019-giao-ban", "hg-2021-tong-ket"]
    titles = {m["doc_id"]: m["title"] for m in MEETINGS}
    assert list(history["title"]) == [titles[d] for d in history["doc_id"]]


def test_project_choices_put_the_most_mentioned_first(con) -> None:
    assert project_choices(con, Filters()).iloc[0]["project_key"] == PORTAL


def test_an_unknown_project_has_an_empty_history(con) -> None:
    assert project_history(con, "'; DROP TABLE projects; --").empty

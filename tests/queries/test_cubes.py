"""The in-memory aggregates answer exactly what a scan of the rows answers, under every filter."""
from __future__ import annotations

import pytest

from queries.filters import Filters, where
from queries.overview import headline_counts
from queries.projects import projects_table
from queries.quality import field_coverage

FILTERS = [
    Filters(), Filters(provinces=("Hậu Giang",)), Filters(year_from=2017, year_to=2021),
    Filters(topic="dich_vu_cong_truc_tuyen"), Filters(meeting_type="giao_ban"),
    Filters(boundary="34", provinces=("Cần Thơ",)), Filters(topic="chuyen_doi_so", year_to=2024),
]


@pytest.mark.parametrize("f", FILTERS)
def test_headline_counts_match_a_scan_of_the_tables(con, f: Filters) -> None:
    mw, mp = where(f, "meetings")
    pw, pp = where(f, "projects")
    dw, dp = where(f, "deadlines")
    meetings, provinces = con.execute(
        f"SELECT count(*), count(DISTINCT {f.province_column}) FROM meetings {mw}", mp).fetchone()
    projects = con.execute(f"SELECT count(DISTINCT project_key) FROM projects {pw}", pp).fetchone()[0]
    deadlines = con.execute(f"SELECT count(*) FROM deadlines {dw}", dp).fetchone()[0]
    row = headline_counts(con, f).iloc[0]
    assert (row["meetings"], row["provinces"], row["projects"], row["deadlines"]) == (
        meetings, provinces, projects, deadlines)


@pytest.mark.parametrize("f", FILTERS)
def test_the_projects_table_matches_a_scan_of_every_mention(con, f: Filters) -> None:
    w, p = where(f, "projects", extra=("project_key IS NOT NULL",))
    col = f.province_column
    rows = con.execute(f"""
        SELECT project_key, {col}, min(meeting_date), max(meeting_date), count(*),
               count(DISTINCT doc_id), mode(kind)
        FROM projects {w} GROUP BY ALL""", p).fetchall()
    expected = {(r[0], r[1]): r[2:] for r in rows}
    table = projects_table(con, f)
    got = {(r.project_key, r.province): (r.first_mention, r.latest_mention, r.mentions,
                                         r.meetings, r.kind) for r in table.itertuples()}
    assert got == expected


@pytest.mark.parametrize("f", FILTERS)
def test_field_coverage_matches_a_scan_of_the_meetings(con, f: Filters) -> None:
    w, p = where(f, "meetings", alias="m")
    total, chairs, people = con.execute(
        f"SELECT count(*), count(m.chair_name), count(*) FILTER "
        f"(WHERE m.doc_id IN (SELECT doc_id FROM people)) FROM meetings m {w}", p).fetchone()
    cov = field_coverage(con, f).set_index("field")
    assert (cov["total"] == total).all()
    assert cov.loc["chair_name", "filled"] == chairs and cov.loc["people", "filled"] == people


@pytest.mark.parametrize("f", FILTERS)
def test_the_province_summary_matches_a_scan_of_the_tables(con, f: Filters) -> None:
    from dataclasses import replace

    from queries.province import province_summary

    g = replace(f, provinces=("Hậu Giang",) if f.boundary == "63" else ("Cần Thơ",))
    mw, mp = where(g, "meetings")
    pw, pp = where(g, "projects")
    tw, tp = where(g, "topics")
    expected = con.execute(f"""
        SELECT (SELECT count(*) FROM meetings {mw}), (SELECT min(meeting_date) FROM meetings {mw}),
               (SELECT count(DISTINCT project_key) FROM projects {pw}),
               (SELECT count(DISTINCT topic) FROM topics {tw})""", mp + mp + pp + tp).fetchone()
    row = province_summary(con, g.provinces[0], f).iloc[0]
    first = None if row["first_date"] != row["first_date"] else row["first_date"]
    assert (row["meetings"], first, row["projects"], row["topics"]) == expected

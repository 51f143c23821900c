"""The sorted lookup tables (project_mentions, deadline_list) and the row-group hints
(stored_places, a meeting's sort keys) give the answers of a plain scan of the base tables."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from queries.egov import deadlines
from queries.filters import Filters, stored_places, where
from queries.meetings import meeting_detail
from queries.projects import project_history
from queries.province import leaders, province_summary

FILTERS = [
    Filters(), Filters(provinces=("Hậu Giang",)), Filters(year_from=2017, year_to=2021),
    Filters(topic="dich_vu_cong_truc_tuyen"), Filters(meeting_type="giao_ban"),
    Filters(boundary="34", provinces=("Cần Thơ",)), Filters(provinces=("Thừa Thiên Huế",)),
    Filters(provinces=("Nowhere",)),
]


def _value(v):
    if v is None or v != v:  # NaN / NaT
        return None
    return v.date() if isinstance(v, pd.Timestamp) else v


def _rows(df) -> list[tuple]:
    return [tuple(_value(v) for v in row) for row in df.itertuples(index=False)]


def test_project_mentions_holds_every_mention_with_its_meeting(con) -> None:
    scan = con.execute("""
        SELECT p.project_key, p.meeting_date, p.stage, p.name, p.kind, p.province, p.doc_id,
               m.title, m.url, m.file, p.start, p."end"
        FROM projects p JOIN meetings m USING (doc_id) ORDER BY ALL""").fetchall()
    table = con.execute("""
        SELECT project_key, meeting_date, stage, name, kind, province, doc_id, title, url,
               file, start, "end" FROM project_mentions ORDER BY ALL""").fetchall()
    assert table == scan and len(scan) > 5


@pytest.mark.parametrize("boundary", ["63", "34"])
def test_a_projects_history_is_that_of_a_scan(con, boundary: str) -> None:
    keys = [r[0] for r in con.execute(
        "SELECT DISTINCT project_key FROM projects WHERE project_key IS NOT NULL").fetchall()]
    col = "province_2025" if boundary == "34" else "province"
    for key in keys:
        scan = con.execute(f"""
            SELECT p.meeting_date, p.stage, p.name, p.kind, p.{col}, p.doc_id, m.title, m.url,
                   m.file, p.start, p."end"
            FROM projects p JOIN meetings m USING (doc_id) WHERE p.project_key = ?
            ORDER BY p.meeting_date NULLS LAST, p.doc_id, p.start""", [key]).fetchall()
        assert _rows(project_history(con, key, Filters(boundary=boundary))) == scan, key


@pytest.mark.parametrize("f", FILTERS)
def test_the_deadlines_list_is_that_of_a_scan(con, f: Filters) -> None:
    w, p = where(f, "deadlines", alias="d")
    scan = con.execute(f"""
        SELECT d.{f.province_column}, d.text, d.due, d.due_day, d.doc_id, d.meeting_date,
               m.title
        FROM deadlines d LEFT JOIN meetings m USING (doc_id) {w}
        ORDER BY ALL""", p).fetchall()
    got = deadlines(con, f, dt.date(2024, 1, 1))
    assert sorted(_rows(got[["province", "text", "due", "due_day", "doc_id", "meeting_date",
                             "title"]]), key=str) == sorted(
        [tuple(r) for r in scan], key=str)
    days = [d for d in got["due_day"] if d is not None and d == d]
    assert days == sorted(days)


@pytest.mark.parametrize("f", FILTERS)
def test_stored_places_only_narrows_what_the_filter_selects(con, f: Filters) -> None:
    pre, pp = stored_places(con, f)
    w, p = where(f, "people")
    w2, p2 = where(f, "people", extra=pre)
    plain = con.execute(f"SELECT * FROM people {w} ORDER BY ALL", p).fetchall()
    hinted = con.execute(f"SELECT * FROM people {w2} ORDER BY ALL", pp + p2).fetchall()
    assert hinted == plain


@pytest.mark.parametrize("province", ["Hậu Giang", "Thừa Thiên Huế", "Cần Thơ", "Nghệ An"])
def test_leaders_and_summary_count_every_person_of_the_province(con, province: str) -> None:
    f = Filters()
    people = con.execute("SELECT count(DISTINCT name_key) FROM people WHERE province = ?",
                         [province]).fetchone()[0]
    assert province_summary(con, province, f)["people"].iloc[0] == people
    assert len(leaders(con, province, f)) == people


def test_meeting_detail_finds_every_span_of_every_meeting(con) -> None:
    for (doc_id,) in con.execute("SELECT doc_id FROM meetings").fetchall():
        spans = meeting_detail(con, doc_id).spans
        for table in ("people", "projects", "topics", "deadlines", "legal_refs", "numbers"):
            n = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [doc_id]).fetchone()[0]
            assert (spans["kind"] == table).sum() == n, (doc_id, table)

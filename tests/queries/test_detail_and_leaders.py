"""One meeting's detail and a province's leaders, against the plain reading of their definitions:
the meeting's own spans are the meeting row's, and a topic or meeting-type filter on the
province profile keeps exactly the rows of the matching meetings."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from queries.filters import Filters
from queries.meetings import meeting_detail
from queries.province import leaders, province_summary
from queries.reference import province_options

# Filters whose topic / meeting-type part goes through the meetings (meeting_facts).
FILTERS = [
    Filters(topic="dich_vu_cong_truc_tuyen"),
    Filters(topic="chu_ky_so", year_from=2018),
    Filters(meeting_type="giao_ban"),
    Filters(meeting_type="lam_viec", topic="chuyen_doi_so"),
    Filters(boundary="34", topic="dich_vu_cong_truc_tuyen"),
    Filters(boundary="34", meeting_type="giao_ban", year_to=2020),
    Filters(topic="no_such_topic"),
]


def _people_rows(con, province: str, f: Filters) -> pd.DataFrame:
    """The province's people rows of the meetings matching `f`, the long way: every filter
    checked on the meetings table and the topics table, nothing taken from meeting_facts."""
    col = f.province_column
    conds, params = [f"p.{col} = ?"], [province]
    if f.year_from is not None:
        conds.append("p.year >= ?")
        params.append(f.year_from)
    if f.year_to is not None:
        conds.append("p.year <= ?")
        params.append(f.year_to)
    if f.topic:
        conds.append("p.doc_id IN (SELECT doc_id FROM topics WHERE topic = ?)")
        params.append(f.topic)
    if f.meeting_type:
        conds.append("p.doc_id IN (SELECT doc_id FROM meetings WHERE meeting_type = ?)")
        params.append(f.meeting_type)
    return con.execute(f"SELECT p.* FROM people p WHERE {' AND '.join(conds)}", params).df()


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_leaders_under_a_topic_or_type_filter_count_the_matching_meetings(con, f) -> None:
    for province in province_options(f.boundary):
        rows = _people_rows(con, province, f).dropna(subset=["name_key"])
        got = leaders(con, province, f)
        assert len(got) == rows["name_key"].nunique(), province
        for _, own in rows.groupby("name_key"):
            name = own.sort_values("meeting_date").iloc[-1]["name"]
            row = got.set_index("name").loc[name]
            assert row["meetings"] == own["doc_id"].nunique(), (province, name)
            assert row["chaired"] == own.loc[own["is_chair"], "doc_id"].nunique(), (province, name)
            assert (row["first_date"], row["last_date"]) == (own["meeting_date"].min(),
                                                             own["meeting_date"].max())


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_province_summary_counts_the_people_of_the_matching_meetings(con, f) -> None:
    for province in province_options(f.boundary):
        rows = _people_rows(con, province, f)
        got = province_summary(con, province, f).iloc[0]
        assert got["people"] == rows["name_key"].nunique(), province


def test_a_topic_filter_only_narrows_the_leaders(con) -> None:
    everyone = leaders(con, "Hậu Giang", Filters()).set_index("name")
    some = leaders(con, "Hậu Giang", replace(Filters(), topic="dich_vu_cong_truc_tuyen"))
    assert 0 < len(some) <= len(everyone)
    for row in some.itertuples(index=False):
        assert row.meetings <= everyone.loc[row.name, "meetings"]


def test_the_meetings_own_spans_are_its_row(con) -> None:
    ids = [r[0] for r in con.execute("SELECT doc_id FROM meetings ORDER BY doc_id").fetchall()]
    assert ids
    for doc_id in ids:
        detail = meeting_detail(con, doc_id)
        m = detail.meeting
        assert m["doc_id"] == doc_id
        spans = detail.spans.set_index("kind")
        expected = {"province": ("province_start", "province_end", "province", "province_2025",
                                 "province_rule"),
                    "date": ("date_start", "date_end", "meeting_date", "period", "date_rule"),
                    "chair": ("chair_start", "chair_end", "chair_name", "chair_title",
                              "chair_rule")}
        for kind, (start, end, value, detail_col, rule) in expected.items():
            if pd.isna(m[start]):
                assert kind not in spans.index, (doc_id, kind)
                continue
            got = spans.loc[kind]
            assert (got["start"], got["end"], got["rule"]) == (m[start], m[end], m[rule])
            assert got["value"] == m[value] or (pd.isna(got["value"]) and pd.isna(m[value]))
            assert got["detail"] == m[detail_col] or (pd.isna(got["detail"])
                                                      and pd.isna(m[detail_col]))
        assert list(detail.spans["start"]) == sorted(detail.spans["start"])
        assert str(detail.spans["start"].dtype) == "int32"


def test_a_non_meeting_document_has_no_spans(con) -> None:
    detail = meeting_detail(con, "hg-2020-quyet-dinh")
    assert detail.meeting is None
    assert detail.spans.empty
    assert list(detail.spans.columns) == ["kind", "start", "end", "value", "detail", "rule"]

"""The meetings table (accent-insensitive search, paged) and one meeting with every extracted span."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

# text_folded is written with loaders.text.fold; folding the query with the same function
# guarantees that "hau giang" meets "Hậu Giang" exactly as the build folded it.
from loaders.text import fold, nfc
from queries.filters import FACTS, Filters, where
from queries.overview import Con, frame

MAX_PAGE = 500


def _fold_sql(expr: str) -> str:
    # DuckDB's strip_accents leaves đ/Đ alone, so they are replaced first.
    return f"lower(strip_accents(replace(replace(coalesce({expr}, ''), 'đ', 'd'), 'Đ', 'D')))"


def search_pattern(query: str) -> str | None:
    """A regex (RE2) for the folded words of `query` in order, any punctuation between them.

    Only letters and digits survive folding, so the pattern has no user-written syntax;
    None when nothing searchable is left.
    """
    words = re.findall(r"[a-z0-9]+", fold(nfc(query or "")))
    if not words:
        return None
    return r"\b" + r"[^a-z0-9]+".join(words)


def _search_where(f: Filters, search: str, table: str, alias: str) -> tuple[str, list]:
    words = re.findall(r"[a-z0-9]+", fold(nfc(search or "")))
    extra: tuple[str, ...] = ()
    params: list = []
    if words:
        haystack = (
            f"coalesce(d.text_folded, '') || ' ' || {_fold_sql('m.title')}"
            f" || ' ' || {_fold_sql('m.chair_name')}"
        )
        # A plain substring test on the longest word discards most rows cheaply; the
        # regular expression then checks the whole phrase on what is left.
        extra = (f"contains({haystack}, ?)", f"regexp_matches({haystack}, ?)")
        params = [max(words, key=len), search_pattern(search)]
    w, p = where(f, table, alias=alias, extra=extra)
    # The search conditions come first in `extra`, so their parameters lead.
    return w, params + p


def count_meetings(con: Con, f: Filters, search: str = "") -> int:
    """How many meetings match the filters and the search."""
    if not search_pattern(search):
        w, p = where(f, FACTS)
        return int(con.execute(f"SELECT count(*) FROM {FACTS} {w}", p).fetchone()[0])
    w, p = _search_where(f, search, "meetings", "m")
    sql = f"SELECT count(*) FROM meetings m LEFT JOIN documents d USING (doc_id) {w}"
    return int(con.execute(sql, p).fetchone()[0])


def meetings_table(
    con: Con, f: Filters, search: str = "", limit: int = MAX_PAGE, offset: int = 0
) -> pd.DataFrame:
    """One page of meetings, newest first: doc_id, province, meeting_date, meeting_type,
    chair_name, chair_title, title, url, file, publication_date."""
    limit = max(1, min(int(limit), MAX_PAGE))
    col = f.province_column
    cols = (f"m.doc_id, m.{col} AS province, m.meeting_date, m.meeting_type, m.chair_name, "
            "m.chair_title, m.title, m.url, m.file, m.publication_date")
    order = "ORDER BY meeting_date DESC NULLS LAST, doc_id"
    if search_pattern(search):
        w, p = _search_where(f, search, "meetings", "m")
        sql = f"""
            SELECT {cols} FROM meetings m LEFT JOIN documents d USING (doc_id) {w}
            {order} LIMIT ? OFFSET ?
        """
        return frame(con, sql, p + [limit, max(0, int(offset))])
    # The page's ids come from the in-memory facts (a top-N over a million small rows);
    # only those rows are then read from the meetings table.
    w, p = where(f, FACTS)
    sql = f"""
        WITH page AS (SELECT doc_id FROM {FACTS} {w} {order} LIMIT ? OFFSET ?)
        SELECT {cols} FROM meetings m WHERE m.doc_id IN (SELECT doc_id FROM page)
        {order}
    """
    return frame(con, sql, p + [limit, max(0, int(offset))])


@dataclass
class MeetingDetail:
    """A document, its meeting row (None for a non-meeting) and every extracted span."""

    document: dict
    meeting: dict | None
    spans: pd.DataFrame = field(default_factory=pd.DataFrame)  # kind, start, end, value, detail, rule


_SPANS_SQL = """
    SELECT 'province' AS kind, province_start AS start, province_end AS "end",
           province AS value, province_2025 AS detail, province_rule AS rule
      FROM meetings WHERE doc_id = $1 AND province_start IS NOT NULL
    UNION ALL
    SELECT 'date', date_start, date_end, meeting_date, period, date_rule
      FROM meetings WHERE doc_id = $1 AND date_start IS NOT NULL
    UNION ALL
    SELECT 'chair', chair_start, chair_end, chair_name, chair_title, chair_rule
      FROM meetings WHERE doc_id = $1 AND chair_start IS NOT NULL
    UNION ALL
    SELECT 'people', start, "end", name, title, rule FROM people WHERE doc_id = $1
    UNION ALL
    SELECT 'projects', start, "end", name, concat_ws(' · ', kind, stage), rule
      FROM projects WHERE doc_id = $1
    UNION ALL
    SELECT 'topics', start, "end", topic, NULL, rule FROM topics WHERE doc_id = $1
    UNION ALL
    SELECT 'deadlines', start, "end", text, due, rule FROM deadlines WHERE doc_id = $1
    UNION ALL
    SELECT 'legal_refs', start, "end", text, ref_key, rule FROM legal_refs WHERE doc_id = $1
    UNION ALL
    SELECT 'numbers', start, "end", text,
           concat_ws(' ', CAST(value AS VARCHAR), unit), rule FROM numbers WHERE doc_id = $1
    ORDER BY start, kind
"""


def meeting_detail(con: Con, doc_id: str) -> MeetingDetail | None:
    """The cleaned article and all its extracted values with spans; None for an unknown id."""
    doc = frame(con, "SELECT * EXCLUDE (text_folded, chrome) FROM documents WHERE doc_id = ?",
                [doc_id])
    if doc.empty:
        return None
    meeting = frame(con, "SELECT * FROM meetings WHERE doc_id = ?", [doc_id])
    spans = frame(con, _SPANS_SQL, [doc_id])
    return MeetingDetail(
        document=doc.iloc[0].to_dict(),
        meeting=None if meeting.empty else meeting.iloc[0].to_dict(),
        spans=spans,
    )


"""The meetings table (accent-insensitive search, paged) and one meeting with every extracted span."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pandas as pd

# text_folded is written with loaders.text.fold; folding the query with the same function
# guarantees that "hau giang" meets "Hậu Giang" exactly as the build folded it.
from loaders.schema import SEARCH_HAYSTACK
from loaders.schema import fold_sql as _fold_sql  # noqa: F401  (kept for callers)
from loaders.text import fold, nfc
from queries.filters import FACTS, Filters, stored_places, where
from queries.overview import Con, frame
from queries.overview import on_disk as _on_disk

MAX_PAGE = 500
_ORDER = "ORDER BY meeting_date DESC NULLS LAST, doc_id"


def _words(query: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(nfc(query or "")))


def search_pattern(query: str) -> str | None:
    """A regex (RE2) for the folded words of `query` in order, any punctuation between them.

    Only letters and digits survive folding, so the pattern has no user-written syntax;
    None when nothing searchable is left.
    """
    words = _words(query)
    if not words:
        return None
    return r"\b" + r"[^a-z0-9]+".join(words)


def _brute_force_sql(search: str) -> tuple[str, list]:
    """doc_keys of the meetings whose searchable text matches `search`, by reading every text
    (the definition of a match; the index below must agree with it)."""
    sql = (f"SELECT m.doc_key FROM meetings m LEFT JOIN documents d USING (doc_id) "
           f"WHERE contains({SEARCH_HAYSTACK}, ?) AND regexp_matches({SEARCH_HAYSTACK}, ?)")
    return sql, [max(_words(search), key=len), search_pattern(search)]


def _prefix(column: str, word: str) -> tuple[str, list]:
    # Words hold only a-z and 0-9, all below "{": [word, word + "{") is every word it begins.
    return f"{column} >= ? AND {column} < ?", [word, word + "{"]


def _match_sql(search: str) -> tuple[str, list]:
    """doc_keys of the meetings matching `search`, from the posting lists of the
    search_shingles index (which may still hold keys of old versions of changed meetings:
    the caller joins the keys to the meetings, where only current keys are).

    The pattern needs the first word at a word boundary, each later word after punctuation,
    every word whole but the last, which may begin a longer word. So a phrase of up to three
    words is one range of (t1, t2, t3) rows, exactly. A longer phrase takes the meetings that
    have each of its three-word windows, then checks the pattern on their texts only.
    """
    words = _words(search)
    windows = [words[i:i + 3] for i in range(max(1, len(words) - 2))]
    parts, params = [], []
    for k, window in enumerate(windows):
        conds = []
        for j, (col, word) in enumerate(zip(("t1", "t2", "t3"), window, strict=False)):
            if j == 0 and k > 0:
                # A later window may start after "_" (stored with it): both spellings.
                conds.append("(t1 = ? OR t1 = ?)")
                params += [word, "_" + word]
            elif k == len(windows) - 1 and j == len(window) - 1:
                c, p = _prefix(col, word)
                conds.append(c)
                params += p
            else:
                conds.append(f"{col} = ?")
                params.append(word)
        parts.append("SELECT unnest(doc_keys) AS doc_key FROM search_shingles WHERE "
                     + " AND ".join(conds))
    sql = " INTERSECT ".join(parts)
    if len(words) > 3:
        check, p = _brute_force_sql(search)
        sql = f"{check} AND m.doc_key IN ({sql})"
        params = p + params
    return sql, params


def _matching_facts(con: Con, f: Filters, search: str) -> tuple[str, list]:
    """WHERE over meeting_facts for the filters and, when given, the search: by the index
    when the build wrote it, else (a snapshot of an older build) by reading every text."""
    if not search_pattern(search):
        return where(f, FACTS)
    match, mp = (_match_sql if _on_disk(con, "search_shingles") else _brute_force_sql)(search)
    # The matches as one list, unnested: DuckDB then builds its hash table on them (tens of
    # thousands of keys) and streams the million facts past it, not the other way round.
    # No DISTINCT: a key listed twice (a prefix matching two words of one meeting) matches
    # the same fact once in a semi-join, and deduplicating 100,000 keys costs ~10 ms.
    keys = f"(SELECT unnest(k) FROM (SELECT list(doc_key) AS k FROM ({match})))"
    w, p = where(f, FACTS, extra=(f"doc_key IN {keys}",))
    return w, mp + p


def count_meetings(con: Con, f: Filters, search: str = "") -> int:
    """How many meetings match the filters and the search."""
    w, p = _matching_facts(con, f, search)
    return int(con.execute(f"SELECT count(*) FROM {FACTS} {w}", p).fetchone()[0])


def meetings_table(
    con: Con, f: Filters, search: str = "", limit: int = MAX_PAGE, offset: int = 0
) -> pd.DataFrame:
    """One page of meetings, newest first: doc_id, province, meeting_date, meeting_type,
    chair_name, chair_title, title, url, file, publication_date."""
    limit = max(1, min(int(limit), MAX_PAGE))
    col = f.province_column
    cols = (f"m.doc_id, m.{col} AS province, m.meeting_date, m.meeting_type, m.chair_name, "
            "m.chair_title, m.title, m.url, m.file, m.publication_date")
    # The page's ids and dates come from the in-memory facts (a top-N over a million small
    # rows); only those rows are then read from the meetings table, which is sorted by
    # meeting_date: the page's date range names the few row groups that hold them. Under a
    # province filter the page's dates may span every year (a search in one province), so
    # the rows are read from meeting_list, sorted by place and date, where the province's
    # range and the dates name its row groups.
    w, p = _matching_facts(con, f, search)
    page = con.execute(f"SELECT doc_id, meeting_date FROM {FACTS} {w} {_ORDER} LIMIT ? OFFSET ?",
                       p + [limit, max(0, int(offset))]).fetchall()
    if not page:
        return frame(con, f"SELECT {cols} FROM meetings m WHERE false")
    source, conds, params = "meetings", [], []
    if f.provinces and _on_disk(con, "meeting_list"):
        source = "meeting_list"
        place, params = stored_places(con, f, "m")
        conds, params = list(place), list(params)
    dates = [d for _, d in page if d is not None]
    on_date = ["m.meeting_date BETWEEN ? AND ?"] if dates else []
    params += [min(dates), max(dates)] if dates else []
    if len(dates) < len(page):
        on_date.append("m.meeting_date IS NULL")
    conds += ["(" + " OR ".join(on_date) + ")", "m.doc_id IN (SELECT unnest(?::VARCHAR[]))"]
    params.append([d for d, _ in page])
    sql = f"SELECT {cols} FROM {source} m WHERE {' AND '.join(conds)} {_ORDER}"
    return frame(con, sql, params)



@dataclass
class MeetingDetail:
    """A document, its meeting row (None for a non-meeting) and every extracted span."""

    document: dict
    meeting: dict | None
    spans: pd.DataFrame = field(default_factory=pd.DataFrame)  # kind, start, end, value, detail, rule


# The spans read from the meeting row itself: kind, and its start, end, value, detail and
# rule columns. The meetings view types them as the child spans are typed (INTEGER offsets,
# VARCHAR texts), so both kinds make one frame.
_ROW_SPANS = (
    ("province", ("province_start", "province_end", "province", "province_2025", "province_rule")),
    ("date", ("date_start", "date_end", "meeting_date", "period", "date_rule")),
    ("chair", ("chair_start", "chair_end", "chair_name", "chair_title", "chair_rule")),
)
_SPAN_COLUMNS = ["kind", "start", "end", "value", "detail", "rule"]

# One SELECT per kind of child span (a snapshot of an older build, without meeting_spans);
# {place} adds the meeting's sort keys (see below).
_SPAN_PARTS = (
    """SELECT 'people' AS kind, start, "end", name AS value, title AS detail, rule
       FROM people WHERE doc_id = ? {place}""",
    """SELECT 'projects', start, "end", name, concat_ws(' · ', kind, stage), rule
       FROM projects WHERE doc_id = ? {place}""",
    """SELECT 'topics', start, "end", topic, NULL, rule FROM topics WHERE doc_id = ? {place}""",
    """SELECT 'deadlines', start, "end", text, due, rule FROM deadlines
       WHERE doc_id = ? {place}""",
    """SELECT 'legal_refs', start, "end", text, ref_key, rule FROM legal_refs
       WHERE doc_id = ? {place}""",
    """SELECT 'numbers', start, "end", text, concat_ws(' ', CAST(value AS VARCHAR), unit), rule
       FROM numbers WHERE doc_id = ? {place}""",
)


# Threads for the second lookup of meeting_detail (one per concurrent detail view).
_LOOKUPS = ThreadPoolExecutor(max_workers=8, thread_name_prefix="meeting-detail")


def _equal(pairs: list[tuple[str, object]]) -> tuple[str, list]:
    """` AND col = ?` (or `IS NULL`) for each (column, value), and the parameters."""
    sql = "".join(f" AND {c} IS NULL" if v is None else f" AND {c} = ?" for c, v in pairs)
    return sql, [v for _, v in pairs if v is not None]


def _row_spans(row: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    """The province, date and chair spans of the meeting row (none for an empty frame), typed
    as `like` (the child spans): built here from the row already read, not by a query."""
    out = []
    for _, r in row.iterrows():
        for kind, cols in _ROW_SPANS:
            if not pd.isna(r[cols[0]]):
                out.append([kind] + [None if pd.isna(r[c]) else r[c] for c in cols])
    spans = pd.DataFrame(out, columns=_SPAN_COLUMNS)
    return spans.astype(like.dtypes.to_dict()) if out else like.iloc[:0]


def _sorted_spans(parts: list[pd.DataFrame]) -> pd.DataFrame:
    spans = pd.concat([p for p in parts if not p.empty] or parts[:1], ignore_index=True)
    return spans.sort_values(["start", "kind"], kind="stable").reset_index(drop=True)


def meeting_detail(con: Con, doc_id: str) -> MeetingDetail | None:
    """The cleaned article and all its extracted values with spans; None for an unknown id."""
    doc = frame(con, "SELECT * EXCLUDE (text_folded, chrome) FROM documents WHERE doc_id = ?",
                [doc_id])
    if doc.empty:
        return None
    # The meeting's date, place and year (from the in-memory facts) are the sort keys of the
    # tables (loaders.schema.SORT_BY): naming them lets DuckDB read a row group or two of
    # each table instead of all. Child rows copy their meeting's context, so the added
    # conditions drop nothing; a document that is no meeting has no child rows to find.
    # Found by doc_key (from the document row): the facts are in date order, and comparing
    # a million integers is several times cheaper than a million strings.
    ctx = con.execute(f"SELECT meeting_date, province_2025, year, doc_key FROM {FACTS} "
                      "WHERE doc_key = ? AND doc_id = ?",
                      [int(doc["doc_key"].iloc[0]), doc_id]).fetchall()
    meeting, mp, place, pp = "", [], "", []
    if len(ctx) == 1:
        date, place_2025, year, key = ctx[0]
        meeting, mp = _equal([("meeting_date", date)])
        place, pp = _equal([("province_2025", place_2025), ("year", year)])
    if len(ctx) == 1 and _on_disk(con, "meeting_spans"):
        # The child rows' spans, written by the build into one table sorted by doc_key.
        sql, params = ('SELECT kind, start, "end", value, detail, rule FROM meeting_spans '
                       "WHERE doc_key = ?", [key])
    else:
        sql = " UNION ALL ".join(part.format(place=place) for part in _SPAN_PARTS)
        params = ([doc_id] + pp) * len(_SPAN_PARTS)
    # The spans and the meeting row are two independent lookups of about 10 ms each at a
    # million meetings: the spans are read on a second cursor (DuckDB runs a query without
    # holding the GIL) while this thread reads the row.
    side = con.cursor()
    try:
        children_read = _LOOKUPS.submit(frame, side, sql, params)
        # meeting_facts holds every row of meetings (queries.connection): a document it does
        # not name has no meeting row to read. The row is read once; its spans come from it.
        row = frame(con, f"SELECT * FROM meetings WHERE doc_id = ?{meeting}"
                         + (" AND false" if not ctx else ""), [doc_id] + mp)
        children = children_read.result()
    finally:
        side.close()
    spans = _sorted_spans([_row_spans(row, children), children])
    return MeetingDetail(
        document=doc.iloc[0].to_dict(),
        meeting=None if row.empty else row.iloc[0].to_dict(),
        spans=spans,
    )

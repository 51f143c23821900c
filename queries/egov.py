"""E-government milestones: when each province first reported a topic, deadlines, a ranking."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from queries.filters import Filters, where
from queries.overview import Con, frame, per_topic

# Partial dates ("2019-03", "2019") are drawn at the start of the month or year they name.
_DAY = """CASE length({c}) WHEN 10 THEN try_cast({c} AS DATE)
               WHEN 7 THEN try_cast({c} || '-01' AS DATE)
               WHEN 4 THEN try_cast({c} || '-01-01' AS DATE) END"""


def topic_first_reported(con: Con, f: Filters) -> pd.DataFrame:
    """topic, province, first_date, first_day, first_year, doc_id, meetings: one row per
    province and topic, dated by the first meeting that discussed it."""
    inner, p = per_topic(f, extra=(f"{f.province_column} IS NOT NULL",),
                         aggregates="first_date, first_doc AS doc_id")
    sql = f"""
        WITH firsts AS (
          SELECT topic, province, min(first_date) AS first_date, min(year) AS first_year,
                 arg_min(doc_id, (first_date, doc_id)) AS doc_id, sum(n)::BIGINT AS meetings
          FROM ({inner}) GROUP BY topic, province
        )
        SELECT topic, province, first_date, {_DAY.format(c="first_date")} AS first_day,
               first_year, doc_id, meetings
        FROM firsts ORDER BY first_date, province COLLATE vi, topic
    """
    return frame(con, sql, p)


def deadlines(con: Con, f: Filters, today: dt.date | None = None, limit: int = 1000) -> pd.DataFrame:
    """province, text, due, due_day, status ('upcoming' | 'past' | 'unknown'), doc_id,
    meeting_date, title: deadlines set in matching meetings, soonest first."""
    today = today or dt.date.today()
    col = f.province_column
    w, p = where(f, "deadline_list", alias="d")
    # deadline_list (loaders.schema) is sorted by due_day with the meeting's title: DuckDB's
    # top-N stops reading row groups once their due_day is past the soonest `limit`.
    sql = f"""
        SELECT d.{col} AS province, d.text, d.due, CAST(d.due_day AS DATE) AS due_day,
               CASE WHEN d.due_day IS NULL THEN 'unknown'
                    WHEN CAST(d.due_day AS DATE) >= ? THEN 'upcoming' ELSE 'past' END AS status,
               d.doc_id, d.meeting_date, d.title
        FROM deadline_list d {w}
        ORDER BY d.due_day NULLS LAST, province COLLATE vi
        LIMIT ?
    """
    return frame(con, sql, [today] + p + [int(limit)])


def topic_ranking(con: Con, f: Filters, year: int | None = None) -> pd.DataFrame:
    """province, reached, rank, reached_prev, rank_prev, change, year: provinces ranked by
    how many topics they had reported by the end of `year` (default: the last year of the
    filters), with the rank one year earlier (change > 0 means the province moved up)."""
    inner, p = per_topic(f, extra=(f"{f.province_column} IS NOT NULL", "year IS NOT NULL"),
                         aggregates="year AS first_year, year AS last_year")
    firsts = f"SELECT province, topic, min(first_year) AS first_year, max(last_year) AS last_year FROM ({inner}) GROUP BY ALL"
    if year is None:
        row = con.execute(f"SELECT max(last_year) FROM ({firsts})", p).fetchone()
        if row[0] is None:
            return pd.DataFrame(columns=["province", "reached", "rank", "reached_prev",
                                         "rank_prev", "change", "year"])
        year = int(row[0])
    sql = f"""
        WITH firsts AS ({firsts}),
        cur AS (
          SELECT province, count(*) AS reached,
                 rank() OVER (ORDER BY count(*) DESC) AS rank
          FROM firsts WHERE first_year <= ? GROUP BY province
        ),
        prev AS (
          SELECT province, count(*) AS reached_prev,
                 rank() OVER (ORDER BY count(*) DESC) AS rank_prev
          FROM firsts WHERE first_year <= ? GROUP BY province
        )
        SELECT cur.province, cur.reached, cur.rank, prev.reached_prev, prev.rank_prev,
               prev.rank_prev - cur.rank AS change, CAST(? AS INTEGER) AS year
        FROM cur LEFT JOIN prev USING (province)
        ORDER BY cur.rank, cur.province COLLATE vi
    """
    return frame(con, sql, p + [year, year - 1, year])

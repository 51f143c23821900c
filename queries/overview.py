"""Aggregates for the overview: headline counts, meetings per province/year/type, top topics."""
from __future__ import annotations

import duckdb
import pandas as pd

from queries.filters import Filters, where

Con = duckdb.DuckDBPyConnection


def frame(con: Con, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run parameterised SQL and return a (small) DataFrame."""
    return con.execute(sql, params or []).df()


def headline_counts(con: Con, f: Filters) -> pd.DataFrame:
    """One row: meetings, provinces, projects, topics, deadlines, documents for the filters."""
    mw, mp = where(f, "meetings")
    pw, pp = where(f, "projects")
    tw, tp = where(f, "topics")
    dw, dp = where(f, "deadlines")
    col = f.province_column
    sql = f"""
        SELECT
          (SELECT count(*) FROM meetings {mw}) AS meetings,
          (SELECT count(DISTINCT {col}) FROM meetings {mw}) AS provinces,
          (SELECT count(DISTINCT project_key) FROM projects {pw}) AS projects,
          (SELECT count(DISTINCT topic) FROM topics {tw}) AS topics,
          (SELECT count(*) FROM deadlines {dw}) AS deadlines,
          (SELECT min(year) FROM meetings {mw}) AS first_year,
          (SELECT max(year) FROM meetings {mw}) AS last_year
    """
    return frame(con, sql, mp + mp + pp + tp + dp + mp + mp)


def year_bounds(con: Con) -> tuple[int, int] | None:
    """The first and last meeting year in the snapshot (None when there are no meetings)."""
    lo, hi = con.execute("SELECT min(year), max(year) FROM meetings").fetchone()
    return None if lo is None else (int(lo), int(hi))


def meetings_by_province_year(con: Con, f: Filters) -> pd.DataFrame:
    """province, year, meetings: one row per province and year with at least one meeting."""
    col = f.province_column
    w, p = where(f, "meetings", extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, year, count(*) AS meetings
        FROM meetings {w}
        GROUP BY ALL ORDER BY province COLLATE vi, year
    """
    return frame(con, sql, p)


def meetings_by_province(con: Con, f: Filters) -> pd.DataFrame:
    """province, meetings, first_year, last_year: the map's values."""
    col = f.province_column
    w, p = where(f, "meetings", extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, count(*) AS meetings,
               min(year) AS first_year, max(year) AS last_year
        FROM meetings {w}
        GROUP BY ALL ORDER BY meetings DESC, province COLLATE vi
    """
    return frame(con, sql, p)


def meetings_by_type_year(con: Con, f: Filters) -> pd.DataFrame:
    """year, meeting_type, meetings."""
    w, p = where(f, "meetings", extra=("year IS NOT NULL",))
    sql = f"""
        SELECT year, coalesce(meeting_type, 'unknown') AS meeting_type, count(*) AS meetings
        FROM meetings {w}
        GROUP BY ALL ORDER BY year, meeting_type
    """
    return frame(con, sql, p)


def top_topics(con: Con, f: Filters, limit: int = 16) -> pd.DataFrame:
    """topic, meetings (distinct meetings discussing it), provinces: the most discussed first."""
    col = f.province_column
    w, p = where(f, "topics")
    sql = f"""
        SELECT topic, count(DISTINCT doc_id) AS meetings, count(DISTINCT {col}) AS provinces
        FROM topics {w}
        GROUP BY topic ORDER BY meetings DESC, topic LIMIT ?
    """
    return frame(con, sql, p + [int(limit)])


def topics_by_province(con: Con, f: Filters) -> pd.DataFrame:
    """province, topic, meetings: how many meetings of each province discussed each topic."""
    col = f.province_column
    w, p = where(f, "topics", extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, topic, count(DISTINCT doc_id) AS meetings
        FROM topics {w}
        GROUP BY ALL ORDER BY province COLLATE vi, meetings DESC, topic
    """
    return frame(con, sql, p)

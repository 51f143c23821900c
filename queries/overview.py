"""Aggregates for the overview: headline counts, meetings per province/year/type, top topics."""
from __future__ import annotations

import duckdb
import pandas as pd

from queries.filters import Filters, where

Con = duckdb.DuckDBPyConnection
CUBE = "meeting_cube"  # meetings per filter dimensions and topic (loaders.schema.DERIVED)


def frame(con: Con, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run parameterised SQL and return a (small) DataFrame."""
    return con.execute(sql, params or []).df()


def on_disk(con: Con, table: str) -> bool:
    """Whether the build wrote this large derived table to Parquet (loaders.schema.ON_DISK);
    a snapshot of an older build may not have it, and computing it per query would be slow."""
    return bool(con.execute("SELECT count(*) FROM derived_on_disk WHERE table_name = ?",
                            [table]).fetchone()[0])


def headline_counts(con: Con, f: Filters) -> pd.DataFrame:
    """One row: meetings, provinces, projects, topics, deadlines, first_year, last_year."""
    mw, mp = where(f, CUBE)
    tw, tp = where(f, CUBE, per_topic=True)
    pw, pp = where(f, "project_cube")
    dw, dp = where(f, "deadline_cube")
    col = f.province_column
    # With a topic filter only that topic counts as discussed; otherwise every topic seen.
    topics = ("CAST(m.meetings > 0 AS INTEGER)" if f.topic else
              f"(SELECT CAST(count(DISTINCT topic) AS INTEGER) FROM {CUBE} {tw})")
    sql = f"""
        WITH m AS (
          SELECT coalesce(sum(n), 0)::BIGINT AS meetings, count(DISTINCT {col}) AS provinces,
                 min(year) AS first_year, max(year) AS last_year
          FROM {CUBE} {mw}
        )
        SELECT m.meetings, m.provinces,
               (SELECT count(DISTINCT project_key) FROM project_cube {pw}) AS projects,
               {topics} AS topics,
               (SELECT coalesce(sum(n), 0)::BIGINT FROM deadline_cube {dw}) AS deadlines,
               m.first_year, m.last_year
        FROM m
    """
    return frame(con, sql, mp + pp + ([] if f.topic else tp) + dp)


def year_bounds(con: Con) -> tuple[int, int] | None:
    """The first and last meeting year in the snapshot (None when there are no meetings)."""
    lo, hi = con.execute(f"SELECT min(year), max(year) FROM {CUBE} WHERE topic IS NULL").fetchone()
    return None if lo is None else (int(lo), int(hi))


def meetings_by_province_year(con: Con, f: Filters) -> pd.DataFrame:
    """province, year, meetings: one row per province and year with at least one meeting."""
    col = f.province_column
    w, p = where(f, CUBE, extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, year, sum(n)::BIGINT AS meetings
        FROM {CUBE} {w}
        GROUP BY ALL ORDER BY province COLLATE vi, year
    """
    return frame(con, sql, p)


def meetings_by_province(con: Con, f: Filters) -> pd.DataFrame:
    """province, meetings, first_year, last_year: the map's values."""
    col = f.province_column
    w, p = where(f, CUBE, extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, sum(n)::BIGINT AS meetings,
               min(year) AS first_year, max(year) AS last_year
        FROM {CUBE} {w}
        GROUP BY ALL ORDER BY meetings DESC, province COLLATE vi
    """
    return frame(con, sql, p)


def meetings_by_type_year(con: Con, f: Filters) -> pd.DataFrame:
    """year, meeting_type, meetings."""
    w, p = where(f, CUBE, extra=("year IS NOT NULL",))
    sql = f"""
        SELECT year, coalesce(meeting_type, 'unknown') AS meeting_type, sum(n)::BIGINT AS meetings
        FROM {CUBE} {w}
        GROUP BY ALL ORDER BY year, meeting_type
    """
    return frame(con, sql, p)


def per_topic(f: Filters, extra: tuple[str, ...] = (), aggregates: str = "") -> tuple[str, list]:
    """(province, topic, n, <aggregates>) rows: the meeting cube's rows of each topic (or of
    the filter's topic), one per (province, province_2025, year, meeting_type, topic) group.
    `aggregates` (our own SQL over the cube's columns) adds columns."""
    col = f.province_column
    w, p = where(f, CUBE, extra=extra, per_topic=True)
    more = f", {aggregates}" if aggregates else ""
    sql = f"SELECT {col} AS province, topic, n, year{more} FROM {CUBE} {w}"
    return sql, p


def top_topics(con: Con, f: Filters, limit: int = 16) -> pd.DataFrame:
    """topic, meetings (meetings discussing it), provinces: the most discussed first."""
    inner, p = per_topic(f)
    sql = f"""
        SELECT topic, sum(n)::BIGINT AS meetings, count(DISTINCT province) AS provinces
        FROM ({inner}) GROUP BY topic ORDER BY meetings DESC, topic LIMIT ?
    """
    return frame(con, sql, p + [int(limit)])


def topics_by_province(con: Con, f: Filters) -> pd.DataFrame:
    """province, topic, meetings: how many meetings of each province discussed each topic."""
    inner, p = per_topic(f, extra=(f"{f.province_column} IS NOT NULL",))
    sql = f"""
        SELECT province, topic, sum(n)::BIGINT AS meetings
        FROM ({inner}) GROUP BY ALL ORDER BY province COLLATE vi, meetings DESC, topic
    """
    return frame(con, sql, p)

"""Aggregates for the overview: headline counts, meetings per province/year/type, top topics."""
from __future__ import annotations

import duckdb
import pandas as pd

from queries.filters import FACTS, Filters, where
from queries.reference import TOPICS

Con = duckdb.DuckDBPyConnection


def frame(con: Con, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run parameterised SQL and return a (small) DataFrame."""
    return con.execute(sql, params or []).df()


def headline_counts(con: Con, f: Filters) -> pd.DataFrame:
    """One row: meetings, provinces, projects, topics, deadlines, first_year, last_year."""
    mw, mp = where(f, FACTS)
    pw, pp = where(f, "projects")
    dw, dp = where(f, "deadlines")
    col = f.province_column
    # With a topic filter only that topic counts as discussed; otherwise every bit set.
    topics = "CAST(count(*) > 0 AS INTEGER)" if f.topic else "coalesce(bit_count(bit_or(topics)), 0)"
    sql = f"""
        WITH m AS (
          SELECT count(*) AS meetings, count(DISTINCT {col}) AS provinces, {topics} AS topics,
                 min(year) AS first_year, max(year) AS last_year
          FROM {FACTS} {mw}
        )
        SELECT m.meetings, m.provinces,
               (SELECT count(DISTINCT project_key) FROM projects {pw}) AS projects,
               m.topics,
               (SELECT count(*) FROM deadlines {dw}) AS deadlines,
               m.first_year, m.last_year
        FROM m
    """
    return frame(con, sql, mp + pp + dp)


def year_bounds(con: Con) -> tuple[int, int] | None:
    """The first and last meeting year in the snapshot (None when there are no meetings)."""
    lo, hi = con.execute(f"SELECT min(year), max(year) FROM {FACTS}").fetchone()
    return None if lo is None else (int(lo), int(hi))


def meetings_by_province_year(con: Con, f: Filters) -> pd.DataFrame:
    """province, year, meetings: one row per province and year with at least one meeting."""
    col = f.province_column
    w, p = where(f, FACTS, extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, year, count(*) AS meetings
        FROM {FACTS} {w}
        GROUP BY ALL ORDER BY province COLLATE vi, year
    """
    return frame(con, sql, p)


def meetings_by_province(con: Con, f: Filters) -> pd.DataFrame:
    """province, meetings, first_year, last_year: the map's values."""
    col = f.province_column
    w, p = where(f, FACTS, extra=(f"{col} IS NOT NULL",))
    sql = f"""
        SELECT {col} AS province, count(*) AS meetings,
               min(year) AS first_year, max(year) AS last_year
        FROM {FACTS} {w}
        GROUP BY ALL ORDER BY meetings DESC, province COLLATE vi
    """
    return frame(con, sql, p)


def meetings_by_type_year(con: Con, f: Filters) -> pd.DataFrame:
    """year, meeting_type, meetings."""
    w, p = where(f, FACTS, extra=("year IS NOT NULL",))
    sql = f"""
        SELECT year, coalesce(meeting_type, 'unknown') AS meeting_type, count(*) AS meetings
        FROM {FACTS} {w}
        GROUP BY ALL ORDER BY year, meeting_type
    """
    return frame(con, sql, p)


def per_topic(f: Filters, extra: tuple[str, ...] = (), aggregates: str = "") -> tuple[str, list]:
    """(province, topic, n, <aggregates>) rows from meeting_facts in two steps: group the
    meetings by (province, topic mask) first, which leaves few rows, then expand each mask's
    bits. `aggregates` (our own SQL) adds columns computed per (province, mask) group."""
    col = f.province_column
    w, p = where(f, FACTS, extra=extra)
    codes = ", ".join(f"('{t}', {i})" for i, t in enumerate(TOPICS))
    more = f", {aggregates}" if aggregates else ""
    sql = f"""
        WITH masks AS (
          SELECT {col} AS province, topics, count(*) AS n{more}
          FROM {FACTS} {w} GROUP BY {col}, topics
        ), codes(topic, bit) AS (VALUES {codes})
        SELECT masks.*, codes.topic
        FROM masks JOIN codes ON (masks.topics & (CAST(1 AS INTEGER) << codes.bit)) != 0
    """
    if f.topic:
        sql += " WHERE codes.topic = ?"
        p = p + [f.topic]
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

"""One province's profile: summary, leaders over time, and its topics against the national picture."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from queries.filters import Filters, stored_places, where
from queries.overview import Con, frame, per_topic


def _one(f: Filters, province: str) -> Filters:
    return replace(f, provinces=(province,))


def province_summary(con: Con, province: str, f: Filters) -> pd.DataFrame:
    """One row: meetings, first_date, last_date, projects, topics, people for the province."""
    g = _one(f, province)
    mw, mp = where(g, "meeting_cube")
    pw, pp = where(g, "project_cube")
    tw, tp = where(g, "meeting_cube", per_topic=True)
    # people is sorted by province_2025 (loaders.schema.SORT_BY): stored_places names it.
    pre, prep = stored_places(con, g)
    hw, hp = where(g, "people", extra=pre)
    hp = prep + hp
    sql = f"""
        SELECT m.meetings, m.first_date, m.last_date,
               (SELECT count(DISTINCT project_key) FROM project_cube {pw}) AS projects,
               (SELECT count(DISTINCT topic) FROM meeting_cube {tw}) AS topics,
               (SELECT count(DISTINCT name_key) FROM people {hw}) AS people
        FROM (SELECT coalesce(sum(n), 0)::BIGINT AS meetings, min(min_date) AS first_date,
                     max(max_date) AS last_date FROM meeting_cube {mw}) m
    """
    return frame(con, sql, pp + tp + hp + mp)


def leaders(con: Con, province: str, f: Filters, limit: int = 200) -> pd.DataFrame:
    """name, position, first_date, last_date, meetings, chaired: officials named in the
    province's meetings, those who chaired most first (position as last written)."""
    g = _one(f, province)
    pre, prep = stored_places(con, g)
    w, p = where(g, "people", extra=("name_key IS NOT NULL",) + pre)
    p = prep + p
    sql = f"""
        SELECT arg_max(name, coalesce(meeting_date, '')) AS name,
               arg_max(title, coalesce(meeting_date, '')) AS position,
               min(meeting_date) AS first_date, max(meeting_date) AS last_date,
               count(DISTINCT doc_id) AS meetings,
               count(DISTINCT doc_id) FILTER (WHERE is_chair) AS chaired
        FROM people {w}
        GROUP BY name_key
        ORDER BY chaired DESC, last_date DESC NULLS LAST, name COLLATE vi
        LIMIT ?
    """
    return frame(con, sql, p + [int(limit)])


def topics_vs_national(con: Con, province: str, f: Filters) -> pd.DataFrame:
    """topic, province_meetings, province_share, national_meetings, national_share: the share
    of meetings discussing each topic, in the province and in all provinces (same years and
    meeting type; the topic filter is ignored so every topic is compared)."""
    g = replace(f, provinces=(), topic=None)
    inner, p = per_topic(g)
    w, pw = where(g, "meeting_cube")
    col = g.province_column
    sql = f"""
        WITH n AS (SELECT sum(n) AS total, sum(n) FILTER (WHERE {col} = ?) AS here
                   FROM meeting_cube {w}),
        t AS (SELECT topic, sum(n) FILTER (WHERE province = ?) AS here, sum(n) AS total
              FROM ({inner}) GROUP BY topic)
        SELECT t.topic,
               coalesce(t.here, 0)::BIGINT AS province_meetings,
               round(100.0 * coalesce(t.here, 0) / nullif(n.here, 0), 1) AS province_share,
               t.total::BIGINT AS national_meetings,
               round(100.0 * t.total / nullif(n.total, 0), 1) AS national_share
        FROM t CROSS JOIN n
        ORDER BY province_meetings DESC, national_meetings DESC, t.topic
    """
    return frame(con, sql, [province] + pw + [province] + p)

"""One province's profile: summary, leaders over time, and its topics against the national picture."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from queries.filters import FACTS, Filters, stored_places, where
from queries.overview import Con, frame, on_disk, per_topic


def _one(f: Filters, province: str) -> Filters:
    return replace(f, provinces=(province,))


def _people_where(con: Con, g: Filters, extra: tuple[str, ...] = ()) -> tuple[str, list, str, list]:
    """WHERE over people for `g` (one province) and its parameters, then a `WITH` clause it
    needs (empty without a topic or meeting-type filter) and that clause's parameters.

    people is sorted by province_2025 (loaders.schema.SORT_BY): stored_places names it, so
    DuckDB reads the province's row groups only. A topic or meeting-type filter keeps the
    rows of matching meetings: the meetings are taken from meeting_facts restricted to the
    province and years too (child rows copy their meeting's context, so this drops nothing),
    a few thousand ids instead of a hash table of every matching meeting in the country,
    found once (`matching`) however often the query reads people.
    """
    pre, prep = stored_places(con, g)
    conds, with_sql, with_params = list(extra) + list(pre), "", []
    if g.topic or g.meeting_type:
        with_sql, with_params = where(g, FACTS)
        with_sql = f"WITH matching AS MATERIALIZED (SELECT doc_id FROM {FACTS} {with_sql}) "
        conds.append("doc_id IN (SELECT doc_id FROM matching)")
    w, p = where(replace(g, topic=None, meeting_type=None), "people", extra=tuple(conds))
    return w, prep + p, with_sql, with_params


def _leader_cube(con: Con, g: Filters) -> tuple[str, list] | None:
    """WHERE over leader_cube for `g` (one province) and its parameters, when the build wrote
    it: sorted by province_2025, so stored_places names the province's row groups."""
    if not on_disk(con, "leader_cube"):
        return None
    pre, prep = stored_places(con, g)
    w, p = where(g, "leader_cube", extra=pre)
    return w, prep + p


def province_summary(con: Con, province: str, f: Filters) -> pd.DataFrame:
    """One row: meetings, first_date, last_date, projects, topics, people for the province."""
    g = _one(f, province)
    mw, mp = where(g, "meeting_cube")
    pw, pp = where(g, "project_cube")
    tw, tp = where(g, "meeting_cube", per_topic=True)
    cube = _leader_cube(con, g)
    if cube:
        (hw, hp), hwith, hwp, people = cube, "", [], "leader_cube"
    else:
        hw, hp, hwith, hwp = _people_where(con, g)
        people = "people"
    sql = f"""{hwith}
        SELECT m.meetings, m.first_date, m.last_date,
               (SELECT count(DISTINCT project_key) FROM project_cube {pw}) AS projects,
               (SELECT count(DISTINCT topic) FROM meeting_cube {tw}) AS topics,
               (SELECT count(DISTINCT name_key) FROM {people} {hw}) AS people
        FROM (SELECT coalesce(sum(n), 0)::BIGINT AS meetings, min(min_date) AS first_date,
                     max(max_date) AS last_date FROM meeting_cube {mw}) m
    """
    return frame(con, sql, hwp + pp + tp + hp + mp)


def leaders(con: Con, province: str, f: Filters, limit: int = 200) -> pd.DataFrame:
    """name, position, first_date, last_date, meetings, chaired: officials named in the
    province's meetings, those who chaired most first (position as last written)."""
    cube = _leader_cube(con, _one(f, province))
    if cube:
        # Per person, the groups of the filtered places, years, types and topic: each
        # meeting is in one group, so sums count meetings; the name and title are those of
        # the latest mention (of the latest one with a title).
        w, p = cube
        return frame(con, f"""
            SELECT arg_max(name, (name_day, name)) AS name,
                   arg_max(title, (title_day, title)) AS position,
                   min(first_date) AS first_date, max(last_date) AS last_date,
                   sum(meetings)::BIGINT AS meetings, sum(chaired)::BIGINT AS chaired
            FROM leader_cube {w}
            GROUP BY name_key
            ORDER BY chaired DESC, last_date DESC NULLS LAST, name COLLATE vi
            LIMIT ?""", p + [int(limit)])
    w, p, with_sql, with_params = _people_where(con, _one(f, province),
                                                extra=("name_key IS NOT NULL",))
    # The meeting counts come from one row per person and meeting (a person named twice in
    # a meeting counts once), not from two count(DISTINCT doc_id): DuckDB computes each
    # DISTINCT with its own hash table over every row, which at a large province's million
    # rows costs more than the rest of the query.
    sql = f"""{with_sql}{", " if with_sql else "WITH "}named AS (
            SELECT name_key, arg_max(name, coalesce(meeting_date, '')) AS name,
                   arg_max(title, coalesce(meeting_date, '')) AS position,
                   min(meeting_date) AS first_date, max(meeting_date) AS last_date
            FROM people {w}
            GROUP BY name_key),
        counted AS (
            SELECT name_key, count(*) AS meetings, count(*) FILTER (WHERE chair) AS chaired
            FROM (SELECT name_key, doc_id, bool_or(is_chair) AS chair FROM people {w}
                  GROUP BY name_key, doc_id)
            GROUP BY name_key)
        SELECT name, position, first_date, last_date, meetings, chaired
        FROM named JOIN counted USING (name_key)
        ORDER BY chaired DESC, last_date DESC NULLS LAST, name COLLATE vi
        LIMIT ?
    """
    return frame(con, sql, with_params + p + p + [int(limit)])


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

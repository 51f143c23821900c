"""Projects, schemes and plans: counts by province and year, a summary table, one project's life."""
from __future__ import annotations

import pandas as pd

from queries.filters import Filters, where
from queries.overview import Con, frame

CUBE = "project_cube"  # mentions per project, filter dimensions and topic (loaders.schema)


def projects_by_province_year(con: Con, f: Filters) -> pd.DataFrame:
    """province, year, projects (distinct), mentions."""
    col = f.province_column
    w, p = where(f, CUBE, extra=(f"{col} IS NOT NULL", "year IS NOT NULL"))
    sql = f"""
        SELECT {col} AS province, year, count(DISTINCT project_key) AS projects,
               sum(mentions)::BIGINT AS mentions
        FROM {CUBE} {w}
        GROUP BY ALL ORDER BY province COLLATE vi, year
    """
    return frame(con, sql, p)


def projects_table(con: Con, f: Filters, limit: int = 500) -> pd.DataFrame:
    """project_key, name, province, kind, latest_stage, first_mention, latest_mention,
    mentions, meetings, latest_doc_id: one row per project and province.

    Built from the project cube: each group holds the latest mention's name, meeting and
    stage, so combining groups gives the same answer as scanning every mention. The name
    is the latest mention's (ties: the last in order), the kind the most frequent one, the
    latest stage the most advanced one reported on the latest date that reports a stage.
    """
    col = f.province_column
    w, p = where(f, CUBE, extra=("project_key IS NOT NULL",))
    sql = f"""
        WITH g AS (SELECT * FROM {CUBE} {w}),
        s AS (
          SELECT project_key, {col} AS province,
                 arg_max(name, (name_date, name)) AS name,
                 arg_max(latest_stage, (stage_date, stage_rank))
                   FILTER (WHERE latest_stage IS NOT NULL) AS latest_stage,
                 min(first_mention) AS first_mention, max(latest_mention) AS latest_mention,
                 sum(mentions)::BIGINT AS mentions, sum(meetings)::BIGINT AS meetings,
                 arg_max(latest_doc, (name_date, latest_doc)) AS latest_doc_id
          FROM g GROUP BY project_key, {col}
          ORDER BY latest_mention DESC NULLS LAST, mentions DESC, name COLLATE vi
          LIMIT ?
        ),
        k AS (
          SELECT project_key, province, arg_max(kind, (c, kind)) AS kind FROM (
            SELECT project_key, {col} AS province, kind, sum(mentions) AS c
            FROM project_kind_cube {w} AND project_key IN (SELECT project_key FROM s)
            GROUP BY ALL
          ) GROUP BY ALL
        )
        SELECT s.project_key, s.name, s.province, k.kind, s.latest_stage, s.first_mention,
               s.latest_mention, s.mentions, s.meetings, s.latest_doc_id
        FROM s LEFT JOIN k ON s.project_key = k.project_key
                          AND s.province IS NOT DISTINCT FROM k.province
        ORDER BY s.latest_mention DESC NULLS LAST, s.mentions DESC, s.name COLLATE vi
    """
    return frame(con, sql, p + [int(limit)] + p)


def project_history(con: Con, project_key: str, f: Filters | None = None,
                    limit: int = 500) -> pd.DataFrame:
    """Mentions of one project, oldest first (the latest `limit` of them), with their
    meetings: meeting_date, stage, name, kind, province, doc_id, title, url, file, start, end."""
    f = f or Filters()
    col = f.province_column
    # project_mentions (loaders.schema) holds every mention with its meeting's title, url and
    # file, sorted by project_key: one project is a row group or two, no join.
    sql = f"""
        SELECT * FROM (
          SELECT meeting_date, stage, name, kind, {col} AS province, doc_id,
                 title, url, file, start, "end"
          FROM project_mentions
          WHERE project_key = ?
          ORDER BY meeting_date DESC NULLS LAST, doc_id DESC, start DESC
          LIMIT ?
        ) ORDER BY meeting_date NULLS LAST, doc_id, start
    """
    return frame(con, sql, [project_key, int(limit)])


def project_choices(con: Con, f: Filters, limit: int = 500) -> pd.DataFrame:
    """project_key, name, mentions: projects matching the filters, most mentioned first."""
    w, p = where(f, CUBE, extra=("project_key IS NOT NULL",))
    sql = f"""
        SELECT project_key, arg_max(name, (name_date, name)) AS name,
               sum(mentions)::BIGINT AS mentions
        FROM {CUBE} {w}
        GROUP BY project_key ORDER BY mentions DESC, name COLLATE vi LIMIT ?
    """
    return frame(con, sql, p + [int(limit)])

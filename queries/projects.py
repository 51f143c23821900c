"""Projects, schemes and plans: counts by province and year, a summary table, one project's life."""
from __future__ import annotations

import pandas as pd

from queries.filters import Filters, where
from queries.overview import Con, frame
from queries.reference import STAGES

# Stage order for "latest stage": a later mention normally reports a later stage, but an
# article may recall an earlier step; the most advanced stage reported wins a tie in date.
_STAGE_RANK = "CASE stage " + " ".join(
    f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES, start=1)
) + " ELSE 0 END"


def projects_by_province_year(con: Con, f: Filters) -> pd.DataFrame:
    """province, year, projects (distinct), mentions."""
    col = f.province_column
    w, p = where(f, "projects", extra=(f"{col} IS NOT NULL", "year IS NOT NULL"))
    sql = f"""
        SELECT {col} AS province, year, count(DISTINCT project_key) AS projects,
               count(*) AS mentions
        FROM projects {w}
        GROUP BY ALL ORDER BY province COLLATE vi, year
    """
    return frame(con, sql, p)


def projects_table(con: Con, f: Filters, limit: int = 500) -> pd.DataFrame:
    """project_key, name, province, kind, latest_stage, first_mention, latest_mention,
    mentions, meetings, latest_doc_id, doc_ids: one row per project and province."""
    col = f.province_column
    w, p = where(f, "projects", extra=("project_key IS NOT NULL",))
    sql = f"""
        SELECT project_key,
               arg_max(name, coalesce(meeting_date, '')) AS name,
               {col} AS province,
               mode(kind) AS kind,
               arg_max(stage, (coalesce(meeting_date, ''), {_STAGE_RANK}))
                 FILTER (WHERE stage IS NOT NULL) AS latest_stage,
               min(meeting_date) AS first_mention,
               max(meeting_date) AS latest_mention,
               count(*) AS mentions,
               count(DISTINCT doc_id) AS meetings,
               arg_max(doc_id, coalesce(meeting_date, '')) AS latest_doc_id,
               list(DISTINCT doc_id ORDER BY doc_id)[1:20] AS doc_ids
        FROM projects {w}
        GROUP BY project_key, {col}
        ORDER BY latest_mention DESC NULLS LAST, mentions DESC, name COLLATE vi
        LIMIT ?
    """
    return frame(con, sql, p + [int(limit)])


def project_history(con: Con, project_key: str, f: Filters | None = None,
                    limit: int = 500) -> pd.DataFrame:
    """Mentions of one project, oldest first (the latest `limit` of them), with their
    meetings: meeting_date, stage, name, kind, province, doc_id, title, url, file, start, end."""
    f = f or Filters()
    col = f.province_column
    sql = f"""
        SELECT * FROM (
          SELECT p.meeting_date, p.stage, p.name, p.kind, p.{col} AS province, p.doc_id,
                 m.title, m.url, m.file, p.start, p."end"
          FROM projects p JOIN meetings m USING (doc_id)
          WHERE p.project_key = ?
          ORDER BY p.meeting_date DESC NULLS LAST, p.doc_id DESC, p.start DESC
          LIMIT ?
        ) ORDER BY meeting_date NULLS LAST, doc_id, start
    """
    return frame(con, sql, [project_key, int(limit)])


def project_choices(con: Con, f: Filters, limit: int = 500) -> pd.DataFrame:
    """project_key, name, mentions: projects matching the filters, most mentioned first."""
    w, p = where(f, "projects", extra=("project_key IS NOT NULL",))
    sql = f"""
        SELECT project_key, arg_max(name, coalesce(meeting_date, '')) AS name,
               count(*) AS mentions
        FROM projects {w}
        GROUP BY project_key ORDER BY mentions DESC, name COLLATE vi LIMIT ?
    """
    return frame(con, sql, p + [int(limit)])

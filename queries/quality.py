"""Data quality: what the build read and rejected, field coverage, extractor version and build time."""
from __future__ import annotations

import pandas as pd

from loaders.schema import COVERAGE
from queries.filters import Filters, where
from queries.overview import Con, frame

# The fields whose coverage is shown, in order; the meeting cube counts, per group, the
# meetings where each was found (a column filled, or at least one row in the child table).
COVERAGE_FIELDS: tuple[str, ...] = COVERAGE


def build_info(con: Con) -> dict:
    """build.json of the snapshot plus its name: extractor_version, built_at, duration_s,
    n_files, n_documents, n_rejects, raw_dir, snapshot."""
    return frame(con, "SELECT * FROM build").iloc[0].to_dict()


def unreadable_tables(con: Con) -> pd.DataFrame:
    """table_name, error: tables of the snapshot that could not be read (shown as empty)."""
    return frame(con, "SELECT * FROM unreadable_tables ORDER BY table_name")


def file_counts(con: Con) -> pd.DataFrame:
    """One row: files (distinct source files read), documents, meetings, non_meetings, rejects."""
    sql = """
        SELECT (SELECT count(DISTINCT file) FROM documents) AS files,
               (SELECT count(*) FROM documents) AS documents,
               (SELECT count(*) FROM meetings) AS meetings,
               (SELECT count(*) FROM documents WHERE NOT coalesce(is_meeting, false))
                 AS non_meetings,
               (SELECT count(*) FROM rejects) AS rejects
    """
    return frame(con, sql)


def rejects(con: Con, limit: int = 500) -> pd.DataFrame:
    """file, row, reason, detail, size: inputs that did not become documents."""
    return frame(
        con,
        "SELECT file, row, reason, detail, size FROM rejects ORDER BY file, row NULLS FIRST LIMIT ?",
        [int(limit)],
    )


def rejects_by_reason(con: Con) -> pd.DataFrame:
    """reason, files."""
    return frame(
        con, "SELECT reason, count(*) AS files FROM rejects GROUP BY reason ORDER BY files DESC, reason"
    )


def field_coverage(con: Con, f: Filters) -> pd.DataFrame:
    """field, filled, total, pct: the share of matching meetings where each field was found."""
    w, p = where(f, "meeting_cube")
    cols = ", ".join(f'coalesce(sum(has_{name}), 0)::BIGINT AS "{name}"' for name in COVERAGE)
    sql = f"""
        WITH c AS (SELECT coalesce(sum(n), 0)::BIGINT AS total, {cols} FROM meeting_cube {w})
        SELECT field, filled, total,
               round(100.0 * filled / nullif(total, 0), 1) AS pct
        FROM (UNPIVOT c ON COLUMNS(* EXCLUDE (total)) INTO NAME field VALUE filled)
    """
    out = frame(con, sql, p)
    order = {name: i for i, name in enumerate(COVERAGE)}
    return out.sort_values("field", key=lambda s: s.map(order)).reset_index(drop=True)

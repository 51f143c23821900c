"""Open the published Parquet snapshot as read-only DuckDB views in an in-memory database."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from loaders.schema import (
    DERIVED,
    ON_DISK,
    SCHEMAS,
    derived_sql,
    empty_select,
    layered_select,
    live_select,
)
from loaders.schema import sql_literal as _literal
from queries.reference import TOPICS, renamed_2025

# CURRENT names a directory under snapshots/; anything else (a path, "..") is refused so a
# tampered CURRENT file cannot point the dashboard outside the dataset root.
_SNAPSHOT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


class SnapshotMissing(RuntimeError):
    """The dataset root has no published snapshot (no CURRENT, or it names nothing)."""


@dataclass(frozen=True)
class Snapshot:
    root: Path      # dataset root: holds CURRENT and snapshots/
    name: str       # published snapshot name, read from CURRENT
    path: Path      # root / "snapshots" / name

    @property
    def cache_key(self) -> str:
        """Changes whenever another snapshot is published, so cached results expire."""
        return f"{self.path}"


def current_snapshot(root: Path) -> Snapshot:
    """Read CURRENT under `root` and return the snapshot it names."""
    root = Path(root).resolve()
    try:
        name = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SnapshotMissing(f"no CURRENT file in {root}") from exc
    if not _SNAPSHOT_NAME.match(name):
        raise SnapshotMissing(f"CURRENT in {root} does not name a snapshot: {name!r}")
    path = root / "snapshots" / name
    if not path.is_dir():
        raise SnapshotMissing(f"snapshot {name!r} named by CURRENT is missing under {root}")
    return Snapshot(root=root, name=name, path=path)


def _province_fix(table: str, names: list[str] | None = None) -> str:
    """REPLACE clause for `province`: an article from after 1 July 2025 carries its new
    province there (the corpus convention); a new name no pre-2025 province had ("Huế")
    is read as its predecessor, so 63-province views, filters and the map can place it."""
    if "province" not in (names or SCHEMAS[table].names) or not renamed_2025():
        return ""
    cases = " ".join(f"WHEN {_literal(new)} THEN {_literal(old)}"
                     for new, old in renamed_2025().items())
    return f" REPLACE (CASE province {cases} ELSE province END AS province)"


def _empty_select(table: str) -> str:
    """A zero-row SELECT with the table's columns, for a table the build did not write."""
    return empty_select(SCHEMAS[table])


def connect(snapshot: Snapshot) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the snapshot, locked down.

    After the views exist, file access is limited to the snapshot directory
    (`allowed_directories` + `enable_external_access=false`) and the configuration is
    locked, so no query can read other files, load extensions or undo the limits.
    """
    con = duckdb.connect(":memory:")
    unreadable: list[tuple[str, str]] = []
    for table in SCHEMAS:
        source = _empty_select(table)
        live = live_select(snapshot.path, table)  # without the rows an update dropped
        if live:
            source = f"SELECT *{_province_fix(table)} FROM ({live})"
        try:
            con.execute(f"CREATE VIEW {table} AS {source}")
            missing = _missing_columns(con, table)
            if missing:
                con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT *, {missing} "
                            f"FROM ({source})")
        except duckdb.Error as exc:
            # A damaged table must not take the whole dashboard down: it reads as empty
            # and is listed in `unreadable_tables`, which every page reports.
            con.execute(f"CREATE VIEW {table} AS {_empty_select(table)}")
            unreadable.append((table, str(exc).splitlines()[0][:300]))
    rows = " UNION ALL ".join(
        f"SELECT {_literal(t)} AS table_name, {_literal(e)} AS error" for t, e in unreadable
    ) or "SELECT NULL::VARCHAR AS table_name, NULL::VARCHAR AS error WHERE false"
    con.execute(f"CREATE VIEW unreadable_tables AS {rows}")
    con.execute(f"CREATE VIEW build AS SELECT {_build_columns(snapshot)}")
    _create_facts(con)
    _create_places(con)
    _load_derived(con, snapshot)
    # Parquet footers are read once, not on every query (matters with many parts). GLOBAL:
    # a plain SET holds for this connection only, not for the cursors every query runs on.
    con.execute("SET GLOBAL parquet_metadata_cache = true")
    con.execute(f"SET allowed_directories = [{_literal(str(snapshot.path) + '/')}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con


def _missing_columns(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """doc_key as a SELECT item when the table should have it and a snapshot of an older
    build does not: a key made from doc_id, unique per document as the build's own keys
    are (search joins on it). Any other missing column is left missing, so queries that
    need it fail and the page says the table is unreadable, instead of showing blanks."""
    have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    if "doc_key" in SCHEMAS[table].names and "doc_key" not in have and "doc_id" in have:
        return "CAST(hash(doc_id) >> 1 AS BIGINT) AS doc_key"
    return ""


def _create_facts(con: duckdb.DuckDBPyConnection) -> None:
    """meeting_facts: one small in-memory row per meeting (doc_id, province, province_2025,
    year, meeting_date, meeting_type, topics as a bit mask over queries.reference.TOPICS).

    Filters by topic and counts per topic read this table instead of scanning the topics
    Parquet with count(DISTINCT doc_id): at a million meetings that is the difference
    between about a second and a few tens of milliseconds. Built once per connection in the
    meetings list's order (newest first, queries.meetings): DuckDB keeps min/max per row
    group of an in-memory table too, so a page of the list (a top-N by date) stops after
    the first row groups that fill it instead of reading all of them.
    """
    bit = "CASE topic " + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(TOPICS)) + " END"
    con.execute(f"""
        CREATE TABLE meeting_facts AS
        SELECT m.doc_id, m.province, m.province_2025, m.year, m.meeting_date, m.meeting_type,
               CAST(coalesce(t.mask, 0) AS INTEGER) AS topics, m.doc_key
        FROM meetings m
        LEFT JOIN (SELECT doc_id, bit_or(CAST(1 AS INTEGER) << {bit}) AS mask
                   FROM topics WHERE topic IN ({", ".join(f"'{t}'" for t in TOPICS)})
                   GROUP BY doc_id) t USING (doc_id)
        ORDER BY m.meeting_date DESC NULLS LAST, m.doc_id
    """)


def _load_derived(con: duckdb.DuckDBPyConnection, snapshot: Snapshot) -> None:
    """The aggregate tables of loaders.schema.DERIVED, in memory (a few thousand rows each
    at a million meetings): read from the snapshot when the build wrote them, else computed
    here from the views (a snapshot written by an older build, the test fixture)."""
    topics = ", ".join(_literal(t) for t in TOPICS)
    on_disk = []
    for table, schema in DERIVED.items():
        folder = snapshot.path / table
        fix = _province_fix(table, schema.names)
        computed = f"SELECT * FROM ({derived_sql(table)})"
        if table in ON_DISK:
            if _view_derived(con, table, folder, fix, computed):
                on_disk.append(table)
            continue
        sources = [computed]
        if any(folder.glob("*.parquet")):
            # Its current rows (a layered cube's layers resolved: loaders.schema.layered_select).
            sources.insert(0, f"SELECT *{fix} FROM ({layered_select(snapshot.path, table)})")
        for source in sources:
            try:
                # Topic codes the dashboard does not know are left out, as in meeting_facts.
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM ({source}) "
                            f"WHERE topic IS NULL OR topic IN ({topics})")
                break
            except duckdb.Error as exc:
                if source is computed:
                    _error_view(con, table, exc)
    # Which large derived tables the build wrote (queries.meetings searches without the index
    # when a snapshot from an older build has none: computing it per query would be slower).
    names = ", ".join(f"({_literal(t)})" for t in on_disk) or "(NULL)"
    con.execute(f"CREATE TABLE derived_on_disk AS SELECT * FROM (VALUES {names}) v(table_name) "
                "WHERE table_name IS NOT NULL")


def _view_derived(con: duckdb.DuckDBPyConnection, table: str, folder: Path, fix: str,
                  computed: str) -> bool:
    """A view over a large derived table's Parquet (lookups skip row groups by its sort
    order); without it (an older build, the test fixture), a view that computes it, which
    is exact but scans the base tables on every query. True when read from Parquet."""
    source = computed
    if any(folder.glob("*.parquet")):
        # Its current rows (a layered table's layers resolved: loaders.schema.layered_select).
        source = f"SELECT *{fix} FROM ({layered_select(folder.parent, table, ordered=False)})"
    for sql in dict.fromkeys([source, computed]):
        try:
            con.execute(f"CREATE VIEW {table} AS {sql}")
            have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
            if sql is not computed and not set(DERIVED[table].names) <= have:
                # Written by an older build with other columns: computed instead.
                con.execute(f"DROP VIEW {table}")
                continue
            return sql is not computed
        except duckdb.Error as exc:
            error = exc
    _error_view(con, table, error)
    return False


def _error_view(con: duckdb.DuckDBPyConnection, table: str, exc: Exception) -> None:
    # Base tables from an incompatible build: every query of this table fails with the
    # reason (the page shows its error), the other tables still work.
    cols = ", ".join(f"NULL AS {f.name}" for f in DERIVED[table])
    msg = _literal(f"{table}: " + str(exc).splitlines()[0][:300])
    con.execute(f"CREATE VIEW {table} AS SELECT {cols} FROM range(1) WHERE error({msg}) IS NULL")


def _create_places(con: duckdb.DuckDBPyConnection) -> None:
    """province_places: each (province, province_2025) pair of the meetings, as read by the
    views (province corrected) and as stored (province_2025 is never rewritten), so a filter
    on `province` can also name the stored province_2025 values DuckDB skips row groups by."""
    con.execute("CREATE TABLE province_places AS "
                "SELECT DISTINCT province, province_2025 FROM meeting_facts")


_BUILD_FIELDS = {
    "extractor_version": "VARCHAR", "built_at": "VARCHAR", "duration_s": "DOUBLE",
    "n_files": "BIGINT", "n_documents": "BIGINT", "n_rejects": "BIGINT", "raw_dir": "VARCHAR",
}


def _build_columns(snapshot: Snapshot) -> str:
    """build.json as one row of literals (read in Python: it is tiny and may be absent)."""
    try:
        info = json.loads((snapshot.path / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = {}
    if not isinstance(info, dict):
        info = {}
    parts = []
    for name, duck_type in _BUILD_FIELDS.items():
        value = info.get(name)
        if isinstance(value, bool) or value is None:
            literal = "NULL"
        elif duck_type == "VARCHAR":
            literal = _literal(str(value))
        elif isinstance(value, (int, float)):
            literal = repr(float(value)) if duck_type == "DOUBLE" else str(int(value))
        else:
            literal = "NULL"
        parts.append(f"CAST({literal} AS {duck_type}) AS {name}")
    parts.append(f"CAST({_literal(snapshot.name)} AS VARCHAR) AS snapshot")
    return ", ".join(parts)

"""The derived tables of a snapshot (loaders.schema.DERIVED), computed by DuckDB from the
snapshot's own Parquet once its base tables are complete.

A full build computes them whole. An incremental build, whose new and changed files are in
the parts of its own generation, updates them from the previous snapshot's:

- the aggregate cubes (loaders.schema.CUBES) and the lists sorted for the dashboard
  (project_mentions, deadline_list, meeting_list), whose rows all carry a place, year and
  meeting type (loaders.schema.LAYER_KEY), recompute the rows of the keys the build touched
  from the base tables, and keep their previous parts as they are (hard links) under this
  new layer; once they have MAX_CUBE_LAYERS layers they are written whole again (the
  previous rows of every other key, and the recomputed ones);
- the tables keyed by doc_key (loaders.schema.KEYED: the search index, the meetings' spans)
  keep the previous parts as they are (hard links) and add one part for the meetings of the
  new parts; rows of old versions stay behind, unreachable (they carry a doc_key no meeting
  has), until they pass STALE_SHARE of the meetings or a table has MAX_INDEX_PARTS parts,
  when they are written whole again;

State carried from one build to the next is in <snapshot>/derived.json.
"""
from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa

from loaders.schema import (
    CUBE_KEYS,
    DERIVED,
    DERIVED_ROW_GROUP,
    KEYED,
    LAYER_KEY,
    LAYERED,
    ROW_GROUP_BYTES,
    ROW_GROUP_ROWS,
    SCHEMAS,
    SEARCH_SHINGLES,
    derived_sql,
    duck_type,
    empty_select,
    layer_order,
    layered_select,
    live_select,
    same_key,
    shingle_postings,
)
from loaders.schema import sql_literal as _lit
from loaders.store import link_or_copy

STATE = "derived.json"
STATE_FORMAT = 1
STALE_SHARE = 0.10      # rewrite the search index once this share of its meetings is stale
MAX_INDEX_PARTS = 16    # ... or once it has this many parts
MAX_CUBE_LAYERS = 8     # compute the layered cubes whole again once they have this many
# An update reads the rows of the groups it recomputes into memory once when they
# belong to at most this many meetings (their child rows with them: well under the memory
# limit); more, and each table reads them from the Parquet (_write_update).
MATERIALIZE_MEETINGS = 50_000
INDEX = "search_shingles"  # the search index, the largest of the KEYED tables
# DuckDB cannot spill the list states of the index's GROUP BY: above this many shingles it
# is grouped in slices of words (grouping 8.3 million took 730 MB under the 1 GB limit; 83
# million ran out of memory). The count is estimated from the Parquet footers, without
# reading the texts: 4.4 bytes of text_folded per shingle on the 20,000 synthetic articles
# (25.8 MB, 5.9 million shingles), and folded Vietnamese words are short everywhere.
INDEX_SLICE_SHINGLES = 8_000_000
TEXT_BYTES_PER_SHINGLE = 4
# The base tables whose rows carry their meeting's place and year: meetings first (the
# others' recomputed rows are those of its recomputed meetings: _write_update), its children.
_CONTEXT_TABLES = ("meetings", *(t for t, sch in SCHEMAS.items() if t != "meetings" and
                                 {"doc_id", "province", "province_2025", "year"} <= set(sch.names)))
# Of those, the ones the layered tables only ask whether a meeting has rows in (meeting_cube's
# coverage flags): their recomputed rows are read as doc_ids alone.
_ONLY_DOC_IDS = ("legal_refs", "numbers")


def _cast(table: str) -> str:
    return ", ".join(f'CAST("{f.name}" AS {duck_type(f.type)}) AS "{f.name}"'
                     for f in DERIVED[table])


def _views(con, schema: str, snapshot: Path, pattern: str = "*.parquet",
           tables=tuple(SCHEMAS)) -> None:
    """One view per base table (of `tables`) in `schema`, over the live rows of the parts
    of `snapshot` matching `pattern` (a table with no such part reads as empty)."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    for table in tables:
        sch = SCHEMAS[table]
        # Its live rows (without those the deletion lists name: loaders.schema.live_select).
        source = live_select(snapshot, table, pattern) or empty_select(sch)
        con.execute(f"CREATE VIEW {schema}.{table} AS {source}")


def _copy(con, select: str, out: Path) -> None:
    rows = ROW_GROUP_ROWS.get(out.parent.name, DERIVED_ROW_GROUP)
    size = ROW_GROUP_BYTES.get(out.parent.name)
    size = f", ROW_GROUP_SIZE_BYTES {_lit(size)}" if size else ""
    con.execute(f"COPY ({select}) TO {_lit(out)} "
                f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {rows}{size})")


def _text_bytes(snapshot: Path, pattern: str) -> int:
    """Bytes of text_folded in the documents parts matching `pattern` (from their footers)."""
    import pyarrow.parquet as pq

    total = 0
    for part in (snapshot / "documents").glob(pattern):
        meta = pq.ParquetFile(part).metadata
        names = [meta.schema.column(i).path for i in range(meta.num_columns)]
        if "text_folded" in names:
            col = names.index("text_folded")
            total += sum(meta.row_group(g).column(col).total_uncompressed_size
                         for g in range(meta.num_row_groups))
    return total


def _write_index(con, snapshot: Path, folder: Path, stem: str, pattern: str) -> int:
    """The search index of the meetings and documents of the search path, as one part
    `folder/{stem}-0000.parquet` (their documents are the parts matching `pattern`); the
    number of slices it was grouped in.

    One GROUP BY when it is small enough. Else the shingles are written once to a scratch
    file and grouped in slices of consecutive words (by their first three letters), and the
    slices, each sorted and each after the one before, are copied in order into the part:
    one file, because every file costs a lookup ~0.4 ms even when its statistics rule it
    out (16 slices at 1M meetings: 11 ms against 4 ms for the phrase of bench/queries)."""
    out = folder / f"{stem}-0000.parquet"
    if _text_bytes(snapshot, pattern) <= INDEX_SLICE_SHINGLES * TEXT_BYTES_PER_SHINGLE:
        _copy(con, f"SELECT {_cast(INDEX)} FROM ({derived_sql(INDEX)})", out)
        return 1
    scratch = snapshot / ".derived-spill" / "index"
    scratch.mkdir(parents=True, exist_ok=True)
    shingles = scratch / "shingles.parquet"
    con.execute(f"COPY ({SEARCH_SHINGLES}) TO {_lit(shingles)} (FORMAT parquet)")
    source = f"read_parquet({_lit(shingles)})"
    counts = con.execute(f"SELECT left(t1, 3) AS p, count(*) FROM {source} "
                         "GROUP BY p ORDER BY p").fetchall()
    bounds, rows = [], 0  # the first word of every slice but the first
    for prefix, n in counts:
        if rows and rows + n > INDEX_SLICE_SHINGLES:
            bounds.append(prefix)
            rows = 0
        rows += n
    # Every t1 with a smaller 3-letter prefix sorts before the prefix, every other after it.
    slices = []
    for i, (lo, hi) in enumerate(zip([None, *bounds], [*bounds, None], strict=True)):
        cond = " AND ".join([f"t1 >= {_lit(lo)}"] * (lo is not None)
                            + [f"t1 < {_lit(hi)}"] * (hi is not None)) or "true"
        slices.append(scratch / f"slice-{i:04d}.parquet")
        con.execute(f"COPY ({shingle_postings(f'(SELECT * FROM {source} WHERE {cond})')}) "
                    f"TO {_lit(slices[-1])} (FORMAT parquet)")
    # Files are read in the order listed (insertion order is kept): no sort. One thread: two
    # buffered ~450 MB of the long lists at 1M meetings, one 170 MB (and 15% more time).
    listed = ", ".join(_lit(p) for p in slices)
    threads = _threads(con)
    con.execute("SET threads = 1")
    try:
        _copy(con, f"SELECT {_cast(INDEX)} FROM read_parquet([{listed}])", out)
    finally:
        con.execute(f"SET threads = {threads}")
    shutil.rmtree(scratch)
    return len(slices)


def _rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet"))


def _connect(snapshot: Path):
    import duckdb

    con = duckdb.connect()
    # Bounded memory whatever the corpus size: DuckDB spills to the snapshot's own folder.
    con.execute(f"SET temp_directory = {_lit(snapshot / '.derived-spill')}")
    con.execute("SET memory_limit = '1GB'")
    con.execute("SET enable_progress_bar = false")
    return con


def write_derived(snapshot: Path, prev: Path | None = None, generation: int | None = None,
                  dropped: pa.Array | None = None) -> dict[str, int]:
    """Write the derived tables of `snapshot`; rows written per table.

    Whole, unless `prev` (the previous snapshot), `generation` (of the parts this build
    wrote) and `dropped` (the doc_ids of the previous snapshot that this one no longer has
    as they were: changed or deleted files) say what changed and `prev` has derived tables
    this code wrote."""
    snapshot = Path(snapshot)
    state = _state(prev) if prev is not None and generation is not None else None
    con = _connect(snapshot)
    try:
        _views(con, "cur", snapshot)
        con.execute("SET search_path = 'cur'")
        meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
        if state is None:
            shutil.rmtree(snapshot / CUBE_KEYS, ignore_errors=True)
            _write_whole(con, snapshot, DERIVED)
            state = {"format": STATE_FORMAT, "stale_meetings": 0}
        else:
            state = _write_update(con, snapshot, prev, generation, dropped, state, meetings)
    finally:
        con.close()
        shutil.rmtree(snapshot / ".derived-spill", ignore_errors=True)
    state["meetings"] = meetings
    (snapshot / STATE).write_text(json.dumps(state), encoding="utf-8")
    # Rows written (from the Parquet footers; a layered cube's count includes its layers).
    return {table: _rows(snapshot / table) for table in DERIVED}


def _state(prev: Path) -> dict | None:
    """The previous snapshot's derived state, when its derived tables can be updated."""
    try:
        state = json.loads((prev / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if state.get("format") != STATE_FORMAT:
        return None
    if not all(any((prev / t).glob("*.parquet")) for t in DERIVED):
        return None
    return state


# leader_cube keeps, per person and group, a dozen strings: over a few million people rows
# DuckDB cannot hold its aggregation in the memory limit (and cannot spill those states). A
# large table is therefore computed one new province at a time (its rows are sorted by it
# anyway), one part each; its groups never span two new provinces.
BY_PROVINCE = {"leader_cube": "people"}
BY_PROVINCE_ROWS = 1_000_000


def _side_by_side(con, snapshot: Path, tables: list[str]) -> int:
    """How many tables _write_whole computes at once: DuckDB's threads, or 1 when it has
    one thread, one table to write, or a build large enough that the index is grouped in
    slices (_write_index), whose list states need the memory limit to themselves."""
    threads = _threads(con)
    if (threads < 2 or len(tables) < 2 or _text_bytes(snapshot, "*.parquet")
            > INDEX_SLICE_SHINGLES * TEXT_BYTES_PER_SHINGLE):
        return 1
    return threads


def _write_whole(con, snapshot: Path, tables) -> None:
    tables = list(tables)
    threads = _side_by_side(con, snapshot, tables)
    if threads < 2:
        for table in tables:
            _write_table(con, snapshot, table)
        return
    # Side by side, one connection (cursor) per table on `threads` threads. A small build's
    # base tables are one Parquet row group each, which DuckDB scans on one thread, so each
    # query ran on about one core (20,000 articles: search_shingles 6.2 s of wall for
    # 6.4 s of CPU, the other nine 5.3 s for 5.5; the derived stage of a 2-worker build
    # went from 9.0 to 6.2 s, medians of 4 paired builds). The index, the longest, goes
    # first, and the other tables share the other threads. Each table is the same query with
    # a total ORDER BY (loaders.schema), so the same bytes whichever thread writes it.
    _on_cursors(con, sorted(tables, key=lambda t: t != INDEX),
                lambda cur, table: _write_table(cur, snapshot, table), threads)


def _threads(con) -> int:
    return int(con.execute("SELECT current_setting('threads')").fetchone()[0])


def _on_cursors(con, tables: list[str], write, threads: int) -> None:
    """write(cursor, table) for every table, `threads` at a time, each on its own cursor of
    `con` (DuckDB runs a query without the GIL), starting on `con`'s search path."""
    path = con.execute("SELECT current_setting('search_path')").fetchone()[0]

    def job(table: str) -> None:
        cur = con.cursor()
        try:
            cur.execute(f"SET search_path = {_lit(path)}")
            write(cur, table)
        finally:
            cur.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for done in [pool.submit(job, table) for table in tables]:
            done.result()


def _write_table(con, snapshot: Path, table: str) -> None:
    folder = snapshot / table
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    if table == INDEX:
        _write_index(con, snapshot, folder, "part", "*.parquet")
        return
    source = BY_PROVINCE.get(table)
    if source and con.execute(f"SELECT count(*) FROM cur.{source}").fetchone()[0] \
            > BY_PROVINCE_ROWS:
        _write_by_province(con, table, folder)
        return
    _copy(con, f"SELECT {_cast(table)} FROM ({derived_sql(table)})",
          folder / "part-0.parquet")


def _write_by_province(con, table: str, folder: Path) -> None:
    places = [r[0] for r in con.execute(
        "SELECT DISTINCT province_2025 FROM cur.meetings ORDER BY 1 NULLS LAST").fetchall()]
    con.execute("CREATE SCHEMA IF NOT EXISTS one")
    for i, place in enumerate(places):
        cond = ("province_2025 IS NULL" if place is None
                else f"province_2025 = {_lit(place)}")
        for base in SCHEMAS:
            where = f" WHERE {cond}" if "province_2025" in SCHEMAS[base].names else ""
            con.execute(f"CREATE OR REPLACE VIEW one.{base} AS SELECT * FROM cur.{base}{where}")
        con.execute("SET search_path = 'one'")
        _copy(con, f"SELECT {_cast(table)} FROM ({derived_sql(table)})",
              folder / f"part-{i:04d}.parquet")
        con.execute("SET search_path = 'cur'")


def _write_update(con, snapshot: Path, prev: Path, generation: int, dropped: pa.Array | None,
                  state: dict, meetings: int) -> dict:
    new = f"g{generation:04d}-*.parquet"
    _views(con, "new", snapshot, new)
    _views(con, "old", prev, tables=("meetings",))  # the dropped documents' old meetings
    con.register("dropped_ids", pa.table({"doc_id": dropped if dropped is not None
                                           else pa.array([], pa.string())}))
    threads = _threads(con)
    # In the database, not TEMP: the cursors that write tables side by side see it too.
    con.execute("CREATE SCHEMA mem")
    _unchanged_documents(con, prev, threads)
    # The keys (place, year and meeting type) whose groups change: those of the new meetings,
    # and those the dropped documents' meetings had in the previous snapshot, but for the
    # documents extracted again into the rows they had.
    keys = ", ".join(LAYER_KEY)
    again = "doc_id NOT IN (SELECT doc_id FROM mem.same)"
    con.execute(f"CREATE TABLE mem.affected AS SELECT DISTINCT {keys} FROM ("
                f"SELECT {keys} FROM new.meetings WHERE {again} UNION ALL "
                f"SELECT {keys} FROM old.meetings WHERE {again} "
                "AND doc_id IN (SELECT doc_id FROM dropped_ids))")
    touched = f"EXISTS (SELECT 1 FROM mem.affected a WHERE {same_key('a', 'r')})"
    regroup = con.execute("SELECT count(*) FROM mem.affected").fetchone()[0] > 0
    in_memory = layered = True
    if not regroup:
        # No group changes: every layered table and its layers are what they were.
        for table in (*LAYERED, CUBE_KEYS):
            shutil.rmtree(snapshot / table, ignore_errors=True)
            if (prev / table).is_dir():
                _link_parts(sorted((prev / table).glob("*.parquet")), snapshot / table)
    else:
        # The rows the recomputed groups are made of: their meetings, and the child rows of
        # those (a child table only holds rows of meetings, with their place and year but
        # not type). Every layered table reads them again (eight SELECTs over five base
        # tables): when they are few, they are read once into memory instead (at 20,000
        # articles with 1% changed, 1.44 -> 1.0 s for the layered tables, 0.3 s to read them).
        con.execute("CREATE SCHEMA aff")
        con.execute(f"CREATE VIEW aff.meetings AS SELECT * FROM cur.meetings r WHERE {touched}")
        in_memory = (con.execute("SELECT count(*) FROM aff.meetings").fetchone()[0]
                     <= MATERIALIZE_MEETINGS)

        def rows(table: str) -> str:
            if table == "meetings":
                return f"SELECT * FROM cur.meetings r WHERE {touched}"
            cols = "DISTINCT doc_id" if table in _ONLY_DOC_IDS else "*"
            return (f"SELECT {cols} FROM cur.{table} "
                    "WHERE doc_id IN (SELECT doc_id FROM aff.meetings)")

        if in_memory:
            # The meetings first (the child rows are those of its doc_ids), then the child
            # tables side by side: each reads its own Parquet on about one core (20,000
            # articles, 1% changed: 15-25 ms each).
            con.execute(f"CREATE TABLE mem.meetings AS {rows('meetings')}")
            con.execute("CREATE OR REPLACE VIEW aff.meetings AS SELECT * FROM mem.meetings")
            _on_cursors(con, list(_CONTEXT_TABLES[1:]), lambda cur, table: cur.execute(
                f"CREATE TABLE mem.{table} AS {rows(table)}"), threads)
        for table in _CONTEXT_TABLES:
            con.execute(f"CREATE OR REPLACE VIEW aff.{table} AS "
                        f"{f'SELECT * FROM mem.{table}' if in_memory else rows(table)}")
        con.execute("CREATE VIEW aff.documents AS SELECT * FROM cur.documents")
        layers = sorted((prev / CUBE_KEYS).glob("g*.parquet"))
        layered = len(layers) + 2 <= MAX_CUBE_LAYERS  # part-0, the layers kept, this one
        shutil.rmtree(snapshot / CUBE_KEYS, ignore_errors=True)
        if layered:
            # The layers kept as they are, and this build's keys (loaders.schema.LAYERED).
            _link_parts(layers, snapshot / CUBE_KEYS)
            con.execute(f"COPY (SELECT * FROM mem.affected ORDER BY ALL) TO "
                        f"{_lit(snapshot / CUBE_KEYS / f'g{generation:04d}.parquet')} "
                        "(FORMAT parquet, COMPRESSION zstd)")

    def write(cur, table: str) -> None:
        folder = snapshot / table
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        # The recomputed rows read the base tables through the aff views.
        fresh = f"SELECT {_cast(table)} FROM ({derived_sql(table)})"
        cur.execute("SET search_path = 'aff'")
        if layered:
            _link_parts(sorted((prev / table).glob("*.parquet")), folder)
            # derived_sql ends with the layer's ORDER BY, kept through the casts as in a
            # whole build (_write_table): a second sort of the same rows cost 5-8 ms a table.
            _copy(cur, fresh, folder / f"g{generation:04d}-0000.parquet")
        else:  # whole again: the previous rows of the other keys, and these
            kept = (f"SELECT {_cast(table)} FROM ({layered_select(prev, table, ordered=False)}) r "
                    f"WHERE NOT {touched}")
            _copy(cur, f"SELECT * FROM ({kept} UNION ALL {fresh}) {layer_order(table)}",
                  folder / "part-0.parquet")
        cur.execute("SET search_path = 'cur'")

    stale = state.get("stale_meetings", 0) + con.execute(
        "SELECT count(*) FROM old.meetings WHERE doc_id IN (SELECT doc_id FROM dropped_ids)"
    ).fetchone()[0]
    parts = max(len(list((prev / t).glob("*.parquet"))) for t in KEYED)
    # The keyed tables get a part of this build's documents (read through the new views), or
    # are computed whole again once the stale rows or the parts are too many.
    whole_keyed = stale > STALE_SHARE * max(meetings, 1) or parts + 1 > MAX_INDEX_PARTS
    changed = con.execute("SELECT count(*) FROM new.meetings").fetchone()[0]

    def write_keyed(cur, table: str) -> None:
        folder = snapshot / table
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        _link_parts(sorted((prev / table).glob("*.parquet")), folder)
        if changed:
            cur.execute("SET search_path = 'new'")
            if table == INDEX:
                _write_index(cur, snapshot, folder, f"g{generation:04d}", new)
            else:
                _copy(cur, f"SELECT {_cast(table)} FROM ({derived_sql(table)})",
                      folder / f"g{generation:04d}-0000.parquet")
            cur.execute("SET search_path = 'cur'")

    jobs = {**dict.fromkeys(LAYERED, write), **dict.fromkeys(KEYED, write_keyed)}
    regrouped = list(LAYERED) if regroup else []
    keyed = [] if whole_keyed else list(KEYED)
    # A few groups' rows in memory: the tables are written side by side, one cursor each (at
    # 20,000 articles with 1% changed, eight layered queries of 20-130 ms each and the two
    # keyed ones of 15-30 ms, on one core each). The keyed ones after the others when the new
    # index is large enough to be grouped in slices, which sets DuckDB's threads for the
    # whole database.
    if in_memory and layered and threads > 1:
        apart = (keyed if _text_bytes(snapshot, new)
                 > INDEX_SLICE_SHINGLES * TEXT_BYTES_PER_SHINGLE else [])
        together = [t for t in [*regrouped, *keyed] if t not in apart]
        _on_cursors(con, together, lambda cur, table: jobs[table](cur, table), threads)
    else:
        apart = [*regrouped, *keyed]
    for table in apart:
        jobs[table](con, table)
    _write_whole(con, snapshot, [t for t in DERIVED if t not in LAYERED and t not in KEYED])
    if whole_keyed:
        _write_whole(con, snapshot, KEYED)
        return {"format": STATE_FORMAT, "stale_meetings": 0}
    return {"format": STATE_FORMAT, "stale_meetings": stale}


# Columns of the base tables that no layered table reads (a test checks it), and which an
# article saved again changes whatever its content: they are left out when comparing a
# document's rows with those it had (_unchanged_documents).
_NOT_LAYERED = {"meetings": ("doc_key",)}


def _unchanged_documents(con, prev: Path, threads: int) -> None:
    """mem.same: the documents this build extracted again (a doc_id both dropped and new)
    whose rows of every table the layered tables read are the rows they had, as a multiset:
    a page saved again with a new view counter or date in its sidebar, a file copied back.
    The layered tables' groups of those documents are what they were (at 20,000 articles
    with 1% of the files touched that way, every group: the layered tables are not
    recomputed). Of the tables read only for whether a meeting has rows (_ONLY_DOC_IDS),
    whether it has any is compared."""
    con.execute("CREATE TABLE mem.same AS SELECT doc_id FROM new.meetings "
                "WHERE doc_id IN (SELECT doc_id FROM dropped_ids)")
    if not con.execute("SELECT count(*) FROM mem.same").fetchone()[0]:
        return
    _views(con, "old", prev, tables=_CONTEXT_TABLES[1:])  # their old child rows

    def differing(cur, table: str) -> None:
        # Every distinct row with how many more times the old rows hold it than the new:
        # a document differs where one is not 0 (one pass over each side, where EXCEPT ALL
        # both ways read the old rows twice).
        cols = ("DISTINCT doc_id" if table in _ONLY_DOC_IDS else
                f"* EXCLUDE ({', '.join(_NOT_LAYERED[table])})" if table in _NOT_LAYERED
                else "*")
        pick = "WHERE doc_id IN (SELECT doc_id FROM mem.same)"
        sides = " UNION ALL ".join(f"SELECT *, {n} AS _side FROM (SELECT {cols} FROM "
                                   f"{side}.{table} {pick})" for side, n in (("old", 1),
                                                                             ("new", -1)))
        cur.execute(f"CREATE TABLE mem.differ_{table} AS SELECT DISTINCT doc_id FROM ("
                    f"SELECT COLUMNS(* EXCLUDE (_side)), sum(_side) AS _balance FROM ({sides}) "
                    "GROUP BY ALL HAVING _balance <> 0)")

    _on_cursors(con, list(_CONTEXT_TABLES), differing, threads)
    differ = " UNION ALL ".join(f"SELECT doc_id FROM mem.differ_{t}" for t in _CONTEXT_TABLES)
    con.execute(f"DELETE FROM mem.same WHERE doc_id IN ({differ})")


def _link_parts(parts: list[Path], folder: Path) -> None:
    """Parts of the previous snapshot, kept as they are: hard links (no bytes written)."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in parts:
        link_or_copy(part, folder / part.name)

"""The build: discover raw files, read, clean, extract (on all cores), and publish a snapshot.

Incremental: the previous snapshot's manifest says what each file was (size, mtime, sha256,
extractor version). A file that is unchanged keeps its rows without extraction: every
Parquet part of the previous snapshot is hard-linked into the new one, and the build's
deletion list (loaders.schema.DROPPED) names the rows of its changed and deleted files,
which readers skip (a part with too many of them is rewritten without them); changed and
new files are extracted into new parts. Workers send their rows as Arrow tables, and rows
are streamed into bounded Parquet parts, so memory stays bounded.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa

from loaders import read, store
from loaders.derived import write_derived
from loaders.models import Reject, SourceDoc
from loaders.schema import (
    DERIVED_VERSION,
    DROPPED_SCHEMA,
    EXTRACTOR_VERSION,
    SCHEMAS,
    drop_key,
    dropped_lists,
    generation_of,
)
from loaders.store import (
    BuildLocked,
    SnapshotWriter,
    build_lock,
    current_snapshot,
    part_generation,
    set_current,
)

Progress = Callable[[int, int, str], None]
FAULT_ENV = "LOADERS_FAULT_AT"  # test hook: stop (and wait to be killed) at a named stage


def checkpoint(stage: str) -> None:
    """Fault injection for the crash tests: with LOADERS_FAULT_AT=<stage>, announce the stage
    on stderr and hang there so the test can SIGKILL the build at exactly that moment."""
    if os.environ.get(FAULT_ENV) == stage:
        import sys

        print(f"FAULT-POINT {stage}", file=sys.stderr, flush=True)
        time.sleep(3600)
CHUNK = 32  # files per chunk; fixed (not per worker count) so every build is the same
# A build of a few hundred files (an update) cuts them into at least this many chunks of at
# least MIN_CHUNK files (_chunk_size): 164 files in chunks of 32 gave one worker three
# chunks and the other two, after a first chunk of 32 here before the pool forks. Still a
# function of the file count alone, so the same input gives the same parts.
MIN_CHUNKS = 16
MIN_CHUNK = 4
WINDOW = 3  # tasks in flight per worker: bounds the results waiting in memory
# A chunk of more input bytes than this is extracted as several tasks (cut between files,
# merged again in the parent), so a chunk of crawler dumps does not keep one worker busy
# while the other has nothing left to do: the synthetic corpus's last two chunks, its 51
# dumps (4.1 and 2.7 MB), took 3.8 and 2.5 s each on one worker, every other chunk at
# most 0.15 s, and the largest of those holds 245 KB.
TASK_BYTES = 256 << 10
_DOC = pa.field("_d", pa.int32())  # a row's document, by index inside its chunk
MAX_PARTS = 32  # parts of one table an incremental build carries over before compacting them
# Deletion lists (loaders.schema.DROPPED) a snapshot keeps; the build that would add one more
# rewrites every part that holds dead rows instead (one build in nine of those that drop
# rows pays the ~0.5 s of rewriting the large parts that every build paid before the lists).
MAX_DROP_LISTS = 8


MAX_BYTES = int(os.environ.get("LOADERS_MAX_BYTES", 20_000_000))


def process_file(path: Path, raw_dir: Path, max_bytes: int | None = None) -> dict:
    """Everything one input file gives: table rows, rejects and its manifest entry. Pure."""
    from loaders import rows

    out: dict = {"docs": [], "rejects": []}
    items, sha = read.read_file_hashed(path, raw_dir, max_bytes or MAX_BYTES)
    for item in items:
        if isinstance(item, Reject):
            out["rejects"].append(rows.reject_row(item))
            continue
        out["docs"].append(process_doc(item))
    st = path.stat()
    out["manifest"] = {"file": path.relative_to(raw_dir).as_posix(), "size": st.st_size,
                       "mtime_ns": st.st_mtime_ns, "sha256": sha or _sha_file(path),
                       "extractor_version": EXTRACTOR_VERSION,
                       "n_documents": len(out["docs"]), "n_rejects": len(out["rejects"])}
    return out


def process_doc(doc: SourceDoc, with_record: bool = False) -> dict:
    """One source document -> its rows in every table (and, for `extract`, its JSON record)."""
    # Imported here: the extraction modules load the gazetteer and compile every rule
    # (seconds), which a build with nothing to extract, or the dashboard asking whether a
    # build is needed, never has to pay.
    from loaders import rows
    from loaders.clean import clean
    from loaders.extract import extract

    cleaned = clean(doc.text, doc.title)
    if doc.meta.get("boilerplate"):
        cleaned.chrome = (cleaned.chrome + "\n" + doc.meta["boilerplate"]).strip()
    record = extract(doc.doc_id, cleaned, doc.url, doc.published)
    tables = rows.tables_for(doc, cleaned, record)
    return {"tables": tables, "doc_id": doc.doc_id,
            "record": record.to_json() if with_record else None,
            "content_key": tables["documents"][0]["content_sha256"]}


def _sha_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_chunk(paths: list[Path], raw_dir: Path, max_bytes: int | None = None) -> dict:
    """process_file over a few files, with the rows already in Arrow tables (cheap to send
    between processes, no per-row work left to the parent). Each row carries `_d`, the index
    of its document in `docs`, so the parent can drop a duplicate or rename a doc_id."""
    files, docs = [], []
    rows_by_table: dict[str, list[dict]] = {}
    for path in paths:
        result = process_file(path, raw_dir, max_bytes)
        first = len(docs)
        for doc in result["docs"]:
            d = len(docs)
            head = doc["tables"]["documents"][0]
            docs.append((doc["doc_id"], doc["content_key"], head["file"], head["row"],
                         head["sha256"], head["size"]))
            for table, table_rows in doc["tables"].items():
                bucket = rows_by_table.setdefault(table, [])
                for row in table_rows:
                    row["_d"] = d
                bucket.extend(table_rows)
        files.append({"manifest": result["manifest"], "rejects": result["rejects"],
                      "docs": range(first, len(docs))})
    tables = {t: pa.Table.from_pylist(r, schema=SCHEMAS[t].append(_DOC))
              for t, r in rows_by_table.items() if r}
    return {"files": files, "docs": docs, "tables": tables}


def _process_task(args: tuple[list[Path], Path, int]) -> dict:
    """process_chunk in a worker, its tables sent as Arrow IPC streams: a chunk's result
    pickled in 2.8 ms and unpickled in 1.3, as IPC in 0.4 and 0.3 (20 chunks of the
    synthetic corpus), and the parent's share of that is CPU the workers lose."""
    result = process_chunk(*args)
    result["tables"] = {t: _to_ipc(data) for t, data in result["tables"].items()}
    return result


def _to_ipc(data: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, data.schema) as writer:
        writer.write_table(data)
    return sink.getvalue().to_pybytes()


def _from_ipc(result: dict) -> dict:
    result["tables"] = {t: pa.ipc.open_stream(data).read_all()
                        for t, data in result["tables"].items()}
    return result


def _tasks(paths: list[Path], sizes: list[int] | None) -> list[list[Path]]:
    """One chunk's files as tasks of at most TASK_BYTES each (a larger file alone)."""
    if sizes is None:
        sizes = [_size(p) for p in paths]
    if sum(sizes) <= TASK_BYTES:
        return [paths]
    tasks: list[list[Path]] = []
    size = 0
    for path, n in zip(paths, sizes, strict=True):
        if not tasks or size + n > TASK_BYTES:
            tasks.append([])
            size = 0
        tasks[-1].append(path)
        size += n
    return tasks


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # process_file reports it


def merge_results(parts: list[dict]) -> dict:
    """The process_chunk result of consecutive files from the results of their parts, as
    process_chunk would have given it for all of them at once (the same rows, `_d`
    numbering the documents across the parts, one Arrow chunk per column)."""
    import pyarrow.compute as pc

    if len(parts) == 1:
        return parts[0]
    files: list[dict] = []
    docs: list[tuple] = []
    tables: dict[str, list[pa.Table]] = {}
    for part in parts:
        offset = len(docs)
        docs.extend(part["docs"])
        for entry in part["files"]:
            span = entry["docs"]
            files.append(dict(entry, docs=range(span.start + offset, span.stop + offset)))
        for table, data in part["tables"].items():
            if offset:
                at = data.schema.get_field_index(_DOC.name)
                data = data.set_column(at, _DOC, pa.chunked_array(
                    [_no_validity(pc.add(c, pa.scalar(offset, pa.int32())))
                     for c in data[_DOC.name].chunks], _DOC.type))
            tables.setdefault(table, []).append(data)
    # Tables in SCHEMAS order, as process_chunk gives them (loaders.rows.tables_for's order).
    return {"files": files, "docs": docs,
            "tables": {t: pa.concat_tables(tables[t]).combine_chunks()
                       for t in SCHEMAS if t in tables}}


def _no_validity(column: pa.Array) -> pa.Array:
    """`column` (never null) without the validity bitmap pyarrow's compute functions give
    their results: a column built from Python values has none, and nbytes, which decides
    where a part ends, must not depend on how a chunk was cut into tasks."""
    if column.null_count or column.buffers()[0] is None:
        return column
    return pa.Array.from_buffers(column.type, len(column), [None, column.buffers()[1]],
                                 offset=column.offset)


def _chunk_size(n_files: int) -> int:
    """Files per chunk of a build that extracts `n_files`: CHUNK, or fewer (never below
    MIN_CHUNK) where CHUNK would make fewer than MIN_CHUNKS chunks. Up to CHUNK files are one
    chunk, extracted without a pool."""
    if n_files <= CHUNK:
        return CHUNK
    return min(CHUNK, max(MIN_CHUNK, -(-n_files // MIN_CHUNKS)))


class Chunks:
    """process_chunk results in input order (so builds are reproducible), computed on
    `workers` processes with a bounded number of tasks in flight. `sizes` (bytes of each
    path, else read from the files) cuts a large chunk into several tasks (TASK_BYTES).
    One chunk, or one worker: extracted here, as the results are asked for.

    Started when made: the pool forks its workers (make it before any thread starts) and
    they extract while the caller goes on; close() (or `with`) stops them. Each worker
    builds what extraction builds on first use (rule tables, compiled patterns, the
    gazetteer: ~0.14 s of CPU) itself. Building it once here before forking, with the first
    chunk, kept every core but one waiting: 1% of 20,000 articles changed, the workers
    started 0.38 s into the build; now they start at 0.14 s, while the build reads what
    it keeps of the previous snapshot."""

    def __init__(self, paths: list[Path], raw_dir: Path, workers: int,
                 max_bytes: int | None = None, sizes: list[int] | None = None,
                 pool: ProcessPoolExecutor | None = None):
        max_bytes = max_bytes or MAX_BYTES
        size = _chunk_size(len(paths))
        starts = range(0, len(paths), size)
        self._here = None
        self._pool = pool  # a pool started already (start_pool) is used for any chunk
        if pool is None and (workers <= 1 or len(starts) < 2):
            self._here = [(paths[i:i + size], raw_dir, max_bytes) for i in starts]
            return

        def tasks() -> Iterator[tuple[int, tuple[list[Path], Path, int]]]:
            """(how many tasks its chunk has, task) for every task, in input order."""
            for i in starts:
                group = _tasks(paths[i:i + size], None if sizes is None else sizes[i:i + size])
                for task in group:
                    yield len(group), (task, raw_dir, max_bytes)

        self._todo = tasks()
        self._pending: deque = deque()
        self._pool = pool or start_pool(workers)
        self._submit(WINDOW * workers)

    @property
    def here(self) -> bool:
        """Extracted in this process (no pool)."""
        return self._pool is None

    def _submit(self, limit: int) -> None:
        for count, task in self._todo:
            self._pending.append((count, self._pool.submit(_process_task, task)))
            if len(self._pending) >= limit:
                break

    def __iter__(self) -> Iterator[dict]:
        if self._here is not None:
            for chunk in self._here:
                yield process_chunk(*chunk)
            return
        pending = self._pending
        while pending:
            count, future = pending.popleft()
            parts = [_from_ipc(future.result())]
            while len(parts) < count:  # the chunk's other tasks are the next ones
                self._submit(len(pending) + 1)
                parts.append(_from_ipc(pending.popleft()[1].result()))
            self._submit(len(pending) + 1)
            yield merge_results(parts)

    def close(self) -> None:
        """Stop the workers (the pool, started here or given, is this object's)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Chunks:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# What a worker extracts first, to build what extraction builds on first use (rule tables,
# compiled patterns, the gazetteer) before the first task arrives (_worker_start).
_WARM_TEXT = """Thông báo kết luận cuộc họp giao ban tháng 10 năm 2017

Ngày 19 tháng 10 năm 2017, tại Sở Thông tin và Truyền thông tỉnh Hậu Giang, Giám đốc Phạm Văn \
Tửu chủ trì cuộc họp giao ban định kỳ. Tham dự có lãnh đạo UBND huyện Châu Thành.

Sở triển khai Cổng dịch vụ công trực tuyến, chữ ký số và IPv6, hoàn thành trước ngày 30/11/2017 \
theo Thông tư số 81/2017/TT-BTC ngày 09/8/2017; giải ngân 1,5 tỷ đồng, đạt 85%.
"""


# Workers run this much below the build's own process (os.nice): with as many workers as
# cores, the process that finds the files, reads the previous snapshot, merges results and
# writes them (and, in the dashboard, serves the pages) is what the rest waits for. An
# update of 1% of 20,000 articles: finding what changed 0.17 -> 0.145 s (medians of 9).
WORKER_NICE = 5


def _worker_start() -> None:
    """A worker's initializer: a lower priority, then a short article extracted. A failure
    of either is not reported: a worker that cannot lower its priority works at the build's,
    and the extraction fails again on the first real file, which reports it."""
    with contextlib.suppress(OSError, AttributeError):  # no os.nice on Windows
        os.nice(WORKER_NICE)
    with contextlib.suppress(Exception):
        process_doc(SourceDoc(doc_id="warm-up", file="warm-up.txt", fmt="txt", text=_WARM_TEXT))


def start_pool(workers: int) -> ProcessPoolExecutor:
    """A pool whose `workers` processes fork now and warm up (_worker_start) while the build
    finds what changed: an update of 1% of 20,000 articles has its answer 0.15 s in, and
    workers forked then spent their first 0.12 s of CPU on the warm-up (0.95 against 1.0 s
    for the whole update, medians of 9 paired builds)."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    pool.submit(int)  # with fork, the first submit starts every worker
    return pool


def iter_chunks(paths: list[Path], raw_dir: Path, workers: int,
                max_bytes: int | None = None, sizes: list[int] | None = None) -> Iterator[dict]:
    """The results of Chunks, for a caller with nothing to do meanwhile."""
    with Chunks(paths, raw_dir, workers, max_bytes, sizes) as chunks:
        yield from chunks


class _Previous:
    """What the published snapshot already holds, to reuse for unchanged files: its
    manifest as Arrow (`table`), a file's row in it (`rows`), and the rows unchanged()
    found touched but not changed, with their new mtime (`touched`).

    Columns, not a dict per file: at 20,000 articles the dicts took 45 ms to build and as
    long again to write back, ~8% of a 1% update."""

    def __init__(self, snapshot: Path | None):
        self.snapshot = snapshot
        self.table: pa.Table = SCHEMAS["manifest"].empty_table()
        self.rows: dict[str, int] = {}
        self.touched: dict[int, int] = {}
        self.derived_version = _built_with(snapshot).get("derived_version")
        if snapshot is None or not (snapshot / "manifest").exists():
            return
        import pyarrow.parquet as pq

        # With pyarrow, which the build has loaded anyway: DuckDB's import (~50 ms) is then
        # paid while the workers extract (_prefetch_duckdb), not before.
        parts = sorted((snapshot / "manifest").glob("*.parquet"))
        if not parts:
            return
        self.table = pa.concat_tables(
            [pq.ParquetFile(p).read().cast(SCHEMAS["manifest"]) for p in parts])
        files = self.table["file"].to_pylist()
        self.rows = dict(zip(files, range(len(files)), strict=True))
        self._size = self.table["size"].to_pylist()
        self._mtime = self.table["mtime_ns"].to_pylist()
        self._sha = self.table["sha256"].to_pylist()
        self._version = self.table["extractor_version"].to_pylist()

    def unchanged(self, path: Path | str, rel: str, st: os.stat_result | None = None) -> int | None:
        """The manifest row of `rel` when the file is as the snapshot read it, else None."""
        i = self.rows.get(rel)
        if i is None or self._version[i] != EXTRACTOR_VERSION:
            return None
        st = st or os.stat(path)
        if st.st_size != self._size[i]:
            return None
        if st.st_mtime_ns == self._mtime[i]:
            return i
        # Touched but maybe not changed (a copy, a checkout): the hash decides.
        if _sha_file(path) != self._sha[i]:
            return None
        self.touched[i] = st.st_mtime_ns
        return i

    def manifest(self, reused: list[int]) -> pa.Table:
        """The manifest rows of the `reused` files, with the mtimes of those touched."""
        rows = self.table.take(pa.array(reused, pa.int64()))
        if self.touched:
            at = rows.schema.get_field_index("mtime_ns")
            rows = rows.set_column(at, rows.schema.field(at), pa.array(
                [self.touched.get(i, self._mtime[i]) for i in reused], pa.int64()))
        return rows


class _DeadRows:
    """The deletion lists of the previous snapshot (loaders.schema.DROPPED) and, once
    _reused_docs has worked it out, this build's (`new`)."""

    def __init__(self, snapshot: Path | None):
        import pyarrow.parquet as pq

        self.paths = dropped_lists(snapshot) if snapshot is not None else []
        self.lists = [(generation_of(p), pq.ParquetFile(p).read().cast(DROPPED_SCHEMA))
                      for p in self.paths]
        self.new: pa.Table | None = None

    def keys(self, table: str, generation: int) -> pa.Array | None:
        """Keys of the rows of a `table` part of `generation` that no longer count."""
        import pyarrow.compute as pc

        key = drop_key(table)
        tables = [t for g, t in self.lists if g > generation]
        if self.new is not None:
            tables.append(self.new)
        chunks = [c for t in tables for c in t[key].chunks]
        if not chunks:
            return None
        return pc.drop_null(pa.chunked_array(chunks, pa.string()).combine_chunks())

    def live(self, table: str, part: Path, columns: list[str] | None = None) -> pa.Table:
        """The rows of a previous part that still count (of `columns`, all by default)."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        key = drop_key(table)
        names = None if columns is None else list(dict.fromkeys([*columns, key]))
        data = pq.ParquetFile(part).read(columns=names)
        keys = self.keys(table, generation_of(part))
        if keys is not None and len(keys):
            data = data.filter(pc.invert(pc.is_in(data[key], value_set=keys)))
        return data if columns is None else data.select(columns)


def _reused_docs(prev: _Previous, reused: list[str]) -> tuple[set[str], dict[str, str], dict]:
    """The doc_ids the unchanged files keep, their content hashes (-> doc_id, so a duplicate
    found later names the document kept), and what to drop from the previous snapshot's
    parts: the changed or deleted files' doc_ids, and the deletion lists that name their
    rows (`dead`)."""
    import pyarrow.compute as pc

    snap = prev.snapshot
    parts = sorted((snap / "documents").glob("*.parquet")) if snap is not None else []
    if not reused or not parts:
        return set(), {}, {}
    dead = _DeadRows(snap)
    cols = pa.schema([("doc_id", pa.string()), ("file", pa.string()),
                      ("content_sha256", pa.string())])
    docs = pa.concat_tables([dead.live("documents", p, cols.names).cast(cols) for p in parts])
    kept = pc.is_in(docs["file"], value_set=pa.array(reused, pa.string()))
    gone = docs.filter(pc.invert(kept)).select(["file", "doc_id"])
    files = sorted(set(prev.rows) - set(reused))
    # Dropped files that had no document (only rejects) are listed with a null doc_id.
    bare = sorted(set(files) - set(gone["file"].to_pylist()))
    dead.new = pa.concat_tables([gone.cast(DROPPED_SCHEMA), pa.table(
        {"file": pa.array(bare, pa.string()), "doc_id": pa.nulls(len(bare), pa.string())})])
    drop = {"doc_ids": gone["doc_id"].combine_chunks(), "dead": dead,
            # Too many lists: every dead row is removed from its part now, and no list kept.
            "purge": len(dead.lists) + (dead.new.num_rows > 0) > MAX_DROP_LISTS}
    ids = docs["doc_id"].filter(kept).to_pylist()
    return set(ids), dict(zip(docs["content_sha256"].filter(kept).to_pylist(), ids,
                              strict=True)), drop


def _reuse_parts(prev: _Previous, drop: dict, writer: SnapshotWriter) -> dict[str, int]:
    """Carry the rows of unchanged files over from the previous snapshot: every part is
    hard-linked as it is, and this build's deletion list names the rows of changed or
    deleted files in it (a part with too many of them is rewritten without them:
    SnapshotWriter.reuse_part). Rows carried per table. Runs in a thread while the workers
    extract (Arrow and Parquet work without the GIL)."""
    import pyarrow.parquet as pq

    counts: dict[str, int] = {}
    if not drop:
        return counts
    dead: _DeadRows = drop["dead"]
    # The share of each generation's documents that no longer count. A document's rows of
    # every table are in parts of its generation, so a part of a table keyed by doc_id
    # whose generation's share is within DEAD_SHARE is linked without reading its keys to
    # count them: the count only decided on a rewrite, and at 20,000 articles reading
    # them took ~0.1 s of CPU of every update, from the workers (its live-row count is
    # then the part's rows; the build reports those of rejects only, which are counted).
    share: dict[int, float] = {}
    for table in ("documents", *(t for t in SCHEMAS if t != "documents")):
        parts = sorted((prev.snapshot / table).glob("*.parquet"))
        if table == "manifest" or len(parts) > MAX_PARTS:
            continue  # the manifest is written whole; too many parts: see _compact
        for part in parts:
            generation = generation_of(part)
            uncounted = (drop_key(table) == "doc_id" and not drop["purge"]
                         and share.get(generation, 1.0) <= store.DEAD_SHARE)
            keys = None if uncounted else dead.keys(table, generation)
            n = writer.reuse_part(table, part, keys, rewrite=drop["purge"])
            counts[table] = counts.get(table, 0) + n
            if table == "documents":
                rows = pq.ParquetFile(part).metadata.num_rows
                share[generation] = 1 - n / rows if rows else 0.0
    if not drop["purge"]:  # a purge leaves no dead row, so no list
        writer.write_dropped(dead.new, dead.paths)
    return counts


def _compact(prev: _Previous, drop: dict, writer: SnapshotWriter) -> bool:
    """Each incremental build adds parts; once a table has more than MAX_PARTS, its live
    rows are read again and written with the new ones into fewer, larger (sorted) parts.
    True when it did so for any table."""
    if not drop:
        return False
    compacted = False
    for table in SCHEMAS:
        parts = sorted((prev.snapshot / table).glob("*.parquet"))
        if table == "manifest" or len(parts) <= MAX_PARTS:
            continue
        compacted = True
        for part in parts:
            writer.add_table(table, drop["dead"].live(table, part).cast(SCHEMAS[table]))
    return compacted


def build(raw_dir: Path, out_dir: Path, progress: bool | Progress = True,
          workers: int | None = None, incremental: bool = True,
          max_bytes: int | None = None, lock_timeout: float = 1800.0) -> dict:
    """Read every file under raw_dir and publish a new snapshot under out_dir.

    One build at a time per out_dir (loaders.store.build_lock): a second one waits up to
    `lock_timeout` seconds, then raises BuildLocked naming the lock file."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(out_dir, timeout=lock_timeout):
        return _build(raw_dir, out_dir, progress, workers, incremental, max_bytes)


def _build(raw_dir: Path, out_dir: Path, progress: bool | Progress, workers: int | None,
           incremental: bool, max_bytes: int | None) -> dict:
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    snapshot = current_snapshot(out_dir) if incremental else None
    # An update of a snapshot of more than a chunk of files starts its workers at once,
    # before it knows what changed (it may find nothing to extract: the pool is then only
    # shut down); a first build starts them once it has found the files.
    pool = (start_pool(workers) if workers > 1
            and _built_with(snapshot).get("n_files", 0) > CHUNK else None)
    try:
        return _build_with(raw_dir, out_dir, progress, workers, snapshot, max_bytes, pool,
                           started)
    finally:
        if pool is not None:
            # Waits for the workers to stop: a command-line build ends with os._exit
            # (loaders.__main__), which would leave them waiting for work that never comes,
            # holding the build's output open.
            pool.shutdown(wait=True, cancel_futures=True)


def _build_with(raw_dir: Path, out_dir: Path, progress: bool | Progress, workers: int,
                snapshot: Path | None, max_bytes: int | None,
                pool: ProcessPoolExecutor | None, started: float) -> dict:
    laps: dict[str, float] = {}
    lap = _lap(laps)
    found = read.scan(raw_dir)
    n_files = len(found)
    prev = _Previous(snapshot)

    reused: list[int] = []  # rows of prev's manifest
    reused_files: list[str] = []
    todo: list[Path] = []
    todo_sizes: list[int] = []
    for rel, p, st in found:
        old = prev.unchanged(p, rel, st)
        if old is not None:
            reused.append(old)
            reused_files.append(rel)
        else:
            todo.append(Path(p))
            todo_sizes.append(st.st_size)
    lap("discover")
    if (not todo and prev.snapshot is not None and len(reused) == len(prev.rows)
            and prev.derived_version == DERIVED_VERSION):
        # Nothing changed: the published snapshot already is this build.
        return _info(prev.snapshot, started, reused=len(reused), extracted=0, unchanged=True)

    writer = SnapshotWriter(out_dir, f"build-{os.getpid()}", part_generation(prev.snapshot))
    carry = ThreadPoolExecutor(max_workers=1)
    carried = chunks = None
    try:
        # The workers fork now (unless start_pool forked them already), before any thread
        # of this process starts (the progress bar's, the carry-over's), and extract while
        # the previous snapshot's rows are read.
        chunks = Chunks(todo, raw_dir, workers, max_bytes, todo_sizes, pool)
        bar = _progress(progress, n_files)
        used_ids, seen, drop = _reused_docs(prev, reused_files)
        carried = carry.submit(_reuse_parts, prev, drop, writer)
        n_docs, n_rejects = len(used_ids), 0
        seen_content = seen
        lap("reuse")
        for i, _ in enumerate(reused, 1):
            bar(i, n_files, "")
        done = len(reused)
        manifest_new: list[dict] = []
        if todo and chunks.here:
            # Loading the extractor (gazetteer, compiled rules) is a fixed cost of any build
            # that extracts, however few files: timed on its own (the workers load their own).
            from loaders import rows  # noqa: F401
        lap("load_extractor")
        prefetch = None
        for chunk in chunks:
            if prefetch is None:
                prefetch = _prefetch_duckdb()
            docs, keep, renames = chunk["docs"], [], {}
            for entry in chunk["files"]:
                manifest_new.append(entry["manifest"])
                rejects = list(entry["rejects"])
                for d in entry["docs"]:
                    doc_id, content, file, row, sha, size = docs[d]
                    kept = seen_content.get(content)
                    if kept is not None:
                        from loaders.rows import duplicate_row
                        # The same story on two portals: keep the first, record the second.
                        rejects.append(duplicate_row(
                            {"file": file, "row": row, "sha256": sha, "size": size},
                            kept))
                        continue
                    new_id = _unique_id(doc_id, file, row, used_ids)
                    if new_id != doc_id:
                        renames[d] = new_id
                    seen_content[content] = new_id
                    keep.append(d)
                    n_docs += 1
                writer.add("rejects", rejects)
                n_rejects += len(rejects)
                done += 1
                bar(done, n_files, entry["manifest"]["file"])
            for table, data in chunk["tables"].items():
                writer.add_table(table, _apply(data, len(docs), keep, renames))
            checkpoint("extract")
        chunks.close()
        lap("extract")
        for table, n in carried.result().items():
            writer.counts[table] += n
        compacted = _compact(prev, drop, writer)
        n_rejects = writer.counts["rejects"]  # new ones and those carried over
        lap("reuse_wait")
        # In file order (scan()'s, and the part's: loaders.schema.SORT_BY): the name hashes it.
        manifest = pa.concat_tables([prev.manifest(reused), pa.Table.from_pylist(
            manifest_new, schema=SCHEMAS["manifest"])]).sort_by("file")
        writer.add_table("manifest", manifest)
        name = snapshot_name(manifest)
        writer.name, writer.final = name, writer.final.with_name(name)
        info = {"extractor_version": EXTRACTOR_VERSION, "derived_version": DERIVED_VERSION,
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "duration_s": round(time.perf_counter() - started, 3),
                "n_files": n_files, "n_documents": n_docs, "n_rejects": n_rejects,
                "reused_files": len(reused), "extracted_files": len(todo),
                "raw_dir": raw_dir.name, "snapshot": name}
        checkpoint("write")
        writer.close(info)
        lap("write")
        if compacted or not drop or prev.derived_version != DERIVED_VERSION:
            # Nothing carried over, every row rewritten into this generation, or derived
            # tables of another layout: computed whole.
            write_derived(writer.tmp)
        else:
            write_derived(writer.tmp, prev.snapshot, writer.generation, drop.get("doc_ids"))
        lap("derived")
        checkpoint("publish")
        writer.publish()
        lap("publish")
    except BaseException:
        if chunks is not None:
            chunks.close()
        if carried is not None:
            carried.cancel()
        carry.shutdown(wait=True)  # the thread must not write into a removed folder
        writer.abort()
        raise
    carry.shutdown()
    # Where the time went (not in build.json, which is written before the last stages).
    info["stage_seconds"] = laps
    return info


def _prefetch_duckdb() -> threading.Thread:
    """Import DuckDB and open (and close) a first database in a thread. Started once the
    first results are in: the pool forked its workers before (with fork, all of them at
    the first submit), and this process mostly waits for their results, so the derived
    stage's DuckDB import (~50 ms, a twentieth of a 1% update) and the one-off cost of its
    first connection (20 ms, 11 ms for the next ones) are paid meanwhile."""
    def warm() -> None:
        import duckdb

        duckdb.connect().close()

    thread = threading.Thread(target=warm, daemon=True, name="prefetch-duckdb")
    thread.start()
    return thread


def _lap(laps: dict[str, float]) -> Callable[[str], None]:
    last = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        laps[stage] = round(now - last[0], 3)
        last[0] = now
    return lap


def _apply(data: pa.Table, n_docs: int, keep: list[int], renames: dict[int, str]) -> pa.Table:
    """A chunk's rows without its duplicate documents, with renamed doc_ids, without `_d`."""
    import pyarrow.compute as pc

    if len(keep) < n_docs:
        data = data.filter(pc.is_in(data["_d"], value_set=pa.array(keep, pa.int32())))
    if renames:
        ids = [renames.get(d, i) for i, d in zip(data["doc_id"].to_pylist(),
                                                  data["_d"].to_pylist(), strict=True)]
        data = data.set_column(data.schema.get_field_index("doc_id"), "doc_id",
                               pa.array(ids, pa.string()))
    return data.drop_columns(["_d"])


def _unique_id(doc_id: str, file: str, row: int | None, used: set[str]) -> str:
    """doc_id is the file stem (the evaluation contract), but "a/bai.txt" and "b/bai.txt", or a
    dump row whose id repeats another article's, would collide: give the later one a suffix
    from its path so every row still points at exactly one document."""
    if doc_id in used:
        where = f"{file}#{row or ''}"
        doc_id = f"{doc_id}~{hashlib.sha256(where.encode('utf-8')).hexdigest()[:8]}"
    used.add(doc_id)
    return doc_id


def _info(snapshot: Path, started: float, **extra) -> dict:
    info = json.loads((snapshot / "build.json").read_text(encoding="utf-8"))
    set_current(snapshot.parent.parent, snapshot.name)
    info.update(extra, duration_s=round(time.perf_counter() - started, 3))
    return info


def snapshot_name(manifest: pa.Table) -> str:
    """The snapshot's name: a hash of the code's versions and of every file and its sha256,
    in the manifest's (file) order."""
    h = hashlib.sha256(f"{EXTRACTOR_VERSION}\0{DERIVED_VERSION}".encode())
    for file, sha in zip(manifest["file"].to_pylist(), manifest["sha256"].to_pylist(),
                         strict=True):
        h.update(f"{file}\0{sha}\n".encode())
    return h.hexdigest()[:16]


def _progress(progress: bool | Progress, total: int) -> Progress:
    if callable(progress):
        return progress
    if not progress:
        return lambda i, n, f: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", desc="build", leave=True)

    def tick(i: int, n: int, f: str) -> None:
        bar.update(i - bar.n)
        if i == n:
            bar.close()
    return tick


def _built_with(snapshot: Path | None) -> dict:
    """The snapshot's build.json ({} when there is none or it cannot be read)."""
    if snapshot is None:
        return {}
    try:
        return json.loads((snapshot / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def needs_build(raw_dir: Path, out_dir: Path) -> bool:
    """True when nothing is published, the published snapshot was written by another
    extractor version or derived-table layout (its tables may lack columns this code reads),
    or a raw file is newer than the published snapshot."""
    snap = current_snapshot(Path(out_dir))
    if snap is None:
        return True
    info = _built_with(snap)
    if (info.get("extractor_version") != EXTRACTOR_VERSION
            or info.get("derived_version") != DERIVED_VERSION):
        return True
    built = (snap / "build.json").stat().st_mtime
    raw_dir = Path(raw_dir)
    if raw_dir.stat().st_mtime > built:
        return True  # a file was added or removed
    return any(st.st_mtime > built for _, _, st in read.scan(raw_dir))


def ensure_built(raw_dir: Path, out_dir: Path, progress: Progress | None = None) -> bool:
    """Build when needed (fresh clone, new articles); returns True if it built. When another
    process is building the same folder already (another dashboard replica, the CLI), this
    one does not wait: it returns False and the dashboard shows the published snapshot."""
    if not needs_build(raw_dir, out_dir):
        return False
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    try:
        with build_lock(Path(out_dir), wait=False):
            if not needs_build(raw_dir, out_dir):  # the other build has just finished it
                return False
            _build(Path(raw_dir), Path(out_dir), progress or False, None, True, None)
    except BuildLocked:
        return False
    return True


def extract_to_jsonl(paths: list[Path], out: Path) -> tuple[int, list[Reject]]:
    """The evaluation contract: one JSON object per document, `id` = file stem (or dump row id)."""
    n = 0
    rejects: list[Reject] = []
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for path in paths:
            path = Path(path)
            files = read.discover(path) if path.is_dir() else [path]
            root = path if path.is_dir() else path.parent
            for f in files:
                for item in read.read_file(f, root):
                    if isinstance(item, Reject):
                        rejects.append(item)
                        continue
                    fh.write(json.dumps(process_doc(item, with_record=True)["record"], ensure_ascii=False) + "\n")
                    n += 1
    return n, rejects

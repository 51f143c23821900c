"""The build: discover raw files, read, clean, extract (on all cores), and publish a snapshot.

Incremental: the previous snapshot's manifest says what each file was (size, mtime, sha256,
extractor version). A file that is unchanged keeps its rows, copied from the previous
snapshot by DuckDB without extraction; changed and new files are extracted; deleted files
simply drop out. Rows are streamed into Parquet row groups, so memory stays bounded.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from loaders import read, rows
from loaders.clean import clean
from loaders.extract import extract
from loaders.models import Reject, SourceDoc
from loaders.schema import DERIVED, EXTRACTOR_VERSION, SCHEMAS, derived_sql
from loaders.store import SnapshotWriter, _fsync_tree, current_snapshot, set_current

Progress = Callable[[int, int, str], None]
FAULT_ENV = "LOADERS_FAULT_AT"  # test hook: stop (and wait to be killed) at a named stage


def checkpoint(stage: str) -> None:
    """Fault injection for the crash tests: with LOADERS_FAULT_AT=<stage>, announce the stage
    on stderr and hang there so the test can SIGKILL the build at exactly that moment."""
    if os.environ.get(FAULT_ENV) == stage:
        import sys

        print(f"FAULT-POINT {stage}", file=sys.stderr, flush=True)
        time.sleep(3600)
CHUNK = 512  # files handed to the worker pool at a time: bounds results held in memory


MAX_BYTES = int(os.environ.get("LOADERS_MAX_BYTES", 20_000_000))


def process_file(path: Path, raw_dir: Path, max_bytes: int | None = None) -> dict:
    """Everything one input file gives: table rows, rejects and its manifest entry. Pure."""
    out: dict = {"docs": [], "rejects": []}
    for item in read.read_file(path, raw_dir, max_bytes or MAX_BYTES):
        if isinstance(item, Reject):
            out["rejects"].append(rows.reject_row(item))
            continue
        out["docs"].append(process_doc(item))
    st = path.stat()
    out["manifest"] = {"file": path.relative_to(raw_dir).as_posix(), "size": st.st_size,
                       "mtime_ns": st.st_mtime_ns, "sha256": _sha_file(path),
                       "extractor_version": EXTRACTOR_VERSION,
                       "n_documents": len(out["docs"]), "n_rejects": len(out["rejects"])}
    return out


def process_doc(doc: SourceDoc, with_record: bool = False) -> dict:
    """One source document -> its rows in every table (and, for `extract`, its JSON record)."""
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


def _process_star(args: tuple[Path, Path, int]) -> dict:
    return process_file(*args)


def iter_processed(paths: list[Path], raw_dir: Path, workers: int,
                   max_bytes: int | None = None) -> Iterator[dict]:
    """Results in input order (so builds are reproducible), computed on `workers` processes."""
    max_bytes = max_bytes or MAX_BYTES
    if workers <= 1 or len(paths) < 8:
        for p in paths:
            yield process_file(p, raw_dir, max_bytes)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for i in range(0, len(paths), CHUNK):
            chunk = [(p, raw_dir, max_bytes) for p in paths[i:i + CHUNK]]
            yield from pool.map(_process_star, chunk, chunksize=max(1, len(chunk) // (4 * workers)))


class _Previous:
    """What the published snapshot already holds, to reuse for unchanged files."""

    def __init__(self, snapshot: Path | None):
        self.snapshot = snapshot
        self.entries: dict[str, dict] = {}
        if snapshot is None or not (snapshot / "manifest").exists():
            return
        import duckdb

        con = duckdb.connect()
        for row in con.execute(
            "SELECT file, size, mtime_ns, sha256, extractor_version, n_documents, n_rejects "
            "FROM read_parquet(?)", [str(snapshot / "manifest" / "*.parquet")]
        ).fetchall():
            self.entries[row[0]] = dict(zip(
                ("file", "size", "mtime_ns", "sha256", "extractor_version", "n_documents",
                 "n_rejects"), row))
        con.close()

    def unchanged(self, path: Path, rel: str) -> dict | None:
        old = self.entries.get(rel)
        if not old or old["extractor_version"] != EXTRACTOR_VERSION:
            return None
        st = path.stat()
        if st.st_size != old["size"]:
            return None
        if st.st_mtime_ns == old["mtime_ns"]:
            return old
        # Touched but maybe not changed (a copy, a checkout): the hash decides.
        return dict(old, mtime_ns=st.st_mtime_ns) if _sha_file(path) == old["sha256"] else None


def _copy_reused(prev: _Previous, files: list[str], writer: SnapshotWriter
                 ) -> tuple[set[str], int, set[str]]:
    """Copy the rows of unchanged files from the previous snapshot into the new one."""
    import duckdb

    if not files:
        return set(), 0, set()
    con = duckdb.connect()
    snap = prev.snapshot
    con.execute("CREATE TEMP TABLE keep(file VARCHAR)")
    con.executemany("INSERT INTO keep VALUES (?)", [(f,) for f in files])
    con.execute("CREATE TEMP TABLE docs AS SELECT doc_id, content_sha256 FROM read_parquet(?) "
                "WHERE file IN (SELECT file FROM keep)", [str(snap / "documents" / "*.parquet")])
    kept_docs = {r[0] for r in con.execute("SELECT doc_id FROM docs").fetchall()}
    contents = {r[0] for r in con.execute("SELECT content_sha256 FROM docs").fetchall()}
    for table in SCHEMAS:
        if table == "manifest":
            continue
        src = str(snap / table / "*.parquet")
        if not list((snap / table).glob("*.parquet")):
            continue
        key = "file IN (SELECT file FROM keep)" if table in ("documents", "rejects") else \
            "doc_id IN (SELECT doc_id FROM docs)"
        target = writer.tmp / table
        target.mkdir(exist_ok=True)
        # Parameters cannot name a COPY target; the path is our own temporary folder.
        out = str(target / "part-reused.parquet").replace("'", "''")
        con.execute(f"COPY (SELECT * FROM read_parquet(?) WHERE {key}) TO '{out}' "
                    "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000)", [src])
        n = con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0]
        writer.counts[table] += n
    n_rejects = writer.counts["rejects"]
    con.close()
    return kept_docs, n_rejects, contents


def build(raw_dir: Path, out_dir: Path, progress: bool | Progress = True,
          workers: int | None = None, incremental: bool = True,
          max_bytes: int | None = None) -> dict:
    """Read every file under raw_dir and publish a new snapshot under out_dir."""
    started = time.perf_counter()
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = read.discover(raw_dir)
    workers = workers or os.cpu_count() or 1
    prev = _Previous(current_snapshot(out_dir) if incremental else None)

    reused: list[dict] = []
    todo: list[Path] = []
    for p in paths:
        rel = p.relative_to(raw_dir).as_posix()
        old = prev.unchanged(p, rel)
        (reused.append(old) if old else todo.append(p))
    manifest_all = sorted(reused + [{"file": p.relative_to(raw_dir).as_posix()} for p in todo],
                          key=lambda m: m["file"])
    if not todo and prev.snapshot is not None and len(reused) == len(prev.entries):
        # Nothing changed: the published snapshot already is this build.
        return _info(prev.snapshot, started, reused=len(reused), extracted=0, unchanged=True)

    writer = SnapshotWriter(out_dir, f"build-{os.getpid()}")
    bar = _progress(progress, len(paths))
    try:
        used_ids, n_rejects, seen = _copy_reused(prev, [m["file"] for m in reused], writer)
        n_docs = len(used_ids)
        seen_content = dict.fromkeys(seen, "")
        for i, _ in enumerate(reused, 1):
            bar(i, len(paths), "")
        done = len(reused)
        manifest_new: list[dict] = []
        for result in iter_processed(todo, raw_dir, workers, max_bytes):
            manifest_new.append(result["manifest"])
            for rej in result["rejects"]:
                writer.add("rejects", [rej])
                n_rejects += 1
            for doc in result["docs"]:
                kept = seen_content.get(doc["content_key"])
                if kept is not None:
                    # The same story on two portals: keep the first, record the second source.
                    writer.add("rejects", [rows.duplicate_row(doc["tables"]["documents"][0],
                                                              kept or "(earlier build)")])
                    n_rejects += 1
                    continue
                _unique_doc_id(doc, used_ids)
                seen_content[doc["content_key"]] = doc["doc_id"]
                for table, table_rows in doc["tables"].items():
                    writer.add(table, table_rows)
                n_docs += 1
            done += 1
            bar(done, len(paths), result["manifest"]["file"])
            checkpoint("extract")
        by_file = {m["file"]: m for m in reused + manifest_new}
        manifest = [by_file[m["file"]] for m in manifest_all]
        writer.add("manifest", manifest)
        name = snapshot_name(manifest)
        writer.name, writer.final = name, writer.final.with_name(name)
        info = {"extractor_version": EXTRACTOR_VERSION,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "duration_s": round(time.perf_counter() - started, 3),
                "n_files": len(paths), "n_documents": n_docs, "n_rejects": n_rejects,
                "reused_files": len(reused), "extracted_files": len(todo),
                "raw_dir": raw_dir.name, "snapshot": name}
        checkpoint("write")
        writer.close(info)
        write_derived(writer.tmp)
        _fsync_tree(writer.tmp)
        checkpoint("publish")
        writer.publish()
    except BaseException:
        writer.abort()
        raise
    return info


def write_derived(snapshot: Path) -> dict[str, int]:
    """Write the derived aggregate tables (loaders.schema.DERIVED) of a snapshot folder whose
    base tables are complete, computed by DuckDB from that folder's own Parquet; row counts."""
    import shutil

    import duckdb

    spill = snapshot / ".derived-spill"
    con = duckdb.connect()
    # Bounded memory whatever the corpus size: DuckDB spills to the snapshot's own folder.
    con.execute(f"SET temp_directory = '{str(spill).replace(chr(39), chr(39) * 2)}'")
    con.execute("SET memory_limit = '1GB'")
    con.execute("SET enable_progress_bar = false")
    counts: dict[str, int] = {}
    try:
        for table in SCHEMAS:
            src = str(snapshot / table / "*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{src}', "
                        "union_by_name = true)")
        for table, schema in DERIVED.items():
            (snapshot / table).mkdir(exist_ok=True)
            cols = ", ".join(f'CAST("{f.name}" AS {_duck_type(f.type)}) AS "{f.name}"'
                             for f in schema)
            # Parameters cannot name a COPY target; the path is our own snapshot folder.
            out = str(snapshot / table / "part-0.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT {cols} FROM ({derived_sql(table)})) TO '{out}' "
                        "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)")
            counts[table] = con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0]
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
    return counts


def _duck_type(t) -> str:
    import pyarrow as pa

    if pa.types.is_map(t):
        return "MAP(VARCHAR, BIGINT)"
    return {pa.string(): "VARCHAR", pa.int8(): "TINYINT", pa.int16(): "SMALLINT",
            pa.int32(): "INTEGER", pa.int64(): "BIGINT"}[t]


def _unique_doc_id(doc: dict, used: set[str]) -> None:
    """doc_id is the file stem (the evaluation contract), but "a/bai.txt" and "b/bai.txt", or a
    dump row whose id repeats another article's, would collide: give the later one a suffix
    from its path so every row still points at exactly one document."""
    doc_id = doc["doc_id"]
    if doc_id in used:
        first = doc["tables"]["documents"][0]
        where = f"{first['file']}#{first['row'] or ''}"
        new = f"{doc_id}~{hashlib.sha256(where.encode('utf-8')).hexdigest()[:8]}"
        for rows_ in doc["tables"].values():
            for row in rows_:
                row["doc_id"] = new
        doc["doc_id"] = new
    used.add(doc["doc_id"])


def _info(snapshot: Path, started: float, **extra) -> dict:
    info = json.loads((snapshot / "build.json").read_text(encoding="utf-8"))
    set_current(snapshot.parent.parent, snapshot.name)
    info.update(extra, duration_s=round(time.perf_counter() - started, 3))
    return info


def snapshot_name(manifest: list[dict]) -> str:
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for m in manifest:
        h.update(f"{m['file']}\0{m['sha256']}\n".encode())
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


def needs_build(raw_dir: Path, out_dir: Path) -> bool:
    """True when nothing is published or a raw file is newer than the published snapshot."""
    snap = current_snapshot(Path(out_dir))
    if snap is None:
        return True
    built = (snap / "build.json").stat().st_mtime
    raw_dir = Path(raw_dir)
    if raw_dir.stat().st_mtime > built:
        return True  # a file was added or removed
    return any(p.stat().st_mtime > built for p in read.discover(raw_dir))


def ensure_built(raw_dir: Path, out_dir: Path, progress: Progress | None = None) -> bool:
    """Build when needed (fresh clone, new articles); returns True if it built."""
    if not needs_build(raw_dir, out_dir):
        return False
    build(raw_dir, out_dir, progress=progress or False)
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

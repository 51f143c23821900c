"""Storing: stream rows into Parquet parts of a new snapshot, then publish it in one step."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from loaders.schema import (
    DROPPED,
    DROPPED_SCHEMA,
    ROW_GROUP_ROWS,
    SCHEMAS,
    SORT_BY,
    drop_key,
    generation_of,
)

ROW_GROUP = 50_000
# A part is written once this many rows or bytes (in Arrow memory) are buffered for its table,
# so the parent's memory is bounded whatever the corpus size; every part is sorted on its own.
PART_ROWS = 1_000_000
PART_BYTES = 96 << 20
# A part carried over with more than this share of dead rows is written again without them
# (reuse_part): below it, the deletion lists cost a reader less than the rewrite costs.
DEAD_SHARE = 0.10
CURRENT = "CURRENT"
SNAPSHOTS = "snapshots"
LOCK = ".build.lock"


class SnapshotWriter:
    """Writes every table of one snapshot into a temporary folder; `publish` makes it current.

    A reader follows CURRENT, which is replaced atomically (os.replace) only after every file
    of the new snapshot is closed and fsynced, so readers see the old snapshot or the new one,
    never a half-written one, whatever kills the build.

    Parts are named g<generation>-<n>.parquet: an incremental build hard-links the parts of
    the previous snapshot (`reuse_part`), lists the rows it dropped from them
    (`write_dropped`) and writes its new rows under the next generation, so names never
    clash.
    """

    def __init__(self, out_dir: Path, name: str, generation: int = 0):
        self.out_dir = out_dir
        self.name = name
        self.final = out_dir / SNAPSHOTS / name
        self.tmp = out_dir / SNAPSHOTS / f".tmp-{name}-{os.getpid()}"
        self.generation = generation
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        self._buffers: dict[str, list[pa.Table]] = {t: [] for t in SCHEMAS}
        self._buffered: dict[str, tuple[int, int]] = {t: (0, 0) for t in SCHEMAS}
        self._parts: dict[str, int] = {t: 0 for t in SCHEMAS}
        self.counts: dict[str, int] = {t: 0 for t in SCHEMAS}

    def add(self, table: str, rows: list[dict]) -> None:
        if rows:
            self.add_table(table, pa.Table.from_pylist(rows, schema=SCHEMAS[table]))

    def add_table(self, table: str, data: pa.Table) -> None:
        """Buffer rows (an Arrow table with the table's schema); a full buffer becomes a part."""
        if not data.num_rows:
            return
        self._buffers[table].append(data)
        self.counts[table] += data.num_rows
        rows, size = self._buffered[table]
        rows, size = rows + data.num_rows, size + data.nbytes
        self._buffered[table] = (rows, size)
        if rows >= PART_ROWS or size >= PART_BYTES:
            self._flush(table)

    def _flush(self, table: str) -> None:
        if not self._buffers[table]:
            return
        data = pa.concat_tables(self._buffers[table])
        self._buffers[table].clear()
        self._buffered[table] = (0, 0)
        self._write_part(table, sort_rows(table, data))

    def _write_part(self, table: str, data: pa.Table) -> None:
        folder = self.tmp / table
        folder.mkdir(exist_ok=True)
        path = folder / f"g{self.generation:04d}-{self._parts[table]:04d}.parquet"
        self._parts[table] += 1
        pq.write_table(data, path, compression="zstd", write_statistics=True,
                       row_group_size=ROW_GROUP_ROWS.get(table, ROW_GROUP))

    def reuse_part(self, table: str, source: Path, dead: pa.Array | None = None,
                   rewrite: bool = False) -> int:
        """Carry one part of the previous snapshot over; returns its live rows, which the
        caller adds to `counts` (this may run in a thread beside `add_table`).

        `dead` holds the keys (loaders.schema.drop_key) of its rows that no longer count:
        those of the files this build dropped and of the deletion lists newer than the part.
        The part is hard-linked as it is, its dead rows left to the deletion lists, unless
        they are more than DEAD_SHARE of it or `rewrite` says to purge them: then it is
        written again without them (the order of the rest, sorted already, is kept)."""
        import pyarrow.compute as pc

        folder = self.tmp / table
        folder.mkdir(exist_ok=True)
        target = folder / source.name
        parquet = pq.ParquetFile(source)
        rows = parquet.metadata.num_rows
        if dead is not None and len(dead):
            key = drop_key(table)
            hit = pc.is_in(parquet.read(columns=[key])[key], value_set=dead)
            n_dead = pc.sum(hit).as_py() or 0
            if n_dead and (rewrite or n_dead > DEAD_SHARE * rows):
                data = parquet.read().cast(SCHEMAS[table]).filter(pc.invert(hit))
                if data.num_rows:
                    pq.write_table(data, target, compression="zstd", write_statistics=True,
                                   row_group_size=ROW_GROUP_ROWS.get(table, ROW_GROUP))
                return data.num_rows
            rows -= n_dead
        link_or_copy(source, target)
        return rows

    def write_dropped(self, dropped: pa.Table, keep: list[Path]) -> None:
        """This build's deletion list (loaders.schema.DROPPED), after the previous lists
        in `keep` (hard-linked as they are)."""
        folder = self.tmp / DROPPED
        for path in keep:
            folder.mkdir(exist_ok=True)
            link_or_copy(path, folder / path.name)
        if dropped.num_rows:
            folder.mkdir(exist_ok=True)
            pq.write_table(dropped.cast(DROPPED_SCHEMA),
                           folder / f"g{self.generation:04d}.parquet", compression="zstd")

    def close(self, info: dict) -> None:
        # The last parts of every table are sorted and encoded in parallel, one table per
        # thread (Arrow's sort and Parquet writer release the GIL): in a full build they are
        # most of the write stage, and the workers have finished by then.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(self._close_table, SCHEMAS))
        (self.tmp / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                             encoding="utf-8")

    def _close_table(self, table: str) -> None:
        self._flush(table)
        folder = self.tmp / table
        if not folder.is_dir() or not any(folder.glob("*.parquet")):
            # Readers glob <table>/*.parquet: an empty table still has one (empty) part.
            self._write_part(table, SCHEMAS[table].empty_table())

    def publish(self) -> Path:
        # Every file on disk before CURRENT names the folder (the derived tables too, which
        # the build writes after close).
        _fsync_tree(self.tmp)
        if self.final.exists():
            shutil.rmtree(self.tmp)   # the same inputs were already built: keep those bytes
        else:
            os.replace(self.tmp, self.final)
        from loaders.build import checkpoint

        checkpoint("switch")          # the new folder exists, CURRENT still names the old one
        set_current(self.out_dir, self.name)
        cleanup(self.out_dir, keep=2)
        return self.final

    def abort(self) -> None:
        for buf in self._buffers.values():
            buf.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)


def link_or_copy(source: Path, target: Path) -> None:
    """A file of the previous snapshot kept as it is: a hard link (no bytes written)."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: copy the bytes
        shutil.copyfile(source, target)


def sort_rows(table: str, data: pa.Table) -> pa.Table:
    """The rows in the physical order loaders.schema.SORT_BY names (a stable sort: ties keep
    their arrival order, so the same input always gives the same bytes)."""
    keys = SORT_BY.get(table)
    if not keys or data.num_rows < 2:
        return data
    return data.sort_by([(k, "ascending") for k in keys])


def part_generation(snapshot: Path | None) -> int:
    """The next free part generation after the parts of `snapshot` (0 when there are none)."""
    if snapshot is None:
        return 0
    return max((generation_of(p) for p in snapshot.glob("*/*.parquet")), default=-1) + 1


def _fsync_tree(path: Path) -> None:
    """fsync every file written under `path`. A file with more than one link is a part of
    the previous snapshot, hard-linked, whose bytes were synced when it was written (each
    fsync costs ~0.5 ms here even with nothing to write: 200 of them at 20,000 articles)."""
    for p in sorted(path.rglob("*")):
        st = p.lstat()
        if stat.S_ISREG(st.st_mode) and st.st_nlink == 1:
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())


def set_current(out_dir: Path, name: str) -> None:
    tmp = out_dir / f".{CURRENT}.{os.getpid()}"
    tmp.write_text(name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, out_dir / CURRENT)
    _record_publish(out_dir, name)


HISTORY = "HISTORY"          # "<unix time> <name>" each time CURRENT switched, oldest first
KEEP_MINUTES = float(os.environ.get("LOADERS_KEEP_MINUTES", 10))


def _record_publish(out_dir: Path, name: str) -> None:
    path = out_dir / HISTORY
    with open(path, "a", encoding="utf-8") as fh:  # one short append: atomic enough
        fh.write(f"{time.time():.3f} {name}\n")
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) > 200:
        tmp = out_dir / f".{HISTORY}.{os.getpid()}"
        tmp.write_text("\n".join(lines[-100:]) + "\n", encoding="utf-8")
        os.replace(tmp, path)


def recently_current(out_dir: Path, minutes: float | None = None) -> set[str]:
    """Snapshots that were CURRENT at some moment of the last `minutes` (a dashboard session
    that opened one then may still be reading its files)."""
    minutes = KEEP_MINUTES if minutes is None else minutes
    try:
        lines = (out_dir / HISTORY).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    since = time.time() - minutes * 60
    entries = []
    for line in lines:
        stamp, _, name = line.partition(" ")
        try:
            entries.append((float(stamp), name.strip()))
        except ValueError:
            continue
    recent = set()
    for i, (_, name) in enumerate(entries):
        until = entries[i + 1][0] if i + 1 < len(entries) else time.time()
        if until >= since:
            recent.add(name)
    return recent


def current_snapshot(out_dir: Path) -> Path | None:
    """The published snapshot folder, or None when nothing was published yet."""
    try:
        name = (out_dir / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = out_dir / SNAPSHOTS / name
    return path if name and (path / "build.json").exists() else None


def cleanup(out_dir: Path, keep: int = 2, minutes: float | None = None) -> None:
    """Remove old snapshots and leftovers of killed builds; the current one always stays.

    The previous snapshot is kept too, and so is every snapshot that was current within the
    last `minutes` (LOADERS_KEEP_MINUTES, 10 by default): a dashboard session that opened it
    then may still be reading its files.
    """
    root = out_dir / SNAPSHOTS
    current = current_snapshot(out_dir)
    minutes = KEEP_MINUTES if minutes is None else minutes
    recent = recently_current(out_dir, minutes)
    since = time.time() - minutes * 60
    entries = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime,
                     reverse=True)
    kept = 0
    for p in entries:
        if current and p == current:
            continue
        if p.name.startswith(".tmp-"):
            pid = p.name.rsplit("-", 1)[-1]
            if pid.isdigit() and _alive(int(pid)):
                continue
            shutil.rmtree(p, ignore_errors=True)
            continue
        kept += 1
        if kept < keep or p.name in recent or p.stat().st_mtime >= since:
            continue
        shutil.rmtree(p, ignore_errors=True)


class BuildLocked(RuntimeError):
    """Another process is building the same output folder."""


class build_lock:
    """Exclusive lock on <out_dir>/.build.lock (fcntl.flock) for the length of a build, so two
    builders (two dashboard replicas, the CLI while the upload page builds) never write the
    same folder at once. The lock goes with the process: a killed build never leaves it held.

    wait=False raises BuildLocked at once when another build holds it; otherwise it waits up
    to `timeout` seconds and then raises BuildLocked naming the lock file.
    """

    def __init__(self, out_dir: Path, timeout: float = 1800.0, wait: bool = True):
        self.path = Path(out_dir) / LOCK
        self.timeout, self.wait = timeout, wait
        self._fd: int | None = None

    def __enter__(self) -> build_lock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not self.wait or time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
                    os.close(fd)
                    waited = "" if not self.wait else f" after waiting {self.timeout:g} s"
                    raise BuildLocked(f"another build (pid {holder}) holds the lock {self.path}"
                                      f"{waited}; try again when it has finished") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def list_snapshots(out_dir: Path) -> list[dict]:
    """Complete snapshots kept under out_dir, newest first, with their build.json."""
    root = Path(out_dir) / SNAPSHOTS
    current = current_snapshot(Path(out_dir))
    found = []
    for p in root.iterdir() if root.is_dir() else ():
        if p.name.startswith(".") or not (p / "build.json").exists():
            continue
        info = json.loads((p / "build.json").read_text(encoding="utf-8"))
        found.append({"name": p.name, "current": current is not None and p == current,
                      "built_at": info.get("built_at"), "n_documents": info.get("n_documents"),
                      "n_rejects": info.get("n_rejects"), "mtime": p.stat().st_mtime})
    return sorted(found, key=lambda s: s["mtime"], reverse=True)


def rollback(out_dir: Path, to: str | None = None) -> str:
    """Point CURRENT at an earlier complete snapshot (by default the one before the current)."""
    snaps = list_snapshots(out_dir)
    others = [s for s in snaps if not s["current"]]
    if to is None:
        if not others:
            raise ValueError("no earlier snapshot is kept")
        target = others[0]["name"]
    elif any(s["name"] == to for s in snaps):
        target = to
    else:
        raise ValueError(f"no complete snapshot named {to!r}")
    set_current(Path(out_dir), target)
    return target

"""Storing: stream rows into Parquet files of a new snapshot, then publish it in one step."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from loaders.schema import SCHEMAS

ROW_GROUP = 50_000
CURRENT = "CURRENT"
SNAPSHOTS = "snapshots"


class SnapshotWriter:
    """Writes every table of one snapshot into a temporary folder; `publish` makes it current.

    A reader follows CURRENT, which is replaced atomically (os.replace) only after every file
    of the new snapshot is closed and fsynced, so readers see the old snapshot or the new one,
    never a half-written one, whatever kills the build.
    """

    def __init__(self, out_dir: Path, name: str):
        self.out_dir = out_dir
        self.name = name
        self.final = out_dir / SNAPSHOTS / name
        self.tmp = out_dir / SNAPSHOTS / f".tmp-{name}-{os.getpid()}"
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        self._buffers: dict[str, list[dict]] = {t: [] for t in SCHEMAS}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {t: 0 for t in SCHEMAS}

    def add(self, table: str, rows: list[dict]) -> None:
        buf = self._buffers[table]
        buf.extend(rows)
        self.counts[table] += len(rows)
        if len(buf) >= ROW_GROUP:
            self._flush(table)

    def _flush(self, table: str) -> None:
        buf = self._buffers[table]
        if not buf and table in self._writers:
            return
        batch = pa.Table.from_pylist(buf, schema=SCHEMAS[table])
        if table not in self._writers:
            (self.tmp / table).mkdir(exist_ok=True)
            self._writers[table] = pq.ParquetWriter(
                self.tmp / table / "part-0.parquet", SCHEMAS[table], compression="zstd",
                write_statistics=True)
        self._writers[table].write_table(batch, row_group_size=ROW_GROUP)
        buf.clear()

    def close(self, info: dict) -> None:
        for table in SCHEMAS:
            self._flush(table)
            self._writers[table].close()
        (self.tmp / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=1),
                                             encoding="utf-8")
        _fsync_tree(self.tmp)

    def publish(self) -> Path:
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
        for w in self._writers.values():
            try:
                w.close()
            except Exception:  # noqa: BLE001 - best effort on the way out
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)


def _fsync_tree(path: Path) -> None:
    for p in sorted(path.rglob("*")):
        if p.is_file():
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())


def set_current(out_dir: Path, name: str) -> None:
    tmp = out_dir / f".{CURRENT}.{os.getpid()}"
    tmp.write_text(name + "\n", encoding="utf-8")
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, out_dir / CURRENT)


def current_snapshot(out_dir: Path) -> Path | None:
    """The published snapshot folder, or None when nothing was published yet."""
    try:
        name = (out_dir / CURRENT).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = out_dir / SNAPSHOTS / name
    return path if name and (path / "build.json").exists() else None


def cleanup(out_dir: Path, keep: int = 2) -> None:
    """Remove old snapshots and leftovers of killed builds; the current one always stays.

    The previous snapshot is kept too: a dashboard session that opened it a moment ago
    may still be reading its files.
    """
    root = out_dir / SNAPSHOTS
    current = current_snapshot(out_dir)
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
        if kept >= keep:
            shutil.rmtree(p, ignore_errors=True)


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

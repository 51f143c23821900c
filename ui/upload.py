"""Uploaded articles into the raw folder, named by content hash, then the same incremental build.

Pure (no Streamlit), so the page stays thin and the ingest is tested directly. An uploaded
file name never decides where anything is written: the bytes go to
`<raw>/uploads/<sha256[:16]>.<ext>` (the extension from a fixed list), and the original
name is kept, as data, in `<dataset root>/uploads.jsonl` (outside the raw folder, so the
build never reads the record as an article). An upload from which the build kept no document
(a duplicate of an article already there, or any other reject) is moved out of the raw folder
to `<dataset root>/uploads-rejected/`, so it is not read again, and reported again, by every
later build.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from loaders.models import Reject
from loaders.store import BuildLocked  # noqa: F401 - the update page catches it from here

LOCK_WAIT_S = 120  # how long an upload waits for another build of the same dataset

# Extension (lower case, from the uploaded name) -> the extension written. Nothing else passes.

EXTENSIONS = {".txt": ".txt", ".html": ".html", ".htm": ".html", ".docx": ".docx",
              ".pdf": ".pdf", ".jsonl": ".jsonl", ".csv": ".csv"}
UPLOAD_DIR = "uploads"
MANIFEST = "uploads.jsonl"
QUARANTINE = "uploads-rejected"   # under the dataset root, beside MANIFEST: never built from
MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB    # also .streamlit/config.toml server.maxUploadSize (MB)
MAX_BATCH_BYTES = 50 * MB
MAX_FILES = 50
# Reasons the upload step adds to loaders.models.REJECT_REASONS.
UPLOAD_REASONS = ("too_many_files", "batch_too_large", "already_uploaded")

Build = Callable[..., dict]
_write_lock = threading.Lock()


@dataclass
class Added:
    name: str                 # as uploaded (shown, never used as a path)
    file: str                 # where it was written, relative to the raw folder
    doc_id: str
    title: str | None
    is_meeting: bool
    province: str | None
    meeting_date: str | None
    meeting_type: str | None


@dataclass
class Rejected:
    name: str
    reason: str               # one of REJECT_REASONS or UPLOAD_REASONS
    detail: str = ""          # English, for the log and the record
    row: int | None = None


class BuildFailed(Exception):
    """The build after an upload failed; `quarantined` says where its files were moved."""

    def __init__(self, quarantined: list[str]):
        super().__init__(f"build failed; uploaded files moved to {', '.join(quarantined)}")
        self.quarantined = quarantined


@dataclass
class Result:
    added: list[Added] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    quarantined: list[str] = field(default_factory=list)   # under the dataset root
    build: dict | None = None


def display_name(name: object) -> str:
    """The uploaded name as data: printable characters only, at most 200 of them."""
    text = "".join(ch for ch in str(name or "") if ch.isprintable())
    return text[:200] or "(no name)"


def target_name(data: bytes, name: str) -> str | None:
    """`uploads/<sha256[:16]><ext>` for these bytes, or None for an extension not accepted."""
    ext = EXTENSIONS.get(os.path.splitext(str(name or ""))[1].lower())
    if ext is None:
        return None
    return f"{UPLOAD_DIR}/{hashlib.sha256(data).hexdigest()[:16]}{ext}"


def _precheck(data: bytes, rel: str, max_bytes: int) -> list[Reject]:
    """Read the bytes as the build will (in a private temporary folder): the rejects when
    nothing in the file would become a document, else []."""
    from loaders import read

    with tempfile.TemporaryDirectory(prefix="ictdash-upload-") as tmp:
        path = Path(tmp) / Path(rel).name
        path.write_bytes(data)
        items = read.read_file(path, Path(tmp), max_bytes)
    rejects = [i for i in items if isinstance(i, Reject)]
    return rejects if len(rejects) == len(items) else []


def _write(base: Path, rel: str, data: bytes) -> None:
    target = base / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    # Whole file or nothing: a build running meanwhile sees the old folder or the new file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _quarantine(raw_dir: Path, out_dir: Path, rel: str) -> str:
    """Move an uploaded file the build rejected out of the raw folder; its new place,
    relative to the dataset root. Written there first, then removed from the raw folder, so
    the bytes are never lost (the two folders may be on different file systems)."""
    moved = f"{QUARANTINE}/{Path(rel).name}"
    source = raw_dir / rel
    _write(out_dir, moved, source.read_bytes())
    source.unlink(missing_ok=True)
    return moved


def _record(out_dir: Path, entries: list[dict]) -> None:
    if not entries:
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    with _write_lock, open(out_dir / MANIFEST, "a", encoding="utf-8") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def ingest(files: list[tuple[str, bytes]], raw_dir: Path, out_dir: Path, uploader: str, *,
           build: Build | None = None, max_file: int = MAX_FILE_BYTES,
           max_batch: int = MAX_BATCH_BYTES, max_files: int = MAX_FILES) -> Result:
    """Check, write and build: every uploaded file ends up in `added` or `rejected`."""
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    result = Result()
    total = 0
    names: dict[str, str] = {}   # written file -> uploaded name
    record: list[dict] = []
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for i, (raw_name, data) in enumerate(files):
        name = display_name(raw_name)
        if i >= max_files:
            result.rejected.append(Rejected(name, "too_many_files", f"more than {max_files} files"))
            continue
        rel = target_name(data, raw_name)
        if rel is None:
            result.rejected.append(Rejected(name, "unsupported_type", "extension not accepted"))
            continue
        if len(data) > max_file:
            result.rejected.append(Rejected(name, "oversized", f"{len(data):,} bytes > {max_file:,}"))
            continue
        if total + len(data) > max_batch:
            result.rejected.append(Rejected(name, "batch_too_large", f"batch over {max_batch:,} bytes"))
            continue
        if rel in names or (raw_dir / rel).exists():
            result.rejected.append(Rejected(name, "already_uploaded", f"same bytes as {rel}"))
            continue
        rejects = _precheck(data, rel, max_file)
        if rejects:
            result.rejected += [Rejected(name, r.reason, r.detail, r.row) for r in rejects]
            continue
        total += len(data)
        _write(raw_dir, rel, data)
        names[rel] = name
        result.written.append(rel)
        record.append({"file": rel, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                       "original_name": name, "uploader": display_name(uploader),
                       "uploaded_at": now})
    _record(out_dir, record)
    if not names:
        return result
    if build is None:
        from loaders.build import build
    # One process: the dashboard's server must not fork a pool from a session thread, and
    # unchanged files are reused from the previous snapshot, so only the uploads are read.
    # Another builder (the CLI, another replica) may hold the dataset's build lock: wait a
    # little, then loaders.store.BuildLocked reaches the page, which says so; the files stay
    # in raw/uploads and that other build, or the next one, reads them.
    try:
        result.build = build(raw_dir, out_dir, progress=False, workers=1, incremental=True,
                             max_bytes=max_file, lock_timeout=LOCK_WAIT_S)
    except BuildLocked:
        raise
    except Exception as exc:
        # Left in the raw folder, files that made the build fail would make every later
        # build (the dashboard's start-up one too) fail the same way: they are moved aside
        # like rejected ones, with the reason recorded, and may be uploaded again.
        moved = []
        for rel in names:
            where = _quarantine(raw_dir, out_dir, rel)
            moved.append({"file": rel, "moved_to": where, "original_name": names[rel],
                          "reasons": ["build_failed"], "detail": f"{type(exc).__name__}: {exc}",
                          "moved_at": now})
        _record(out_dir, moved)
        raise BuildFailed([m["moved_to"] for m in moved]) from exc
    added, rejected = outcome(out_dir, result.build, list(names))
    result.added = [Added(names[a.file], **{k: v for k, v in vars(a).items() if k != "name"})
                    for a in added]
    result.rejected += [Rejected(names.get(r.name, r.name), r.reason, r.detail, r.row)
                        for r in rejected]
    kept, refused = {a.file for a in added}, {r.name for r in rejected}
    moved: list[dict] = []
    for rel in names:
        if rel in kept or rel not in refused:
            continue  # a dump with some rows rejected stays: its other rows are documents
        where = _quarantine(raw_dir, out_dir, rel)
        result.quarantined.append(where)
        moved.append({"file": rel, "moved_to": where, "original_name": names[rel],
                      "reasons": sorted({r.reason for r in rejected if r.name == rel}),
                      "moved_at": now})
    _record(out_dir, moved)
    return result


def outcome(out_dir: Path, info: dict | None, files: list[str]) -> tuple[list[Added], list[Rejected]]:
    """What the snapshot the build published holds for `files`: documents and rejects."""
    import duckdb

    from loaders.schema import live_select
    from loaders.store import current_snapshot

    name = (info or {}).get("snapshot")
    snap = Path(out_dir) / "snapshots" / name if name else current_snapshot(Path(out_dir))
    if snap is None or not snap.is_dir():
        return [], []


    con = duckdb.connect(":memory:")
    try:
        added: list[Added] = []
        # The live rows (an update's deletion lists applied: loaders.schema.live_select).
        docs, meetings = live_select(snap, "documents"), live_select(snap, "meetings")
        if docs:
            join = (f"LEFT JOIN (SELECT doc_id, province, meeting_date, meeting_type "
                    f"FROM ({meetings})) m USING (doc_id)") if meetings else ""
            cols = "m.province, m.meeting_date, m.meeting_type" if meetings else "NULL, NULL, NULL"
            rows = con.execute(
                f"SELECT d.file, d.doc_id, d.title, d.is_meeting, {cols} FROM ({docs}) d "
                f"{join} WHERE list_contains(?, d.file) ORDER BY d.file, d.row NULLS FIRST",
                [files]).fetchall()
            added = [Added("", file, doc_id, title, bool(is_meeting), province,
                           None if day is None else str(day), kind)
                     for file, doc_id, title, is_meeting, province, day, kind in rows]
        rejected: list[Rejected] = []
        rej = live_select(snap, "rejects")
        if rej:
            rows = con.execute(f"SELECT file, reason, detail, row FROM ({rej}) "
                                "WHERE list_contains(?, file) ORDER BY file, row NULLS FIRST",
                                [files]).fetchall()
            rejected = [Rejected(file, reason, detail or "", row)
                        for file, reason, detail, row in rows]
        return added, rejected
    finally:
        con.close()

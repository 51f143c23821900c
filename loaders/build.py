"""The build: discover raw files, read, clean, extract (on all cores), and publish a snapshot."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from loaders import read, rows
from loaders.clean import clean
from loaders.extract import extract
from loaders.models import Reject, SourceDoc
from loaders.schema import EXTRACTOR_VERSION
from loaders.store import SnapshotWriter, current_snapshot

Progress = Callable[[int, int, str], None]


def process_file(path: Path, raw_dir: Path) -> dict:
    """Everything one input file gives: table rows, rejects and its manifest entry. Pure."""
    out: dict = {"docs": [], "rejects": []}
    for item in read.read_file(path, raw_dir):
        if isinstance(item, Reject):
            out["rejects"].append(rows.reject_row(item))
            continue
        out["docs"].append(process_doc(item))
    st = path.stat()
    data_sha = _sha_file(path)
    out["manifest"] = {"file": path.relative_to(raw_dir).as_posix(), "size": st.st_size,
                       "mtime_ns": st.st_mtime_ns, "sha256": data_sha,
                       "extractor_version": EXTRACTOR_VERSION,
                       "n_documents": len(out["docs"]), "n_rejects": len(out["rejects"])}
    return out


def process_doc(doc: SourceDoc) -> dict:
    """One source document -> its rows in every table, plus its JSON record."""
    cleaned = clean(doc.text, doc.title)
    if doc.meta.get("boilerplate"):
        cleaned.chrome = (cleaned.chrome + "\n" + doc.meta["boilerplate"]).strip()
    record = extract(doc.doc_id, cleaned, doc.url, doc.published)
    return {"tables": rows.tables_for(doc, cleaned, record), "record": record.to_json(),
            "content_key": hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()}


def _sha_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _process_star(args: tuple[Path, Path]) -> dict:
    return process_file(*args)


def iter_processed(paths: list[Path], raw_dir: Path, workers: int) -> Iterator[dict]:
    """Results in input order (so builds are reproducible), computed on `workers` processes."""
    if workers <= 1 or len(paths) < 8:
        for p in paths:
            yield process_file(p, raw_dir)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_process_star, [(p, raw_dir) for p in paths], chunksize=16)


def snapshot_name(manifest: Iterable[dict]) -> str:
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for m in manifest:
        h.update(f"{m['file']}\0{m['sha256']}\n".encode())
    return h.hexdigest()[:16]


def build(raw_dir: Path, out_dir: Path, progress: bool | Progress = True,
          workers: int | None = None) -> dict:
    """Read every file under raw_dir and publish a new snapshot under out_dir."""
    started = time.perf_counter()
    raw_dir, out_dir = Path(raw_dir), Path(out_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    paths = read.discover(raw_dir)
    workers = workers or os.cpu_count() or 1
    out_dir.mkdir(parents=True, exist_ok=True)
    writer = SnapshotWriter(out_dir, f"build-{os.getpid()}")
    bar = _progress(progress, len(paths))
    manifest: list[dict] = []
    seen_content: dict[str, str] = {}
    n_docs = n_rejects = 0
    try:
        for i, result in enumerate(iter_processed(paths, raw_dir, workers), 1):
            manifest.append(result["manifest"])
            for rej in result["rejects"]:
                writer.add("rejects", [rej])
                n_rejects += 1
            for doc in result["docs"]:
                doc_id = doc["record"]["id"]
                kept = seen_content.get(doc["content_key"])
                if kept is not None:
                    # The same story on two portals: keep the first, record the second source.
                    first = doc["tables"]["documents"][0]
                    writer.add("rejects", [rows.duplicate_row(first, kept)])
                    n_rejects += 1
                    continue
                seen_content[doc["content_key"]] = doc_id
                for table, table_rows in doc["tables"].items():
                    writer.add(table, table_rows)
                n_docs += 1
            bar(i, len(paths), result["manifest"]["file"])
        writer.add("manifest", manifest)
        name = snapshot_name(manifest)
        writer.name, writer.final = name, writer.final.with_name(name)
        info = {"extractor_version": EXTRACTOR_VERSION,
                "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "duration_s": round(time.perf_counter() - started, 3),
                "n_files": len(paths), "n_documents": n_docs, "n_rejects": n_rejects,
                "raw_dir": raw_dir.name, "snapshot": name}
        writer.close(info)
        writer.publish()
    except BaseException:
        writer.abort()
        raise
    return info


def _progress(progress: bool | Progress, total: int) -> Progress:
    if callable(progress):
        return progress
    if not progress:
        return lambda i, n, f: None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="file", desc="build", leave=True)

    def tick(i: int, n: int, f: str) -> None:
        bar.update(1)
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
                    fh.write(json.dumps(process_doc(item)["record"], ensure_ascii=False) + "\n")
                    n += 1
    return n, rejects

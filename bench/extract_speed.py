"""Extraction speed: clean + extract on one core over the seed and corpus articles.

The articles are read first, so only cleaning and extraction are timed. Prints JSON: documents
per second (median of several runs) and milliseconds per 4 KB of article text.

    python bench/extract_speed.py [--runs 7] [PATH ...]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loaders import read  # noqa: E402
from loaders.clean import clean  # noqa: E402
from loaders.extract import extract  # noqa: E402
from loaders.models import SourceDoc  # noqa: E402
from loaders.text import fold  # noqa: E402

# The seeds are data/raw; the development corpus is beside the repo when ../shared is there.
DEFAULT_PATHS = [REPO / "data" / "raw", REPO.parent / "shared" / "corpus" / "docs"]


def load(paths: list[Path]) -> list[SourceDoc]:
    docs: list[SourceDoc] = []
    seen: set[str] = set()
    for root in paths:
        if not root.exists():
            continue
        files = read.discover(root) if root.is_dir() else [root]
        for f in files:
            for d in read.read_file(f, root if root.is_dir() else root.parent):
                if isinstance(d, SourceDoc) and d.sha256 not in seen:
                    seen.add(d.sha256)
                    docs.append(d)
    return docs


def one_pass(docs: list[SourceDoc]) -> float:
    fold.cache_clear()  # no help from a previous pass
    start = time.process_time()
    for d in docs:
        extract(d.doc_id, clean(d.text, d.title), d.url, d.published)
    return time.process_time() - start


def reference_loop() -> float:
    """CPU time of a fixed pure-Python loop, to compare figures across (shared, throttled) machines."""
    start = time.process_time()
    x = 0
    for i in range(2_000_000):
        x += i
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    docs = load(args.paths or DEFAULT_PATHS)
    if not docs:
        print(json.dumps({"error": "no documents found"}))
        return 2
    one_pass(docs)  # warm-up: rule tables, gazetteer, compiled patterns
    times = [one_pass(docs) for _ in range(args.runs)]
    median = statistics.median(times)
    n_bytes = sum(len(d.text.encode("utf-8")) for d in docs)
    print(json.dumps({
        "documents": len(docs),
        "runs": args.runs,
        "median_seconds": round(median, 4),
        "docs_per_second_one_core": round(len(docs) / median, 1),
        "ms_per_doc": round(1000 * median / len(docs), 3),
        "avg_doc_kb": round(n_bytes / len(docs) / 1024, 2),
        "ms_per_4kb": round(1000 * median / (n_bytes / 4096), 3),
        "reference_loop_seconds": round(reference_loop(), 3),  # ~0.1 s on an unloaded modern core
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

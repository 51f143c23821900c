"""Fixed cost of the extractor in a fresh process: what a small incremental build (or the
dashboard's upload page) pays before and for its first article.

Each run is a new Python process that times, with wall-clock and CPU clocks:
  import      `import loaders.rows` (every extraction module, the gazetteer, the rules)
  first       `from loaders.build import process_file` + process_file(<one seed>) from a
              fresh interpreter (imports included)
  second      process_file of the same file again in that process, with the per-article
              caches emptied first (the steady-state cost of one file)
Prints JSON: the median (and minimum) of several runs of each.

The gazetteer's conversion and the compiled patterns come from the cache folder
(loaders.text.cache_dir) once a first run has filled it: by default the runs use the user's
cache folder, warmed by one run first; with --cold every run starts with an empty one (what
the very first run after an install or an upgrade pays).

    python bench/load_time.py [--runs 7] [--cold] [FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_IMPORT = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import loaders.rows
print(time.perf_counter() - t0, time.process_time() - c0)
"""

_FIRST = """
import sys, time
from pathlib import Path
t0, c0 = time.perf_counter(), time.process_time()
from loaders.build import process_file
process_file(Path(sys.argv[1]), Path(sys.argv[1]).parent)
t1, c1 = time.perf_counter(), time.process_time()
from loaders.text import fold
fold.cache_clear()
t2, c2 = time.perf_counter(), time.process_time()
process_file(Path(sys.argv[1]), Path(sys.argv[1]).parent)
t3, c3 = time.perf_counter(), time.process_time()
print(t1 - t0, c1 - c0, t3 - t2, c3 - c2)
"""


def _run(code: str, *args: str, cold: bool = False) -> list[float]:
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as empty:
        if cold:
            env["LOADERS_CACHE_DIR"] = empty
        out = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, check=True,
                             capture_output=True, text=True, env=env).stdout
    return [float(x) for x in out.split()]


def _summary(values: list[float]) -> dict:
    return {"median_ms": round(1000 * statistics.median(values), 1),
            "min_ms": round(1000 * min(values), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=None)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--cold", action="store_true", help="an empty cache folder for every run")
    args = ap.parse_args(argv)
    file = args.file or sorted((REPO / "data" / "raw").glob("*.txt"))[0]
    if not args.cold:
        _run(_FIRST, str(file.resolve()))  # fills the cache folder if it is empty
    imports, firsts = [], []
    for _ in range(args.runs):  # alternate the two kinds of run (the machine is shared)
        imports.append(_run(_IMPORT, cold=args.cold))
        firsts.append(_run(_FIRST, str(file.resolve()), cold=args.cold))
    print(json.dumps({
        "file": file.name, "runs": args.runs, "cache": "empty" if args.cold else "warm",
        "import_loaders_rows": {"wall": _summary([r[0] for r in imports]),
                                "cpu": _summary([r[1] for r in imports])},
        "import_and_first_file": {"wall": _summary([r[0] for r in firsts]),
                                  "cpu": _summary([r[1] for r in firsts])},
        "second_file_same_process": {"wall": _summary([r[2] for r in firsts]),
                                     "cpu": _summary([r[3] for r in firsts])},
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run every benchmark and print one JSON document (and save it under bench/results/).

    python bench/run.py [--quick]

ingest: 20,000 synthetic articles, 1 and 2 workers, 1% incremental rebuild;
queries: every dashboard query on 100,000 and 1,000,000 generated meetings, with the two
pandas baselines; pages: every page's AppTest render at 1,000,000 meetings and the peak
memory of the rendering process. --quick shrinks every size tenfold (a smoke run).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import compile_project, machine  # noqa: E402


def _run(script: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{script} failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> dict:
    compile_project()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    scale = 10 if args.quick else 1
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    result: dict = {"machine": machine(), "quick": args.quick}
    try:
        result["ingest"] = _run("ingest.py", "--docs", str(20_000 // scale), "--runs", "3")
        for n in (100_000 // scale, 1_000_000 // scale):
            data = tmp / f"tables-{n}"
            gen = _run("gen_tables.py", "--meetings", str(n), "--out", str(data))
            q = _run("queries.py", "--data", str(data), "--runs", "24",
                     "--reread-runs", "3" if n < 1_000_000 else "2")
            result[f"queries_{n}"] = q | {"generate_seconds": gen["duration_s"]}
            if n == 1_000_000 // scale:
                result[f"pages_{n}"] = _run("pages.py", "--data", str(data), "--runs", "2")
            shutil.rmtree(data, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result["total_seconds"] = round(time.perf_counter() - started, 1)
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / ("quick.json" if args.quick else "latest.json")).write_text(
        json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()

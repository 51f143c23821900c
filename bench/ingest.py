"""Ingest benchmark: documents per second at 20,000 synthetic documents with 1 and 2 worker
processes, peak memory, and an incremental rebuild after changing 1% of the files (and,
the common case, after adding 1% new articles).

    python bench/ingest.py [--docs 20000] [--runs 3]     # prints JSON
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import compile_project, machine, median, run_measured  # noqa: E402


def _cpu_children() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _build(raw: Path, out: Path, workers: int) -> dict:
    """One CLI build: wall time, peak memory of the process tree, CPU seconds of the build
    and its workers (less sensitive than wall time to other work on a shared machine), and
    the build's own per-stage wall times."""
    env = dict(os.environ, LOADERS_WORKERS=str(workers))
    cpu = _cpu_children()
    res = run_measured([sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--out", str(out),
                        "--quiet", "--workers", str(workers)], env=env)
    info = json.loads(res["stdout"].strip().splitlines()[-1])
    stages = info.get("stage_seconds")
    if stages:
        # Process start-up, imports and writing the summary: what no stage of the build
        # itself counts, paid by every CLI build however little it has to do.
        stages = dict(stages, outside_stages=round(res["seconds"] - sum(stages.values()), 3))
    return {"seconds": res["seconds"], "peak_rss_mb": res["peak_rss_mb"], "info": info,
            "cpu_seconds": _cpu_children() - cpu, "stages": stages}


def _median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda x: x["seconds"])[len(runs) // 2]


def _touch_one_percent(corpus: Path, round_no: int) -> int:
    """Append a line to 1% of the article files (a correction published later)."""
    files = sorted(p for p in (corpus / "docs").rglob("*") if p.is_file() and p.suffix in (".txt", ".html"))
    n = max(1, len(files) // 100)
    stride = max(1, len(files) // n)
    chosen = files[round_no % stride::stride][:n]
    for p in chosen:
        data = p.read_bytes()
        line = f"\nĐính chính lần {round_no + 1}."
        # Append in the file's own encoding: UTF-16 files get UTF-16 bytes, the rest UTF-8-safe ASCII.
        extra = line.encode("utf-16-le") if data[:2] == b"\xff\xfe" else f"\n({round_no + 1})".encode("ascii")
        p.write_bytes(data + extra)
    return len(chosen)


def _add_one_percent(corpus: Path, round_no: int) -> int:
    """Add new articles, 1% as many as there are files (a week of new articles): copies of
    plain UTF-8 articles, each with a sentence of its own inside the body, so each is a new
    meeting, not a duplicate."""
    docs = corpus / "docs"
    n = max(1, sum(1 for p in docs.rglob("*") if p.is_file()) // 100)
    files = sorted(p for p in docs.rglob("*.txt") if p.is_file() and "new-" not in p.parent.name)
    folder = docs / f"new-{round_no + 1}"
    folder.mkdir(exist_ok=True)
    added = 0
    for i, p in enumerate(files[round_no::max(1, len(files) // (4 * n))]):
        if added == n:
            break
        try:
            text = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        at = text.find("\n\n", 200)
        if at < 0:
            continue
        sentence = f"\n\nTuần {round_no + 1}: bổ sung số liệu lần {i + 1} về chuyển đổi số."
        (folder / p.name).write_bytes((text[:at] + sentence + text[at:]).encode("utf-8"))
        added += 1
    return added


def _rounds(raw: Path, out: Path, runs: int, full_secs: float, what: str, change) -> dict:
    """Incremental 2-worker builds of `out`, each after `change(round)` (which returns how
    many files it changed or added): median time and its share of a full build."""
    builds = []
    for r in range(runs):
        n = change(r)
        builds.append(_build(raw, out, 2) | {"n": n})
    secs = median([x["seconds"] for x in builds])
    return {
        what: builds[0]["n"],
        "seconds_median": round(secs, 2),
        "share_of_full_build": round(secs / full_secs, 4),
        "extracted_files": [x["info"].get("extracted_files") for x in builds],
        "runs": [round(x["seconds"], 2) for x in builds],
        "cpu_seconds_median": round(median([x["cpu_seconds"] for x in builds]), 2),
        "peak_rss_mb": max(x["peak_rss_mb"] for x in builds),
        "stage_seconds_of_median_run": _median_run(builds)["stages"],
    }


def main(argv: list[str] | None = None) -> dict:
    compile_project()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        corpus = tmp / "synth"
        res = run_measured([sys.executable, "-m", "loaders", "synth", "--docs", str(args.docs),
                            "--seed", str(args.seed), "--out", str(corpus)])
        n_docs = json.loads(res["stdout"].strip().splitlines()[-1])["docs"]
        raw = corpus / "docs"
        figures: dict = {"documents": n_docs, "synth_seconds": round(res["seconds"], 2)}
        for workers in (1, 2):
            runs = []
            for r in range(args.runs):
                out = tmp / f"out-{workers}-{r}"
                runs.append(_build(raw, out, workers))
                if (workers, r) != (2, args.runs - 1):
                    shutil.rmtree(out)  # the last 2-worker build is where incremental starts
            secs = median([x["seconds"] for x in runs])
            figures[f"full_build_{workers}_workers"] = {
                "seconds_median": round(secs, 2),
                "documents_per_second": round(n_docs / secs, 1),
                "peak_rss_mb": max(x["peak_rss_mb"] for x in runs),
                "cpu_seconds_median": round(median([x["cpu_seconds"] for x in runs]), 2),
                "runs": [round(x["seconds"], 2) for x in runs],
                "stage_seconds_of_median_run": _median_run(runs)["stages"],
            }
        # Incremental: the last full 2-worker build's snapshot, then 1% of the files change,
        # several rounds (building it once more first would only repeat a full build).
        out = tmp / f"out-2-{args.runs - 1}"
        full = runs[-1]
        unchanged = _build(raw, out, 2)
        full_secs = figures["full_build_2_workers"]["seconds_median"]
        # 1% of the files changed, then (the common case, no part of the snapshot rewritten)
        # 1% new articles added.
        figures["incremental_1pct_2_workers"] = _rounds(
            raw, out, args.runs, full_secs, "changed_files", lambda r: _touch_one_percent(corpus, r))
        figures["incremental_1pct_added_2_workers"] = _rounds(
            raw, out, args.runs, full_secs, "added_files", lambda r: _add_one_percent(corpus, r))
        figures["unchanged_rebuild_seconds"] = round(unchanged["seconds"], 2)
        figures["first_build_for_incremental_seconds"] = round(full["seconds"], 2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result = {"benchmark": "ingest", "machine": machine(), "figures": figures}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()

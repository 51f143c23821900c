"""A build killed at any moment leaves the published snapshot intact; the next build completes."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from loaders import build
from loaders.schema import live_select
from loaders.store import current_snapshot

ROOT = Path(__file__).resolve().parents[2]


def _answers(out: Path) -> list[tuple]:
    snap = current_snapshot(out)
    con = duckdb.connect()
    return con.execute(
        f"SELECT province, count(*), min(meeting_date) FROM ({live_select(snap, 'meetings')}) "
        "GROUP BY ALL ORDER BY ALL").fetchall()


def _kill_build_at(stage: str, raw: Path, out: Path) -> None:
    env = dict(os.environ, LOADERS_FAULT_AT=stage)
    proc = subprocess.Popen(
        [sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--out", str(out), "--quiet"],
        cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    try:
        for line in proc.stderr:
            if f"FAULT-POINT {stage}" in line:
                break
            if time.monotonic() > deadline:
                pytest.fail(f"the build never reached {stage}")
        else:
            pytest.fail(f"the build ended before {stage}: exit {proc.wait()}")
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("stage", ["extract", "write", "publish", "switch"])
def test_a_build_killed_at_each_stage_leaves_the_previous_snapshot_readable(stage, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    for p in raw.iterdir():
        p.chmod(0o644)
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    before_name, before = current_snapshot(out).name, _answers(out)

    # Changed input, so the killed build has a file to extract and a snapshot to publish.
    (raw / "004_67b4640b05fc07eb.txt").write_text("Thông báo lịch tiếp công dân tháng 10.", encoding="utf-8")
    _kill_build_at(stage, raw, out)

    assert current_snapshot(out).name == before_name
    assert _answers(out) == before
    info = build.build(raw, out, progress=False, workers=1)
    assert current_snapshot(out).name == info["snapshot"] != before_name
    assert sum(n for _, n, _ in _answers(out)) == 4
    leftovers = [p.name for p in (out / "snapshots").iterdir() if p.name.startswith(".tmp-")]
    assert leftovers == []

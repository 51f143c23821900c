"""One build at a time per output folder: a second builder waits, gives up naming the lock,
or (the dashboard's background build) returns at once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders import build, store
from loaders.store import BuildLocked, current_snapshot
from tests.fixtures import seed_raw

ROOT = Path(__file__).resolve().parents[2]


def _start_hanging_build(raw: Path, out: Path) -> subprocess.Popen:
    """A CLI build that holds the lock and hangs in extraction (the crash tests' fault hook)."""
    env = dict(os.environ, LOADERS_FAULT_AT="extract")
    proc = subprocess.Popen(
        [sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--out", str(out),
         "--quiet", "--workers", "1"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    for line in proc.stderr:
        if "FAULT-POINT extract" in line:
            return proc
        if time.monotonic() > deadline:
            break
    proc.kill()
    pytest.fail("the first build never reached extraction")


def test_a_second_builder_waits_for_the_first_and_then_gives_up_naming_the_lock(tmp_path):
    raw, out = seed_raw(tmp_path), tmp_path / "out"
    first = _start_hanging_build(raw, out)
    try:
        started = time.monotonic()
        with pytest.raises(BuildLocked) as err:
            build.build(raw, out, progress=False, workers=1, lock_timeout=1.0)
        assert time.monotonic() - started >= 1.0          # it waited
        assert str(out / store.LOCK) in str(err.value)     # and says which lock
        assert str(first.pid) in str(err.value)            # and who holds it
        # The dashboard's background build does not wait: it returns, having built nothing.
        started = time.monotonic()
        assert build.ensure_built(raw, out) is False
        assert time.monotonic() - started < 1.0
        assert current_snapshot(out) is None
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    # A killed holder releases the lock with its process: the next build runs.
    info = build.build(raw, out, progress=False, workers=1, lock_timeout=5.0)
    assert current_snapshot(out).name == info["snapshot"]


def test_a_waiting_builder_runs_once_the_first_has_finished(tmp_path):
    raw, out = seed_raw(tmp_path), tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from loaders.store import build_lock\n"
         "with build_lock(Path(sys.argv[1])):\n"
         "    print('locked', flush=True); time.sleep(1.5)", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    info = build.build(raw, out, progress=False, workers=1, lock_timeout=60)
    assert time.monotonic() - started >= 0.5  # it waited for the holder
    assert holder.wait(timeout=30) == 0
    assert current_snapshot(out).name == info["snapshot"]

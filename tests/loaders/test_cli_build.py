"""`python -m loaders build`, the command line a user runs: the same snapshot as the
library call, and no pandas loaded (loaders.__main__._WithoutPandas)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from loaders import build

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "raw"


def _cli_build(raw: Path, out: Path) -> tuple[dict, str]:
    res = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "loaders", "build", "--raw", str(raw),
         "--out", str(out), "--quiet", "--workers", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout.strip().splitlines()[-1]), res.stderr


def test_a_cli_build_and_its_update_load_no_pandas_and_match_the_library(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    for p in raw.iterdir():
        p.chmod(0o644)
    first, log = _cli_build(raw, tmp_path / "cli")
    assert first["extracted_files"] == 5
    # -X importtime lists every module loaded; pandas.core is loaded by any pandas import.
    assert not [line for line in log.splitlines() if "pandas.core" in line]
    target = sorted(raw.glob("*.txt"))[0]
    target.write_bytes(target.read_bytes() + "\nĐính chính: bổ sung số liệu.".encode())
    second, log = _cli_build(raw, tmp_path / "cli")
    assert second["extracted_files"] == 1 and second["reused_files"] == 4
    assert not [line for line in log.splitlines() if "pandas.core" in line]
    lib = build.build(raw, tmp_path / "lib", progress=False, workers=1, incremental=False)
    assert second["snapshot"] == lib["snapshot"]
    assert second["n_documents"] == lib["n_documents"] == 5


def test_a_cli_update_on_workers_started_at_once_exits_with_nothing_left_running(tmp_path):
    # More than a chunk of files: an update starts its workers before it knows what changed
    # (build.start_pool). Each build must end with them: a worker left waiting for work
    # keeps the build's output open, and capturing that output would never finish.
    from loaders.synth import generate

    generate(60, 3, tmp_path / "synth")
    raw = tmp_path / "synth" / "docs"
    assert sum(1 for p in raw.rglob("*") if p.is_file()) > build.CHUNK
    out = tmp_path / "out"

    def cli() -> dict:
        res = subprocess.run(
            [sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--out", str(out),
             "--quiet", "--workers", "2"],
            cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr[-2000:]
        return json.loads(res.stdout.strip().splitlines()[-1])

    first = cli()
    assert cli()["unchanged"]  # the workers started at once had nothing to do
    target = sorted(raw.rglob("*.txt"))[0]
    target.write_bytes(target.read_bytes() + "\nĐính chính: bổ sung số liệu.".encode())
    update = cli()
    assert update["extracted_files"] == 1
    assert update["n_documents"] == first["n_documents"]

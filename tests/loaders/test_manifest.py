"""Incremental builds: the manifest says what was read, so unchanged files are not extracted again."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import build
from loaders.schema import SCHEMAS, live_select
from loaders.store import current_snapshot

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture()
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    for p in raw.iterdir():
        p.chmod(0o644)
    return raw


def _table(out: Path, table: str, order: str) -> list[tuple]:
    snap = current_snapshot(out)
    con = duckdb.connect()
    # The live rows: an incremental build leaves dropped rows in their parts, named by its
    # deletion list (loaders.schema.live_select), as every reader of the snapshot does.
    return con.execute(f"SELECT * FROM ({live_select(snap, table)}) ORDER BY {order}").fetchall()


def _spy(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = build.process_file

    def counting(path, *args):
        seen.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(build, "process_file", counting)
    return seen


def test_rebuilding_unchanged_input_extracts_nothing(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    first = current_snapshot(out).name
    seen = _spy(monkeypatch)
    info = build.build(raw, out, progress=False, workers=1)
    assert seen == []
    assert info["unchanged"] is True and info["extracted"] == 0
    assert current_snapshot(out).name == first


def test_a_touched_but_identical_file_is_not_extracted_again(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    f = raw / "001_d1c47a49ba70be19.txt"
    os.utime(f, (f.stat().st_atime + 100, f.stat().st_mtime + 100))
    seen = _spy(monkeypatch)
    build.build(raw, out, progress=False, workers=1)
    assert seen == []
    # Once another file changes, the build records the touched file's new mtime, so the
    # next one need not hash it again.
    other = raw / "002_942f08b983cc1f0a.txt"
    other.write_bytes(other.read_bytes() + "\nĐính chính.".encode())
    build.build(raw, out, progress=False, workers=1)
    assert seen == [other.name]
    rows = {row[0]: row[2] for row in _table(out, "manifest", "file")}  # file -> mtime_ns
    assert rows[f.name] == f.stat().st_mtime_ns
    assert rows[other.name] == other.stat().st_mtime_ns


def test_changed_added_and_deleted_files_are_each_handled(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    changed = raw / "003_ffd8bc506afb7ea3.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Vũ Văn Họa", "Vũ Văn Hòa", 1),
                       encoding="utf-8")
    (raw / "000_9b8202ecd9c39563.txt").unlink()
    (raw / "new.txt").write_text(
        "Sở TT&TT tỉnh Đồng Tháp họp giao ban tháng 3 năm 2021\n\nSáng ngày 05/4/2021, Sở Thông tin "
        "và Truyền thông tỉnh Đồng Tháp tổ chức họp giao ban tháng 3 năm 2021. Đồng chí Trần Văn An, "
        "Giám đốc Sở chủ trì cuộc họp.", encoding="utf-8")
    seen = _spy(monkeypatch)
    info = build.build(raw, out, progress=False, workers=1)
    assert sorted(seen) == ["003_ffd8bc506afb7ea3.txt", "new.txt"]
    assert info["reused_files"] == 3 and info["extracted_files"] == 2
    docs = {r[0] for r in _table(out, "documents", "doc_id")}
    assert docs == {"001_d1c47a49ba70be19", "002_942f08b983cc1f0a", "003_ffd8bc506afb7ea3",
                    "004_67b4640b05fc07eb", "new"}
    manifest = [r[0] for r in _table(out, "manifest", "file")]
    assert manifest == sorted(p.name for p in raw.iterdir())
    # Rows of the deleted file are gone from every child table too.
    for table in ("people", "topics", "numbers", "meetings"):
        assert "000_9b8202ecd9c39563" not in {r[0] for r in _table(out, table, "doc_id")}
    assert ("new", "Đồng Tháp") in {(r[0], r[1]) for r in _table(out, "meetings", "doc_id")}


def test_an_incremental_build_holds_the_same_rows_as_a_full_build(raw, tmp_path):
    inc, full = tmp_path / "inc", tmp_path / "full"
    build.build(raw, inc, progress=False, workers=1)
    (raw / "004_67b4640b05fc07eb.txt").write_text("Thông báo: không có nội dung cuộc họp.", encoding="utf-8")
    build.build(raw, inc, progress=False, workers=1)
    build.build(raw, full, progress=False, workers=1, incremental=False)
    for table in SCHEMAS:
        if table == "manifest":
            continue
        order = "ALL"
        assert _table(inc, table, order) == _table(full, table, order), table

"""Storing: parts sorted as schema.SORT_BY says, bounded in size, reused by hard link."""
from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from loaders import build, store
from loaders.schema import SCHEMAS, SORT_BY, live_select
from loaders.store import current_snapshot
from tests.fixtures import publish_several, seed_raw

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"


def _rows(snapshot: Path, table: str) -> list[tuple]:
    return duckdb.connect().execute(
        f"SELECT * FROM ({live_select(snapshot, table)}) ORDER BY ALL").fetchall()


def _assert_parts_sorted(snapshot: Path, sort_by: dict) -> int:
    checked = 0
    for table, keys in sort_by.items():
        for part in sorted((snapshot / table).glob("*.parquet")):
            data = pq.read_table(part)
            assert data.equals(data.sort_by([(k, "ascending") for k in keys])), (table, part.name)
            checked += 1
    return checked


def test_every_part_is_sorted_by_the_columns_sort_by_names(tmp_path, monkeypatch):
    # A part's rows arrive in file order; these keys order them otherwise.
    wanted = {"documents": ("title", "doc_id"), "topics": ("topic", "doc_id", "start"),
              "numbers": ("value",), **SORT_BY}
    monkeypatch.setattr(store, "SORT_BY", wanted)
    monkeypatch.setattr(store, "PART_ROWS", 7)  # several parts per table, each sorted
    monkeypatch.setattr(build, "CHUNK", 1)
    raw = seed_raw(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    build.build(raw, a, progress=False, workers=1)
    build.build(raw, b, progress=False, workers=2)
    snap_a, snap_b = current_snapshot(a), current_snapshot(b)
    assert len(list((snap_a / "topics").glob("*.parquet"))) > 1
    assert _assert_parts_sorted(snap_a, wanted) > len(wanted)
    files = sorted(p.relative_to(snap_a) for p in snap_a.rglob("*.parquet"))
    for rel in files:  # deterministic: the same bytes whatever the worker count
        assert (snap_a / rel).read_bytes() == (snap_b / rel).read_bytes(), rel


def test_small_parts_hold_the_same_rows_as_one_part(tmp_path, monkeypatch):
    raw = seed_raw(tmp_path)
    one = tmp_path / "one"
    build.build(raw, one, progress=False, workers=1)
    monkeypatch.setattr(store, "PART_ROWS", 5)
    many = tmp_path / "many"
    build.build(raw, many, progress=False, workers=1)
    for table in SCHEMAS:
        assert _rows(current_snapshot(one), table) == _rows(current_snapshot(many), table), table


def test_an_incremental_build_links_untouched_parts_and_rewrites_only_touched_ones(tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setattr(store, "PART_ROWS", 1)  # one document per documents part
    monkeypatch.setattr(build, "CHUNK", 1)
    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    old = current_snapshot(out)
    old_docs = {p.name: p.stat().st_ino for p in (old / "documents").glob("*.parquet")}
    changed = "003_ffd8bc506afb7ea3.txt"
    (raw / changed).write_text("Thông báo: không có nội dung cuộc họp.", encoding="utf-8")
    info = build.build(raw, out, progress=False, workers=1)
    assert info["extracted_files"] == 1
    new = current_snapshot(out)
    assert new != old
    linked, rewritten = [], []
    for part in (new / "documents").glob("*.parquet"):
        if part.name in old_docs:
            files = set(pq.read_table(part, columns=["file"])["file"].to_pylist())
            (linked if part.stat().st_ino == old_docs[part.name] else rewritten).append(files)
    # Four documents untouched: their parts are the same files on disk (hard links).
    assert sorted(f for fs in linked for f in fs) == sorted(
        p.name for p in raw.iterdir() if p.name != changed)
    assert rewritten == []  # the changed file's old part is gone, its new rows are a new part
    full = tmp_path / "full"
    build.build(raw, full, progress=False, workers=1, incremental=False)
    for table in SCHEMAS:
        assert _rows(new, table) == _rows(current_snapshot(full), table), table


def test_a_part_mixing_changed_and_unchanged_files_is_rewritten_without_the_changed_rows(
        tmp_path):
    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    old = current_snapshot(out)
    (old_part,) = (old / "documents").glob("*.parquet")
    (raw / "000_9b8202ecd9c39563.txt").unlink()
    build.build(raw, out, progress=False, workers=1)
    new = current_snapshot(out)
    (new_part,) = (new / "documents").glob("*.parquet")
    assert new_part.name == old_part.name and new_part.stat().st_ino != old_part.stat().st_ino
    assert sorted(pq.read_table(new_part)["file"].to_pylist()) == sorted(
        p.name for p in raw.iterdir())
    assert _assert_parts_sorted(new, SORT_BY) == len(SORT_BY)


def test_a_snapshot_current_a_few_minutes_ago_is_kept_until_the_grace_time_has_passed(
        tmp_path, monkeypatch):
    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    names = publish_several(raw, out)
    # All four were current within the last ten minutes: a slow reader may hold any of them.
    assert sorted(p.name for p in (out / "snapshots").iterdir()) == sorted(names)
    assert store.recently_current(out) == set(names)
    later = time.time() + 11 * 60
    monkeypatch.setattr(store.time, "time", lambda: later)
    assert store.recently_current(out) == {names[-1]}
    store.cleanup(out, keep=2)
    assert sorted(p.name for p in (out / "snapshots").iterdir()) == sorted(names[-2:])


def test_an_incremental_build_carries_the_rejects_of_unchanged_files_and_counts_them(tmp_path):
    raw = seed_raw(tmp_path)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "copy.txt").write_bytes((raw / "001_d1c47a49ba70be19.txt").read_bytes())
    out = tmp_path / "out"
    first = build.build(raw, out, progress=False, workers=1)
    assert first["n_rejects"] == 2
    (raw / "004_67b4640b05fc07eb.txt").write_text("Thông báo lịch tiếp công dân.", encoding="utf-8")
    info = build.build(raw, out, progress=False, workers=1)
    assert info["extracted_files"] == 1 and info["n_rejects"] == 2 and info["n_documents"] == 5
    rejects = _rows(current_snapshot(out), "rejects")
    assert sorted((r[0], r[2]) for r in rejects) == [("copy.txt", "duplicate"), ("empty.txt", "empty")]
    # A copy added by a later build names the document kept in an earlier one.
    (raw / "copy 2.txt").write_bytes((raw / "002_942f08b983cc1f0a.txt").read_bytes())
    build.build(raw, out, progress=False, workers=1)
    dup = [r for r in _rows(current_snapshot(out), "rejects") if r[0] == "copy 2.txt"]
    assert [(r[2], r[6]) for r in dup] == [("duplicate", "002_942f08b983cc1f0a")]
    assert "002_942f08b983cc1f0a" in dup[0][3]


def test_parts_added_by_many_incremental_builds_are_compacted(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "MAX_PARTS", 2)
    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    counts = []
    for i in range(4):  # each build adds a file: one more generation of parts
        (raw / f"extra{i}.txt").write_text(f"Ghi chú số {i}: không phải bài họp.", encoding="utf-8")
        build.build(raw, out, progress=False, workers=1)
        counts.append(len(list((current_snapshot(out) / "documents").glob("*.parquet"))))
    assert counts[:3] == [1, 2, 3] and counts[3] == 1  # 3 > MAX_PARTS: rewritten as one part
    full = tmp_path / "full"
    build.build(raw, full, progress=False, workers=1, incremental=False)
    for table in SCHEMAS:
        assert _rows(current_snapshot(out), table) == _rows(current_snapshot(full), table), table
    assert _assert_parts_sorted(current_snapshot(out), SORT_BY) >= len(SORT_BY)

"""The build's pipeline around extraction: a large chunk extracted as several tasks, results
sent as Arrow IPC, and derived tables computed side by side give what they replaced."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from loaders import build, derived, read
from loaders.schema import DERIVED
from loaders.synth import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(150, 5, out)
    return out / "docs"


def _paths(raw: Path) -> list[Path]:
    return [Path(p) for _, p, _ in read.scan(raw)]


def _same(a: dict, b: dict) -> None:
    """Two process_chunk results are the same, down to the Arrow layout the parent sees
    (one chunk per column, the same nbytes, which decides when a part is written)."""
    assert a["docs"] == b["docs"]
    assert a["files"] == b["files"]
    assert list(a["tables"]) == list(b["tables"])
    for table, data in a["tables"].items():
        other = b["tables"][table]
        assert data.schema == other.schema, table
        assert data.equals(other), table
        assert data.nbytes == other.nbytes, table
        assert all(col.num_chunks == 1 for col in other.columns), table


def test_a_chunk_cut_into_tasks_merges_into_the_result_of_the_whole_chunk(corpus) -> None:
    # The synthetic corpus ends with its crawler dumps (several documents per file).
    paths = _paths(corpus)[-build.CHUNK:]
    whole = build.process_chunk(paths, corpus)
    parts = [build.process_chunk(paths[i:i + 5], corpus) for i in range(0, len(paths), 5)]
    assert sum(len(p["docs"]) for p in parts) > len(parts)  # some part holds a dump's rows
    _same(whole, build.merge_results(parts))


def test_a_task_result_read_back_from_arrow_ipc_is_the_chunk_result(corpus) -> None:
    paths = _paths(corpus)[:build.CHUNK]
    sent = build._process_task((paths, corpus, build.MAX_BYTES))
    assert all(isinstance(v, bytes) for v in sent["tables"].values())
    _same(build.process_chunk(paths, corpus), build._from_ipc(sent))


def test_tasks_hold_at_most_task_bytes_and_a_larger_file_alone(monkeypatch) -> None:
    monkeypatch.setattr(build, "TASK_BYTES", 100)
    paths = [Path(f"f{i}") for i in range(6)]
    tasks = build._tasks(paths, [40, 50, 20, 300, 10, 10])
    assert tasks == [paths[0:2], paths[2:3], paths[3:4], paths[4:6]]
    assert build._tasks(paths[:2], [40, 50]) == [paths[:2]]  # within the bound: one task


def test_chunks_extracted_as_many_small_tasks_on_two_workers_are_the_chunks(
        corpus, monkeypatch) -> None:
    paths = _paths(corpus)
    one = list(build.iter_chunks(paths, corpus, workers=1))
    monkeypatch.setattr(build, "TASK_BYTES", 1)  # every file a task of its own
    monkeypatch.setattr(build, "WINDOW", 1)      # and a chunk's tasks cut by the window
    two = list(build.iter_chunks(paths, corpus, workers=2))
    assert len(one) == len(two) > 2
    for a, b in zip(one, two, strict=True):
        _same(a, b)


def test_derived_tables_side_by_side_are_the_bytes_written_one_after_another(
        corpus, tmp_path, monkeypatch) -> None:
    build.build(corpus, tmp_path / "out", progress=False, workers=1)
    snapshot = next(p for p in (tmp_path / "out" / "snapshots").iterdir() if p.is_dir())
    apart, together = tmp_path / "apart", tmp_path / "together"
    shutil.copytree(snapshot, apart)
    shutil.copytree(snapshot, together)

    monkeypatch.setattr(derived, "_side_by_side", lambda con, snap, tables: 1)
    derived.write_derived(apart)
    monkeypatch.setattr(derived, "_side_by_side", lambda con, snap, tables: 2)
    where: dict[str, str] = {}
    write_table = derived._write_table

    def spy(con, snap, table):
        where[table] = threading.current_thread().name
        write_table(con, snap, table)
    monkeypatch.setattr(derived, "_write_table", spy)
    derived.write_derived(together)

    main = threading.current_thread().name
    assert set(where) == set(DERIVED) and main not in where.values()
    for table in DERIVED:
        files = sorted(p.name for p in (apart / table).glob("*.parquet"))
        assert files == sorted(p.name for p in (together / table).glob("*.parquet")), table
        for name in files:
            assert (apart / table / name).read_bytes() == \
                (together / table / name).read_bytes(), (table, name)


def test_a_small_build_computes_its_derived_tables_on_every_duckdb_thread(corpus, tmp_path):
    import duckdb

    build.build(corpus, tmp_path / "out", progress=False, workers=1)
    snapshot = next(p for p in (tmp_path / "out" / "snapshots").iterdir() if p.is_dir())
    con = duckdb.connect()
    con.execute("SET threads = 2")
    assert derived._side_by_side(con, snapshot, list(DERIVED)) == 2
    assert derived._side_by_side(con, snapshot, ["meeting_cube"]) == 1
    con.execute("SET threads = 1")
    assert derived._side_by_side(con, snapshot, list(DERIVED)) == 1


def test_a_build_large_enough_for_a_sliced_index_computes_one_table_at_a_time(
        corpus, tmp_path, monkeypatch) -> None:
    import duckdb

    build.build(corpus, tmp_path / "out", progress=False, workers=1)
    snapshot = next(p for p in (tmp_path / "out" / "snapshots").iterdir() if p.is_dir())
    monkeypatch.setattr(derived, "INDEX_SLICE_SHINGLES", 1)
    con = duckdb.connect()
    con.execute("SET threads = 2")
    assert derived._side_by_side(con, snapshot, list(DERIVED)) == 1


def test_an_update_on_workers_started_before_it_knows_what_changed_is_the_serial_update(
        corpus, tmp_path, monkeypatch) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(corpus, raw)
    events: list[str] = []  # "pool" when workers are started, "scan" when files are found
    start_pool, scan = build.start_pool, read.scan
    monkeypatch.setattr(build, "start_pool", lambda n: events.append("pool") or start_pool(n))
    monkeypatch.setattr(read, "scan", lambda d: events.append("scan") or scan(d))
    pooled, here = tmp_path / "pooled", tmp_path / "here"
    build.build(raw, pooled, progress=False, workers=2)
    assert events == ["scan", "pool"]  # a first build starts its pool once it found the files
    shutil.copytree(pooled, here)
    changed = sorted(raw.rglob("*.txt"))[:3]
    for p in changed:
        p.write_bytes(p.read_bytes() + "\nĐính chính: bổ sung số liệu.".encode())
    (sorted(raw.rglob("*.html"))[0]).unlink()
    events.clear()
    a = build.build(raw, pooled, progress=False, workers=2)
    assert events == ["pool", "scan"]  # more than a chunk of files before: started at once
    events.clear()
    b = build.build(raw, here, progress=False, workers=1)
    assert events == ["scan"]
    assert a["extracted_files"] == b["extracted_files"] == 3
    assert a["snapshot"] == b["snapshot"]
    snap_a = next(p for p in (pooled / "snapshots").iterdir() if p.name == a["snapshot"])
    snap_b = next(p for p in (here / "snapshots").iterdir() if p.name == b["snapshot"])
    files = sorted(p.relative_to(snap_a) for p in snap_a.rglob("*.parquet"))
    assert files == sorted(p.relative_to(snap_b) for p in snap_b.rglob("*.parquet"))
    for rel in files:
        assert (snap_a / rel).read_bytes() == (snap_b / rel).read_bytes(), rel
    # Nothing changed: the started workers are only shut down.
    events.clear()
    assert build.build(raw, pooled, progress=False, workers=2)["unchanged"]
    assert events == ["pool", "scan"]


def test_workers_run_below_the_build_s_priority() -> None:
    if not hasattr(os, "nice"):
        pytest.skip("no process priorities here")
    pool = build.start_pool(2)
    try:
        assert pool.submit(os.nice, 0).result() == min(19, os.nice(0) + build.WORKER_NICE)
    finally:
        pool.shutdown()

"""Incremental builds drop the rows of changed and deleted files by deletion lists
(loaders.schema.DROPPED) instead of rewriting the parts that hold them; every reader sees
the same live rows as a full build of the same files."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from loaders import build, store
from loaders.schema import DROPPED, SCHEMAS, live_select
from loaders.store import current_snapshot
from loaders.synth import generate
from queries.connection import connect
from queries.connection import current_snapshot as open_snapshot


@pytest.fixture()
def corpus(tmp_path) -> Path:
    generate(150, 11, tmp_path / "synth")
    return tmp_path / "synth" / "docs"


def _live(snap: Path, table: str) -> list[tuple]:
    return duckdb.sql(f"SELECT * FROM ({live_select(snap, table)}) ORDER BY ALL").fetchall()


def _utf8_articles(raw: Path) -> list[Path]:
    """Plain UTF-8 text files with a body to add a paragraph to."""
    out = []
    for p in sorted(raw.rglob("*.txt")):
        try:
            text = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "\n\n" in text[200:]:
            out.append(p)
    return out


def _append(path: Path, sentence: str) -> None:
    text = path.read_bytes().decode("utf-8")
    at = text.index("\n\n", 200)
    path.write_bytes((text[:at] + f"\n\n{sentence}" + text[at:]).encode("utf-8"))


def _assert_like_full(raw: Path, inc: Path, tmp: Path) -> None:
    """The incremental snapshot's live rows are a full build's, table by table, and so is
    what the dashboard's views count."""
    full = tmp / "full"
    shutil.rmtree(full, ignore_errors=True)
    build.build(raw, full, progress=False, workers=1, incremental=False)
    a, b = current_snapshot(inc), current_snapshot(full)
    for table in SCHEMAS:
        assert _live(a, table) == _live(b, table), table
    ca, cb = connect(open_snapshot(inc)), connect(open_snapshot(full))
    for table in ("documents", "meetings", "projects", "rejects", "meeting_facts"):
        q = f"SELECT count(*) FROM {table}"
        assert ca.execute(q).fetchone() == cb.execute(q).fetchone(), table
    ca.close(), cb.close()


def test_a_changed_file_is_dropped_by_a_list_and_the_parts_stay_linked(corpus, tmp_path):
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    changed, deleted = _utf8_articles(corpus)[4], _utf8_articles(corpus)[9]
    old_ids = duckdb.sql(
        f"SELECT file, doc_id FROM ({live_select(first, 'documents')}) "
        f"WHERE file IN ('{changed.relative_to(corpus)}', '{deleted.relative_to(corpus)}') "
        "ORDER BY ALL").fetchall()
    assert len(old_ids) == 2
    _append(changed, "Đính chính: bổ sung số liệu về chữ ký số.")
    deleted.unlink()
    info = build.build(corpus, out, progress=False, workers=1)
    assert info["extracted_files"] == 1
    snap = current_snapshot(out)
    # Every part of the first build is the very same file (a hard link), none rewritten.
    for table in SCHEMAS:
        if table == "manifest":
            continue
        for part in (first / table).glob("*.parquet"):
            assert (snap / table / part.name).stat().st_ino == part.stat().st_ino, (table, part)
    # The list names the two files' documents; their old rows are still in the parts.
    lists = list((snap / DROPPED).glob("*.parquet"))
    assert [p.name for p in lists] == [f"g{store.part_generation(first):04d}.parquet"]
    assert sorted(pq.read_table(lists[0]).to_pylist(), key=lambda r: r["file"]) == \
        [{"file": f, "doc_id": d} for f, d in old_ids]
    raw_rows = duckdb.sql(f"SELECT count(*) FROM read_parquet('{snap}/documents/*.parquet')")
    assert raw_rows.fetchall()[0][0] == info["n_documents"] + 2
    assert info["n_documents"] == len(_live(snap, "documents"))
    _assert_like_full(corpus, out, tmp_path)


def test_a_part_with_many_dead_rows_is_rewritten_without_them(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    monkeypatch.setattr(store, "DEAD_SHARE", 0.0)  # any dead row is too many
    _append(_utf8_articles(corpus)[4], "Đính chính: bổ sung số liệu về chữ ký số.")
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    part = next((first / "documents").glob("*.parquet"))
    assert (snap / "documents" / part.name).stat().st_ino != part.stat().st_ino
    # Rewritten without the dead rows: the raw part holds only live rows.
    assert pq.ParquetFile(snap / "documents" / part.name).metadata.num_rows == \
        pq.ParquetFile(part).metadata.num_rows - 1
    # So are the parts of the tables keyed by doc_id: those of a generation whose share of
    # dead documents is over DEAD_SHARE are counted (the others are linked uncounted).
    part = next((first / "meetings").glob("*.parquet"))
    assert (snap / "meetings" / part.name).stat().st_ino != part.stat().st_ino
    assert pq.ParquetFile(snap / "meetings" / part.name).metadata.num_rows == \
        pq.ParquetFile(part).metadata.num_rows - 1
    _assert_like_full(corpus, out, tmp_path)


def test_parts_keyed_by_doc_id_are_linked_uncounted_when_few_documents_died(
        corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    read: list[tuple[str, str]] = []
    real = store.SnapshotWriter.reuse_part

    def spy(self, table, source, dead=None, rewrite=False):
        if dead is not None:
            read.append((table, source.name))
        return real(self, table, source, dead, rewrite)

    monkeypatch.setattr(store.SnapshotWriter, "reuse_part", spy)
    _append(_utf8_articles(corpus)[4], "Đính chính: bổ sung số liệu về chữ ký số.")
    build.build(corpus, out, progress=False, workers=1)
    # Only the parts keyed by file had their keys read and counted.
    assert sorted({t for t, _ in read}) == ["documents", "rejects"]
    snap = current_snapshot(out)
    for table in ("meetings", "people", "topics"):
        part = next((first / table).glob("*.parquet"))
        assert (snap / table / part.name).stat().st_ino == part.stat().st_ino, table
    _assert_like_full(corpus, out, tmp_path)


def test_a_reverted_file_and_repeated_changes_read_as_a_full_build(corpus, tmp_path):
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    a, b = _utf8_articles(corpus)[2], _utf8_articles(corpus)[6]
    original = a.read_bytes()
    _append(a, "Đính chính lần 1: bổ sung số liệu.")
    build.build(corpus, out, progress=False, workers=1)
    _append(b, "Đính chính: thêm một dự án.")
    a.write_bytes(original)  # back to the first version: its old doc_key comes back
    os.utime(a)
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    assert len(list((snap / DROPPED).glob("*.parquet"))) == 2
    _assert_like_full(corpus, out, tmp_path)


def test_once_there_are_too_many_lists_every_dead_row_is_removed(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(build, "MAX_DROP_LISTS", 2)
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    files = _utf8_articles(corpus)
    counts = []
    for i in range(3):
        _append(files[3 * i + 1], f"Đính chính lần {i + 1}: bổ sung số liệu.")
        build.build(corpus, out, progress=False, workers=1)
        counts.append(len(list((current_snapshot(out) / DROPPED).glob("*.parquet"))))
    assert counts == [1, 2, 0]  # the third build would have had three: it purged
    snap = current_snapshot(out)
    for table in SCHEMAS:  # no dead row is left in any part
        raw = duckdb.sql(f"SELECT count(*) FROM read_parquet('{snap}/{table}/*.parquet')")
        assert raw.fetchall()[0][0] == len(_live(snap, table)), table
    _assert_like_full(corpus, out, tmp_path)


def test_publish_syncs_the_files_it_wrote_and_not_the_linked_parts(corpus, tmp_path,
                                                                    monkeypatch):
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    _append(_utf8_articles(corpus)[4], "Đính chính: bổ sung số liệu về chữ ký số.")
    synced: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)
        real(fd)

    monkeypatch.setattr(store.os, "fsync", spy)
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    files = [p for p in snap.rglob("*") if p.is_file()]
    linked = {p.stat().st_ino for p in files if p.stat().st_nlink > 1}
    written = {p.stat().st_ino for p in files if p.stat().st_nlink == 1}
    assert linked and written
    assert set(synced) >= written          # every file this build wrote, before CURRENT
    assert not linked & set(synced)        # none of the previous snapshot's parts
    assert (snap / "build.json").stat().st_ino in synced
    assert any(p.stat().st_ino in linked for p in (first / "documents").glob("*.parquet"))


def test_a_new_file_with_the_text_of_a_dropped_version_is_no_duplicate(corpus, tmp_path):
    # The dead row of the old version must not count as a document the new file repeats.
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    a = _utf8_articles(corpus)[5]
    original = a.read_bytes()
    _append(a, "Đính chính: bổ sung số liệu về chữ ký số.")
    build.build(corpus, out, progress=False, workers=1)
    (corpus / "ban-sao-cu.txt").write_bytes(original)
    info = build.build(corpus, out, progress=False, workers=1)
    assert info["extracted_files"] == 1
    snap = current_snapshot(out)
    assert not [r for r in _live(snap, "rejects") if r[0] == "ban-sao-cu.txt"]
    _assert_like_full(corpus, out, tmp_path)

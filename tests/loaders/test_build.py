"""The build: raw files in, a published Parquet snapshot out, every input accounted for."""
from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest

from loaders import build
from loaders.schema import SCHEMAS
from loaders.store import current_snapshot
from tests.fixtures import publish_several, seed_raw

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "raw"


def _query(snapshot: Path, sql: str) -> list[tuple]:
    con = duckdb.connect()
    for table in SCHEMAS:
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{snapshot / table}/*.parquet')")
    return con.execute(sql).fetchall()


@pytest.fixture(scope="module")
def seed_snapshot(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    out = tmp / "parquet"
    build.build(seed_raw(tmp), out, progress=False, workers=1)
    snap = current_snapshot(out)
    assert snap is not None
    return snap


def test_building_the_five_seeds_publishes_every_table(seed_snapshot):
    for table in SCHEMAS:
        assert list((seed_snapshot / table).glob("*.parquet")), table
    assert _query(seed_snapshot, "SELECT count(*) FROM documents") == [(5,)]
    assert _query(seed_snapshot, "SELECT count(*) FROM meetings") == [(5,)]
    assert _query(seed_snapshot, "SELECT count(*) FROM rejects") == [(0,)]


def test_seed_meetings_have_province_date_type_and_chair(seed_snapshot):
    rows = _query(seed_snapshot, """
        SELECT doc_id, province, province_2025, meeting_date, year, meeting_type, chair_name
        FROM meetings ORDER BY doc_id""")
    assert rows == [
        ("000_9b8202ecd9c39563", "Hậu Giang", "Cần Thơ", "2017-10-19", 2017, "giao_ban", "Phạm Văn Tửu"),
        ("001_d1c47a49ba70be19", "Đồng Tháp", "Đồng Tháp", "2019-06-18", 2019, "lam_viec", "Nguyễn Văn Dương"),
        ("002_942f08b983cc1f0a", "Nghệ An", "Nghệ An", "2018-11-19", 2018, "giao_ban", "Phan Nguyên Hào"),
        ("003_ffd8bc506afb7ea3", "Bạc Liêu", "Cà Mau", "2009-04-20", 2009, "lam_viec", "Vũ Văn Họa"),
        ("004_67b4640b05fc07eb", "Hậu Giang", "Cần Thơ", "2020-09-21", 2020, "lam_viec", "Lê Tiến Châu"),
    ]


def test_every_extracted_row_points_into_its_document_text(seed_snapshot):
    for table in ("people", "projects", "topics", "deadlines", "legal_refs", "numbers"):
        bad = _query(seed_snapshot, f"""
            SELECT t.doc_id, t.start, t."end", t.rule FROM {table} t JOIN documents d USING (doc_id)
            WHERE t.rule IS NULL OR t.start IS NULL OR t.start < 0 OR t."end" > length(d.text)
               OR t.start >= t."end" """)
        assert bad == [], table
    # The text at a person's span is the person's name, and at a legal ref's span its text.
    assert _query(seed_snapshot, """
        SELECT count(*) FROM people p JOIN documents d USING (doc_id)
        WHERE substr(d.text, p.start + 1, p."end" - p.start) <> p.name""") == [(0,)]
    assert _query(seed_snapshot, """
        SELECT count(*) FROM legal_refs l JOIN documents d USING (doc_id)
        WHERE substr(d.text, l.start + 1, l."end" - l.start) <> l.text""") == [(0,)]


def test_documents_record_hash_size_encoding_and_cleaned_text(seed_snapshot):
    rows = _query(seed_snapshot, "SELECT file, sha256, size, encoding, text FROM documents ORDER BY file")
    for file, sha, size, encoding, text in rows:
        data = (SEEDS / file).read_bytes()
        assert size == len(data)
        import hashlib

        assert sha == hashlib.sha256(data).hexdigest()
        assert encoding == "utf-8"
        assert "Lượt truy cập" not in text and "Skip portlet" not in text


def test_two_builds_of_unchanged_input_give_byte_identical_parquet(tmp_path):
    raw = seed_raw(tmp_path)
    a, b = tmp_path / "a", tmp_path / "b"
    build.build(raw, a, progress=False, workers=1)
    build.build(raw, b, progress=False, workers=2)
    snap_a, snap_b = current_snapshot(a), current_snapshot(b)
    assert snap_a.name == snap_b.name
    files_a = sorted(p.relative_to(snap_a) for p in snap_a.rglob("*.parquet"))
    files_b = sorted(p.relative_to(snap_b) for p in snap_b.rglob("*.parquet"))
    assert files_a == files_b and files_a
    for rel in files_a:
        assert (snap_a / rel).read_bytes() == (snap_b / rel).read_bytes(), rel


def test_a_broken_file_is_rejected_with_its_reason_and_the_rest_is_built(tmp_path):
    raw = seed_raw(tmp_path)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "broken.docx").write_bytes(b"not a zip at all")
    (raw / "copy of 000.txt").write_bytes((raw / "000_9b8202ecd9c39563.txt").read_bytes())
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    snap = current_snapshot(out)
    rejects = dict(_query(snap, "SELECT file, reason FROM rejects"))
    assert rejects == {"empty.txt": "empty", "broken.docx": "corrupt_docx", "copy of 000.txt": "duplicate"}
    assert _query(snap, "SELECT duplicate_of FROM rejects WHERE reason = 'duplicate'") == [("000_9b8202ecd9c39563",)]
    assert _query(snap, "SELECT count(*) FROM documents") == [(5,)]
    details = [d for (d,) in _query(snap, "SELECT detail FROM rejects")]
    assert all(any(name in d for name in ("empty.txt", "broken.docx", "copy of 000.txt")) for d in details)


def test_ensure_built_builds_a_fresh_clone_once_and_again_when_a_raw_file_changes(tmp_path):
    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    assert build.ensure_built(raw, out) is True
    assert build.ensure_built(raw, out) is False
    first = current_snapshot(out).name
    time.sleep(0.01)
    changed = raw / "000_9b8202ecd9c39563.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThêm một dòng.", encoding="utf-8")
    future = time.time() + 5
    os.utime(changed, (future, future))
    assert build.ensure_built(raw, out) is True
    assert current_snapshot(out).name != first


def _as_older(out: Path, **built_with) -> Path:
    """Make the published snapshot look written by an older build: another name (names hash
    the versions) and `built_with` in its build.json. Returns the renamed snapshot."""
    import json

    from loaders.store import set_current

    snap = current_snapshot(out).rename(current_snapshot(out).with_name("older"))
    set_current(out, "older")
    info = json.loads((snap / "build.json").read_text(encoding="utf-8"))
    (snap / "build.json").write_text(json.dumps(dict(info, **built_with)), encoding="utf-8")
    return snap


def test_ensure_built_rebuilds_a_snapshot_written_by_another_extractor_version(tmp_path):
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from loaders.schema import EXTRACTOR_VERSION

    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    assert build.ensure_built(raw, out) is True
    # What an older version left: a snapshot of another name (the name hashes the version),
    # its version in build.json and in every manifest row.
    snap = _as_older(out, extractor_version="0.0.1")
    for part in (snap / "manifest").glob("*.parquet"):
        table = pq.read_table(part)
        column = pa.array(["0.0.1"] * table.num_rows, pa.string())
        part.unlink()  # a hard link the store may share with another snapshot
        pq.write_table(table.set_column(table.schema.get_field_index("extractor_version"),
                                        "extractor_version", column), part)
    assert build.ensure_built(raw, out) is True  # no raw file changed
    info = json.loads((current_snapshot(out) / "build.json").read_text(encoding="utf-8"))
    assert info["extractor_version"] == EXTRACTOR_VERSION
    assert build.ensure_built(raw, out) is False


def test_a_snapshot_of_another_derived_layout_gets_new_derived_tables_without_extraction(
        tmp_path):

    from loaders.schema import DERIVED, DERIVED_VERSION

    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    assert build.ensure_built(raw, out) is True
    # What an older layout left: deadline_list without the columns this code reads.
    snap = _as_older(out, derived_version="1")
    for part in (snap / "deadline_list").glob("*.parquet"):
        older = part.with_suffix(".old")
        duckdb.connect().execute(f"COPY (SELECT * EXCLUDE (topics, meeting_type) FROM '{part}') "
                                 f"TO '{older}' (FORMAT parquet)")
        os.replace(older, part)
    assert build.needs_build(raw, out) is True
    info = build.build(raw, out, progress=False)
    assert info["extracted_files"] == 0 and info["reused_files"] == len(list(raw.iterdir()))
    assert info["derived_version"] == DERIVED_VERSION
    new = current_snapshot(out)
    assert new.name != "older"
    cols = duckdb.connect().execute(
        f"DESCRIBE SELECT * FROM '{new / 'deadline_list'}/*.parquet'").fetchall()
    assert [c[0] for c in cols] == DERIVED["deadline_list"].names
    assert build.needs_build(raw, out) is False


def test_old_snapshots_are_cleaned_up_and_the_current_one_is_kept(tmp_path, monkeypatch):
    from loaders import store

    monkeypatch.setattr(store, "KEEP_MINUTES", 0)  # no grace: only current + previous stay
    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    names = publish_several(raw, out)
    left = sorted(p.name for p in (out / "snapshots").iterdir())
    assert names[-1] in left
    assert len(left) <= 2


def test_rollback_publishes_the_previous_snapshot_again(tmp_path):
    from loaders import store

    raw = seed_raw(tmp_path)
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    first = current_snapshot(out).name
    (raw / "004_67b4640b05fc07eb.txt").unlink()
    build.build(raw, out, progress=False, workers=1)
    second = current_snapshot(out).name
    assert [s["name"] for s in store.list_snapshots(out)] == [second, first]
    assert store.rollback(out) == first
    assert current_snapshot(out).name == first
    assert _query(current_snapshot(out), "SELECT count(*) FROM meetings") == [(5,)]
    with pytest.raises(ValueError):
        store.rollback(out, "no-such-snapshot")


def test_the_build_writes_every_derived_aggregate_from_its_own_rows(seed_snapshot):
    from loaders.schema import DERIVED, derived_sql

    for table in DERIVED:
        assert list((seed_snapshot / table).glob("*.parquet")), table
        written = _query(seed_snapshot, f"SELECT * FROM read_parquet('{seed_snapshot / table}/*.parquet')")
        computed = _query(seed_snapshot, derived_sql(table))
        assert written == computed, table
    meetings = _query(seed_snapshot, "SELECT count(*) FROM meetings")[0][0]
    cube = _query(seed_snapshot, "SELECT sum(n) FROM read_parquet("
                  f"'{seed_snapshot / 'meeting_cube'}/*.parquet') WHERE topic IS NULL")[0][0]
    assert cube == meetings


def test_two_files_with_the_same_stem_in_different_folders_stay_two_documents(tmp_path):
    raw = tmp_path / "raw"
    for sub, seed in (("a", "001_d1c47a49ba70be19.txt"), ("b", "003_ffd8bc506afb7ea3.txt")):
        (raw / sub).mkdir(parents=True)
        (raw / sub / "bai.txt").write_bytes((SEEDS / seed).read_bytes())
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1)
    snap = current_snapshot(out)
    ids = [r[0] for r in _query(snap, "SELECT doc_id FROM documents ORDER BY file")]
    assert len(set(ids)) == 2 and ids[0] == "bai" and ids[1].startswith("bai~")
    provinces = dict(_query(snap, "SELECT doc_id, province FROM meetings"))
    assert provinces == {ids[0]: "Đồng Tháp", ids[1]: "Bạc Liêu"}

"""Derived tables after an incremental build are those a whole recomputation gives."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import build, derived, schema
from loaders.schema import CUBES, DERIVED, KEYED, LAYERED, layer_order, layered_select, live_select
from loaders.store import current_snapshot
from loaders.synth import generate
from queries.connection import Snapshot, connect
from queries.connection import current_snapshot as open_snapshot
from queries.filters import Filters
from queries.meetings import count_meetings, meetings_table


def _rows(folder: Path, order: str = "") -> list[tuple]:
    """A derived table's rows as the dashboard reads them (a layered cube's current rows)."""
    if folder.name in LAYERED and not order:
        return duckdb.sql(layered_select(folder.parent, folder.name)).fetchall()
    return duckdb.sql(f"SELECT * FROM read_parquet('{folder}/*.parquet') {order}").fetchall()


def _live(snapshot: Path, table: str = derived.INDEX) -> set[tuple]:
    """The rows of a KEYED table for current meetings (rows of old versions are unreachable);
    the index's as one row per shingle and key."""
    rows = f"read_parquet('{snapshot}/{table}/*.parquet')"
    if table == derived.INDEX:
        rows = f"(SELECT t1, t2, t3, unnest(doc_keys) AS doc_key FROM {rows})"
    return set(duckdb.sql(
        f"SELECT DISTINCT * FROM {rows} "
        f"WHERE doc_key IN (SELECT doc_key FROM ({live_select(snapshot, 'meetings')}))"
    ).fetchall())


def _assert_like_whole(snapshot: Path, tmp: Path) -> None:
    whole = tmp / "whole"
    shutil.rmtree(whole, ignore_errors=True)
    shutil.copytree(snapshot, whole)
    derived.write_derived(whole)
    for table in DERIVED:
        if table in KEYED:
            assert _live(snapshot, table) == _live(whole, table), table
        else:  # the same rows in the same order
            assert _rows(snapshot / table) == _rows(whole / table), table


@pytest.fixture()
def corpus(tmp_path) -> Path:
    generate(150, 5, tmp_path / "synth")
    return tmp_path / "synth" / "docs"


def _meeting_files(out: Path) -> list[str]:
    """Files of the published meetings that are plain UTF-8 text (safe to append to)."""
    snap = current_snapshot(out)
    return [r[0] for r in duckdb.sql(
        f"SELECT m.file FROM ({live_select(snap, 'meetings')}) m "
        f"JOIN ({live_select(snap, 'documents')}) d USING (doc_id) "
        "WHERE d.fmt = 'txt' AND d.encoding = 'utf-8' ORDER BY m.file").fetchall()]


def _append(path: Path, sentence: str) -> None:
    """Add a paragraph inside the article body (text after the footer is page furniture)."""
    text = path.read_bytes().decode("utf-8")
    at = text.index("\n\n", 200)
    path.write_bytes((text[:at] + f"\n\n{sentence}" + text[at:]).encode("utf-8"))


def _edit(raw: Path, out: Path) -> None:
    """Change one meeting's article, delete another and add a third (a copy of one more,
    with a sentence of its own so it is no duplicate)."""
    files = _meeting_files(out)
    _append(raw / files[3], "Chuyển đổi số phải quyết liệt hơn nữa.")
    (raw / files[7]).unlink()
    added = raw / "them-moi.txt"
    added.write_bytes((raw / files[11]).read_bytes())
    _append(added, "Đính chính: bổ sung số liệu.")


@pytest.mark.parametrize(("in_memory", "sliced"), [(True, False), (False, False), (True, True)],
                         ids=["rows-in-memory", "rows-from-parquet", "new-index-in-slices"])
def test_an_incremental_build_updates_the_derived_tables_as_a_whole_build_would(
        corpus, tmp_path, monkeypatch, in_memory, sliced) -> None:
    # Both ways of reading the recomputed places' rows (derived.MATERIALIZE_MEETINGS), and
    # an update whose new index part is grouped in slices (written after the other tables,
    # not beside them).
    monkeypatch.setattr(derived, "MATERIALIZE_MEETINGS", 10**9 if in_memory else -1)
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    _edit(corpus, out)
    if sliced:
        monkeypatch.setattr(derived, "INDEX_SLICE_SHINGLES", 500)
        slices = []
        real = derived._write_index
        monkeypatch.setattr(derived, "_write_index", lambda *a: slices.append(real(*a)) or
                            slices[-1])
    info = build.build(corpus, out, progress=False, workers=1)
    assert info["reused_files"] > 0 and 0 < info["extracted_files"] <= 3
    snap = current_snapshot(out)
    # The index kept the previous part (hard-linked) and added one for the new meetings.
    old = [p.name for p in (first / derived.INDEX).glob("*.parquet")]
    names = [p.name for p in (snap / derived.INDEX).glob("*.parquet")]
    assert len(old) == 1 and len(names) == 2 and old[0] in names
    assert (snap / derived.INDEX / old[0]).stat().st_ino == \
        (first / derived.INDEX / old[0]).stat().st_ino
    for table in KEYED:  # so does the table of spans
        assert len(list((snap / table).glob("*.parquet"))) == 2, table
    state = json.loads((snap / derived.STATE).read_text())
    assert state["stale_meetings"] >= 1  # the changed and the deleted meeting's old rows
    if sliced:
        assert len(slices) == 1 and slices[0] > 1  # the new part, in several slices
    _assert_like_whole(snap, tmp_path)


def _layers(snapshot: Path, table: str = "project_cube") -> list[str]:
    return sorted(p.name for p in (snapshot / table).glob("*.parquet"))


def test_layered_cubes_keep_their_parts_and_add_the_recomputed_groups(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    files = _meeting_files(out)
    for round_no, i in enumerate((2, 5, 9)):
        _append(corpus / files[i], f"Bổ sung lần {round_no + 1}: chữ ký số cho cán bộ xã.")
        build.build(corpus, out, progress=False, workers=1)
        snap = current_snapshot(out)
        for table in LAYERED:
            names = _layers(snap, table)
            assert names[-1] == "part-0.parquet" and len(names) == round_no + 2, table
            # The whole computation's part is the very file of the first build (a link).
            assert (snap / table / "part-0.parquet").stat().st_ino == \
                (first / table / "part-0.parquet").stat().st_ino
        assert len(list((snap / "cube_keys").glob("*.parquet"))) == round_no + 1
        _assert_like_whole(snap, tmp_path)
    # The dashboard reads the layers as one table: the same figures as the whole one.
    whole = tmp_path / "whole-root" / "snapshots" / snap.name
    shutil.copytree(snap, whole)
    derived.write_derived(whole)
    assert _layers(whole) == ["part-0.parquet"] and not (whole / "cube_keys").exists()
    (tmp_path / "whole-root" / "CURRENT").write_text(snap.name)
    layered, plain = connect(open_snapshot(out)), connect(open_snapshot(tmp_path / "whole-root"))
    for table in LAYERED:
        q = f"SELECT * FROM {table} ORDER BY ALL"
        assert layered.execute(q).fetchall() == plain.execute(q).fetchall(), table
    layered.close(), plain.close()


def test_an_article_saved_again_into_the_same_rows_regroups_nothing(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    first = current_snapshot(out)
    files = _meeting_files(out)
    # Saved again by an editor that writes a byte-order mark: new bytes, the same article.
    again = corpus / files[4]
    again.write_bytes(b"\xef\xbb\xbf" + again.read_bytes())
    info = build.build(corpus, out, progress=False, workers=1)
    assert info["extracted_files"] == 1
    snap = current_snapshot(out)
    for table in (*LAYERED, "cube_keys"):  # no layer added, every part the first build's
        assert _layers(snap, table) == _layers(first, table), table
        for part in (first / table).glob("*.parquet"):
            assert (snap / table / part.name).stat().st_ino == part.stat().st_ino, table
    for table in KEYED:  # its text is searched as a new document's
        assert len(list((snap / table).glob("*.parquet"))) == 2, table
    _assert_like_whole(snap, tmp_path)
    # Then one changed for real, beside the first one saved back without the mark.
    _append(corpus / files[6], "Bổ sung: chữ ký số cho cán bộ xã.")
    again.write_bytes(again.read_bytes()[3:])
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    for table in LAYERED:  # the changed article's groups: one layer
        assert len(_layers(snap, table)) == len(_layers(first, table)) + 1, table
    _assert_like_whole(snap, tmp_path)


def test_no_layered_table_reads_the_columns_left_out_when_comparing_rows() -> None:
    for table in LAYERED:
        sql = schema.derived_sql(table)
        for columns in derived._NOT_LAYERED.values():
            assert not [c for c in columns if re.search(rf"\b{c}\b", sql)], table


def test_layered_cubes_are_computed_whole_again_at_the_layer_limit(corpus, tmp_path,
                                                                   monkeypatch) -> None:
    monkeypatch.setattr(derived, "MAX_CUBE_LAYERS", 3)
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    files = _meeting_files(out)
    counts = []
    for round_no, i in enumerate((2, 5, 9)):
        _append(corpus / files[i], f"Bổ sung lần {round_no + 1}: hạ tầng viễn thông.")
        build.build(corpus, out, progress=False, workers=1)
        counts.append(len(_layers(current_snapshot(out))))
    assert counts == [2, 3, 1]  # part-0 and two layers, then one whole part again
    snap = current_snapshot(out)
    assert not (snap / "cube_keys").exists()
    _assert_like_whole(snap, tmp_path)


def test_a_search_finds_new_text_and_not_text_a_file_no_longer_has(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    target = corpus / _meeting_files(out)[0]
    original = target.read_bytes()
    _append(target, "Cụm từ tìm kiếm xưa cũ.")
    build.build(corpus, out, progress=False, workers=1)
    con = connect(open_snapshot(out))
    found = meetings_table(con, Filters(), "tim kiem xua cu")["doc_id"].tolist()
    assert len(found) == 1
    con.close()
    target.write_bytes(original)
    _append(target, "Một câu hoàn toàn mới mẻ.")
    build.build(corpus, out, progress=False, workers=1)
    con = connect(open_snapshot(out))
    # The rows of the version before are still in the index, in the part of the last
    # build, but no meeting has their doc_key any more.
    assert count_meetings(con, Filters(), "tim kiem xua cu") == 0
    assert meetings_table(con, Filters(), "hoan toan moi me")["doc_id"].tolist() == found
    con.close()
    snap = current_snapshot(out)
    assert len(list((snap / derived.INDEX).glob("*.parquet"))) == 3


def test_the_index_is_written_whole_once_too_much_of_it_is_stale(corpus, tmp_path,
                                                                  monkeypatch) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    monkeypatch.setattr(derived, "STALE_SHARE", 0.0)
    _edit(corpus, out)
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    assert len(list((snap / derived.INDEX).glob("*.parquet"))) == 1
    assert json.loads((snap / derived.STATE).read_text())["stale_meetings"] == 0
    _assert_like_whole(snap, tmp_path)


def test_a_build_that_reuses_nothing_writes_everything_whole(corpus, tmp_path) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    build.build(corpus, out, progress=False, workers=1, incremental=False)
    snap = current_snapshot(out)
    assert len(list((snap / derived.INDEX).glob("*.parquet"))) == 1
    for table in CUBES:
        assert _rows(snap / table), table
    _assert_like_whole(snap, tmp_path)


def test_leaders_from_leader_cube_match_leaders_from_people_on_extracted_articles(
        corpus, tmp_path, monkeypatch) -> None:
    import pandas as pd

    import queries.province as pr

    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    con = connect(open_snapshot(out))
    real = pr.on_disk
    compared = 0
    for f in (Filters(), Filters(boundary="34"), Filters(meeting_type="giao_ban")):
        places = [r[0] for r in con.execute(
            f"SELECT DISTINCT {f.province_column} FROM meeting_facts "
            f"WHERE {f.province_column} IS NOT NULL ORDER BY 1").fetchall()]
        for place in places:
            fast = pr.leaders(con, place, f)
            monkeypatch.setattr(pr, "on_disk", lambda c, t: t != "leader_cube" and real(c, t))
            slow = pr.leaders(con, place, f)
            monkeypatch.setattr(pr, "on_disk", real)
            pd.testing.assert_frame_equal(fast, slow)
            compared += len(fast)
    con.close()
    assert compared > 50


def test_leader_cube_computed_one_province_at_a_time_has_the_same_rows(corpus, tmp_path,
                                                                       monkeypatch) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    split = tmp_path / "split"
    shutil.copytree(snap, split)
    monkeypatch.setattr(derived, "BY_PROVINCE_ROWS", 0)
    derived.write_derived(split)
    parts = list((split / "leader_cube").glob("*.parquet"))
    provinces = duckdb.sql(f"SELECT count(DISTINCT province_2025) FROM "
                           f"read_parquet('{snap}/meetings/*.parquet')").fetchall()[0][0]
    assert len(parts) >= provinces > 1
    order = ("ORDER BY province_2025 NULLS LAST, topic NULLS FIRST, province, year, "
             "meeting_type, name_key")
    assert _rows(split / "leader_cube", order) == _rows(snap / "leader_cube", order)


def test_a_large_index_is_grouped_in_slices_of_words_that_search_as_one(
        corpus, tmp_path, monkeypatch) -> None:
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    whole = current_snapshot(out)
    sliced = tmp_path / "sliced"
    shutil.copytree(whole, sliced)
    # As if the corpus were large: slices of ~4,000 shingles instead of millions.
    monkeypatch.setattr(derived, "INDEX_SLICE_SHINGLES", 4_000)
    slices = []
    write_index = derived._write_index
    monkeypatch.setattr(derived, "_write_index",
                        lambda *a: slices.append(write_index(*a)) or slices[-1])
    derived.write_derived(sliced)
    assert slices[0] > 3
    # One part, sorted by shingle, each shingle once.
    [part] = (sliced / derived.INDEX).glob("*.parquet")
    rows = duckdb.sql(f"SELECT t1, t2, t3 FROM read_parquet('{part}')").fetchall()
    assert rows == sorted(rows) and len(rows) == len(set(rows))
    assert not (sliced / ".derived-spill").exists()
    assert _live(sliced) == _live(whole)
    for table in DERIVED:
        if table != derived.INDEX:
            assert _rows(sliced / table) == _rows(whole / table), table
    con_whole = connect(open_snapshot(out))
    con_sliced = connect(Snapshot(root=tmp_path, name=sliced.name, path=sliced))
    for query in ("chu ky so", "so thong tin", "giao ban", "dich vu cong truc tuyen"):
        assert count_meetings(con_sliced, Filters(), query) == \
            count_meetings(con_whole, Filters(), query) > 0, query
    con_whole.close()
    con_sliced.close()


def test_a_meeting_whose_type_changes_leaves_its_old_groups(corpus, tmp_path) -> None:
    # Layers are keyed by place, year and meeting type (schema.LAYER_KEY): the old type's
    # groups must be recomputed too, though no new row has that type.
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    file, = duckdb.sql(
        f"SELECT m.file FROM ({live_select(snap, 'meetings')}) m "
        f"JOIN ({live_select(snap, 'documents')}) d USING (doc_id) WHERE d.fmt = 'txt' "
        "AND d.encoding = 'utf-8' AND m.meeting_type = 'giao_ban' "
        "AND lower(m.title) LIKE '%giao ban%' ORDER BY m.file LIMIT 1").fetchall()[0]
    path = corpus / file
    path.write_text(re.sub(r"(?i)giao ban", "làm việc", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    kind, = duckdb.sql(f"SELECT meeting_type FROM ({live_select(snap, 'meetings')}) "
                       f"WHERE file = '{file}'").fetchall()[0]
    assert kind != "giao_ban"
    _assert_like_whole(snap, tmp_path)


def test_the_sorted_derived_tables_are_ordered_totally(corpus, tmp_path) -> None:
    # Rows that tie on a table's ORDER BY are written in whatever order DuckDB's threads
    # finish, so two builds of the same rows would differ in bytes: every ORDER BY must
    # tell apart any two rows that are not identical.
    out = tmp_path / "out"
    build.build(corpus, out, progress=False, workers=1)
    snap = current_snapshot(out)
    orders = {t: layer_order(t) for t in ("project_mentions", "deadline_list", "meeting_list")}
    orders["meeting_spans"] = schema.derived_sql("meeting_spans").rsplit("ORDER BY", 1)[1]
    tied = 0
    for table, order in orders.items():
        cols = order.replace("ORDER BY", "").replace("NULLS LAST", "")
        rows = f"read_parquet('{snap}/{table}/*.parquet')"
        keys, distinct = duckdb.sql(
            f"SELECT (SELECT count(*) FROM (SELECT DISTINCT {cols} FROM {rows})), "
            f"(SELECT count(*) FROM (SELECT DISTINCT * FROM {rows}))").fetchall()[0]
        assert keys == distinct, table
        first3 = ", ".join(cols.split(",")[:3])
        tied += distinct - duckdb.sql(
            f"SELECT count(*) FROM (SELECT DISTINCT {first3} FROM {rows})").fetchall()[0][0]
    assert tied > 0  # the corpus has rows that only the later columns tell apart

"""The snapshot connection: views over every part, locked to the snapshot directory."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from queries.connection import SnapshotMissing, connect, current_snapshot
from queries.filters import Filters
from queries.overview import meetings_by_province
from queries.quality import build_info
from tests.fixtures import MEETINGS, SNAPSHOT, write_fixture


def test_current_names_the_published_snapshot(dataset: Path) -> None:
    snap = current_snapshot(dataset)
    assert snap.name == SNAPSHOT
    assert snap.path == (dataset / "snapshots" / SNAPSHOT).resolve()


def test_views_read_every_part_of_a_table(tmp_path: Path) -> None:
    root = write_fixture(tmp_path)
    folder = root / "snapshots" / SNAPSHOT / "meetings"
    shutil.copy(folder / "part-0.parquet", folder / "part-1.parquet")
    con = connect(current_snapshot(root))
    assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == 2 * len(MEETINGS)


def test_queries_cannot_read_files_outside_the_snapshot(con) -> None:
    with pytest.raises(duckdb.PermissionException):
        con.execute("SELECT * FROM read_csv('/etc/passwd')").fetchall()


def test_the_configuration_is_locked(con) -> None:
    with pytest.raises(duckdb.Error):
        con.execute("SET enable_external_access = true")


def test_missing_current_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SnapshotMissing):
        current_snapshot(tmp_path)


@pytest.mark.parametrize("name", ["../elsewhere", "/etc", "a/b", "", "snap shot"])
def test_current_that_is_not_a_plain_name_is_refused(tmp_path: Path, name: str) -> None:
    root = write_fixture(tmp_path)
    (root / "CURRENT").write_text(name, encoding="utf-8")
    with pytest.raises(SnapshotMissing):
        current_snapshot(root)


def test_a_table_the_build_did_not_write_is_an_empty_view(tmp_path: Path) -> None:
    root = write_fixture(tmp_path)
    shutil.rmtree(root / "snapshots" / SNAPSHOT / "numbers")
    con = connect(current_snapshot(root))
    assert con.execute("SELECT count(*) FROM numbers").fetchone()[0] == 0
    assert "value" in [d[0] for d in con.execute("SELECT * FROM numbers").description]


def test_a_path_with_a_quote_is_escaped_in_the_view(tmp_path: Path) -> None:
    root = write_fixture(tmp_path / "it's here")
    con = connect(current_snapshot(root))
    assert con.execute("SELECT count(*) FROM meetings").fetchone()[0] == len(MEETINGS)


def test_build_info_comes_from_build_json(con) -> None:
    info = build_info(con)
    assert info["extractor_version"] and info["snapshot"] == SNAPSHOT
    assert info["n_rejects"] == 1 and info["built_at"].startswith("2025-09-01")


def test_build_info_without_build_json_is_empty_not_an_error(tmp_path: Path) -> None:
    root = write_fixture(tmp_path)
    (root / "snapshots" / SNAPSHOT / "build.json").unlink()
    info = build_info(connect(current_snapshot(root)))
    assert info["extractor_version"] is None and info["snapshot"] == SNAPSHOT


def test_a_post_merger_article_named_hue_counts_as_thua_thien_hue_in_63_mode(tmp_path: Path) -> None:
    # After 1 July 2025 articles carry the new province; "Huế" is the one new name that no
    # pre-2025 province had.
    root = write_fixture(tmp_path)
    folder = root / "snapshots" / SNAPSHOT / "meetings"
    table = pq.read_table(folder / "part-0.parquet")
    row = table.filter(pc.equal(table["doc_id"], "tth-2023-giao-ban")).to_pylist()[0]
    row.update(doc_id="hue-2025-giao-ban", province="Huế", province_2025="Huế", year=2025,
               meeting_date="2025-09-10")
    pq.write_table(pa.Table.from_pylist([row], schema=table.schema), folder / "part-1.parquet")
    con = connect(current_snapshot(root))
    by_63 = meetings_by_province(con, Filters()).set_index("province")["meetings"]
    by_34 = meetings_by_province(con, Filters(boundary="34")).set_index("province")["meetings"]
    assert by_63["Thừa Thiên Huế"] == 2 and "Huế" not in by_63
    assert by_34["Huế"] == 2


def test_every_cursor_keeps_parquet_footers_cached_and_stays_locked(con) -> None:
    # The dashboard runs each query on a cursor of the shared connection: a setting made
    # for the connection alone would not reach them.
    cur = con.cursor()
    try:
        settings = cur.execute(
            "SELECT current_setting('parquet_metadata_cache'), "
            "current_setting('enable_external_access'), current_setting('lock_configuration')"
        ).fetchone()
        assert settings == (True, False, True)
    finally:
        cur.close()

"""No page shows a traceback: broken data becomes a short message; missing data a hint."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from tests.fixtures import SNAPSHOT, write_fixture
from tests.pages.conftest import DASHBOARD


def _open(root: Path, monkeypatch: pytest.MonkeyPatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("ICTDASH_DATA", str(root))
    monkeypatch.delenv("ICTDASH_STRICT", raising=False)  # the friendly message is under test
    monkeypatch.delenv("ICTDASH_RAW", raising=False)
    at = AppTest.from_file(DASHBOARD, default_timeout=30)
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py").run()
    return at


def test_a_page_error_shows_a_translated_message_not_a_traceback(tmp_path, monkeypatch) -> None:
    root = write_fixture(tmp_path)
    # A projects table from an incompatible build: the column every project query needs is gone.
    pq.write_table(pa.table({"doc_id": ["x"], "province": ["Hậu Giang"]}),
                   root / "snapshots" / SNAPSHOT / "projects" / "part-0.parquet")
    at = _open(root, monkeypatch, "projects")
    assert not at.exception
    assert "Không hiển thị được nội dung này" in at.error[0].value
    at.switch_page("pages/meetings.py").run()  # pages that do not need the table still work
    assert not at.exception and not at.error and len(at.dataframe[0].value) == 11


def test_a_damaged_table_is_reported_and_the_rest_still_shows(tmp_path, monkeypatch) -> None:
    root = write_fixture(tmp_path)
    (root / "snapshots" / SNAPSHOT / "numbers" / "part-0.parquet").write_bytes(b"not parquet")
    at = _open(root, monkeypatch)
    assert not at.exception
    assert "numbers" in at.error[0].value and "bảng rỗng" in at.error[0].value
    assert at.metric[0].value == "11"


def test_a_missing_dataset_shows_how_to_build_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(tmp_path / "nothing", monkeypatch)
    assert not at.exception
    assert "python -m loaders build" in at.warning[0].value

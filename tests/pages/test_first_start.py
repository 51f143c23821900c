"""A fresh clone: the dashboard builds the bundled articles on first start, then shows them."""
from __future__ import annotations

import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import DASHBOARD, metrics

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_start_builds_the_bundled_articles_and_shows_their_counts(monkeypatch, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    out = tmp_path / "parquet"
    monkeypatch.setenv("ICTDASH_RAW", str(raw))
    monkeypatch.setenv("ICTDASH_DATA", str(out))
    monkeypatch.setenv("ICTDASH_STRICT", "1")
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert (out / "CURRENT").exists()
    shown = metrics(at)
    assert shown["Cuộc họp"] == "5"
    assert shown["Tỉnh/thành"] == "4"  # Hậu Giang, Đồng Tháp, Nghệ An, Bạc Liêu

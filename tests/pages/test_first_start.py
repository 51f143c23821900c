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


def test_the_first_build_runs_under_the_dashboards_own_menu_not_the_file_names(monkeypatch, tmp_path):
    # On a process's first run Streamlit sends its old-style menu of pages/ file names
    # ("overview", "projects"...); it must be replaced before the build's progress bar shows.
    from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

    events: list[tuple[str, list[str]]] = []
    enqueue = ForwardMsgQueue.enqueue

    def record(self, msg):
        if msg.HasField("navigation"):
            events.append(("menu", [p.page_name for p in msg.navigation.app_pages]))
        elif (msg.HasField("delta") and msg.delta.HasField("new_element")
              and msg.delta.new_element.HasField("progress")):
            events.append(("progress", []))
        enqueue(self, msg)

    monkeypatch.setattr(ForwardMsgQueue, "enqueue", record)
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    monkeypatch.setenv("ICTDASH_RAW", str(raw))
    monkeypatch.setenv("ICTDASH_DATA", str(tmp_path / "parquet"))
    monkeypatch.setenv("ICTDASH_STRICT", "1")
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    first_progress = events.index(("progress", []))
    menus = [names for kind, names in events[:first_progress] if kind == "menu"]
    assert menus, events
    assert menus[-1][:3] == ["Tổng quan", "Dự án", "Chính quyền điện tử"]

"""Chất lượng dữ liệu and Phương pháp: build facts, rejects, coverage, accuracy, citation."""
from __future__ import annotations

import json

from loaders.schema import EXTRACTOR_VERSION
from tests.pages.conftest import metrics, texts


def test_quality_page_shows_files_read_and_rejected(app) -> None:
    at = app("quality")
    assert at.title[0].value == "Chất lượng dữ liệu"
    m = metrics(at)
    assert (m["Tệp đã đọc"], m["Bài viết"], m["Tệp bị loại"]) == ("13", "12", "1")
    assert m["Phiên bản bộ trích xuất"] == EXTRACTOR_VERSION  # what build.json says
    assert "Xử lý lúc 2025-09-01 08:00:00" in texts(at) and "fixture-20250901" in texts(at)


def test_rejected_files_show_the_reason_translated(app) -> None:
    at = app("quality")
    assert "Tệp PDF bị hỏng" in texts(at)
    at = app("quality", lang="en")
    assert "Corrupt PDF file" in texts(at)


def test_field_coverage_is_shown_in_percent(app) -> None:
    at = app("quality")
    cov = next(d.value for d in at.dataframe if "Tỷ lệ (%)" in d.value.columns)
    assert cov.set_index("Trường").loc["Người chủ trì", "Tỷ lệ (%)"] == 90.9


def test_methods_page_explains_the_merger_and_how_to_cite(app) -> None:
    at = app("methods")
    page = texts(at)
    assert at.title[0].value == "Phương pháp"
    assert "Sáp nhập tỉnh năm 2025" in page and "fixture-20250901" in page
    mapping = next(d.value for d in at.dataframe if "Gồm các tỉnh cũ" in d.value.columns)
    assert mapping.set_index("Tỉnh/thành từ 7/2025").loc["Cần Thơ", "Gồm các tỉnh cũ"] == \
        "Cần Thơ, Hậu Giang, Sóc Trăng"
    assert "Chưa có kết quả đo độ chính xác" in page


def test_methods_page_reads_measured_accuracy(app, tmp_path, monkeypatch) -> None:
    path = tmp_path / "accuracy.json"
    path.write_text(json.dumps({"corpus": {"province": 0.95, "chair_name": 0.8},
                                "seeds": {"province": 1.0}}), encoding="utf-8")
    monkeypatch.setenv("ICTDASH_ACCURACY", str(path))
    at = app("methods", lang="en")
    scores = next(d.value for d in at.dataframe if "Score" in d.value.columns)
    assert scores.to_dict("records")[0] == {"Evaluation set": "Development corpus",
                                            "Field": "Province", "Score": 0.95}
    assert "Measured accuracy" in texts(at)


def test_a_reject_without_a_row_number_shows_an_empty_cell_not_none(app) -> None:
    at = app("quality")
    table = next(d.value for d in at.dataframe if "Dòng" in d.value.columns)
    assert list(table["Dòng"]) == [""]  # hong.pdf is a file, not a row of a dump
    assert table["Tệp"].iloc[0] == "hong.pdf"

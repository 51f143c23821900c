"""Cuộc họp: the table, accent-insensitive search, and a meeting's article with inert HTML."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.pages.conftest import DASHBOARD, texts


def _table(at):
    return at.dataframe[0].value


def test_meetings_table_shows_province_date_type_and_chair(app) -> None:
    at = app("meetings")
    assert at.title[0].value == "Cuộc họp"
    table = _table(at)
    assert len(table) == 11
    first = table.iloc[0]
    assert (first["Ngày họp"], first["Tỉnh/thành"], first["Loại cuộc họp"], first["Người chủ trì"]) == (
        "2025-08-15", "Cần Thơ", "Giao ban", "Lý Thanh Sơn")
    assert first["Đọc bài"] == "meetings?doc=ct-2025-giao-ban"
    assert first["Nguồn"].startswith("https://")
    assert "Hiển thị 11 trên 11 kết quả." in texts(at)


def test_search_without_accents_finds_hau_giang(app) -> None:
    at = app("meetings", q="hau giang")
    assert set(_table(at)["Tỉnh/thành"]) == {"Hậu Giang", "Cần Thơ"}
    assert at.text_input(key="q").value == "hau giang"


def test_typing_a_search_updates_the_table_and_the_link(app) -> None:
    at = app("meetings")
    at.text_input(key="q").input("cong dich vu cong").run()
    assert len(_table(at)) == 3
    assert at.query_params["q"] == "cong dich vu cong"


def test_a_province_filter_narrows_the_table(app) -> None:
    at = app("meetings", prov="Bạc Liêu")
    assert list(_table(at)["Tỉnh/thành"]) == ["Bạc Liêu"]


def test_opening_a_meeting_highlights_every_kind_of_value_with_a_legend(app) -> None:
    at = app("meetings", doc="hg-2019-giao-ban")
    html = at.get("html")[0].proto.body
    for kind in ("province", "date", "chair", "people", "projects", "topics", "deadlines",
                 "legal_refs", "numbers"):
        assert f'class="k-{kind}"' in html, kind
    assert "Nghị định số 61/2018/NĐ-CP</mark>" in html
    assert "Văn bản pháp lý" in html and "Chú thích màu:" in html
    assert at.subheader[0].value.startswith("Sở Thông tin và Truyền thông Hậu Giang")
    assert any(b.proto.url.startswith("https://portal.example.gov.vn") for b in at.get("link_button"))


def test_an_article_with_script_and_onerror_renders_as_inert_text(app) -> None:
    html = app("meetings", doc="na-2020-giao-ban").get("html")[0].proto.body
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_an_opened_meeting_lists_its_extracted_values_in_english(app) -> None:
    at = app("meetings", doc="hg-2019-giao-ban", lang="en")
    values = at.dataframe[1].value
    assert {"Kind of value", "Value", "Rule"} <= set(values.columns)
    assert "Online public services" in set(values["Value"])
    assert "Extracted values" in texts(at)


def test_an_unknown_meeting_in_the_link_is_dropped_with_a_notice(app) -> None:
    at = app("meetings", doc="no-such-article")
    assert "doc=no-such-article" in at.warning[0].value
    assert at.selectbox(key="doc").value is None
    assert "doc" not in at.query_params


def test_search_that_matches_nothing_shows_the_empty_state(app) -> None:
    at = app("meetings", q="khong co gi nhu the nay")
    assert "Không có dữ liệu khớp với bộ lọc" in at.info[0].value


def test_every_meeting_is_reachable_page_by_page_with_the_page_in_the_link(app, monkeypatch) -> None:
    monkeypatch.setattr("ui.paging.PAGE_ROWS", 4)
    at = app("meetings")
    seen = list(_table(at)["Đọc bài"])
    assert len(seen) == 4
    assert "Trang 1/3 · dòng 1–4 trên 11 kết quả." in texts(at)
    assert "page" not in at.query_params  # page 1 is the default
    for number, rows in ((2, 4), (3, 3)):
        at.number_input(key="page").set_value(number).run()
        assert at.query_params["page"] == str(number)
        assert len(_table(at)) == rows
        seen += list(_table(at)["Đọc bài"])
    assert "Trang 3/3 · dòng 9–11 trên 11 kết quả." in texts(at)
    assert len(set(seen)) == 11  # no meeting shown twice, none left out


def _open_meetings(**params: str) -> AppTest:
    # conftest's app() takes `page` as the page file: a ?page= link is opened here instead.
    at = AppTest.from_file(DASHBOARD, default_timeout=30)
    at.run()
    at.switch_page("pages/meetings.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_link_opens_its_page_and_a_page_past_the_end_shows_the_last_with_a_notice(app, monkeypatch) -> None:
    monkeypatch.setattr("ui.paging.PAGE_ROWS", 4)
    app  # noqa: B018 - the fixture points the dashboard at the fixture dataset
    at = _open_meetings(page="2", lang="en")
    assert at.number_input(key="page").value == 2
    assert "Page 2/3 · rows 5–8 of 11 results." in texts(at)
    at = _open_meetings(page="99")
    assert at.number_input(key="page").value == 3
    assert "page=99" in at.warning[0].value
    at = _open_meetings(page="abc")
    assert at.number_input(key="page").value == 1
    assert "page=abc" in at.warning[0].value


def test_a_new_search_goes_back_to_the_first_page(app, monkeypatch) -> None:
    monkeypatch.setattr("ui.paging.PAGE_ROWS", 4)
    app  # noqa: B018 - the fixture points the dashboard at the fixture dataset
    at = _open_meetings(page="3")
    assert at.number_input(key="page").value == 3
    at.text_input(key="q").input("giao ban").run()
    assert "page" not in at.query_params
    assert at.number_input(key="page").value == 1  # 5 results: two pages
    fresh = app("meetings", q="giao ban")
    assert list(_table(at)["Đọc bài"]) == list(_table(fresh)["Đọc bài"])


def test_extracted_values_without_a_detail_show_an_empty_cell_not_none(app) -> None:
    values = app("meetings", doc="hg-2019-giao-ban").dataframe[1].value
    topics = values[values["Loại giá trị"] == "Chủ đề"]
    assert len(topics) and set(topics["Chi tiết"]) == {""}
    assert not values.isna().any().any()

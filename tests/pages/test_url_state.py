"""View state in the link: validated on read, written back, kept across pages, shareable."""
from __future__ import annotations

from tests.pages.conftest import metrics


def test_unknown_values_in_the_link_are_dropped_with_a_notice(app) -> None:
    at = app(prov=["Nghệ An", "Atlantis"], topic="teleportation", type="tiệc", years=["1990", "2015"],
             lang="xx", boundary="12", colour="red")
    notice = at.warning[0].value
    for dropped in ("prov=Atlantis", "topic=teleportation", "type=tiệc", "years=1990", "lang=xx",
                    "boundary=12", "colour"):
        assert dropped in notice, dropped
    assert at.toast[0].value == notice
    # The valid part of the link still applies and the page renders.
    assert at.title[0].value == "Tổng quan"
    assert at.multiselect(key="prov").value == ["Nghệ An"]
    assert at.slider(key="years").value == (2009, 2015)
    assert at.query_params == {"prov": "Nghệ An", "years": ["2009", "2015"]}


def test_a_link_with_every_filter_lands_on_that_view(app) -> None:
    at = app("egov", prov=["Hậu Giang"], years=["2017", "2021"], topic="dich_vu_cong_truc_tuyen",
             type="giao_ban", boundary="63", lang="en")
    assert at.title[0].value == "E-government"
    assert at.selectbox(key="topic~en").value == "dich_vu_cong_truc_tuyen"
    assert at.selectbox(key="type~en").value == "giao_ban"
    assert at.radio(key="lang").value == "en" and not at.warning


def test_province_names_in_the_link_may_be_written_without_accents(app) -> None:
    at = app(prov=["hau giang", "DONG THAP"])
    assert at.multiselect(key="prov").value == ["Hậu Giang", "Đồng Tháp"]
    assert not at.warning


def test_a_34_province_name_in_a_63_link_selects_its_former_provinces(app) -> None:
    at = app(prov="Huế")
    assert at.multiselect(key="prov").value == ["Thừa Thiên Huế"]


def test_changing_a_filter_changes_the_link(app) -> None:
    at = app()
    at.multiselect(key="prov").select("Bạc Liêu").run()
    at.selectbox(key="topic~vi").select("hop_truc_tuyen").run()
    assert at.query_params["prov"] == "Bạc Liêu" and at.query_params["topic"] == "hop_truc_tuyen"
    assert metrics(at)["Cuộc họp"] == "1"


def test_switching_pages_keeps_the_filters(app) -> None:
    at = app(prov=["Nghệ An", "Đồng Tháp"], years=["2010", "2020"], lang="en")
    at.switch_page("pages/projects.py").run()
    assert at.title[0].value == "Projects"
    assert at.multiselect(key="prov").value == ["Nghệ An", "Đồng Tháp"]
    assert at.slider(key="years").value == (2010, 2020)
    assert at.query_params["prov"] == ["Nghệ An", "Đồng Tháp"] and at.query_params["lang"] == "en"
    at.switch_page("pages/overview.py").run()
    assert metrics(at)["Meetings"] == "3"


def test_a_page_parameter_stays_on_its_page(app) -> None:
    at = app("meetings", q="hau giang")
    at.switch_page("pages/quality.py").run()
    assert "q" not in at.query_params and not at.warning


def test_switching_boundary_converts_the_selected_provinces(app) -> None:
    at = app(prov=["Hậu Giang", "Bạc Liêu"])
    at.radio(key="boundary~vi").set_value("34").run()
    assert at.multiselect(key="prov").value == ["Cần Thơ", "Cà Mau"]
    at.radio(key="boundary~vi").set_value("63").run()
    assert set(at.multiselect(key="prov").value) == {"Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu",
                                                     "Cà Mau"}


def test_choosing_a_region_adds_its_provinces(app) -> None:
    at = app(region="bac_trung_bo_duyen_hai_mien_trung")
    assert metrics(at)["Cuộc họp"] == "3"  # Nghệ An 2 + Thừa Thiên Huế 1


def test_the_share_control_shows_the_current_link(app) -> None:
    at = app(prov="Nghệ An", lang="en")
    link = at.code[0].value
    assert link.endswith("?lang=en&prov=Nghệ%20An")

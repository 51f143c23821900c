"""Hồ sơ tỉnh: one province's meetings, leaders, projects and topics against the nation."""
from __future__ import annotations

from tests.pages.conftest import metrics, texts


def test_profile_defaults_to_the_province_with_most_meetings(app) -> None:
    at = app("province")
    assert at.title[0].value == "Hồ sơ tỉnh"
    assert at.selectbox(key="profile").value == "Hậu Giang"
    assert metrics(at)["Cuộc họp"] == "3"


def test_profile_lists_leaders_over_time(app) -> None:
    at = app("province", profile="Hậu Giang")
    leaders = next(d.value for d in at.dataframe if "Số lần chủ trì" in d.value.columns)
    row = leaders.set_index("Tên").loc["Nguyễn Văn Tư"]
    assert (row["Lần đầu"], row["Gần nhất"], row["Số lần chủ trì"]) == ("2017-11-08", "2021-07-02", 2)


def test_profile_compares_topics_with_the_whole_country_in_english(app) -> None:
    at = app("province", profile="Hau Giang", lang="en")
    topics = next(d.value for d in at.dataframe if "Nationwide (%)" in d.value.columns)
    row = topics.set_index("Topic").loc["Online public services"]
    assert (row["Province (%)"], row["Nationwide (%)"]) == (66.7, 27.3)
    assert "Topics: the province against the whole country" in texts(at)


def test_profile_follows_the_first_filtered_province(app) -> None:
    at = app("province", prov="Nghệ An")
    assert at.selectbox(key="profile").value == "Nghệ An"
    assert "Hoàng Văn Đức" in texts(at)


def test_profile_in_boundary_34_merges_former_provinces(app) -> None:
    at = app("province", boundary="34", profile="Cần Thơ")
    assert metrics(at)["Cuộc họp"] == "5"


def test_a_province_without_meetings_shows_the_empty_state(app) -> None:
    at = app("province", profile="Lai Châu")
    assert "Không có dữ liệu khớp với bộ lọc" in at.info[0].value

"""Province profile and data-quality queries on the fixture."""
from __future__ import annotations

from queries.filters import Filters
from queries.province import leaders, province_summary, topics_vs_national
from queries.quality import field_coverage, file_counts, rejects, rejects_by_reason


def test_province_summary_counts_its_meetings_projects_and_topics(con) -> None:
    s = province_summary(con, "Hậu Giang", Filters()).iloc[0]
    assert (s["meetings"], s["projects"], s["topics"], s["people"]) == (3, 1, 4, 3)
    assert (s["first_date"], s["last_date"]) == ("2017-11-08", "2021-07-02")


def test_leaders_show_each_official_with_first_and_last_meeting(con) -> None:
    people = leaders(con, "Hậu Giang", Filters()).set_index("name")
    tu = people.loc["Nguyễn Văn Tư"]
    assert (tu["meetings"], tu["chaired"]) == (3, 2)
    assert (tu["first_date"], tu["last_date"]) == ("2017-11-08", "2021-07-02")
    assert tu["position"] == "Giám đốc Sở"   # as last written
    assert people.index[0] == "Nguyễn Văn Tư"  # chaired most


def test_topics_vs_national_gives_both_shares(con) -> None:
    df = topics_vs_national(con, "Hậu Giang", Filters()).set_index("topic")
    row = df.loc["dich_vu_cong_truc_tuyen"]
    assert (row["province_meetings"], row["national_meetings"]) == (2, 3)
    assert (row["province_share"], row["national_share"]) == (66.7, 27.3)


def test_topics_vs_national_in_boundary_34(con) -> None:
    df = topics_vs_national(con, "Cần Thơ", Filters(boundary="34")).set_index("topic")
    assert df.loc["dich_vu_cong_truc_tuyen", "province_share"] == 40.0  # 2 of Cần Thơ's 5


def test_file_counts_include_rejected_files(con) -> None:
    row = file_counts(con).iloc[0]
    assert (row["documents"], row["meetings"], row["non_meetings"], row["rejects"]) == (12, 11, 1, 1)


def test_rejects_keep_the_reason_code(con) -> None:
    assert list(rejects(con)["reason"]) == ["corrupt_pdf"]
    assert rejects_by_reason(con).to_dict("records") == [{"reason": "corrupt_pdf", "files": 1}]


def test_field_coverage_is_the_share_of_meetings_with_a_value(con) -> None:
    cov = field_coverage(con, Filters()).set_index("field")
    assert cov.loc["province", "pct"] == 100.0
    assert (cov.loc["chair_name", "filled"], cov.loc["chair_name", "total"]) == (10, 11)
    assert cov.loc["deadlines", "filled"] == 3
    assert list(cov.index[:2]) == ["province", "meeting_date"]


def test_field_coverage_follows_the_filters(con) -> None:
    cov = field_coverage(con, Filters(provinces=("Nghệ An",))).set_index("field")
    assert cov.loc["chair_name", "pct"] == 50.0

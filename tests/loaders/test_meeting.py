"""Meeting or not, which kind, and the reporting period it reviews."""
from __future__ import annotations

from loaders.meeting import classify, find_period


def _type(title: str, text: str = "") -> str:
    return classify(title, (title + "\n" + text) if text else title, len(title)).value


def test_meeting_kinds_from_the_title():
    assert _type("Sở TT&TT họp giao ban quý I/2018") == "giao_ban"
    assert _type("Hội nghị tổng kết công tác năm 2020") == "so_ket_tong_ket"
    assert _type("Chủ tịch UBND tỉnh làm việc với Sở Thông tin và Truyền thông") == "lam_viec"
    assert _type("Tập huấn kỹ năng chuyển đổi số cho cán bộ cấp xã") == "hoi_nghi_khac"


def test_decisions_ceremonies_and_official_documents_are_not_meetings():
    assert _type("Quyết định phê duyệt danh mục dự án") == "not_meeting"
    assert _type("Kỷ niệm 95 năm Ngày Báo chí cách mạng Việt Nam") == "not_meeting"
    notice = ("UBND TỈNH BÌNH PHƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "THÔNG BÁO\nVề việc tổ chức lớp tập huấn sử dụng chữ ký số")
    assert classify("Về việc tổ chức lớp tập huấn sử dụng chữ ký số", notice, len(notice)).value == "not_meeting"


def test_a_notice_of_conclusions_of_a_briefing_is_a_meeting():
    title = "Thông báo kết luận của Giám đốc Sở Thông tin và Truyền thông tại cuộc họp giao ban tháng 10 năm 2017"
    assert _type(title) == "giao_ban"


def _period(title: str | None, lead: str = "", year: int | None = None, kind: str = "giao_ban") -> str | None:
    hit = find_period(title, lead, year, kind)
    return hit.value if hit else None


def test_periods_of_every_shape():
    assert _period("Giao ban tháng 10 năm 2017") == "2017-10"
    assert _period("Sở TT&TT họp giao ban quý I/2018") == "2018-Q1"
    assert _period("Sơ kết 6 tháng đầu năm 2019") == "2019-H1"
    assert _period("Sơ kết công tác 9 tháng năm 2020") == "2020-9M"
    assert _period("Hội nghị tổng kết công tác năm 2014", kind="so_ket_tong_ket") == "2014"


def test_the_period_planned_is_not_the_period_reviewed():
    lead = ("Chiều 19/01/2024, Sở tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024.")
    assert _period("Ngành Thông tin và Truyền thông triển khai nhiệm vụ năm 2024", lead, kind="so_ket_tong_ket") == "2023"


def test_the_month_of_a_written_out_date_is_not_a_period():
    lead = "Ngày 19 tháng 10 năm 2017, đồng chí Tạ Minh Khôi làm việc về tình hình thực hiện nhiệm vụ năm 2017."
    assert _period("Phó Chủ tịch UBND tỉnh làm việc với Sở", lead, kind="lam_viec") == "2017"


def test_a_period_without_a_year_takes_the_meetings_year():
    assert _period("GIAO BAN THÁNG 9: TẬP TRUNG HOÀN THÀNH CHỈ TIÊU", year=2011) == "2011-09"


def test_the_year_a_review_or_working_session_covers():
    assert _period("Hội nghị tổng kết công tác khoa học, công nghệ và chuyển đổi số năm 2025 và triển khai nhiệm vụ năm 2026",
                   kind="so_ket_tong_ket") == "2025"
    assert _period("Phó Chủ tịch UBND tỉnh làm việc với Sở",
                   "Sáng 18/1/2016, Phó Chủ tịch UBND tỉnh đến làm việc với Sở về tình hình hoạt động của ngành "
                   "trong năm 2015.", 2016, "lam_viec") == "2015"
    assert _period("Phó Chủ tịch UBND tỉnh làm việc với Sở",
                   "Ông đến làm việc với Sở về tình hình thực hiện nhiệm vụ 6 tháng đầu năm và triển khai nhiệm vụ "
                   "trong năm 2024.", 2024, "lam_viec") == "2024-H1"

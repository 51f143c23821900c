"""Province: named in the text, through unique district names, the portal or its URL."""
from __future__ import annotations

import time

from loaders.places import find_province


def _prov(text: str, title: str | None = None, chrome: str = "", url: str | None = None) -> str | None:
    hit = find_province(text, title, chrome, url)
    return hit.value if hit else None


def test_a_prefixed_province_name_decides():
    assert _prov("Sở Thông tin và Truyền thông tỉnh Hậu Giang tổ chức họp giao ban.") == "Hậu Giang"


def test_spelling_variants_of_province_names_are_recognised():
    assert _prov("Sở TT&TT tỉnh Thanh Hoá tổng kết.") == "Thanh Hóa"
    assert _prov("Sở TT&TT tỉnh Bà Rịa – Vũng Tàu giao ban.") == "Bà Rịa - Vũng Tàu"
    assert _prov("Sở Khoa học và Công nghệ TP.HCM tổ chức hội nghị.") == "Hồ Chí Minh"


def test_seed_nghe_an_is_found_from_district_names_only():
    text = ("Tham dự có lãnh đạo UBND, Phòng Văn hóa thông tin các huyện: Kỳ Sơn, Tương Dương, "
            "Con Cuông, Anh Sơn, Tân Kỳ. Phó Chủ tịch UBND huyện Tân Kỳ phát biểu.")
    assert _prov(text) == "Nghệ An"


def test_a_district_name_shared_by_two_provinces_does_not_decide_alone():
    assert _prov("Hội nghị tổ chức tại huyện Tam Nông.") is None
    assert _prov("Hội nghị tổ chức tại huyện Phú Tân.") is None


def test_a_district_that_shares_a_province_name_is_not_that_province():
    text = "Ngày 24/7/2015, tại hội trường UBND huyện Hòa Bình, các huyện Vĩnh Lợi, Hồng Dân giao ban."
    assert _prov(text) == "Bạc Liêu"


def test_the_city_of_can_tho_is_the_province_can_tho():
    assert _prov("Sở Khoa học và Công nghệ thành phố Cần Thơ giao ban tháng 9/2025.") == "Cần Thơ"


def test_former_provinces_marked_cu_are_not_the_meeting_province():
    text = "Sở KH&CN thành phố Cần Thơ hợp nhất hạ tầng của tỉnh Hậu Giang (cũ) và tỉnh Sóc Trăng (cũ)."
    assert _prov(text) == "Cần Thơ"


def test_portal_and_newspaper_hosts_name_the_province():
    assert _prov("Sở họp giao ban quý I.", url="https://stttt.binhdinh.gov.vn/tin-tuc/x.html") == "Bình Định"
    assert _prov("Sở họp giao ban quý I.", url="https://baohaugiang.com.vn/x") == "Hậu Giang"
    assert _prov("Sở họp giao ban quý I.", url="baodongthap.vn/chinh-tri/x") == "Đồng Tháp"


def test_the_portal_masthead_in_chrome_is_weaker_evidence_than_the_text():
    assert _prov("Sở TT&TT tỉnh Trà Vinh giao ban.", chrome="CỔNG THÔNG TIN ĐIỆN TỬ TỈNH KON TUM") == "Trà Vinh"
    assert _prov("Sở họp giao ban.", chrome="CỔNG THÔNG TIN ĐIỆN TỬ TỈNH KON TUM") == "Kon Tum"


def test_province_lookup_is_fast_on_a_4kb_article():
    text = ("Sở Thông tin và Truyền thông tỉnh Hậu Giang tổ chức họp giao ban, huyện Châu Thành A, "
            "thành phố Vị Thanh, Phó Giám đốc Sở Nguyễn Văn A chủ trì. ") * 30
    start = time.perf_counter()
    for _ in range(20):
        find_province(text, None, "", None)
    assert (time.perf_counter() - start) / 20 < 0.005


def test_given_names_that_spell_a_province_are_not_the_province():
    assert _prov("Giám đốc Sở TT&TT Phạm Thanh Hoa chủ trì hội nghị tại Sở Thông tin và Truyền thông tỉnh Yên Bái.") == "Yên Bái"


def test_the_departments_own_province_wins_over_a_province_visited():
    assert _prov("Sở Thông tin và Truyền thông Hải Phòng tổ chức họp giao ban. "
                 "Đoàn công tác của Sở đã đi học tập kinh nghiệm tại tỉnh Lai Châu.") == "Hải Phòng"
    assert _prov("Sở Thông tin và Truyền thông tỉnh Quảng Ngãi tổ chức họp giao ban. "
                 "Đoàn đã học tập kinh nghiệm tại tỉnh Hưng Yên.") == "Quảng Ngãi"

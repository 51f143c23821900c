"""E-government topics: codes of the corpus README, matched on folded text."""
from __future__ import annotations

from loaders.topics import find_topics


def _codes(text: str) -> set[str]:
    return {h.value for h in find_topics(text)}


def test_topics_are_found_whatever_the_tone_placement_or_case():
    assert _codes("Cổng Dịch vụ công trực tuyến và hệ thống một cửa điện tử") == {
        "dich_vu_cong_truc_tuyen", "mot_cua_dien_tu"}
    assert "an_toan_thong_tin" in _codes("BẢO ĐẢM AN TOÀN THÔNG TIN MẠNG")


def test_place_names_do_not_trigger_topics():
    assert "chu_ky_so" not in _codes("Phòng Văn hóa thông tin các huyện Kỳ Sơn, Tương Dương")


def test_issuing_electronic_documents_is_not_press_and_publishing():
    assert "bao_chi_xuat_ban" not in _codes("Kế hoạch triển khai việc phát hành văn bản điện tử")


def _topics(text: str) -> set[str]:
    return _codes(text)


def test_topics_of_post_2021_names_and_telecom_figures():
    assert {"mot_cua_dien_tu", "dich_vu_cong_truc_tuyen"} <= _topics(
        "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh đã tiếp nhận 186 hồ sơ.")
    assert "ha_tang_vien_thong" in _topics("Số thuê bao Internet băng rộng cố định đạt 120 nghìn thuê bao.")
    assert "chinh_quyen_dien_tu" in _topics("Sở hoàn thiện Kế hoạch ứng dụng CNTT năm 2013, trình UBND tỉnh.")


def test_a_meeting_held_partly_online_and_a_departments_name_are_not_topics():
    assert _topics("Sở tổ chức giao ban theo hình thức trực tiếp kết hợp trực tuyến.") == set()
    assert _topics("Phòng Bưu chính - Viễn thông hoàn thiện Tờ trình.") == set()

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

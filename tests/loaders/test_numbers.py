"""Quantities: Vietnamese number formats, and what is not a quantity."""
from __future__ import annotations

from loaders.numbers import find_numbers, parse_number


def _nums(text: str) -> list[tuple]:
    return [(h.value["value"], h.value["unit"]) for h in find_numbers(text, [])]


def test_vietnamese_number_formats():
    assert parse_number("23.600") == 23600 and parse_number("45,6") == 45.6
    assert parse_number("1.082.300") == 1082300


def test_counts_percentages_and_thousands():
    assert _nums("tiếp nhận 23.600 hồ sơ, đạt 45,6%; có 22 ngàn thuê bao và hơn 200 trạm BTS") == [
        (23600, "hồ sơ"), (45.6, "%"), (22000, "thuê bao"), (200, "trạm BTS")]


def test_millions_and_billions_stay_in_the_unit():
    assert _nums("kinh phí khoảng 3,5 tỷ đồng") == [(3.5, "tỷ đồng")]


def test_ratios_and_ranks():
    assert _nums("triển khai tại 8/8 huyện; tỉnh xếp thứ 51/63") == [(8, "huyện"), (51, "thứ hạng/63")]


def test_labels_levels_durations_and_years_are_not_quantities():
    text = ("dịch vụ công mức độ 3, giai đoạn 1, Cụm thi đua số 2, sau gần 5 tháng, năm 2025 là năm "
            "chuyển đổi số, bảo đảm an toàn cấp độ 3, tăng 8,2% so với cùng kỳ")
    assert _nums(text) == []


def test_the_text_at_each_span_is_the_number_as_written():
    text = "Toàn tỉnh có hơn 1.400 trạm BTS, 100% xã có sóng 4G."
    hits = find_numbers(text, [])
    assert [text[h.start:h.end] for h in hits] == [h.value["text"] for h in hits] == ["hơn 1.400 trạm BTS", "100%"]


def test_a_month_and_year_is_no_rank():
    assert _nums("Sở triển khai các nhiệm vụ trong tháng 10/2025.") == []
    assert _nums("Chỉ số DTI của tỉnh xếp thứ 12/63.") == [(12.0, "thứ hạng/63")]


def test_the_counted_words_stay_on_the_numbers_line():
    assert _nums("Đang online: 7\nSáng nay Sở họp") == []


def test_tasks_are_counted_and_a_models_layers_are_a_label():
    assert _nums("Nghị quyết 57-NQ/TW với 42 nhiệm vụ cụ thể.") == [(42.0, "nhiệm vụ cụ")]
    assert _nums("bảo đảm an toàn thông tin theo mô hình 4 lớp") == []

"""Reference lists: Vietnamese order, provinces by region, conversions between boundaries."""
from __future__ import annotations

from queries.reference import (
    members_2025,
    province_options,
    provinces_in_regions,
    region_of,
    to_boundary,
    vi_sort_key,
)


def test_vietnamese_order_puts_d_stroke_after_d_and_words_before_longer_words() -> None:
    names = ["Đồng Tháp", "Điện Biên", "Dak", "An Giang", "Ăn", "Hải Dương", "Hà Nội", "Hà Giang"]
    assert sorted(names, key=vi_sort_key) == [
        "An Giang", "Ăn", "Dak", "Điện Biên", "Đồng Tháp", "Hà Giang", "Hà Nội", "Hải Dương"]


def test_province_options_cover_both_boundaries_grouped_by_region() -> None:
    old, new = province_options("63"), province_options("34")
    assert len(old) == 63 and len(new) == 34
    regions = [region_of(p) for p in old]
    assert regions == sorted(regions, key=regions.index)  # each region is one block
    assert old[0] in provinces_in_regions(("trung_du_mien_nui_phia_bac",))


def test_provinces_of_a_region() -> None:
    mekong = provinces_in_regions(("dong_bang_song_cuu_long",))
    assert "Hậu Giang" in mekong and "Nghệ An" not in mekong and len(mekong) == 13


def test_selection_converts_from_63_to_34_and_back() -> None:
    assert to_boundary(("Hậu Giang", "Bạc Liêu", "Nghệ An"), "34", "63") == ("Cần Thơ", "Cà Mau", "Nghệ An")
    assert to_boundary(("Cần Thơ",), "63", "34") == members_2025()["Cần Thơ"]
    assert set(members_2025()["Cần Thơ"]) == {"Cần Thơ", "Hậu Giang", "Sóc Trăng"}


def test_a_name_valid_in_both_boundaries_is_kept_when_the_source_is_unknown() -> None:
    assert to_boundary(("Đồng Tháp",), "63") == ("Đồng Tháp",)
    assert to_boundary(("Huế",), "63") == ("Thừa Thiên Huế",)
    assert to_boundary(("Atlantis",), "63") == ()

"""Text helpers: one tone placement for matching, accent folding that keeps offsets."""
from __future__ import annotations

import unicodedata

from loaders.text import fold, key, nfc, normalize_tones


def test_old_and_new_tone_placement_give_the_same_matching_form():
    assert normalize_tones("Hoà Bình") == normalize_tones("Hòa Bình") == "Hòa Bình"
    assert normalize_tones("Uỷ ban nhân dân") == "Ủy ban nhân dân"
    assert normalize_tones("Thuý") == "Thúy"
    assert normalize_tones("khoẻ") == "khỏe"


def test_tone_placement_leaves_qu_and_closed_syllables_alone():
    assert normalize_tones("quý") == "quý"
    assert normalize_tones("hoàng") == "hoàng"
    assert normalize_tones("thuyền") == "thuyền"


def test_decomposed_input_normalises_to_the_same_text():
    nfd = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    assert nfc(nfd) == "Thừa Thiên Huế"
    assert normalize_tones(nfd) == "Thừa Thiên Huế"


def test_fold_keeps_one_character_per_character_so_offsets_carry_over():
    text = "Đồng chí Lê Hữu Phước, Giám đốc Sở TT&TT – “Hoà”"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("dong chi le huu phuoc, giam doc so tt&tt")
    i = text.index("Phước")
    assert folded[i:i + 5] == "phuoc"


def test_key_compares_names_without_accents_spaces_or_case():
    assert key("Thanh Hoá") == key("THANH HÓA") == "thanhhoa"

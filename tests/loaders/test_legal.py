"""Legal references: document numbers normalised the way the evaluation keys them."""
from __future__ import annotations

from loaders.legal import find_legal_refs, legal_key


def _refs(text: str) -> list[str]:
    return [h.value["text"] for h in find_legal_refs(text)]


def test_numbered_documents_keep_the_number_symbol_as_written_with_type_and_issuer_apart():
    hits = find_legal_refs("theo Thông tư số 81/2017/TT-BTC ngày 09/8/2017 và Quyết định 749/QĐ-TTg")
    assert [h.value["text"] for h in hits] == ["81/2017/TT-BTC", "749/QĐ-TTg"]
    assert hits[0].value["type"] == "Thông tư" and hits[0].value["year"] == "2017"
    assert hits[0].value["key"] == "81/2017/tt-btc"


def test_party_documents_put_the_number_before_the_type():
    assert _refs("quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị và Chỉ thị 15-CT/TU") == ["57-NQ/TW", "15-CT/TU"]


def test_letter_suffixes_and_national_assembly_symbols():
    assert _refs("Nghị quyết 36a/NQ-CP và Nghị quyết 202/2025/QH15") == ["36a/NQ-CP", "202/2025/QH15"]


def test_bare_references_and_named_laws():
    assert _refs("sắp xếp theo Nghị Quyết 18; triển khai Luật Giao dịch điện tử năm 2023") == [
        "Nghị Quyết 18", "Luật Giao dịch điện tử năm 2023"]


def test_ratios_years_and_named_programmes_are_not_legal_references():
    assert _refs("triển khai tại 8/8 huyện, xếp thứ 9/63, Kế hoạch 2020 và Đề án 06") == []


def test_keys_match_the_scorer_normal_form():
    assert legal_key("Kế hoạch số 28/KH-STTTT") == legal_key("28/KH-STTTT") == "28/kh-sttttt"[:-1]
    assert legal_key("Nghị Quyết 18") == "nghi quyet 18"


def test_every_span_shows_the_reference_text():
    text = "Thực hiện Thông tư số 81/2017/TT-BTC, Nghị quyết số 57-NQ/TW và Nghị Quyết 18."
    for h in find_legal_refs(text):
        assert text[h.start:h.end] == h.value["text"]

"""Whole records: the five seed articles, spans that point into the stored text, and input
variants (tone placement, NFD) that must not change the record."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from loaders import read
from loaders.clean import clean
from loaders.extract import extract

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple]:
    out = {}
    for f in read.discover(SEEDS):
        for doc in read.read_file(f, SEEDS):
            cleaned = clean(doc.text, doc.title)
            out[doc.doc_id[:3]] = (cleaned, extract(doc.doc_id, cleaned, doc.url, doc.published))
    return out


# (province, province_2025, meeting_date, publication_date, meeting_type, period, chair)
EXPECTED = {
    "000": ("Hậu Giang", "Cần Thơ", "2017-10-19", None, "giao_ban", "2017-10", "Phạm Văn Tửu"),
    "001": ("Đồng Tháp", "Đồng Tháp", "2019-06-18", "2019-06-19", "lam_viec", "2019-H1", "Nguyễn Văn Dương"),
    "002": ("Nghệ An", "Nghệ An", "2018-11-19", "2018-12-03", "giao_ban", "2018", "Phan Nguyên Hào"),
    "003": ("Bạc Liêu", "Cà Mau", "2009-04-20", None, "lam_viec", None, "Vũ Văn Họa"),
    "004": ("Hậu Giang", "Cần Thơ", "2020-09-21", "2021-01-13", "lam_viec", None, "Lê Tiến Châu"),
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_province_dates_type_period_and_chair(seeds, seed):
    rec = seeds[seed][1].to_json()
    got = (rec["province"], rec["province_2025"], rec["meeting_date"], rec["publication_date"],
           rec["meeting_type"], rec["period"], rec["chair_name"])
    assert got == EXPECTED[seed]


def test_seed_nghe_an_is_found_from_district_names_only(seeds):
    cleaned, rec = seeds["002"]
    assert "Nghệ An" not in cleaned.text
    assert rec.province.value == "Nghệ An" and rec.province.rule == "province.district"


def test_21_9_resolves_to_2020_in_seed_004(seeds):
    rec = seeds["004"][1]
    assert rec.meeting_date.value == "2020-09-21"
    assert rec.meeting_date.rule.endswith("year.publication")


def test_seed_001_byline_is_not_a_person_and_older_news_dates_are_ignored(seeds):
    cleaned, rec = seeds["001"]
    assert cleaned.byline and "Quốc Cường" in cleaned.byline
    assert all("Quốc Cường" not in h.value[0] for h in rec.people)
    assert "8/7/2009" not in cleaned.text


def test_extraction_spans_lie_inside_the_text_and_show_what_the_value_says(seeds):
    for cleaned, rec in seeds.values():
        text = cleaned.text
        hits = [rec.province, rec.meeting_date, rec.chair, *rec.people, *rec.projects, *rec.topics,
                *rec.deadlines, *rec.legal_refs, *rec.numbers]
        for h in hits:
            if h is not None and h.source == "text":
                assert 0 <= h.start < h.end <= len(text), h
        for h in rec.people:
            assert text[h.start:h.end] == h.value[0]
        for h in rec.legal_refs:
            assert text[h.start:h.end] == h.value["text"]
        for h in rec.numbers:
            assert text[h.start:h.end] == h.value["text"]
        for h in rec.deadlines:
            assert text[h.start:h.end] == h.extra["text"]


ARTICLE = ("Sở Thông tin và Truyền thông tỉnh Hòa Bình giao ban tháng 10/2017\n"
           "Ngày 19/10/2017, Sở Thông tin và Truyền thông tỉnh Hòa Bình tổ chức họp giao ban. Ông Nguyễn Văn "
           "Thủy, Giám đốc Sở chủ trì. Ủy ban nhân dân tỉnh yêu cầu hoàn thành Cổng dịch vụ công trực tuyến "
           "trước ngày 30/11/2017; tỷ lệ hồ sơ trực tuyến đạt 45,6%.")


def _record(text: str) -> dict:
    rec = extract("x", clean(text)).to_json()
    rec.pop("provenance")
    return rec


def test_old_and_new_tone_placement_give_the_same_record():
    old = ARTICLE.replace("Hòa Bình", "Hoà Bình").replace("Thủy", "Thuỷ").replace("Ủy", "Uỷ")
    new, variant = _record(ARTICLE), _record(old)
    assert new["province"] == variant["province"] == "Hòa Bình"
    assert new["chair_name"] == "Nguyễn Văn Thủy" and variant["chair_name"] == "Nguyễn Văn Thuỷ"
    for field in ("meeting_date", "meeting_type", "period", "egov_topics", "deadlines", "numbers"):
        assert new[field] == variant[field], field


def test_decomposed_unicode_input_gives_the_same_record():
    assert _record(unicodedata.normalize("NFD", ARTICLE)) == _record(ARTICLE)


def test_after_july_2025_the_province_is_the_new_province():
    text = ("Sở Khoa học và Công nghệ tỉnh Bạc Liêu giao ban tháng 8/2025\n"
            "Ngày 04/9/2025, Sở Khoa học và Công nghệ tỉnh Bạc Liêu tổ chức họp giao ban tháng 8.")
    rec = _record(text)
    assert rec["province"] == rec["province_2025"] == "Cà Mau"

"""Every string the UI shows exists in Vietnamese and English."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from loaders.models import REJECT_REASONS
from queries.quality import COVERAGE_FIELDS
from queries.reference import MEETING_TYPES, PROJECT_KINDS, REGIONS_ORDERED, STAGES, TOPICS
from ui.highlight import COLOURS
from ui.strings import TEXT

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "ui").glob("*.py")),
           *sorted((ROOT / "pages").glob("*.py"))]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
PREFIXED_KEY = re.compile(r"""\bt\(\s*f["']([a-z0-9_.]+)\.\{""")
LABEL_PREFIX = re.compile(r"""\blabel\(\s*["']([a-z_]+)["']""")

CODES = {
    "topic": TOPICS, "type": (*MEETING_TYPES, "unknown"), "stage": (*STAGES, "unknown"),
    "kind": PROJECT_KINDS, "region": (*REGIONS_ORDERED, "other"),
    "region_short": (*REGIONS_ORDERED, "other"), "reject": REJECT_REASONS,
    "field": tuple(COVERAGE_FIELDS), "status": ("upcoming", "past", "unknown"),
    "span": tuple(COLOURS), "filter.boundary": ("63", "34"), "nav": (
        "overview", "projects", "egov", "meetings", "province", "quality", "methods"),
    "methods.accuracy": ("corpus", "seeds"),
}


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)


def _used_keys() -> set[str]:
    keys = set(LITERAL_KEY.findall(_source()))
    for prefix in set(PREFIXED_KEY.findall(_source())) | set(LABEL_PREFIX.findall(_source())):
        assert prefix in CODES, f"no code list for dynamic key prefix {prefix!r}"
        keys |= {f"{prefix}.{code}" for code in CODES[prefix]}
    return keys


def test_the_scan_finds_the_keys_the_pages_use() -> None:
    keys = _used_keys()
    assert {"nav.overview", "filter.provinces", "topic.chu_ky_so", "reject.corrupt_pdf"} <= keys
    assert len(keys) > 150


@pytest.mark.parametrize("key", sorted(_used_keys()))
def test_every_ui_string_has_vietnamese_and_english(key: str) -> None:
    entry = TEXT.get(key)
    assert entry is not None, f"missing translation: {key}"
    assert entry.get("vi", "").strip() and entry.get("en", "").strip(), key


def test_vietnamese_titles_use_proper_diacritics() -> None:
    assert [TEXT[f"nav.{p}"]["vi"] for p in CODES["nav"]] == [
        "Tổng quan", "Dự án", "Chính quyền điện tử", "Cuộc họp", "Hồ sơ tỉnh",
        "Chất lượng dữ liệu", "Phương pháp"]
    assert TEXT["filter.boundary.63"]["vi"] == "Ranh giới 63 tỉnh (trước 7/2025)"
    assert TEXT["filter.boundary.34"]["vi"] == "34 tỉnh/thành (từ 1/7/2025)"
    assert [TEXT[f"type.{c}"]["vi"] for c in MEETING_TYPES] == [
        "Giao ban", "Làm việc", "Sơ kết/Tổng kết", "Hội nghị khác"]


def test_placeholders_match_in_both_languages() -> None:
    for key, entry in TEXT.items():
        assert set(re.findall(r"\{(\w+)\}", entry["vi"])) == set(re.findall(r"\{(\w+)\}", entry["en"])), key

"""Property-based: arbitrary bytes and text never make reading, cleaning or extraction raise."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.build import process_doc
from loaders.clean import clean
from loaders.extract import extract
from loaders.models import Reject, SourceDoc
from loaders.read import read_file

# Vietnamese-looking text: letters with diacritics, digits, date and number punctuation, and
# the words extraction keys on, so the rules actually fire on the generated input.
WORDS = ["Ngày", "19/11/2018", "21/9", "tháng", "10", "năm", "2017", "Sở", "TT&TT", "tỉnh",
         "Hậu Giang", "huyện", "Tân Kỳ", "Giám đốc", "Phạm Văn Tửu", "chủ trì", "giao ban",
         "làm việc", "trước", "quý", "III/2021", "Thông tư", "số", "81/2017/TT-BTC", "23.600",
         "hồ sơ", "45,6%", "dự án", "Cổng", "dịch vụ công", "Đề án", "Các tin cũ hơn:", "\n",
         "Lượt truy cập", ",", ".", ";", "(", ")", "–", "Hoà", "Uỷ", "e\u0301", "\u0300"]
vi_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=120).map(" ".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_record(text: str) -> None:
    cleaned = clean(text)
    rec = extract("doc", cleaned)
    n = len(cleaned.text)
    for hit in [rec.province, rec.meeting_date, rec.publication_date, rec.chair, rec.period,
                *rec.people, *rec.projects, *rec.topics, *rec.deadlines, *rec.legal_refs, *rec.numbers]:
        if hit is None or hit.source != "text":
            continue
        assert 0 <= hit.start <= hit.end <= n, hit
    rec.to_json()


@SETTINGS
@given(vi_text)
def test_cleaning_and_extraction_never_raise_and_spans_stay_inside_the_text(text):
    _check_record(text)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_unicode_text_is_extracted_without_error(text):
    _check_record(text)


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".docx", ".pdf", ".jsonl", ".csv"]))
def test_reading_arbitrary_bytes_gives_documents_or_rejects_never_an_exception(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_bytes(data)
        results = read_file(path, Path(tmp))
        assert results, "every input yields at least a document or a reject"
        for r in results:
            assert isinstance(r, (SourceDoc, Reject))
            if isinstance(r, Reject):
                assert "input" in r.detail
            else:
                process_doc(r)

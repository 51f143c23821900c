"""The caches and shortcuts added for speed give exactly what the plain computations give."""
from __future__ import annotations

import io
import random

import docx
import pytest
from docx.table import Table

from loaders import clean as clean_mod
from loaders import dates, numbers, people, projects, read
from loaders import text as T
from loaders.clean import clean
from loaders.text import fold, memo

LINES = [
    "Cổng TTĐT tỉnh Hậu Giang", "Trang chủ | Tin tức | Liên hệ", "Cập nhật ngày: 20/10/2017 08:15",
    "Giao ban công tác chuyển đổi số quý III năm 2023",
    "Sáng ngày 21/9, Sở Thông tin và Truyền thông tổ chức họp giao ban. Ông Nguyễn Văn An, Giám đốc Sở "
    "chủ trì hội nghị.",
    "Ảnh: T.H", "Các tin cũ hơn:", "Đề án 06 đã triển khai 23.600 hồ sơ, đạt 45,6%.",
    "ıſẛK and İ, Σ σ ς, Hoà Bình, khoẻ, THUÝ", "Từ ngày 28/2 đến ngày 1/3/2017 đoàn làm việc với 8/8 huyện",
    "Tin, ảnh: Minh Anh", "   ", "\u00a0\t x  y ", "Hội nghị kết thúc lúc 11 giờ. Tin liên quan: Giao ban quý I",
    "Kế hoạch số 28/KH-STTTT ngày 12/3/2019 về Cổng dịch vụ công",
]


def _articles(n: int, seed: int = 5):
    rng = random.Random(seed)
    for _ in range(n):
        lines = [rng.choice(LINES) + rng.choice(["", " ", ".", " 12/3", " ngày 5 tháng 6 năm 2020"])
                 for _ in range(rng.randint(1, 30))]
        yield "\n".join(lines), rng.choice([None, "Giao ban công tác chuyển đổi số", "Tin tức | Cổng TTĐT"])


def test_clean_gives_fold_the_fold_of_its_text_and_chrome():
    for raw, title in _articles(300):
        fold.cache_clear()
        c = clean(raw, title)
        for part in (c.text, c.chrome):
            got_fold, got_plain = fold(part), T.plain(fold(part))
            fold.cache_clear()
            assert got_fold == fold(part) and got_plain == T.plain(fold(part))
            fold.cache_clear()


def test_memo_caches_and_clears_with_fold():
    calls = []

    @memo(size=2)
    def f(x: str) -> str:
        calls.append(x)
        return x.upper()

    assert [f("a"), f("a"), f("b"), f("c"), f("c")] == ["A", "A", "B", "C", "C"]
    assert calls == ["a", "b", "c"]
    fold.cache_clear()
    assert f("c") == "C" and calls == ["a", "b", "c", "c"]


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Hậu Giang", "Kiên Giang Lê Mạnh Hiếu", "Hoà Bình",
                                  "Lê Tiến Châu", "Trần Thị Thuý"])
def test_cached_name_functions_are_the_functions(name):
    assert people.person_key(name) == people.person_key.__wrapped__(name)
    assert people._not_a_name(name) == people._not_a_name.__wrapped__(name)
    assert people._run_names(name) == people._run_names.__wrapped__(name)
    assert projects.project_key("Đề án " + name) == projects._project_key.__wrapped__("Đề án " + name)
    assert clean_mod._stamp_line(name + " 12/3/2020") == clean_mod._stamp_line.__wrapped__(name + " 12/3/2020")
    assert numbers._counted(" " + name) == numbers._counted.__wrapped__(" " + name)


def _date_text(rng: random.Random) -> str:
    pieces = ["ngày", "21/9", "5 - 6/10", "tháng", "12", "năm 2023", "đến", "từ ngày", "huyện", "8/8",
              "AM", "10:15", "Thông tư số 81/2017/TT-BTC", "Sáng", "(14/1)", "đến ngày 1/3/2017", "  ",
              "hội nghị giao ban chuyển đổi số của tỉnh", "Sở Thông tin và Truyền thông tổ chức"]
    lines = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(1, 8))]
    return "\n".join(lines).strip() or "x"


def test_meeting_candidates_of_a_cut_text_read_off_the_whole_text():
    rng = random.Random(11)
    for _ in range(1500):
        text = _date_text(rng)
        cuts = [i for i, ch in enumerate(text) if ch == "\n"] + [len(text), rng.randint(0, len(text))]
        for cut in cuts:
            for skip in (None, (0, 8)):
                got = dates._candidates_before(text, cut, skip)
                want = dates.meeting_candidates(text[:cut], skip)
                assert [(h.value, h.start, h.end, h.rule, h.extra) for h in got] == \
                       [(h.value, h.start, h.end, h.rule, h.extra) for h in want]


def _python_docx_text(data: bytes):
    """What read._docx_doc read before the parse cache: python-docx's own Document()."""
    document = docx.Document(io.BytesIO(data))
    parts = []
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            parts.append(block.text)
            continue
        for row in block.rows:
            cells, seen = [], []
            for cell in row.cells:
                if not any(cell._tc is tc for tc in seen) and cell.text.strip():
                    cells.append(cell.text.strip())
                seen.append(cell._tc)
            parts.append(" | ".join(cells))
    return "\n".join(p for p in parts if p.strip()), document.core_properties.title or None


def test_docx_reading_with_the_parse_cache_is_python_docx_reading():
    for i in range(3):  # the second and third reuse the parsed styles of the first
        d = docx.Document()
        d.core_properties.title = f"Giao ban {i}"
        d.add_paragraph("Sáng ngày 21/9, Sở TT&TT họp giao ban.")
        table = d.add_table(rows=2, cols=3)
        table.cell(0, 0).merge(table.cell(0, 1)).text = "UBND TỈNH"
        table.cell(1, 2).text = f"Số {i}/BC"
        buf = io.BytesIO()
        d.save(buf)
        data = buf.getvalue()
        assert read._docx_doc(data) == _python_docx_text(data)
    assert read._DOCX_PARTS  # the styles part was kept
    broken = b"PK\x03\x04 this is not really a zip"
    with pytest.raises(Exception) as before:  # noqa: B017 - whatever python-docx raises
        docx.Document(io.BytesIO(broken))
    with pytest.raises(before.type):
        read._docx_doc(broken)


def test_bare_years_are_the_regex_matches():
    import re

    pattern = re.compile(r"(?<![\d/.,])(19\d{2}|20\d{2})(?![\d/])")
    rng = random.Random(4)
    alphabet = list("0123456789/.,- a\n") + ["١", "19", "20", "2023", "1999"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) * rng.choice([1, 12])
        assert list(dates._bare_years(text)) == [(m.start(), int(m.group(1))) for m in pattern.finditer(text)]

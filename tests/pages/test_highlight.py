"""Article highlighting: escaped text, one mark per piece, overlapping spans never break tags."""
from __future__ import annotations

from ui.highlight import highlight, legend


def test_values_are_wrapped_in_marks_by_kind() -> None:
    out = highlight("Hậu Giang ngày 15/3", [(0, 9, "province", "Tỉnh"), (10, 19, "date", "Ngày")])
    assert '<mark class="k-province" title="Tỉnh">Hậu Giang</mark>' in out
    assert '<mark class="k-date" title="Ngày">ngày 15/3</mark>' in out


def test_article_text_and_tooltips_are_escaped() -> None:
    text = '<script>alert(1)</script> <img src=x onerror="alert(2)">'
    out = highlight(text, [(0, 8, "people", '"><script>x</script>')])
    assert "<script" not in out and "<img" not in out
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in out
    assert 'title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in out


def test_overlapping_spans_give_well_formed_marks() -> None:
    out = highlight("Giám đốc Nguyễn Văn Tư", [(0, 22, "people", "p"), (9, 22, "chair", "c")])
    assert out.count("<mark") == out.count("</mark>") == 2
    assert '<mark class="k-chair" title="c">Nguyễn Văn Tư</mark>' in out


def test_spans_outside_the_text_or_of_unknown_kinds_are_ignored() -> None:
    out = highlight("abc", [(-5, 2, "numbers", "n"), (1, 99, "topics", "t"), (0, 1, "evil", "e"),
                            (None, 2, "date", "d")])
    assert "k-evil" not in out and out.count("<mark") == 2


def test_legend_lists_only_the_kinds_present() -> None:
    out = legend({"date": "Ngày họp", "topics": "Chủ đề <b>"}, present={"topics"})
    assert "k-topics" in out and "k-date" not in out and "Chủ đề &lt;b&gt;" in out

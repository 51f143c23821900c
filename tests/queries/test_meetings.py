"""The meetings table: accent-insensitive search, paging, and one meeting with its spans."""
from __future__ import annotations

import pytest

from queries.filters import Filters
from queries.meetings import count_meetings, meeting_detail, meetings_table, search_pattern
from tests.fixtures import HOSTILE, MEETINGS


def _ids(con, search: str, f: Filters | None = None) -> set[str]:
    return set(meetings_table(con, f or Filters(), search)["doc_id"])


def test_unaccented_search_finds_the_accented_province(con) -> None:
    assert _ids(con, "hau giang") == {"hg-2017-lam-viec", "hg-2019-giao-ban", "hg-2021-tong-ket",
                                      "ct-2025-giao-ban"}


def test_unaccented_phrase_finds_cong_dich_vu_cong(con) -> None:
    assert _ids(con, "cong dich vu cong") == {"hg-2017-lam-viec", "hg-2019-giao-ban",
                                              "hg-2021-tong-ket"}


def test_search_folds_d_stroke(con) -> None:
    # DuckDB's strip_accents keeps đ; both sides are folded to d.
    assert _ids(con, "hoang van duc") == {"na-2020-giao-ban"}
    assert _ids(con, "ĐỒNG THÁP") == {"dt-2012-tong-ket", "dt-2016-giao-ban"}


def test_search_matches_words_not_parts_of_words(con) -> None:
    assert _ids(con, "ang giang") == set()


def test_search_also_looks_at_the_chair(con) -> None:
    assert "tth-2023-giao-ban" in _ids(con, "truong thi hanh")


def test_search_combines_with_filters(con) -> None:
    assert _ids(con, "chuyen doi so", Filters(provinces=("Nghệ An",))) == {"na-2020-giao-ban"}
    assert count_meetings(con, Filters(year_to=2019), "hau giang") == 2


def test_empty_search_lists_every_meeting_newest_first(con) -> None:
    table = meetings_table(con, Filters(), "")
    assert len(table) == count_meetings(con, Filters()) == len(MEETINGS)
    assert table["meeting_date"].iloc[0] == "2025-08-15"
    assert list(table.columns[:6]) == ["doc_id", "province", "meeting_date", "meeting_type",
                                       "chair_name", "chair_title"]


def test_the_table_is_paged(con) -> None:
    first = meetings_table(con, Filters(), limit=4)
    second = meetings_table(con, Filters(), limit=4, offset=4)
    assert len(first) == len(second) == 4
    assert not set(first["doc_id"]) & set(second["doc_id"])


@pytest.mark.parametrize("query", [
    "'; DROP TABLE meetings; --", ".*", "(", "[a-", "\\", "%_%", "\x00", "a" * 5000,
    "<script>", "' OR 1=1 --",
])
def test_a_hostile_search_gives_no_error(con, query: str) -> None:
    assert count_meetings(con, Filters(), query) == len(meetings_table(con, Filters(), query))


def test_a_hostile_search_finds_nothing_it_should_not(con) -> None:
    assert _ids(con, "' OR 1=1 --") == set()


def test_search_pattern_keeps_only_letters_and_digits() -> None:
    assert search_pattern("Cổng dịch-vụ (công)!") == r"\bcong[^a-z0-9]+dich[^a-z0-9]+vu[^a-z0-9]+cong"
    assert search_pattern("  ...  ") is None


def test_meeting_detail_has_every_kind_of_span(con) -> None:
    detail = meeting_detail(con, "hg-2019-giao-ban")
    assert detail.meeting["province"] == "Hậu Giang"
    kinds = set(detail.spans["kind"])
    assert kinds == {"province", "date", "chair", "people", "projects", "topics", "deadlines",
                     "legal_refs", "numbers"}


def test_every_span_points_at_its_value_in_the_text(con) -> None:
    detail = meeting_detail(con, "hg-2019-giao-ban")
    text = detail.document["text"]
    for row in detail.spans.itertuples(index=False):
        written = text[row.start:row.end]
        if row.kind in ("people", "chair", "projects", "deadlines", "legal_refs", "numbers",
                        "province"):
            assert written == row.value, row
    assert "text_folded" not in detail.document


def test_a_non_meeting_document_has_no_meeting_row(con) -> None:
    detail = meeting_detail(con, "hg-2020-quyet-dinh")
    assert detail is not None and detail.meeting is None


def test_an_unknown_document_gives_none(con) -> None:
    assert meeting_detail(con, "no-such-doc") is None
    assert meeting_detail(con, "' OR 1=1 --") is None


def test_the_hostile_article_text_is_returned_verbatim(con) -> None:
    # Escaping is the page's job; the query must not alter the article.
    assert HOSTILE in meeting_detail(con, "na-2020-giao-ban").document["text"]

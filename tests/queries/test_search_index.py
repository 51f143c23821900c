"""The search index (search_shingles) finds exactly the meetings that reading every text finds."""
from __future__ import annotations

import re
import shutil

import duckdb
import pytest

from bench.gen_tables import generate
from loaders.derived import write_derived
from loaders.schema import ON_DISK, derived_sql
from queries.connection import connect, current_snapshot
from queries.filters import Filters
from queries.meetings import _brute_force_sql, _match_sql, count_meetings, meetings_table


def _ids(con, sql: str, params: list) -> set[str]:
    """The doc_ids of the meetings whose doc_key the query returns (only current keys)."""
    return {r[0] for r in con.execute(
        f"SELECT doc_id FROM meetings WHERE doc_key IN ({sql})", params).fetchall()}


def _both(con, query: str) -> tuple[set[str], set[str]]:
    return _ids(con, *_match_sql(query)), _ids(con, *_brute_force_sql(query))


def _queries(con, n: int = 60) -> list[str]:
    """Phrases of one to five words cut from the searchable texts themselves (so most of them
    match), the same cut short (the last word a prefix), and a few that match nothing."""
    texts = [r[0] for r in con.execute(
        "SELECT coalesce(d.text_folded, '') || ' ' || coalesce(m.title, '') FROM meetings m "
        "LEFT JOIN documents d USING (doc_id) ORDER BY m.doc_id").fetchall()]
    out = ["khong co tu nay", "zzz", "2019", "so", "s", "d"]
    for i, text in enumerate(texts):
        words = re.findall(r"[a-z0-9]+", text.lower())
        for k in range(1, 6):
            if len(words) > k:
                start = (i * 7 + k * 13) % (len(words) - k)
                phrase = words[start:start + k]
                out.append(" ".join(phrase))
                out.append(" ".join(phrase[:-1] + [phrase[-1][:2]]))
    return out[:n * 3]


def test_the_index_agrees_with_a_scan_on_the_fixture(con) -> None:
    checked = 0
    for query in _queries(con):
        found, scanned = _both(con, query)
        assert found == scanned, query
        checked += bool(scanned)
    assert checked > 20  # most phrases match something: the comparison is not vacuous


@pytest.fixture(scope="module")
def tricky() -> duckdb.DuckDBPyConnection:
    """Texts where words touch "_", digits, punctuation, the title and the chair's name."""
    con = duckdb.connect()
    texts = {
        "a": "chu ky so trien khai", "b": "chu_ky so", "c": "x_chu ky so", "d": "chu-ky-so!",
        "e": "chu ky sochu", "f": "achu ky so", "g": "ky so", "h": "cong dich vu cong 2019",
        "i": "", "j": "so_", "k": "dich vu cong truc tuyen muc 4 nam 2019 tai tinh",
    }
    con.execute("CREATE TABLE documents (doc_id VARCHAR, text_folded VARCHAR)")
    con.execute("CREATE TABLE meetings (doc_id VARCHAR, title VARCHAR, chair_name VARCHAR, "
                "doc_key BIGINT)")
    for doc, text in texts.items():
        con.execute("INSERT INTO documents VALUES (?, ?)", [doc, text])
        con.execute("INSERT INTO meetings VALUES (?, ?, ?, ?)",
                    [doc, "Giao ban Sở" if doc in "ab" else None,
                     "Đặng Văn Chủ" if doc == "c" else None, ord(doc)])
    con.execute("INSERT INTO meetings VALUES ('z', 'Chữ ký số', 'Lê Thị Kỳ', 122)")  # no document
    con.execute(f"CREATE TABLE search_shingles AS {derived_sql('search_shingles')}")
    return con


@pytest.mark.parametrize("query", [
    "chu ky so", "chu ky", "chu", "ky so", "ky", "so", "sochu", "chu ky so trien khai",
    "chu ky so trien", "so giao ban", "trien khai giao", "ban so", "dang van chu", "so dang",
    "cong dich vu cong", "vu cong 2019", "2019", "201", "dich vu cong truc tuyen muc 4",
    "cong truc tuyen muc 4 nam 2019 tai", "so chu", "chu ky so kỳ", "le thi ky", "x",
])
def test_the_index_agrees_with_a_scan_where_words_touch(tricky, query: str) -> None:
    found, scanned = _both(tricky, query)
    assert found == scanned


def test_a_word_after_an_underscore_is_no_first_word_but_may_follow_one(tricky) -> None:
    found, _ = _both(tricky, "chu ky so")
    # "x_chu": "chu" starts no word (regex \b); "chu_ky": "ky" may follow "_"; "achu": no.
    assert "b" in found and "c" not in found and "f" not in found
    assert "z" in found  # a meeting without a document is found by its title


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated snapshot (bench/gen_tables.py) with its derived tables written to Parquet."""
    root = tmp_path_factory.mktemp("generated")
    generate(400, root, seed=3)
    con = connect(current_snapshot(root))
    yield con.cursor()
    con.close()
    shutil.rmtree(root, ignore_errors=True)


def test_the_index_agrees_with_a_scan_on_generated_meetings(generated) -> None:
    assert generated.execute("SELECT count(*) FROM search_shingles").fetchone()[0] > 0
    for query in _queries(generated, 40) + ["chu ky so", "giao ban thang", "so thong tin"]:
        found, scanned = _both(generated, query)
        assert found == scanned, query
    assert _both(generated, "chu ky so")[0]  # the generator says it in some meetings


@pytest.mark.parametrize("f", [Filters(), Filters(provinces=("Hà Nội",)),
                               Filters(year_from=2015, year_to=2020), Filters(topic="chu_ky_so"),
                               Filters(meeting_type="giao_ban")])
def test_the_searched_page_and_count_are_those_of_a_scan(generated, f: Filters) -> None:
    ids = _ids(generated, *_brute_force_sql("chu ky so"))
    under = set(meetings_table(generated, f)["doc_id"])  # all of them: fewer than a page
    assert count_meetings(generated, f) == len(under)
    page = meetings_table(generated, f, "chu ky so")
    assert set(page["doc_id"]) == ids & under
    assert count_meetings(generated, f, "chu ky so") == len(ids & under)
    dates = list(page["meeting_date"])
    assert dates == sorted(dates, reverse=True)


def test_derived_tables_written_by_a_build_are_read_from_parquet(generated) -> None:
    for table in ON_DISK:
        plan = " ".join(r[1] for r in generated.execute(f"EXPLAIN SELECT * FROM {table}").fetchall())
        assert "parquet" in plan.lower(), table
    listed = {r[0] for r in generated.execute("SELECT table_name FROM derived_on_disk").fetchall()}
    assert listed == set(ON_DISK) == {"search_shingles", "project_mentions", "deadline_list",
                                      "meeting_list", "meeting_spans", "leader_cube"}


def test_without_the_index_the_search_reads_every_text(con) -> None:
    # The fixture snapshot has no derived Parquet (like a snapshot of an older build).
    assert con.execute("SELECT count(*) FROM derived_on_disk").fetchone()[0] == 0
    ids = _ids(con, *_brute_force_sql("hau giang"))
    assert set(meetings_table(con, Filters(), "hau giang")["doc_id"]) == ids


def test_write_derived_writes_the_search_index(tmp_path, dataset) -> None:
    snap = current_snapshot(dataset).path
    copy = tmp_path / "snap"
    shutil.copytree(snap, copy)
    counts = write_derived(copy)
    assert counts["search_shingles"] > 0 and counts["project_mentions"] > 0


@pytest.mark.parametrize("search", ["", "chu ky so"])
@pytest.mark.parametrize("boundary", ["63", "34"])
def test_a_province_page_from_meeting_list_is_the_page_from_meetings(generated, search, boundary,
                                                                   monkeypatch) -> None:
    import pandas as pd

    import queries.meetings as m

    col = "province_2025" if boundary == "34" else "province"
    top = [r[0] for r in generated.execute(
        f"SELECT {col} FROM meeting_facts GROUP BY ALL ORDER BY count(*) DESC LIMIT 3").fetchall()]
    real = m._on_disk
    compared = 0
    for provinces in ((top[0],), tuple(top[1:3])):
        f = Filters(provinces=provinces, boundary=boundary, year_from=2010)
        for limit, offset in ((500, 0), (7, 3)):
            fast = meetings_table(generated, f, search, limit, offset)
            monkeypatch.setattr(m, "_on_disk", lambda con, t: t != "meeting_list" and real(con, t))
            slow = meetings_table(generated, f, search, limit, offset)
            monkeypatch.setattr(m, "_on_disk", real)
            pd.testing.assert_frame_equal(fast, slow)
            compared += len(fast)
    assert compared > 0  # not only empty pages


def test_a_snapshot_without_doc_key_is_still_searched(tmp_path, dataset, con) -> None:
    """A snapshot written before doc_key existed (until the dashboard rebuilds it)."""
    import pyarrow.parquet as pq

    root = tmp_path / "old"
    shutil.copytree(dataset, root)
    snap = current_snapshot(root).path
    for table in ("documents", "meetings"):
        for part in (snap / table).glob("*.parquet"):
            pq.write_table(pq.read_table(part).drop_columns(["doc_key"]), part)
    old = connect(current_snapshot(root))
    try:
        assert "doc_key" in {r[0] for r in old.execute("DESCRIBE meetings").fetchall()}
        for query in ("hau giang", "chu ky so", "cong dich vu cong"):
            assert set(meetings_table(old, Filters(), query)["doc_id"]) == \
                set(meetings_table(con, Filters(), query)["doc_id"]), query
            assert count_meetings(old, Filters(), query) == count_meetings(con, Filters(), query)
    finally:
        old.close()


def test_a_meetings_spans_from_meeting_spans_are_those_of_its_child_tables(generated,
                                                                            monkeypatch) -> None:
    import pandas as pd

    import queries.meetings as m

    ids = [r[0] for r in generated.execute(
        "SELECT doc_id FROM meeting_facts ORDER BY doc_id LIMIT 60").fetchall()]
    real = m._on_disk
    compared = 0
    for doc_id in ids:
        fast = m.meeting_detail(generated, doc_id)
        monkeypatch.setattr(m, "_on_disk", lambda con, t: t != "meeting_spans" and real(con, t))
        slow = m.meeting_detail(generated, doc_id)
        monkeypatch.setattr(m, "_on_disk", real)
        order = ["start", "kind", "value", "detail", "end", "rule"]
        pd.testing.assert_frame_equal(
            fast.spans.sort_values(order, ignore_index=True),
            slow.spans.sort_values(order, ignore_index=True))
        assert list(fast.spans[["start", "kind"]].itertuples(index=False)) == \
            list(slow.spans[["start", "kind"]].itertuples(index=False))
        compared += len(fast.spans)
    assert compared > 100


@pytest.mark.parametrize("f", [Filters(), Filters(year_from=2012, year_to=2020),
                               Filters(topic="chu_ky_so"), Filters(meeting_type="giao_ban"),
                               Filters(boundary="34"), Filters(topic="not-a-topic")])
def test_leaders_and_the_people_count_from_leader_cube_are_those_from_people(
        generated, f, monkeypatch) -> None:
    import pandas as pd

    import queries.province as pr

    col = f.province_column
    places = [r[0] for r in generated.execute(
        f"SELECT {col} FROM meeting_facts GROUP BY ALL ORDER BY count(*) DESC LIMIT 4").fetchall()]
    real = pr.on_disk
    compared = 0
    for place in places:
        fast = (pr.leaders(generated, place, f), pr.province_summary(generated, place, f))
        monkeypatch.setattr(pr, "on_disk", lambda con, t: t != "leader_cube" and real(con, t))
        slow = (pr.leaders(generated, place, f), pr.province_summary(generated, place, f))
        monkeypatch.setattr(pr, "on_disk", real)
        pd.testing.assert_frame_equal(fast[0], slow[0])
        pd.testing.assert_frame_equal(fast[1], slow[1])
        compared += len(fast[0])
    assert compared > 0 or f.topic == "not-a-topic"

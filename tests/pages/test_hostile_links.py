"""Hostile links: SQL fragments, path traversal, NULs, script tags, huge and repeated values.

Each gives a working page (no exception, no SQL error), the bad value dropped with a visible
notice that shows it as inert text, and a share link without it. The dashboard's DuckDB
connection refuses to read files or change its configuration whatever a query says.
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from queries.connection import current_snapshot
from tests.pages.conftest import texts
from ui import state

PAGES = ["overview", "projects", "egov", "meetings", "province", "quality", "methods", "update"]
SQL_ERRORS = re.compile(r"(Binder|Parser|Catalog|Conversion|Invalid Input|Permission) Error|duckdb",
                        re.IGNORECASE)

SQL_OR = "' OR 1=1 --"
SQL_DROP = '"; DROP TABLE meetings; --'
TRAVERSAL = "../../etc/passwd"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(document.cookie)"
MD_LINK = "[Bấm vào đây](https://evil.example/login)"

# (id, page, parameters, what the notice must name: "param=value" or a parameter name).
# One link per page carries several hostile values (at most 10, all listed in the notice);
# together the links cover every page and every parameter.
CASES = [
    # Unknown parameter names are reported when a link opens the dashboard (a session's first
    # run); AppTest reaches other pages only after a first run, so this link opens the default.
    ("overview", None,
     {"prov": [SQL_OR, "%00", "Atlantis", "Nghệ An"], "years": ["-1", "99999"],
      "'; DROP TABLE x; --": "1"},
     [f"prov={SQL_OR}", "prov=%00", "prov=Atlantis", "years=-1", "years=99999",
      "'; DROP TABLE x; --"]),
    ("projects", "projects",
     {"prov": SQL_DROP, "project": "'; DROP TABLE projects; --", "lang": "xx"},
     [f"prov={SQL_DROP}", "project='; DROP TABLE projects; --", "lang=xx"]),
    ("egov", "egov",
     {"type": "giao_ban' OR '1'='1", "region": "../..", "topic": SCRIPT, "years": ["abc", "2015"]},
     ["type=giao_ban' OR '1'='1", "region=../..", f"topic={SCRIPT}", "years=abc"]),
    ("meetings", "meetings", {"doc": SQL_OR, "prov": IMG}, [f"doc={SQL_OR}", f"prov={IMG}"]),
    ("province", "province",
     {"boundary": "63; DROP TABLE meetings", "profile": IMG, "prov": "Atlantis"},
     ["boundary=63; DROP TABLE meetings", f"profile={IMG}", "prov=Atlantis"]),
    ("quality", "quality", {"topic": "x' UNION SELECT * FROM documents --", "prov": SCRIPT},
     ["topic=x' UNION SELECT * FROM documents --", f"prov={SCRIPT}"]),
    ("methods", "methods", {"prov": [TRAVERSAL, MD_LINK], "type": JS_URL},
     [f"prov={TRAVERSAL}", f"prov={MD_LINK}", f"type={JS_URL}"]),
    ("update", "update", {"prov": SQL_DROP, "lang": SCRIPT}, [f"prov={SQL_DROP}", f"lang={SCRIPT}"]),
]
# Single-valued page parameters, tried one after another as typed into the address bar.
ONE_BY_ONE = [
    ("meetings", "doc", [TRAVERSAL, "../../x", "hg-2019-giao-ban\x00.txt", SCRIPT,
                         "javascript:alert(1)", SQL_DROP]),
    ("projects", "project", [JS_URL, TRAVERSAL, SCRIPT]),
    ("province", "profile", ["\x00", TRAVERSAL, "Atlantis", SQL_OR]),
]
# Values a person types are not dropped: they are searched for, as plain words.
SEARCHES = [SQL_OR, SQL_DROP, SCRIPT, TRAVERSAL, ".*(a+)+$", "\x00", "%00"]


def _assert_working(at) -> str:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    shown = texts(at)
    assert not SQL_ERRORS.search(shown), SQL_ERRORS.search(shown)
    assert at.title, "the page has no title: it did not render"
    return shown


def _notice(at) -> str:
    notices = [w.value for w in at.warning if "liên kết" in w.value or "the link" in w.value]
    assert notices, [w.value for w in at.warning]
    return notices[0]


def _inert(item: str) -> str:
    """How the notice shows a dropped item (see ui.state._shown)."""
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in item)
    return "`" + text[:60]


def _assert_dropped(at, dropped: list[str]) -> None:
    notice = _notice(at)
    for item in dropped:
        assert _inert(item) in notice, (item, notice)
    # Nothing hostile survives into the address bar or the share link.
    link = at.code[0].value if at.code else ""
    for item in dropped:
        value = item.partition("=")[2] or item
        assert value not in link
        assert value not in str(dict(at.query_params))


@pytest.mark.parametrize(("page", "params", "dropped"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_hostile_values_are_dropped_with_a_notice_and_the_page_works(app, page, params,
                                                                     dropped) -> None:
    at = app(page, **params)
    _assert_working(at)
    _assert_dropped(at, dropped)


@pytest.mark.parametrize(("page", "name", "values"), ONE_BY_ONE, ids=[c[1] for c in ONE_BY_ONE])
def test_each_hostile_page_value_is_dropped_with_a_notice(app, page, name, values) -> None:
    at = app(page)
    for value in values:
        at.query_params[name] = value
        at.run()
        _assert_working(at)
        _assert_dropped(at, [f"{name}={value}"])


def test_a_province_with_a_nul_byte_becomes_the_known_name_not_the_raw_value(app) -> None:
    # Province names are matched by their folded letters: only a known name goes on.
    at = app("province", prov="Nghệ An\x00")
    _assert_working(at)
    assert at.multiselect(key="prov").value == ["Nghệ An"]


def test_a_markdown_link_in_the_url_is_shown_as_code_not_as_a_link(app) -> None:
    notice = _notice(app("overview", prov=MD_LINK))
    # Inside a code span Markdown draws no link: the whole value sits between backticks.
    assert f"`prov={MD_LINK}`" in notice


def test_a_hostile_search_is_only_a_search(app) -> None:
    at = app("meetings", q=SQL_DROP)
    _assert_working(at)
    assert at.text_input(key="q").value == SQL_DROP
    for search in SEARCHES:
        at.text_input(key="q").input(search).run()
        _assert_working(at)
        assert at.query_params["q"] == search
    # The tables are untouched: a fresh, unfiltered view still lists every meeting.
    assert len(app("meetings").dataframe[0].value) == 11


HUGE = "A" * 100_000


@pytest.mark.parametrize(("page", "params"), [
    ("overview", {"prov": HUGE}),
    ("meetings", {"q": HUGE}),
    ("meetings", {"doc": HUGE}),
    ("projects", {"project": HUGE}),
    ("province", {"profile": HUGE, HUGE: "1"}),
], ids=["prov", "q", "doc", "project", "profile-and-name"])
def test_a_100k_character_value_is_dropped_before_any_query(app, page, params) -> None:
    at = app(page, **params)
    _assert_working(at)
    notice = _notice(at)
    assert "A" * 20 in notice and "A" * 100 not in notice  # shown cut short
    assert len(notice) < 2_000


def test_hundreds_of_repeated_values_are_capped_and_counted(app) -> None:
    at = app("overview", prov=["Nghệ An"] * 300 + ["Atlantis"] * 300, years=["2015"] * 300)
    _assert_working(at)
    assert at.multiselect(key="prov").value == ["Nghệ An"]
    notice = _notice(at)
    assert len(notice) < 2_000 and re.search(r"\(\+\d{3,}\)", notice), notice


def test_ten_thousand_repeated_values_are_ignored_as_a_whole(app) -> None:
    # Streamlit itself ignores a query string of more than 1,000 parameters: the page opens
    # with the default view.
    at = app("overview", prov=["Nghệ An"] * 10_000, years=["2015"] * 10_000)
    _assert_working(at)
    assert at.multiselect(key="prov").value == []


def test_the_links_cover_every_page() -> None:
    assert {page or "overview" for _, page, _, _ in CASES} == set(PAGES)


def test_the_caps_are_below_what_a_huge_link_carries() -> None:
    assert state.MAX_VALUE < 1_000 and state.MAX_VALUES < 1_000


# The connection the pages query ----------------------------------------------------------

@pytest.fixture
def dashboard_cursor(dataset: Path):
    """A cursor on the connection ui.data opens for the pages (the same cached function)."""
    from ui.data import _connection

    snap = current_snapshot(dataset)
    cursor = _connection.__wrapped__(str(snap.path)).cursor()
    yield cursor
    cursor.close()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_csv_auto('../../../../etc/passwd')",
    "SELECT * FROM read_parquet('/etc/*.parquet')",
    "SELECT * FROM glob('/etc/*')",
    "COPY (SELECT 1) TO '/tmp/ictdash-pwned.csv'",
    "ATTACH '/tmp/ictdash-pwned.duckdb' AS x",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SELECT * FROM read_csv('https://example.com/x.csv')",
])
def test_the_dashboard_connection_cannot_touch_files_outside_the_snapshot(dashboard_cursor,
                                                                          sql: str) -> None:
    with pytest.raises(duckdb.Error):
        dashboard_cursor.execute(sql).fetchall()
    assert not Path("/tmp/ictdash-pwned.csv").exists()


def test_the_dataset_root_outside_the_snapshot_is_unreadable_too(dashboard_cursor, dataset) -> None:
    current = str(Path(dataset).resolve() / "CURRENT").replace("'", "''")
    with pytest.raises(duckdb.Error):
        dashboard_cursor.execute(f"SELECT * FROM read_csv('{current}')").fetchall()


@pytest.mark.parametrize("sql", [
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "SET allowed_directories = ['/']",
    "SET autoload_known_extensions = true",
    "RESET enable_external_access",
])
def test_the_dashboard_connection_configuration_is_locked(dashboard_cursor, sql: str) -> None:
    with pytest.raises(duckdb.Error):
        dashboard_cursor.execute(sql)
    setting = dashboard_cursor.execute(
        "SELECT current_setting('enable_external_access')").fetchone()[0]
    assert setting is False


def test_the_locked_connection_still_answers_the_dashboard_queries(dashboard_cursor) -> None:
    assert dashboard_cursor.execute("SELECT count(*) FROM meetings").fetchone()[0] == 11

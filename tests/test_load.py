"""Concurrent readers: 20 sessions change filters on one served dashboard while rebuilds publish.

One `streamlit run` on 127.0.0.1 over a temporary dataset built from a copy of data/raw.
SESSIONS sessions at once: BROWSERS of them real Chromium pages, the rest lightweight real
sessions that speak Streamlit's websocket protocol (tests/pages/browser_support.StreamSession:
the server runs the same script for them in their own session threads; they draw nothing,
which is what lets 20 of them fit on a 2-core machine). Each session opens a link, then
changes filters (province, years) with the sidebar widgets and switches pages, and starts
again from its link until both rebuilds are done. Meanwhile a thread adds an article to the
raw folder and runs `python -m loaders build` twice, and another polls the health endpoint.

Checked: no exception or error box in any render; every render shows a whole snapshot (its
figures, element by element, equal those of the same steps replayed afterwards, alone, on
one of the published snapshots); health always ok; both builds published. Bounded in count
and time; prints its figures. Set ICTDASH_SKIP_BROWSER=1 to skip.
"""
from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.pages.browser_support import (
    CHROMIUM,
    LAUNCH_ARGS,
    ROOT,
    SETTLED_JS,
    StreamSession,
    browser_marks,
    healthy,
    served,
)

pytest.importorskip("playwright.async_api", reason="playwright is not installed")
pytest.importorskip("websockets", reason="websockets (a Streamlit dependency) is not installed")
pytestmark = browser_marks()

SESSIONS = int(os.environ.get("ICTDASH_LOAD_SESSIONS", 20))
# Real Chromium pages among the sessions: 20 of them saturate two cores by themselves (the
# browser, not the server, is then measured), so a few; ICTDASH_LOAD_BROWSERS raises it.
BROWSERS = min(SESSIONS, int(os.environ.get("ICTDASH_LOAD_BROWSERS", 2)))
CHANGES = int(os.environ.get("ICTDASH_LOAD_CHANGES", 3))   # changes per pass (at most 5)
MAX_PASSES = 6           # per session: bounds the renders if the builds are slow
TIME_LIMIT_S = 150       # the load phase, builds included
RENDER_TIMEOUT_S = 90

# (page url path, link query string, changes); "" is the default page (overview). A change is
# ("page", path): the sidebar menu; ("prov", [...]) / ("years", [a, b]): the sidebar filters.
# Each script changes a filter within its first three changes.
SCRIPTS: list[tuple[str, str, list[tuple[str, object]]]] = [
    ("", "", [("prov", ["Nghệ An"]), ("page", "meetings"), ("years", [2016, 2020]),
              ("page", "quality"), ("prov", [])]),
    ("meetings", "lang=en", [("prov", ["Quảng Ninh", "Nghệ An"]), ("page", ""),
                             ("years", [2010, 2018]), ("page", "egov"), ("prov", [])]),
    ("egov", "years=2015&years=2020", [("page", "projects"), ("prov", ["Hậu Giang"]),
                                       ("page", "province"), ("years", [2009, 2020]),
                                       ("page", "")]),
    ("quality", "", [("page", "meetings"), ("prov", ["Nghệ An", "Hậu Giang"]), ("page", ""),
                     ("years", [2016, 2019]), ("page", "methods")]),
    ("province", "", [("prov", ["Nghệ An"]), ("page", "egov"), ("page", ""),
                      ("years", [2012, 2019]), ("page", "meetings")]),
    ("meetings", "q=chuyen%20doi%20so", [("page", ""), ("prov", ["Quảng Ninh"]),
                                          ("page", "meetings"), ("years", [2015, 2017]),
                                          ("page", "quality")]),
]
# Browser pages open these links one after another (each a new session, as a person
# following shared links); pages without the map: 20 WebGL maps measure the browser.
BROWSER_LINKS = [("meetings", "lang=en"), ("quality", ""), ("egov", "years=2015&years=2020"),
                 ("meetings", "prov=Ngh%E1%BB%87%20An"), ("projects", ""), ("methods", "boundary=34")]
BAD = "[data-testid='stException'], [data-testid='stAlertContentError']"
# Added to the raw folder by the two rebuilds: new meetings inside the years already there
# (so the year slider keeps its range), one in a province not yet in the data.
ADDED = [
    ("added-1.txt", "Sở Thông tin và Truyền thông Quảng Ninh giao ban tháng 3/2016\n\n"
     "Ngày 12/3/2016, Sở Thông tin và Truyền thông tỉnh Quảng Ninh tổ chức giao ban tháng 3. "
     "Ông Trần Văn Bình, Giám đốc Sở Thông tin và Truyền thông, chủ trì. Sở đề nghị đẩy mạnh "
     "chuyển đổi số và dịch vụ công trực tuyến mức độ 4.\n"),
    ("added-2.txt", "Sở Thông tin và Truyền thông Nghệ An làm việc với Viettel năm 2019\n\n"
     "Ngày 20/6/2019, Sở Thông tin và Truyền thông tỉnh Nghệ An làm việc với Viettel Nghệ An "
     "về chính quyền điện tử. Bà Nguyễn Thị Lan, Phó Giám đốc Sở Thông tin và Truyền thông, "
     "chủ trì buổi làm việc. Hai bên thống nhất triển khai hệ thống một cửa điện tử và trung "
     "tâm dữ liệu của tỉnh.\n"),
]


def _build(raw: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", "build", "--raw", str(raw), "--out",
                           str(out), "--quiet", "--workers", "1"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


# What a render shows -------------------------------------------------------------------------

def _rows(arrow: bytes) -> int:
    import pyarrow as pa

    return pa.ipc.open_stream(arrow).read_all().num_rows if arrow else 0


def figures(elements: dict) -> tuple:
    """What a person reads in the main area, element by element: titles, text, metrics,
    alerts and the size of every table (charts and download links carry generated ids)."""
    out = []
    for path, el in sorted(elements.items()):
        if path[0] != 0:
            continue   # the sidebar: filters and the share link
        kind = el.WhichOneof("type")
        if kind == "heading":
            out.append((path, "heading", el.heading.body))
        elif kind == "markdown":
            out.append((path, "markdown", el.markdown.body))
        elif kind == "metric":
            out.append((path, "metric", el.metric.label, el.metric.body))
        elif kind == "alert":
            out.append((path, "alert", el.alert.format, el.alert.body))
        elif kind == "dataframe":
            out.append((path, "rows", _rows(el.dataframe.arrow_data.data)))
    return tuple(out)


def _difference(shown: tuple, expected: tuple) -> tuple:
    """The first element where a render differs from the reference (for the report)."""
    for a, b in zip(shown, expected, strict=False):
        if a != b:
            return a, b
    return shown[len(expected):][:1], expected[len(shown):][:1]


def problems(result: dict) -> list[str]:
    """Exceptions and error boxes anywhere on the page, and runs that did not finish."""
    found = [] if result["status"] == 0 else [f"script finished with status {result['status']}"]
    for el in result["elements"].values():
        kind = el.WhichOneof("type")
        if kind == "exception":
            found.append(f"exception {el.exception.type}: {el.exception.message[:200]}")
        elif kind == "alert" and el.alert.format == 1:  # ERROR
            found.append(f"error box: {el.alert.body[:200]}")
    return found


def _widget_id(result: dict, kind: str, key: str) -> str:
    for el in result["elements"].values():
        if el.WhichOneof("type") == kind and getattr(el, kind).id.endswith(f"-{key}"):
            return getattr(el, kind).id
    raise LookupError(f"no {kind} with key {key} on the page")


async def play(base: str, script: int, on_render) -> None:
    """One pass over SCRIPTS[script] in a new session: the link, then CHANGES changes.
    on_render(step, result, seconds) sees every finished run."""
    page, link, changes = SCRIPTS[script]
    async with StreamSession(base) as s:
        started = time.perf_counter()
        last = await s.render(page=page, query_string=link, timeout=RENDER_TIMEOUT_S)
        on_render(0, last, time.perf_counter() - started)
        for step, (what, value) in enumerate(changes[:CHANGES], 1):
            if what == "prov":
                s.set_widget(_widget_id(last, "multiselect", "prov"), string_array_value=value)
            elif what == "years":
                s.set_widget(_widget_id(last, "slider", "years"), double_array_value=value)
            started = time.perf_counter()
            last = await s.render(page=value if what == "page" else None,
                                  timeout=RENDER_TIMEOUT_S)
            on_render(step, last, time.perf_counter() - started)


# The load --------------------------------------------------------------------------------------

class Load:
    """Shared by every session: what was seen, how long it took, what went wrong."""

    def __init__(self) -> None:
        self.renders: list[float] = []
        self.errors: list[str] = []
        self.seen: list[tuple[tuple, tuple]] = []     # (which script and step, figures)
        self.browser_seen: list[tuple[int, dict]] = []  # (link index, what the page showed)
        self.builds_done = threading.Event()


async def _stream_session(base: str, i: int, load: Load, stop_at: float) -> None:
    script = i % len(SCRIPTS)
    for n in range(MAX_PASSES):
        if n and (load.builds_done.is_set() or time.monotonic() > stop_at):
            return

        def on_render(step: int, result: dict, seconds: float, n=n) -> None:
            load.renders.append(seconds)
            load.errors += [f"session {i} pass {n} step {step}: {p}" for p in problems(result)]
            load.seen.append(((script, step), figures(result["elements"])))

        try:
            await play(base, script, on_render)
        except Exception as exc:  # noqa: BLE001 - counted, reported with the figures
            load.errors.append(f"session {i} pass {n}: {type(exc).__name__}: {exc}"[:300])
            return


async def _browser_session(browser, base: str, i: int, load: Load, stop_at: float) -> None:
    context = await browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")

    async def route(r) -> None:
        if r.request.url.startswith(base) or r.request.url.startswith(("data:", "blob:")):
            await r.continue_()
        else:
            await r.abort()

    await context.route("**/*", route)
    pg = await context.new_page()
    pg.set_default_timeout(RENDER_TIMEOUT_S * 1000)
    main = pg.locator("[data-testid='stMain']")
    try:
        # The browsers share the links out between them, then go round until the builds end.
        mine = [k for k in range(len(BROWSER_LINKS)) if k % BROWSERS == i]
        for n in range(MAX_PASSES * len(mine)):
            if n >= len(mine) and (load.builds_done.is_set() or time.monotonic() > stop_at):
                return
            k = mine[n % len(mine)]
            page, link = BROWSER_LINKS[k]
            started = time.perf_counter()
            await pg.goto(f"{base}/{page}" + (f"?{link}" if link else ""))
            # The share link is filled in after the page (dashboard.py): once it is drawn,
            # so is everything above it.
            await pg.locator("[data-testid='stSidebar'] [data-testid='stCode']").wait_for(
                state="attached")  # inside a closed expander
            await pg.wait_for_function(SETTLED_JS)
            load.renders.append(time.perf_counter() - started)
            if await pg.locator(BAD).count():
                text = await pg.locator(BAD).first.inner_text()
                load.errors.append(f"browser {i} link {k}: {text[:200]}")
            load.browser_seen.append((k, {
                "heading": (await main.locator("h1").first.inner_text()).strip(),
                "metrics": [v.strip() for v in
                            await main.locator("[data-testid='stMetricValue']").all_inner_texts()],
            }))
    except Exception as exc:  # noqa: BLE001 - counted, reported with the figures
        load.errors.append(f"browser {i}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    finally:
        await context.close()


async def _run_load(base: str, load: Load) -> None:
    from playwright.async_api import async_playwright

    stop_at = time.monotonic() + TIME_LIMIT_S - 30
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            tasks = [asyncio.create_task(_browser_session(browser, base, i, load, stop_at))
                     for i in range(BROWSERS)]
            tasks += [asyncio.create_task(_stream_session(base, i, load, stop_at))
                      for i in range(SESSIONS - BROWSERS)]
            _, late = await asyncio.wait(tasks, timeout=TIME_LIMIT_S)
            for task in late:
                task.cancel()
                load.errors.append("a session did not finish within the time limit")
        finally:
            await browser.close()


# The reference: the same steps, one session at a time, on each published snapshot -----------

async def _reference(base: str) -> tuple[dict, dict]:
    scripts: dict[tuple, tuple] = {}
    links: dict[int, dict] = {}

    async def one(script: int) -> None:
        def on_render(step: int, result: dict, seconds: float) -> None:
            assert problems(result) == [], (script, step, problems(result))
            scripts[(script, step)] = figures(result["elements"])

        await play(base, script, on_render)

    async def link(k: int) -> None:
        page, query = BROWSER_LINKS[k]
        async with StreamSession(base) as s:
            result = await s.render(page=page, query_string=query, timeout=RENDER_TIMEOUT_S)
        assert problems(result) == [], (k, problems(result))
        shown = figures(result["elements"])
        links[k] = {"heading": next(f[2] for f in shown if f[1] == "heading"),
                    "metrics": [f[3] for f in shown if f[1] == "metric"]}

    await asyncio.gather(*(one(s) for s in range(len(SCRIPTS))))
    await asyncio.gather(*(link(k) for k in range(len(BROWSER_LINKS))))
    return scripts, links


def _unrenamed(value, copy: str, name: str):
    """The reference as the original would show it (pages name the snapshot they read)."""
    if isinstance(value, str):
        return value.replace(copy, name)
    if isinstance(value, tuple | list):
        return type(value)(_unrenamed(v, copy, name) for v in value)
    if isinstance(value, dict):
        return {k: _unrenamed(v, copy, name) for k, v in value.items()}
    return value


async def _warm_up(base: str) -> None:
    async with StreamSession(base) as s:
        result = await s.render(page="", query_string="", timeout=RENDER_TIMEOUT_S)
    assert problems(result) == [], problems(result)


def _publish_copy(kept: Path, data: Path, name: str) -> None:
    """Publish a kept snapshot again under a new name (a path the server has not cached)."""
    from loaders.store import set_current

    shutil.copytree(kept / name, data / "snapshots" / f"ref-{name}")
    set_current(data, f"ref-{name}")


def test_twenty_sessions_change_filters_while_a_rebuild_publishes(tmp_path: Path) -> None:
    raw, data, kept = tmp_path / "raw", tmp_path / "data", tmp_path / "kept"
    shutil.copytree(ROOT / "data" / "raw", raw)
    first = _build(raw, data)
    assert first.returncode == 0, first.stderr
    published = [(data / "CURRENT").read_text().strip()]
    shutil.copytree(data / "snapshots" / published[0], kept / published[0])
    load = Load()
    health = {"ok": 0, "failed": 0}
    polling = threading.Event()
    builds: list[str] = []
    timeline: list[tuple[float, float]] = []   # each build: started, published (s into the load)

    with served({"ICTDASH_DATA": str(data), "ICTDASH_ACCURACY": str(tmp_path / "none.json")},
                startup_s=90, log=tmp_path / "server.log") as base:

        def rebuild() -> None:
            try:
                for name, text in ADDED:
                    # Publish while sessions render, once some renders have seen the
                    # snapshot before (a build takes a while: the sessions keep rendering).
                    until = len(load.renders) + max(1, (SESSIONS - BROWSERS) // 2)
                    while len(load.renders) < until and time.monotonic() < give_up:
                        time.sleep(0.2)
                    (raw / name).write_text(text, encoding="utf-8")
                    build_started = time.perf_counter()
                    result = _build(raw, data)
                    builds.append("ok" if result.returncode == 0 else result.stderr[-300:])
                    timeline.append((round(build_started - started, 1),
                                     round(time.perf_counter() - started, 1)))
                    published.append((data / "CURRENT").read_text().strip())
                    # Kept at once: the build after next removes it from the dataset.
                    shutil.copytree(data / "snapshots" / published[-1], kept / published[-1],
                                    dirs_exist_ok=True)
            finally:
                load.builds_done.set()

        def poll() -> None:
            while not polling.is_set():
                health["ok" if healthy(base, 5) else "failed"] += 1
                polling.wait(0.5)

        threads = [threading.Thread(target=rebuild, daemon=True),
                   threading.Thread(target=poll, daemon=True)]
        # One run first: the server's first run imports everything (seconds on 2 cores).
        asyncio.run(_warm_up(base))
        give_up = time.monotonic() + TIME_LIMIT_S / 2
        started = time.perf_counter()
        for th in threads:
            th.start()
        try:
            asyncio.run(_run_load(base, load))
        finally:
            duration = time.perf_counter() - started
            threads[0].join(timeout=150)
            polling.set()
            threads[1].join(timeout=10)

        # Every snapshot that was published, alone: what each step shows on it.
        reference_started = time.perf_counter()
        reference: dict[str, tuple[dict, dict]] = {}
        for name in dict.fromkeys(published):
            _publish_copy(kept, data, name)
            reference[name] = _unrenamed(asyncio.run(_reference(base)), f"ref-{name}", name)
        reference_s = time.perf_counter() - reference_started

    p50 = statistics.median(load.renders) if load.renders else float("nan")
    p95 = statistics.quantiles(load.renders, n=20)[-1] if len(load.renders) >= 2 else float("nan")
    unmatched = [(step, shown) for step, shown in load.seen
                 if not any(shown == ref[0][step] for ref in reference.values())]
    unmatched_browser = [(k, shown) for k, shown in load.browser_seen
                         if not any(shown == ref[1][k] for ref in reference.values())]
    # Renders that only one snapshot explains: proof of which data a session was shown.
    only = [[name for name, ref in reference.items() if shown == ref[0][step]]
            for step, shown in load.seen]
    per_snapshot = {name: sum(m == [name] for m in only) for name in reference}
    print(f"\nload: sessions={SESSIONS} (browsers={BROWSERS}, websocket={SESSIONS - BROWSERS}) "
          f"renders={len(load.renders)} errors={len(load.errors)} p50={p50:.2f}s p95={p95:.2f}s "
          f"load_duration={duration:.1f}s reference_duration={reference_s:.1f}s health_ok={health['ok']} health_failed={health['failed']} "
          f"builds={builds} build_timeline={timeline} snapshots={len(set(published))} "
          f"renders_only_this_snapshot_explains={list(per_snapshot.values())} "
          f"unmatched={len(unmatched) + len(unmatched_browser)}")
    for e in load.errors[:20]:
        print("  error:", e)
    for step, shown in unmatched[:5]:
        for name, ref in reference.items():
            print("  not one snapshot:", step, name, _difference(shown, ref[0][step]))
    for k, shown in unmatched_browser[:5]:
        print("  not one snapshot (browser):", BROWSER_LINKS[k], shown)
    assert load.errors == []
    assert health["failed"] == 0 and health["ok"] > 0
    assert builds == ["ok", "ok"] and len(set(published)) == 3  # two new snapshots published
    assert unmatched == [] and unmatched_browser == []
    # The load really spanned the publishing: renders saw the first and the last snapshot.
    assert per_snapshot[published[0]] > 0 and per_snapshot[published[-1]] > 0
    # Every session made its changes at least once; the browsers opened every link.
    stream_renders = len(load.seen)
    assert stream_renders >= (SESSIONS - BROWSERS) * (min(CHANGES, 5) + 1)
    assert len({k for k, _ in load.browser_seen}) == len(BROWSER_LINKS) or BROWSERS == 0
    assert duration < TIME_LIMIT_S

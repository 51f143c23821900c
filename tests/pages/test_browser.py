"""Real browser (Playwright + Debian's Chromium) on a served dashboard, with the internet blocked.

Covers what AppTest cannot: charts and the map actually drawn, the address bar following
the filters, page switches keeping them. Screenshots of every page go to
tests/_artifacts/screenshots/. Set ICTDASH_SKIP_BROWSER=1 to skip.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "tests" / "_artifacts" / "screenshots"
PAGES = ["overview", "projects", "egov", "meetings", "province", "quality", "methods"]

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed"),
    pytest.mark.skipif(os.environ.get("ICTDASH_SKIP_BROWSER") == "1", reason="ICTDASH_SKIP_BROWSER=1"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(dataset: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "ICTDASH_DATA": str(dataset)}
    env.pop("ICTDASH_RAW", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{base}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the Streamlit server did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(server: str):
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str):
    """A page whose every request outside the dashboard server is blocked and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, locale="vi-VN")
    outside: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if url.startswith(server) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.outside_requests = outside
    yield pg
    context.close()


def _settle(pg) -> None:
    pg.wait_for_selector("[data-testid='stSidebar']")
    # Script finished (no running-man status) and every lazy element loaded (no skeletons).
    pg.wait_for_function(
        """() => !document.querySelector("[data-testid='stStatusWidget']")
                 && !document.querySelector("[data-testid='stSkeleton']")""", timeout=45_000)
    pg.wait_for_timeout(500)


def _charts_drawn(pg) -> None:
    """Wait until every Plotly chart on the page has drawn (lazy-loaded, after the script)."""
    pg.wait_for_function(
        """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
                   .every(c => c.querySelector('.main-svg'))""", timeout=30_000)
    pg.wait_for_timeout(1000)


def _params(pg) -> dict[str, list[str]]:
    return {k: [unquote(x) for x in v] for k, v in parse_qs(urlparse(pg.url).query).items()}


def test_a_shared_link_opens_that_view_with_its_charts_drawn(page, server: str) -> None:
    page.goto(f"{server}/egov?prov=Hậu%20Giang&prov=Thừa%20Thiên%20Huế&years=2017&years=2023"
              "&topic=dich_vu_cong_truc_tuyen&lang=en")
    _settle(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=30_000)
    assert page.get_by_role("heading", name="E-government").is_visible()
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Hậu Giang (ĐBSCL)").is_visible()
    assert ("Showing: Hậu Giang, Thừa Thiên Huế · 2017–2023 · Online public services"
            in page.inner_text("[data-testid='stMain']"))
    # The first chart's points are drawn for the two provinces only.
    legend = page.locator("[data-testid='stPlotlyChart']").first.locator(".legendtext")
    names = legend.evaluate_all("els => els.map(e => e.textContent)")  # SVG: no innerText
    assert sorted(names) == ["Hậu Giang", "Thừa Thiên Huế"]
    assert page.outside_requests == []


def test_changing_a_filter_changes_the_link_and_switching_page_keeps_it(page, server: str) -> None:
    page.goto(f"{server}/?prov=Nghệ%20An&years=2009&years=2020&topic=chuyen_doi_so")
    _settle(page)
    kept = {"prov": ["Nghệ An"], "years": ["2009", "2020"], "topic": ["chuyen_doi_so"]}
    assert _params(page) == kept
    page.locator("[data-testid='stSidebar']").get_by_text("English").click()
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=15_000)
    _settle(page)
    assert _params(page)["lang"] == ["en"]
    page.locator("[data-testid='stSidebarNav']").get_by_text("Meetings").click()
    page.wait_for_url("**/meetings**", timeout=15_000)
    _settle(page)
    assert page.get_by_role("heading", name="Meetings").is_visible()
    # The topic's label changed with the language; the choice must survive the page switch.
    assert _params(page) == {**kept, "lang": ["en"]}
    assert "Showing 1 of 1 results." in page.inner_text("[data-testid='stMain']")


def test_the_map_draws_with_every_outside_request_blocked(page, server: str) -> None:
    page.goto(f"{server}/?boundary=34")
    _settle(page)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.locator("canvas").first.wait_for(timeout=30_000)
    # Plotly draws each province outline of a choroplethmap as a map layer; the colour bar
    # is SVG. Both present means the map rendered from the inline GeoJSON.
    assert chart.locator(".maplibregl-canvas, canvas").count() >= 1
    assert chart.locator(".colorbar").count() == 1
    assert page.outside_requests == []


def test_every_page_renders_and_is_saved_as_a_screenshot(page, server: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        page.goto(f"{server}/{'' if name == 'overview' else name}")
        _settle(page)
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=30_000)
        _charts_drawn(page)
        main = page.inner_text("[data-testid='stMain']")
        assert "Traceback" not in main and "Không hiển thị được nội dung này" not in main, name
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    assert page.outside_requests == []

"""Real browser (Playwright + Debian's Chromium) on a served dashboard, with the internet blocked.

Covers what AppTest cannot: charts and the map actually drawn, the address bar following
the filters, page switches keeping them. Screenshots of every page (and of the 34-province
map, the share control, the downloads and the English view) are taken at a fixed 1400×1000
viewport into tests/_artifacts/screenshots/, and also into $ICTDASH_SCREENSHOTS_DIR when it is
set: `ICTDASH_SCREENSHOTS_DIR=docs/images python -m pytest tests/pages/test_browser.py`
regenerates the guide's images. Set ICTDASH_SKIP_BROWSER=1 to skip.
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
SHOTS_ENV = "ICTDASH_SCREENSHOTS_DIR"  # a second folder for the screenshots (docs/images)
SHOT_VIEWPORT = {"width": 1400, "height": 1000}
# Each page's screenshot: the link it opens (the guide's examples) and its heading.
PAGES = {
    "overview": ("", "Tổng quan"),
    "projects": ("projects?prov=Hậu%20Giang&prov=Đồng%20Tháp&prov=Cần%20Thơ", "Dự án"),
    "egov": ("egov", "Chính quyền điện tử"),
    "meetings": ("meetings?doc=hg-2019-giao-ban", "Cuộc họp"),
    "province": ("province?profile=Hậu%20Giang", "Hồ sơ tỉnh"),
    "quality": ("quality", "Chất lượng dữ liệu"),
    "methods": ("methods", "Phương pháp"),
}

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


def _blocked_page(browser, server: str, viewport: dict[str, int]):
    """A context and page whose every request outside the dashboard server is blocked and recorded."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
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
    return context, pg


@pytest.fixture
def page(browser, server: str):
    context, pg = _blocked_page(browser, server, {"width": 1400, "height": 1600})
    yield pg
    context.close()


@pytest.fixture
def shot(browser, server: str):
    """A page at the screenshots' fixed viewport, outside requests blocked as for `page`."""
    context, pg = _blocked_page(browser, server, SHOT_VIEWPORT)
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


def _save(pg, name: str, hover=None, **options) -> None:
    """One PNG screenshot (CSS pixels, so it stays small) into every screenshot folder, with
    the mouse on `hover` (a locator) or out of the way (no tooltip left over from a click)."""
    folders = [SHOTS] + ([Path(os.environ[SHOTS_ENV])] if os.environ.get(SHOTS_ENV) else [])
    if hover is None:
        pg.mouse.move(5, 5)
    else:
        hover.hover()
    pg.wait_for_timeout(300)
    data = pg.screenshot(type="png", scale="css", animations="disabled", **options)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.png").write_bytes(data)


def _no_error(pg, name: str) -> str:
    main = pg.inner_text("[data-testid='stMain']")
    assert "Traceback" not in main and "Không hiển thị được nội dung này" not in main, name
    assert "This content could not be shown" not in main, name
    return main


def _open(pg, server: str, link: str, heading: str) -> str:
    pg.goto(f"{server}/{link}")
    _settle(pg)
    pg.get_by_role("heading", name=heading, exact=True).first.wait_for(timeout=30_000)
    _charts_drawn(pg)
    return _no_error(pg, link)


def _to_top(pg, locator) -> None:
    """Scroll the main area so `locator` sits at the top of the viewport."""
    locator.evaluate("el => el.scrollIntoView({block: 'start'})")
    pg.wait_for_timeout(500)


def _map_drawn(pg) -> None:
    chart = pg.locator("[data-testid='stPlotlyChart']").first
    chart.locator("canvas").first.wait_for(timeout=30_000)
    assert chart.locator(".colorbar").count() == 1
    pg.wait_for_timeout(1500)  # the map layers fade in after the canvas exists


def test_every_page_renders_and_is_saved_as_a_screenshot(shot, server: str) -> None:
    for name, (link, heading) in PAGES.items():
        main = _open(shot, server, link, heading)
        if name == "overview":
            _map_drawn(shot)
            assert "Số cuộc họp theo tỉnh/thành" in main
        elif name == "meetings":
            # The opened article: every extracted value marked, with its legend and source.
            article = shot.locator(".ictdash-article")
            article.wait_for(timeout=30_000)
            kinds = article.locator("mark").evaluate_all(
                "els => [...new Set(els.map(e => e.className))]")
            assert {"k-province", "k-date", "k-chair", "k-numbers", "k-legal_refs"} <= set(kinds)
            assert shot.locator(".ictdash-legend span").count() >= 5
            assert "Tệp gốc: hg-2019-giao-ban.txt" in main
            _to_top(shot, shot.get_by_role("heading",
                                           name="Sở Thông tin và Truyền thông Hậu Giang giao ban"))
        elif name == "province":
            assert shot.get_by_role("heading", name="Cuộc họp theo năm").is_visible()
        _save(shot, name)
    assert shot.outside_requests == []


def test_the_34_province_map_the_english_view_and_the_controls_are_saved(shot, server: str) -> None:
    # The 34-province view: Hậu Giang's and Cần Thơ's meetings counted under the new Cần Thơ.
    _open(shot, server, "?boundary=34", "Tổng quan")
    _map_drawn(shot)
    assert shot.get_by_role("radio", name="34 tỉnh/thành (từ 1/7/2025)").is_checked()
    _to_top(shot, shot.get_by_role("heading", name="Số cuộc họp theo tỉnh/thành"))
    _save(shot, "map-34")

    # The share control: the link in the sidebar carries this view's filters.
    _open(shot, server, "?prov=Hậu%20Giang&prov=Cần%20Thơ&years=2017&years=2025", "Tổng quan")
    sidebar = shot.locator("[data-testid='stSidebar']")
    sidebar.get_by_text("Chia sẻ liên kết").click()
    code = sidebar.locator("[data-testid='stCode']")
    code.wait_for(timeout=15_000)
    link = unquote(code.inner_text())
    assert "prov=Hậu Giang" in link and "prov=Cần Thơ" in link and "years=2017" in link, link
    shot.wait_for_timeout(1000)  # the expander's opening animation
    sidebar.locator("[data-testid='stSidebarContent']").evaluate("el => el.scrollTop = el.scrollHeight")
    shot.wait_for_timeout(500)
    assert code.is_visible()
    _save(shot, "share-link")

    # Downloads: a chart's data table, its CSV/Excel buttons, and Plotly's image export.
    block = shot.get_by_role("heading", name="Cuộc họp theo năm và loại")
    _to_top(shot, block)
    tabs = shot.locator("[data-testid='stTabs']").nth(1)
    tabs.get_by_role("tab", name="Bảng dữ liệu").click()
    shot.wait_for_timeout(800)
    csv = shot.get_by_role("button", name="Tải CSV").nth(1)
    assert csv.is_visible() and shot.get_by_role("button", name="Tải Excel").nth(1).is_visible()
    with shot.expect_download(timeout=15_000) as download:
        csv.click()
    assert download.value.suggested_filename.endswith(".csv")
    top, bottom, side = block.bounding_box(), csv.bounding_box(), tabs.bounding_box()
    y = max(0, top["y"] - 20)
    _save(shot, "download", clip={"x": side["x"] - 20, "y": y, "width": side["width"] + 40,
                                  "height": bottom["y"] + bottom["height"] + 30 - y})
    # Plotly's own image export stays in the chart's toolbar (PLOTLY_CONFIG keeps the modebar).
    tabs.get_by_role("tab", name="Biểu đồ").click()
    chart = tabs.locator("[data-testid='stPlotlyChart']")
    chart.locator(".main-svg").first.wait_for(timeout=15_000)
    chart.hover()
    camera = chart.locator(".modebar-btn[data-title^='Download plot as a']").first
    camera.wait_for(timeout=10_000)
    box = chart.bounding_box()
    _save(shot, "chart-image", hover=camera,
          clip={**box, "y": max(0, box["y"] - 10), "height": box["height"] + 20})

    # Accent-free search on the meetings page, and the rejected files on the quality page.
    main = _open(shot, server, "meetings?q=hau%20giang", "Cuộc họp")
    # Hậu Giang's three meetings and the 2025 Cần Thơ one, which names the former province.
    assert "Hiển thị 4 trên 4 kết quả." in main
    _save(shot, "meetings-search")
    _open(shot, server, "quality", "Chất lượng dữ liệu")
    rejects = shot.get_by_role("heading", name="Tệp bị loại và lý do")
    _to_top(shot, rejects)
    assert shot.get_by_text("Tệp PDF bị hỏng").first.is_visible()
    _save(shot, "quality-rejects")

    # The English view of the same page: the link's lang=en.
    _open(shot, server, "?lang=en", "Overview")
    _map_drawn(shot)
    assert "Meetings by province" in _no_error(shot, "overview-en")
    _save(shot, "overview-en")
    assert shot.outside_requests == []

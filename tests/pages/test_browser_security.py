"""Real browser: script payloads in articles and links stay inert text; uploads go through the page.

Chromium (Debian's) via Playwright on a dashboard served on 127.0.0.1, everything outside
it blocked. Set ICTDASH_SKIP_BROWSER=1 to skip.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import HOSTILE
from tests.pages.browser_support import ROOT, block_outside, browser_marks, launch, served, settle

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = browser_marks()

PASSWORD = "mật-khẩu-thử-nghiệm-dài"
# Runs before any page script: a payload that executes sets the flag (or opens a dialog,
# which the test records as well).
TRAPS = """
window.__pwned = undefined;
for (const name of ['alert', 'confirm', 'prompt']) {
  const original = window[name];
  window[name] = function (...args) {
    window.__pwned = name + ':' + args.join(',');
    return original.apply(this, args);
  };
}
"""
ARTICLE = (
    "Sở Thông tin và Truyền thông Quảng Ninh giao ban tháng 3/2024\n\n"
    "Ngày 12/3/2024, Sở Thông tin và Truyền thông tỉnh Quảng Ninh tổ chức giao ban tháng 3. "
    "Ông Trần Văn Bình, Giám đốc Sở Thông tin và Truyền thông, chủ trì. Sở đề nghị đẩy mạnh "
    "chuyển đổi số. Mã lạ: <script>window.__pwned='upload'</script><img src=x onerror=alert(7)>"
).encode()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def fixture_server(dataset: Path) -> Iterator[str]:
    with served({"ICTDASH_DATA": str(dataset)}) as base:
        yield base


@pytest.fixture(scope="module")
def upload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A dashboard built from a temporary copy of data/raw, with an upload password."""
    base_dir = tmp_path_factory.mktemp("browser-upload")
    shutil.copytree(ROOT / "data" / "raw", base_dir / "raw")
    env = {"ICTDASH_DATA": str(base_dir / "data"), "ICTDASH_RAW": str(base_dir / "raw"),
           "ICTDASH_UPLOAD_PASSWORD": PASSWORD,
           "ICTDASH_ACCURACY": str(base_dir / "no-accuracy.json")}
    with served(env, startup_s=120) as base:
        yield base, base_dir / "raw"


def _open(browser, base: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="vi-VN")
    outside = block_outside(context, base)
    context.add_init_script(TRAPS)
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return context, pg, dialogs, outside


def _no_script_ran(pg, dialogs: list[str]) -> None:
    pg.wait_for_timeout(500)  # let any injected handler (onerror of a broken image) fire
    assert dialogs == []
    for frame in pg.frames:
        assert frame.evaluate("() => window.__pwned") is None, frame.url
        assert frame.evaluate("() => document.querySelectorAll('img[onerror], [onerror]').length") == 0
        assert frame.evaluate(
            "() => document.querySelectorAll('a[href^=\"javascript:\" i]').length") == 0


def test_an_article_with_script_and_onerror_shows_them_as_text(browser, fixture_server) -> None:
    context, pg, dialogs, outside = _open(browser, fixture_server)
    try:
        pg.goto(f"{fixture_server}/meetings?doc=na-2020-giao-ban")
        settle(pg)
        article = pg.locator(".ictdash-article")
        article.wait_for(timeout=30_000)
        text = article.inner_text()
        assert "<script>alert('x')</script>" in text and "<img src=x onerror=alert(1)>" in text
        assert HOSTILE in text
        assert article.locator("script, img").count() == 0
        _no_script_ran(pg, dialogs)
        assert outside == []
    finally:
        context.close()


def test_a_link_with_script_and_markdown_payloads_shows_an_inert_notice(browser,
                                                                        fixture_server) -> None:
    context, pg, dialogs, _ = _open(browser, fixture_server)
    try:
        pg.goto(f"{fixture_server}/?prov=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E"
                "&prov=%5Bclick%5D(javascript:alert(3))&topic=%3Cscript%3Ealert(4)%3C/script%3E")
        settle(pg)
        main = pg.locator("[data-testid='stMain']")
        alert = main.locator("[data-testid='stAlert']").first
        alert.wait_for(timeout=30_000)
        shown = alert.inner_text()
        assert "prov=<img src=x onerror=alert(2)>" in shown
        assert "prov=[click](javascript:alert(3))" in shown
        assert "topic=<script>alert(4)</script>" in shown
        assert alert.locator("a, img, script").count() == 0
        _no_script_ran(pg, dialogs)
        assert "alert" not in pg.url
    finally:
        context.close()


def test_authorised_upload_through_the_browser_shows_on_the_meetings_page(browser,
                                                                          upload_server) -> None:
    upload_server, raw = upload_server
    context, pg, dialogs, outside = _open(browser, upload_server)
    try:
        pg.goto(f"{upload_server}/update")
        settle(pg, 120_000)
        main = pg.locator("[data-testid='stMain']")
        assert main.locator("input[type='file']").count() == 0  # nothing before the password
        main.locator("input[type='password']").fill("sai")
        main.get_by_role("button", name="Xác nhận").click()
        main.get_by_text("Mật khẩu không đúng.").wait_for(timeout=30_000)
        assert main.locator("input[type='file']").count() == 0
        main.locator("input[type='password']").fill(PASSWORD)
        main.get_by_role("button", name="Xác nhận").click()
        pg.locator("input[type='file']").wait_for(state="attached", timeout=30_000)
        assert PASSWORD not in pg.content()
        pg.locator("input[type='file']").set_input_files([
            {"name": "<img src=x onerror=alert(5)>.txt", "mimeType": "text/plain", "buffer": ARTICLE},
            {"name": "rỗng.txt", "mimeType": "text/plain", "buffer": b"  "},
        ])
        main.get_by_text("rỗng.txt").wait_for(timeout=30_000)  # both files are listed
        # Pressed at once, as a person would: the button is a form's submit button, disabled
        # until both files are on the server (click() waits for it to be enabled). It used to
        # be a plain button, and a click before the upload finished was lost: the run with the
        # click had no files, and the run after the upload had no click (the old flake).
        main.get_by_role("button", name="Tải lên và cập nhật").click()
        main.get_by_text("Đã thêm 1 tin bài").wait_for(timeout=90_000)
        main.get_by_text("Không nhận 1 tệp/dòng").wait_for(timeout=30_000)  # drawn after
        uploaded = sorted(p.relative_to(raw).as_posix() for p in (raw / "uploads").iterdir())
        assert len(uploaded) == 1 and uploaded[0].startswith("uploads/") and "<" not in uploaded[0]
        pg.goto(f"{upload_server}/meetings?q=quang%20ninh")
        settle(pg, 60_000)
        # Waited for, not read once: the page may still be drawing when it first looks settled.
        main.get_by_text("Hiển thị 1 trên 1 kết quả.").wait_for(timeout=60_000)
        _no_script_ran(pg, dialogs)
        assert outside == []
    finally:
        context.close()

"""Shared helpers for real-browser tests: a served dashboard on 127.0.0.1 and Debian's Chromium.

Same approach as tests/pages/test_browser.py (which keeps its own copy): the server is a
`streamlit run` subprocess on a free loopback port, ready when /_stcore/health answers,
always stopped in a finally block; every request outside it is blocked.
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
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
SKIP_ENV = "ICTDASH_SKIP_BROWSER"


def browser_marks() -> list:
    """Skip when Chromium is missing (unless CI requires it) or ICTDASH_SKIP_BROWSER=1."""
    required = os.environ.get("REQUIRE_BROWSER") == "1"
    return [
        pytest.mark.skipif(not Path(CHROMIUM).exists() and not required,
                           reason="chromium is not installed"),
        pytest.mark.skipif(os.environ.get(SKIP_ENV) == "1", reason=f"{SKIP_ENV}=1"),
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(base: str, timeout: float = 2.0) -> bool:
    try:
        return urllib.request.urlopen(f"{base}/_stcore/health", timeout=timeout).status == 200
    except OSError:
        return False


@contextmanager
def served(env: dict[str, str], *, startup_s: float = 60, log: Path | None = None) -> Iterator[str]:
    """`streamlit run dashboard.py` on 127.0.0.1:<free port> with `env` added; yields the base URL."""
    port = free_port()
    full = {**os.environ, **env}
    for name in ("ICTDASH_RAW", "ICTDASH_UPLOAD_PASSWORD"):
        if name not in env:
            full.pop(name, None)
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=full, stdout=out, stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while not healthy(base, 1):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("the Streamlit server did not start")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if log:
            out.close()


def launch(p):
    return p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


def block_outside(context, base: str) -> list[str]:
    """Abort (and record) every request that does not go to the dashboard server."""
    outside: list[str] = []

    def route(r) -> None:
        url = r.request.url
        if url.startswith(base) or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    return outside


# The page title (h1) too: right after a page loads, the sidebar is there and no run is shown
# as going on before the script's first element arrives.
SETTLED_JS = """() => !!document.querySelector("[data-testid='stSidebar']")
    && !!document.querySelector("[data-testid='stMain'] h1")
    && !document.querySelector("[data-testid='stStatusWidget']")
    && !document.querySelector("[data-testid='stSkeleton']")"""


def settle(pg, timeout_ms: int = 45_000) -> None:
    """Wait until the script run finished and nothing is still loading."""
    pg.wait_for_function(SETTLED_JS, timeout=timeout_ms)
    pg.wait_for_timeout(300)


class StreamSession:
    """A lightweight real session: Streamlit's own websocket protocol, without a browser.

    It speaks to the served dashboard exactly as the browser's frontend does (BackMsg
    rerun requests with the widget states and the page, ForwardMsg deltas back), so the
    server runs the same script in its own session thread; it just does not draw anything.
    `render()` returns the elements of one finished run, by delta path.
    """

    def __init__(self, base: str) -> None:
        self.url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.ws = None
        self.pages: dict[str, str] = {}        # url path -> page script hash
        self.page_hash = ""
        self.query_string = ""
        self.widgets: dict[str, object] = {}   # widget id -> WidgetState proto, as set here

    async def __aenter__(self) -> StreamSession:
        import websockets

        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"],
                                           max_size=64 * 1024 * 1024, open_timeout=60)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def render(self, *, page: str | None = None, query_string: str | None = None,
                     timeout: float = 90) -> dict:
        """One run: open `page` (a URL path) and/or a link's query string, with the widget
        states set so far. Returns {"elements": {path: Element}, "status": int}."""
        import asyncio

        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        rerun = msg.rerun_script
        if query_string is not None:
            self.query_string = query_string
        rerun.query_string = self.query_string
        if page is not None and page in self.pages:
            rerun.page_script_hash = self.pages[page]
        elif page is not None:
            rerun.page_name = page       # first run from a link: the server resolves the path
        else:
            rerun.page_script_hash = self.page_hash
        rerun.widget_states.widgets.extend(self.widgets.values())
        await self.ws.send(msg.SerializeToString())
        elements: dict[tuple, object] = {}
        started = False
        async with asyncio.timeout(timeout):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await self.ws.recv())
                kind = fwd.WhichOneof("type")
                if kind == "new_session":
                    started, elements = True, {}
                    self.page_hash = fwd.new_session.page_script_hash or self.page_hash
                elif kind == "navigation":
                    self.pages = {p.url_pathname: p.page_script_hash
                                  for p in fwd.navigation.app_pages}
                    self.page_hash = fwd.navigation.page_script_hash or self.page_hash
                elif kind == "page_info_changed":
                    self.query_string = fwd.page_info_changed.query_string
                elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                    elements[tuple(fwd.metadata.delta_path)] = fwd.delta.new_element
                elif kind == "script_finished" and started:
                    # 2: ended early because another run was requested (not ours: one at a time)
                    return {"elements": elements, "status": fwd.script_finished}

    def set_widget(self, widget_id: str, **value) -> None:
        """Set a widget's value for the next run, e.g. string_array_value=["Hà Nội"]."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=widget_id)
        for field, v in value.items():
            if field in ("string_array_value", "double_array_value"):
                getattr(state, field).data.extend(v)
            else:
                setattr(state, field, v)
        self.widgets[widget_id] = state

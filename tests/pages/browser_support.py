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


SETTLED_JS = """() => !!document.querySelector("[data-testid='stSidebar']")
    && !document.querySelector("[data-testid='stStatusWidget']")
    && !document.querySelector("[data-testid='stSkeleton']")"""


def settle(pg, timeout_ms: int = 45_000) -> None:
    """Wait until the script run finished and nothing is still loading."""
    pg.wait_for_function(SETTLED_JS, timeout=timeout_ms)
    pg.wait_for_timeout(300)

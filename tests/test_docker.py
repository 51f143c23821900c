"""The container image: builds, answers on the health endpoint and serves the overview with no network.

Skipped, with the reason, where no Docker engine answers (the client alone cannot build).
`ICTDASH_DOCKER_BUILD_ARGS` passes extra `docker build` options, e.g. `--network host` for a
daemon started without a bridge network, or `--build-arg` for a proxy.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TAG = "ict-meetings-vn:test"


def _docker_ready() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0


pytestmark = pytest.mark.skipif(not _docker_ready(),
                                reason="no Docker engine on this machine (the client alone cannot build)")

# Run in the container's network namespace (nsenter), so a browser on this machine reaches a
# container started with --network none, which publishes no port.
BROWSER_PROBE = """
import json, sys
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    b = p.chromium.launch(executable_path=sys.argv[1], args=json.loads(sys.argv[2]))
    page = b.new_page()
    page.goto("http://127.0.0.1:8501/", timeout=60000)
    page.wait_for_selector("[data-testid='stMetricValue']", timeout=60000)
    labels = page.locator("[data-testid='stMetricLabel']").all_inner_texts()
    values = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    print(json.dumps(dict(zip(labels, values)), ensure_ascii=False))
    b.close()
"""


def _state(cid: str) -> dict:
    out = subprocess.run(["docker", "inspect", "--format", "{{json .State}}", cid],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def container():
    extra = shlex.split(os.environ.get("ICTDASH_DOCKER_BUILD_ARGS", ""))
    subprocess.run(["docker", "build", *extra, "-t", TAG, str(ROOT)], check=True, timeout=1800)
    cid = subprocess.run(["docker", "run", "-d", "--network", "none", TAG], check=True,
                         capture_output=True, text=True).stdout.strip()
    try:
        yield cid
    finally:
        subprocess.run(["docker", "rm", "-f", cid], capture_output=True)


def test_the_container_answers_health_and_serves_the_page_with_the_network_disabled(container):
    # --network none: no port can be published, so probe from inside the container.
    probe = ("import urllib.request as u; "
             "print(u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=3).read().decode()); "
             "print(len(u.urlopen('http://127.0.0.1:8501/', timeout=3).read()))")
    for _ in range(90):
        out = subprocess.run(["docker", "exec", container, "python", "-c", probe],
                             capture_output=True, text=True)
        if out.returncode == 0:
            break
        time.sleep(1)
    assert out.returncode == 0, out.stderr
    health, size = out.stdout.split()
    assert health == "ok" and int(size) > 500
    # The image's own HEALTHCHECK (every 30 s) turns the container healthy.
    for _ in range(90):
        if _state(container).get("Health", {}).get("Status") == "healthy":
            break
        time.sleep(1)
    assert _state(container)["Health"]["Status"] == "healthy"
    user = subprocess.run(["docker", "exec", container, "id", "-u"], capture_output=True,
                          text=True, check=True).stdout.strip()
    assert user != "0", "the dashboard must not run as root"


def test_the_overview_shows_the_bundled_articles_in_a_browser_with_no_network(container):
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from tests.pages.browser_support import CHROMIUM, LAUNCH_ARGS

    if not (Path(CHROMIUM).exists() and shutil.which("nsenter") and os.geteuid() == 0):
        pytest.skip("needs Chromium, nsenter and root to enter the container's network namespace")
    pid = str(_state(container)["Pid"])
    for _ in range(90):
        if _state(container).get("Health", {}).get("Status") == "healthy":
            break
        time.sleep(1)
    out = subprocess.run(["nsenter", "-t", pid, "-n", sys.executable, "-c", BROWSER_PROBE,
                          CHROMIUM, json.dumps(LAUNCH_ARGS)], capture_output=True, text=True,
                         timeout=180)
    assert out.returncode == 0, out.stderr[-2000:]
    metrics = json.loads(out.stdout.strip().splitlines()[-1])
    # The five bundled articles (data/raw), built into the image at build time.
    assert metrics["Cuộc họp"] == "5"
    assert metrics["Tỉnh/thành"] == "4"


def _compose() -> list[str] | None:
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


def test_compose_builds_a_provinces_own_articles_into_its_volume(container, tmp_path):
    """compose.yaml as committed (only the image tag and host port changed): a read-only
    container filesystem, the articles folder mounted, the snapshots in a named volume."""
    compose = _compose()
    if compose is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed")
    from tests.pages.browser_support import free_port, healthy

    port = free_port()
    text = (ROOT / "compose.yaml").read_text(encoding="utf-8")
    assert "ict-meetings-vn:latest" in text and '"8501:8501"' in text
    text = text.replace("ict-meetings-vn:latest", TAG).replace('"8501:8501"',
                                                               f'"127.0.0.1:{port}:8501"')
    (tmp_path / "compose.yaml").write_text(text, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    for f in sorted((ROOT / "data" / "raw").iterdir())[:3]:
        shutil.copy(f, articles / f.name)
    os.chmod(articles, 0o777)  # the container's user (uid 10001) saves uploads here
    project = ["-p", f"ictdash{port}"]
    run = dict(cwd=tmp_path, capture_output=True, text=True, timeout=300)
    up = subprocess.run([*compose, *project, "up", "-d", "--no-build"], **run)
    try:
        assert up.returncode == 0, up.stderr
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            if healthy(base):
                break
            time.sleep(1)
        assert healthy(base)
        # The CLI build of compose.yaml's comment, in the running container, writes the
        # three mounted articles into the named volume (as the app user).
        build = [*compose, *project, "exec", "-T", "dashboard", "python", "-m", "loaders",
                 "build", "--raw", "/data/raw", "--out", "/data/parquet", "--quiet"]
        for _ in range(60):
            out = subprocess.run(build, **run)
            if out.returncode == 0:
                break
            time.sleep(2)
        assert out.returncode == 0, out.stderr
        info = json.loads(out.stdout.strip().splitlines()[-1])
        assert info["n_files"] == 3 and info["n_documents"] == 3
    finally:
        subprocess.run([*compose, *project, "down", "-v"], **run)

"""The container image: builds, answers on the health endpoint and serves the overview with no network."""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _docker_ready() -> bool:
    if not shutil.which("docker"):
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0


pytestmark = pytest.mark.skipif(not _docker_ready(),
                                reason="no Docker engine on this machine (the client alone cannot build)")


def test_the_image_serves_the_dashboard_with_the_network_disabled():
    tag = "ict-meetings-vn:test"
    subprocess.run(["docker", "build", "-t", tag, str(ROOT)], check=True, timeout=1800)
    # --network none: no port can be published, so probe from inside the container.
    cid = subprocess.run(["docker", "run", "-d", "--network", "none", tag], check=True,
                         capture_output=True, text=True).stdout.strip()
    try:
        probe = ("import urllib.request as u; "
                 "print(u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=3).read().decode()); "
                 "print(len(u.urlopen('http://127.0.0.1:8501/', timeout=3).read()))")
        for _ in range(60):
            out = subprocess.run(["docker", "exec", cid, "python", "-c", probe], capture_output=True, text=True)
            if out.returncode == 0:
                break
            time.sleep(1)
        assert out.returncode == 0, out.stderr
        health, size = out.stdout.split()
        assert health == "ok" and int(size) > 500
    finally:
        subprocess.run(["docker", "rm", "-f", cid], capture_output=True)

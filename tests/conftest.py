"""Shared fixtures: the fixture snapshot on disk, a locked-down connection over it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from queries.connection import connect, current_snapshot
from tests.fixtures import write_fixture


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Root of the fixture dataset (CURRENT + snapshots/<name>/...), written once per run."""
    return write_fixture(tmp_path_factory.mktemp("dataset"))


@pytest.fixture(scope="session")
def con(dataset: Path):
    """A cursor on the read-only connection, as the dashboard gives each query."""
    connection = connect(current_snapshot(dataset))
    cursor = connection.cursor()
    yield cursor
    cursor.close()
    connection.close()


# In CI (.ci/run sets REQUIRE_BROWSER=1) a browser test that skips because Chromium or
# Playwright is missing is a failure: a green run must have driven a real browser.
_BROWSER_SKIPS = ("chromium", "playwright", "ICTDASH_SKIP_BROWSER")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or hasattr(report, "wasxfail") or os.environ.get("REQUIRE_BROWSER") != "1":
        return  # an expected failure (xfail) is not a skip for want of a browser
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if any(word in reason for word in _BROWSER_SKIPS):
        report.outcome = "failed"
        report.longrepr = f"REQUIRE_BROWSER=1 but the browser test was skipped: {reason}"

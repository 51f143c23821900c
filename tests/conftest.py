"""Shared fixtures: the fixture snapshot on disk, a locked-down connection over it."""
from __future__ import annotations

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

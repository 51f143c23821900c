"""Where the data is, the one shared read-only connection, cached queries and the first build."""
from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from queries.connection import Snapshot, SnapshotMissing, connect, current_snapshot

REPO = Path(__file__).resolve().parents[1]
DATA_ENV = "ICTDASH_DATA"      # dataset root (holds CURRENT); default data/parquet
RAW_ENV = "ICTDASH_RAW"        # raw articles to build from; default data/raw
ACCURACY_ENV = "ICTDASH_ACCURACY"  # accuracy.json; default data/accuracy.json


def data_root() -> Path:
    return Path(os.environ.get(DATA_ENV) or REPO / "data" / "parquet")


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_ENV) or REPO / "data" / "raw")


def accuracy_path() -> Path:
    return Path(os.environ.get(ACCURACY_ENV) or REPO / "data" / "accuracy.json")


def should_build() -> bool:
    """Build on start for the default dataset, or when a raw folder is named explicitly.

    A dataset given only through ICTDASH_DATA (tests, a copied snapshot) is used as it is.
    """
    return not os.environ.get(DATA_ENV) or bool(os.environ.get(RAW_ENV))


_PINNED = "_ictdash_snapshot"


def pin_snapshot() -> None:
    """Read CURRENT once for this script run: every query of the run then reads the same
    snapshot, even when a build publishes another one halfway through the page."""
    try:
        st.session_state[_PINNED] = current_snapshot(data_root())
    except SnapshotMissing:
        st.session_state[_PINNED] = None


def snapshot() -> Snapshot:
    """The snapshot this run pinned (see pin_snapshot), else the published one."""
    pinned = st.session_state.get(_PINNED)
    return pinned if pinned is not None else current_snapshot(data_root())


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(snapshot_path: str) -> Any:
    path = Path(snapshot_path)
    return connect(Snapshot(root=path.parent.parent, name=path.name, path=path))


@st.cache_data(max_entries=1024, show_spinner=False)
def _cached(snapshot_key: str, module: str, name: str, args: tuple, kwargs: tuple) -> Any:
    if not module.startswith("queries."):
        raise ValueError(f"not a query module: {module}")
    fn = getattr(importlib.import_module(module), name)
    # One cursor per query: a DuckDB connection must not be shared across threads, and every
    # browser session runs its script in its own thread.
    cursor = _connection(snapshot_key).cursor()
    try:
        return fn(cursor, *args, **dict(kwargs))
    finally:
        cursor.close()


def query(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Run a queries.* function on the shared connection, cached per snapshot and arguments."""
    snap = snapshot()
    return _cached(snap.cache_key, fn.__module__, fn.__name__, args, tuple(sorted(kwargs.items())))


def has_data() -> bool:
    try:
        snapshot()
    except SnapshotMissing:
        return False
    return True


@st.cache_resource(show_spinner=False)
def _build_lock(raw: str, out: str) -> dict:
    return {"lock": threading.Lock(), "done": False, "error": None}


def build_once(ensure_built: Callable[..., bool], progress_text: Callable[[int, int, str], str],
               start_text: str) -> str | None:
    """Call loaders.build.ensure_built once per process, with a progress bar; the error text
    if the build failed (the dashboard then shows whatever snapshot exists)."""
    if not should_build():
        return None
    state = _build_lock(str(raw_dir()), str(data_root()))
    if state["done"]:
        return state["error"]
    with state["lock"]:
        if state["done"]:
            return state["error"]
        bar = st.progress(0.0, text=start_text)

        def tick(i: int, n: int, file: str) -> None:
            try:
                bar.progress(min(1.0, i / max(n, 1)), text=progress_text(i, n, file))
            except BaseException:  # noqa: BLE001 - see below
                # A progress update must never stop a build: when the visitor who started
                # it closes the tab, Streamlit raises its StopException (not an Exception)
                # at the next widget call; the build must still finish for everyone else.
                pass

        try:
            ensure_built(raw_dir(), data_root(), progress=tick)
            state["done"] = True
        except Exception as exc:  # noqa: BLE001 - reported on the page, data may still exist
            state["error"] = f"{type(exc).__name__}: {exc}"
            state["done"] = True
        finally:
            bar.empty()
    return state["error"]

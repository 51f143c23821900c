"""The dashboard's pages (file, title key, URL path, icon, in menu order) and how a page runs."""
from __future__ import annotations

import runpy
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"

# URL path = file stem, so the link to a page is the same whichever way Streamlit runs it.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("pages/overview.py", "nav.overview", "overview", ":material/dashboard:"),
    ("pages/projects.py", "nav.projects", "projects", ":material/account_tree:"),
    ("pages/egov.py", "nav.egov", "egov", ":material/timeline:"),
    ("pages/meetings.py", "nav.meetings", "meetings", ":material/groups:"),
    ("pages/province.py", "nav.province", "province", ":material/location_city:"),
    ("pages/quality.py", "nav.quality", "quality", ":material/fact_check:"),
    ("pages/methods.py", "nav.methods", "methods", ":material/menu_book:"),
    ("pages/update.py", "nav.update", "update", ":material/upload_file:"),
)
URL = {path.split("/")[-1][:-3]: url for path, _, url, _ in PAGES}

_entry = threading.local()  # each browser session runs its script in its own thread


@contextmanager
def inside_entry_point() -> Iterator[None]:
    """dashboard.py runs the current page inside this block."""
    _entry.active = True
    try:
        yield
    finally:
        _entry.active = False


def run_page(body: Callable[[], None]) -> None:
    """The last line of every page file: run `body` with the shared sidebar and URL state.

    Streamlit still treats a `pages/` folder as old-style pages on a server process's first
    run (and in every AppTest run), and may then execute a page file on its own, without
    dashboard.py. The page then runs the entry point, which draws the filters and runs this
    same page through st.navigation.
    """
    from ui.page import guarded

    if getattr(_entry, "active", False):
        guarded(body)
    else:
        runpy.run_path(str(DASHBOARD), run_name="__main__")

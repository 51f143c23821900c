"""Entry point: page config, the first build, navigation declared as a list, the shared filters."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st
from streamlit.logger import get_logger

from ui import state
from ui.i18n import bind_language, t
from ui.nav import PAGES, inside_entry_point

_started = time.perf_counter()
st.set_page_config(page_title="ICT tỉnh · Provincial ICT", page_icon="📊", layout="wide")
state.begin()
bind_language()  # the menu below is drawn in the session's language
# The menu comes first, before the heavy imports below and the first build: on a process's
# first run Streamlit starts with its old-style menu of the pages/ file names, and this
# replaces it at once instead of leaving it on screen while pandas, DuckDB and the
# gazetteer load (seconds on a busy two-core machine) and the build runs.
page = st.navigation([
    st.Page(path, title=t(title), url_path=url, icon=icon, default=(i == 0))
    for i, (path, title, url, icon) in enumerate(PAGES)
])

from queries.overview import year_bounds  # noqa: E402 - after the menu, see above
from queries.quality import unreadable_tables  # noqa: E402
from ui.data import build_once, has_data, pin_snapshot, query  # noqa: E402
from ui.filters import sidebar  # noqa: E402
from ui.share import share_control  # noqa: E402


def _ensure_built(raw_dir: Path, out_dir: Path,
                  progress: Callable[[int, int, str], None] | None = None) -> bool:
    # Imported only when a build may run: tests and copied snapshots never load the pipeline.
    from loaders.build import ensure_built

    return ensure_built(raw_dir, out_dir, progress=progress)


def _dropped(items: str) -> str:
    return t("notice.dropped", items=items)


build_error = build_once(
    _ensure_built,
    progress_text=lambda i, n, f: t("build.progress", i=i, n=n, file=f),
    start_text=t("build.start"),
)
pin_snapshot()  # after the first build: every query of this run reads this one snapshot
# The filters are drawn after st.navigation on purpose: from there on Streamlit gives widgets
# the entry point's identity, so their state survives however the script was started
# (Streamlit runs a `pages/` folder old-style on a process's first run and in AppTest).
st.session_state["_filters"] = sidebar(query(year_bounds) if has_data() else None)
broken = query(unreadable_tables) if has_data() else None

notices = st.container()
if build_error:
    st.error(t("error.build", error=build_error))
if broken is not None and not broken.empty:
    st.error(t("error.unreadable", tables=", ".join(broken["table_name"])))
if not has_data():
    st.warning(t("error.nodata"))
    state.finish(notices, _dropped)
    st.stop()

share_slot = st.sidebar.container()
with inside_entry_point():
    page.run()
# After the page, so the link also carries the page's own parameters (search, meeting...).
share_control(share_slot)
state.finish(notices, _dropped)
# One line per run in the server log: the budget is 0.5 s per page, so regressions show.
get_logger("ictdash").info("rendered %s in %.0f ms", page.url_path or "overview",
                                  (time.perf_counter() - _started) * 1000)

"""Page scaffolding: the error guard, the empty state, filters handed from the entry point, links."""
from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import quote, urlencode

import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from queries.filters import Filters
from ui.i18n import lang, t
from ui.nav import URL

STRICT_ENV = "ICTDASH_STRICT"   # "1": let page errors propagate (tests must see them)
_log = get_logger("ictdash")  # Streamlit's handler and --logger.level apply


def filters() -> Filters:
    """The filters the sidebar set in this run (dashboard.py stores them)."""
    return st.session_state.get("_filters") or Filters()


def guarded(body: Callable[[], None]) -> None:
    """Run a page body; an unexpected error becomes a short translated message, not a traceback."""
    try:
        body()
    except Exception:
        if os.environ.get(STRICT_ENV) == "1":
            raise
        _log.exception("page failed")
        st.error(t("error.page"), icon="🚫")


def empty_state() -> None:
    st.info(t("empty"), icon="🔎")


def is_empty(df: pd.DataFrame | None) -> bool:
    if df is None or df.empty:
        empty_state()
        return True
    return False


def meeting_link(doc_id: str | None) -> str | None:
    """Relative link to one meeting on the Meetings page, in the current language."""
    if not doc_id:
        return None
    params = {"doc": doc_id}
    if lang() != "vi":
        params["lang"] = lang()
    return f"{URL['meetings']}?" + urlencode(params, quote_via=quote)


def meeting_links(doc_ids: pd.Series) -> pd.Series:
    """meeting_link() of a whole column (the language is read once, not once per row)."""
    suffix = f"&lang={quote(lang(), safe='')}" if lang() != "vi" else ""
    prefix = f"{URL['meetings']}?doc="
    return doc_ids.map(lambda d: f"{prefix}{quote(d, safe='')}{suffix}"
                       if isinstance(d, str) and d else None)


def safe_url(url: object) -> str | None:
    """Only http(s) links from articles are shown as links (never javascript: or data:)."""
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url
    return None


_MD_SPECIAL = "\\`*_{}[]<>()#+-.!|~$"


def md_escape(text: object) -> str:
    """Text from an article, safe inside st.markdown/st.caption (no links, HTML or emphasis)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text or ""))

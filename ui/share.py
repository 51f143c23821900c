"""The share control: the link that reopens exactly this page with these filters."""
from __future__ import annotations

from typing import Any

import streamlit as st

from ui import state
from ui.i18n import t


def share_link() -> str:
    """st.context.url (scheme, host, page path; no query) plus the current parameters."""
    base = st.context.url or ""
    qs = state.query_string()
    return f"{base}?{qs}" if qs else (base or "?")


def share_control(slot: Any) -> None:
    with slot.expander(t("share.label"), icon=":material/share:"):
        st.caption(t("share.help"))
        st.code(share_link(), language=None, wrap_lines=True)

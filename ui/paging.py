"""Paging of a long table: the page number lives in the URL (?page=3), "Trang 3/2.000"."""
from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from ui import state
from ui.i18n import number, t

PAGE_ROWS = 500  # rows per page; queries.meetings.MAX_PAGE is the most one query returns
_VIEW = "_paging_view"  # what the table showed in the last run, per page parameter


def page_count(total: int, rows: int) -> int:
    return max(1, -(-int(total) // rows))


def _parse(raw: list[str]) -> tuple[int, list[str]]:
    value = raw[-1].strip()
    if value.isascii() and value.isdigit() and int(value) >= 1:
        return int(value), []
    return 1, [raw[-1]]


def pager(total: int, view: Hashable, name: str = "page") -> tuple[int, int]:
    """Draw the page picker for a table of `total` rows; (offset, rows) of the page to show.

    `view` identifies what the table lists (filters, search): when it changes, the reader
    goes back to page 1, unless the page number itself came with a link in this run.
    """
    rows = PAGE_ROWS
    pages = page_count(total, rows)
    state.bind(name, _parse, state.omit_default(1), 1)
    views = st.session_state.setdefault(_VIEW, {})
    if views.get(name, view) != view and not state.from_link(name):
        st.session_state[name] = 1
    views[name] = view
    current = st.session_state[name]
    if not isinstance(current, int) or not 1 <= current <= pages:
        if state.from_link(name) and current != 1:
            state.notice(name, str(current))  # a link to a page past the end
        st.session_state[name] = current = min(max(int(current or 1), 1), pages)
    first, last = (current - 1) * rows + 1, min(current * rows, total)
    if pages > 1:
        left, right = st.columns([1, 3], vertical_alignment="bottom")
        left.number_input(t("paging.page"), min_value=1, max_value=pages, step=1, key=name)
        right.caption(t("paging.of", page=number(current), pages=number(pages),
                        first=number(first), last=number(last), total=number(total)))
    else:
        st.caption(t("shown_of", shown=number(total), total=number(total)))
    return (current - 1) * rows, rows

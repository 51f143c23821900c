"""Cuộc họp: a searchable meetings table; one meeting's article with every extracted value marked."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from queries import meetings as q
from ui import state
from ui.charts import localise, table_block
from ui.data import query
from ui.downloads import download_buttons
from ui.filters import describe, frozen
from ui.highlight import STYLE, highlight, legend
from ui.i18n import col, label, t
from ui.nav import run_page
from ui.page import empty_state, filters, md_escape, meeting_links, safe_url
from ui.paging import pager

TABLE_KEY = "meetings-list"


def _text(raw: list[str]) -> tuple[str, list[str]]:
    return raw[-1][:200], []


def _doc(raw: list[str]) -> tuple[str | None, list[str]]:
    value = raw[-1].strip()
    return (value[:300] or None), []


def _on_select() -> None:
    # A click on a table row opens that meeting (callbacks may set widget state).
    picked = st.session_state.get(f"{TABLE_KEY}-table") or {}
    selection = picked.get("selection", {}) if hasattr(picked, "get") else {}
    rows = selection.get("rows", []) if hasattr(selection, "get") else []
    ids = st.session_state.get("_meeting_ids", [])
    if rows and rows[0] < len(ids):
        st.session_state["doc"] = ids[rows[0]]


def meeting_table(f, search: str) -> pd.DataFrame:
    """The page of meetings the pager points at (every row is reachable, page by page)."""
    total = query(q.count_meetings, f, search)
    offset, rows = pager(total, (f, search))
    page = query(q.meetings_table, f, search, rows, offset)
    if page.empty:
        empty_state()
        return page
    shown = page.assign(
        link=meeting_links(page["doc_id"]),
        url=page["url"].map(safe_url),
    )[["meeting_date", "province", "meeting_type", "chair_name", "chair_title", "title",
       "link", "url", "doc_id"]]
    st.session_state["_meeting_ids"] = list(page["doc_id"])
    table = localise(shown, {"meeting_type": "type"})
    config = {
        col("link"): st.column_config.LinkColumn(display_text=t("read")),
        col("url"): st.column_config.LinkColumn(display_text=t("meetings.source")),
        col("title"): st.column_config.TextColumn(width="large"),
    }
    st.dataframe(table, hide_index=True, column_config=config, key=f"{TABLE_KEY}-table",
                 on_select=_on_select, selection_mode="single-row")
    download_buttons(table, t("meetings.table"), TABLE_KEY)
    return page


def _detail(kind: str, detail: object) -> object:
    # A project's detail is "kind · stage" as codes; people read them as labels.
    if kind == "projects" and isinstance(detail, str):
        kind_code, _, stage = detail.partition(" · ")
        return " · ".join(x for x in (label("kind", kind_code), stage and label("stage", stage)) if x)
    return detail


def _choice_label(doc_id: str | None, labels: dict[str, str]) -> str:
    return t("meetings.pick.none") if doc_id is None else labels.get(doc_id, doc_id)


def article(doc_id: str) -> None:
    detail = query(q.meeting_detail, doc_id)
    if detail is None:
        st.warning(t("meetings.not_found", doc=doc_id))
        return
    doc, meeting = detail.document, detail.meeting
    st.subheader(md_escape(doc.get("title") or doc_id))
    if meeting:
        facts = [meeting.get("province"), meeting.get("meeting_date"),
                 label("type", meeting.get("meeting_type")),
                 " — ".join(x for x in (meeting.get("chair_name"), meeting.get("chair_title")) if x)]
        st.caption(" · ".join(md_escape(x) for x in facts if x))
    else:
        st.info(t("meetings.not_meeting"))
    url = safe_url(doc.get("url"))
    if url:
        st.link_button(t("meetings.source"), url, icon=":material/open_in_new:")
    if doc.get("file"):
        st.caption(t("meetings.source_file", file=md_escape(doc["file"])))

    spans = detail.spans
    kinds_label = {k: t(f"span.{k}") for k in
                   ("province", "date", "chair", "people", "projects", "topics", "deadlines",
                    "legal_refs", "numbers")}
    marks = [
        (r.start, r.end, r.kind,
         f"{kinds_label.get(r.kind, r.kind)}: "
         f"{label('topic', r.value) if r.kind == 'topics' else (r.value or '')}")
        for r in spans.itertuples(index=False)
    ]
    st.markdown(f"**{t('meetings.article')}**")
    st.html(STYLE + f"<p>{t('meetings.legend')}</p>"
            + legend(kinds_label, set(spans["kind"]) if not spans.empty else set())
            + highlight(doc.get("text") or "", marks))

    if not spans.empty:
        st.markdown(f"**{t('meetings.values')}**")
        values = spans.assign(
            kind_of_value=spans["kind"].map(lambda k: kinds_label.get(k, k)),
            value=[label("topic", v) if k == "topics" else v
                   for k, v in zip(spans["kind"], spans["value"], strict=True)],
            detail=[_detail(k, d) for k, d in zip(spans["kind"], spans["detail"], strict=True)],
        )[["kind_of_value", "value", "detail", "start", "end", "rule"]]
        table_block(localise(values), f"{doc_id}-values", "meeting-values")


def render() -> None:
    f = filters()
    st.title(t("nav.meetings"))
    st.caption(describe(f))
    state.bind("q", _text, state.omit_default(""), "")
    st.text_input(t("meetings.search"), key="q", placeholder=t("meetings.search.placeholder"))
    search = st.session_state["q"]
    page = meeting_table(f, search)
    ids = list(page["doc_id"])

    current = state.bind("doc", _doc, state.omit_default(None), None)
    if current and query(q.meeting_detail, current) is None:
        state.notice("doc", current)
        st.session_state["doc"] = current = None
    titles = {r.doc_id: " · ".join(str(x) for x in (r.meeting_date, r.province, r.title)
                                   if isinstance(x, str) and x)
              for r in page.itertuples(index=False)}
    options: list[str | None] = [None, *ids]
    if current and current not in ids:
        options.insert(1, current)
    st.selectbox(t("meetings.pick"), options, key="doc", placeholder=t("meetings.pick.none"),
                 format_func=frozen({d: _choice_label(d, titles) for d in options}))
    if st.session_state["doc"]:
        article(st.session_state["doc"])


run_page(render)

"""Chất lượng dữ liệu: files read and rejected (reasons translated), field coverage, build facts."""
from __future__ import annotations

import streamlit as st

from queries import quality as q
from ui.charts import chart_block, localise, table_block, whole_numbers
from ui.data import query
from ui.figures import bars
from ui.filters import describe
from ui.i18n import col, labels, t
from ui.nav import run_page
from ui.page import empty_state, filters


def build_facts() -> None:
    info = query(q.build_info)
    counts = query(q.file_counts).iloc[0]
    cells = st.columns(5)
    cells[0].metric(t("metric.files"), int(counts["files"]) + int(counts["rejects"]))
    cells[1].metric(t("metric.documents"), int(counts["documents"]))
    cells[2].metric(t("metric.meetings"), int(counts["meetings"]))
    cells[3].metric(t("metric.non_meetings"), int(counts["non_meetings"]))
    cells[4].metric(t("metric.rejects"), int(counts["rejects"]))
    st.subheader(t("quality.build"))
    cells = st.columns(5)
    cells[0].metric(t("metric.version"), info.get("extractor_version") or "—")
    duration = info.get("duration_s")
    known = isinstance(duration, int | float) and duration == duration  # NaN when absent
    cells[1].metric(t("metric.duration"), t("seconds", s=f"{duration:.1f}") if known else "—")
    # Long values (a timestamp, a hash) do not fit a metric tile.
    st.caption(t("quality.build_line", built=(info.get("built_at") or "—").replace("T", " ")[:19],
                 snapshot=_code(info.get("snapshot")), raw=_code(info.get("raw_dir"))))


def _code(value: object) -> str:
    # Shown inside `...`, where Markdown escapes do not apply: only a backtick could break out.
    return str(value or "—").replace("`", "'")


def coverage(f) -> None:
    st.subheader(t("quality.coverage"))
    st.caption(t("quality.coverage.caption"))
    cov = query(q.field_coverage, f)
    if cov.empty or int(cov["total"].max() or 0) == 0:
        empty_state()
        return
    shown = cov.assign(field_label=labels("field", cov["field"]))
    fig = bars(shown, x="pct", y="field_label", horizontal=True, text="pct",
               colors=["#0f766e"], labels={"pct": col("pct"), "field_label": col("field")},
               layout={"xaxis": {"title": {"text": col("pct")}, "range": [0, 105]},
                       "yaxis": {"title": {"text": col("field")}, "categoryorder": "array",
                                 "categoryarray": list(shown["field_label"])[::-1]},
                       "height": 40 * len(shown) + 120})
    chart_block(fig, localise(cov, {"field": "field"}), t("quality.coverage"), "coverage")


def rejected() -> None:
    st.subheader(t("quality.rejects"))
    by_reason = query(q.rejects_by_reason)
    if by_reason.empty:
        st.success(t("quality.no_rejects"))
        return
    shown = by_reason.assign(reason_label=labels("reject", by_reason["reason"]))
    fig = bars(shown, x="files", y="reason_label", horizontal=True, colors=["#b91c1c"],
               labels={"files": col("files"), "reason_label": col("reason")},
               layout={"height": 50 * len(shown) + 140})
    whole_numbers(fig, shown["files"], "x")
    chart_block(fig, localise(by_reason, {"reason": "reject"}), t("quality.rejects"),
                "rejects-by-reason")
    files = query(q.rejects)
    table_block(localise(files, {"reason": "reject"}), t("quality.rejects"), "rejects")


def render() -> None:
    f = filters()
    st.title(t("nav.quality"))
    st.caption(describe(f))
    build_facts()
    coverage(f)
    rejected()


run_page(render)

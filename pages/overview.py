"""Tổng quan: headline counts, the province map, meetings per year by type, the top topics."""
from __future__ import annotations

import streamlit as st

from queries import overview as q
from queries.reference import MEETING_TYPES
from ui.charts import (
    MANY,
    PALETTE,
    chart_block,
    localise,
    province_map,
    province_year_heatmap,
    vi_order,
    whole_numbers,
)
from ui.data import query
from ui.figures import bars
from ui.filters import describe
from ui.i18n import col, label, labels, t
from ui.nav import run_page
from ui.page import empty_state, filters


def headline(f) -> bool:
    counts = query(q.headline_counts, f).iloc[0]
    cells = st.columns(5)
    cells[0].metric(t("metric.meetings"), int(counts["meetings"]))
    cells[1].metric(t("metric.provinces"), int(counts["provinces"]))
    cells[2].metric(t("metric.projects"), int(counts["projects"]))
    cells[3].metric(t("metric.topics"), int(counts["topics"]))
    cells[4].metric(t("metric.deadlines"), int(counts["deadlines"]))
    if counts["meetings"]:
        st.caption(t("metric.period", first=int(counts["first_year"]), last=int(counts["last_year"])))
    return bool(counts["meetings"])


def render() -> None:
    f = filters()
    st.title(t("nav.overview"))
    st.caption(describe(f))
    if not headline(f):
        empty_state()
        return

    st.subheader(t("overview.map"))
    by_province = query(q.meetings_by_province, f)
    chart_block(province_map(by_province[["province", "meetings"]], f.boundary, "meetings"),
                localise(by_province), t("overview.map"), "map")

    left, right = st.columns(2)
    with left:
        st.subheader(t("overview.by_type"))
        by_type = query(q.meetings_by_type_year, f)
        shown = by_type.assign(type_label=labels("type", by_type["meeting_type"]))
        order = [label("type", c) for c in (*MEETING_TYPES, None)]
        fig = bars(shown, x="year", y="meetings", color="type_label", order=order,
                   colors=PALETTE, labels={"year": col("year"), "meetings": col("meetings"),
                                           "type_label": col("meeting_type")},
                   layout={"xaxis": {"title": {"text": col("year")}, "dtick": 1}})
        whole_numbers(fig, by_type.groupby("year")["meetings"].sum())
        chart_block(fig, localise(by_type, {"meeting_type": "type"}), t("overview.by_type"),
                    "by-type")
    with right:
        st.subheader(t("overview.topics"))
        topics = query(q.top_topics, f, 10)
        if topics.empty:
            empty_state()
        else:
            shown = topics.assign(topic_label=labels("topic", topics["topic"]))
            fig = bars(shown.iloc[::-1], x="meetings", y="topic_label", horizontal=True,
                       colors=PALETTE[1:], hover=["provinces"],
                       labels={"meetings": col("meetings"), "topic_label": col("topic"),
                               "provinces": col("provinces")})
            whole_numbers(fig, topics["meetings"], "x")
            chart_block(fig, localise(topics, {"topic": "topic"}), t("overview.topics"), "topics")

    st.subheader(t("overview.by_province_year"))
    grid = query(q.meetings_by_province_year, f)
    if grid["province"].nunique() > MANY:
        fig = province_year_heatmap(grid, "meetings")
    else:
        fig = bars(grid, x="year", y="meetings", color="province", colors=PALETTE,
                   order=vi_order(grid["province"]),
                   labels={"year": col("year"), "meetings": col("meetings"),
                           "province": col("province")},
                   layout={"xaxis": {"title": {"text": col("year")}, "dtick": 1}})
        whole_numbers(fig, grid.groupby("year")["meetings"].sum())
    chart_block(fig, localise(grid), t("overview.by_province_year"), "province-year")


run_page(render)

"""Hồ sơ tỉnh: one province's meetings, leaders over time, projects, and topics against the nation."""
from __future__ import annotations

from dataclasses import replace

import streamlit as st

from queries import overview as qo
from queries import projects as qp
from queries import province as q
from queries.reference import MEETING_TYPES, province_options
from ui import state
from ui.charts import PALETTE, chart_block, localise, table_block, whole_numbers
from ui.data import query
from ui.figures import bars
from ui.filters import describe, normalise_province
from ui.i18n import col, label, labels, t
from ui.nav import run_page
from ui.page import empty_state, filters, meeting_links


def pick_province(f) -> str:
    options = province_options(f.boundary)
    # Default: the first province of the filter, else the one with the most meetings.
    busiest = query(qo.meetings_by_province, f.without_provinces())
    default = (f.provinces[0] if f.provinces else
               (busiest["province"].iloc[0] if not busiest.empty else options[0]))

    def parse(raw: list[str]) -> tuple[str, list[str]]:
        name = normalise_province(raw[-1], f.boundary)
        return (name, []) if name else (default, [raw[-1]])

    state.bind("profile", parse, state.omit_default(default), default)
    if st.session_state["profile"] not in options:  # boundary mode changed
        st.session_state["profile"] = normalise_province(st.session_state["profile"],
                                                         f.boundary) or default
    st.selectbox(t("province.pick"), options, key="profile")
    return st.session_state["profile"]


def summary(province: str, f) -> bool:
    s = query(q.province_summary, province, f).iloc[0]
    cells = st.columns(5)
    cells[0].metric(t("metric.meetings"), int(s["meetings"]))
    cells[1].metric(t("metric.first"), s["first_date"] or "—")
    cells[2].metric(t("metric.last"), s["last_date"] or "—")
    cells[3].metric(t("metric.projects"), int(s["projects"]))
    cells[4].metric(t("metric.topics"), int(s["topics"]))
    return bool(s["meetings"])


def render() -> None:
    f = filters()
    st.title(t("nav.province"))
    st.caption(describe(f))
    province = pick_province(f)
    one = replace(f, provinces=(province,))
    if not summary(province, f):
        empty_state()
        return

    st.subheader(t("province.by_year"))
    by_type = query(qo.meetings_by_type_year, one)
    shown = by_type.assign(type_label=labels("type", by_type["meeting_type"]))
    fig = bars(shown, x="year", y="meetings", color="type_label", colors=PALETTE,
               order=[label("type", c) for c in (*MEETING_TYPES, None)],
               labels={"year": col("year"), "meetings": col("meetings"),
                       "type_label": col("meeting_type")},
               layout={"xaxis": {"title": {"text": col("year")}, "dtick": 1}})
    whole_numbers(fig, by_type.groupby("year")["meetings"].sum())
    chart_block(fig, localise(by_type, {"meeting_type": "type"}), f"{province}-meetings",
                "profile-years")

    st.subheader(t("province.leaders"))
    people = query(q.leaders, province, f)
    if people.empty:
        empty_state()
    else:
        table_block(localise(people), f"{province}-leaders", "profile-leaders")

    st.subheader(t("province.projects"))
    projects = query(qp.projects_table, one)
    if projects.empty:
        empty_state()
    else:
        shown = projects.assign(link=meeting_links(projects["latest_doc_id"]))[
            ["name", "kind", "latest_stage", "first_mention", "latest_mention", "mentions", "link"]]
        table_block(localise(shown, {"kind": "kind", "latest_stage": "stage"}),
                    f"{province}-projects", "profile-projects",
                    column_config={col("link"): st.column_config.LinkColumn(display_text=t("read"))})

    st.subheader(t("province.topics"))
    st.caption(t("province.topics.caption"))
    topics = query(q.topics_vs_national, province, f)
    if topics.empty:
        empty_state()
        return
    long = topics.melt(id_vars=["topic"], value_vars=["province_share", "national_share"],
                       var_name="series", value_name="pct")
    long["topic_label"] = labels("topic", long["topic"])
    long["series"] = long["series"].map({"province_share": province,
                                         "national_share": t("province.series.national")})
    fig = bars(long, x="pct", y="topic_label", color="series", barmode="group", horizontal=True,
               colors=["#2563eb", "#94a3b8"],
               labels={"pct": col("pct"), "topic_label": col("topic"), "series": col("series")},
               layout={"yaxis": {"title": {"text": col("topic")}, "categoryorder": "array",
                                 "categoryarray": [label("topic", c)
                                                   for c in topics["topic"]][::-1]},
                       "height": max(340, 40 * len(topics) + 120)})
    chart_block(fig, localise(topics, {"topic": "topic"}), f"{province}-topics", "profile-topics")


run_page(render)

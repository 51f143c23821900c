"""Dự án: projects by province and year, the project table, and one project's life over time."""
from __future__ import annotations

import plotly.express as px
import streamlit as st

from queries import projects as q
from queries.reference import STAGES
from ui import state
from ui.charts import (
    MANY,
    PALETTE,
    chart_block,
    localise,
    province_year_heatmap,
    table_block,
    to_day,
    vi_order,
    whole_numbers,
)
from ui.data import query
from ui.filters import describe, frozen
from ui.i18n import col, label, t
from ui.nav import run_page
from ui.page import empty_state, filters, meeting_link, safe_url


def heatmap_and_bars(f) -> bool:
    grid = query(q.projects_by_province_year, f)
    if grid.empty:
        empty_state()
        return False
    st.subheader(t("projects.heatmap"))
    fig = province_year_heatmap(grid, "projects", scale=["#f8fafc", "#86efac", "#15803d"])
    chart_block(fig, localise(grid), t("projects.heatmap"), "projects-heatmap")

    st.subheader(t("projects.bars"))
    many = grid["province"].nunique() > MANY
    # Many provinces: one bar per year (one trace); few: stacked by province.
    shown = grid.groupby("year", as_index=False)[["projects", "mentions"]].sum() if many else grid
    fig = px.bar(shown, x="year", y="projects", color=None if many else "province",
                 color_discrete_sequence=PALETTE, hover_data={"mentions": True},
                 category_orders={"province": vi_order(grid["province"])},
                 labels={"year": col("year"), "projects": col("projects"),
                         "province": col("province"), "mentions": col("mentions")})
    fig.update_xaxes(dtick=1)
    whole_numbers(fig, shown.groupby("year")["projects"].sum())
    chart_block(fig, localise(grid), t("projects.bars"), "projects-bars")
    return True


def project_table(f) -> None:
    st.subheader(t("projects.table"))
    table = query(q.projects_table, f)
    shown = table.assign(link=table["latest_doc_id"].map(meeting_link))[
        ["name", "province", "kind", "latest_stage", "first_mention", "latest_mention",
         "mentions", "meetings", "link"]]
    shown = localise(shown, {"kind": "kind", "latest_stage": "stage"})
    table_block(shown, t("projects.table"), "projects-table", column_config={
        col("link"): st.column_config.LinkColumn(display_text=t("read")),
        col("name"): st.column_config.TextColumn(width="large"),
    })


def project_life(f) -> None:
    st.subheader(t("projects.life"))
    choices = query(q.project_choices, f)
    if choices.empty:
        empty_state()
        return
    keys = list(choices["project_key"])
    names = dict(zip(choices["project_key"], choices["name"], strict=True))
    mentions = dict(zip(choices["project_key"], choices["mentions"], strict=True))

    def exists(key: str | None) -> bool:
        return key in names or (bool(key) and not query(q.project_history, key, f).empty)

    def parse(raw: list[str]) -> tuple[str | None, list[str]]:
        return (raw[-1], []) if exists(raw[-1]) else (keys[0], [raw[-1]])

    current = state.bind("project", parse, state.omit_default(keys[0]), keys[0])
    if not exists(current):
        st.session_state["project"] = current = keys[0]
    # A project from a shared link stays selectable even when the filters leave it out.
    options = keys if current in names else [current, *keys]
    st.selectbox(t("projects.pick"), options, key="project",
                 format_func=frozen({k: f"{names.get(k, k)} ({mentions.get(k, '–')})"
                                     for k in options}))
    history = query(q.project_history, st.session_state["project"], f)
    if history.empty:
        empty_state()
        return
    stage_order = [label("stage", s) for s in (*STAGES, None)]
    shown = history.assign(
        day=to_day(history["meeting_date"]),
        stage_label=history["stage"].map(lambda s: label("stage", s)),
    )
    fig = px.line(shown, x="day", y="stage_label", markers=True, hover_name="title",
                  hover_data={"province": True, "meeting_date": True, "day": False},
                  category_orders={"stage_label": stage_order[::-1]},
                  labels={"day": col("meeting_date"), "stage_label": col("stage"),
                          "province": col("province"), "meeting_date": col("meeting_date")})
    fig.update_traces(line_shape="hv", marker_size=12)
    fig.update_yaxes(categoryorder="array", categoryarray=stage_order[::-1])
    st.caption(t("projects.life.caption"))
    table = history.assign(link=history["doc_id"].map(meeting_link),
                           url=history["url"].map(safe_url))[
        ["meeting_date", "stage", "name", "province", "title", "link", "url"]]
    chart_block(fig, localise(table, {"stage": "stage"}), t("projects.life"), "project-life",
                column_config={col("link"): st.column_config.LinkColumn(display_text=t("read")),
                               col("url"): st.column_config.LinkColumn(
                                   display_text=t("meetings.source"))})


def render() -> None:
    f = filters()
    st.title(t("nav.projects"))
    st.caption(describe(f))
    if not heatmap_and_bars(f):
        return
    project_table(f)
    project_life(f)


run_page(render)

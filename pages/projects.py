"""Dự án: projects by province and year, the project table, and one project's life over time."""
from __future__ import annotations

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
from ui.figures import bars, points
from ui.filters import describe, frozen
from ui.i18n import col, label, labels, t
from ui.nav import run_page
from ui.page import empty_state, filters, meeting_links, safe_url


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
    fig = bars(shown, x="year", y="projects", color=None if many else "province",
               order=vi_order(grid["province"]), colors=PALETTE, hover=["mentions"],
               labels={"year": col("year"), "projects": col("projects"),
                       "province": col("province"), "mentions": col("mentions")},
               layout={"xaxis": {"title": {"text": col("year")}, "dtick": 1}})
    whole_numbers(fig, shown.groupby("year")["projects"].sum())
    chart_block(fig, localise(grid), t("projects.bars"), "projects-bars")
    return True


def project_table(f) -> None:
    st.subheader(t("projects.table"))
    table = query(q.projects_table, f)
    shown = table.assign(link=meeting_links(table["latest_doc_id"]))[
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
        stage_label=labels("stage", history["stage"]),
    )
    fig = points(shown, x="day", y="stage_label", name="title", lines="hv",
                 hover=["province", "meeting_date"], hover_x=False, marker={"size": 12},
                 labels={"day": col("meeting_date"), "stage_label": col("stage"),
                         "province": col("province"), "meeting_date": col("meeting_date")},
                 layout={"yaxis": {"title": {"text": col("stage")}, "type": "category",
                                   "categoryorder": "array",
                                   "categoryarray": stage_order[::-1]}})
    st.caption(t("projects.life.caption"))
    table = history.assign(link=meeting_links(history["doc_id"]),
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

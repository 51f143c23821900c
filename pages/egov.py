"""Chính quyền điện tử: first report of each topic per province, deadlines, and a ranking."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import streamlit as st

from queries import egov as q
from ui.charts import (
    MANY,
    PALETTE,
    chart_block,
    localise,
    province_year_heatmap,
    vi_order,
    whole_numbers,
)
from ui.data import query
from ui.filters import describe
from ui.i18n import col, label, t
from ui.nav import run_page
from ui.page import empty_state, filters, meeting_link


def _link_config() -> dict:
    return {col("link"): st.column_config.LinkColumn(display_text=t("read"))}


def first_reports(f) -> bool:
    st.subheader(t("egov.first"))
    firsts = query(q.topic_first_reported, f)
    if firsts.empty:
        empty_state()
        return False
    shown = firsts.assign(topic_label=firsts["topic"].map(lambda c: label("topic", c)))
    if shown["province"].nunique() > MANY:
        # Many provinces: a grid of first years (one trace) reads better than 63 colours.
        fig = province_year_heatmap(shown.assign(year=shown["first_year"]), "year",
                                    column="topic_label", fill=None,
                                    scale=["#fef3c7", "#f59e0b", "#7c2d12"])
        fig.update_traces(texttemplate="%{z}")
        fig.update_xaxes(title_text=col("topic"))
        fig.update_coloraxes(colorbar_title_text=col("first_year"))
    else:
        fig = _timeline(shown)
    table = firsts.assign(link=firsts["doc_id"].map(meeting_link))[
        ["topic", "province", "first_date", "meetings", "link"]]
    chart_block(fig, localise(table, {"topic": "topic"}), t("egov.first"), "egov-first",
                column_config=_link_config())
    return True


def _timeline(shown: pd.DataFrame):
    fig = px.scatter(shown, x="first_day", y="topic_label", color="province",
                     category_orders={"province": vi_order(shown["province"])},
                     hover_data={"first_date": True, "meetings": True, "first_day": False},
                     color_discrete_sequence=PALETTE,
                     labels={"first_day": col("first_date"), "topic_label": col("topic"),
                             "province": col("province"), "first_date": col("first_date"),
                             "meetings": col("meetings")})
    fig.update_traces(marker=dict(size=13, line=dict(width=1, color="white")))
    fig.update_layout(height=max(360, 34 * shown["topic"].nunique() + 140))
    return fig


def deadline_timeline(f, today: dt.date) -> None:
    st.subheader(t("egov.deadlines"))
    due = query(q.deadlines, f, today)
    if due.empty:
        empty_state()
        return
    shown = due.assign(status_label=due["status"].map(lambda s: label("status", s)),
                       day=pd.to_datetime(due["due_day"]))
    fig = px.scatter(shown.dropna(subset=["day"]), x="day", y="province", color="status_label",
                     symbol="status_label", hover_name="text",
                     hover_data={"due": True, "meeting_date": True, "day": False},
                     color_discrete_map={label("status", "upcoming"): "#d97706",
                                         label("status", "past"): "#64748b"},
                     labels={"day": col("due_day"), "province": col("province"),
                             "status_label": col("status"), "due": col("due"),
                             "meeting_date": col("meeting_date")})
    fig.update_traces(marker_size=13)
    fig.update_layout(height=max(260, 36 * shown["province"].nunique() + 180))
    fig.add_vline(x=pd.Timestamp(today).timestamp() * 1000, line_dash="dot",
                  line_color="#dc2626", annotation_text=t("egov.today"))
    table = due.assign(link=due["doc_id"].map(meeting_link))[
        ["due", "status", "province", "text", "meeting_date", "title", "link"]]
    chart_block(fig, localise(table, {"status": "status"}), t("egov.deadlines"),
                "egov-deadlines", column_config=_link_config())


def _change(row: pd.Series) -> str:
    if pd.isna(row["rank_prev"]):
        return t("egov.new")
    change = int(row["change"])
    return f"▲ {change}" if change > 0 else (f"▼ {-change}" if change < 0 else "=")


def ranking(f) -> None:
    ranks = query(q.topic_ranking, f, f.year_to)
    if ranks.empty:
        return
    year = int(ranks["year"].iloc[0])
    st.subheader(t("egov.ranking", year=year))
    st.caption(t("egov.ranking.caption"))
    shown = ranks.assign(change=ranks.apply(_change, axis=1))
    fig = px.bar(shown, x="reached", y="province", orientation="h", text="change",
                 color_discrete_sequence=PALETTE[2:],
                 labels={"reached": col("reached"), "province": col("province")})
    fig.update_yaxes(categoryorder="array", categoryarray=list(shown["province"])[::-1])
    fig.update_layout(height=max(300, 30 * len(shown) + 120))
    whole_numbers(fig, shown["reached"], "x")
    table = shown[["rank", "province", "reached", "rank_prev", "reached_prev", "change"]]
    chart_block(fig, localise(table.drop(columns=["reached_prev"])), t("egov.ranking", year=year),
                "egov-ranking")


def render() -> None:
    f = filters()
    st.title(t("nav.egov"))
    st.caption(describe(f))
    if not first_reports(f):
        return
    deadline_timeline(f, dt.date.today())
    ranking(f)


run_page(render)

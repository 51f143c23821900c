"""Chính quyền điện tử: first report of each topic per province, deadlines, and a ranking."""
from __future__ import annotations

import datetime as dt

import pandas as pd
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
from ui.figures import bars, points
from ui.filters import describe
from ui.i18n import col, label, labels, t
from ui.nav import run_page
from ui.page import empty_state, filters, meeting_links


def _link_config() -> dict:
    return {col("link"): st.column_config.LinkColumn(display_text=t("read"))}


def first_reports(f) -> bool:
    st.subheader(t("egov.first"))
    firsts = query(q.topic_first_reported, f)
    if firsts.empty:
        empty_state()
        return False
    shown = firsts.assign(topic_label=labels("topic", firsts["topic"]))
    if shown["province"].nunique() > MANY:
        # Many provinces: a grid of first years (one trace) reads better than 63 colours.
        fig = province_year_heatmap(shown.assign(year=shown["first_year"]), "year",
                                    column="topic_label", fill=None,
                                    scale=["#fef3c7", "#f59e0b", "#7c2d12"],
                                    column_title=col("topic"), value_title=col("first_year"))
    else:
        fig = _timeline(shown)
    table = firsts.assign(link=meeting_links(firsts["doc_id"]))[
        ["topic", "province", "first_date", "meetings", "link"]]
    chart_block(fig, localise(table, {"topic": "topic"}), t("egov.first"), "egov-first",
                column_config=_link_config())
    return True


def _timeline(shown: pd.DataFrame):
    return points(shown, x="first_day", y="topic_label", color="province",
                  order=vi_order(shown["province"]), hover=["first_date", "meetings"], hover_x=False,
                  colors=PALETTE, marker={"size": 13, "line": {"width": 1, "color": "white"}},
                  labels={"first_day": col("first_date"), "topic_label": col("topic"),
                          "province": col("province"), "first_date": col("first_date"),
                          "meetings": col("meetings")},
                  layout={"height": max(360, 34 * shown["topic"].nunique() + 140)})


def deadline_timeline(f, today: dt.date) -> None:
    st.subheader(t("egov.deadlines"))
    due = query(q.deadlines, f, today)
    if due.empty:
        empty_state()
        return
    shown = due.assign(status_label=labels("status", due["status"]),
                       day=pd.to_datetime(due["due_day"]))
    today_ms = pd.Timestamp(today).timestamp() * 1000
    fig = points(shown.dropna(subset=["day"]), x="day", y="province", color="status_label",
                 symbols=True, name="text", hover=["due", "meeting_date"], hover_x=False,
                 marker={"size": 13},
                 color_map={label("status", "upcoming"): "#d97706",
                            label("status", "past"): "#64748b"},
                 labels={"day": col("due_day"), "province": col("province"),
                         "status_label": col("status"), "due": col("due"),
                         "meeting_date": col("meeting_date")},
                 layout={"height": max(260, 36 * shown["province"].nunique() + 180),
                         # Today as a dotted line across the plot, labelled at its top.
                         "shapes": [{"type": "line", "xref": "x", "yref": "paper",
                                     "x0": today_ms, "x1": today_ms, "y0": 0, "y1": 1,
                                     "line": {"dash": "dot", "color": "#dc2626"}}],
                         "annotations": [{"x": today_ms, "xref": "x", "y": 1, "yref": "paper",
                                          "text": t("egov.today"), "showarrow": False,
                                          "xanchor": "left", "yanchor": "top"}]})
    table = due.assign(link=meeting_links(due["doc_id"]))[
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
    fig = bars(shown, x="reached", y="province", horizontal=True, text="change",
               colors=PALETTE[2:], labels={"reached": col("reached"), "province": col("province")},
               layout={"yaxis": {"title": {"text": col("province")}, "categoryorder": "array",
                                 "categoryarray": list(shown["province"])[::-1]},
                       "height": max(300, 30 * len(shown) + 120)})
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

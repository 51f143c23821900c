"""ui.figures: the graph-object builders draw what Plotly Express drew (traces, order, hover)."""
from __future__ import annotations

import pandas as pd

from ui.figures import bars, heatmap, points

LABELS = {"year": "Năm", "meetings": "Số cuộc họp", "type": "Loại", "title": "Tiêu đề",
          "province": "Tỉnh/thành"}


def test_bars_draw_one_stacked_trace_per_group_in_the_given_order() -> None:
    df = pd.DataFrame({"year": [2019, 2019, 2020], "meetings": [2, 1, 4],
                       "type": ["Làm việc", "Giao ban", "Giao ban"]})
    fig = bars(df, x="year", y="meetings", color="type", order=["Giao ban", "Làm việc"],
               colors=["#111111", "#222222"], labels=LABELS)
    assert [tr.name for tr in fig.data] == ["Giao ban", "Làm việc"]
    assert list(fig.data[0].x) == [2019, 2020] and list(fig.data[0].y) == [1, 4]
    assert fig.data[1].marker.color == "#222222"
    assert fig.layout.barmode == "relative" and fig.data[0].offsetgroup is None
    assert fig.data[0].hovertemplate == "Loại=Giao ban<br>Năm=%{x}<br>Số cuộc họp=%{y}<extra></extra>"
    assert fig.layout.xaxis.title.text == "Năm" and fig.layout.margin.t == 40


def test_a_label_from_the_data_cannot_inject_markup_or_template_fields_into_the_hover() -> None:
    df = pd.DataFrame({"year": [2020], "meetings": [1], "type": ["<b>%{x}</b>"]})
    fig = bars(df, x="year", y="meetings", color="type", colors=["#000"], labels=LABELS)
    hover = fig.data[0].hovertemplate
    assert "<b>" not in hover and "%{x}</b>" not in hover and "&lt;b&gt;" in hover


def test_points_put_the_name_on_top_and_can_leave_the_date_axis_out_of_the_hover() -> None:
    df = pd.DataFrame({"year": pd.to_datetime(["2020-01-01"]), "meetings": [3],
                       "title": ["Họp giao ban"], "province": ["Nghệ An"]})
    fig = points(df, x="year", y="meetings", name="title", hover=["province"], hover_x=False,
                 lines="hv", labels=LABELS)
    trace = fig.data[0]
    assert trace.mode == "lines+markers" and trace.line.shape == "hv"
    assert trace.hovertemplate == ("<b>%{customdata[0]}</b><br><br>Số cuộc họp=%{y}<br>"
                                   "Tỉnh/thành=%{customdata[1]}<extra></extra>")
    assert list(trace.customdata[0]) == ["Họp giao ban", "Nghệ An"]


def test_heatmap_keeps_the_first_row_on_top_and_writes_the_values_in() -> None:
    pivot = pd.DataFrame([[1, 0], [2, 5]], index=["An Giang", "Bạc Liêu"], columns=[2019, 2020])
    fig = heatmap(pivot, x_title="Năm", y_title="Tỉnh/thành", value_title="Số cuộc họp",
                  scale=["#fff", "#000"])
    assert list(fig.data[0].y) == ["An Giang", "Bạc Liêu"] and list(fig.data[0].x) == ["2019", "2020"]
    assert fig.layout.yaxis.autorange == "reversed" and fig.data[0].texttemplate == "%{z}"
    assert fig.layout.coloraxis.colorscale[-1][1] == "#000"

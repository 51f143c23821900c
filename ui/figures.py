"""Plotly figures built from graph objects directly: bars, points and lines, heatmaps.

Plotly Express costs about 50 ms per figure (it re-validates the whole template and parses
every property path); these builders make the same figures (one trace per colour group, the
same hover lines "label=value", axis titles) in a few milliseconds, which is most of a page's
budget at a million meetings.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Every chart: tight margins (the page gives the title), no legend title (the axis says it).
BASE_LAYOUT = {"margin": {"l": 10, "r": 10, "t": 40, "b": 10},
               "legend": {"title": {"text": ""}, "tracegroupgap": 0}}


def figure(traces: Sequence[go.BaseTraceType], layout: dict | None = None) -> go.Figure:
    merged = {**BASE_LAYOUT, **(layout or {})}
    return go.Figure(data=list(traces), layout=merged)


def _escape(text: object) -> str:
    # Hover templates read %{...} and HTML: a label from the data must be neither.
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("%{", "%\u200b{"))


def _hover(lines: Sequence[tuple[str, str]], title: str | None = None) -> str:
    head = [f"<b>{title}</b>", ""] if title else []
    return "<br>".join(head + [f"{_escape(label)}={ref}" for label, ref in lines]) + "<extra></extra>"


def groups(df: pd.DataFrame, by: str | None, order: Sequence | None = None) -> list[tuple[object, pd.DataFrame]]:
    """(value, rows) per distinct value of `by` in `order` (then by first appearance), or
    the whole frame once when `by` is None, as Plotly Express splits traces."""
    if by is None:
        return [(None, df)]
    present = list(pd.unique(df[by].dropna()))
    ordered = [v for v in (order or []) if v in present] + [v for v in present if v not in (order or [])]
    return [(value, df[df[by] == value]) for value in ordered]


def _custom(part: pd.DataFrame, columns: Sequence[str]) -> np.ndarray | None:
    return part[list(columns)].to_numpy(dtype=object) if columns else None


def bars(df: pd.DataFrame, *, x: str, y: str, labels: dict[str, str], colors: Sequence[str],
         color: str | None = None, order: Sequence | None = None, horizontal: bool = False,
         hover: Sequence[str] = (), text: str | None = None, barmode: str = "relative",
         layout: dict | None = None) -> go.Figure:
    """Bars of `y` against `x` (or `x` against `y` when horizontal), stacked by `color`."""
    traces = []
    for i, (name, part) in enumerate(groups(df, color, order)):
        lines = ([(labels[color], _escape(name))] if color else []) + [
            (labels[x], "%{x}"), (labels[y], "%{y}")] + [
            (labels[h], f"%{{customdata[{j}]}}") for j, h in enumerate(hover)]
        traces.append(go.Bar(
            x=part[x].to_numpy(), y=part[y].to_numpy(), orientation="h" if horizontal else "v",
            name=None if name is None else str(name), showlegend=color is not None,
            legendgroup=None if name is None else str(name),
            # Side by side only when grouped: an offset group of its own would shift a
            # stacked bar off its tick.
            offsetgroup=str(name) if barmode == "group" and name is not None else None,
            marker={"color": colors[i % len(colors)]}, customdata=_custom(part, hover),
            text=None if text is None else part[text].to_numpy(), textposition="auto" if text else None,
            hovertemplate=_hover(lines)))
    return figure(traces, {"barmode": barmode, "xaxis": {"title": {"text": labels[x]}},
                           "yaxis": {"title": {"text": labels[y]}}, **(layout or {})})


def points(df: pd.DataFrame, *, x: str, y: str, labels: dict[str, str], colors: Sequence[str] = (),
           color: str | None = None, order: Sequence | None = None, hover: Sequence[str] = (),
           name: str | None = None, symbols: bool = False, lines: str | None = None,
           marker: dict | None = None, color_map: dict | None = None, hover_x: bool = True,
           layout: dict | None = None) -> go.Figure:
    """Markers (and with `lines` a line of that shape, e.g. "hv") of `y` against `x`, one trace
    per `color` group; `name` is a column shown in bold at the top of the hover box.
    `hover_x=False` leaves `x` out of the hover box (a date axis whose text column is in
    `hover` instead)."""
    traces = []
    symbol_cycle = ("circle", "diamond", "square", "x", "cross", "triangle-up")
    for i, (group, part) in enumerate(groups(df, color, order)):
        hover_cols = ([name] if name else []) + list(hover)
        refs = [(labels[color], _escape(group))] if color else []
        refs += ([(labels[x], "%{x}")] if hover_x else []) + [(labels[y], "%{y}")]
        start = 1 if name else 0
        refs += [(labels[h], f"%{{customdata[{start + j}]}}") for j, h in enumerate(hover)]
        # No colours given: the theme's own sequence, as Plotly Express does.
        tint = (color_map or {}).get(group) or (colors[i % len(colors)] if colors else None)
        tinted = {"color": tint} if tint else {}
        traces.append(go.Scatter(
            x=part[x].to_numpy(), y=part[y].to_numpy(), mode="lines+markers" if lines else "markers",
            line={"shape": lines, **tinted} if lines else None,
            marker={**(marker or {}), **tinted,
                    **({"symbol": symbol_cycle[i % len(symbol_cycle)]} if symbols else {})},
            name=None if group is None else str(group), showlegend=color is not None,
            legendgroup=None if group is None else str(group),
            customdata=_custom(part, hover_cols),
            hovertemplate=_hover(refs, "%{customdata[0]}" if name else None)))
    return figure(traces, {"xaxis": {"title": {"text": labels[x]}},
                           "yaxis": {"title": {"text": labels[y]}}, **(layout or {})})


def heatmap(pivot: pd.DataFrame, *, x_title: str, y_title: str, value_title: str,
            scale: Sequence[str]) -> go.Figure:
    """`pivot` (rows down, columns across) as coloured cells with their values written in,
    first row on top, as px.imshow(text_auto=True) draws it."""
    z = pivot.to_numpy(dtype=float)
    return figure(
        [go.Heatmap(z=z, x=[str(c) for c in pivot.columns], y=list(pivot.index),
                    coloraxis="coloraxis", texttemplate="%{z}",
                    hovertemplate=_hover([(x_title, "%{x}"), (y_title, "%{y}"),
                                          (value_title, "%{z}")]))],
        {"xaxis": {"title": {"text": x_title}, "type": "category"},
         "yaxis": {"title": {"text": y_title}, "autorange": "reversed", "type": "category"},
         "coloraxis": {"colorscale": [[i / (len(scale) - 1), c] for i, c in enumerate(scale)],
                       "colorbar": {"title": {"text": value_title}}}})

"""Chart blocks (chart, its data one click away, CSV/Excel) and the offline province map."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.colors import qualitative

from queries.reference import province_codes, province_options, vi_sort_key
from ui.downloads import download_buttons
from ui.figures import figure, heatmap
from ui.i18n import col, labels, t

# Plotly's default modebar stays (it holds "download as PNG"); only the logo goes.
PLOTLY_CONFIG = {"displaylogo": False}
PALETTE = qualitative.Safe


def localise(df: pd.DataFrame, codes: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy for people: code columns as labels (`codes` maps column -> label prefix) and
    translated headers. The downloads use exactly this frame."""
    out = df.copy()
    for column, prefix in (codes or {}).items():
        if column in out.columns:
            out[column] = labels(prefix, out[column])
    for column in out.columns:
        if column not in LINK_COLUMNS:
            out[column] = _blank_missing(out[column])
    return out.rename(columns={c: col(c) for c in out.columns})


# Shown as LinkColumn: a missing link must stay missing (an empty string would be a link).
LINK_COLUMNS = ("link", "url")


def _blank_missing(values: pd.Series) -> pd.Series:
    """Missing text (and missing whole numbers, e.g. the row of a file that is not a dump) as
    an empty cell: st.dataframe writes the word "None" for a missing value."""
    if not values.hasnans:
        return values
    if pd.api.types.is_string_dtype(values) or values.dtype == object:
        return values.astype(object).where(values.notna(), "")
    if isinstance(values.dtype, pd.api.extensions.ExtensionDtype) and \
            pd.api.types.is_integer_dtype(values):
        return values.astype(object).where(values.notna(), "")
    return values


def chart_block(fig: go.Figure, table: pd.DataFrame, name: str, key: str,
                column_config: dict | None = None) -> None:
    """The chart, its data in a second tab, and the data's CSV and Excel downloads.

    `fig` comes from ui.figures (or province_map), which already gives it the shared layout.
    """
    chart_tab, table_tab = st.tabs([t("tab.chart"), t("tab.table")])
    config = {**PLOTLY_CONFIG, "toImageButtonOptions": {"filename": key}}
    with chart_tab:
        st.plotly_chart(fig, config=config, key=f"{key}-chart")
    with table_tab:
        st.dataframe(table, hide_index=True, column_config=column_config, key=f"{key}-table")
    download_buttons(table, name, key)


def whole_numbers(fig: go.Figure, values: pd.Series, axis: str = "y") -> go.Figure:
    """Counts are whole numbers: with small counts, tick every 1 instead of 0.2."""
    top = float(values.max()) if len(values) else 0.0
    if top <= 10:
        getattr(fig, f"update_{axis}axes")(dtick=1, rangemode="tozero")
    return fig


MANY = 12  # above this many provinces one trace per province gets slow and unreadable


def province_year_heatmap(df: pd.DataFrame, value: str, scale: list[str] | None = None,
                          column: str = "year", fill: float | None = 0,
                          column_title: str | None = None,
                          value_title: str | None = None) -> go.Figure:
    """Provinces down, `column` across, `value` as colour and text: one trace whatever the
    number of provinces (a stacked bar needs one trace per province). `fill=None` leaves
    missing cells empty instead of 0."""
    pivot = df.pivot_table(index="province", columns=column, values=value,
                           aggfunc="sum" if fill is not None else "min", fill_value=fill,
                           sort=False)
    pivot = pivot.reindex(index=vi_order(df["province"]), columns=sorted(pivot.columns))
    fig = heatmap(pivot, x_title=column_title or col(column), y_title=col("province"),
                  value_title=value_title or col(value),
                  scale=scale or ["#f8fafc", "#93c5fd", "#1e3a8a"])
    fig.update_layout(height=max(320, 24 * len(pivot) + 140))
    return fig


def vi_order(names: pd.Series) -> list[str]:
    """Distinct province names in Vietnamese order, for legends and axes."""
    return sorted(names.dropna().unique(), key=vi_sort_key)


def table_block(table: pd.DataFrame, name: str, key: str, column_config: dict | None = None,
                height: int | str = "auto") -> None:
    """A table with its CSV and Excel downloads."""
    st.dataframe(table, hide_index=True, column_config=column_config, height=height,
                 key=f"{key}-table")
    download_buttons(table, name, key)


@lru_cache(maxsize=2)
def _geojson(boundary: str) -> dict[str, Any]:
    """The outlines with every ring of coordinates as one numpy array.

    Plotly deep-copies a figure's data when it is built and again when Streamlit sends it:
    as nested lists that is one Python object per point (about 60 ms each time for the 63
    provinces), as arrays one per ring. The JSON sent to the browser is the same.
    """
    from queries.geo import load_provinces_geojson

    data = load_provinces_geojson(boundary)
    return {**data, "features": [{**f, "geometry": _ring_arrays(f["geometry"])}
                                 for f in data["features"]]}


def _ring_arrays(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    kind = (geometry or {}).get("type")
    if kind == "Polygon":
        return {**geometry, "coordinates": [np.asarray(r, dtype=float) for r in geometry["coordinates"]]}
    if kind == "MultiPolygon":
        return {**geometry, "coordinates": [[np.asarray(r, dtype=float) for r in polygon]
                                            for polygon in geometry["coordinates"]]}
    return geometry


@lru_cache(maxsize=2)
def geo_ids(boundary: str) -> dict[str, str]:
    """Province name as the data spells it -> Feature id in the outline file.

    The 63-province outlines use vietnamadminunits' current spellings ("Huế" for Thừa Thiên
    Huế), so pre-2025 provinces are matched by official code, not by name.
    """
    features = _geojson(boundary)["features"]
    if boundary == "34":
        return {f["id"]: f["id"] for f in features}
    by_code = {str(f["properties"].get("code")): f["id"] for f in features}
    return {name: by_code[code] for name, code in province_codes().items() if code in by_code}


def province_map(counts: pd.DataFrame, boundary: str, value: str) -> go.Figure:
    """Choropleth of `value` per province, drawn from the packaged outlines (no tiles).

    Provinces without data are drawn at 0 so every outline shows. Built from graph objects
    (not cached: unpickling a cached figure re-validates it and costs more than building it).
    """
    title = col(value)
    ids = geo_ids(boundary)
    base = pd.DataFrame({"province": list(province_options(boundary))})
    df = base.merge(counts, on="province", how="left")
    df[value] = df[value].fillna(0).astype(int)
    df["geo_id"] = df["province"].map(ids)
    df = df.dropna(subset=["geo_id"])
    top = int(df[value].max() or 1)
    scale = ["#f1f5f9", "#93c5fd", "#1d4ed8", "#172554"]
    trace = go.Choroplethmap(
        geojson=_geojson(boundary), locations=df["geo_id"].to_numpy(), featureidkey="id",
        z=df[value].to_numpy(), coloraxis="coloraxis", hovertext=df["province"].to_numpy(),
        marker={"opacity": 0.9, "line": {"width": 0.6, "color": "#64748b"}},
        hovertemplate=f"<b>%{{hovertext}}</b><br><br>{title}=%{{z}}<extra></extra>",
    )
    return figure([trace], {
        "height": 640,
        "map": {"style": "white-bg", "center": {"lat": 15.9, "lon": 106.0}, "zoom": 4.9},
        # Counts are whole numbers: no 0.5 ticks on the colour bar.
        "coloraxis": {"colorscale": [[i / (len(scale) - 1), c] for i, c in enumerate(scale)],
                      "cmin": 0, "cmax": max(top, 1),
                      "colorbar": {"title": {"text": title}, "dtick": max(1, -(-top // 5))}},
    })


def to_day(values: pd.Series) -> pd.Series:
    """ISO dates that may be partial ("2018-12", "2018") as timestamps at the period's start."""
    def pad(v: object) -> object:
        if not isinstance(v, str):
            return None
        return {4: v + "-01-01", 7: v + "-01"}.get(len(v), v)
    return pd.to_datetime(values.map(pad), errors="coerce")

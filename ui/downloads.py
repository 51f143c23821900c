"""CSV and Excel downloads of a chart's data, built only when the button is clicked."""
from __future__ import annotations

import io
import re

import pandas as pd
import streamlit as st

from ui.i18n import t


def to_csv(df: pd.DataFrame) -> bytes:
    # UTF-8 with a byte-order mark: Excel on Windows opens Vietnamese text correctly only so.
    return df.to_csv(index=False).encode("utf-8-sig")


def _excel_safe(value: object) -> object:
    # A cell starting with = + - @ would be run as a formula by Excel (CSV/formula injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_excel(df: pd.DataFrame, sheet: str = "data") -> bytes:
    out = io.BytesIO()
    safe = df.copy()
    for col in safe.columns:
        if safe[col].dtype == object:
            safe[col] = safe[col].map(_excel_safe)
        elif isinstance(safe[col].dtype, pd.DatetimeTZDtype):
            safe[col] = safe[col].dt.tz_localize(None)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=re.sub(r"[\[\]:*?/\\]", "", sheet)[:31] or "data")
    return out.getvalue()


def download_buttons(df: pd.DataFrame, name: str, key: str) -> None:
    """Two buttons: CSV and Excel of `df` (the table exactly as shown)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "data"
    left, right = st.columns(2)
    left.download_button(
        t("download.csv"), data=lambda: to_csv(df), file_name=f"{slug}.csv",
        mime="text/csv", key=f"{key}-csv", icon=":material/download:", on_click="ignore",
    )
    right.download_button(
        t("download.xlsx"), data=lambda: to_excel(df, slug), file_name=f"{slug}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx", icon=":material/table_view:", on_click="ignore",
    )

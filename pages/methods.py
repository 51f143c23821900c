"""Phương pháp: sources, extraction and its measured accuracy, the 2025 merger, maps, citation."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import streamlit as st

from queries import quality as q
from queries.reference import members_2025, province_options, region_of
from ui.charts import localise, table_block
from ui.data import accuracy_path, query
from ui.i18n import label, t
from ui.nav import run_page


def accuracy_table() -> pd.DataFrame | None:
    """data/accuracy.json ({"corpus": {field: score}, "seeds": {...}}) as set, field, score."""
    try:
        data = json.loads(accuracy_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    rows = []
    if isinstance(data, dict):
        for name, scores in data.items():
            if not isinstance(scores, dict):
                continue
            for field, score in scores.items():
                if isinstance(score, int | float) and not isinstance(score, bool):
                    rows.append({"set": name, "field": field, "score": round(float(score), 3)})
    return pd.DataFrame(rows) if rows else None


def render() -> None:
    st.title(t("nav.methods"))
    st.header(t("methods.sources.h"))
    st.markdown(t("methods.sources"))
    st.header(t("methods.extraction.h"))
    st.markdown(t("methods.extraction"))

    st.header(t("methods.accuracy.h"))
    scores = accuracy_table()
    if scores is None:
        st.info(t("methods.accuracy.missing"))
    else:
        st.markdown(t("methods.accuracy"))
        table_block(localise(scores, {"set": "methods.accuracy", "field": "field"}),
                    t("methods.accuracy.h"), "accuracy")

    st.header(t("methods.merger.h"))
    st.markdown(t("methods.merger"))
    mapping = pd.DataFrame(
        [{"province_2025": new, "members": ", ".join(members_2025().get(new, ())),
          "region": label("region", region_of(new, "34"))}
         for new in province_options("34")]
    )
    with st.expander(t("methods.mapping")):
        table_block(localise(mapping), t("methods.mapping"), "mapping")

    st.header(t("methods.maps.h"))
    st.markdown(t("methods.maps"))

    st.header(t("methods.cite.h"))
    info = query(q.build_info)
    st.markdown(t("methods.cite", snapshot=info.get("snapshot") or "—",
                  built=(info.get("built_at") or "—")[:10], today=dt.date.today().isoformat()))


run_page(render)

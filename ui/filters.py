"""The shared sidebar: language, boundary mode, region and provinces, years, topic, meeting type."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import streamlit as st

from loaders.text import key as fold_key
from queries.filters import Filters
from queries.reference import (
    MEETING_TYPES,
    REGIONS_ORDERED,
    TOPICS,
    province_options,
    provinces_in_regions,
    region_of,
    to_boundary,
)
from ui import state
from ui.i18n import LANG_NAMES, LANGS, bind_language, label, lang, t
from ui.strings import TEXT

BOUNDARIES = ("63", "34")
# Without this the browser resets every sidebar widget when the user switches pages (the
# server still holds the value, so the next click would silently clear the filters).
KEEP = {"persist_state": "session"}


@lru_cache(maxsize=1)
def _province_keys() -> dict[str, str]:
    """Folded spelling -> name (either boundary), so ?prov=hau-giang or Hau Giang also work."""
    out: dict[str, str] = {}
    for boundary in BOUNDARIES:
        for name in province_options(boundary):
            out.setdefault(fold_key(name), name)
    out.setdefault(fold_key("Thừa Thiên - Huế"), "Thừa Thiên Huế")
    return out


def normalise_province(value: str, boundary: str) -> str | None:
    """One province name from a URL, in any spelling and either boundary, as a name of
    `boundary` (34 -> 63 keeps the namesake, or the first former province)."""
    name = _province_keys().get(fold_key(value or ""))
    if name is None:
        return None
    converted = to_boundary((name,), boundary)
    return name if name in converted else (converted[0] if converted else None)


def _province_parser(boundary: str) -> state.Parser:
    def parse(raw: list[str]) -> tuple[list[str], list[str]]:
        kept: dict[str, None] = {}
        bad = []
        for value in raw:
            name = _province_keys().get(fold_key(value or ""))
            names = to_boundary((name,), boundary) if name else ()
            if not names:
                bad.append(value)
            kept.update(dict.fromkeys(names))
        return list(kept), bad
    return parse


def _years_parser(bounds: tuple[int, int]) -> state.Parser:
    lo, hi = bounds

    def parse(raw: list[str]) -> tuple[tuple[int, int], list[str]]:
        years, bad = [], []
        for value in raw[:2]:
            try:
                year = int(value)
            except ValueError:
                bad.append(value)
                continue
            if not lo <= year <= hi:
                bad.append(value)
                year = min(max(year, lo), hi)
            years.append(year)
        bad.extend(raw[2:])
        if not years:
            return bounds, bad
        return (min(years), max(years)), bad
    return parse


def _on_boundary_change(widget_key: str) -> None:
    # Keep the selection meaningful: 63 -> 34 maps each province to the one it merged into,
    # 34 -> 63 selects all the former provinces.
    new = st.session_state[widget_key]
    old = "63" if new == "34" else "34"
    st.session_state["prov"] = list(to_boundary(tuple(st.session_state.get("prov", [])), new, old))


def frozen(labels: dict) -> Callable[[object], str]:
    """A format_func over labels computed now, in this run's language.

    Streamlit (and AppTest) may call format_func outside the script run, where the session's
    language cannot be read; a lookup table always gives the labels the user saw.
    """
    return lambda value: labels.get(value, str(value))


def sidebar(bounds: tuple[int, int] | None) -> Filters:
    """Draw the shared filters (URL-bound) and return the Filters they describe."""
    sb = st.sidebar
    bind_language()
    sb.radio(t("filter.lang"), LANGS, key="lang", **KEEP, format_func=LANG_NAMES.get, horizontal=True)
    sb.header(t("filter.header"))
    here = lang()
    state.bind("boundary", state.one_of(BOUNDARIES, "63"), state.omit_default("63"), "63",
               by_language=here)
    sb.radio(
        t("filter.boundary"), BOUNDARIES, key=state.key_for("boundary"), **KEEP,
        on_change=_on_boundary_change, args=(state.key_for("boundary"),),
        format_func=frozen({b: t(f"filter.boundary.{b}") for b in BOUNDARIES}),
        help=t("filter.boundary.help"),
    )
    boundary = st.session_state["boundary"]

    state.bind("region", state.many_of(lambda r: r if r in REGIONS_ORDERED else None),
               state.omit_default([]), [], by_language=here)
    sb.multiselect(t("filter.region"), REGIONS_ORDERED, key=state.key_for("region"), **KEEP,
                   format_func=frozen({r: label("region", r) for r in REGIONS_ORDERED}),
                   help=t("filter.region.help"),
                   placeholder=t("filter.provinces.all"))

    options = province_options(boundary)
    state.bind("prov", _province_parser(boundary), state.omit_default([]), [])
    # A selection from an older run may hold names of the other boundary mode.
    valid = [p for p in st.session_state["prov"] if p in options]
    if valid != st.session_state["prov"]:
        st.session_state["prov"] = valid
    sb.multiselect(
        t("filter.provinces"), options, key="prov", **KEEP, placeholder=t("filter.provinces.all"),
        # Vietnamese region abbreviations in both languages: the browser keeps a selection by
        # its label, so a label that changed with the language would drop the selection.
        format_func=frozen({p: f"{p} ({TEXT['region_short.' + region_of(p, boundary)]['vi']})"
                            for p in options}),
    )

    year_from = year_to = None
    if bounds is not None:
        years = state.bind("years", _years_parser(bounds), state.omit_default(bounds), bounds)
        lo, hi = bounds
        clamped = (min(max(years[0], lo), hi), min(max(years[1], lo), hi))
        if tuple(years) != clamped:  # a new snapshot may cover fewer years
            st.session_state["years"] = clamped
        if lo < hi:
            sb.slider(t("filter.years"), min_value=lo, max_value=hi, key="years", **KEEP, step=1)
        else:
            sb.caption(t("filter.years.single", year=lo))
        years = st.session_state["years"]
        if tuple(years) != tuple(bounds):
            year_from, year_to = int(years[0]), int(years[1])

    # "" means "all": a None option would show as an empty selectbox.
    state.bind("topic", state.one_of(TOPICS, ""), state.omit_default(""), "", by_language=here)
    sb.selectbox(t("filter.topic"), ("", *TOPICS), key=state.key_for("topic"), **KEEP,
                 format_func=frozen({"": t("filter.topic.all"),
                                     **{c: label("topic", c) for c in TOPICS}}))
    state.bind("type", state.one_of(MEETING_TYPES, ""), state.omit_default(""), "",
               by_language=here)
    sb.selectbox(t("filter.type"), ("", *MEETING_TYPES), key=state.key_for("type"), **KEEP,
                 format_func=frozen({"": t("filter.type.all"),
                                     **{c: label("type", c) for c in MEETING_TYPES}}))

    chosen = list(st.session_state["prov"])
    if st.session_state["region"]:
        extra = provinces_in_regions(tuple(st.session_state["region"]), boundary)
        chosen += [p for p in extra if p not in chosen]
    return Filters(
        provinces=tuple(chosen), year_from=year_from, year_to=year_to, boundary=boundary,
        topic=st.session_state["topic"] or None, meeting_type=st.session_state["type"] or None,
    )


def describe(f: Filters) -> str:
    """A one-line summary of the filters for captions and exports."""
    parts = [t("filters.all_provinces") if not f.provinces else
             (", ".join(f.provinces) if len(f.provinces) <= 4 else
              t("filters.n_provinces", n=len(f.provinces)))]
    if f.year_from is not None:
        parts.append(f"{f.year_from}–{f.year_to}")
    if f.topic:
        parts.append(label("topic", f.topic))
    if f.meeting_type:
        parts.append(label("type", f.meeting_type))
    parts.append(t(f"filter.boundary.{f.boundary}"))
    return t("filters.summary", what=" · ".join(parts))

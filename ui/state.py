"""View state in readable URL query parameters: validated on read, kept across pages.

Each run: `begin()`; every widget's parameter is registered with `bind()` before the widget
is drawn (the URL value, once validated, seeds st.session_state[name], the widget's key);
after the page, `finish()` writes the values back to the URL (defaults omitted), removes
parameters that belong to other pages, and shows what was dropped.

Streamlit's own `bind="query-params"` is not used: it writes a widget's *display label*
into the URL (so a translated label would make links depend on the language) and drops
invalid values silently, while officials must be told when a shared link was partly wrong.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import streamlit as st

# Parameters shared by every page, then those that belong to one page.
GLOBAL_PARAMS = ("lang", "boundary", "region", "prov", "years", "topic", "type")
PAGE_PARAMS = ("q", "doc", "project", "profile", "page")
_RESERVED = {"embed", "embed_options"}  # Streamlit's own
# A crafted link may carry huge or countless values: anything longer than MAX_VALUE
# characters, or past the first MAX_VALUES values of one parameter, is dropped (with a
# notice) before a parser, a query or a cache key ever sees it. No real value is near these:
# the longest province name is ~25 characters, a doc id under 300.
MAX_VALUE = 300
MAX_VALUES = 64
_SHOWN = 10          # dropped items listed in the notice; the rest are counted
_SHOWN_CHARS = 60    # characters of one dropped item shown

_WRITTEN = "_qp_written"       # what this session last put in the URL, per parameter
_RUN = "_qp_run"               # this run's registrations: name -> serializer
_NOTICES = "_qp_notices"
_KEYS = "_qp_keys"              # parameter -> widget key (see bind)
_DRAWN_LAST = "_qp_drawn_last"  # widget keys bound in the previous run / in this one
_DRAWN_NOW = "_qp_drawn_now"
_FROM_LINK = "_qp_from_link"    # parameters whose value this run read from the URL

Parser = Callable[[list[str]], tuple[Any, list[str]]]
Serializer = Callable[[Any], list[str]]


def begin() -> None:
    st.session_state[_RUN] = {}
    st.session_state[_NOTICES] = []
    st.session_state[_DRAWN_LAST] = st.session_state.get(_DRAWN_NOW, set())
    st.session_state[_DRAWN_NOW] = set()
    st.session_state[_FROM_LINK] = set()


def key_for(name: str) -> str:
    """The widget key for parameter `name` (see bind's `by_language`)."""
    return st.session_state.get(_KEYS, {}).get(name, name)


def notice(name: str, value: str | None = None) -> None:
    """Record a dropped URL value (or a whole unknown parameter); shown once by finish()."""
    st.session_state.setdefault(_NOTICES, []).append(name if value is None else f"{name}={value}")


def _shown(item: str) -> str:
    """One dropped item as inert Markdown: control characters out, cut short, in a code span
    (no link, emphasis, HTML or Streamlit directive from a crafted link reaches the page)."""
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in item)
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "…"
    return "`" + text.replace("`", "\u02cb") + "`"


def notice_text(dropped: list[str]) -> str:
    """The dropped items for the notice: the first few, then how many more."""
    shown = ", ".join(_shown(item) for item in dropped[:_SHOWN])
    return shown + (f" (+{len(dropped) - _SHOWN})" if len(dropped) > _SHOWN else "")


def _capped(name: str, raw: list[str]) -> list[str]:
    """The URL values of `name` a parser may see: not too many, none too long."""
    kept = []
    for i, value in enumerate(raw):
        if i >= MAX_VALUES or len(value) > MAX_VALUE:
            notice(name, value)
        else:
            kept.append(value)
    return kept


def _incoming(name: str) -> list[str] | None:
    """The URL's values for `name` when they came from outside this session's own writes
    (first load, a pasted link, the browser's address bar); None to keep the current state.
    """
    raw = [v for v in st.query_params.get_all(name)]
    written = st.session_state.get(_WRITTEN)
    if written is None:
        return raw
    if raw == written.get(name, []):
        return None
    if not raw:
        # Streamlit drops unbound parameters when the user switches pages: keep the state,
        # finish() puts it back in the URL.
        return None
    return raw


def bind(name: str, parse: Parser, serialize: Serializer, default: Any, *,
         by_language: str | None = None) -> Any:
    """Register URL parameter `name` and return its current value.

    The value lives in st.session_state[name]; the widget's key is `key_for(name)`: `name`
    itself, or with `by_language` (the current language, for widgets whose option labels
    are translated) "<name>~<lang>". The browser remembers a widget's choice by its label,
    so after a language switch it would send back a label that no longer exists and the
    choice would be lost; a widget per language starts from the saved value instead.
    """
    ss = st.session_state
    if name in ss[_RUN]:  # already bound in this run
        return ss.get(name, default)
    ss[_RUN][name] = serialize
    wkey = f"{name}~{by_language}" if by_language else name
    ss.setdefault(_KEYS, {})[name] = wkey
    if wkey != name and wkey in ss[_DRAWN_LAST] and wkey in ss:
        ss[name] = ss[wkey]  # the person may have changed it in the last run
    raw = _incoming(name)
    if raw is not None:
        raw = _capped(name, raw)
        value, rejected = parse(raw) if raw else (default, [])
        for bad in rejected:
            notice(name, bad)
        ss[name] = value
        ss.setdefault(_FROM_LINK, set()).add(name)
    elif name not in ss:
        ss[name] = default
    if wkey != name and (wkey not in ss or ss[wkey] != ss[name]):
        ss[wkey] = ss[name]
    ss[_DRAWN_NOW].add(wkey)
    return ss[name]


def from_link(name: str) -> bool:
    """Whether this run took `name`'s value from the URL (a link opened or pasted), rather
    than keeping the session's own value."""
    return name in st.session_state.get(_FROM_LINK, set())


def current_params() -> dict[str, list[str]]:
    """This run's parameters as the URL will carry them (defaults left out)."""
    out = {}
    for name, serialize in st.session_state.get(_RUN, {}).items():
        values = serialize(st.session_state.get(name))
        if values:
            out[name] = values
    return out


def _iri(text: str) -> str:
    # Percent-encode only what would break the query string, so Vietnamese stays readable
    # in the share link ("prov=Hậu%20Giang"); browsers accept such links as typed.
    return "".join(quote(ch, safe="") if ch in "%&=#+?" or ch.isspace() or ord(ch) < 32 else ch
                   for ch in text)


def query_string(params: dict[str, list[str]] | None = None) -> str:
    """The parameters as a readable query string (without the leading "?")."""
    params = params if params is not None else current_params()
    return "&".join(f"{_iri(name)}={_iri(v)}" for name, values in params.items() for v in values)


def finish(notice_slot: Any, message: Callable[[str], str]) -> None:
    """Write the state to the URL and show a notice for every value that was dropped."""
    registered = st.session_state.get(_RUN, {})
    params = current_params()
    first_run = st.session_state.get(_WRITTEN) is None
    for name in list(st.query_params.keys()):
        if name in _RESERVED or name in registered:
            continue
        if name not in GLOBAL_PARAMS and name not in PAGE_PARAMS and first_run:
            notice(name[:MAX_VALUE])
        del st.query_params[name]
    for name in registered:
        values = params.get(name, [])
        if st.query_params.get_all(name) != values:
            if values:
                st.query_params[name] = values
            elif name in st.query_params:
                del st.query_params[name]
    st.session_state[_WRITTEN] = {name: params.get(name, []) for name in registered}
    dropped = st.session_state.get(_NOTICES, [])
    if dropped:
        text = message(notice_text(dropped))
        notice_slot.warning(text, icon="⚠️")
        st.toast(text)
    st.session_state[_NOTICES] = []


# Parsers for the common parameter shapes -------------------------------------------------

def one_of(options: tuple[str, ...], default: Any) -> Parser:
    def parse(raw: list[str]) -> tuple[Any, list[str]]:
        if raw[-1] in options:
            return raw[-1], [v for v in raw[:-1] if v not in options]
        return default, [raw[-1]]
    return parse


def many_of(normalise: Callable[[str], str | None]) -> Parser:
    """Keep every value `normalise` recognises (deduplicated, in order); report the rest."""
    def parse(raw: list[str]) -> tuple[Any, list[str]]:
        kept: dict[str, None] = {}
        bad = []
        for value in raw:
            name = normalise(value)
            if name is None:
                bad.append(value)
            else:
                kept[name] = None
        return list(kept), bad
    return parse


def omit_default(default: Any, to_text: Callable[[Any], list[str]] | None = None) -> Serializer:
    def serialize(value: Any) -> list[str]:
        if value == default or value is None or value == []:
            return []
        if to_text:
            return to_text(value)
        return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    return serialize

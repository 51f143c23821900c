"""Translation: t(key) in the session's language (Vietnamese first), and labels for data codes."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from ui import state
from ui.strings import TEXT

if TYPE_CHECKING:  # pandas is imported by the pages; the entry point's menu needs none of it
    import pandas as pd

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def lang() -> str:
    value = st.session_state.get("lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def bind_language() -> str:
    """The language from the URL or the session, before anything is drawn in it."""
    return state.bind("lang", state.one_of(LANGS, "vi"), state.omit_default("vi"), "vi")


def t(key: str, **fmt: object) -> str:
    """The text for `key` in the current language; the key itself if it is missing.

    A missing key never breaks a page; tests/pages/test_translations.py fails instead.
    """
    entry = TEXT.get(key)
    text = (entry.get(lang()) or entry.get(DEFAULT_LANG)) if entry else None
    if text is None:
        return key
    return text.format(**fmt) if fmt else text


def has(key: str) -> bool:
    return key in TEXT


def label(prefix: str, code: object) -> str:
    """Translated label of a data code ('topic', 'chu_ky_so' -> 'Chữ ký số'); the code itself
    when the table has no entry (a new code from a newer extractor stays readable)."""
    if code is None or (isinstance(code, float) and code != code):
        return t(f"{prefix}.unknown") if has(f"{prefix}.unknown") else t("unknown")
    key = f"{prefix}.{code}"
    return t(key) if has(key) else str(code)


def labels(prefix: str, codes: pd.Series) -> pd.Series:
    """label() of every code in a column, translated once per distinct code (a 500-row table
    would otherwise read the session's language 500 times)."""
    known = {c: label(prefix, c) for c in codes.dropna().unique()}
    out = codes.map(known).astype(object)
    return out.where(codes.notna(), label(prefix, None))


def number(n: int) -> str:
    """A whole number with thousands grouped as the language writes it: 1.000.000 / 1,000,000."""
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang() == "vi" else text


def col(name: str) -> str:
    """Translated column header."""
    key = f"col.{name}"
    return t(key) if has(key) else name

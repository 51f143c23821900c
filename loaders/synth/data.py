"""The template and name catalogues of the synthetic corpus, read once from loaders/synth_data."""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "synth_data"


def _nfc(value):
    """NFC every string of a parsed TOML tree (editors may save decomposed text)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


@cache
def load(name: str) -> dict:
    """One catalogue: 'names', 'catalogue' or 'phrases'."""
    with open(DATA_DIR / f"{name}.toml", "rb") as fh:
        return _nfc(tomllib.load(fh))


def trainings(year: int, kh: bool) -> list[dict]:
    """Training courses and forums that a department could hold in that year."""
    return [
        t
        for t in load("phrases")["training"]
        if t["years"][0] <= year <= t["years"][1] and not (kh and t.get("era") == "old")
    ]

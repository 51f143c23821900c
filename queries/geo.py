"""Province outlines for the dashboard's choropleth, read from the repo's data/geo GeoJSON files."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

# The files are built once by loaders/geo.py; the dashboard only reads them, so it does not
# need shapely or vietnamadminunits at run time.
GEO_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"
_FILES = {"63": "provinces_63.geojson", "34": "provinces_34.geojson"}


@lru_cache(maxsize=4)
def load_provinces_geojson(mode: str) -> dict[str, Any]:
    """FeatureCollection of the 63 pre-July-2025 provinces (mode "63") or the 34 after it ("34").

    Each Feature has `id` = `properties.name` (short official name), so Plotly can match
    `locations` with `featureidkey="properties.name"`. The dict is cached and shared between
    callers: do not mutate it.
    """
    try:
        file_name = _FILES[str(mode)]
    except KeyError:
        raise ValueError(f"mode must be '63' or '34', not {mode!r}") from None
    with open(GEO_DIR / file_name, encoding="utf-8") as handle:
        return json.load(handle)

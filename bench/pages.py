"""Page benchmark: server-side render time of every dashboard page (AppTest) on a large
dataset, and the peak memory of the process that renders them.

    python bench/pages.py --data /tmp/bench-1m [--runs 3]      # prints JSON

Each page is rendered with several filter sets (all provinces; one province; a year range;
a topic; the 34-province view), so the timings include DuckDB work, not only cache hits:
`cold` is the first render of a filter set, `warm` a repeat (Streamlit's cache).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import compile_project, machine, percentile  # noqa: E402

FILTER_SETS = [
    {},
    {"prov": ["Hà Nội"]},
    {"years": ["2015", "2020"]},
    {"topic": "chu_ky_so"},
    {"prov": ["Cần Thơ", "Hậu Giang"], "years": ["2012", "2024"]},
    {"boundary": "34"},
]


def page_files() -> list[str]:
    """The pages the dashboard declares (ui.nav.PAGES)."""
    from ui.nav import PAGES

    return [entry[0] for entry in PAGES]


def render(page: str, params: dict) -> tuple[float, object]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    if page != page_files()[0]:
        at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page} {params}: {[e.value for e in at.exception]}")
    return elapsed, at


def main(argv: list[str] | None = None) -> dict:
    compile_project()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="dataset root holding CURRENT")
    ap.add_argument("--runs", type=int, default=3, help="warm repeats per filter set")
    args = ap.parse_args(argv)
    os.environ["ICTDASH_DATA"] = str(args.data.resolve())
    os.environ.pop("ICTDASH_RAW", None)
    os.environ["ICTDASH_STRICT"] = "1"
    os.chdir(ROOT)

    render(page_files()[0], {})  # the first run opens the connection: reported separately
    pages: dict[str, dict] = {}
    for page in page_files():
        cold, warm = [], []
        for params in FILTER_SETS:
            t, _ = render(page, params)
            cold.append(t)
            for _ in range(args.runs):
                warm.append(render(page, params)[0])
        pages[Path(page).stem] = {
            "cold_p50_s": round(percentile(cold, 0.5), 3), "cold_max_s": round(max(cold), 3),
            "warm_p50_s": round(percentile(warm, 0.5), 3), "warm_p95_s": round(percentile(warm, 0.95), 3),
            "renders": len(cold) + len(warm)}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    build = json.loads((args.data / "snapshots" / (args.data / "CURRENT").read_text().strip()
                        / "build.json").read_text())
    result = {"benchmark": "pages", "machine": machine(), "meetings": build.get("n_documents"),
              "pages": pages, "peak_rss_mb": round(peak_mb, 1)}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()

"""Where clean + extract spend their time: cProfile over the articles (read first, untimed).

Prints the functions by own time and by cumulative time, then each extraction stage's share
(wall time of the stage functions, measured around them).

    python bench/profile_extract.py [--passes 3] [--top 30] [PATH ...]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from extract_speed import DEFAULT_PATHS, load, one_pass  # noqa: E402

from loaders import dates, legal, meeting, numbers, people, places, projects, topics  # noqa: E402
from loaders import extract as extract_mod  # noqa: E402
from loaders.clean import clean  # noqa: E402
from loaders.text import fold  # noqa: E402

STAGES = [(meeting, ("classify", "find_period")),
          (dates, ("publication_date", "year_context", "meeting_date", "find_deadlines", "all_dates")),
          (places, ("find_province",)), (people, ("find_people", "unique_people", "find_chair")),
          (legal, ("find_legal_refs",)), (projects, ("find_projects",)), (topics, ("find_topics",)),
          (numbers, ("find_numbers",))]


def stage_shares(docs) -> dict[str, float]:
    """Seconds per stage function over one pass (all_dates is also inside other stages)."""
    spent: dict[str, float] = {}
    saved = []
    for mod, names in STAGES:
        for name in names:
            fn = getattr(mod, name)
            saved.append((mod, name, fn))
            label = f"{mod.__name__.split('.')[-1]}.{name}"

            def timed(*a, _fn=fn, _label=label, **k):
                t = time.perf_counter()
                try:
                    return _fn(*a, **k)
                finally:
                    spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - t
            setattr(mod, name, timed)
    try:
        fold.cache_clear()
        t = time.perf_counter()
        for d in docs:
            c = clean(d.text, d.title)
            spent["clean"] = spent.get("clean", 0.0) + time.perf_counter() - t
            extract_mod.extract(d.doc_id, c, d.url, d.published)
            t = time.perf_counter()
    finally:
        for mod, name, fn in saved:
            setattr(mod, name, fn)
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args(argv)
    docs = load(args.paths or DEFAULT_PATHS)
    if not docs:
        print("no documents found")
        return 2
    one_pass(docs)  # warm-up: rule tables, gazetteer, compiled patterns
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.passes):
        one_pass(docs)
    profile.disable()
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumtime").print_stats(args.top)
    spent = min((stage_shares(docs) for _ in range(args.passes)), key=lambda s: sum(s.values()))
    print(f"per document, {len(docs)} documents, quickest of {args.passes} passes (ms):")
    for label, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {label:26s} {1000 * secs / len(docs):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

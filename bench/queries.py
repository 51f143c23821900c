"""Query benchmark: p50/p95 of every query the dashboard runs, with two baselines measured in
the same run: the same answer computed with pandas on data already in memory, and the
common pattern of reading the Parquet files into pandas on each rerun.

    python bench/queries.py --data /tmp/bench-1m [--runs 20]      # prints JSON

Each query runs on its own cursor of one read-only connection, as in the dashboard, with
a rotation of filter sets (none; one province; a year range; a topic; 34 provinces), and
Streamlit's result cache is not involved: these are the uncached costs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import compile_project, machine, summary_ms  # noqa: E402
from queries import egov, meetings, overview, projects, province, quality  # noqa: E402
from queries.connection import connect, current_snapshot  # noqa: E402
from queries.filters import Filters  # noqa: E402

FILTERS = [
    Filters(),
    Filters(provinces=("Hà Nội",)),
    Filters(year_from=2015, year_to=2020),
    Filters(topic="chu_ky_so"),
    Filters(provinces=("Cần Thơ", "Hậu Giang"), year_from=2012, year_to=2024),
    Filters(boundary="34", provinces=("Cần Thơ",)),
]
TODAY = dt.date(2026, 6, 1)


# ------------------------------------------------------------------ pandas equivalents

def _mask(df: pd.DataFrame, f: Filters, facts: pd.DataFrame) -> pd.DataFrame:
    col = f.province_column
    m = pd.Series(True, index=df.index)
    if f.provinces:
        m &= df[col].isin(f.provinces)
    if f.year_from is not None:
        m &= df["year"] >= f.year_from
    if f.year_to is not None:
        m &= df["year"] <= f.year_to
    if f.topic:
        m &= df["doc_id"].isin(facts.loc[facts["topic"] == f.topic, "doc_id"])
    if f.meeting_type:
        m &= df["doc_id"].isin(facts.loc[facts["meeting_type"] == f.meeting_type, "doc_id"])
    return df[m]


class Pandas:
    """The dashboard's answers computed with pandas over DataFrames."""

    def __init__(self, tables: dict[str, pd.DataFrame]):
        self.t = tables
        topics = tables["topics"][["doc_id", "topic"]]
        self.facts = topics.merge(tables["meetings"][["doc_id", "meeting_type"]], on="doc_id", how="right")

    def m(self, f):
        return _mask(self.t["meetings"], f, self.facts)

    def headline_counts(self, f):
        m = self.m(f)
        return pd.DataFrame([{"meetings": len(m), "provinces": m[f.province_column].nunique(),
                              "projects": _mask(self.t["projects"], f, self.facts)["project_key"].nunique(),
                              "deadlines": len(_mask(self.t["deadlines"], f, self.facts))}])

    def meetings_by_province(self, f):
        return self.m(f).groupby(f.province_column).size().reset_index(name="meetings")

    def meetings_by_province_year(self, f):
        return self.m(f).groupby([f.province_column, "year"]).size().reset_index(name="meetings")

    def meetings_by_type_year(self, f):
        return self.m(f).groupby(["meeting_type", "year"]).size().reset_index(name="meetings")

    def top_topics(self, f, n=10):
        return _mask(self.t["topics"], f, self.facts)["topic"].value_counts().head(n).reset_index()

    def projects_by_province_year(self, f):
        p = _mask(self.t["projects"], f, self.facts)
        return p.groupby([f.province_column, "year"])["project_key"].nunique().reset_index()

    def projects_table(self, f):
        p = _mask(self.t["projects"], f, self.facts).sort_values("meeting_date")
        g = p.groupby("project_key").agg(name=("name", "last"), kind=("kind", "last"),
                                         stage=("stage", "last"), first=("meeting_date", "min"),
                                         last=("meeting_date", "max"), mentions=("doc_id", "count"))
        return g.sort_values("mentions", ascending=False).head(500).reset_index()

    def project_choices(self, f):
        p = _mask(self.t["projects"], f, self.facts)
        return p["project_key"].value_counts().head(500).reset_index()

    def project_history(self, key, f):
        p = self.t["projects"]
        return p[p["project_key"] == key].sort_values("meeting_date")

    def topic_first_reported(self, f):
        t = _mask(self.t["topics"], f, self.facts)
        return t.groupby(["topic", f.province_column])["meeting_date"].min().reset_index()

    def topic_ranking(self, f, year):
        t = _mask(self.t["topics"], f, self.facts)
        now = t[t["year"] <= year].groupby(f.province_column)["topic"].nunique().rank(ascending=False)
        before = t[t["year"] <= year - 1].groupby(f.province_column)["topic"].nunique().rank(ascending=False)
        return pd.DataFrame({"rank": now, "previous": before}).reset_index()

    def deadlines(self, f, today):
        d = _mask(self.t["deadlines"], f, self.facts).sort_values("due_day").head(1000).copy()
        d["upcoming"] = pd.to_datetime(d["due_day"]) >= pd.Timestamp(today)
        return d

    def _searched(self, f, search):
        m = self.m(f)
        if search:
            docs = self.t["documents"]
            hit = docs.loc[docs["text_folded"].str.contains(search, regex=False), "doc_id"]
            m = m[m["doc_id"].isin(hit)]
        return m

    def meetings_table(self, f, search=""):
        m = self._searched(f, search)
        return m.sort_values(["meeting_date", "doc_id"], ascending=[False, True]).head(500)

    def count_meetings(self, f, search=""):
        return len(self._searched(f, search))

    def meeting_detail(self, doc_id):
        return {name: df[df["doc_id"] == doc_id] for name, df in self.t.items() if "doc_id" in df}

    def province_summary(self, prov, f):
        return self.headline_counts(Filters(provinces=(prov,), year_from=f.year_from, year_to=f.year_to,
                                            boundary=f.boundary))

    def leaders(self, prov, f):
        p = _mask(self.t["people"], Filters(provinces=(prov,), boundary=f.boundary), self.facts)
        return p.groupby(["name_key", "title"]).agg(first=("meeting_date", "min"), last=("meeting_date", "max"),
                                                   n=("doc_id", "count")).reset_index().head(200)

    def topics_vs_national(self, prov, f):
        t = _mask(self.t["topics"], f, self.facts)
        return pd.DataFrame({"province": t[t[f.province_column] == prov]["topic"].value_counts(),
                             "national": t["topic"].value_counts()}).reset_index()

    def field_coverage(self, f):
        return self.m(f).notna().mean()


TABLE_COLUMNS = {
    "meetings": ["doc_id", "province", "province_2025", "year", "meeting_date", "meeting_type", "chair_name",
                 "chair_title", "title", "url", "file", "publication_date", "period"],
    "topics": ["doc_id", "province", "province_2025", "year", "meeting_date", "topic"],
    "projects": ["doc_id", "province", "province_2025", "year", "meeting_date", "name", "project_key", "kind", "stage"],
    "deadlines": ["doc_id", "province", "province_2025", "year", "meeting_date", "text", "due", "due_day"],
    "people": ["doc_id", "province", "province_2025", "year", "meeting_date", "name", "name_key", "title", "is_chair"],
    "documents": ["doc_id", "title", "text_folded"],
}


def read_tables(snapshot: Path, names: list[str]) -> dict[str, pd.DataFrame]:
    return {n: pd.read_parquet(snapshot / n, columns=TABLE_COLUMNS[n]) for n in names}


# ------------------------------------------------------------------ the dashboard's queries

def cases(some_key: str, some_doc: str) -> list[tuple[str, list[str], object, object]]:
    """(name, tables pandas needs, duckdb call(con, f), pandas call(P, f))."""
    y = 2024
    return [
        ("headline_counts", ["meetings", "topics", "projects", "deadlines"],
         lambda c, f: overview.headline_counts(c, f), lambda p, f: p.headline_counts(f)),
        ("meetings_by_province", ["meetings", "topics"],
         lambda c, f: overview.meetings_by_province(c, f), lambda p, f: p.meetings_by_province(f)),
        ("meetings_by_province_year", ["meetings", "topics"],
         lambda c, f: overview.meetings_by_province_year(c, f), lambda p, f: p.meetings_by_province_year(f)),
        ("meetings_by_type_year", ["meetings", "topics"],
         lambda c, f: overview.meetings_by_type_year(c, f), lambda p, f: p.meetings_by_type_year(f)),
        ("top_topics", ["meetings", "topics"],
         lambda c, f: overview.top_topics(c, f, 10), lambda p, f: p.top_topics(f, 10)),
        ("projects_by_province_year", ["meetings", "topics", "projects"],
         lambda c, f: projects.projects_by_province_year(c, f), lambda p, f: p.projects_by_province_year(f)),
        ("projects_table", ["meetings", "topics", "projects"],
         lambda c, f: projects.projects_table(c, f), lambda p, f: p.projects_table(f)),
        ("project_choices", ["meetings", "topics", "projects"],
         lambda c, f: projects.project_choices(c, f), lambda p, f: p.project_choices(f)),
        ("project_history", ["meetings", "topics", "projects"],
         lambda c, f: projects.project_history(c, some_key, f), lambda p, f: p.project_history(some_key, f)),
        ("topic_first_reported", ["meetings", "topics"],
         lambda c, f: egov.topic_first_reported(c, f), lambda p, f: p.topic_first_reported(f)),
        ("topic_ranking", ["meetings", "topics"],
         lambda c, f: egov.topic_ranking(c, f, y), lambda p, f: p.topic_ranking(f, y)),
        ("deadlines", ["meetings", "topics", "deadlines"],
         lambda c, f: egov.deadlines(c, f, TODAY), lambda p, f: p.deadlines(f, TODAY)),
        ("count_meetings", ["meetings", "topics"],
         lambda c, f: meetings.count_meetings(c, f), lambda p, f: p.count_meetings(f)),
        ("meetings_table", ["meetings", "topics"],
         lambda c, f: meetings.meetings_table(c, f), lambda p, f: p.meetings_table(f)),
        ("meetings_table_search", ["meetings", "topics", "documents"],
         lambda c, f: meetings.meetings_table(c, f, "chu ky so"), lambda p, f: p.meetings_table(f, "chu ky so")),
        ("count_meetings_search", ["meetings", "topics", "documents"],
         lambda c, f: meetings.count_meetings(c, f, "chu ky so"), lambda p, f: p.count_meetings(f, "chu ky so")),
        ("meeting_detail", ["meetings", "topics", "projects", "people", "deadlines", "documents"],
         lambda c, f: meetings.meeting_detail(c, some_doc), lambda p, f: p.meeting_detail(some_doc)),
        ("province_summary", ["meetings", "topics", "projects", "deadlines"],
         lambda c, f: province.province_summary(c, "Hà Nội", f), lambda p, f: p.province_summary("Hà Nội", f)),
        ("leaders", ["meetings", "topics", "people"],
         lambda c, f: province.leaders(c, "Hà Nội", f), lambda p, f: p.leaders("Hà Nội", f)),
        ("topics_vs_national", ["meetings", "topics"],
         lambda c, f: province.topics_vs_national(c, "Hà Nội", f), lambda p, f: p.topics_vs_national("Hà Nội", f)),
        ("field_coverage", ["meetings", "topics"],
         lambda c, f: quality.field_coverage(c, f), lambda p, f: p.field_coverage(f)),
    ]


def _time(fn, runs: int) -> list[float]:
    out = []
    for i in range(runs):
        f = FILTERS[i % len(FILTERS)]
        start = time.perf_counter()
        fn(f)
        out.append(time.perf_counter() - start)
    return out


def main(argv: list[str] | None = None) -> dict:
    compile_project()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="dataset root holding CURRENT")
    ap.add_argument("--runs", type=int, default=24, help="runs per query (rotating filter sets)")
    ap.add_argument("--reread-runs", type=int, default=3, help="runs of the read-on-each-rerun baseline")
    ap.add_argument("--memory-runs", type=int, default=3, help="runs of the pandas-in-memory baseline")
    args = ap.parse_args(argv)
    snap = current_snapshot(args.data)
    t0 = time.perf_counter()
    con = connect(snap)
    connect_s = time.perf_counter() - t0
    some_key = con.execute("SELECT project_key FROM projects LIMIT 1").fetchone()[0]
    some_doc = con.execute("SELECT doc_id FROM meetings LIMIT 1").fetchone()[0]
    n_meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
    t0 = time.perf_counter()
    memory = Pandas(read_tables(snap.path, list(TABLE_COLUMNS)))
    load_s = time.perf_counter() - t0

    results = {}
    for name, tables, duck, pand in cases(some_key, some_doc):
        def run_duck(f, duck=duck):
            cur = con.cursor()
            try:
                duck(cur, f)
            finally:
                cur.close()
        duck_t = _time(run_duck, args.runs)
        mem_t = _time(lambda f, pand=pand: pand(memory, f), args.memory_runs)
        reread_t = _time(lambda f, pand=pand, tables=tables: pand(Pandas(read_tables(snap.path, tables)), f),
                         args.reread_runs)
        d, m, r = summary_ms(duck_t), summary_ms(mem_t), summary_ms(reread_t)
        results[name] = {"duckdb": d, "pandas_in_memory": m, "pandas_read_each_rerun": r,
                         "speedup_vs_read_each_rerun_p50": round(r["p50_ms"] / d["p50_ms"], 1)}
    worst = max(results.values(), key=lambda r: r["duckdb"]["p95_ms"])
    result = {"benchmark": "queries", "machine": machine(), "meetings": n_meetings,
              "connect_seconds": round(connect_s, 3), "pandas_load_seconds": round(load_s, 2),
              "worst_p95_ms": worst["duckdb"]["p95_ms"],
              "min_speedup_vs_read_each_rerun": min(r["speedup_vs_read_each_rerun_p50"] for r in results.values()),
              "queries": results}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return result


if __name__ == "__main__":
    main()

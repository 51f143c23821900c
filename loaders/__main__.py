"""Command line: python -m loaders build | extract | evaluate."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from loaders import build as pipeline
from loaders import store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m loaders", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="read data/raw and publish a Parquet snapshot")
    b.add_argument("--raw", type=Path, default=Path("data/raw"))
    b.add_argument("--out", type=Path, default=Path("data/parquet"))
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores)")
    b.add_argument("--full", action="store_true", help="re-extract everything (ignore the manifest)")
    e = sub.add_parser("extract", help="write one JSON record per document (evaluation contract)")
    e.add_argument("paths", nargs="+", type=Path)
    e.add_argument("-o", "--out", type=Path, required=True)
    v = sub.add_parser("evaluate", help="extract PATH and score it against GOLD")
    v.add_argument("gold", type=Path)
    v.add_argument("paths", nargs="+", type=Path)
    v.add_argument("--json", action="store_true")
    v.add_argument("--save", metavar="NAME", default=None,
                   help="also record the scores under NAME in data/accuracy.json (shown on the methods page)")
    ls = sub.add_parser("snapshots", help="list the snapshots kept under --out")
    ls.add_argument("--out", type=Path, default=Path("data/parquet"))
    rb = sub.add_parser("rollback", help="publish an earlier snapshot again")
    rb.add_argument("--out", type=Path, default=Path("data/parquet"))
    rb.add_argument("--to", default=None, help="snapshot name (default: the previous one)")
    g = sub.add_parser("synth", help="write a synthetic corpus with gold (never into data/raw)")
    g.add_argument("--docs", type=int, required=True)
    g.add_argument("--seed", type=int, default=0)
    g.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)

    if args.cmd == "build":
        summary = pipeline.build(args.raw, args.out, progress=not args.quiet, workers=args.workers,
                                 incremental=not args.full)
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    if args.cmd == "extract":
        n, rejects = pipeline.extract_to_jsonl(args.paths, args.out)
        for r in rejects:
            print(f"rejected {r.file}{'#' + str(r.row) if r.row else ''}: {r.reason} ({r.detail})",
                  file=sys.stderr)
        print(f"{n} documents -> {args.out}", file=sys.stderr)
        return 0
    if args.cmd == "snapshots":
        for snap in store.list_snapshots(args.out):
            print(json.dumps(snap, ensure_ascii=False))
        return 0
    if args.cmd == "rollback":
        try:
            name = store.rollback(args.out, args.to)
        except ValueError as exc:
            print(f"rollback: {exc}", file=sys.stderr)
            return 2
        print(f"published {name}")
        return 0
    if args.cmd == "synth":
        from loaders import synth

        if args.out.resolve().is_relative_to(Path("data/raw").resolve()):
            print("refusing to write synthetic articles into data/raw", file=sys.stderr)
            return 2
        summary = synth.generate(args.docs, args.seed, args.out)
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    if args.cmd == "evaluate":
        from loaders import evaluate

        return evaluate.run(args.gold, args.paths, as_json=args.json, save_as=args.save)
    return 2


class _WithoutPandas:
    """An import finder that reports pandas as not installed (importlib's documented
    meta path protocol), which pyarrow takes as "no pandas".

    pyarrow imports pandas the first time it converts a Python list, only to ask whether the
    list is a pandas object (pyarrow/array.pxi, _is_array_like): 0.25 s of every CLI build,
    ~8% of an incremental one, for an answer that is always no. Nothing a build runs uses
    pandas; the dashboard, which builds in its own process, has imported it anyway. (A None
    entry in sys.modules does not do: pyarrow's compiled import returns it as the module.)"""

    def find_spec(self, name: str, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError("pandas is not used by a build", name=name)
        return None


if __name__ == "__main__":
    if sys.argv[1:2] != ["build"]:
        sys.exit(main())
    if "pandas" not in sys.modules:
        sys.meta_path.insert(0, _WithoutPandas())
    code = main()
    # A build has published (fsynced, loaders.store) and released its lock when main()
    # returns: what is left is the interpreter's teardown of a heap of Arrow and DuckDB
    # objects and of the extension modules, 90 ms of a 1 s incremental build, which a
    # process that exits frees anyway. os._exit skips it (as Instagram's web servers do:
    # "Dismissing Python Garbage Collection at Instagram"), once the output is flushed.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

"""Evaluation: extract articles and score them against gold annotations, field by field."""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from loaders.build import extract_to_jsonl

REPO = Path(__file__).resolve().parent.parent
SHARED_SCORER = REPO.parent / "shared" / "eval" / "score.py"


def scorer() -> ModuleType:
    """The team's scorer (../shared/eval/score.py) when present, else the vendored copy."""
    if SHARED_SCORER.is_file():
        spec = importlib.util.spec_from_file_location("shared_score", SHARED_SCORER)
        if spec and spec.loader:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    from loaders import _score

    return _score


def evaluate(gold: Path, paths: list[Path]) -> dict:
    """{field: {"accuracy"|"f1": ..., ...}} for the documents under `paths`."""
    score = scorer()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.jsonl"
        extract_to_jsonl([Path(p) for p in paths], out)
        gold_rows, pred_rows = score.load(str(gold)), score.load(str(out))
    results, _ = score.score(gold_rows, pred_rows)
    missing = sorted(set(gold_rows) - set(pred_rows))
    return {"documents": len(gold_rows), "missing_predictions": missing, "fields": results}


def headline(result: dict) -> float | None:
    return result.get("accuracy") if "accuracy" in result else result.get("f1")


def table(report: dict) -> str:
    lines = [f"documents: {report['documents']}   missing predictions: {len(report['missing_predictions'])}",
             f"  {'field':17s} {'metric':6s} score"]
    for field, r in report["fields"].items():
        h = headline(r)
        metric = "acc" if "accuracy" in r else "F1"
        lines.append(f"  {field:17s} {metric:6s} {'  -  ' if h is None else f'{h:.3f}'}")
    return "\n".join(lines)


def run(gold: Path, paths: list[Path], as_json: bool = False, save_as: str | None = None,
        accuracy_file: Path = REPO / "data" / "accuracy.json") -> int:
    """Print the per-field table (or JSON); with `save_as`, also record the headline scores
    under that name in data/accuracy.json (e.g. "corpus", "seeds")."""
    report = evaluate(Path(gold), [Path(p) for p in paths])
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(table(report))
    if save_as:
        saved = json.loads(accuracy_file.read_text(encoding="utf-8")) if accuracy_file.is_file() else {}
        saved[save_as] = {f: headline(r) for f, r in report["fields"].items()}
        accuracy_file.parent.mkdir(parents=True, exist_ok=True)
        accuracy_file.write_text(json.dumps(saved, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0 if report["documents"] else 2


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]))

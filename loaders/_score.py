# ruff: noqa  (vendored verbatim; kept byte-for-byte below this header to compare with the source)
# Vendored from ../shared/eval/score.py (the team's evaluation script, standard library only) so
# `python -m loaders evaluate` works in a clone without ../shared. loaders/evaluate.py prefers the
# shared copy when it is there; tests/loaders/test_evaluate.py checks the two have not drifted.
"""Score meeting-extraction output against gold annotations.

Usage:
    python score.py GOLD.jsonl PRED.jsonl [--json] [--verbose] [--min FIELD=VALUE ...]

Both files hold one JSON object per line, matched on "id" (the document's file
stem). The field conventions are those of ../corpus/README.md. A document that
is in GOLD but missing from PRED scores as an all-null prediction.

Exit status: 0, or 1 when a --min threshold is not met, 2 on unusable input.
Standard library only, so it runs before the project is installed.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher

SCALAR_FIELDS = ["is_meeting", "province", "province_2025", "meeting_date",
                 "publication_date", "meeting_type", "period", "chair_name"]
SET_FIELDS = ["people", "projects", "egov_topics", "deadlines", "legal_refs", "numbers"]

PROVINCE_ALIASES = {
    "hue": "thuathienhue", "tphue": "thuathienhue", "thanhphohue": "thuathienhue",
    "tphcm": "hochiminh", "hcm": "hochiminh", "thanhphohochiminh": "hochiminh",
    "saigon": "hochiminh", "brvt": "bariavungtau",
}


def fold(text: str) -> str:
    """Lower-case, accent-free, NFC-insensitive form of a Vietnamese string."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return re.sub(r"\s+", " ", text.lower()).strip()


def province_key(name):
    if not name:
        return None
    key = fold(name)
    key = re.sub(r"^(tinh|thanh pho|tp\.?)\s+", "", key)
    key = re.sub(r"[^a-z0-9]", "", key)
    return PROVINCE_ALIASES.get(key, key)


def date_key(value):
    if not value:
        return None
    parts = re.split(r"[-/]", str(value).strip())
    try:
        return "-".join([parts[0]] + [f"{int(p):02d}" for p in parts[1:]])
    except ValueError:
        return str(value).strip()


def name_key(value):
    if isinstance(value, dict):
        value = value.get("name")
    return re.sub(r"[^a-z ]", "", fold(value)).strip() if value else None


def legal_key(value):
    """'Thông tư số 81/2017/TT-BTC' -> '81/2017/tt-btc'; 'Nghị quyết 18' -> 'nghi quyet 18'."""
    text = fold(value)
    m = re.search(r"(\d+)\s*/\s*(?:(\d{4})\s*/\s*)?([a-z0-9\-]+(?:\s*-\s*[a-z0-9]+)*)", text)
    if m:
        kind = re.sub(r"\s+", "", m.group(3))
        return "/".join(p for p in (m.group(1), m.group(2), kind) if p)
    m = re.search(r"([a-z ]+?)\s*(?:so\s*)?(\d+)", text)
    return f"{m.group(1).strip()} {m.group(2)}" if m else text


def number_key(value):
    if isinstance(value, dict):
        value = value.get("value")
    try:
        return round(float(value), 4)
    except (TypeError, ValueError):
        return None


def deadline_key(value):
    if isinstance(value, dict):
        return date_key(value.get("date")) or fold(value.get("text", ""))
    return fold(value)


def project_key(value):
    if isinstance(value, dict):
        value = value.get("name") or value.get("text")
    return re.sub(r"[^a-z0-9 ]", "", fold(value)).strip() if value else None


def projects_match(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) >= 0.5 * max(len(a), len(b))
    return SequenceMatcher(None, a, b).ratio() >= 0.75


SCALAR_KEY = {"province": province_key, "province_2025": province_key,
              "meeting_date": date_key, "publication_date": date_key,
              "chair_name": name_key}
SET_KEY = {"people": name_key, "projects": project_key, "egov_topics": str,
           "deadlines": deadline_key, "legal_refs": legal_key, "numbers": number_key}


def set_counts(field, gold_items, pred_items):
    key = SET_KEY[field]
    gold = [k for k in (key(x) for x in gold_items or []) if k not in (None, "")]
    pred = [k for k in (key(x) for x in pred_items or []) if k not in (None, "")]
    gold, pred = list(dict.fromkeys(gold)), list(dict.fromkeys(pred))
    match = projects_match if field == "projects" else (lambda a, b: a == b)
    unmatched = list(pred)
    tp = 0
    for g in gold:
        for p in unmatched:
            if match(g, p):
                unmatched.remove(p)
                tp += 1
                break
    return tp, len(pred) - tp, len(gold) - tp


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: not JSON ({exc})")
            if "id" not in obj:
                sys.exit(f"{path}:{n}: no 'id'")
            rows[str(obj["id"])] = obj
    return rows


def score(gold, pred, verbose=False):
    results, misses = {}, []
    for field in SCALAR_FIELDS:
        key = SCALAR_KEY.get(field, lambda v: v)
        ok = total = 0
        for doc_id, g in gold.items():
            if field not in g:
                continue
            if field != "is_meeting" and g.get("is_meeting") is False:
                continue  # only the is_meeting verdict counts on negatives
            if g[field] in (None, "") and field not in ("meeting_date", "chair_name"):
                continue  # nothing to find; not penalised
            total += 1
            p = pred.get(doc_id, {}).get(field)
            if key(g[field]) == key(p):
                ok += 1
            else:
                misses.append((doc_id, field, g[field], p))
        results[field] = {"accuracy": ok / total if total else None, "n": total}
    for field in SET_FIELDS:
        tp = fp = fn = 0
        for doc_id, g in gold.items():
            if field not in g or g.get("is_meeting") is False:
                continue
            a, b, c = set_counts(field, g.get(field), pred.get(doc_id, {}).get(field))
            tp, fp, fn = tp + a, fp + b, fn + c
            if verbose and (b or c):
                misses.append((doc_id, field, g.get(field), pred.get(doc_id, {}).get(field)))
        prec = tp / (tp + fp) if tp + fp else None
        rec = tp / (tp + fn) if tp + fn else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else (0.0 if tp + fp + fn else None)
        results[field] = {"precision": prec, "recall": rec, "f1": f1, "n_gold": tp + fn}
    return results, misses


def headline(field, r):
    return r.get("accuracy") if "accuracy" in r else r.get("f1")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--verbose", action="store_true", help="list every mismatch")
    ap.add_argument("--min", action="append", default=[], metavar="FIELD=VALUE",
                    help="fail (exit 1) when FIELD's accuracy/F1 is below VALUE")
    args = ap.parse_args(argv)
    gold, pred = load(args.gold), load(args.pred)
    missing = sorted(set(gold) - set(pred))
    results, misses = score(gold, pred, args.verbose)
    if args.json:
        print(json.dumps({"documents": len(gold), "missing_predictions": missing,
                          "fields": results}, ensure_ascii=False, indent=1))
    else:
        print(f"documents: {len(gold)}   missing predictions: {len(missing)}")
        for field, r in results.items():
            h = headline(field, r)
            kind = "acc" if "accuracy" in r else "F1 "
            extra = (f"n={r['n']}" if "n" in r else
                     f"P={r['precision'] if r['precision'] is None else round(r['precision'], 3)} "
                     f"R={r['recall'] if r['recall'] is None else round(r['recall'], 3)} n_gold={r['n_gold']}")
            print(f"  {field:17s} {kind} {'  -  ' if h is None else f'{h:.3f}'}   {extra}")
        if args.verbose:
            for doc_id, field, g, p in misses:
                print(f"MISS {doc_id} {field}: gold={json.dumps(g, ensure_ascii=False)} "
                      f"pred={json.dumps(p, ensure_ascii=False)}")
    failed = []
    for spec in args.min:
        field, _, value = spec.partition("=")
        if field not in results:
            sys.exit(f"--min: unknown field {field!r}")
        h = headline(field, results[field])
        if h is None or h < float(value):
            failed.append(f"{field} {h if h is None else round(h, 3)} < {value}")
    if failed:
        print("BELOW THRESHOLD: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

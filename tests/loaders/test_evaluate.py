"""The evaluation command: extraction scored with the team's scorer, field by field."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from loaders import _score, evaluate

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "raw" / "004_67b4640b05fc07eb.txt"


def test_the_vendored_scorer_has_not_drifted_from_the_shared_one():
    if not evaluate.SHARED_SCORER.is_file():
        pytest.skip("../shared/eval/score.py is not beside this clone")
    vendored = Path(_score.__file__).read_text(encoding="utf-8").split('"""', 1)[1]
    shared = evaluate.SHARED_SCORER.read_text(encoding="utf-8").split('"""', 1)[1]
    assert vendored == shared


def test_evaluate_prints_the_field_table_and_saves_headline_scores(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / SEED.name)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": SEED.stem, "is_meeting": True, "province": "Hậu Giang",
                                "province_2025": "Cần Thơ", "meeting_date": "2020-09-21",
                                "meeting_type": "lam_viec", "chair_name": "Lê Tiến Châu",
                                "legal_refs": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "accuracy.json"
    assert evaluate.run(gold, [docs], save_as="seeds", accuracy_file=out) == 0
    printed = capsys.readouterr().out
    assert "province" in printed and "1.000" in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["seeds"]["province"] == 1.0 and saved["seeds"]["chair_name"] == 1.0


def test_the_vendored_scorer_keys_match_the_extractors_normal_forms():
    from loaders.legal import legal_key

    for ref in ("Thông tư số 81/2017/TT-BTC", "57-NQ/TW", "Nghị Quyết 18", "36a/NQ-CP"):
        assert legal_key(ref) == _score.legal_key(ref)

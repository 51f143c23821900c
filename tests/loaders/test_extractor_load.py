"""The extractor's fixed cost in a fresh process: what is imported, and the cache files that
spare the gazetteer's conversion and the compiling of patterns, which must change nothing."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import gazetteer, rules, text
from loaders.text import CACHE_DIR_ENV

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "data" / "raw"


def _python(code: str, cache: Path | str, *args: str) -> str:
    env = {**os.environ, CACHE_DIR_ENV: str(cache)}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, env=env, check=True,
                          capture_output=True, text=True).stdout


_EXTRACT = """
import json, sys
from pathlib import Path
from loaders import read
from loaders.build import process_doc
out = []
root = Path(sys.argv[1])
for f in read.discover(root):
    for item in read.read_file(f, root):
        if hasattr(item, "reason"):
            continue
        d = process_doc(item, with_record=True)
        out.append([d["record"], d["tables"]])
print(json.dumps({"docs": out, "vau": "vietnamadminunits" in sys.modules}, default=str,
                 ensure_ascii=False, sort_keys=True))
"""


def test_importing_the_build_loads_neither_the_extractor_nor_vietnamadminunits(tmp_path):
    out = _python("import sys, loaders.build; print(sorted(m for m in sys.modules"
                  " if m.startswith(('vietnamadminunits', 'loaders.rules', 'loaders.gazetteer'))))",
                  tmp_path)
    assert out.strip() == "[]"


def test_the_same_output_with_a_cold_a_warm_and_no_cache(tmp_path):
    cold = json.loads(_python(_EXTRACT, tmp_path / "cache", str(SEEDS)))
    files = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())
    assert files == ["gazetteer", "patterns"]
    warm = json.loads(_python(_EXTRACT, tmp_path / "cache", str(SEEDS)))
    unwritable = tmp_path / "file"
    unwritable.write_text("not a folder")
    none = json.loads(_python(_EXTRACT, unwritable / "cache", str(SEEDS)))
    assert cold["docs"] and cold["docs"] == warm["docs"] == none["docs"]
    # With the cache filled, extraction never needs vietnamadminunits' code.
    assert cold["vau"] and not warm["vau"] and none["vau"]
    assert not [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".tmp"]


def test_a_damaged_pattern_file_is_ignored(tmp_path):
    cache = tmp_path / "cache"
    code = ("from loaders import rules; p = rules.compile_cached(r'(?P<y>\\d{4})-\\d\\d', 2);"
            "rules.save_compiled(); print(p.match('2024-05').group('y'), rules._STORE.path.name)")
    first = _python(code, cache).split()
    assert first[0] == "2024"
    path = cache / first[1]
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    assert _python(code, cache).split()[0] == "2024"


def test_compile_cached_gives_the_pattern_re_compile_gives(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    store = rules._PatternStore()
    monkeypatch.setattr(rules, "_STORE", store)
    sources = [(r.pattern.pattern, r.pattern.flags) for name in rules.all_tables()
               for group in rules.table(name).values() for r in group]
    sources += [(r"(?P<a>x)(?P=a)|\bq(?=u)", re.I), (r"[^\W\d_]+", 0), ("^$", re.M)]
    fresh = [rules.compile_cached(p, f) for p, f in sources]
    store.save()
    assert store.path is not None and store.path.exists()
    monkeypatch.setattr(rules, "_STORE", rules._PatternStore())  # a new process: from the file
    for (p, f), made in zip(sources, fresh, strict=True):
        expected = re.compile(p, f)
        loaded = rules.compile_cached(p, f)
        assert made == expected and loaded == expected  # same pattern, flags and code
        assert (loaded.groups, loaded.groupindex) == (expected.groups, expected.groupindex)
    assert rules._STORE.new == 0  # every one came from the file


def test_pattern_facts_are_the_same_from_the_cache_file(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    monkeypatch.setattr(rules, "_STORE", rules._PatternStore())
    patterns = [r.pattern for name in rules.all_tables() for group in rules.table(name).values()
                for r in group]

    def facts():
        return [(rules.case_free(p), rules.lowered(p), rules.prefix_literals(p),
                 rules._prefix_literals.__wrapped__(p), rules._literals.__wrapped__(p),
                 rules.pure_literal(p.pattern, p.flags), rules.required_marks(p.pattern, p.flags))
                for p in patterns]

    computed = facts()
    rules._STORE.save()
    monkeypatch.setattr(rules, "_STORE", rules._PatternStore())
    assert facts() == computed
    assert rules._STORE.new == 0


def test_gazetteer_conversion_cache_matches_vietnamadminunits(tmp_path, monkeypatch):
    from vietnamadminunits import convert_address

    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path))
    with gazetteer._db() as con:
        fulls = [r[0] for r in con.execute(
            "SELECT DISTINCT province FROM admin_units_legacy ORDER BY provinceCode")]
    first = gazetteer._convert_provinces(fulls)
    assert list(tmp_path.glob("gazetteer-convert-*.json"))
    again = gazetteer._convert_provinces(fulls)
    assert first == again == {f: convert_address(f).province for f in fulls}


@pytest.mark.parametrize("top", [text._CASED_TOP])
def test_lower_tables_are_those_of_a_loop_over_every_character(top):
    lut, bad = text._table(0), text._table(None)
    for c in range(top):
        low = chr(c).lower()
        if len(low) != 1 or ord(low) in text._FIX:
            bad[c] = True
        elif low != chr(c):
            lut[c] = ord(low)
    bad[[c for c in text._FIX if c >= top]] = True
    assert (lut == text._LOWER_LUT).all() and (bad == text._LOWER_BAD).all()


def test_decimal_tables_are_what_backslash_d_matches():
    every = "".join(map(chr, range(0x110000)))
    digits = {m.start() for m in re.finditer(r"\d", every)}
    for top in (0x20000, 0x110000):
        table = text._decimal_table(top)
        assert set(table.nonzero()[0].tolist()) == {c for c in digits if c < top}
    # Digits beyond the basic plane, and a character beyond the first two planes (for which
    # the table of all of Unicode is made).
    text.fold.cache_clear()
    article = "x" * 300 + "\U0001D7CE\U0001D7CF and \U00020000" + "12\U0001D7D0 x"
    assert text.digit_runs(article) == ([300, 308], [302, 311])

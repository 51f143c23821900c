"""Load the rule tables in loaders/rules/*.toml (patterns with their examples)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).with_name("rules")


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    pattern: re.Pattern
    source: str
    pos: tuple[str, ...]
    neg: tuple[str, ...]
    data: dict


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, tuple[Rule, ...]]:
    """Rules of loaders/rules/<name>.toml, grouped by their TOML array name."""
    raw = tomllib.loads((RULES_DIR / f"{name}.toml").read_text(encoding="utf-8"))
    out: dict[str, tuple[Rule, ...]] = {}
    for group, items in raw.items():
        if not isinstance(items, list):
            continue
        rules = []
        for item in items:
            flags = re.IGNORECASE if item.get("ignorecase", True) else 0
            extra = {k: v for k, v in item.items()
                     if k not in ("id", "pattern", "source", "pos", "neg", "ignorecase")}
            rules.append(Rule(item["id"], group, re.compile(item["pattern"], flags),
                              item.get("source", ""), tuple(item.get("pos", ())),
                              tuple(item.get("neg", ())), extra))
        out[group] = tuple(rules)
    return out


def all_tables() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.toml"))

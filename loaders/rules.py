"""Load the rule tables in loaders/rules/*.toml (patterns with their examples)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from re import _constants as _C  # noqa: PLC2701 - the parser's op codes, stable since 3.11
from re import _parser as _sre  # noqa: PLC2701

RULES_DIR = Path(__file__).with_name("rules")
_RESERVED = ("id", "pattern", "source", "pos", "neg", "ignorecase", "on", "xfail")


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    pattern: re.Pattern
    source: str
    pos: tuple[str, ...]
    neg: tuple[str, ...]
    data: dict
    on: str = "folded"            # "folded": run on fold(text); "raw": on the NFC text as written
    xfail: tuple[str, ...] = ()   # examples known to fail, each "example :: reason"

    def prepare(self, text: str) -> str:
        """The form of `text` this rule's pattern is written for."""
        if self.on == "folded":
            from loaders.text import fold  # accents gone, so Hoà/Hòa and NFD input look alike

            return fold(text)
        return text


    def search(self, prepared: str) -> re.Match | None:
        """pattern.search on text already in this rule's form, skipped at C speed when none
        of the literals every match must contain is there."""
        if len(prepared) < 160:
            return self.search_unfiltered(prepared)  # a short line: the regex is cheaper
        starts = _prefix_literals(self.pattern) if self.on == "folded" else None
        if starts is not None:
            return self._search_at_literals(prepared, starts)
        lits = _literals(self.pattern)
        if lits is not None:
            low = prepared if self.on == "folded" else prepared.lower()
            if not any(lit in low for lit in lits):
                return None
        return self.search_unfiltered(prepared)

    def _search_at_literals(self, prepared: str, starts: tuple[str, ...]) -> re.Match | None:
        # Every match starts with one of `starts`: find their occurrences at C speed and try
        # the pattern only there, earliest first.
        best = None
        for lit in starts:
            i = prepared.find(lit)
            while i != -1 and (best is None or i < best.start()):
                m = self.pattern.match(prepared, i)
                if m:
                    best = m
                    break
                i = prepared.find(lit, i + 1)
        return best

    def search_unfiltered(self, prepared: str) -> re.Match | None:
        fast = _without_leading_boundary(self.pattern)
        if fast is None:
            return self.pattern.search(prepared)
        # A leading \b keeps the regex engine from skipping ahead to a possible first
        # character; search without it, then confirm the full pattern where it fits.
        pos = 0
        while True:
            m = fast.search(prepared, pos)
            if m is None:
                return None
            start = m.start()
            if start == 0 or not _is_word(prepared[start - 1]):
                full = self.pattern.match(prepared, start)
                if full:
                    return full
            pos = start + 1

    def matches(self, text: str) -> bool:
        """pattern.search on the prepared text, with the rule's extra condition if any; for a
        word list, whether the text starts with one of its words."""
        prepared = self.prepare(text)
        if self.pattern.pattern == "^$" and "words" in self.data:
            return any(prepared == w or prepared.startswith(w + " ") for w in words_of(self))
        m = self.search(prepared)
        if m and self.data.get("needs_next"):
            return next_words_ok(self, prepared, m)
        if not m or not self.data.get("needs_place"):
            return bool(m)
        return place_remainder_ok(m)


def next_words_ok(rule: Rule, prepared: str, m: re.Match) -> bool:
    """For kind words that count only before certain words ("mạng truyền số liệu")."""
    need = rule.data.get("needs_next", {}).get(m.group(1).strip())
    return not need or bool(re.match(r"\s+" + need, prepared[m.end():m.end() + 40]))


def place_remainder_ok(m: re.Match) -> bool:
    """For masthead rules: the words left after the portal's own name must be a province name
    (or nothing), and the portal's name must be there."""
    from loaders.gazetteer import canonical_province

    groups = m.groupdict()
    rest = next((groups[g] for g in ("rest", "rest2") if groups.get(g) is not None), "")
    outside = m.group(0).replace(rest, "", 1)
    if not re.search(r"[a-z]", outside):
        return False
    rest = rest.strip(" -")
    return not rest or canonical_province(rest) is not None


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@cache
def _without_leading_boundary(pattern: re.Pattern) -> re.Pattern | None:
    if not pattern.pattern.startswith("\\b"):
        return None
    return re.compile(pattern.pattern[2:], pattern.flags)


@cache
def _prefix_literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Literals one of which every match starts with ("dich vu cong", "cong dvc", "nop " for
    \\b(dich vu cong|cong dvc|nop (ho so )?truc tuyen)\\b); None when a branch starts otherwise."""
    try:
        items = list(_sre.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a pattern the private parser cannot read
        return None
    out = _leading(items)
    if not out or min(map(len, out)) < 2:
        return None
    return tuple(sorted(out))


def _leading(items: list) -> set[str] | None:
    run: list[str] = []
    for op, av in items:
        if op is _C.AT and not run:
            continue  # \b or ^ before the first literal
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            return {"".join(run)}
        if op is _C.SUBPATTERN:
            return _leading(list(av[-1]))
        if op is _C.BRANCH:
            alts = [_leading(list(b)) for b in av[1]]
            return set().union(*alts) if all(alts) else None
        return None
    return {"".join(run)} if run else None


@cache
def _literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Lower-cased strings one of which occurs in every match of `pattern`; None if unknown."""
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern the private parser cannot read: no prefilter
        return None
    found = _required(list(parsed))
    if not found or min(len(x) for x in found) < 3:
        return None
    return tuple(sorted(x.lower() for x in found))


def _required(items: list) -> set[str] | None:
    """Literals required by a parsed sequence: the most selective of its mandatory parts."""
    best: set[str] | None = None
    run: list[str] = []

    def consider(cand: set[str] | None) -> None:
        nonlocal best
        if cand and (best is None or min(map(len, cand)) > min(map(len, best))):
            best = cand

    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        consider({"".join(run)} if run else None)
        run = []
        if op is _C.SUBPATTERN:
            consider(_required(list(av[-1])))
        elif op is _C.BRANCH:
            alts = [_required(list(b)) for b in av[1]]
            if all(alts):
                consider(set().union(*alts))
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            consider(_required(list(av[2])))
    consider({"".join(run)} if run else None)
    return best


@cache
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
            extra = {k: v for k, v in item.items() if k not in _RESERVED}
            rules.append(Rule(item["id"], group, re.compile(item["pattern"], flags),
                              item.get("source", ""), tuple(item.get("pos", ())),
                              tuple(item.get("neg", ())), extra, item.get("on", "folded"),
                              tuple(item.get("xfail", ()))))
        out[group] = tuple(rules)
    return out


def words(name: str, group: str) -> list[str]:
    """A word list kept as data: the `words` field of the first rule of a group, one per line
    (or whitespace-separated when `split = "space"`)."""
    return words_of(table(name)[group][0])


def words_of(rule: Rule) -> list[str]:
    text = rule.data["words"]
    if rule.data.get("split") == "space":
        return text.split()
    return [w.strip() for w in text.splitlines() if w.strip() and not w.strip().startswith("#")]


def trie_regex(words: list[str]) -> str:
    """One regex for a list of literal words, shaped as a trie ("d(?:u an|e an)|k...")."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if list(node) == [""]:
            return ""
        parts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def all_tables() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.toml"))

"""Load the rule tables in loaders/rules/*.toml (patterns with their examples)."""
from __future__ import annotations

import _sre as _sre_mod  # unicode_iscased: what IGNORECASE treats as cased
import hashlib
import marshal
import re
import sys
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from re import _compiler as _sre_compiler  # noqa: PLC2701
from re import _constants as _C  # noqa: PLC2701 - the parser's op codes, stable since 3.11
from re import _parser as _sre  # noqa: PLC2701

RULES_DIR = Path(__file__).with_name("rules")


# --- compiled patterns, and what this module reads from them, kept on disk -----------------
#
# re.compile runs the regex parser and compiler, written in Python: for the rule tables and
# the gazetteer's name regex, a few hundred milliseconds of every fresh process that extracts
# (the fixed cost of a small incremental build). What they produce is a pure function of the
# pattern, its flags and the Python running it: the code list handed to _sre.compile, which
# re.compile would hand it again. compile_cached keeps those lists, and the facts the functions
# below read from a pattern's parse (case_free, lowered, prefix_literals...), in one file of
# the cache folder (loaders.text.cache_dir), named by a fingerprint of the Python version, the
# re module's sources and this file. A pattern not in the file is compiled as re.compile does;
# the file is written again (atomically) after an article that compiled new ones
# (save_compiled, from loaders.extract).

_RX_FORMAT = 1
_RX_MAX_SAVES = 4  # per process: patterns first compiled later only wait for the next run


class _PatternStore:
    def __init__(self) -> None:
        self.entries: dict | None = None
        self.compiled: dict[tuple[str, int], re.Pattern] = {}
        self.new = 0
        self.saves = 0
        self.path: Path | None = None
        self.fingerprint = ""

    def _fingerprint(self) -> str:
        h = hashlib.sha256(
            f"{_RX_FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}\0{_sre_mod.MAGIC}"
            f"\0{_sre_mod.CODESIZE}\0{_sre_mod.MAXREPEAT}\0{_sre_mod.MAXGROUPS}"
            f"\0{sys.maxunicode}".encode())
        for source in (_C.__file__, _sre.__file__, _sre_compiler.__file__, re.__file__,
                       sys.modules["re._casefix"].__file__, __file__):
            h.update(hashlib.sha256(Path(source).read_bytes()).digest())
        return h.hexdigest()

    def load(self) -> dict:
        if self.entries is not None:
            return self.entries
        self.entries = {}
        try:
            from loaders.text import cache_dir

            self.fingerprint = fingerprint = self._fingerprint()
            self.path = cache_dir() / f"patterns-{fingerprint[:24]}.marshal"
            blob = self.path.read_bytes()
        except (OSError, RuntimeError, TypeError, AttributeError, KeyError):
            return self.entries
        try:
            # A checksum over the entries: a damaged file is ignored, never half believed.
            head, digest, body = marshal.loads(blob)
            if head == fingerprint and hashlib.sha256(body).hexdigest() == digest:
                entries = marshal.loads(body)
                if isinstance(entries, dict):
                    self.entries = entries
        except Exception:  # noqa: BLE001 - whatever a damaged file makes marshal say
            pass
        return self.entries

    def get(self, key: tuple):
        return self.load().get(key)

    def put(self, key: tuple, value) -> None:
        self.load()[key] = value
        self.new += 1

    def save(self) -> None:
        if not self.new or self.path is None or self.saves >= _RX_MAX_SAVES:
            return
        from loaders.text import write_cache_file

        self.saves += 1
        self.new = 0
        try:
            body = marshal.dumps(self.entries)
            blob = marshal.dumps((self.fingerprint, hashlib.sha256(body).hexdigest(), body))
        except (ValueError, OSError):
            return
        if write_cache_file(self.path, blob):  # unwritable: compiled again next time
            _prune(self.path)


_RX_KEEP = 8  # files of other fingerprints (other checkouts, Pythons) kept beside this one


def _prune(path: Path) -> None:
    """Remove the oldest pattern files of other fingerprints, beyond _RX_KEEP."""
    try:
        others = sorted((p for p in path.parent.glob("patterns-*.marshal") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_RX_KEEP:]:
            old.unlink()
    except OSError:
        pass  # another process pruned it first, or the folder is not ours to tidy


_STORE = _PatternStore()


def compile_cached(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), the parser and compiler skipped when the code list of the
    pattern is in the cache file: the same Pattern (same code, flags and groups)."""
    flags = int(flags)
    if not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    done = _STORE.compiled.get((pattern, flags))
    if done is not None:
        return done
    key = ("re", pattern, flags)
    entry = _STORE.get(key)
    compiled = None
    if entry is not None:
        try:
            compiled = _sre_mod.compile(pattern, *entry)
        except Exception:  # noqa: BLE001 - an entry this Python cannot take: compile it anew
            compiled = None
    if compiled is None:
        # re._compiler.compile, keeping what it hands to _sre.compile.
        parsed = _sre.parse(pattern, flags)
        code = _sre_compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        # The op codes are int subclasses (named constants): plain ints to _sre and the file.
        entry = (flags | parsed.state.flags, list(map(int, code)), parsed.state.groups - 1,
                 dict(groupindex), tuple(indexgroup))
        compiled = _sre_mod.compile(pattern, *entry)
        _STORE.put(key, entry)
    _STORE.compiled[(pattern, flags)] = compiled
    return compiled


def _remembered(kind: str, pattern: str, flags: int, compute):
    """compute(), a pure function of (pattern, flags), through the cache file (kept there
    in a 1-tuple, so that a missing entry and a None result differ)."""
    key = (kind, pattern, int(flags))
    entry = _STORE.get(key)
    if entry is None:
        out = compute()
        _STORE.put(key, (out,))
        return out
    return entry[0]


def save_compiled() -> None:
    """Write the cache file again if patterns were compiled since it was read (cheap if not)."""
    if _STORE.new:
        _STORE.save()
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
    return compile_cached(pattern.pattern[2:], pattern.flags)


@cache
def _prefix_literals(pattern: re.Pattern) -> tuple[str, ...] | None:
    """Literals one of which every match starts with ("dich vu cong", "cong dvc", "nop " for
    \\b(dich vu cong|cong dvc|nop (ho so )?truc tuyen)\\b); None when a branch starts otherwise."""
    return _remembered("prefix_literals", pattern.pattern, pattern.flags,
                       lambda: _prefix_literals_of(pattern))


def _prefix_literals_of(pattern: re.Pattern) -> tuple[str, ...] | None:
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
    return _remembered("literals", pattern.pattern, pattern.flags, lambda: _literals_of(pattern))


def _literals_of(pattern: re.Pattern) -> tuple[str, ...] | None:
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
            rules.append(Rule(item["id"], group, compile_cached(item["pattern"], flags),
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


# --- pattern surgery for speed (each form matches exactly what the pattern matches) --------

def top_branches(pattern: str) -> list[str]:
    """The alternatives of a pattern at its top level, an enclosing group unwrapped:
    '(a|^b)|c' -> ['a', '^b', 'c']. A text matches the pattern iff it matches one of them."""
    parts = _split_bars(pattern)
    if len(parts) == 1:
        inner = _unwrap(pattern)
        if inner is not None:
            return top_branches(inner)
        return parts
    out: list[str] = []
    for part in parts:
        inner = _unwrap(part)
        out.extend(top_branches(inner) if inner is not None and len(_split_bars(inner)) > 1 else [part])
    return out


def _scan(pattern: str):
    """(index, char, depth) of each character outside escapes and character classes."""
    i, depth, n = 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i = j + 1
            continue
        if ch == "(":
            yield i, ch, depth
            depth += 1
        elif ch == ")":
            depth -= 1
            yield i, ch, depth
        else:
            yield i, ch, depth
        i += 1


def _split_bars(pattern: str) -> list[str]:
    cuts = [i for i, ch, depth in _scan(pattern) if ch == "|" and depth == 0]
    bounds = [-1, *cuts, len(pattern)]
    return [pattern[a + 1:b] for a, b in zip(bounds, bounds[1:])]


def _unwrap(pattern: str) -> str | None:
    """'(x)' or '(?:x)' -> 'x' when that group spans the whole pattern; else None."""
    if not pattern.startswith("(") or not pattern.endswith(")"):
        return None
    if pattern.startswith("(?") and not pattern.startswith("(?:"):
        return None
    for i, ch, depth in _scan(pattern):
        if ch == ")" and depth == 0:
            if i != len(pattern) - 1:
                return None
            break
    return pattern[3:-1] if pattern.startswith("(?:") else pattern[1:-1]


def by_first_letter(source: str) -> str:
    """'\\s(như|nhằm|để|đã|...)(?=...)' as '\\s(n(?:hư|hằm)|đ(?:ể|ã)|...)(?=...)': the regex
    engine tries the alternatives of a group one by one, so at each space it tries some 80
    words where, grouped by their first letter, it tries some 20 letters and the words of one.
    A match is found at the same places (only where one is, and its start, is read; its end
    and groups may differ). Any other shape of pattern is returned as it is."""
    if not source.startswith("\\s(") or "(?P=" in source or re.search(r"\\\d", source):
        return source
    close = next((i for i, ch, depth in _scan(source) if ch == ")" and depth == 0), None)
    if close is None:
        return source
    inner, suffix = source[3:close], source[close + 1:]
    if len(_split_bars(suffix)) > 1:
        return source  # an alternation outside the group: not the shape read here
    groups: dict[str, list[str]] = {}
    others: list[str] = []
    for alt in _split_bars(inner):
        if alt[:1].isalnum() and alt[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(alt[0], []).append(alt[1:])
        else:
            others.append(alt)  # a look-behind, a group or an escape first: as it is
    parts = [c + "(?:" + "|".join(rests) + ")" for c, rests in groups.items()]
    return "\\s(" + "|".join(parts + others) + ")" + suffix


def case_free(pattern: re.Pattern) -> re.Pattern:
    """The pattern without IGNORECASE when every cased letter in it is an ASCII lower-case one.
    On a text where loaders.text.plain() holds (folded text, nearly always), it matches exactly
    what the pattern matches, and the engine can skip ahead to possible first characters, which
    IGNORECASE prevents. Otherwise (or when there is no IGNORECASE) the pattern itself."""
    if not pattern.flags & re.IGNORECASE:
        return pattern
    if not _remembered("case_free", pattern.pattern, pattern.flags, lambda: _is_case_free(pattern)):
        return pattern
    return compile_cached(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def _is_case_free(pattern: re.Pattern) -> bool:
    try:
        items = _sre.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a pattern the private parser cannot read
        return False
    return _case_safe(list(items))


def _safe_char(code: int) -> bool:
    return 0x61 <= code <= 0x7A or not _sre_mod.unicode_iscased(code)


def _case_safe(items: list) -> bool:
    for op, av in items:
        if op in (_C.LITERAL, _C.NOT_LITERAL):
            if not _safe_char(av):
                return False
        elif op is _C.IN:
            for sub_op, sub_av in av:
                if sub_op is _C.LITERAL and not _safe_char(sub_av):
                    return False
                if sub_op is _C.RANGE and not all(map(_safe_char, range(sub_av[0], sub_av[1] + 1))):
                    return False
        elif op is _C.SUBPATTERN:
            if not _case_safe(list(av[-1])):
                return False
        elif op is _C.BRANCH:
            if not all(_case_safe(list(b)) for b in av[1]):
                return False
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            if not _case_safe(list(av[2])):
                return False
        elif op in (_C.ASSERT, _C.ASSERT_NOT):
            if not _case_safe(list(av[1])):
                return False
        elif op is _C.ATOMIC_GROUP:
            if not _case_safe(list(av)):
                return False
        elif op in (_C.GROUPREF, _C.GROUPREF_EXISTS):
            return False
    return True


def pure_literal(pattern: str, flags: int = 0) -> str | None:
    """The string a pattern matches when it is a plain literal ('amazingcounters'); else None."""
    return _remembered("pure_literal", pattern, flags, lambda: _pure_literal(pattern, flags))


def _pure_literal(pattern: str, flags: int) -> str | None:
    try:
        items = list(_sre.parse(pattern, flags))
    except Exception:  # noqa: BLE001
        return None
    if not items or any(op is not _C.LITERAL for op, _ in items):
        return None
    return "".join(chr(av) for _, av in items)


def required_marks(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Punctuation one of which every match contains ('|', '›', '»' or '>' for a menu bar);
    None when no such set is known. Uncased characters, so exact with or without IGNORECASE."""
    return _remembered("required_marks", pattern, flags, lambda: _required_marks(pattern, flags))


def _required_marks(pattern: str, flags: int) -> frozenset[str] | None:
    try:
        items = list(_sre.parse(pattern, flags))
    except Exception:  # noqa: BLE001
        return None
    return _marks(items)


def _is_mark(code: int) -> bool:
    ch = chr(code)
    return not (ch.isalnum() or ch.isspace() or ch == "_") and not _sre_mod.unicode_iscased(code)


def _marks(items: list) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for op, av in items:
        cand = None
        if op is _C.LITERAL and _is_mark(av):
            cand = frozenset(chr(av))
        elif op is _C.IN and all(o is _C.LITERAL and _is_mark(a) for o, a in av):
            cand = frozenset(chr(a) for _, a in av)
        elif op is _C.SUBPATTERN:
            cand = _marks(list(av[-1]))
        elif op is _C.BRANCH:
            alts = [_marks(list(b)) for b in av[1]]
            cand = frozenset().union(*alts) if all(alts) else None
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            cand = _marks(list(av[2]))
        if cand and (best is None or len(cand) < len(best)):
            best = cand
    return best


# re.IGNORECASE also pairs some letters beyond their case: i and dotless ı, s and long ſ, and
# several Greek and Cyrillic variants (re._casefix). Text or patterns with them are left alone.
from re import _casefix as _CF  # noqa: E402, PLC2701

_FIX_CHARS = frozenset(chr(c) for k, vs in _CF._EXTRA_CASES.items() for c in (k, *vs) if c > 0x7F)


def lowered(pattern: re.Pattern) -> re.Pattern | None:
    """A case-sensitive twin of an IGNORECASE pattern for lower-cased text: on
    loaders.text.lowered(text) it matches at exactly the spans where `pattern` matches `text`
    (group spans included; group strings come out lower-cased). The engine can then skip ahead
    to possible first characters, which IGNORECASE prevents. None when that cannot be promised
    (a back-reference, a range with capitals, a letter re pairs beyond its case)."""
    if not pattern.flags & re.IGNORECASE or "\\N" in pattern.pattern:
        return None
    source = _remembered("lowered", pattern.pattern, pattern.flags, lambda: _lowered_source(pattern))
    return None if source is None else compile_cached(source, pattern.flags & ~re.IGNORECASE)


def _lowered_source(pattern: re.Pattern) -> str | None:
    """The source of lowered(pattern), or None."""
    try:
        tree = _tree(_sre.parse(pattern.pattern, pattern.flags))
        if not _lowerable(tree):
            return None
        low = compile_cached(_lower_source(pattern.pattern), pattern.flags & ~re.IGNORECASE)
        low_tree = _tree(_sre.parse(low.pattern, low.flags))
    except Exception:  # noqa: BLE001 - a pattern the private parser cannot read
        return None
    if (low.groupindex != pattern.groupindex or low.groups != pattern.groups
            or _canonical(low_tree) != _canonical(_lower_tree(tree))):
        return None
    return low.pattern


def _lower_source(source: str) -> str:
    """Lower-case the literal characters of a pattern; escapes and group names as written."""
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            out.append(source[i:i + 2])
            i += 2
        elif source.startswith(("(?P<", "(?P="), i):
            j = source.index(">" if source[i + 3] == "<" else ")", i)
            out.append(source[i:j + 1])
            i = j + 1
        else:
            out.append(ch.lower())
            i += 1
    return "".join(out)


def _tree(items) -> list:
    """A parsed pattern as nested lists (comparable with ==)."""
    return [(op, _tree_arg(av)) for op, av in items]


def _canonical(tree: list) -> list:
    """Sets in one order and without repeats, a one-letter set as that letter ('[đđ]' = 'đ')."""
    out = []
    for op, av in tree:
        if op is _C.IN:
            items = tuple(sorted(set(av), key=lambda x: (int(x[0]), repr(x[1]))))
            if len(items) == 1 and items[0][0] is _C.LITERAL:
                op, av = items[0]
            else:
                av = items
        else:
            av = _canonical_arg(av)
        out.append((op, av))
    return out


def _canonical_arg(av):
    if isinstance(av, list):
        return _canonical(av)
    if isinstance(av, tuple):
        return tuple(_canonical_arg(a) for a in av)
    return av


def _tree_arg(av):
    if isinstance(av, _sre.SubPattern):
        return _tree(av)
    if isinstance(av, (list, tuple)):
        return tuple(_tree_arg(a) for a in av)
    return av


def _low_code(code: int) -> int:
    return ord(chr(code).lower())


def _low_range(bounds: tuple[int, int]) -> tuple[int, int]:
    """A range of capitals A-Z lowers to the same range of small letters."""
    lo, hi = bounds
    return (lo + 32, hi + 32) if 0x41 <= lo <= hi <= 0x5A else bounds


def _lower_tree(tree: list) -> list:
    out = []
    for op, av in tree:
        if op in (_C.LITERAL, _C.NOT_LITERAL):
            av = _low_code(av)
        elif op is _C.IN:
            av = tuple((o, _low_code(a) if o is _C.LITERAL else _low_range(a) if o is _C.RANGE else a)
                       for o, a in av)
        else:
            av = _lower_arg(av)
        out.append((op, av))
    return out


def _lower_arg(av):
    if isinstance(av, list):
        return _lower_tree(av)
    if isinstance(av, tuple):
        return tuple(_lower_arg(a) for a in av)
    return av


def _lowerable_char(code: int) -> bool:
    ch = chr(code)
    low = ch.lower()
    return len(low) == 1 and ch not in _FIX_CHARS and low not in _FIX_CHARS


def _lowerable(tree) -> bool:
    for op, av in tree:
        if op in (_C.GROUPREF, _C.GROUPREF_EXISTS):
            return False
        if op in (_C.LITERAL, _C.NOT_LITERAL) and not _lowerable_char(av):
            return False
        if op is _C.IN:
            for o, a in av:
                if o is _C.LITERAL and not _lowerable_char(a):
                    return False
                # A range of small (or uncased) letters stays; one of capitals A-Z lowers to
                # a-z, what IGNORECASE compares; any other range with capitals is refused.
                if o is _C.RANGE and not (0x41 <= a[0] <= a[1] <= 0x5A) and not all(
                        _lowerable_char(c) and chr(c).lower() == chr(c) for c in range(a[0], a[1] + 1)):
                    return False
            continue
        if not _lowerable_arg(av):
            return False
    return True


def _lowerable_arg(av) -> bool:
    if isinstance(av, list):
        return _lowerable(av)
    if isinstance(av, tuple):
        return all(_lowerable_arg(a) for a in av)
    return True


def prefix_literals(pattern: re.Pattern, limit: int = 64) -> tuple[str, ...] | None:
    """Literals one of which every match of `pattern` starts with, on a text the pattern's case
    rules leave alone (folded and plain): _prefix_literals, with small sets spelled out
    ('[45]g' -> '4g', '5g'). None when a branch can start otherwise or a literal is shorter
    than two characters."""
    return _remembered(f"prefix_literals/{int(limit)}", pattern.pattern, pattern.flags,
                       lambda: _prefix_literals_spelled(pattern, limit))


def _prefix_literals_spelled(pattern: re.Pattern, limit: int) -> tuple[str, ...] | None:
    try:
        items = list(_sre.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001
        return None
    out = _starts(items, limit)
    if not out or min(map(len, out)) < 2:
        return None
    return tuple(sorted(out))


def _starts(items: list, limit: int) -> set[str] | None:
    heads = {""}
    for op, av in items:
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT) and heads == {""}:
            continue  # \b, ^ or a look-around before the first letter: it consumes nothing
        if op is _C.LITERAL:
            heads = {h + chr(av) for h in heads}
            continue
        if op is _C.IN and all(o is _C.LITERAL for o, _ in av) and len(heads) * len(av) <= limit:
            heads = {h + chr(a) for h in heads for _, a in av}
            continue
        if heads != {""}:
            return heads
        if op is _C.SUBPATTERN:
            return _starts(list(av[-1]), limit)
        if op is _C.BRANCH:
            alts = [_starts(list(b), limit) for b in av[1]]
            return set().union(*alts) if all(alts) else None
        return None
    return heads if heads != {""} else None


try:  # Aho-Corasick: every occurrence of many strings in one pass over the text, in C
    import ahocorasick
except ImportError:  # pragma: no cover - requirements.txt has it; the regex pass below is exact too
    ahocorasick = None


class Literals:
    """Every occurrence of a set of strings in a text, in one pass: an Aho-Corasick automaton
    (pyahocorasick), about three times cheaper than the regex engine for a hundred strings.
    Without it, one regex pass: it finds the longest string starting at each position it
    stops at and skips past it; the strings that start inside a string found are read from a
    table made once, so none is missed.

    With word_starts=True, only the occurrences that start a word (after no letter, digit or
    underscore): what a pattern that opens with \\b can match. Then the pass stops at each
    character that is not part of a word and looks ahead for the strings, so it consumes
    nothing of them and needs the table only for strings that begin the same way."""

    def __init__(self, strings, word_starts: bool = False, index: WordIndex | None = None) -> None:
        """`index`: the WordIndex of the form of text searched, to share its pass."""
        self.strings = tuple(sorted(set(strings)))
        self.word_starts = word_starts
        self.index = index
        self.which = index.add(self.strings) if index is not None else None
        self.automaton = None
        if ahocorasick is not None and self.strings:
            automaton = ahocorasick.Automaton()
            for s in self.strings:
                automaton.add_word(s, (len(s) - 1, s))
            automaton.make_automaton()
            self.automaton = automaton
        if word_starts:
            assert all(s[0].isalnum() for s in self.strings)
        self._inner = None  # the regex pass and its table: made when first needed (no automaton)

    def _regex_pass(self) -> tuple:
        if self._inner is not None:
            return self._inner
        trie = trie_regex(list(self.strings))
        if self.word_starts:
            regex = compile_cached(r"\W(?=(" + trie + "))")
            first = compile_cached(trie)  # at the very start of the text
        else:
            regex, first = compile_cached(trie), None
        word_starts = self.word_starts
        inner: dict[str, list[tuple[int, str, bool]]] = {}
        for s in self.strings:
            rows = []
            for o in range(1 if word_starts else len(s)):
                for t in self.strings:
                    if (o, t) == (0, s):
                        continue
                    if s.startswith(t, o):
                        rows.append((o, t, True))       # wholly inside s: there for sure
                    elif t.startswith(s[o:]):
                        rows.append((o, t, False))      # runs past s: look
            inner[s] = rows
        self._inner = (regex, first, inner)
        return self._inner

    def find(self, text: str) -> list[tuple[int, str]]:
        """(position, string) of every occurrence, in no particular order."""
        out = []
        if self.index is not None and len(text) > 256:
            if not self.word_starts:
                return list(self.index.occurrences(text, self.which))
            for p, s in self.index.occurrences(text, self.which):
                if p and (text[p - 1].isalnum() or text[p - 1] == "_"):
                    continue  # not where a word starts
                out.append((p, s))
            return out
        if self.automaton is not None:
            word_starts = self.word_starts
            for end, (back, s) in self.automaton.iter(text):
                p = end - back
                if word_starts and p and (text[p - 1].isalnum() or text[p - 1] == "_"):
                    continue  # not where a word starts
                out.append((p, s))
            return out
        regex, first, inner = self._regex_pass()
        if self.word_starts:
            m = first.match(text)
            found = [(0, m.group())] if m else []
            found += [(m.start(1), m.group(1)) for m in regex.finditer(text)]
        else:
            found = [(m.start(), m.group()) for m in regex.finditer(text)]
        for p, s in found:
            out.append((p, s))
            for o, t, sure in inner[s]:
                if sure or text.startswith(t, p + o):
                    out.append((p + o, t))
        return out


class Scanner:
    """finditer/search of a pattern, faster on a plain folded text (loaders.text.plain): the
    case-sensitive form (case_free), and for a pattern that opens with \\\\b the rest of it
    searched first (the engine skips ahead to its first characters, which a leading \\\\b
    prevents), the whole pattern then tried where the rest matched."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.fast = case_free(pattern)
        self.rest = None
        if self.fast.pattern.startswith("\\b") and not self.fast.pattern.startswith("\\b|"):
            try:
                rest = compile_cached(self.fast.pattern[2:], self.fast.flags)
            except re.error:
                rest = None
            if rest is not None and rest.groups == self.fast.groups and rest.groupindex == self.fast.groupindex:
                self.rest = rest

    def finditer(self, text: str, is_plain: bool):
        if not is_plain:
            yield from self.pattern.finditer(text)
            return
        if self.rest is None:
            yield from self.fast.finditer(text)
            return
        full, rest = self.fast.match, self.rest.search
        pos = 0
        while True:
            r = rest(text, pos)
            if r is None:
                return
            m = full(text, r.start())
            if m is None:
                pos = r.start() + 1
                continue
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1

    def search(self, text: str, is_plain: bool) -> re.Match | None:
        return next(self.finditer(text, is_plain), None)


class WordIndex:
    """Where the words of several word lists occur in a text: one Aho-Corasick pass over the
    text for all the lists (instead of a str.find per word, or a regex pass per list), kept
    for the article like its other derived forms. One index per form of the text (folded,
    lower-cased), so that every stage reading that form shares the pass."""

    def __init__(self) -> None:
        self.lists: list[tuple[str, ...]] = []
        self.automaton = None
        self.cache: dict[str, list] = {}
        from loaders.text import register_cache

        register_cache(self.cache)

    def add(self, words: tuple[str, ...]) -> int:
        self.lists.append(tuple(words))
        self.automaton = None
        self.cache.clear()
        return len(self.lists) - 1

    def _build(self) -> None:
        owners: dict[str, list[int]] = {}
        for i, words in enumerate(self.lists):
            for w in words:
                owners.setdefault(w, []).append(i)
        automaton = ahocorasick.Automaton()
        for w, ids in owners.items():
            # A word of one list (nearly all) carries that list's number, not a tuple of them.
            automaton.add_word(w, (len(w) - 1, w, ids[0] if len(ids) == 1 else tuple(ids)))
        automaton.make_automaton()
        self.automaton = automaton

    def occurrences(self, text: str, which: int) -> list[tuple[int, str]]:
        """(start, word) of every occurrence of a word of list `which`, by end position."""
        found = self.cache.get(text)
        if found is None:
            if self.automaton is None:
                self._build()
            found = [[] for _ in self.lists]
            for end, (back, w, ids) in self.automaton.iter(text):
                if ids.__class__ is int:
                    found[ids].append((end - back, w))
                else:
                    for i in ids:
                        found[i].append((end - back, w))
            if len(self.cache) >= 64:
                del self.cache[next(iter(self.cache))]
            self.cache[text] = found
        return found[which]


FOLDED_WORDS = WordIndex() if ahocorasick is not None else None  # on fold(text)
LOWERED_WORDS = WordIndex() if ahocorasick is not None else None  # on loaders.text.lowered(text)


class LiteralStarts:
    """finditer/search for a case-sensitive pattern every match of which starts with one of a
    few literals (prefix_literals): str.find goes to each place one starts, at a fraction of
    what the regex engine spends stepping through every character that could start a match,
    and the pattern is tried there. Where no short list of literals is known, the pattern's
    own finditer."""

    def __init__(self, pattern: re.Pattern, most: int = 48, words: tuple[str, ...] | None = None,
                 index: WordIndex | None = None) -> None:
        """`words`, when given: strings one of which every match starts with (the words a
        trie-shaped pattern was built from). `index`: the WordIndex of the form of text the
        pattern is run on, to find the words in an article along with other lists."""
        self.pattern = pattern
        if words is None and not pattern.flags & re.IGNORECASE:
            words = prefix_literals(pattern)
        if words is not None and len(words) > most:
            words = None
        # A literal that starts with another finds nothing the other does not.
        self.words = None if words is None else tuple(
            w for w in words if not any(o != w and w.startswith(o) for o in words))
        self.index = index if self.words is not None else None
        self.which = index.add(self.words) if self.index is not None else None

    def starts(self, text: str) -> list[int]:
        if self.index is not None and len(text) > 256:
            return sorted({p for p, _ in self.index.occurrences(text, self.which)})
        found: set[int] = set()
        for w in self.words:
            i = text.find(w)
            while i != -1:
                found.add(i)
                i = text.find(w, i + 1)
        return sorted(found)

    def finditer(self, text: str):
        if self.words is None:
            yield from self.pattern.finditer(text)
            return
        match = self.pattern.match
        end = 0
        for p in self.starts(text):
            if p < end:
                continue
            m = match(text, p)
            if m:
                yield m
                end = m.end() if m.end() > p else p + 1

"""Quantitative facts: a number with what it counts ("23.600 hồ sơ", "45,6%", "22 ngàn thuê bao")."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from loaders.hits import Hit
from loaders.rules import case_free, compile_cached, lowered, table, top_branches, words
from loaders.text import digit_runs, fold, memo, plain
from loaders.text import lowered as lowered_text

_W = r"[^\W\d_]+"  # one word of letters (Vietnamese included), no digits
# Starts at the digit, so the regex engine can skip ahead to digits; what may stand before a
# number ("hơn", "khoảng") and what may not (a "/" or a letter) is checked after.
_QUALIFIER = compile_cached(r"(hơn|trên|gần|khoảng|xấp xỉ|tới|đến)\s+$", re.I)
# The first digit is written outside the alternation ("\d{1,3}(...)|\d+(...)" as
# "\d(?:\d{0,2}(...)|\d*(...))"): the same matches, and the engine can then skip to digits
# instead of trying the pattern at every position.
_NUMBER = compile_cached(
    r"(?P<num>\d(?:\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?))(?:\s*/\s*(?P<of>\d{1,4}))?(?![.,]\d|[\w/])"
    r"(?P<rest>\s*%|\s+phần\s+trăm|(?:\s+(?:ngàn|nghìn|triệu|tỷ|tỉ))?(?:\s+" + _W + r"){1,3})?",
    re.I)
_NUM, _OF, _REST = (_NUMBER.groupindex[g] for g in ("num", "of", "rest"))
_MULT = {"ngàn": 1e3, "nghìn": 1e3}  # "22 ngàn thuê bao" = 22000; "3,5 tỷ đồng" stays in tỷ
_QUALIFIER_LOW = lowered(_QUALIFIER)
_MULTIPLIER = compile_cached(r"\s+(ngàn|nghìn|triệu|tỷ|tỉ)\b", re.I)
_BARE_YEAR = compile_cached(r"(19|20)\d{2}")
_GROUPED = compile_cached(r"\d{1,3}(\.\d{3})+(,\d+)?")
_LABEL_TAIL = r"\s*[:.]?\s*$"


class _Before:
    """A rule of words that must end just before the number (label_before: "mức độ 3",
    "Cụm thi đua số 2"), tested on the folded words before it. The pattern is an alternation
    of words, each maybe with a look-behind or a \\b, then _LABEL_TAIL: a match can only end
    where that tail starts, so the test is "ends with one of the words" there, and the regex
    runs only for a word found (and on every text that is not plain)."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.fast = case_free(pattern)
        self.words: tuple[tuple[str, re.Pattern], ...] = ()
        src = pattern.pattern
        if self.fast is pattern or not (src.startswith("(") and src.endswith(")" + _LABEL_TAIL)):
            return
        alternatives = top_branches(src[:-len(_LABEL_TAIL)])
        if "(" + "|".join(alternatives) + ")" + _LABEL_TAIL != src:
            return
        out = []
        for alt in alternatives:
            word = _literal_tail(alt)
            if word is None:
                return
            out.append((word, compile_cached(alt, self.fast.flags)))
        self.words = tuple(out)
        # By last two letters (every word has two): a word can end at q only if they are
        # before[q - 2:q].
        self.by_last: dict[str, tuple[tuple[str, re.Pattern], ...]] = {}
        if any(len(w) < 2 for w, _ in out):
            self.words = ()
            return
        for w, alt in out:
            self.by_last[w[-2:]] = (*self.by_last.get(w[-2:], ()), (w, alt))

    def search(self, before: str, is_plain: bool) -> bool:
        if not is_plain or not self.words:
            return self.pattern.search(before) is not None
        q = len(before.rstrip())
        if q and before[q - 1] in ":.":
            q = len(before[:q - 1].rstrip())
        if not q:
            return False
        for w, alt in self.by_last.get(before[q - 2:q] if q > 1 else "", ()):
            if before.endswith(w, 0, q) and alt.match(before, q - len(w), q):
                return True
        return False


def _literal_tail(alternative: str) -> str | None:
    """'(?<!tong )\\bso' -> 'so': the letters an alternative matches after its zero-width
    checks; None for anything else."""
    from re import _constants as C  # noqa: PLC2701
    from re import _parser as P

    items = list(P.parse(alternative))
    i = 0
    while i < len(items) and items[i][0] in (C.ASSERT_NOT, C.ASSERT, C.AT):
        if items[i][0] in (C.ASSERT_NOT, C.ASSERT) and items[i][1][0] != -1:
            return None  # a look-ahead would look past the word
        i += 1
    rest = items[i:]
    if not rest or any(op is not C.LITERAL for op, _ in rest):
        return None
    word = "".join(chr(av) for _, av in rest)
    return word if not word[-1].isspace() and word[-1] not in ":." else None


@cache
def _label_before() -> _Before:
    return _Before(table("numbers")["label_before"][0].pattern)


@cache
def _rank_before() -> tuple[re.Pattern, re.Pattern]:
    pattern = table("numbers")["rank_before"][0].pattern
    return pattern, case_free(pattern)


# Compared lower-cased but with accents: folded, "sơ" (hồ sơ) would be the function word "so".
@cache
def _stop_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("numbers", "unit_stop"))


@cache
def _not_units() -> frozenset[str]:
    return frozenset(w.lower() for w in words("numbers", "not_unit"))


def parse_number(text: str) -> float | None:
    """Vietnamese number formats: "23.600" = 23600, "45,6" = 45.6, "1.082.300" = 1082300."""
    t = text.strip()
    if _GROUPED.fullmatch(t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _unit(rest: str, stop_words: frozenset[str] | None = None) -> str | None:
    """The counted noun: the words after the number up to a function word ("và", "của"...)."""
    rest = rest.strip()
    if rest == "%" or rest.lower() == "phần trăm":
        return "%"
    stop_words = _stop_words() if stop_words is None else stop_words
    out = []
    for w in rest.split():
        if w.lower() in stop_words:
            break
        out.append(w)
    return " ".join(out) or None


@memo()
def _counted(rest: str) -> tuple[str, str | None] | None:
    """(unit, multiplier word or None) of the words after a number, None when they count
    nothing: a function of those few words, which articles repeat ("hồ sơ", "%")."""
    mult_m = _MULTIPLIER.match(rest)
    mult = mult_m.group(1).lower() if mult_m else None
    unit = _unit(rest[mult_m.end():] if mult and mult in _MULT else rest, _stop_words())
    if not unit or unit.split()[0].lower() in _not_units():
        return None
    return unit, mult


@memo()
def _number_of(num: str) -> float | None:
    return parse_number(num)


def find_numbers(text: str, exclude: list[tuple[int, int]]) -> list[Hit]:
    """Quantities with a unit; value = dict(text, value, unit). Not dates, years, ordinals,
    labels ("mức độ 3", "giai đoạn 1", "Cụm thi đua số 2") or durations ("gần 5 tháng")."""
    label_before = _label_before()
    hits = []
    folded = fold(text)
    is_plain = plain(folded)
    rank_before = _rank_before()[1 if is_plain else 0]
    low = lowered_text(text)
    qualifier, qual_text = (_QUALIFIER_LOW, low) if low is not None and _QUALIFIER_LOW else (_QUALIFIER, text)
    spans = sorted(exclude)
    starts = [a for a, _ in spans]
    num_g, of_g, rest_g = _NUM, _OF, _REST  # group numbers: cheaper than names
    for m in _number_matches(text):
        s = m.start(num_g)
        if s and (text[s - 1].isalnum() or text[s - 1] in "/.,:-–_"):
            continue
        i = bisect_right(starts, s) - 1
        if i >= 0 and _inside(s, spans, i):
            continue  # inside a date or a document number
        before = folded[max(0, s - 24): s]
        of = m.group(of_g)
        if of and rank_before.search(before):
            # "xếp thứ 51/63": a rank among the 63 provinces.
            value = parse_number(m.group(num_g))
            hits.append(Hit({"text": text[s:m.end(of_g)], "value": value,
                             "unit": f"thứ hạng/{of}"}, s, m.end(of_g), "number.rank"))
            continue
        if label_before.search(before, is_plain):
            continue
        rest = m.group(rest_g) or ""
        if "\n" in rest:
            rest = rest[:rest.index("\n")]  # the counted words stay on the number's line ("7\nSáng")
        counted = _counted(rest)
        if counted is None:
            continue
        unit, mult = counted
        num = m.group(num_g)
        value = _number_of(num)
        if value is None:
            continue
        if unit != "%" and not of and _BARE_YEAR.fullmatch(num):
            continue  # a year written bare ("2025 là năm ...")
        if mult in _MULT:
            value *= _MULT[mult]
        end = m.start(rest_g) + len(rest.rstrip()) if unit == "%" else _unit_end(text, m, unit)
        q = qualifier.search(qual_text, max(0, s - 12), s)
        start = q.start() if q else s
        hits.append(Hit({"text": text[start:end], "value": value, "unit": unit}, start, end,
                        "number.ratio" if of else "number.unit"))
    return hits


def _number_matches(text: str):
    """_NUMBER.finditer(text). Every match starts with a digit, so the pattern is tried only
    at the digits, read off the runs of digits the dates and the legal references need too
    (text.digit_runs, cached), in order and past the end of the previous match, as finditer
    would: the regex engine's own scan for a digit tests every character of the text."""
    match = _NUMBER.match
    end = 0
    starts, ends = digit_runs(text)
    for a, b in zip(starts, ends, strict=True):
        p = a if a >= end else end
        while p < b:
            m = match(text, p)
            if m is None:
                p += 1  # a match can start further into the run ("1234.567" at "234")
                continue
            yield m
            end = p = m.end()  # past p: a match holds at least its first digit


def _inside(s: int, spans: list[tuple[int, int]], i: int) -> bool:
    """any(a <= s < b for a, b in spans[max(0, i - 3): i + 1]), without a generator."""
    for j in range(max(0, i - 3), i + 1):
        a, b = spans[j]
        if a <= s < b:
            return True
    return False


def _unit_end(text: str, m: re.Match, unit: str) -> int:
    i = text.find(unit, m.end(_NUM))
    return i + len(unit) if i != -1 else m.end()

"""Quantitative facts: a number with what it counts ("23.600 hồ sơ", "45,6%", "22 ngàn thuê bao")."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from loaders.hits import Hit
from loaders.rules import table, words
from loaders.text import fold

_W = r"[^\W\d_]+"  # one word of letters (Vietnamese included), no digits
# Starts at the digit, so the regex engine can skip ahead to digits; what may stand before a
# number ("hơn", "khoảng") and what may not (a "/" or a letter) is checked after.
_QUALIFIER = re.compile(r"(hơn|trên|gần|khoảng|xấp xỉ|tới|đến)\s+$", re.I)
_NUMBER = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*/\s*(?P<of>\d{1,4}))?(?![.,]\d|[\w/])"
    r"(?P<rest>\s*%|\s+phần\s+trăm|(?:\s+(?:ngàn|nghìn|triệu|tỷ|tỉ))?(?:\s+" + _W + r"){1,3})?",
    re.I)
_MULT = {"ngàn": 1e3, "nghìn": 1e3}  # "22 ngàn thuê bao" = 22000; "3,5 tỷ đồng" stays in tỷ


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
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def _unit(rest: str) -> str | None:
    """The counted noun: the words after the number up to a function word ("và", "của"...)."""
    rest = rest.strip()
    if rest == "%" or rest.lower() == "phần trăm":
        return "%"
    out = []
    for w in rest.split():
        if w.lower() in _stop_words():
            break
        out.append(w)
    return " ".join(out) or None


def find_numbers(text: str, exclude: list[tuple[int, int]]) -> list[Hit]:
    """Quantities with a unit; value = dict(text, value, unit). Not dates, years, ordinals,
    labels ("mức độ 3", "giai đoạn 1", "Cụm thi đua số 2") or durations ("gần 5 tháng")."""
    rules = table("numbers")
    label_before = rules["label_before"][0].pattern
    rank_before = rules["rank_before"][0].pattern
    hits = []
    folded = fold(text)
    spans = sorted(exclude)
    starts = [a for a, _ in spans]
    for m in _NUMBER.finditer(text):
        s = m.start("num")
        if s and (text[s - 1].isalnum() or text[s - 1] in "/.,:-–_"):
            continue
        i = bisect_right(starts, s) - 1
        if i >= 0 and any(a <= s < b for a, b in spans[max(0, i - 3): i + 1]):
            continue  # inside a date or a document number
        before = folded[max(0, s - 24): s]
        if m.group("of") and rank_before.search(before):
            # "xếp thứ 51/63": a rank among the 63 provinces.
            value = parse_number(m.group("num"))
            hits.append(Hit({"text": text[s:m.end("of")], "value": value,
                             "unit": f"thứ hạng/{m.group('of')}"}, s, m.end("of"), "number.rank"))
            continue
        if label_before.search(before):
            continue
        rest = m.group("rest") or ""
        mult_m = re.match(r"\s+(ngàn|nghìn|triệu|tỷ|tỉ)\b", rest, re.I)
        mult = mult_m.group(1).lower() if mult_m else None
        unit = _unit(rest[mult_m.end():] if mult and mult in _MULT else rest)
        if not unit or unit.split()[0].lower() in _not_units():
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        if unit != "%" and not m.group("of") and re.fullmatch(r"(19|20)\d{2}", m.group("num")):
            continue  # a year written bare ("2025 là năm ...")
        if mult in _MULT:
            value *= _MULT[mult]
        end = m.start("rest") + len(rest.rstrip()) if unit == "%" else _unit_end(text, m, unit)
        q = _QUALIFIER.search(text, max(0, s - 12), s)
        start = q.start() if q else s
        hits.append(Hit({"text": text[start:end], "value": value, "unit": unit}, start, end,
                        "number.ratio" if m.group("of") else "number.unit"))
    return hits


def _unit_end(text: str, m: re.Match, unit: str) -> int:
    i = text.find(unit, m.end("num"))
    return i + len(unit) if i != -1 else m.end()

"""Is the article a meeting report, of which kind, and which reporting period it reviews."""
from __future__ import annotations

import re
from functools import cache

from loaders.hits import Hit
from loaders.rules import Scanner, compile_cached, table
from loaders.text import fold, plain, register_cache

_CONCLUSION_NOTICE = compile_cached(r"thong bao ket luan[^\n]{0,120}(hop|giao ban|lam viec|hoi nghi)")


def classify(title: str | None, text: str, title_end: int = 0) -> Hit:
    """value = meeting type code, or "not_meeting". `text` is the whole stored text; the lead
    is read after the headline, the document header (national motto) anywhere near the top."""
    title_f = fold(title or "")
    text_f = fold(text)  # the whole article, folded once for every stage (one char per char)
    lead_f = text_f[title_end:title_end + 700]
    head_f = text_f[:1500]
    rules = table("meeting")
    for rule in rules["not_meeting"]:
        if rule.data.get("where") == "text":
            if rule.search(head_f) and not _CONCLUSION_NOTICE.search(head_f):
                return Hit("not_meeting", 0, 0, rule.id, "text")
            continue
        if rule.search(title_f):
            # A title such as "Kỷ niệm ..." can still head a meeting's report only if
            # the lead says a meeting was held and chaired.
            if not _NOT_MEETING_CUE.search(lead_f[:300]):
                return Hit("not_meeting", 0, 0, rule.id, "title")
    for source, folded in (("title", title_f), ("text", lead_f)):
        for rule in rules["type"]:
            m = rule.search(folded)
            if m:
                start, end = (m.start(), m.end()) if source == "text" else (0, 0)
                return Hit(rule.data["meeting_type"], start, end, rule.id, source)
    if not rules["meeting_cue"][0].search(lead_f):
        return Hit("not_meeting", 0, 0, "type.not.no_cue", "text")
    return Hit("hoi_nghi_khac", 0, 0, "type.default_gathering", "text")


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORD_NUM = {"sau": 6, "chin": 9, "muoi": 10}
_DATE_MONTH = compile_cached(r"ngay\s+\d{1,2}\s*$")
_NOT_MEETING_CUE = compile_cached(r"(chu tri|giao ban|hop)")


@cache
def _period_scanners() -> tuple[Scanner, tuple]:
    rules = table("meeting")
    return Scanner(rules["next_period"][0].pattern), tuple((r, Scanner(r.pattern)) for r in rules["period"])


def find_period(title: str | None, lead: str, year_hint: int | None,
                meeting_type: str | None) -> Hit | None:
    """The reporting period a briefing or review covers: from the title, else the lead.

    Only a period the meeting reviews counts, not the one it plans ("triển khai nhiệm vụ
    tháng 11"); a named span of months ("9 tháng đầu năm") wins over the year inside it.
    """
    for source, text in (("title", title or ""), ("text", lead)):
        hit = _period_in(fold(text), year_hint, meeting_type, source == "title")
        if hit:
            hit.source = source
            return hit
    return None


# The period matches of a text (before their values, which depend on the year): extraction
# reads the title and the lead once without a year and, when that finds none, with one.
_MATCHES: dict[tuple, list] = {}
register_cache(_MATCHES)


def _period_matches(folded: str, meeting_type: str | None, is_title: bool) -> list:
    """(rule, match) of each period mention, in the order _period_in reads them."""
    k = (folded, meeting_type, is_title)
    out = _MATCHES.get(k)
    if out is not None:
        return out
    is_plain = plain(folded)
    nxt, periods = _period_scanners()
    out = []
    for rule, scanner in periods:
        if rule.data.get("only_title") and not (is_title and meeting_type in rule.data["types"]):
            continue
        for m in scanner.finditer(folded, is_plain):
            before = folded[max(0, m.start() - 40): m.start()]
            if nxt.search(before, is_plain) or _DATE_MONTH.search(before):
                continue  # the period to come, or the month of a date ("ngày 19 tháng 10")
            out.append((rule, m))
    if len(_MATCHES) >= 64:
        del _MATCHES[next(iter(_MATCHES))]
    _MATCHES[k] = out
    return out


def _period_in(folded: str, year_hint: int | None, meeting_type: str | None,
               is_title: bool) -> Hit | None:
    found: list[tuple[int, int, str, str]] = []
    for rule, m in _period_matches(folded, meeting_type, is_title):
        value = _value(rule.data["kind"], m, year_hint, meeting_type)
        if value:
            found.append((m.start(), m.end(), value, rule.id))
    # Drop matches inside a longer one ("năm 2020" inside "9 tháng đầu năm 2020").
    found = [f for f in found if not any(o is not f and o[0] <= f[0] and f[1] <= o[1]
                                         and (o[1] - o[0]) > (f[1] - f[0]) for o in found)]
    if not found:
        return None
    start, end, value, rule = min(found)
    return Hit(value, start, end, rule)


def _value(kind: str, m: re.Match, year_hint: int | None, meeting_type: str | None) -> str | None:
    y = m.groupdict().get("y")
    year = int(y) if y else year_hint
    if year is None:
        return None
    if kind == "months":
        raw = m.group("n")
        n = _WORD_NUM.get(raw) or int(raw)
        if n == 6:
            return f"{year}-H1"
        if n == 12:
            return str(year)
        return f"{year}-{n}M" if 1 < n < 12 else None
    if kind == "quarter":
        q = m.group("q")
        return f"{year}-Q{_ROMAN.get(q) or int(q)}"
    if kind == "month":
        n = int(m.group("m"))
        return f"{year}-{n:02d}" if 1 <= n <= 12 else None
    if kind == "year" and y:
        return str(year)
    return None

"""Dates: publication stamps, the meeting date with its year resolved, reporting periods, deadlines."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from loaders.hits import Hit
from loaders.text import fold

_SEP = r"\s*[/\-.]\s*"
# d/m/Y, d-m-Y, d.m.Y, and d/m without a year ("21/9", "26-5").
_NUMERIC = re.compile(
    rf"(?<![\d/])(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}|\d{{2}}(?![\d])))?(?![\d/])"
)
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)
_AMPM = re.compile(r"\b[AP]M\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def all_dates(text: str) -> list[Hit]:
    """Every calendar date in the text; value = (year|None, month, day)."""
    hits: list[Hit] = []
    for m in _WORDS.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), m.group(3)
        if 1 <= mo <= 12 and 1 <= d <= 31:
            hits.append(Hit((int(y) if y else None, mo, d), m.start(), m.end(), "date.words"))
    taken = [(h.start, h.end) for h in hits]
    for m in _NUMERIC.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        before = text[max(0, m.start() - 12): m.start()].lower()
        after = text[m.end(): m.end() + 6]
        # Street names ("đường 27/4", "Quốc lộ 1A"), "24/7" service hours, ratios ("8/8 huyện",
        # "9/63 về chỉ số") and document numbers ("Quyết định 43/2008/QĐ") are not dates.
        if re.search(r"(đường|phố|lộ|tuyến|số|hẻm|ngõ|kiệt)\s*$", before) or after.startswith("/"):
            continue
        if (a, b) == (24, 7) or re.match(r"\s*(huyện|xã|tỉnh|sở|đơn vị|cơ quan|về|trạm)", after, re.I):
            continue
        year = None
        if y:
            year = int(y) if len(y) == 4 else 2000 + int(y)
        day, month, rule = a, b, "date.dmy"
        if _AMPM.search(text[m.end(): m.end() + 16]) and a <= 12 < b:
            day, month, rule = b, a, "date.mdy_ampm"
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        if year is None and not re.search(r"(ngày|sáng|chiều|tối|trưa|hôm|nay|qua|trước|đến|từ|\()\s*$",
                                          before, re.I):
            continue  # a bare "3/4" is more often a ratio than a date
        if year is not None and not _valid(year, month, day):
            continue
        hits.append(Hit((year, month, day), m.start(), m.end(), rule))
    hits.sort(key=lambda h: h.start)
    return hits


def iso(value: tuple) -> str | None:
    y, m, d = value
    if y is None:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


_STAMP_LINE = re.compile(
    r"^\s*\(?\s*((ngày\s+)?(đăng|cập nhật|ngày đăng|ngày cập nhật|xuất bản|đăng ngày)?\s*(ngày)?\s*:?\s*)?"
    r"[\d/\-. :]+(\s*[AP]M)?\s*\)?\s*(-\s*\d{1,2}:\d{2})?\s*$",
    re.I,
)


def publication_date(text: str, title: str | None, meta_published: str | None) -> Hit | None:
    """The stamp a page gives its article: metadata, or a date line just under the title."""
    if meta_published:
        m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", meta_published)
        if m:
            return Hit(f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}",
                       0, 0, "pub.meta", "meta")
        for h in all_dates(meta_published):
            if h.value[0]:
                return Hit(iso(h.value), 0, 0, "pub.meta", "meta")
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines[:6]):
        stamp = _STAMP_LINE.match(line) or re.search(r"\((\d{1,2}/\d{1,2}/\d{4}[^)]*)\)\s*$", line)
        if stamp:
            for h in all_dates(line):
                if h.value[0]:
                    return Hit(iso(h.value), pos + h.start, pos + h.end, "pub.stamp_line")
        if re.match(r"^\s*(ngày đăng|cập nhật|đăng ngày|ngày cập nhật)\b", line, re.I):
            for h in all_dates(line):
                if h.value[0]:
                    return Hit(iso(h.value), pos + h.start, pos + h.end, "pub.labelled")
        pos += len(line) + 1
    return None


_PERIOD_PATTERNS = [
    ("period.first_months", re.compile(r"(\d{1,2})\s+tháng\s+(đầu\s+)?năm(\s+(\d{4}))?", re.I)),
    ("period.half", re.compile(r"(6 tháng|sáu tháng)(\s+đầu\s+năm|\s+đầu)?(\s+(\d{4}))?", re.I)),
    ("period.quarter", re.compile(r"quý\s+(I{1,3}|IV|[1-4])(\s*(?:/|năm)\s*(\d{4}))?", re.I)),
    ("period.month", re.compile(r"tháng\s+(\d{1,2})(\s*(?:/|năm)\s*(\d{4}))?", re.I)),
    ("period.year", re.compile(r"(tổng kết|công tác|năm)\s+(?:năm\s+)?(\d{4})", re.I)),
]


def find_period(title: str | None, lead: str, year_hint: int | None, meeting_type: str | None) -> Hit | None:
    """The reporting period a briefing or review covers, from the title, else the lead."""
    for source, text in (("title", title or ""), ("text", lead)):
        hit = _period_in(text, year_hint, meeting_type)
        if hit:
            hit.source = source
            return hit
    return None


def _period_in(text: str, year_hint: int | None, meeting_type: str | None) -> Hit | None:
    best: Hit | None = None
    for rule, pat in _PERIOD_PATTERNS:
        for m in pat.finditer(text):
            value = _period_value(rule, m, year_hint, meeting_type)
            if value:
                hit = Hit(value, m.start(), m.end(), rule)
                if rule == "period.year" and best is not None:
                    continue
                if best is None or (hit.start < best.start and best.rule != "period.first_months"
                                    and rule != "period.year"):
                    best = hit
                break
        if best and rule in ("period.first_months", "period.half") and best.rule == rule:
            return best
    return best


def _period_value(rule: str, m: re.Match, year_hint: int | None, meeting_type: str | None) -> str | None:
    groups = [g for g in m.groups()]
    year = None
    for g in reversed(groups):
        if g and re.fullmatch(r"\d{4}", g):
            year = int(g)
            break
    year = year or year_hint
    if year is None:
        return None
    if rule == "period.first_months":
        n = int(m.group(1))
        if n == 6:
            return f"{year}-H1"
        if 1 < n < 12 and (m.group(2) or m.group(3)):
            return f"{year}-{n}M"
        return None
    if rule == "period.half":
        return f"{year}-H1"
    if rule == "period.quarter":
        q = m.group(1).lower()
        q = _ROMAN.get(q, None) or int(q)
        return f"{year}-Q{q}"
    if rule == "period.month":
        n = int(m.group(1))
        if 1 <= n <= 12:
            return f"{year}-{n:02d}"
        return None
    if rule == "period.year":
        if meeting_type in ("so_ket_tong_ket", "giao_ban") and m.group(1).lower() in ("tổng kết", "công tác", "năm"):
            return str(year)
    return None


def year_context(title: str | None, text: str) -> int | None:
    """A year the article is about, from the title or the reporting period ("tháng cuối năm 2020")."""
    for chunk in (title or "", text[:1500]):
        m = re.search(r"(?:năm|/)\s*(20\d{2}|19\d{2})\b", chunk)
        if m:
            return int(m.group(1))
    return None


def resolve_year(month: int, day: int, context_year: int | None, pub: str | None) -> tuple[int | None, str]:
    """Year for a day and month given without one: the article's own year, else the stamp's."""
    if context_year:
        return context_year, "year.context"
    if pub:
        py, pm = int(pub[:4]), int(pub[5:7])
        # A meeting reported in January about "21/12" happened the previous December.
        return (py - 1 if month > pm + 1 else py), "year.publication"
    return None, "year.unknown"


_DEADLINE = re.compile(
    r"(trước|chậm nhất|hạn chót|hoàn thành trong|xong trong|trong)\s+(ngày\s+)?"
    r"(\d{1,2}\s*[/\-.]\s*\d{1,2}(?:\s*[/\-.]\s*\d{4})?|tháng\s+\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?|"
    r"quý\s+(?:I{1,3}|IV|[1-4])(?:\s*(?:/|năm)\s*\d{4})?|(?:kỳ họp\s+)?cuối năm\s+\d{4}|năm\s+\d{4}|"
    r"6 tháng đầu năm(?:\s+\d{4})?)",
    re.I,
)


def find_deadlines(text: str, meeting: tuple[int, int, int] | None, meeting_year: int | None) -> list[Hit]:
    """Time limits set in the meeting, resolved to the last day (or month, or year) they allow."""
    out = []
    for m in _DEADLINE.finditer(text):
        word, expr = m.group(1).lower(), m.group(3)
        if word == "trong" and not re.match(r"(quý|tháng|kỳ họp|cuối năm)", expr, re.I):
            continue
        due = _resolve_due(expr, meeting, meeting_year)
        if due:
            out.append(Hit(due, m.start(), m.end(), f"deadline.{fold(word).replace(' ', '_')}",
                           extra={"text": m.group(0)}))
    return out


def _resolve_due(expr: str, meeting: tuple | None, meeting_year: int | None) -> str | None:
    e = expr.lower()
    y = re.search(r"(\d{4})\s*$", e)
    year = int(y.group(1)) if y else meeting_year
    m = re.match(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})", e)
    if m:
        d, mo = int(m.group(1)), int(m.group(2))
        if not y and meeting and meeting[0] and (mo, d) < (meeting[1], meeting[2]):
            year = (year or meeting[0]) + 1  # "trước 15/1" set in December means next January
        if year and 1 <= mo <= 12 and _valid(year, mo, d):
            return f"{year:04d}-{mo:02d}-{d:02d}"
        return None
    if year is None:
        return None
    m = re.match(r"tháng\s+(\d{1,2})", e)
    if m and 1 <= int(m.group(1)) <= 12:
        mo = int(m.group(1))
        if not y and meeting and meeting[0] and mo < meeting[1]:
            year += 1
        return f"{year:04d}-{mo:02d}"
    m = re.match(r"quý\s+(i{1,3}|iv|[1-4])", e)
    if m:
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        last = 3 * q
        return f"{year:04d}-{last:02d}-{calendar.monthrange(year, last)[1]:02d}"
    if "6 tháng" in e:
        return f"{year:04d}-06-30"
    return f"{year:04d}"


def due_last_day(due: str) -> dt.date | None:
    parts = due.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
        return dt.date(int(parts[0]), 12, 31)
    except ValueError:
        return None

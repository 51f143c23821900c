"""Dates: every calendar date in a text, publication stamps, the meeting date with its year."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from loaders.clean import is_stamp_line
from loaders.hits import Hit
from loaders.rules import (
    LOWERED_WORDS,
    LiteralStarts,
    _split_bars,
    _unwrap,
    compile_cached,
    lowered,
    pure_literal,
)
from loaders.text import digit_runs, fold
from loaders.text import lowered as lowered_text

_SEP = r"\s*[/\-.]\s*"
# d/m/Y, d-m-Y, d.m.Y, and d/m without a year ("21/9", "26-5", "30.12"); a first day before
# it makes a multi-day event ("24 và 25/5/2023", "5-6/10", "24 - 25/5").
_NUMERIC = compile_cached(
    rf"(?<![\d/.,])(?:(?P<first>\d{{1,2}})\s*(?:-|–|và|đến|tới)\s*(?:ngày\s+)?)?"
    rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}})(?:{_SEP}(?P<y>\d{{4}}|\d{{2}}(?!\d)))?(?![\d/]|[.,]\d)"
)
_WORDS = compile_cached(
    r"ngày\s+(?:(?P<first>\d{1,2})\s*(?:-|–|và|đến)\s*)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"(?:\s*(?:năm|/)\s*(?P<y>\d{4}))?", re.I)
_AMPM = compile_cached(r"^\s*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*)?(AM|PM|SA|CH)\b", re.I)
# Words that let a bare day/month ("21/9") be a date: "Ngày 21/9", "Sáng 30.12", "(14/1)",
# "Thứ Hai, 12/3", "hôm 12/3". Without one, "3/4" is more often a ratio.
_BARE_CUE = compile_cached(
    r"(ngày|sáng|chiều|tối|trưa|đêm|hôm|nay|qua|trước|đến|từ|vào|mùng|thứ\s+\S+,?|chủ nhật,?|\()\s*$",
    re.I)
# Words that make a day of "24/7" ("Ngày 24/7", "Sáng 24/7"), which is otherwise "round the clock".
_DAY_CUE = compile_cached(r"(ngày|sáng|chiều|tối|trưa|đêm|hôm|mùng)\s*$", re.I)
# Street names ("đường 27/4"), numbers ("số 12/3"), and ranks are not dates.
_NOT_DATE_BEFORE = compile_cached(r"(đường|phố|lộ|tuyến|số|hẻm|ngõ|kiệt|ấp|khu phố|tổ|thứ hạng|hạng|xếp thứ|đứng thứ)\s*$",
                              re.I)
_NOT_DATE_AFTER = compile_cached(r"\s*(huyện|xã|tỉnh|sở|đơn vị|cơ quan|về|trạm|chỉ tiêu|thôn|bon|ấp|trường|"
                             r"nhiệm vụ|phường|thị|điểm|dân|hộ|người|máy|thuê bao)", re.I)


# Lower-case twins of the IGNORECASE patterns above (rules.lowered), for lowered(text).
_WORDS_LOW = lowered(_WORDS)
_AMPM_LOW = lowered(_AMPM)
_BARE_CUE_LOW = lowered(_BARE_CUE)
_NOT_DATE_BEFORE_LOW = lowered(_NOT_DATE_BEFORE)
_NOT_DATE_AFTER_LOW = lowered(_NOT_DATE_AFTER)


def _word_list(pattern: re.Pattern | None, head: str, tail: str) -> tuple[str, ...] | None:
    """The words of a case-sensitive pattern HEAD(word|word|...)TAIL whose alternatives are
    plain words (no white space at either end); None for any other pattern."""
    if pattern is None or pattern.flags & re.IGNORECASE:
        return None
    src = pattern.pattern
    if not (src.startswith(head + "(") and src.endswith(")" + tail)):
        return None
    inner = src[len(head) + 1:len(src) - len(tail) - 1]
    if _unwrap("(" + inner + ")") is None:
        return None  # the first "(" does not close at the end
    words = tuple(pure_literal(a) for a in _split_bars(inner))
    if not words or any(not w or w[0].isspace() or w[-1].isspace() for w in words):
        return None
    return words


# "(words)\s*$" searched in the characters before a date matches iff they end, white space
# taken off, with one of the words; "\s*(words)" matched after it, iff they start so: a str
# method instead of the regex engine trying the words at every position (same \s: str.isspace).
_NOT_DATE_BEFORE_WORDS = _word_list(_NOT_DATE_BEFORE_LOW, "", r"\s*$")
_NOT_DATE_AFTER_WORDS = _word_list(_NOT_DATE_AFTER_LOW, r"\s*", "")
# _NUMERIC starts where a run of digits starts (its look-behind refuses a digit before it) and
# ends where one ends; it is tried at the start of each short run (text.digit_runs) instead of
# at every position.


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def _year(y: str | None) -> int | None:
    if not y:
        return None
    return int(y) if len(y) == 4 else 2000 + int(y)


def all_dates(text: str) -> list[Hit]:
    """Every calendar date in the text; value = (year|None, month, day).

    A multi-day span ("24 và 25/5/2023") gives its first day; extra["last_day"] keeps the other.
    """
    return list(_all_dates(text))


def _all_dates(text: str) -> tuple[Hit, ...]:
    return _date_scan(text)[0]


@lru_cache(maxsize=64)
def _date_scan(text: str) -> tuple[tuple[Hit, ...], tuple[tuple[int, int], ...]]:
    """The dates of a text, and the span of every date match tried (kept or not: what
    _candidates_before needs to know).
    Cached: the meeting date, the deadlines and the numbers all need the dates of one text."""
    hits: list[Hit] = []
    spans: list[tuple[int, int]] = []
    low = lowered_text(text)
    if low is not None and _WORDS_LOW is not None:
        words = _WORDS_LOW.finditer(low) if "ngày" in low else ()
    else:
        words = _WORDS.finditer(text)
    for m in words:  # groups are digits: the same in the lower-cased text
        spans.append(m.span())
        d, mo, y = int(m.group("d")), int(m.group("m")), _year(m.group("y"))
        first = int(m.group("first")) if m.group("first") else None
        if first and first < d:
            d = first
        if 1 <= mo <= 12 and 1 <= d <= 31 and (y is None or _valid(y, mo, d)):
            hits.append(Hit((y, mo, d), m.start(), m.end(), "date.words"))
    taken = [(h.start, h.end) for h in hits]
    for m in _numeric_matches(text):
        spans.append(m.span())
        if any(s <= m.start("d") < e for s, e in taken):
            continue
        hit = _numeric_hit(text, m, low)
        if hit:
            hits.append(hit)
    hits.sort(key=lambda h: h.start)
    return tuple(hits), tuple(spans)


def _numeric_matches(text: str):
    """_NUMERIC.finditer(text)."""
    end = 0
    match = _NUMERIC.match
    starts, ends = digit_runs(text)
    # A match opens with one or two digits and then no digit (a day, or the first of two days).
    for p, q in zip(starts, ends):
        if q - p > 2 or p < end or (p and text[p - 1] in "/.,"):
            continue
        m = match(text, p)
        if m:
            yield m
            end = m.end()


def _numeric_hit(text: str, m: re.Match, low: str | None = None) -> Hit | None:
    a, b, year = int(m.group("d")), int(m.group("m")), _year(m.group("y"))
    start = m.start("first") if m.group("first") else m.start("d")
    lowered_ok = low is not None and _NOT_DATE_AFTER_LOW is not None and _NOT_DATE_BEFORE_LOW is not None \
        and _AMPM_LOW is not None and _BARE_CUE_LOW is not None
    src = low if lowered_ok else text
    before = src[max(0, start - 14): start]
    after = src[m.end(): m.end() + 16]
    not_before, not_after, ampm_re, bare_cue = (
        (_NOT_DATE_BEFORE_LOW, _NOT_DATE_AFTER_LOW, _AMPM_LOW, _BARE_CUE_LOW) if lowered_ok
        else (_NOT_DATE_BEFORE, _NOT_DATE_AFTER, _AMPM, _BARE_CUE))
    if lowered_ok and _NOT_DATE_BEFORE_WORDS is not None:
        not_a_date = before.rstrip().endswith(_NOT_DATE_BEFORE_WORDS)
    else:
        not_a_date = not_before.search(before) is not None
    if not_a_date or (a, b) == (24, 7) and year is None and not _DAY_CUE.search(before):
        return None  # "đường 27/4", "số 12/3", "24/7" service hours (but "Ngày 24/7, Sở ...")
    if year is None and (after.lstrip().startswith(_NOT_DATE_AFTER_WORDS)
                         if lowered_ok and _NOT_DATE_AFTER_WORDS is not None else not_after.match(after)):
        return None  # "8/8 huyện", "9/63 về chỉ số"
    day, month, rule = a, b, "date.dmy"
    ampm = ampm_re.match(after)
    if ampm and ampm.group(1).upper() in ("AM", "PM") and a <= 12 < b:
        day, month, rule = b, a, "date.mdy_ampm"  # "6/19/2019 4:45:53 PM"
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is None and not bare_cue.search(before):
        return None
    if year is not None and not _valid(year, month, day):
        return None
    extra = {}
    if m.group("first"):
        first = int(m.group("first"))
        if not first < day:
            return None  # "8 - 10/2020" is not a span of days
        extra["last_day"], day = day, first
        rule += "+span"
    if ampm:
        extra["ampm"] = True
    return Hit((year, month, day), start, m.end(), rule, extra=extra)


def iso(value: tuple) -> str | None:
    y, m, d = value
    if y is None:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def to_date(value: tuple) -> dt.date | None:
    y, m, d = value
    if y is None or not _valid(y, m, d):
        return None
    return dt.date(y, m, d)


# --- publication stamps ----------------------------------------------------------------

_LABELLED = compile_cached(r"^\s*[\[(]?\s*(ngày đăng|đăng ngày|ngày cập nhật|cập nhật|ngày xuất bản|xuất bản|"
                       r"thời gian đăng|đăng lúc|đăng)\b", re.I)
_TITLE_STAMP = compile_cached(r"\((\d{1,2}/\d{1,2}/\d{4}[^)]{0,20})\)\s*$")


def publication_date(text: str, title: str | None, meta_published: str | None,
                     head_lines: int = 8) -> Hit | None:
    """The stamp a page gives its article: metadata, a date line near the headline, or a
    labelled stamp ("Ngày đăng: ...") anywhere in the body. Site-wide date banners and the
    dates of older headlines are in the removed chrome, not here."""
    if meta_published:
        hit = _from_meta(meta_published)
        if hit:
            return hit
    lines = text.split("\n")
    pos = 0
    found: list[tuple[str, int, str]] = []
    for i, line in enumerate(lines):
        near_top = i < head_lines
        if near_top and is_stamp_line(line):
            found.append((line, pos, "pub.stamp_line"))
        elif near_top and _TITLE_STAMP.search(line):
            found.append((line, pos, "pub.title_stamp"))
        elif len(line) < 80 and _LABELLED.match(line):  # the length first: cheaper
            found.append((line, pos, "pub.labelled"))
        pos += len(line) + 1
        if found and near_top:
            break
    for line, offset, rule in found:
        for h in all_dates(line):
            if h.value[0] is None:
                continue
            value = _resolve_us(line, h, text, offset)
            return Hit(iso(value), offset + h.start, offset + h.end, rule + h.rule[4:],
                       extra={"ymd": value})
    return None


def _from_meta(meta: str) -> Hit | None:
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", meta)
    if m and _valid(int(m.group(1)), int(m.group(2)), int(m.group(3))):
        ymd = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return Hit(iso(ymd), 0, 0, "pub.meta", "meta", extra={"ymd": ymd})
    for h in all_dates(meta):
        if h.value[0]:
            return Hit(iso(h.value), 0, 0, "pub.meta", "meta", extra={"ymd": h.value})
    return None


def _resolve_us(line: str, h: Hit, text: str, offset: int = 0) -> tuple:
    """'03/12/2018 10:10 AM' could be either order. ASP.NET portals print m/d/Y with seconds
    and without zero padding ('6/19/2019 4:45:53 PM', the en-US default); a zero-padded stamp
    is a format written for the site, day first ('03/12/2018 10:10 AM' is 3 December). When a
    stamp is still ambiguous, take the reading closest after the article's first other date
    (a date without a year taking the stamp's)."""
    y, m, d = h.value
    if h.rule.startswith("date.mdy") or not h.extra.get("ampm") or d > 12 or m > 12:
        return h.value
    raw = line[h.start: h.end]
    if re.match(r"0\d|\d{1,2}\s*/\s*0\d", raw):
        return h.value  # zero-padded: day first
    seconds = bool(re.search(r"\d:\d{2}:\d{2}", line[h.end: h.end + 14]))
    swapped = (y, d, m)
    if seconds:
        return swapped
    stamp = (offset + h.start, offset + h.end)
    first = next((x for x in all_dates(text[:1500])
                  if not stamp[0] <= x.start < stamp[1] and _valid(x.value[0] or y, x.value[1], x.value[2])),
                 None)
    if first and _valid(*swapped):
        ref = to_date((first.value[0] or y, first.value[1], first.value[2]))
        a, b = to_date(h.value), to_date(swapped)
        if ref and a and b:
            da, db = (a - ref).days, (b - ref).days
            if 0 <= db < (da if da >= 0 else 10**6):
                return swapped
    return h.value


# --- relative dates --------------------------------------------------------------------

_RELATIVE = compile_cached(r"\b(sáng|chiều|tối|trưa|hôm|ngày)\s+(nay|qua|hôm qua)\b", re.I)


def relative_date(text: str, pub: tuple | None) -> Hit | None:
    """'Sáng nay, ...' / 'Hôm qua, ...' with no date written: counted from the stamp."""
    if not pub or pub[0] is None:
        return None
    m = _RELATIVE.search(text[:800])
    if not m:
        return None
    base = to_date(pub)
    if base is None:
        return None
    day = base - dt.timedelta(days=1) if "qua" in m.group(2).lower() else base
    return Hit((day.year, day.month, day.day), m.start(), m.end(), "date.relative")


# --- the meeting's own date ------------------------------------------------------------

# A date that belongs to something else: a document ("Thông tư số 81/2017/TT-BTC ngày
# 09/8/2017", "Quyết định ... ngày"), a start or status date ("từ ngày 01/7/2025", "đến ngày
# 09/9/2024"), a deadline ("trước ngày 30/6") or a scheduled event ("dự kiến vào ngày").
_OTHER_DATE_BEFORE = compile_cached(
    r"((/[A-ZĐ][A-ZĐa-z\-]*|-[A-ZĐ]{2,}\b[A-ZĐ/\-]*|\bsố\s+\d+\w*)\s*,?\s*|của\s+\S+\s+|ban hành\s+|ký\s+|"
    r"\b(từ|đến|trước|sau|chậm nhất|hạn chót|dự kiến|dự kiến vào|kể từ|tính đến|đến hết)\s+)(ngày\s*)?$",
    re.I)
_OTHER_DATE_BEFORE_LOW = lowered(_OTHER_DATE_BEFORE)
_FROM_BEFORE = compile_cached(r"từ\s+(ngày\s*)?$", re.I)


_UNTIL = compile_cached(r"\s*(?:đến|tới|-|–)\s*(?:ngày\s*)?(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?(?![\d/])",
                    re.I)


def _span_start(h: Hit, until: re.Match) -> Hit:
    """The first day of "từ ngày D/M đến ngày D/M/Y", its year read from the last day's."""
    y, m, d = h.value
    last = (int(until.group(2)), int(until.group(1)))
    if y is None and until.group(3):
        y = int(until.group(3)) - (1 if (m, d) > last else 0)
    return Hit((y, m, d), h.start, h.end, h.rule + "+span", extra={**h.extra, "last_day": last[1]})


def meeting_candidates(text: str, skip: tuple[int, int] | None = None) -> list[Hit]:
    """Dates in the body that can be the meeting's: not a stamp, a document's, a deadline."""
    low = lowered_text(text) if _OTHER_DATE_BEFORE_LOW is not None else None
    return _candidates(text, all_dates(text), low, skip, len(text))


_AFTER_LOOK = 16  # _numeric_hit reads this many characters after a date


def _candidates_before(text: str, cut: int, skip: tuple[int, int] | None) -> list[Hit]:
    """meeting_candidates(text[:cut], skip), read where it can be off the dates of the whole
    text (which the numbers need anyway) instead of finding the dates of the cut text anew.

    That is where the cut is at a line break and no date match of the whole text that starts
    before the cut runs past it or ends within _AFTER_LOOK characters of it (_numeric_hit
    looks that far after a date): a match that ends before the cut is then found the same in
    the cut text, and no other (the look-aheads at the cut see a line break where the cut
    text ends: both pass; digit runs end at the line break), with the same look around it.
    The text must lower-case (so both read the same lower-cased form, which then starts with
    the cut text's); a date range read past the cut (_UNTIL) falls back to the cut text."""
    if cut >= len(text):
        return meeting_candidates(text, skip)
    low = lowered_text(text)
    if text[cut] == "\n" and low is not None:
        hits, spans = _date_scan(text)
        if not any(a < cut and b > cut - _AFTER_LOOK - 1 for a, b in spans):
            out = _candidates(text, [h for h in hits if h.start < cut],
                              low if _OTHER_DATE_BEFORE_LOW is not None else None, skip, cut)
            if out is not None:
                return out
    return meeting_candidates(text[:cut], skip)


def _candidates(text: str, hits, low: str | None, skip: tuple[int, int] | None,
                cut: int) -> list[Hit] | None:
    """meeting_candidates on text[:cut], given its dates (and its lower-cased form, or one that
    starts with it); None when a date range runs past the cut."""
    out = []
    for h in hits:
        if skip and skip[0] - 2 <= h.start <= skip[1] + 2 and "\n" not in text[skip[1]:h.start]:
            continue  # the stamp itself; a date that opens the next line is the lead's
        # What stands before the date on its own line: "QĐ-UBND ngày" cites a document, but the
        # "-TT" that ends a headline above does not make the lead's "Ngày 9/1/2018" one.
        line_start = text.rfind("\n", 0, h.start) + 1
        a = max(line_start, h.start - 48)
        before = text[a:h.start]
        if low is not None:  # the same slice, lower-cased (a slice: \b at its start as before)
            other = _OTHER_DATE_BEFORE_LOW.search(low[a:h.start])
        else:
            other = _OTHER_DATE_BEFORE.search(before)
        if other and not ("+span" in h.rule and _FROM_BEFORE.search(before)):
            until = _UNTIL.match(text, h.end) if _FROM_BEFORE.search(before) else None
            if until is None:
                continue
            if until.end() > cut:
                return None
            # "Từ ngày 28/2 đến ngày 1/3/2017": an event over several days opens on the first.
            h = _span_start(h, until)
        line_end = text.find("\n", h.start)
        line = text[line_start: line_end if line_end != -1 else len(text)]
        if is_stamp_line(line):
            continue
        out.append(h)
    return out


def meeting_date(text: str, title_end: int, pub: Hit | None, period: str | None,
                 context_year: int | None) -> Hit | None:
    """The first date of the lead that is the meeting's, with its year resolved.

    A date with no year takes it from the stamp (the report follows the meeting by days),
    else from the reporting period (a briefing sits at the end of the period it reviews), else
    from the year the title or lead names.
    """
    skip = (pub.start, pub.end) if pub and pub.source == "text" else None
    lead_end = _lead_end(text, title_end)
    candidates = [h for h in _candidates_before(text, lead_end, skip) if h.start >= title_end]
    pub_ymd = pub.extra.get("ymd") if pub else None
    if not candidates and title_end:
        # "Giao ban ngày 12/3/2019": a headline can carry the date the lead leaves out.
        candidates = [h for h in _candidates_before(text, title_end, skip) if h.value[0]]
    if not candidates:
        rel = relative_date(text[title_end:lead_end], pub_ymd)
        if rel is None:
            return None
        y, m, d = rel.value
        return Hit(iso(rel.value), title_end + rel.start, title_end + rel.end, rel.rule,
                   extra={"ymd": rel.value})
    h = candidates[0]
    y, m, d = h.value
    rule = h.rule
    if y is None:
        y, how = resolve_year(m, d, pub_ymd, period, context_year)
        rule = f"{h.rule}+{how}"
        if y is None or not _valid(y, m, d):
            return None
    return Hit(iso((y, m, d)), h.start, h.end, rule, extra={"ymd": (y, m, d)})


def _lead_end(text: str, title_end: int) -> int:
    """The end of the first two paragraphs after the title: the meeting's date is told there."""
    pos, n = title_end, 0
    while n < 2:
        nxt = text.find("\n", pos + 1)
        if nxt == -1:
            return len(text)
        if nxt - pos > 100:
            n += 1
        pos = nxt
    return pos


def period_end(period: str) -> dt.date | None:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q([1-4])|-H1|-(\d{1,2})M)?", period)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(2):
        month = int(m.group(2))
    elif m.group(3):
        month = 3 * int(m.group(3))
    elif period.endswith("H1"):
        month = 6
    elif m.group(4):
        month = int(m.group(4))
    else:
        month = 12
    return _month_end(y, month)


def _month_end(y: int, m: int) -> dt.date:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def resolve_year(month: int, day: int, pub: tuple | None, period: str | None,
                 context_year: int | None) -> tuple[int | None, str]:
    """Year for a day and month written without one."""
    if pub and pub[0]:
        py = pub[0]
        try:
            later = dt.date(py, month, day) > dt.date(*pub) + dt.timedelta(days=1)
        except ValueError:
            later = False
        # A meeting reported in January about "21/12" happened the previous December.
        return (py - 1 if later else py), "year.publication"
    end = period_end(period) if period else None
    if end:
        best = None
        for y in (end.year - 1, end.year, end.year + 1):
            if not _valid(y, month, day):
                continue
            gap = (dt.date(y, month, day) - end).days
            cost = -1.5 * gap if gap < 0 else gap  # briefings sit just after their period
            if best is None or cost < best[0]:
                best = (cost, y)
        if best:
            return best[1], "year.period"
    if context_year:
        return context_year, "year.context"
    return None, "year.unknown"


_HORIZON = compile_cached(r"(đến|tới|tầm nhìn|định hướng|giai đoạn|-|–|trước|sau|từ)\s*(năm\s*)?$", re.I)


def _bare_years(text: str):
    """(start, year) of each match of (?<![\\d/.,])(19\\d{2}|20\\d{2})(?![\\d/]) in the text, read
    off its runs of digits (text.digit_runs) instead of a regex tried at every position: a
    match is a run of exactly four digits that opens with "19" or "20", after no "/", "." or
    ",", before no "/"."""
    starts, ends = digit_runs(text)
    for p, q in zip(starts, ends, strict=True):
        if q - p == 4 and text[p:p + 2] in ("19", "20") and not (p and text[p - 1] in "/.,") \
                and text[q:q + 1] != "/":
            yield p, int(text[p:q])


def year_context(title: str | None, lead: str, text: str = "") -> int | None:
    """The year the article is about: the title's, else the lead's ("tháng cuối năm 2020"),
    else the year the body names most often, leaving out horizons ("đến năm 2025")."""
    for chunk in (title or "", lead):
        m = re.search(r"(?:năm|/)\s*(20\d{2}|19\d{2})\b", chunk)
        if m:
            return int(m.group(1))
    counts: dict[int, int] = {}
    for start, y in _bare_years(text):
        if _HORIZON.search(text[max(0, start - 20): start]):
            continue
        counts[y] = counts.get(y, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


# --- deadlines -------------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_Q = r"quý\s+(?:IV|I{1,3}|[1-4])"
_YEAR_TAIL = r"(?:\s*(?:/|năm)\s*\d{4})?"
_DEADLINE = compile_cached(
    r"(?P<cue>trước|chậm nhất(?: là)?|hạn chót(?: là)?|hoàn thành trong|xong trong|trong|đến hết|"
    r"trong thời hạn đến)\s+(?:ngày\s+)?"
    rf"(?P<expr>\d{{1,2}}\s*[/\-.]\s*\d{{1,2}}(?:\s*[/\-.]\s*\d{{4}})?(?![\d/])|tháng\s+\d{{1,2}}{_YEAR_TAIL}|"
    rf"{_Q}{_YEAR_TAIL}|(?:kỳ họp\s+)?cuối năm\s+\d{{4}}|năm\s+\d{{4}}|"
    r"(?:6|sáu) tháng (?:đầu|cuối) năm(?:\s+\d{4})?|"
    r"Tết(?: Nguyên [đĐ]án)?(?: (?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý) (?:Tý|Sửu|Dần|Mão|Thìn|Tỵ|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi))?)",
    re.I,
)
# "Trong quý I, Sở đã ..." opens a sentence about the past; "dự kiến hoàn thành trong tháng 9"
# is the department's own projection ("phấn đấu khởi công trong quý II" is still a limit);
# "đến năm 2025" a strategic horizon (not matched at all).
# "Theo báo cáo, trong tháng 6, ..." cites the report: its "báo cáo" sets no task.
_DIRECTIVE = compile_cached(r"(hoàn thành|xong|phải|yêu cầu|đề nghị|giao|chỉ đạo|khẩn trương|tập trung|"
                        r"tổ chức|triển khai|đưa vào|khởi công|trình|(?<!theo )báo cáo|tham mưu|cần)[^.;\n]*$", re.I)
# A task word anywhere in the sentence (its list of tasks runs on over semicolons).
_DIRECTIVE_WORD = compile_cached(_DIRECTIVE.pattern.removesuffix("[^.;\\n]*$"), re.I)
_PROJECTION = compile_cached(r"dự kiến[^.;\n]{0,40}$", re.I)
_DEADLINE_LOW = lowered(_DEADLINE)
_DEADLINE_SCAN = LiteralStarts(_DEADLINE_LOW, index=LOWERED_WORDS) if _DEADLINE_LOW is not None else None


def find_deadlines(text: str, meeting: tuple[int, int, int] | None, meeting_year: int | None) -> list[Hit]:
    """Time limits set in the meeting, resolved per the corpus README: a day as written, a
    month "YYYY-MM", a quarter or half-year its last day, a year "YYYY"; a date with no year
    takes the meeting's, rolling into the next year when it would fall before the meeting."""
    out = []
    low = lowered_text(text)
    found = _DEADLINE_SCAN.finditer(low) if low is not None and _DEADLINE_SCAN else _DEADLINE.finditer(text)
    for m in found:
        # As written (the lower-cased match has the same spans).
        cue, expr = text[m.start("cue"):m.end("cue")].lower(), text[m.start("expr"):m.end("expr")]
        before = text[max(0, m.start() - 60): m.start()]
        after = text[m.end(): m.end() + 2]
        if cue in ("trong", "đến hết") and re.match(r"\d", expr):
            continue  # "trong 15/20 xã" is a ratio
        if cue == "trong" and after.startswith(",") and not _DIRECTIVE.search(before[-45:]):
            continue  # "Trong quý I, Sở đã ...", "theo báo cáo, trong tháng 6, ..." frame a report
        if _PROJECTION.search(before):
            continue
        if cue == "trong" and _reported(_clause_before(text, m.start())):
            continue  # "Sở đã trao Giấy khen cho ... thành tích xuất sắc trong năm 2025"
        if (cue == "trong" and not re.search(r"\d{4}", expr) and meeting and meeting[0]
                and not _DIRECTIVE_WORD.search(_sentence_before(text, m.start()))
                and _before_meeting(_resolve_due(expr, None, meeting[0]) or "", meeting)):
            # "trong tháng 11" at a December briefing, with no task verb before it, reports the
            # past; "hoàn thành trong quý I" set in December is next year's limit.
            continue
        due = _resolve_due(expr, meeting, meeting_year)
        if not due:
            continue
        if re.search(r"\d{4}", expr) and meeting and meeting[0] and _before_meeting(due, meeting):
            continue  # a dated limit already past when the meeting was held is a report
        rule = "deadline." + re.sub(r"\W+", "_", fold(cue))
        out.append(Hit(due, m.start(), m.end(), rule, extra={"text": text[m.start():m.end()]}))
    return out


_PAST = compile_cached(r"(?<!\w)đã(?!\w)", re.I)


def _reported(clause: str) -> bool:
    """A clause told in the past ("Sở đã ...") with no task set after its "đã"."""
    last = None
    for last in _PAST.finditer(clause):  # noqa: B007 - the last "đã" is the one wanted
        pass
    return last is not None and not _DIRECTIVE.search(clause, last.end())


def _sentence_before(text: str, pos: int) -> str:
    """The sentence up to pos: a chair's list of tasks runs on over semicolons ("yêu cầu các
    phòng ...; bảo đảm kỹ thuật ... trong quý I")."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), pos - 400)
    return text[start + 1: pos]


def _clause_before(text: str, pos: int) -> str:
    start = max(text.rfind(".", 0, pos), text.rfind(";", 0, pos), text.rfind("\n", 0, pos), pos - 120)
    return text[start + 1: pos]


def _before_meeting(due: str, meeting: tuple[int, int, int]) -> bool:
    last = due_last_day(due) if due else None
    return bool(last and last < dt.date(*meeting))


def _roll(year: int, month: int, day: int, meeting: tuple | None) -> int:
    if meeting and meeting[0] and (month, day) < (meeting[1], meeting[2]) and year == meeting[0]:
        return year + 1  # "trước 15/1" set in December means next January
    return year


def _resolve_due(expr: str, meeting: tuple | None, meeting_year: int | None) -> str | None:
    e = expr.lower()
    y = re.search(r"(\d{4})\s*$", e)
    year = int(y.group(1)) if y else meeting_year
    if year is None:
        return None
    m = re.match(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})", e)
    if m:
        d, mo = int(m.group(1)), int(m.group(2))
        if not y:
            year = _roll(year, mo, d, meeting)
        return f"{year:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and _valid(year, mo, d) else None
    m = re.match(r"tháng\s+(\d{1,2})", e)
    if m:
        mo = int(m.group(1))
        if not 1 <= mo <= 12:
            return None
        if not y:
            year = _roll(year, mo, 31, meeting) if meeting and mo < meeting[1] else year
        return f"{year:04d}-{mo:02d}"
    m = re.match(r"quý\s+(iv|i{1,3}|[1-4])", e)
    if m:
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        if not y and meeting and meeting[0] and 3 * q < meeting[1]:
            year += 1
        return _month_end(year, 3 * q).isoformat()
    if re.match(r"(6|sáu) tháng đầu", e):
        return f"{year:04d}-06-30"
    if re.match(r"(6|sáu) tháng cuối", e):
        return f"{year:04d}-12-31"
    if e.startswith("tết"):
        return _tet_eve(e, meeting, meeting_year)
    return f"{year:04d}"


# Lunar New Year (Tết Nguyên đán) in Vietnam (UTC+7), from the Vietnamese lunar calendar.
# No maintained package in the project ships it; only the years our articles span.
_TET = {2008: (2, 7), 2009: (1, 26), 2010: (2, 14), 2011: (2, 3), 2012: (1, 23), 2013: (2, 10),
        2014: (1, 31), 2015: (2, 19), 2016: (2, 8), 2017: (1, 28), 2018: (2, 16), 2019: (2, 5),
        2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
        2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3)}
_STEMS = "canh tân nhâm quý giáp ất bính đinh mậu kỷ".split()
_BRANCHES = "thân dậu tuất hợi tý sửu dần mão thìn tỵ ngọ mùi".split()


def _tet_eve(expr: str, meeting: tuple | None, meeting_year: int | None) -> str | None:
    """'trước Tết Nguyên đán Tân Sửu' -> the eve of Tết of the year Tân Sửu (2021-02-11)."""
    words = expr.split()
    year = None
    if len(words) >= 2 and words[-2] in _STEMS and words[-1] in _BRANCHES:
        stem, branch = _STEMS.index(words[-2]), _BRANCHES.index(words[-1])
        base = meeting[0] if meeting and meeting[0] else meeting_year
        if base:
            year = next((y for y in range(base - 1, base + 3) if y % 10 == stem and y % 12 == branch), None)
    elif meeting and meeting[0]:
        # The next Tết after the meeting.
        year = meeting[0] if (meeting[1], meeting[2]) < _TET.get(meeting[0], (2, 1)) else meeting[0] + 1
    if year not in _TET:
        return None
    eve = dt.date(year, *_TET[year]) - dt.timedelta(days=1)
    return eve.isoformat()


def due_last_day(due: str) -> dt.date | None:
    parts = due.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            return _month_end(int(parts[0]), int(parts[1]))
        return dt.date(int(parts[0]), 12, 31)
    except ValueError:
        return None

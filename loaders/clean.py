"""Cleaning: NFC, page furniture and older-headline lists removed, repeated paragraphs collapsed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from loaders.rules import place_remainder_ok, table
from loaders.text import LOWER, UPPER, fold, nfc, squash_spaces

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BYLINE_PREFIX = re.compile(
    r"^\s*(tác giả|tin,? ảnh|tin và ảnh|bài,? ảnh|bài và ảnh|nguồn|theo|phóng viên|pv|ctv)\s*:?\s*", re.I)
_U, _L = re.escape(UPPER), re.escape(LOWER)
_NAME_WORD = rf"(?:[{_U}][{_L}]+|[{_U}]'[{_U}{_L}]+|[{_U}]\.)"
_BYLINE = re.compile(
    rf"^(?:{_NAME_WORD}\s?){{1,4}}(\s*[-–]\s*(?:{_NAME_WORD}\s?){{1,4}})?(\s*[-–(,]\s*[^.;]{{2,60}}\)?)?$"
)
# A photo caption: "Ảnh: ...", "[Ảnh: ...]", "(Ảnh minh họa)", or a sentence closed by a photo
# credit ("... phát biểu tại buổi làm việc. Ảnh: T.H").
_CAPTION = re.compile(
    r"^\s*[\[(]?\s*ảnh( minh h[oọ]a| minh hoạ)?\s*:|\((ảnh|ảnh minh họa|ảnh minh hoạ)\b[^)]*\)\s*$|"
    r"[.)]\s*ảnh\s*:\s*[^.]{1,30}\]?\s*$",
    re.I,
)
# Inline starts of an older-headline list that HTML pages glue onto the last paragraph.
_INLINE_TAIL = re.compile(r"(Các tin (cũ hơn|khác|đã đưa)|Tin đã đưa|Tin liên quan|Tin cùng chuyên mục)\s*:")

# A publication stamp: label, weekday, date, time, view counter, nothing else.
_STAMP_PIECES = re.compile(
    r"(ngay dang|dang ngay|ngay cap nhat|cap nhat( luc| ngay)?|ngay xuat ban|xuat ban( luc)?|"
    r"thoi gian( dang)?|dang luc|dang|posted( on)?|published|updated|ngay|luc|vao luc|"
    r"thu (hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|\bt[2-7]\b|\bcn\b|"
    r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2} thang \d{1,2} nam \d{4}|"
    r"\d{1,2}\s*(:|h)\s*\d{2}(\s*:\s*\d{2})?(\s*(am|pm|sa|ch)\b)?|gmt\s*[+-]\s*\d{1,2}(:?00)?|"
    r"(luot xem|luot doc|so lan xem|so lan doc|luot truy cap|xem)\s*:?\s*[\d.,]+)"
)
_STAMP_DATE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2} thang \d{1,2} nam \d{4}")
_STAMP_REST = re.compile(r"^[\s|,:;\-–()\[\]/.]*$")
_TITLE_STAMP = re.compile(r"\s*\((\d{1,2}/\d{1,2}/\d{4}[^)]*)\)\s*$")


def is_stamp_line(line: str) -> bool:
    """'Cập nhật ngày: 20/10/2017 08:15', '(6/19/2019 4:45:53 PM)', 'Thứ ba, 12/03/2019 | 10:15'."""
    folded = fold(line)
    if len(folded) > 90 or len(_STAMP_DATE.findall(folded)) != 1:
        return False
    return bool(_STAMP_REST.match(_STAMP_PIECES.sub(" ", folded)))


@dataclass
class Cleaned:
    text: str                       # the stored article text; every span points into it
    title: str | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    chrome: str = ""                # removed furniture (portal name, footer): weak evidence
    removed_lines: int = 0
    duplicate_paragraphs: int = 0


@cache
def _combined(group: str) -> re.Pattern | None:
    """One alternation of a group's patterns: most lines match none, and one regex call per
    line is much cheaper than one per rule. Groups with extra conditions are not combined."""
    rules = table("boilerplate")[group]
    if any(r.data.get("needs_place") or r.pattern.groupindex for r in rules):
        return None
    return re.compile("|".join(f"(?:{r.pattern.pattern})" for r in rules), rules[0].pattern.flags)


def _any(group: str, folded: str) -> bool:
    combined = _combined(group)
    if combined is not None:
        return combined.search(folded) is not None
    for rule in table("boilerplate")[group]:
        m = rule.search(folded)
        if m and (not rule.data.get("needs_place") or place_remainder_ok(m)):
            return True
    return False


def _split_inline_tail(line: str) -> tuple[str, str]:
    """HTML pages glue "Các tin cũ hơn:" onto the previous text; split it off."""
    m = _INLINE_TAIL.search(line)
    if m and m.start() > 0:
        return line[: m.start()].rstrip(), line[m.start():]
    return line, ""


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Turn a decoded article into the stored text and its separated parts."""
    text = _INVISIBLE.sub("", nfc(raw)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    body: list[str] = []
    chrome: list[str] = []
    captions: list[str] = []
    removed = 0
    in_tail = False
    for line in text.split("\n"):
        line = squash_spaces(line)
        if not line:
            continue
        if in_tail:
            chrome.append(line)
            continue
        line, tail = _split_inline_tail(line)
        folded = fold(line)
        if body and _any("tail", folded):
            in_tail = True
            chrome.append(line)
            continue
        if _any("line", folded) or (len(body) < 8 and _any("head", folded)):
            chrome.append(line)
            removed += 1
        elif _CAPTION.search(line):
            captions.append(line)
        elif line:
            body.append(line)
        if tail:
            in_tail = True
            chrome.append(tail)
    body, dups = _collapse_repeats(body)
    byline = None
    if body:
        byline, body = _take_byline(body)
    found = _find_title(body)
    title = _best_title(squash_spaces(nfc(title)) if title else None, found)
    return Cleaned("\n".join(body), title, byline, captions, "\n".join(chrome), removed, dups)


def _collapse_repeats(lines: list[str]) -> tuple[list[str], int]:
    """Drop paragraphs seen before (portals repeat the lead) and a title repeated with a stamp."""
    seen: set[str] = set()
    out: list[str] = []
    dups = 0
    for line in lines:
        k = fold(line)
        if k in seen:
            dups += 1
            continue
        if out and len(out[-1]) < 200 and k.startswith(fold(out[-1])) and len(line) > len(out[-1]):
            # "Giao ban ... năm 2018" then "Giao ban ... năm 2018 (03/12/2018 10:10 AM)".
            out[-1] = line
            seen.add(k)
            dups += 1
            continue
        if len(k) > 120 and any(len(s) > 120 and (s.startswith(k) or k.startswith(s)) for s in seen):
            # A bold summary that repeats the first paragraph, cut or extended by a few words.
            dups += 1
            continue
        seen.add(k)
        out.append(line)
    return out, dups


def _take_byline(body: list[str]) -> tuple[str | None, list[str]]:
    """The author's name closes most portal articles; keep it out of the text read for people."""
    for i in range(len(body) - 1, max(len(body) - 3, 1) - 1, -1):
        line = body[i]
        stripped = _BYLINE_PREFIX.sub("", line)
        explicit = stripped != line
        if len(stripped.split()) <= 9 and not stripped.endswith((".", ";", ":")) and (
            explicit or _BYLINE.match(stripped)
        ) and not is_stamp_line(line):
            return line, body[:i] + body[i + 1:]
    # A source credit opening the article ("Theo Báo Hậu Giang") is a byline too.
    return None, body


def _is_paragraph(line: str) -> bool:
    return len(line) > 160 or (line.endswith(".") and len(line.split()) > 12)


def _find_title(body: list[str]) -> str | None:
    """The headline: the last sentence-like line above the lead that is not a stamp or a label.

    Portals put the site name, a breadcrumb or the stamp above or below the headline in
    every order; the headline is the one that stands right above the first paragraph, and a
    shorter line under it (a section label, an author) is not.
    """
    candidates = []
    for line in body[:8]:
        if _is_paragraph(line):
            break
        if is_stamp_line(line) or len(line) > 250 or line.endswith((":", ";")):
            continue
        if _BYLINE_PREFIX.match(line) and len(line.split()) <= 9:
            continue
        stamp = _TITLE_STAMP.search(line)
        candidates.append(line[: stamp.start()] if stamp else line)
    if not candidates:
        return None
    long = [c for c in candidates if len(c.split()) >= 5]
    return (long or candidates)[-1]


def _best_title(meta: str | None, found: str | None) -> str | None:
    """A page's <title> often carries the site name ("... | Cổng TTĐT tỉnh X"): prefer the
    headline line of the body when the two agree."""
    if not meta:
        return found
    if found:
        fm, ff = fold(meta), fold(found)
        if fm.startswith(ff) or ff.startswith(fm) or ff in fm:
            return found
    cut = re.split(r"\s+[|–-]\s+(?=[^|–-]*(cổng|trang|sở|báo|portal|website|ubnd)\b)", meta, flags=re.I)
    return cut[0].strip() if cut and cut[0].strip() else meta

"""Cleaning: NFC, page furniture and older-headline lists removed, repeated paragraphs collapsed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.rules import table
from loaders.text import fold, nfc, squash_spaces

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BYLINE_PREFIX = re.compile(r"^\s*(tác giả|tin, ảnh|tin và ảnh|bài, ảnh|nguồn|theo)\s*:?\s*", re.I)
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+"
_BYLINE = re.compile(
    rf"^(?:{_NAME_WORD}\s){{0,3}}{_NAME_WORD}(\s*[-–(,]\s*[^.;]{{2,60}}\)?)?$"
)
_CAPTION = re.compile(r"\((ảnh|ảnh minh họa|ảnh minh hoạ|ảnh:)[^)]*\)\s*$|^\s*ảnh( minh h[oọ]a)?\s*:", re.I)


@dataclass
class Cleaned:
    text: str                       # the stored article text; every span points into it
    title: str | None = None
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    chrome: str = ""                # removed furniture (portal name, footer): weak evidence
    removed_lines: int = 0
    duplicate_paragraphs: int = 0


def _is_furniture(folded: str) -> bool:
    return any(rule.pattern.search(folded) for rule in table("boilerplate")["line"])


def _starts_tail(folded: str) -> bool:
    return any(rule.pattern.search(folded) for rule in table("boilerplate")["tail"])


def _split_inline_tail(line: str) -> tuple[str, str]:
    """HTML pages glue "Các tin cũ hơn:" onto the previous text; split it off."""
    m = re.search(r"(Các tin (cũ hơn|khác)|Tin đã đưa|Tin liên quan)\s*:", line)
    if m and m.start() > 0:
        return line[: m.start()].rstrip(), line[m.start():]
    return line, ""


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Turn a decoded article into the stored text and its separated parts."""
    text = _INVISIBLE.sub("", nfc(raw)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    lines = [squash_spaces(line) for line in text.split("\n")]
    body: list[str] = []
    chrome: list[str] = []
    captions: list[str] = []
    removed = 0
    in_tail = False
    for line in lines:
        if not line:
            continue
        if in_tail:
            chrome.append(line)
            continue
        line, tail = _split_inline_tail(line)
        folded = fold(line)
        if body and _starts_tail(folded):
            in_tail = True
            chrome.append(line)
            continue
        if _is_furniture(folded):
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
    if title is None and body and _looks_like_title(body[0]):
        title = body[0]
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
        seen.add(k)
        out.append(line)
    return out, dups


def _take_byline(body: list[str]) -> tuple[str | None, list[str]]:
    """The author's name closes most portal articles; keep it out of the text read for people."""
    for i in range(len(body) - 1, max(len(body) - 3, 0) - 1, -1):
        line = body[i]
        stripped = _BYLINE_PREFIX.sub("", line)
        explicit = stripped != line
        if len(stripped.split()) <= 9 and not stripped.endswith((".", ";", ":")) and (
            explicit or _BYLINE.match(stripped)
        ):
            return line, body[:i] + body[i + 1:]
    return None, body


def _looks_like_title(line: str) -> bool:
    return len(line) <= 250 and not line.endswith((".", ";", ":"))

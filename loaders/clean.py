"""Cleaning: NFC, page furniture and older-headline lists removed, repeated paragraphs collapsed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from loaders.rules import (
    _literals,
    case_free,
    compile_cached,
    place_remainder_ok,
    prefix_literals,
    pure_literal,
    required_marks,
    table,
    top_branches,
)
from loaders.text import (
    LOWER,
    UPPER,
    fold,
    memo,
    nfc,
    odd_space,
    plain,
    register_cache,
    seed_fold,
    squash_spaces,
)

_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = compile_cached(f"[{_INVISIBLE_CHARS}]")
_BYLINE_PREFIX = compile_cached(
    r"^\s*(tác giả|tin,? ảnh|tin và ảnh|bài,? ảnh|bài và ảnh|nguồn|theo|phóng viên|pv|ctv)\s*:?\s*", re.I)
_U, _L = re.escape(UPPER), re.escape(LOWER)
_NAME_WORD = rf"(?:[{_U}][{_L}]+|[{_U}]'[{_U}{_L}]+|[{_U}]\.)"
_BYLINE = compile_cached(
    rf"^(?:{_NAME_WORD}\s?){{1,4}}(\s*[-–]\s*(?:{_NAME_WORD}\s?){{1,4}})?(\s*[-–(,]\s*[^.;]{{2,60}}\)?)?$"
)
# A photo caption: "Ảnh: ...", "[Ảnh: ...]", "(Ảnh minh họa)", or a sentence closed by a photo
# credit ("... phát biểu tại buổi làm việc. Ảnh: T.H").
_CAPTION = compile_cached(
    r"^\s*[\[(]?\s*ảnh( minh h[oọ]a| minh hoạ)?\s*:|\((ảnh|ảnh minh họa|ảnh minh hoạ)\b[^)]*\)\s*$|"
    r"[.)]\s*ảnh\s*:\s*[^.]{1,30}\]?\s*$",
    re.I,
)
# Inline starts of an older-headline list that HTML pages glue onto the last paragraph.
_INLINE_TAIL = compile_cached(r"(Các tin (cũ hơn|khác|đã đưa)|Tin đã đưa|Tin liên quan|Tin cùng chuyên mục)\s*:")
_INLINE_TAIL_STARTS = prefix_literals(_INLINE_TAIL)  # every match starts with one

# A publication stamp: label, weekday, date, time, view counter, nothing else.
_STAMP_PIECES = compile_cached(
    r"(ngay dang|dang ngay|ngay cap nhat|cap nhat( luc| ngay)?|ngay xuat ban|xuat ban( luc)?|"
    r"thoi gian( dang)?|dang luc|dang|posted( on)?|published|updated|ngay|luc|vao luc|"
    r"thu (hai|ba|tu|nam|sau|bay|[2-7])\b|chu nhat|\bt[2-7]\b|\bcn\b|"
    r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2} thang \d{1,2} nam \d{4}|"
    r"\d{1,2}\s*(:|h)\s*\d{2}(\s*:\s*\d{2})?(\s*(am|pm|sa|ch)\b)?|gmt\s*[+-]\s*\d{1,2}(:?00)?|"
    r"(luot xem|luot doc|so lan xem|so lan doc|luot truy cap|xem)\s*:?\s*[\d.,]+)"
)
_STAMP_DATE = compile_cached(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{1,2} thang \d{1,2} nam \d{4}")
_STAMP_REST = compile_cached(r"^[\s|,:;\-–()\[\]/.]*$")
_TITLE_STAMP = compile_cached(r"\s*\((\d{1,2}/\d{1,2}/\d{4}[^)]*)\)\s*$")
_DIGIT = compile_cached(r"\d")


def is_stamp_line(line: str, folded: str | None = None) -> bool:
    """'Cập nhật ngày: 20/10/2017 08:15', '(6/19/2019 4:45:53 PM)', 'Thứ ba, 12/03/2019 | 10:15'.

    `folded` is fold(line) when the caller has it (it changes nothing: cached by line)."""
    if len(line) > 90:
        return False
    return _stamp_line(line)


@memo()
def _stamp_line(line: str) -> bool:
    # Cached: cleaning, the publication stamp and the meeting date test the same head lines.
    if _DIGIT.search(line) is None:
        return False  # every _STAMP_DATE match has digits (fold keeps them, and makes none)
    folded = fold(line)
    if len(_STAMP_DATE.findall(folded)) != 1:
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
    return compile_cached("|".join(f"(?:{r.pattern.pattern})" for r in rules), rules[0].pattern.flags)


def _any(group: str, folded: str) -> bool:
    combined = _combined(group)
    if combined is not None:
        return combined.search(folded) is not None
    for rule in table("boilerplate")[group]:
        m = rule.search(folded)
        if m and (not rule.data.get("needs_place") or place_remainder_ok(m)):
            return True
    return False


class _Group:
    """Whether a line (folded) matches any rule of a combinable group, without running one
    alternation of every rule at every position of every line: the alternatives anchored at
    the line start are tried there only (and only those whose punctuation the article has),
    and the rest, literals here, are looked for in the whole article first."""

    def __init__(self, group: str) -> None:
        rules = table("boilerplate")[group]
        self.flags = rules[0].pattern.flags  # as _combined: one alternation, the first rule's flags
        branches = [b for r in rules for b in top_branches(r.pattern.pattern)]
        self.anchored = tuple(b for b in branches if b.startswith("^"))
        self.marks = tuple(required_marks(b, self.flags) for b in self.anchored)
        loose = [b for b in branches if not b.startswith("^")]
        self.loose = _alternation(tuple(loose), self.flags, False)
        self.loose_fast = _alternation(tuple(loose), self.flags, True)
        # Literal alternatives match inside a line iff they match in the text around it.
        literals = [pure_literal(b, self.flags) for b in loose]
        self.loose_literals = tuple(literals) if all(x is not None for x in literals) else None
        # By is_plain: the alternation of the anchored alternatives that need no punctuation,
        # and (match, marks) of each one that does; the same for every article.
        plain_ones = tuple(b for b, marks in zip(self.anchored, self.marks) if marks is None)
        self.anchored_by = {p: _alternation(plain_ones, self.flags, p) for p in (False, True)}
        self.gated_by = {p: tuple((_alternation((b,), self.flags, p).match, marks)
                                  for b, marks in zip(self.anchored, self.marks) if marks is not None)
                         for p in (False, True)}

    def scanner(self, folded_text: str, is_plain: bool):
        """A test for the lines of one article (folded, joined by newlines)."""
        anchored = self.anchored_by[is_plain]
        # An alternative that needs punctuation is tried on a line that has it.
        gated = tuple(g for g in self.gated_by[is_plain] if any(c in folded_text for c in g[1]))
        loose = self.loose_fast if is_plain else self.loose
        if is_plain and loose is not None and self.loose_literals is not None and not any(
                lit in folded_text for lit in self.loose_literals):
            loose = None
        a_match = anchored.match if anchored is not None else None
        l_search = loose.search if loose is not None else None
        if not gated:
            if l_search is None:
                return (lambda f: a_match(f) is not None) if a_match else (lambda f: False)
            if a_match is None:
                return lambda f: l_search(f) is not None
            return lambda f: a_match(f) is not None or l_search(f) is not None

        def test(f: str) -> bool:
            if a_match is not None and a_match(f) is not None:
                return True
            for match, marks in gated:
                if any(c in f for c in marks) and match(f) is not None:
                    return True
            return l_search is not None and l_search(f) is not None

        return test


@cache
def _alternation(branches: tuple[str, ...], flags: int, fast: bool) -> re.Pattern | None:
    if not branches:
        return None
    pattern = compile_cached("|".join(f"(?:{b})" for b in branches), flags)
    return case_free(pattern) if fast else pattern


@cache
def _group(group: str) -> _Group:
    return _Group(group)


def _head_match(folded: str, is_plain: bool) -> bool:
    """_any("head", folded). On a plain text Rule.search is the pattern's search, and these
    patterns are anchored at the line start; a line without a word every match has, or longer
    than any match can be, is passed over without running the pattern."""
    if not is_plain:
        return _any("head", folded)
    for rule, fast, words, longest in _head_rules():
        if words is not None and not any(w in folded for w in words):
            continue
        if longest is not None and len(folded.rstrip("\n")) > longest and not folded[:1].isspace():
            continue
        m = fast.match(folded)
        if m and (not rule.data.get("needs_place") or place_remainder_ok(m)):
            return True
    return False


@cache
def _head_rules() -> tuple:
    rules = table("boilerplate")["head"]
    # match() is search() only for a pattern anchored at the start as a whole.
    assert all(top_branches(r.pattern.pattern) == [r.pattern.pattern] and r.pattern.pattern.startswith("^")
               for r in rules)
    return tuple((r, case_free(r.pattern), _literals(r.pattern), _longest_after_spaces(r.pattern))
                 for r in rules)


def _longest_after_spaces(pattern: re.Pattern) -> int | None:
    """For a pattern "^\\s*REST" matched on a line that does not start with white space (so
    \\s* takes nothing, and REST must reach the end: the pattern ends with $): the longest line
    REST can match. None when unbounded or not of that form."""
    from re import _parser as P  # noqa: PLC2701

    src = pattern.pattern
    if not src.startswith("^\\s*") or not src.endswith("$"):
        return None
    try:
        _, longest = P.parse(src[len("^\\s*"):], pattern.flags).getwidth()
    except re.error:
        return None
    return longest if longest < 4096 else None


def _maybe_caption(line: str) -> bool:
    """False only where _CAPTION cannot match a cleaned line (one space between words, none at
    the ends): every match has "ảnh" (any case) at the line start after an optional "[" or
    "(", or after "(", or before ":" with at most a space between."""
    if "ả" not in line and "Ả" not in line:
        return False  # no "ảnh" in the lower-cased line either (only "Ả" lowers to "ả")
    low = line.lower()  # "ảnh" is there wherever IGNORECASE finds it
    if "ảnh" not in low:
        return False
    head = low[1:].lstrip(" ") if low[:1] in "[(" else low
    return head.startswith("ảnh") or "(ảnh" in low or "ảnh:" in low or "ảnh :" in low


def _split_inline_tail(line: str) -> tuple[str, str]:
    """HTML pages glue "Các tin cũ hơn:" onto the previous text; split it off."""
    m = _INLINE_TAIL.search(line)
    if m and m.start() > 0:
        return line[: m.start()].rstrip(), line[m.start():]
    return line, ""


# Portals repeat their furniture (menus, mastheads, counters, footers) from article to article:
# whether a short folded line is furniture is kept by line. Both tests are functions of the
# line alone (the article only decides which equivalent form of a pattern runs), by is_plain.
_SHORT_LINE = 100
# is_line is the article's scanner (a new callable per article), so text.memo cannot wrap
# it: its answers are kept here by hand, the same way (bounded, emptied with fold's caches).
_LINE_MEMO: tuple[dict[str, bool], dict[str, bool]] = ({}, {})  # by is_plain
for _memo in _LINE_MEMO:
    register_cache(_memo)
_HEAD_MATCH = (memo()(lambda folded: _head_match(folded, False)),  # by is_plain
               memo()(lambda folded: _head_match(folded, True)))


def _short_furniture(folded: str, is_plain: bool, is_line, near_top: bool) -> bool:
    """is_line(folded) or (near_top and _head_match(folded, is_plain)), remembered by line."""
    memo_ = _LINE_MEMO[is_plain]
    out = memo_.get(folded)
    if out is None:
        if len(memo_) >= 8192:
            memo_.clear()
        out = memo_[folded] = is_line(folded)
    return out or (near_top and _HEAD_MATCH[is_plain](folded))


def clean(raw: str, title: str | None = None) -> Cleaned:
    """Turn a decoded article into the stored text and its separated parts."""
    text = nfc(raw)
    if any(ch in text for ch in _INVISIBLE_CHARS):  # str.find per character: cheaper than a regex
        text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    if odd_space(text):
        # squash_spaces on each line, written inline (a function call per line costs more).
        lines = [line for line in (" ".join(raw_line.split()) for raw_line in text.split("\n")) if line]
    elif "  " in text:
        # Spaces are the only white space in a line: squash_spaces changes only the few lines
        # with a double space, and just strips the others' ends.
        lines = [line for line in (" ".join(raw_line.split()) if "  " in raw_line else raw_line.strip(" ")
                                   for raw_line in text.split("\n")) if line]
    else:  # single spaces only: squash_spaces would just strip the line ends
        lines = [line for line in (raw_line.strip(" ") for raw_line in text.split("\n")) if line]
    joined = "\n".join(lines)
    # fold() keeps one character per character and maps no space to a letter or back, so the
    # lines of the folded article are the folded lines.
    folded_joined = fold(joined)
    folded_lines = folded_joined.split("\n")
    is_plain = plain(folded_joined)
    is_tail = _group("tail").scanner(folded_joined, is_plain)
    is_line = _group("line").scanner(folded_joined, is_plain)
    may_split = any(w in joined for w in _INLINE_TAIL_STARTS) and _INLINE_TAIL.search(joined) is not None
    # Every caption pattern needs "ảnh" (any case; the text is NFC; "ảnh" is in the lower-cased
    # line wherever IGNORECASE finds it).
    # And then "ảnh" is in the lower-cased article (str.lower is per character but for the
    # capital sigma, which no "ảnh" holds): most articles have an "ả" but no "ảnh".
    may_caption = ("ả" in joined or "Ả" in joined) and "ảnh" in joined.lower()
    body: list[str] = []
    body_folded: list[str] = []
    chrome: list[str] = []
    chrome_folded: list[str] = []  # fold() of each chrome line, to give fold() the chrome's
    captions: list[str] = []
    removed = 0
    in_tail = False
    for line, folded in zip(lines, folded_lines):
        if in_tail:
            chrome.append(line)
            chrome_folded.append(folded)
            continue
        tail = ""
        if may_split and any(w in line for w in _INLINE_TAIL_STARTS):  # a match starts so
            whole = folded
            line, tail = _split_inline_tail(line)
            folded = folded[:len(line)]
        if body and is_tail(folded):
            in_tail = True
            chrome.append(line)
            chrome_folded.append(folded)
            continue
        if len(folded) > _SHORT_LINE:
            furniture = is_line(folded) or (len(body) < 8 and _head_match(folded, is_plain))
        else:
            furniture = _short_furniture(folded, is_plain, is_line, len(body) < 8)
        if furniture:
            chrome.append(line)
            chrome_folded.append(folded)
            removed += 1
        elif may_caption and _maybe_caption(line) and _CAPTION.search(line):
            captions.append(line)
        elif line:
            body.append(line)
            body_folded.append(folded)
        if tail:
            in_tail = True
            chrome.append(tail)
            chrome_folded.append(whole[len(whole) - len(tail):])
    fold_of = dict(zip(body, body_folded, strict=True))  # fold() is a function of the line
    body, dups = _collapse_repeats(body, body_folded)
    byline = None
    if body:
        byline, body = _take_byline(body)
    found = _find_title(body)
    title = _best_title(squash_spaces(nfc(title)) if title else None, found)
    text = "\n".join(body)
    chrome_text = "\n".join(chrome)
    # Extraction folds the stored text and the chrome again: their lines are folded already
    # (fold keeps one character per character, and "\n" folds to itself), so join those.
    # Every character of them is in the article, so they are plain when it is.
    seed_fold(text, "\n".join([fold_of[line] for line in body]), True if is_plain else None)
    seed_fold(chrome_text, "\n".join(chrome_folded), True if is_plain else None)
    return Cleaned(text, title, byline, captions, chrome_text, removed, dups)


def _collapse_repeats(lines: list[str], folded: list[str] | None = None) -> tuple[list[str], int]:
    """Drop paragraphs seen before (portals repeat the lead) and a title repeated with a stamp.
    `folded` holds fold() of each line when the caller has it."""
    seen: set[str] = set()
    long_seen: list[str] = []  # the keys of `seen` longer than 120 characters
    out: list[str] = []
    out_key = ""  # fold(out[-1])
    dups = 0
    for i, line in enumerate(lines):
        k = folded[i] if folded is not None else fold(line)
        if k in seen:
            dups += 1
            continue
        if out and len(out[-1]) < 200 and k.startswith(out_key) and len(line) > len(out[-1]):
            # "Giao ban ... năm 2018" then "Giao ban ... năm 2018 (03/12/2018 10:10 AM)".
            out[-1] = line
            out_key = k
            seen.add(k)
            if len(k) > 120:
                long_seen.append(k)
            dups += 1
            continue
        if len(k) > 120 and any(s.startswith(k) or k.startswith(s) for s in long_seen):
            # A bold summary that repeats the first paragraph, cut or extended by a few words.
            dups += 1
            continue
        seen.add(k)
        if len(k) > 120:
            long_seen.append(k)
        out.append(line)
        out_key = k
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
        stamp = _TITLE_STAMP.search(line) if "(" in line else None  # a match has its "("
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

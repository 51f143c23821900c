"""Officials named in an article, with their titles, and who chaired the meeting."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.hits import Hit
from loaders.rules import table
from loaders.text import fold, key, normalize_tones

_UP = "A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠ-Ỹ"
_LO = "a-zđàáâãèéêìíòóôõùúýăĩũơưạ-ỹ"
_CAP = rf"[{_UP}][{_LO}]*"
_HONORIFIC = re.compile(r"(đồng\s+chí|đ/c|ông|bà)\s*$", re.I)
_CHAIR_CUES = re.compile(
    r"(đồng\s+chủ\s+trì|chủ\s+trì|điều\s+hành|kết\s+luận|dự\s+và\s+chỉ\s+đạo|"
    r"(?:có\s+buổi\s+|đến\s+)?làm\s+việc\s+với)", re.I)


@lru_cache(maxsize=1)
def _name_regex() -> re.Pattern:
    words = table("people")["surnames"][0].data["words"].split()
    surnames = "|".join(sorted(set(words), key=len, reverse=True))
    # A surname, then one to four capitalised syllables, not followed by another capital word.
    return re.compile(rf"(?<![{_LO}{_UP}])(?:{surnames})(?:\s+{_CAP}){{1,4}}(?![{_LO}{_UP}])")


def _role() -> re.Pattern:
    return table("people")["role"][0].pattern


def _stop() -> re.Pattern:
    return table("people")["stop"][0].pattern


def _is_place(name: str) -> bool:
    from loaders.gazetteer import canonical_province, districts

    if canonical_province(name):
        return True
    return key(name) in _district_keys(tuple(d.name for d in districts()))


@lru_cache(maxsize=1)
def _district_keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(key(n) for n in names)


def _left_title(text: str, start: int) -> tuple[str, int] | None:
    """A title written just before the name: "Phó Chủ tịch UBND tỉnh Vũ Văn Họa"."""
    window_start = max(0, start - 90)
    window = text[window_start:start]
    cut = max(window.rfind(","), window.rfind("."), window.rfind(";"), window.rfind("\n"),
              window.rfind("("), window.rfind(":"))
    window_start += cut + 1
    window = text[window_start:start]
    roles = list(_role().finditer(window))
    if not roles:
        return None
    # The title starts at the first role in the clause that is chained to the name
    # ("Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh" is cut at the comma, kept by the caller).
    r = roles[0]
    title = window[r.start():].strip(" ,–-")
    if len(title.split()) > 14 or _stop().search(" " + title):
        r = roles[-1]
        title = window[r.start():].strip(" ,–-")
        if len(title.split()) > 14 or _stop().search(" " + title):
            return None
    return title, window_start + r.start()


def _right_title(text: str, end: int) -> str | None:
    """A title written after the name: "ông Đoàn Thanh Bình, Phó Giám đốc phụ trách Sở TT&TT"."""
    m = re.match(r"\s*(,|–|-|—)\s*", text[end:end + 4])
    if not m:
        return None
    rest = text[end + m.end(): end + m.end() + 140]
    r = _role().match(rest)
    if not r:
        return None
    stop = len(rest)
    for pat in (re.compile(r"[,;.(\n]"), _stop()):
        s = pat.search(rest, r.end())
        if s:
            stop = min(stop, s.start())
    title = rest[:stop].strip(" ,–-")
    return title if len(title.split()) <= 14 else None


def find_people(text: str) -> list[Hit]:
    """Each official named with a title (or an honorific); value = (name, title)."""
    hits: list[Hit] = []
    for m in _name_regex().finditer(text):
        name = m.group(0)
        if _is_place(name) or table("people")["not_names"][0].pattern.search(fold(name)):
            continue
        before = text[max(0, m.start() - 14): m.start()]
        honorific = bool(_HONORIFIC.search(before))
        right = _right_title(text, m.end())
        left = None if (honorific and right) else _left_title(text, m.start())
        # A title chained with commas ("Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Tiến Châu").
        if left:
            title, tstart = left
            prev = text[max(0, tstart - 60): tstart]
            chained = re.search(r"(" + _role().pattern + r"[^,.;()\n]{0,40}),\s*$", prev)
            if chained:
                title = chained.group(1).strip() + ", " + title
        if right and (honorific or not left):
            hits.append(Hit((name, right), m.start(), m.end(), "person.name_title"))
        elif left:
            hits.append(Hit((name, left[0] if not chained else title), m.start(), m.end(),
                            "person.title_name"))
        elif honorific:
            hits.append(Hit((name, ""), m.start(), m.end(), "person.honorific"))
    return hits


def unique_people(hits: list[Hit]) -> list[Hit]:
    """One entry per person, matching names across tone spellings; the first title kept,
    a later one used when the first mention had none."""
    seen: dict[str, Hit] = {}
    for h in hits:
        k = key(normalize_tones(h.value[0]))
        if k not in seen:
            seen[k] = h
        elif len(h.value[1]) > len(seen[k].value[1]):
            # Later mentions often spell the title out ("Giám đốc" -> "Giám đốc Sở TT&TT").
            seen[k] = Hit((seen[k].value[0], h.value[1]), seen[k].start, seen[k].end, h.rule)
    # A name that is the tail of a longer one ("Tiến Châu" of "Lê Tiến Châu") is the same person.
    keys = list(seen)
    for k in keys:
        if any(o != k and o.endswith(k) and len(o) > len(k) for o in keys):
            seen.pop(k, None)
    return list(seen.values())


def find_chair(text: str, mentions: list[Hit], meeting_type: str | None) -> Hit | None:
    """Who chaired: the person nearest a 'chủ trì' cue in the same sentence; else the one who
    gave the conclusion; for a working session, the leader who came to work with the department."""
    best: tuple[float, Hit] | None = None
    for h in mentions:
        if not h.value[1]:
            continue
        sent_start = max(text.rfind(". ", 0, h.start), text.rfind("\n", 0, h.start)) + 1
        ends = [i for i in (text.find(". ", h.end), text.find("\n", h.end)) if i != -1]
        sent_end = min(ends) if ends else len(text)
        sentence = text[sent_start:sent_end]
        for cue in _CHAIR_CUES.finditer(sentence):
            word = re.sub(r"\s+", " ", cue.group(1).lower())
            cue_pos = sent_start + cue.start()
            # "X, Giám đốc Sở và Y, Phó Chủ tịch ... đồng chủ trì": the first named presides;
            # people named after the cue ("chủ trì; cùng dự có ông Y") are guests.
            dist = (h.start - sent_start) / 10.0 if h.end <= cue_pos else 50.0 + h.start - cue_pos
            if "chủ trì" in word or word == "điều hành":
                weight = 0.0
            elif "làm việc" in word:
                weight = 100.0 if meeting_type == "lam_viec" else 500.0
            elif word == "kết luận":
                weight = 200.0
            else:
                weight = 300.0  # "dự và chỉ đạo": chair only when nobody presides
            score = weight + dist + h.start / 1000.0
            if best is None or score < best[0]:
                best = (score, h)
    if best is None:
        return None
    chosen = best[1]
    return Hit(chosen.value, chosen.start, chosen.end, "chair." + chosen.rule.split(".")[-1])

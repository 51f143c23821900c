"""Officials named in an article, with their titles, and who chaired the meeting."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.hits import Hit
from loaders.rules import table
from loaders.text import LOWER, UPPER, fold, key, normalize_tones

_UP = re.escape(UPPER)
_LO = re.escape(LOWER)
# A capitalised syllable; ethnic-minority names carry an apostrophe ("Điểu K'Rơ", "H'Hen Niê").
_CAP = rf"(?:[{_UP}]'[{_UP}]?[{_LO}]+|[{_UP}][{_LO}]*)"
_HONORIFIC = re.compile(r"(đồng\s+chí|đ/c|ông|bà)\s*$", re.I)
_CHAIR_CUES = re.compile(
    r"(đồng\s+chủ\s+trì|chủ\s+trì|điều\s+hành|kết\s+luận|dự\s+và\s+chỉ\s+đạo|"
    r"(?:có\s+buổi\s+|đến\s+)?làm\s+việc\s+với)", re.I)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(table("people")["surnames"][0].data["words"].split())


_W = rf"{_CAP}(?![{_LO}{_UP}'])"
# A run of capitalised words; a name is a surname and the one to four words after it.
_RUN = re.compile(rf"(?<![{_LO}{_UP}'])({_W}(?:[ \t]+{_W})*)")
_WORD = re.compile(r"\S+")


def _names(text: str):
    """(start, end, name) of each surname + 1-4 capitalised syllables, as in
    "Phó Chủ tịch UBND tỉnh Vũ Văn Họa": only the run from the surname on."""
    surnames = _surnames()
    for run in _RUN.finditer(text):
        words = [(w.start(), w.end(), w.group(0)) for w in _WORD.finditer(run.group(1))]
        i = 0
        while i < len(words) - 1:
            if words[i][2] not in surnames:
                i += 1
                continue
            last = min(i + 4, len(words) - 1)
            start, end = run.start(1) + words[i][0], run.start(1) + words[last][1]
            name = text[start:end]
            if _is_place(name) or table("people")["not_names"][0].pattern.search(fold(name)):
                i += 1
                continue
            yield start, end, name
            i = last + 1


def _role() -> re.Pattern:
    return table("people")["role"][0].pattern


def _stop() -> re.Pattern:
    return table("people")["stop"][0].pattern


def _is_place(name: str) -> bool:
    from loaders.gazetteer import canonical_province

    if canonical_province(name):
        return True
    return key(name) in _district_keys()


@lru_cache(maxsize=1)
def _district_keys() -> frozenset[str]:
    from loaders.gazetteer import districts

    return frozenset(key(d.name) for d in districts())


def _left_title(text: str, start: int) -> tuple[str, int] | None:
    """A title written just before the name: "Phó Chủ tịch UBND tỉnh Vũ Văn Họa"."""
    window_start = max(0, start - 90)
    window = text[window_start:start]
    # A full stop ends the clause, except in "Q. Giám đốc" (acting director) and "TP. Huế".
    dots = [m.start() for m in re.finditer(r"(?<![A-ZĐ])(?<!TP)\.", window)]
    cut = max(window.rfind(","), dots[-1] if dots else -1, window.rfind(";"), window.rfind("\n"),
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
    for m_start, m_end, name in _names(text):
        before = text[max(0, m_start - 14): m_start]
        honorific = bool(_HONORIFIC.search(before))
        right = _right_title(text, m_end)
        left = None if (honorific and right) else _left_title(text, m_start)
        # A title chained with commas ("Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Tiến Châu").
        if left:
            title, tstart = left
            prev = text[max(0, tstart - 60): tstart]
            chained = re.search(r"(" + _role().pattern + r"[^,.;()\n]{0,40}),\s*$", prev)
            if chained:
                title = chained.group(1).strip() + ", " + title
        if right and (honorific or not left):
            hits.append(Hit((name, right), m_start, m_end, "person.name_title"))
        elif left:
            hits.append(Hit((name, left[0] if not chained else title), m_start, m_end,
                            "person.title_name"))
        elif honorific:
            hits.append(Hit((name, ""), m_start, m_end, "person.honorific"))
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


# Cue words for who presided, with their rank: lower wins. "dự và chỉ đạo" makes a chair only
# when nobody is said to preside; for a working session the leader who came to work with the
# department presides.
_CUES = (
    (0, re.compile(r"(đồng\s+chủ\s+trì|chủ\s+trì|điều\s+hành\s+(?=hội\s+nghị|cuộc\s+họp|buổi|phiên|giao\s+ban))"
                   r"(?!\s*,?\s*phối\s+hợp)", re.I)),
    (1, re.compile(r"(có\s+buổi\s+|đã\s+|đến\s+|và\s+)?làm\s+việc\s+(với|tại)|làm\s+trưởng\s+đoàn", re.I)),
    (2, re.compile(r"kết\s+luận", re.I)),
    (3, re.compile(r"dự\s+và\s+(phát\s+biểu\s+)?chỉ\s+đạo|phát\s+biểu\s+chỉ\s+đạo", re.I)),
)
# "X ... giao Sở TT&TT chủ trì tham mưu": X assigns the lead role to an agency, X does not preside.
_DELEGATES = re.compile(r"\b(giao|đề nghị|yêu cầu|chỉ đạo|phân công|tiếp thu|cho|để|đối với)\b", re.I)
_CLAUSE_END = re.compile(r"[.;\n]\s|\n|$")


_BOUNDARY = re.compile(r"(?<![A-ZĐ])(?<!TP)\.\s|[;\n]")


def _clause_start(text: str, pos: int) -> int:
    """After the last full stop, semicolon or line break before pos ("Q. Giám đốc" is no stop)."""
    lo = max(0, pos - 400)
    ends = [m.end() for m in _BOUNDARY.finditer(text, lo, pos)]
    return ends[-1] if ends else lo


def find_chair(text: str, mentions: list[Hit], people: list[Hit] | None = None,
               meeting_type: str | None = None) -> Hit | None:
    """Who chaired. In the clause of a cue, the first official named before it (co-chairs:
    the first named), else the first named after it ("Kết luận buổi làm việc, Phó Chủ tịch
    ... X yêu cầu"). The title is the fullest one the article gives that person."""
    best: tuple[int, int, Hit] | None = None
    titled = [h for h in mentions if h.value[1] or h.rule == "person.honorific"]
    for rank, cue_re in _CUES:
        if rank == 1 and meeting_type != "lam_viec":
            continue
        for cue in cue_re.finditer(text):
            c_start = _clause_start(text, cue.start())
            end_m = _CLAUSE_END.search(text, cue.end())
            c_end = end_m.start() if end_m else len(text)
            before = [h for h in titled if c_start <= h.start and h.end <= cue.start()
                      and not _DELEGATES.search(text, h.end, cue.start())]
            after = [h for h in titled if cue.end() <= h.start < c_end]
            chosen = before[0] if before else (after[0] if after and rank != 1 else None)
            if chosen and (best is None or (rank, cue.start()) < best[:2]):
                best = (rank, cue.start(), chosen)
        if best:
            break
    if best is None:
        return None
    chosen = best[2]
    name, title = chosen.value
    for p in people or []:
        if key(normalize_tones(p.value[0])) == key(normalize_tones(name)) and len(p.value[1]) > len(title):
            title = p.value[1]
    return Hit((name, title), chosen.start, chosen.end, "chair." + chosen.rule.split(".")[-1])


def person_key(name: str) -> str:
    return key(normalize_tones(name))

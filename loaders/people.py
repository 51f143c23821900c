"""Officials named in an article, with their titles, and who chaired the meeting."""
from __future__ import annotations

import re
from functools import lru_cache

from loaders.hits import Hit
from loaders.rules import (
    LOWERED_WORDS,
    LiteralStarts,
    by_first_letter,
    case_free,
    compile_cached,
    lowered,
    table,
)
from loaders.text import LOWER, UPPER, fold, key, memo, nfc, normalize_tones, plain
from loaders.text import lowered as lowered_text

_UP = re.escape(UPPER)
_LO = re.escape(LOWER)
# A capitalised syllable; ethnic-minority names carry an apostrophe ("Điểu K'Rơ", "H'Hen Niê").
_CAP = rf"(?:[{_UP}]'[{_UP}]?[{_LO}]+|[{_UP}][{_LO}]*)"
_HONORIFIC = compile_cached(r"(đồng\s+chí|đ/c|ông|bà)\s*$", re.I)
_CHAIR_CUES = compile_cached(
    r"(đồng\s+chủ\s+trì|chủ\s+trì|điều\s+hành|kết\s+luận|dự\s+và\s+chỉ\s+đạo|"
    r"(?:có\s+buổi\s+|đến\s+)?làm\s+việc\s+với)", re.I)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(table("people")["surnames"][0].data["words"].split())


def surnames() -> frozenset[str]:
    """The family names (loaders/rules/people.toml) that start an official's name."""
    return _surnames()


_W = rf"{_CAP}(?![{_LO}{_UP}'])"
# A run of capitalised words; a name is a surname and the one to four words after it.
# (?<![{_LO}{_UP}'])({_W}(?:[ \t]+{_W})*), written to start with the capital so that the
# regex engine skips to capitals: _CAP with its first letter taken out, and the look-behind
# moved after that letter.
_RUN = compile_cached(rf"([{_UP}](?<![{_LO}{_UP}'].)(?:'[{_UP}]?[{_LO}]+|[{_LO}]*)(?![{_LO}{_UP}'])"
                  rf"(?:[ \t]+{_W})*)")
# The runs of two words or more, the only ones that can hold a name: the same matches as
# those of _RUN (a one-word run cannot start one, and the look-behind keeps a match from
# starting inside a word), without stopping at each capitalised word.
_RUN_MULTI = compile_cached(_RUN.pattern[:-len(")*)")] + ")+)")
_WORD = compile_cached(r"\S+")
_HONORIFIC_LOW = lowered(_HONORIFIC)
_AFTER_NAME = compile_cached(r"\s*(,|–|-|—)\s*")
_TITLE_END = compile_cached(r"[,;.(\n]")


def _names(text: str):
    """(start, end, name) of each surname + 1-4 capitalised syllables, as in
    "Phó Chủ tịch UBND tỉnh Vũ Văn Họa": only the run from the surname on."""
    for run in _RUN_MULTI.finditer(text):
        base = run.start(1)
        for a, b in _run_names(run.group(1)):
            yield base + a, base + b, text[base + a:base + b]


@memo()
def _run_names(group: str) -> tuple[tuple[int, int], ...]:
    """The names in one run of capitalised words, as spans of the run. A function of the run
    alone, so cached: articles name the same officials again and again."""
    surnames = _surnames()
    if not any(w in surnames for w in group.split()[:-1]):
        return ()  # no surname with a word after it (the words are those of _WORD)
    words = [(w.start(), w.end(), w.group(0)) for w in _WORD.finditer(group)]
    i = _after_place(words, surnames)
    out = []
    while i < len(words) - 1:
        if words[i][2] not in surnames:
            i += 1
            continue
        last = min(i + 4, len(words) - 1)
        start, end = words[i][0], words[last][1]
        if _not_a_name(group[start:end]):
            i += 1
            continue
        out.append((start, end))
        i = last + 1
    return tuple(out)


def _after_place(words: list[tuple[int, int, str]], surnames: frozenset[str]) -> int:
    """Where a name can start in a run that opens with a place: "(tỉnh) Kiên Giang Lê Mạnh
    Hiếu" is a province and a name written one after the other. The place is taken off only
    when a surname and at least one more word follow it."""
    if len(words) < 4 or fold(words[0][2]) not in _place_first_words():
        return 0
    for e in range(min(3, len(words) - 3), 0, -1):
        if words[e + 1][2] in surnames and _is_place(" ".join(w for _, _, w in words[:e + 1])):
            return e + 1
    return 0


@memo()
def _not_a_name(name: str) -> bool:
    """A candidate name that is a place, or one of the not_names words. Cached: the same
    officials are named again and again."""
    if _is_place(name):
        return True
    not_names, not_names_fast = _not_names()
    name_f = fold(name)
    return (not_names_fast if plain(name_f) else not_names).search(name_f) is not None


@lru_cache(maxsize=1)
def _place_first_words() -> frozenset[str]:
    from loaders.places import first_words

    return first_words()


@lru_cache(maxsize=1)
def _not_names() -> tuple[re.Pattern, re.Pattern]:
    pattern = table("people")["not_names"][0].pattern
    return pattern, case_free(pattern)


def _role() -> re.Pattern:
    return table("people")["role"][0].pattern


@lru_cache(maxsize=1)
def _stop() -> re.Pattern:
    # Only where a match starts is read: the words grouped by their first letter (faster).
    pattern = table("people")["stop"][0].pattern
    return compile_cached(by_first_letter(pattern.pattern), pattern.flags)


def _is_place(name: str) -> bool:
    from loaders.gazetteer import province_of_key

    toned = normalize_tones(name)
    k = key(toned)
    if province_of_key(k):  # canonical_province(name)
        return True
    # key(name) is key(toned) unless the tone marks moved (both are NFC).
    return (k if toned == nfc(name) else key(name)) in _district_keys()


@lru_cache(maxsize=1)
def _district_keys() -> frozenset[str]:
    from loaders.gazetteer import districts

    return frozenset(key(d.name) for d in districts())


def _left_title(text: str, start: int) -> tuple[str, int] | None:
    """A title written just before the name: "Phó Chủ tịch UBND tỉnh Vũ Văn Họa"."""
    window_start = max(0, start - 90)
    window = text[window_start:start]
    # A full stop ends the clause, except in "Q. Giám đốc" (acting director) and "TP. Huế".
    last_dot = window.rfind(".")
    while last_dot != -1 and not _clause_dot(window, last_dot):
        last_dot = window.rfind(".", 0, last_dot)  # the last _CLAUSE_DOT match in the window
    cut = max(window.rfind(","), last_dot, window.rfind(";"), window.rfind("\n"),
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
    m = _AFTER_NAME.match(text[end:end + 4])
    if not m:
        return None
    rest = text[end + m.end(): end + m.end() + 140]
    r = _role().match(rest)
    if not r:
        return None
    stop = len(rest)
    for pat in (_TITLE_END, _stop()):
        s = pat.search(rest, r.end())
        if s:
            stop = min(stop, s.start())
    title = rest[:stop].strip(" ,–-")
    return title if len(title.split()) <= 14 else None


@lru_cache(maxsize=1)
def _chained_title() -> re.Pattern:
    return compile_cached(r"(" + _role().pattern + r"[^,.;()\n]{0,40}),\s*$")


def find_people(text: str) -> list[Hit]:
    """Each official named with a title (or an honorific); value = (name, title)."""
    hits: list[Hit] = []
    low = lowered_text(text)
    for m_start, m_end, name in _names(text):
        if low is not None and _HONORIFIC_LOW is not None:
            honorific = bool(_HONORIFIC_LOW.search(low[max(0, m_start - 14): m_start]))
        else:
            honorific = bool(_HONORIFIC.search(text[max(0, m_start - 14): m_start]))
        right = _right_title(text, m_end)
        left = None if (honorific and right) else _left_title(text, m_start)
        # A title chained with commas ("Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lê Tiến Châu").
        if left:
            title, tstart = left
            prev = text[max(0, tstart - 60): tstart]
            chained = _chained_title().search(prev)
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
        k = person_key(h.value[0])
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
    (0, compile_cached(r"(đồng\s+chủ\s+trì|chủ\s+trì|điều\s+hành\s+(?=hội\s+nghị|cuộc\s+họp|buổi|phiên|giao\s+ban))"
                   r"(?!\s*,?\s*phối\s+hợp)", re.I)),
    (1, compile_cached(r"(có\s+buổi\s+|đã\s+|đến\s+|và\s+)?làm\s+việc\s+(với|tại)|làm\s+trưởng\s+đoàn", re.I)),
    (2, compile_cached(r"kết\s+luận", re.I)),
    (3, compile_cached(r"dự\s+và\s+(phát\s+biểu\s+)?chỉ\s+đạo|phát\s+biểu\s+chỉ\s+đạo", re.I)),
)
# "X ... giao Sở TT&TT chủ trì tham mưu": X assigns the lead role to an agency, X does not preside.
_DELEGATES = compile_cached(r"\b(giao|đề nghị|yêu cầu|chỉ đạo|phân công|tiếp thu|cho|để|đối với)\b", re.I)
_CLAUSE_END = compile_cached(r"[.;\n]\s|\n|$")


# Where a clause ends; _clause_start reads it from the right with str.rfind.
_BOUNDARY = compile_cached(r"(?<![A-ZĐ])(?<!TP)\.\s|[;\n]")
_CUES_LOW = tuple(None if (low := lowered(cue_re)) is None else LiteralStarts(low, index=LOWERED_WORDS)
                  for _, cue_re in _CUES)


def _clause_end(text: str, pos: int) -> int:
    """_CLAUSE_END.search(text, pos).start(): the first line break, or "." or ";" with white
    space after it, from pos on; else the end of the text."""
    limit = text.find("\n", pos)
    if limit == -1:
        limit = len(text)
    for ch in ".;":
        i = text.find(ch, pos, limit)
        while i != -1:
            if text[i + 1:i + 2].isspace():
                limit = i
                break
            i = text.find(ch, i + 1, limit)
    return limit


def _clause_start(text: str, pos: int) -> int:
    """After the last full stop, semicolon or line break before pos ("Q. Giám đốc" is no stop).

    The end of the last _BOUNDARY match in text[lo:pos], found from the right: the matches
    cannot hide one another (a ".\\n" ends where its "\\n" would)."""
    lo = max(0, pos - 400)
    end = max(text.rfind(";", lo, pos), text.rfind("\n", lo, pos)) + 1  # 0: none
    j = text.rfind(".", lo, pos - 1) if pos - 1 > lo else -1  # a dot with a character after it
    while j != -1 and j + 2 > end:
        if text[j + 1].isspace() and _clause_dot(text, j):
            end = j + 2
            break
        j = text.rfind(".", lo, j)
    return end if end else lo


def _clause_dot(text: str, j: int) -> bool:
    """The "." at j ends a clause: it is not after an initial ("Q. Giám đốc") nor an
    abbreviation ("TP. Huế", "TS. Nguyễn Văn A"). After an acronym it does ("... Phó Giám đốc
    Sở TT&TT. Ông X chủ trì")."""
    if not (j and text[j - 1] in _CAPITALS_BEFORE_DOT):
        return True
    i = j - 1
    while i > 0 and (text[i - 1].isalpha() or text[i - 1] == "&"):
        i -= 1
    word = text[i:j]
    return len(word) > 1 and word not in _ABBREVIATIONS


_CAPITALS_BEFORE_DOT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZĐ")
# Written with a dot before a name or place: city, doctor, master, (associate) professor,
# engineer, physician, bachelor.
_ABBREVIATIONS = frozenset(("TP", "TS", "ThS", "PGS", "GS", "KS", "BS", "CN", "NCS"))


def find_chair(text: str, mentions: list[Hit], people: list[Hit] | None = None,
               meeting_type: str | None = None) -> Hit | None:
    """Who chaired. In the clause of a cue, the first official named before it (co-chairs:
    the first named), else the first named after it ("Kết luận buổi làm việc, Phó Chủ tịch
    ... X yêu cầu"). The title is the fullest one the article gives that person."""
    best: tuple[int, int, Hit] | None = None
    titled = [h for h in mentions if h.value[1] or h.rule == "person.honorific"]
    low = lowered_text(text)
    for (rank, cue_re), cue_low in zip(_CUES, _CUES_LOW):
        if rank == 1 and meeting_type != "lam_viec":
            continue
        cues = cue_low.finditer(low) if low is not None and cue_low is not None else cue_re.finditer(text)
        for cue in cues:
            c_start = _clause_start(text, cue.start())
            c_end = _clause_end(text, cue.end())
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
    name_key = person_key(name)
    for p in people or []:
        if person_key(p.value[0]) == name_key and len(p.value[1]) > len(title):
            title = p.value[1]
    return Hit((name, title), chosen.start, chosen.end, "chair." + chosen.rule.split(".")[-1])


@memo()
def person_key(name: str) -> str:
    return key(normalize_tones(name))

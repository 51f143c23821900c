"""Which province an article concerns: named, through its districts, its portal or its URL."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from urllib.parse import urlparse

from loaders.gazetteer import EXTRA_ALIASES, districts, provinces
from loaders.hits import Hit
from loaders.rules import compile_cached
from loaders.text import UPPER, fold, fold_keep_case, key

# Evidence weights. A prefixed mention ("tỉnh Hậu Giang", "UBND tỉnh Đồng Tháp") is the
# strongest; a bare name can be a district ("huyện Hòa Bình" in Bạc Liêu) or part of a
# street; a district counts for its province only when its name is unique in the country.
W_PREFIXED, W_BARE, W_DISTRICT, W_URL, W_CHROME, W_TITLE_BONUS = 3.0, 1.5, 1.0, 2.5, 2.0, 1.5
_UNIT_BEFORE = compile_cached(r"(huyen|quan|thi xa|\bxa|phuong|thi tran|duong|(?<!thanh )pho|\bcau|song|nui|\bho)\s+$")
# "Sở Thông tin và Truyền thông Hải Phòng", "Sở Khoa học và Công nghệ Huế": the department's
# own province, named like "tỉnh X".
_PROVINCE_BEFORE = compile_cached(r"(tinh|thanh pho|tp\.?|t\.p\.?|truyen thong|cong nghe)\s+$")
# The capitalised word just before a name: a surname makes the name a person's given names
# ("Phạm Thanh Hoa" is no "Thanh Hóa").
_WORD_BEFORE = compile_cached(r"(\S+) $")
_DISTRICT_BEFORE = compile_cached(r"(huyen|quan|thi xa|thanh pho|tp\.?)\s+$")
# "(cũ)" after a name: a province or district that no longer exists ("tỉnh Hậu Giang (cũ)"),
# mentioned in post-2025 articles for history, never as the meeting's province.
_FORMER_AFTER = compile_cached(r"\s*\((cu|truoc day)\)")
_MAX_WORDS = 4


# The four patterns above, tested on the 16 characters before a name, as str methods: "WORDS\s+$"
# searched matches iff the characters end with white space (\s is str.isspace) and, that taken
# off, with one of the words; \b and the look-behind are read on the same characters.
# tests/loaders/test_text_lowered.py compares each with its pattern.
_UNIT_WORDS = ("huyen", "quan", "thi xa", "phuong", "thi tran", "duong", "song", "nui")
_UNIT_WORDS_AT_WORD_START = ("xa", "cau", "ho")  # \bxa, \bcau, \bho
_PROVINCE_WORDS = ("tinh", "thanh pho", "tp", "tp.", "t.p", "t.p.", "truyen thong", "cong nghe")
_DISTRICT_WORDS = ("huyen", "quan", "thi xa", "thanh pho", "tp", "tp.")


def _unit_before(before: str) -> bool:
    """_UNIT_BEFORE.search(before) is not None."""
    s = before.rstrip()
    if len(s) == len(before):
        return False
    if s.endswith(_UNIT_WORDS) or (s.endswith("pho") and not s.endswith("thanh pho")):
        return True
    for w in _UNIT_WORDS_AT_WORD_START:
        if s.endswith(w):
            i = len(s) - len(w)
            if i == 0 or not (s[i - 1].isalnum() or s[i - 1] == "_"):
                return True
    return False


def _word_before(before: str, words: tuple[str, ...]) -> bool:
    """re.search("(" + "|".join(words) + r")\\s+$", before) for words of letters and dots."""
    s = before.rstrip()
    return len(s) < len(before) and s.endswith(words)
# Names are capitalised in running text, so a lookup starts only where a capital begins a
# word; the next words are read from the folded text ("Bà Rịa – Vũng Tàu" -> "ba ria vung tau").
_WORD_START = compile_cached(rf"[{re.escape(UPPER)}]")
_NEXT_WORDS = compile_cached(r"([a-z]+)(?:(?:\s*[-–]\s*|\s+)([a-z]+))?(?:(?:\s*[-–]\s*|\s+)([a-z]+))?"
                         r"(?:(?:\s*[-–]\s*|\s+)([a-z]+))?")
# Abbreviations that are not capitalised words: "TP.HCM", "TPHCM", "BR-VT".
_ABBREV = compile_cached(r"(?<![a-z])(tp\.? ?hcm|tphcm|br-vt)(?![a-z])")


def _norm(name: str) -> str:
    return " ".join(re.split(r"\s*[-–]\s*|\s+", fold(name).strip()))


@cache
def _province_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for p in provinces():
        names[_norm(p.name)] = p.name
    for alias, name in EXTRA_ALIASES.items():
        names[_norm(alias)] = name
    return names


@cache
def _district_owners() -> dict[str, tuple[str, ...]]:
    owners: dict[str, set[str]] = defaultdict(set)
    province_keys = {key(p.name) for p in provinces()}
    for d in districts():
        if d.kind == "Thành phố" and key(d.name) in province_keys:
            continue  # "thành phố Cần Thơ" etc. are provinces, counted as such
        owners[_norm(d.name)].add(d.province)
    return {k: tuple(sorted(v)) for k, v in owners.items()}


@cache
def _first_words() -> frozenset[str]:
    return frozenset(n.split()[0] for n in (*_province_names(), *_district_owners()))


def first_words() -> frozenset[str]:
    """The first word (folded) of every province and district name."""
    return _first_words()


_SEP = r"(?:\s*[-–]\s*|\s+)"  # between the words of _NEXT_WORDS


@cache
def _name_regex() -> re.Pattern:
    """One regex for every known name (of at most _MAX_WORDS words), on fold_keep_case(text):
    a capital that starts a word, then the words of the name, each a whole run of letters in
    any case, joined as _NEXT_WORDS joins them; the longest name first. It finds what the
    loop over capitals in _mentions_by_capitals finds, in one pass."""
    root: dict = {}
    for n in (*_province_names(), *_district_owners()):
        words = n.split()
        if len(words) > _MAX_WORDS or not all(re.fullmatch("[a-z]+", w) for w in words):
            continue  # "tp.hcm": not words _NEXT_WORDS reads (_ABBREV finds it)
        node = root
        for ch in "\0".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}

    def atom(ch: str) -> str:
        return _SEP if ch == "\0" else f"[{ch.upper()}{ch}]"

    def emit(node: dict) -> str:
        alts = [atom(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if "" in node:
            alts.append("(?![a-zA-Z])")  # the name ends with a whole word
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    # The first letter is a capital, not after a letter, a digit or an apostrophe; written
    # first, so that the engine skips ahead to capitals.
    firsts = [ch.upper() + r"(?<![^\W_].)(?<!'.)" + emit(sub) for ch, sub in sorted(root.items())]
    return compile_cached("(?:" + "|".join(firsts) + ")")


_FIRST_WORD = compile_cached(r"[a-z]+")


def _mentions(text: str, folded: str):
    """(start, end, normalised name) for each capitalised name of 1-4 words, longest first."""
    for m in _name_regex().finditer(fold_keep_case(text)):
        s, e = m.span()
        yield s, e, " ".join(_FIRST_WORD.findall(folded, s, e))
    if "hcm" in folded or "br-vt" in folded:  # every _ABBREV match has one of them
        for m in _ABBREV.finditer(folded):
            yield m.start(), m.end(), _norm(m.group(1))


def _mentions_by_capitals(text: str, folded: str):
    """_mentions as first written: a loop over the capitals (tests compare the two)."""
    provinces_, owners, firsts = _province_names(), _district_owners(), _first_words()
    pos_end = -1
    for w in _WORD_START.finditer(text):
        s = w.start()
        if s < pos_end or (s and (text[s - 1].isalnum() or text[s - 1] == "'")):
            continue
        first = _FIRST_WORD.match(folded, s)
        if not first or first.group(0) not in firsts:
            continue  # most capitalised words ("Sở", "Giám") start no place name
        m = _NEXT_WORDS.match(folded, s)
        if not m:
            continue
        parts = [g for g in m.groups() if g]
        for n in range(len(parts), 0, -1):
            name = " ".join(parts[:n])
            if name in provinces_ or name in owners:
                end = m.end(n)
                yield s, end, name
                pos_end = end
                break
    for m in _ABBREV.finditer(folded):
        yield m.start(), m.end(), _norm(m.group(1))


def score_text(text: str, source: str, weight: float = 1.0) -> tuple[dict[str, float], dict[str, Hit]]:
    """Province scores from one piece of text; also the first hit per province."""
    folded = fold(text)
    provinces_, owners = _province_names(), _district_owners()
    scores: dict[str, float] = defaultdict(float)
    first: dict[str, Hit] = {}
    for start, end, name in _mentions(text, folded):
        if _FORMER_AFTER.match(folded, end):
            continue
        before = folded[max(0, start - 16): start]
        province = provinces_.get(name)
        if province and not _unit_before(before):
            prefixed = _word_before(before, _PROVINCE_WORDS)
            if not prefixed and _after_surname(text, start):
                continue
            rule, w = ("province.prefixed", W_PREFIXED) if prefixed else ("province.bare", W_BARE)
            scores[province] += w * weight
            first.setdefault(province, Hit(province, start, end, rule, source))
            continue
        found = owners.get(name, ())
        prefixed = _word_before(before, _DISTRICT_WORDS) or _in_district_list(folded, start)
        if not prefixed or len(found) != 1:
            # Bare district names collide with people's and places' names, and "Tam Nông"
            # is in Đồng Tháp and in Phú Thọ: neither can decide alone.
            continue
        scores[found[0]] += W_DISTRICT * weight
        first.setdefault(found[0], Hit(found[0], start, end, "province.district", source))
    return scores, first


def _after_surname(text: str, start: int) -> bool:
    from loaders.people import surnames

    w = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return bool(w) and w.group(1) in surnames()


_LIST_START = compile_cached(r"(cac|hai|ba|bon|nam|sau|bay) (huyen|quan|thi xa)( va thanh pho| thi xa| thanh pho)?\s*:?[^.;:]*$")


def _in_district_list(folded: str, pos: int) -> bool:
    """Inside "các huyện: Kỳ Sơn, Tương Dương, Con Cuông" the prefix is said once."""
    return bool(_LIST_START.search(folded, max(0, pos - 120), pos))


_HOST_PREFIX = compile_cached(r"^(so)?(tttt|stttt|skhcn|sokhcn|ubnd|cong|bao|baodientu|portal|www)")


@cache
def _compact_names() -> dict[str, str]:
    """_province_names() keyed without spaces, as a host writes them ("binhdinh")."""
    return {k.replace(" ", ""): v for k, v in _province_names().items()}


def _url_scores(url: str | None) -> tuple[dict[str, float], dict[str, Hit]]:
    """Provincial portals and newspapers name the province in the host: stttt.binhdinh.gov.vn,
    baohaugiang.com.vn, baodongthap.vn."""
    if not url:
        return {}, {}
    try:
        parsed = urlparse(url if "//" in url else "//" + url)
        host = (parsed.hostname or "").lower()
    except ValueError:
        return {}, {}
    compact = _compact_names()
    scores: dict[str, float] = {}
    first: dict[str, Hit] = {}
    for label in host.split("."):
        for cand in (label, _HOST_PREFIX.sub("", label)):
            name = compact.get(cand)
            if name:
                scores[name] = W_URL
                first[name] = Hit(name, 0, 0, "province.url_host", "url")
                break
    return scores, first


def find_province(text: str, title: str | None, chrome: str, url: str | None) -> Hit | None:
    """The province with the most weighted evidence; None when nothing decides."""
    total: dict[str, float] = defaultdict(float)
    best_hit: dict[str, Hit] = {}
    order: dict[str, tuple[int, int]] = {}  # where each province is first named: a tie goes to the first
    parts = [(title or "", "title", W_TITLE_BONUS), (text, "text", 1.0), (chrome, "chrome", 0.7)]
    for i, (chunk, source, weight) in enumerate(parts):
        if not chunk:
            continue
        scores, first = score_text(chunk, source, weight)
        for name, s in scores.items():
            total[name] += s
            order.setdefault(name, (i, first[name].start))
            if name not in best_hit or (best_hit[name].source != "text" and source == "text"):
                best_hit[name] = first[name]
    scores, first = _url_scores(url)
    for name, s in scores.items():
        total[name] += s
        best_hit.setdefault(name, first[name])
    if not total:
        return None
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], order.get(kv[0], (9, 0)), kv[0]))
    name, score = ranked[0]
    if score < 1.0:
        return None
    hit = best_hit[name]
    hit.extra["score"] = round(score, 2)
    hit.extra["runner_up"] = ranked[1][0] if len(ranked) > 1 else None
    return hit

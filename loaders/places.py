"""Which province an article concerns: named, through its districts, its portal or its URL."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from urllib.parse import urlparse

from loaders.gazetteer import EXTRA_ALIASES, districts, provinces
from loaders.hits import Hit
from loaders.text import fold, key

# Evidence weights. A prefixed mention ("tỉnh Hậu Giang", "UBND tỉnh Đồng Tháp") is the
# strongest; a bare name can be a district ("huyện Hòa Bình" in Bạc Liêu) or part of a
# street; a district counts for its province only when its name is unique in the country.
W_PREFIXED, W_BARE, W_DISTRICT, W_URL, W_CHROME, W_TITLE_BONUS = 3.0, 1.5, 1.0, 2.5, 2.0, 1.5
_UNIT_BEFORE = re.compile(r"(huyen|quan|thi xa|xa|phuong|thi tran|duong|pho|cau|song|nui|ho)\s+$")
_PROVINCE_BEFORE = re.compile(r"(tinh|thanh pho|tp\.?|t\.p\.?)\s+$")
_DISTRICT_BEFORE = re.compile(r"(huyen|quan|thi xa|thanh pho|tp\.?)\s+$")


def _words(name: str) -> str:
    return r"\s*[-–]?\s*".join(re.escape(w) for w in re.split(r"\s*[-–]\s*|\s+", fold(name)))


@lru_cache(maxsize=1)
def _province_regex() -> tuple[re.Pattern, dict[str, str]]:
    names: dict[str, str] = {}
    for p in provinces():
        names[fold(p.name)] = p.name
    for alias, name in EXTRA_ALIASES.items():
        names[fold(alias)] = name
    alts = sorted(names, key=len, reverse=True)
    pattern = r"(?<![a-z])(" + "|".join(_words(a) for a in alts) + r")(?![a-z])"
    lookup = {re.sub(r"[^a-z]", "", k): v for k, v in names.items()}
    return re.compile(pattern), lookup


@lru_cache(maxsize=1)
def _district_regex() -> tuple[re.Pattern, dict[str, list[str]]]:
    owners: dict[str, set[str]] = defaultdict(set)
    province_keys = {key(p.name) for p in provinces()}
    for d in districts():
        if d.kind == "Thành phố" and key(d.name) in province_keys:
            continue  # "thành phố Cần Thơ" etc. are provinces, counted as such
        owners[fold(d.name)].add(d.province)
    alts = sorted(owners, key=len, reverse=True)
    pattern = r"(?<![a-z])(" + "|".join(_words(a) for a in alts) + r")(?![a-z])"
    lookup = {re.sub(r"[^a-z]", "", k): sorted(v) for k, v in owners.items()}
    return re.compile(pattern), lookup


def _canon_from_match(text: str, lookup: dict) -> object:
    return lookup.get(re.sub(r"[^a-z]", "", text))


def score_text(text: str, source: str, weight: float = 1.0) -> tuple[dict[str, float], dict[str, Hit]]:
    """Province scores from one piece of text; also the first hit per province."""
    folded = fold(text)
    scores: dict[str, float] = defaultdict(float)
    first: dict[str, Hit] = {}
    preg, plook = _province_regex()
    taken: list[tuple[int, int]] = []
    for m in preg.finditer(folded):
        name = _canon_from_match(m.group(1), plook)
        if not name:
            continue
        before = folded[max(0, m.start() - 12): m.start()]
        if _UNIT_BEFORE.search(before):
            continue  # a district or street that shares the province's name
        rule, w = ("province.prefixed", W_PREFIXED) if _PROVINCE_BEFORE.search(before) else (
            "province.bare", W_BARE)
        scores[name] += w * weight
        taken.append((m.start(), m.end()))
        first.setdefault(name, Hit(name, m.start(), m.end(), rule, source))
    dreg, dlook = _district_regex()
    for m in dreg.finditer(folded):
        if any(s <= m.start() < e for s, e in taken):
            continue
        owners = _canon_from_match(m.group(1), dlook) or []
        before = folded[max(0, m.start() - 12): m.start()]
        prefixed = bool(_DISTRICT_BEFORE.search(before)) or _in_district_list(folded, m.start())
        if not prefixed:
            continue  # bare district names collide with people's and places' names
        if len(owners) != 1:
            continue  # "Tam Nông" is in Đồng Tháp and in Phú Thọ: it cannot decide alone
        name = owners[0]
        scores[name] += W_DISTRICT * weight
        first.setdefault(name, Hit(name, m.start(), m.end(), "province.district", source))
    return scores, first


def _in_district_list(folded: str, pos: int) -> bool:
    """Inside "các huyện: Kỳ Sơn, Tương Dương, Con Cuông" the prefix is said once."""
    window = folded[max(0, pos - 120): pos]
    m = re.search(r"(cac|hai|ba|bon|nam) (huyen|quan|thi xa)( va thanh pho| thi xa)?\s*:?[^.;:]*$", window)
    return bool(m)


def _url_scores(url: str | None) -> tuple[dict[str, float], dict[str, Hit]]:
    if not url:
        return {}, {}
    try:
        parsed = urlparse(url if "//" in url else "//" + url)
    except ValueError:
        return {}, {}
    labels = re.split(r"[.\-/_]", (parsed.hostname or "") + "/" + (parsed.path or ""))
    _, plook = _province_regex()
    compact = {k: v for k, v in plook.items()}
    scores: dict[str, float] = {}
    first: dict[str, Hit] = {}
    host = (parsed.hostname or "").split(".")
    for label in host:
        label = re.sub(r"^(so)?(tttt|stttt|skhcn|sokhcn|ubnd|cong)", "", label.lower())
        if label in compact:
            name = compact[label]
            scores[name] = W_URL
            first[name] = Hit(name, 0, 0, "province.url_host", "url")
    del labels
    return scores, first


def find_province(text: str, title: str | None, chrome: str, url: str | None) -> Hit | None:
    """The province with the most weighted evidence; None when nothing decides."""
    total: dict[str, float] = defaultdict(float)
    best_hit: dict[str, Hit] = {}
    parts = [(title or "", "title", W_TITLE_BONUS), (text, "text", 1.0), (chrome, "chrome", 0.7)]
    for chunk, source, weight in parts:
        if not chunk:
            continue
        scores, first = score_text(chunk, source, weight)
        for name, s in scores.items():
            total[name] += s
            if name not in best_hit or (best_hit[name].source != "text" and source == "text"):
                best_hit[name] = first[name]
    scores, first = _url_scores(url)
    for name, s in scores.items():
        total[name] += s
        best_hit.setdefault(name, first[name])
    if not total:
        return None
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))
    name, score = ranked[0]
    if score < 1.0:
        return None
    hit = best_hit[name]
    hit.extra["score"] = round(score, 2)
    hit.extra["runner_up"] = ranked[1][0] if len(ranked) > 1 else None
    return hit

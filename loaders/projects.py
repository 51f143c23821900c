"""Named projects, schemes, plans, planning documents and systems, with the stage a mention reports."""
from __future__ import annotations

import re
from functools import cache

from loaders.hits import Hit
from loaders.rules import next_words_ok, table, trie_regex, words
from loaders.text import fold, normalize_tones

_NUMBERED = re.compile(r"\s*(\d{1,4})(?![\d/\-\w])")  # "Đề án 06", "Chương trình 135"
_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z0-9\-]{1,7})\)")  # "(IOC)", "(LGSP)"
_AND_NEXT = re.compile(r"\s(và|cùng|cho|tại|vào|lên|sang|với|của)\s+(?=(Cổng|Hệ thống|hệ thống|Trung tâm|Nền tảng|nền tảng|Kế hoạch|"
                       r"kế hoạch|Đề án|đề án|Dự án|dự án|Quy hoạch|Chương trình|phần mềm|Phần mềm|"
                       r"Trang|trang|\d+\s))")
_DOCUMENT_KIND = re.compile(r"(du an|de an|ke hoach|quy hoach|chuong trinh|quy che)\b")
_ICT_ACRONYM = re.compile(r"\b(IOC|SOC|LGSP|NGSP|CNTT|IPv6|IPV6|LAN|WAN)\b")  # case matters: "Sóc" is not SOC
_HARD_END = re.compile(r"[;.:()\n“”\"!?]")
_DOCUMENT_CODES = ("de_an", "ke_hoach", "chuong_trinh", "quy_hoach", "du_an")
_STAGE_ORDER = {None: 0, "proposed": 1, "submitted": 2, "approved": 3, "under_way": 4, "completed": 5}
_MAX_WORDS = 28


@cache
def _kind_codes() -> dict[str, str]:
    out = {}
    for line in words("projects", "kind_code"):
        k, _, v = line.partition("=")
        out[k.strip()] = v.strip()
    return out


@cache
def _comma_continuations() -> tuple[str, ...]:
    return tuple(fold(w) for w in words("projects", "continue_after_comma"))


def _rule(group: str):
    return table("projects")[group][0]


def find_projects(text: str, legal_refs: list[Hit] | None = None) -> list[Hit]:
    """One Hit per project named in the text; value = (name, kind code, stage or None).

    Mentions of the same project (same project_key) are merged; the stage kept is the most
    advanced one the article reports.
    """
    legal_spans = [(h.start, h.end) for h in legal_refs or []]
    kind_re = _fast(_rule("kind").pattern)
    folded = fold(text)
    mentions: list[Hit] = []
    aliases: set[str] = set()
    matches = [m for m in kind_re.finditer(folded)
               if not (m.start() and folded[m.start() - 1].isalnum()) and _raw_kind_ok(text, m)]
    matches += [_Portal(m.start(), m.end()) for m in _rule("kind_raw").pattern.finditer(text)]
    matches.sort(key=lambda m: m.start())
    for m in matches:
        if mentions and m.start() < mentions[-1].end:
            continue  # "Đề án thành lập Trung tâm ..." already covers its inner "Trung tâm ..."
        if any(a <= m.start() < b for a, b in legal_spans):
            continue
        if m.start() > 0 and text[m.start() - 1] == "(":
            # "(Đề án 06)": an alias of the project named just before it.
            num = _NUMBERED.match(text, m.end())
            if num:
                aliases.add(project_key(m.group(1) + " " + num.group(1)))
            continue
        hit = _mention(text, folded, m)
        if hit:
            mentions.append(hit)
    return _merge(mentions, aliases)


class _Portal:
    """A "Cổng" found on the raw text, shaped like the folded kind matches."""

    def __init__(self, start: int, end: int) -> None:
        self._span = (start, end)

    def start(self, group: int = 0) -> int:
        return self._span[0]

    def end(self, group: int = 0) -> int:
        return self._span[1]

    def group(self, group: int = 0) -> str:
        return "cong"


@cache
def _fast(pattern: re.Pattern) -> re.Pattern:
    """The kind words as one trie-shaped regex: the engine then tests one branch per letter
    instead of every alternative at every position (several times faster). Word boundaries
    are checked by the caller."""
    body = pattern.pattern.removeprefix("\\b(").removesuffix(")\\b")
    return re.compile("(" + trie_regex(body.split("|")) + ")(?![a-z0-9])", pattern.flags)


def _raw_kind_ok(text: str, m: re.Match) -> bool:
    """Checks the folded match cannot make: "cong" must be "Cổng", "Chương trình" a title,
    "ứng dụng" a named app ("ứng dụng VNeID", "Ứng dụng công dân số")."""
    raw = text[m.start(): m.end()]
    kind = m.group(1).strip()
    if not next_words_ok(_rule("kind"), fold(text), m):
        return False
    if kind in ("de an", "du an"):
        return raw.lower() in ("đề án", "dự án")  # not "để an toàn"
    titled = raw[:1].isupper() and not raw[1:2].isupper() and not _sentence_start(text, m.start())
    if kind == "ung dung":
        # "ứng dụng VNeID" (a brand: a capital inside the word); "ứng dụng CNTT" is IT use.
        nxt = re.match(r"\s*(\S+)", text[m.end():])
        word = nxt.group(1) if nxt else ""
        return titled or bool(re.match(r"[A-Za-z]+[A-Z][a-z]", word))
    if kind in ("chuong trinh", "trang thong tin dien tu"):
        nxt = text[m.end(): m.end() + 2].strip()
        return titled or nxt[:1].isupper()
    return True


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" “\"")
    return not before or before[-1] in ".\n:;!?"


def _mention(text: str, folded: str, m: re.Match) -> Hit | None:
    kind_word = text[m.start(1): m.end(1)]
    code = _kind_codes().get(m.group(1).strip(), "other")
    num = _NUMBERED.match(text, m.end())
    if num and code in ("de_an", "chuong_trinh", "du_an"):
        # A programme known by its number ("Đề án 06") is a project, not a legal reference.
        name = text[m.start(): num.end()]
        return Hit((name, code, _stage(text, m.start())[1]), m.start(), num.end(), "project.numbered")
    quoted = re.match(r"\s*[“\"]([^”\"\n]{4,200})[”\"]", text[m.end():])
    if quoted:
        # Đề án “Xây dựng chính quyền điện tử ...”: the quoted title is the name.
        end = m.end() + quoted.end()
        name = kind_word + " " + quoted.group(1).strip()
        stage_rule, stage = _stage(text, m.start())
        return Hit((name, code, stage), m.start(), end, "project.quoted")
    end = _name_end(text, folded, m.end())
    name = re.sub(r"(\s+(và|cùng|với|hoặc))+$", "", text[m.start():end].strip(" ,-–"))
    tail = name[len(kind_word):].strip()
    if code in ("phong_trao", "mo_hinh"):
        return Hit((name, code, _stage(text, m.start())[1]), m.start(), m.start() + len(name), "project.named")
    if len(tail.split()) < 1 or (len(tail.split()) < 2 and code in ("de_an", "ke_hoach", "du_an",
                                                                    "chuong_trinh", "quy_hoach")):
        return None
    if re.match(r"(số\s+)?\d", tail) or re.match(r"(của|này|đó|trên|cho|về|năm|với|các)\b", tail):
        return None  # "Kế hoạch số 28/KH-STTTT" is a legal reference; "dự án này" names nothing
    name_f = folded[m.start(): m.start() + len(name)] if text.startswith(name, m.start()) else fold(name)
    titled = kind_word[:1].isupper() and not _sentence_start(text, m.start())
    if _rule("agency").pattern.search(name_f) or (not titled and _rule("generic").pattern.search(name_f)):
        return None
    if code in ("cong", "trung_tam", "he_thong", "nen_tang", "quy_che") and not _is_ict(name, name_f):
        return None
    if code == "quy_che" and not titled:
        return None  # "quy chế sử dụng ..." in running text is an internal rule, not a named one
    stage_rule, stage = _stage(text, m.start())
    return Hit((name, code, stage), m.start(), m.start() + len(name),
               "project." + (stage_rule or "mention"))


def _is_ict(name: str, name_f: str) -> bool:
    return bool(_rule("ict").pattern.search(name_f) or _ICT_ACRONYM.search(name))


def _name_end(text: str, folded: str, pos: int) -> int:
    """Where the noun phrase that starts at a kind word ends."""
    limit = min(len(text), pos + 220)
    hard = _HARD_END.search(text, pos, limit)
    while hard and text[hard.start()] == "." and text[hard.start() + 1: hard.start() + 2].isdigit():
        hard = _HARD_END.search(text, hard.start() + 1, limit)  # "phiên bản 2.0"
    end = hard.start() if hard else limit
    if hard and text[hard.start()] == "(":
        acr = _ACRONYM.match(text, hard.start() - (1 if text[hard.start() - 1] == " " else 0))
        if acr:
            end = acr.end()  # "Trung tâm Giám sát, điều hành đô thị thông minh (IOC)" ends after it
    # Commas end the name unless the next words continue it ("Giám sát, điều hành").
    i = pos
    while True:
        c = text.find(",", i, end)
        if c == -1:
            break
        after = folded[c + 1: c + 30].strip()
        if not after.startswith(_comma_continuations()):
            end = c
            break
        i = c + 1
    stop = _rule("stop").pattern.search(text, pos, end)
    if stop:
        end = stop.start()
    nxt = _AND_NEXT.search(text, pos, end)
    if nxt and not (_DOCUMENT_KIND.match(folded, _kind_start(folded, pos)) and not _DOCUMENT_KIND.match(folded, nxt.end())):
        # "hệ thống một cửa điện tử và Cổng dịch vụ công" are two systems; "Quy chế Một cửa
        # điện tử và Cổng dịch vụ công" is one regulation about both.
        end = nxt.start()
    words_end = [w.end() for w in re.finditer(r"\S+", text[pos:end])]
    if len(words_end) > _MAX_WORDS:
        end = pos + words_end[_MAX_WORDS - 1]
    return end


def _kind_start(folded: str, pos: int) -> int:
    """Start of the kind word that ends at `pos`."""
    m = re.search(r"(du an|de an|ke hoach|quy hoach|chuong trinh|quy che|\S+ \S+|\S+)\s*$", folded[max(0, pos - 20):pos])
    return pos - len(m.group(0)) if m else pos


def _stage(text: str, start: int) -> tuple[str | None, str | None]:
    """The stage a mention reports, read from the words just before it in its clause."""
    clause_start = max(text.rfind(";", 0, start), text.rfind(".", 0, start),
                       text.rfind("\n", 0, start), start - 80)
    before = text[clause_start + 1:start].lower()
    best = None
    for rule in table("projects")["stage"]:
        for m in rule.pattern.finditer(before):
            if best is None or m.start() > best[0]:
                best = (m.start(), rule.id, rule.data["stage"])
    return (best[1].split(".")[-1], best[2]) if best else (None, None)


def _merge(mentions: list[Hit], aliases: set[str]) -> list[Hit]:
    by_key: dict[str, Hit] = {}
    alias_of: dict[str, str] = {}
    for h in mentions:
        k = project_key(h.value[0])
        if k in aliases and h.rule == "project.numbered":
            continue  # a later "Đề án 06" that is the alias of a full title given earlier
        target = alias_of.get(k) or next((kk for kk in by_key if _same_project(k, kk)), None)
        if target is None and h.value[1] in _DOCUMENT_CODES:
            # "Đề án Chuyển đổi số tỉnh" after "Đề án Chuyển đổi số tỉnh Đắk Nông giai đoạn
            # 2020 - 2025": articles name a plan in full once, then refer back to it shortly.
            target = next((kk for kk, v in by_key.items() if v.value[1] == h.value[1]
                           and kk.startswith(k) and len(k) >= 8), None)
        if target is None:
            by_key[k] = h
            acr = re.search(r"\(([A-Z][A-Za-z0-9\-]{1,7})\)\s*$", h.value[0])
            if acr:
                # "Trung tâm Giám sát, điều hành đô thị thông minh (IOC)" is later "Trung tâm IOC".
                kind = re.match(r"\S+\s+\S+", h.value[0])
                if kind:
                    alias_of[project_key(kind.group(0) + " " + acr.group(1))] = k
            continue
        same = by_key[target]
        name, code, stage = same.value
        if len(h.value[0]) > len(name) and _same_project(k, target):
            name = h.value[0]  # the fuller name (with its horizon) is the one to show
        if _STAGE_ORDER[h.value[2]] > _STAGE_ORDER[stage]:
            stage = h.value[2]
        same.value = (name, code, stage)
    return list(by_key.values())


_HORIZON_TAIL = re.compile(r"-(den-nam|giai-doan|nam-\d{4}|tam-nhin|dinh-huong)")


def _same_project(a: str, b: str) -> bool:
    """A plan named once with its horizon and once without ("Chương trình Chuyển đổi số quốc
    gia" / "... đến năm 2025, định hướng đến năm 2030") is one plan; "Cổng dịch vụ công" and
    "Cổng Dịch vụ công quốc gia" are two portals."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and bool(_HORIZON_TAIL.match(long_[len(short):]))


def project_key(name: str) -> str:
    """One key for one project across articles: folded, without the kind word and filler."""
    k = fold(normalize_tones(name))
    k = re.sub(r"\([^)]*\)", " ", k)
    k = re.sub(r"^(du an|de an|ke hoach|quy hoach|chuong trinh|he thong|nen tang|quy che)\s+", "", k)
    k = re.sub(r"\b(xay dung|trien khai|thuc hien|nang cap|lap|dieu chinh|bo sung|dau tu)\b", " ", k)
    k = re.sub(r"\b(tinh|thanh pho|tp|cua|cap tinh)\b", " ", k)
    return re.sub(r"[^a-z0-9]+", "-", k).strip("-")[:120]

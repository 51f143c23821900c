"""Named projects, schemes, plans, planning documents and systems, with the stage a mention reports."""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from loaders.hits import Hit
from loaders.rules import (
    FOLDED_WORDS,
    LOWERED_WORDS,
    LiteralStarts,
    by_first_letter,
    case_free,
    compile_cached,
    lowered,
    table,
    trie_regex,
    words,
)
from loaders.text import fold, normalize_tones, plain, register_cache
from loaders.text import lowered as lowered_text

_NUMBERED = compile_cached(r"\s*(\d{1,4})(?![\d/\-\w])")  # "Đề án 06", "Chương trình 135"
_ACRONYM = compile_cached(r"\s*\(([A-Z][A-Za-z0-9\-]{1,7})\)")  # "(IOC)", "(LGSP)"
_AND_NEXT = compile_cached(r"\s(và|cùng|cho|tại|vào|lên|sang|với|của)\s+(?=(Cổng|Hệ thống|hệ thống|Trung tâm|Nền tảng|nền tảng|Kế hoạch|"
                       r"kế hoạch|Đề án|đề án|Dự án|dự án|Quy hoạch|Chương trình|phần mềm|Phần mềm|"
                       r"Trang|trang|\d+\s))")
_DOCUMENT_KIND = compile_cached(r"(du an|de an|ke hoach|quy hoach|chuong trinh|quy che|chien luoc)\b")
# A plan's title ends with its horizon ("... đến năm 2025", "... giai đoạn 2021 - 2025"): a
# comma before it is inside the title ("Đề án sắp xếp, phát triển các cơ quan báo chí đến năm 2025").
_HORIZON = compile_cached(r"(đến năm|giai đoạn) \d{4}")
# "Tổ công nghệ số cộng đồng": the team's name is the kind word and this word.
_TEAM_TAIL = compile_cached(r"\s+cộng đồng(?!\w)", re.IGNORECASE)
_ICT_ACRONYM = compile_cached(r"\b(IOC|SOC|LGSP|NGSP|CNTT|IPv6|IPV6|LAN|WAN)\b")  # case matters: "Sóc" is not SOC
# A system is moved "sang IPv6" (to): the name ends before it; a plan's title may hold it
# ("Đề án chuyển đổi các đài truyền thanh ... sang đài truyền thanh ứng dụng CNTT").
_SYSTEM_TO = compile_cached(r"\ssang(?=\s)")
_HARD_END = compile_cached(r"[;.:()\n“”\"!?]")
_DOCUMENT_CODES = ("de_an", "ke_hoach", "chuong_trinh", "quy_hoach", "du_an")
_STAGE_ORDER = {None: 0, "proposed": 1, "submitted": 2, "approved": 3, "under_way": 4, "completed": 5}
_MAX_WORDS = 28
_QUOTED = compile_cached(r"\s*[“\"]([^”\"\n]{4,200})[”\"]")
_TRAILING_AND = compile_cached(r"(\s+(và|cùng|với|hoặc))+$")
_TRAILING_WORDS = ("và", "cùng", "với", "hoặc")
_NUMBER_TAIL = compile_cached(r"(số\s+)?\d")
_FILLER_TAIL = compile_cached(r"(của|này|đó|trên|cho|về|năm|với|các)\b")
_NEXT_WORD = compile_cached(r"\s*(\S+)")
_BRAND = compile_cached(r"[A-Za-z]+[A-Z][a-z]")
# More than _MAX_WORDS runs of non-space: the match ends with the last word kept. Possessive,
# so a word is never split in two to make up the count.
_TOO_MANY_WORDS = compile_cached(r"(?:\s*+\S++){%d}(?=\s*\S)" % _MAX_WORDS)
_KIND_START = compile_cached(r"(du an|de an|ke hoach|quy hoach|chuong trinh|quy che|\S+ \S+|\S+)\s*$")
_ACRONYM_END = compile_cached(r"\(([A-Z][A-Za-z0-9\-]{1,7})\)\s*$")
_FIRST_TWO_WORDS = compile_cached(r"\S+\s+\S+")
_KEY_PARENS = compile_cached(r"\([^)]*\)")
_KEY_KIND_WORDS = ("du an", "de an", "ke hoach", "quy hoach", "chuong trinh", "he thong", "nen tang", "quy che")
_KEY_KIND = compile_cached(r"^(" + "|".join(_KEY_KIND_WORDS) + r")\s+")
_KEY_VERB_WORDS = ("xay dung", "trien khai", "thuc hien", "nang cap", "lap", "dieu chinh", "bo sung", "dau tu")
_KEY_VERBS = compile_cached(r"\b(" + "|".join(_KEY_VERB_WORDS) + r")\b")
_KEY_PLACE_WORDS = ("tinh", "thanh pho", "tp", "cua", "cap tinh")
_KEY_PLACE = compile_cached(r"\b(" + "|".join(_KEY_PLACE_WORDS) + r")\b")
_KEY_SEP = compile_cached(r"[^a-z0-9][^a-z0-9]*")  # [^a-z0-9]+, written so that the engine skips
# Every "Cổng" match of the kind_raw rule has its "ổ" (any case) right after the first letter.
_PORTAL_O = "ổỔ"


def _portal_o(text: str, low: str | None = None) -> list[int]:
    """Where an "ổ" or "Ổ" is, in order (str.find: much cheaper than a regex over the text).
    `low` is lowered(text) when the caller has it: there both are "ổ" (no other character
    lowers to it), so one pass over it finds them."""
    out = []
    if low is not None:
        i = low.find(_PORTAL_O[0])
        while i != -1:
            out.append(i)
            i = low.find(_PORTAL_O[0], i + 1)
        return out
    for ch in _PORTAL_O:
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    return sorted(out)


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


class _Rules:
    """The project rules in the forms the scans use, compiled once."""

    def __init__(self) -> None:
        kind = _rule("kind")
        self.kind = _fast(kind.pattern)
        self.kind_fast = case_free(self.kind)
        kind_words = tuple(kind.pattern.pattern.removeprefix("\\b(").removesuffix(")\\b").split("|"))
        self.kind_scan = (LiteralStarts(self.kind_fast, words=kind_words, index=FOLDED_WORDS)
                          if self.kind_fast is not self.kind else None)
        # rules.next_words_ok, compiled: kind words that count only before certain words.
        self.needs_next = {k: compile_cached(r"\s+" + v) for k, v in kind.data.get("needs_next", {}).items() if v}
        self.portal = _rule("kind_raw").pattern
        self.stop = _rule("stop").pattern
        self.stop_low = lowered(self.stop)
        if self.stop_low is not None:
            self.stop_low = compile_cached(by_first_letter(self.stop_low.pattern), self.stop_low.flags)
        self.agency = _rule("agency").pattern
        self.generic = _rule("generic").pattern
        self.ict = _rule("ict").pattern
        self.folded_fast = {id(p): case_free(p) for p in (self.agency, self.generic, self.ict)}
        self.stages = tuple((r.pattern, LiteralStarts(low, index=LOWERED_WORDS) if (low := lowered(r.pattern)) else None,
                             r.id.split(".")[-1], r.data["stage"])
                            for r in table("projects")["stage"])
        self.stages_by_words = all(scan is not None and scan.words is not None for _, scan, _, _ in self.stages)


@cache
def _rules() -> _Rules:
    return _Rules()


class _Doc:
    """One text and the forms of it the scans read, made once."""

    __slots__ = ("text", "folded", "plain", "low", "_stage_starts", "any_stage", "agency", "generic", "ict")

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self.plain = plain(self.folded)
        self.low = lowered_text(text)
        self._stage_starts = None
        self.any_stage: list[int] = []  # every position of stage_starts(), in order
        rules = _rules()
        self.agency, self.generic, self.ict = (self.on_folded(p) for p in (rules.agency, rules.generic, rules.ict))

    def stage_starts(self) -> list[list[int]] | None:
        """For each stage rule, where in the lower-cased text one of the words its matches
        start with is (str.find over the article once, not a regex over each clause)."""
        if self._stage_starts is None and self.low is not None:
            rules = _rules()
            if rules.stages_by_words:
                self._stage_starts = [scan.starts(self.low) for _, scan, _, _ in rules.stages]
                self.any_stage = sorted({p for here in self._stage_starts for p in here})
        return self._stage_starts

    def on_folded(self, pattern: re.Pattern) -> re.Pattern:
        return _rules().folded_fast[id(pattern)] if self.plain else pattern


def find_projects(text: str, legal_refs: list[Hit] | None = None) -> list[Hit]:
    """One Hit per project named in the text; value = (name, kind code, stage or None).

    Mentions of the same project (same project_key) are merged; the stage kept is the most
    advanced one the article reports.
    """
    legal_spans = [(h.start, h.end) for h in legal_refs or []]
    doc = _Doc(text)
    rules = _rules()
    folded = doc.folded
    kinds = (rules.kind_scan.finditer(folded) if doc.plain and rules.kind_scan is not None
             else rules.kind.finditer(folded))
    mentions: list[Hit] = []
    aliases: set[str] = set()
    matches = [m for m in kinds
               if not (m.start() and folded[m.start() - 1].isalnum()) and _raw_kind_ok(doc, m)]
    portal = rules.portal
    for o in _portal_o(text, doc.low):
        m = portal.match(text, o - 1) if o else None
        if m:
            matches.append(_Portal(m.start(), m.end()))
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
        hit = _mention(doc, m)
        if hit:
            mentions.append(hit)
    return _merge(mentions, aliases, doc)


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
    return compile_cached("(" + trie_regex(body.split("|")) + ")(?![a-z0-9])", pattern.flags)


def _raw_kind_ok(doc: _Doc, m: re.Match) -> bool:
    """Checks the folded match cannot make: "cong" must be "Cổng", "Chương trình" a title,
    "ứng dụng" a named app ("ứng dụng VNeID", "Ứng dụng công dân số")."""
    text = doc.text
    raw = text[m.start(): m.end()]
    kind = m.group(1).strip()
    need = _rules().needs_next.get(kind)
    if need is not None and not need.match(doc.folded, m.end(), m.end() + 40):
        return False  # rules.next_words_ok
    if kind in ("de an", "du an"):
        return raw.lower() in ("đề án", "dự án")  # not "để an toàn"
    if kind == "ung dung":
        # "ứng dụng VNeID" (a brand: a capital inside the word); "ứng dụng CNTT" is IT use.
        nxt = _NEXT_WORD.match(text, m.end())
        word = nxt.group(1) if nxt else ""
        return _titled(text, raw, m.start()) or bool(_BRAND.match(word))
    if kind in ("chuong trinh", "trang thong tin dien tu", "chien luoc"):
        nxt = text[m.end(): m.end() + 2].strip()
        return _titled(text, raw, m.start()) or nxt[:1].isupper()
    return True  # the other kinds need no capital: not worked out for them


def _titled(text: str, raw: str, start: int) -> bool:
    """The kind word `raw` (at `start`) is written as a title, not at a sentence start."""
    return raw[:1].isupper() and not raw[1:2].isupper() and not _sentence_start(text, start)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos].rstrip(" “\"")
    return not before or before[-1] in ".\n:!?"  # after ";" a capital is a name's


def _mention(doc: _Doc, m: re.Match) -> Hit | None:
    text, folded = doc.text, doc.folded
    kind_word = text[m.start(1): m.end(1)]
    code = _kind_codes().get(m.group(1).strip(), "other")
    # What follows the kind word, past white space: _NUMBERED needs a digit, _QUOTED a quote.
    nxt = m.end()
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    after = text[nxt:nxt + 1]
    num = _NUMBERED.match(text, m.end()) if after.isdigit() else None
    if num and code in ("de_an", "chuong_trinh", "du_an"):
        # A programme known by its number ("Đề án 06") is a project, not a legal reference.
        name = text[m.start(): num.end()]
        return Hit((name, code, _stage(doc, m.start())[1]), m.start(), num.end(), "project.numbered")
    quoted = _QUOTED.match(text, m.end()) if after in ("“", '"') else None
    if quoted:
        # Đề án “Xây dựng chính quyền điện tử ...”: the quoted title is the name.
        end = quoted.end()
        name = kind_word + " " + quoted.group(1).strip()
        stage_rule, stage = _stage(doc, m.start())
        return Hit((name, code, stage), m.start(), end, "project.quoted")
    end = _name_end(doc, m.end(), m.start())
    name = text[m.start():end].strip(" ,-–")
    if name.rstrip("\n").endswith(_TRAILING_WORDS):  # else _TRAILING_AND has nothing to take
        name = _TRAILING_AND.sub("", name)
    if code in ("phong_trao", "mo_hinh"):
        if code == "mo_hinh":
            # "Tổ công nghệ số cộng đồng" names the programme; "thành lập 320 tổ công nghệ số
            # cộng đồng" counts teams.
            if not (kind_word[:1].isupper() and not _sentence_start(text, m.start())):
                return None
            team = _TEAM_TAIL.match(text, m.end())
            name = kind_word + (team.group(0) if team else "")
        return Hit((name, code, _stage(doc, m.start())[1]), m.start(), m.start() + len(name), "project.named")
    tail = name[len(kind_word):].strip()
    n_tail = len(tail.split())
    if n_tail < 1 or (n_tail < 2 and code in ("de_an", "ke_hoach", "du_an", "chuong_trinh", "quy_hoach")):
        return None
    if _NUMBER_TAIL.match(tail) or _FILLER_TAIL.match(tail):
        return None  # "Kế hoạch số 28/KH-STTTT" is a legal reference; "dự án này" names nothing
    name_f = folded[m.start(): m.start() + len(name)] if text.startswith(name, m.start()) else fold(name)
    titled = kind_word[:1].isupper() and not _sentence_start(text, m.start())
    if doc.agency.search(name_f) or (not titled and doc.generic.search(name_f)):
        return None
    if code in ("cong", "trung_tam", "he_thong", "nen_tang", "quy_che") and not _is_ict(doc, name, name_f):
        return None
    if code == "quy_che" and not titled:
        return None  # "quy chế sử dụng ..." in running text is an internal rule, not a named one
    stage_rule, stage = _stage(doc, m.start())
    return Hit((name, code, stage), m.start(), m.start() + len(name),
               "project." + (stage_rule or "mention"))


def _is_ict(doc: _Doc, name: str, name_f: str) -> bool:
    return bool(doc.ict.search(name_f) or _ICT_ACRONYM.search(name))


def _name_end(doc: _Doc, pos: int, kind_start: int | None = None) -> int:
    """Where the noun phrase that starts at a kind word (ending at `pos`) ends."""
    text, folded = doc.text, doc.folded
    if kind_start is None:
        kind_start = _kind_start(folded, pos)
    is_document = _DOCUMENT_KIND.match(folded, kind_start) is not None
    # Only a title written with a capital runs on past a comma to its horizon.
    titled_document = is_document and text[kind_start:kind_start + 1].isupper()
    limit = min(len(text), pos + 220)
    hard = _HARD_END.search(text, pos, limit)
    while hard and text[hard.start()] == "." and text[hard.start() + 1: hard.start() + 2].isdigit():
        hard = _HARD_END.search(text, hard.start() + 1, limit)  # "phiên bản 2.0"
    end = hard.start() if hard else limit
    if hard and text[hard.start()] == "(":
        acr = _ACRONYM.match(text, hard.start() - (1 if text[hard.start() - 1] == " " else 0))
        if acr:
            end = acr.end()  # "Trung tâm Giám sát, điều hành đô thị thông minh (IOC)" ends after it
    # Commas end the name unless the next words continue it ("Giám sát, điều hành"), or the
    # name is a plan's title that runs on to its horizon.
    i = pos
    while True:
        c = text.find(",", i, end)
        if c == -1:
            break
        after = folded[c + 1: c + 30].strip()
        if not after.startswith(_comma_continuations()) and not (
                titled_document and _title_runs_to_horizon(doc, c, end)):
            end = c
            break
        i = c + 1
    rules = _rules()
    if doc.low is not None and rules.stop_low is not None:
        stop = rules.stop_low.search(doc.low, pos, end)
    else:
        stop = rules.stop.search(text, pos, end)
    if stop:
        end = stop.start()
    if not is_document and text.find(" sang", pos, end) != -1 and (to := _SYSTEM_TO.search(text, pos, end)):
        end = to.start()
    nxt = _AND_NEXT.search(text, pos, end)
    if nxt and not (is_document and not _DOCUMENT_KIND.match(folded, nxt.end())):
        # "hệ thống một cửa điện tử và Cổng dịch vụ công" are two systems; "Quy chế Một cửa
        # điện tử và Cổng dịch vụ công" is one regulation about both.
        end = nxt.start()
    if end - pos > 2 * _MAX_WORDS:  # fewer characters cannot hold more words
        many = _TOO_MANY_WORDS.match(text, pos, end)
        if many:
            end = many.end()
    return end


_YEAR_RANGE_END = compile_cached(r"\s*[-–]\s*\d{4}")


def _title_runs_to_horizon(doc: _Doc, comma: int, end: int) -> bool:
    """Whether the comma at `comma` is inside a plan's title: the words after it reach a
    horizon ("đến năm 2025", "giai đoạn 2021 - 2025") before any other comma and with no
    clause word between, and the horizon ends the phrase."""
    text = doc.text
    nxt = text.find(",", comma + 1, end)
    h = _HORIZON.search(text, comma, nxt if nxt != -1 else end)
    if h is None or len(text[comma + 1:h.start()].split()) < 2:
        return False
    if _stop_in(doc, comma, h.start()):
        return False
    q = h.end()
    rng = _YEAR_RANGE_END.match(text, q)
    if rng:
        q = rng.end()
    return q >= end or text[q] in ",;.:)\n" or _stop_at(doc, q)


def _stop_in(doc: _Doc, a: int, b: int) -> re.Match | None:
    rules = _rules()
    if doc.low is not None and rules.stop_low is not None:
        return rules.stop_low.search(doc.low, a, b)
    return rules.stop.search(doc.text, a, b)


def _stop_at(doc: _Doc, q: int) -> bool:
    rules = _rules()
    if doc.low is not None and rules.stop_low is not None:
        return rules.stop_low.match(doc.low, q) is not None
    return rules.stop.match(doc.text, q) is not None


def _kind_start(folded: str, pos: int) -> int:
    """Start of the kind word that ends at `pos`."""
    m = _KIND_START.search(folded[max(0, pos - 20):pos])
    return pos - len(m.group(0)) if m else pos


def _stage(doc: _Doc, start: int) -> tuple[str | None, str | None]:
    """The stage a mention reports, read from the words just before it in its clause."""
    text = doc.text
    floor = max(0, start - 80)  # the clause is read back 80 characters at most
    clause_start = max(text.rfind(";", floor, start), text.rfind(".", floor, start),
                       text.rfind("\n", floor, start), start - 80)
    a = clause_start + 1
    best = None
    starts = doc.stage_starts()
    if starts is not None:
        # No word of any stage rule in the clause (most mentions): no rule has one.
        anywhere = doc.any_stage
        lo = bisect_left(anywhere, a)
        if lo == len(anywhere) or anywhere[lo] >= start:
            return None, None
    before = doc.low[a:start] if doc.low is not None else text[a:start].lower()
    for i, (pattern, low, rule_name, stage) in enumerate(_rules().stages):
        if starts is not None:
            here = starts[i]
            lo = bisect_left(here, a)
            if lo == len(here) or here[lo] >= start:
                continue  # no word of the rule in the clause
            last = _last_match(low.pattern, before, here, a, start)
        else:
            scan = low if low is not None and doc.low is not None else pattern
            last = None
            for last in scan.finditer(before):  # noqa: B007 - the last match is the one wanted
                pass
        if last is not None and (best is None or last.start() > best[0]):
            best = (last.start(), rule_name, stage)
    return (best[1], best[2]) if best else (None, None)


def _last_match(pattern: re.Pattern, before: str, starts: list[int], a: int, b: int) -> re.Match | None:
    """The last match of pattern.finditer(before), where before = text[a:b] and `starts` are the
    places in text where a match can start (LiteralStarts.starts): tried in order, as finditer
    would, but only there."""
    last = None
    end = 0
    for i in range(bisect_left(starts, a), bisect_left(starts, b)):
        q = starts[i] - a
        if q < end:
            continue
        m = pattern.match(before, q)
        if m:
            last = m
            end = m.end() if m.end() > q else q + 1
    return last


def _merge(mentions: list[Hit], aliases: set[str], doc: _Doc | None = None) -> list[Hit]:
    by_key: dict[str, Hit] = {}
    alias_of: dict[str, str] = {}
    for h in mentions:
        name = h.value[0]
        if doc is not None and doc.text.startswith(name, h.start):  # the name as written
            k = project_key(name, doc.folded[h.start:h.start + len(name)])
        else:
            k = project_key(name)
        if k in aliases and h.rule == "project.numbered":
            continue  # a later "Đề án 06" that is the alias of a full title given earlier
        # _same_project holds only for keys one of which starts with the other: tested first.
        target = alias_of.get(k) or next((kk for kk in by_key if (kk.startswith(k) or k.startswith(kk))
                                          and _same_project(k, kk)), None)
        if target is None and h.value[1] in _DOCUMENT_CODES:
            # "Đề án Chuyển đổi số tỉnh" after "Đề án Chuyển đổi số tỉnh Đắk Nông giai đoạn
            # 2020 - 2025": articles name a plan in full once, then refer back to it shortly.
            target = next((kk for kk, v in by_key.items() if v.value[1] == h.value[1]
                           and kk.startswith(k) and len(k) >= 8), None)
        if target is None:
            by_key[k] = h
            acr = _ACRONYM_END.search(h.value[0])
            if acr:
                # "Trung tâm Giám sát, điều hành đô thị thông minh (IOC)" is later "Trung tâm IOC".
                kind = _FIRST_TWO_WORDS.match(h.value[0])
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


_HORIZON_TAIL = compile_cached(r"-(den-nam|giai-doan|nam-\d{4}|tam-nhin|dinh-huong)")


def _same_project(a: str, b: str) -> bool:
    """A plan named once with its horizon and once without ("Chương trình Chuyển đổi số quốc
    gia" / "... đến năm 2025, định hướng đến năm 2030") is one plan; "Cổng dịch vụ công" and
    "Cổng Dịch vụ công quốc gia" are two portals."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and bool(_HORIZON_TAIL.match(long_[len(short):]))


# project_key by name, as text.memo keeps one (emptied with fold.cache_clear, and whole when
# full): here by hand, so that a caller's fold of the name can be used on a miss.
_KEYS: dict[str, str] = {}
register_cache(_KEYS)


def project_key(name: str, folded_name: str | None = None) -> str:
    """One key for one project across articles: folded, without the kind word and filler.
    `folded_name` is fold(name) when the caller has it (so it changes nothing: cached by name)."""
    k = _KEYS.get(name)
    if k is None:
        if len(_KEYS) >= 8192:
            _KEYS.clear()
        k = _KEYS[name] = _project_key(name, folded_name)
    return k


def _project_key(name: str, folded_name: str | None = None) -> str:
    toned = normalize_tones(name)
    # fold(toned) is the caller's fold(name) when the tone marks stayed where they were.
    k = folded_name if folded_name is not None and toned == name else fold(toned)
    # Each substitution only where it can change something (the words are in the key).
    if "(" in k:
        k = _KEY_PARENS.sub(" ", k)
    if k.startswith(_KEY_KIND_WORDS):
        k = _KEY_KIND.sub("", k)
    if any(w in k for w in _KEY_VERB_WORDS):
        k = _KEY_VERBS.sub(" ", k)
    if any(w in k for w in _KEY_PLACE_WORDS):
        k = _KEY_PLACE.sub(" ", k)
    return _KEY_SEP.sub("-", k).strip("-")[:120]


_project_key.__wrapped__ = _project_key  # type: ignore[attr-defined]  # the computation itself, as text.memo names it

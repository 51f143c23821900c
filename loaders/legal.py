"""Legal references: numbered documents ("81/2017/TT-BTC", "57-NQ/TW"), bare ones, named laws."""
from __future__ import annotations

import re

from loaders.hits import Hit
from loaders.rules import LOWERED_WORDS, LiteralStarts, compile_cached, lowered
from loaders.text import digit_runs, fold
from loaders.text import lowered as lowered_text

_TYPES = (r"(?i:Thông\s+tư|Nghị\s+định|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Kế\s+hoạch|Công\s+văn|"
          r"Văn\s+bản|Thông\s+báo|Luật|Hướng\s+dẫn|Tờ\s+trình|Báo\s+cáo|Kết\s+luận|Quy\s+định|Chương\s+trình)")
# A document number starts with digits followed by "/" or "-"; the regexes below are tried
# only there (running them at every position of the text is ten times slower).
_CORE = compile_cached(r"\d{1,5}[a-zđ]?\s*[/-]")
_TYPE_BEFORE = compile_cached(rf"({_TYPES})\s+(?:số\s+)?$")
# "81/2017/TT-BTC", "749/QĐ-TTg", "28/KH-STTTT", "202/2025/QH15", after an optional type.
_NUMBERED = compile_cached(
    r"(?P<num>\d{1,5}[a-zđ]?)\s*/\s*(?:(?P<year>(?:19|20)\d{2})\s*/\s*)?"
    r"(?P<sym>[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s*[-–]\s*[A-ZĐ][A-ZĐa-zđ0-9&]*)+|[A-ZĐ]{2,}[0-9]*)(?![\w/])")
# Party documents number before type: "Nghị quyết số 57-NQ/TW", "Chỉ thị 15-CT/TU".
_PARTY = compile_cached(
    r"(?P<num>\d{1,4})\s*-\s*(?P<kind>NQ|CT|KL|QĐ|QĐi|TB|HD|KH|BC|QC|QyĐ)"
    r"\s*/\s*(?P<sym>[A-ZĐ]{1,5}(?:\s*-\s*[A-ZĐ]+)?)(?![\w/])")
# "Nghị quyết 18", "Chỉ thị số 15": a document type and a number with no symbol.
_BARE = compile_cached(r"(?P<type>Nghị\s+quyết|Chỉ\s+thị|Quyết\s+định|Nghị\s+định|Thông\s+tư)\s+(?:số\s+)?"
                   r"(?P<num>\d{1,4}[a-z]?)(?![\d/\-\w])", re.I)
# A law named with its year: "Luật Giao dịch điện tử năm 2023", "Luật An ninh mạng 2018".
_LAW = compile_cached(r"Luật\s+(?P<name>[A-ZĐ][\wà-ỹđ]*(?:\s+[\wà-ỹđ]+){0,6}?)\s+(?:năm\s+|số\s+)?(?P<year>(?:19|20)\d{2})\b")
_BARE_TYPES = {"nghi quyet", "chi thi", "quyet dinh", "nghi dinh", "thong tu"}
_BARE_LOW = lowered(_BARE)
_BARE_SCAN = LiteralStarts(_BARE_LOW, index=LOWERED_WORDS) if _BARE_LOW is not None else None
_SPACES = compile_cached(r"\s+")
_LETTERS_DIGITS = compile_cached(r"[A-ZĐ]{2,}\d+")
_KEY_NUMBERED = compile_cached(r"(\d+)\s*/\s*(?:(\d{4})\s*/\s*)?([a-z0-9\-]+(?:\s*-\s*[a-z0-9]+)*)")
_KEY_BARE = compile_cached(r"([a-z ]+?)\s*(?:so\s*)?(\d+)")
# A _CORE match starts at a digit after no digit (the loop below skips the others, and they
# cover no other start), so it is tried at the start of each run of digits only
# (text.digit_runs).
_CORE_NEXT = frozenset("abcdefghijklmnopqrstuvwxyzđ/-")


def legal_key(text: str) -> str:
    """The scorer's normal form: '81/2017/tt-btc', '57-nq/tw', 'nghi quyet 18'."""
    t = fold(text)
    m = _KEY_NUMBERED.search(t)
    if m:
        kind = _SPACES.sub("", m.group(3))
        return "/".join(p for p in (m.group(1), m.group(2), kind) if p)
    m = _KEY_BARE.search(t)
    return f"{m.group(1).strip()} {m.group(2)}" if m else t


def _doc_type(raw: str | None) -> str | None:
    return _SPACES.sub(" ", raw).capitalize() if raw else None


def find_legal_refs(text: str) -> list[Hit]:
    """Document numbers; value = dict(text, number, year, type, issuer, key).

    `text` is the number symbol alone ("749/QĐ-TTg", "57-NQ/TW"): the form officials cite
    and the one the evaluation keys on; the document type is kept in `type`.
    """
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        for a, b in taken:
            if a < e and s < b:
                return False
        return True

    starts, ends = digit_runs(text)
    for pos, run_end in zip(starts, ends):
        if pos and (text[pos - 1].isdigit() or text[pos - 1] in "/.,"):
            continue
        # _CORE takes the whole run (at most five digits), then a small letter, a space, "/" or "-".
        after = text[run_end:run_end + 1]
        if run_end - pos > 5 or not (after in _CORE_NEXT or after.isspace()):
            continue
        core = _CORE.match(text, pos)
        if core is None or not free(pos, core.end()):
            continue
        m = _PARTY.match(text, pos)
        if m:
            t = _TYPE_BEFORE.search(text, max(0, pos - 24), pos)
            doc_type = _doc_type(t.group(1)) if t else None
            sym = text[pos: m.end()]
            hits.append(Hit({"text": sym, "number": m.group("num"), "year": None, "type": doc_type,
                             "issuer": _SPACES.sub("", m.group("sym")), "key": legal_key(sym)},
                            pos, m.end(), "legal.party"))
            taken.append((t.start() if t else pos, m.end()))
            continue
        m = _NUMBERED.match(text, pos)
        if not m:
            continue
        t = _TYPE_BEFORE.search(text, max(0, pos - 24), pos)
        doc_type = _doc_type(t.group(1)) if t else None
        sym = _SPACES.sub("", m.group("sym")).replace("–", "-")
        if not doc_type and "-" not in sym and not _LETTERS_DIGITS.fullmatch(sym):
            continue  # "8/8 huyện" or "9/63" are ratios, not document numbers
        number = text[pos: m.end()]  # as written, so the span shows it
        hits.append(Hit({"text": number, "number": m.group("num"), "year": m.group("year"),
                         "type": doc_type, "issuer": sym, "key": legal_key(number)},
                        pos, m.end(), "legal.numbered"))
        taken.append((t.start() if t else pos, m.end()))
    low = lowered_text(text)
    if low is not None and _BARE_SCAN is not None:
        bare = _BARE_SCAN.finditer(low)  # the same spans; the words are read from the text
    else:
        bare = _BARE.finditer(text)
    for m in bare:
        written = text[m.start():m.end()]
        kind = text[m.start("type"):m.end("type")]
        if not free(m.start(), m.end()) or fold(_SPACES.sub(" ", kind)) not in _BARE_TYPES:
            continue
        doc_type = _doc_type(kind)
        hits.append(Hit({"text": written, "number": text[m.start("num"):m.end("num")], "year": None,
                         "type": doc_type, "issuer": None, "key": legal_key(written)},
                        m.start(), m.end(), "legal.bare"))
        taken.append((m.start(), m.end()))
    for m in _LAW.finditer(text):
        if not free(m.start(), m.end()):
            continue
        hits.append(Hit({"text": m.group(0), "number": None, "year": m.group("year"), "type": "Luật",
                         "issuer": "QH", "key": legal_key(m.group(0))}, m.start(), m.end(), "legal.law"))
    hits.sort(key=lambda h: h.start)
    return _unique(hits)


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: set[str] = set()
    out = []
    for h in hits:
        if h.value["key"] not in seen:
            seen.add(h.value["key"])
            out.append(h)
    return out

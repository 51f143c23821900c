"""Projects, legal references, numbers and e-government topics named in an article."""
from __future__ import annotations

import re

from loaders.hits import Hit
from loaders.rules import table
from loaders.text import fold, key, normalize_tones

KIND_CODES = {
    "dự án": "du_an", "đề án": "de_an", "kế hoạch": "ke_hoach", "quy hoạch": "quy_hoach",
    "chương trình": "chuong_trinh", "hệ thống": "he_thong", "nền tảng": "nen_tang",
    "quy chế": "quy_che", "cổng": "cong", "trung tâm": "trung_tam", "kiến trúc": "kien_truc",
    "khung kiến trúc": "kien_truc",
}
# Where a project's noun phrase ends: punctuation, or a verb / preposition that starts the
# rest of the clause ("... tỉnh Hậu Giang, như: Tổ chức ...", "... trước ngày 30/7").
_PHRASE_END = re.compile(
    r"[,;.:()\n“”\"]|\s(như|nhằm|để|trước|trong đó|theo|của Bộ|của Chính phủ|của UBND|"
    r"với|đã|đang|sẽ|được|và các|cho phép|đảm bảo|bảo đảm|trình|báo cáo|phối hợp|khi|tại kỳ|dự)\s")
_GENERIC_TAIL = re.compile(r"^(của|này|đó|trên|cho|về|năm|\d)", re.I)


def find_projects(text: str) -> list[Hit]:
    """Each named project mention; value = (name, kind code, stage or None)."""
    hits: list[Hit] = []
    rules = table("projects")
    kind_re = rules["kind"][0].pattern
    for m in kind_re.finditer(text):
        kind_word = m.group(1).lower()
        end_m = _PHRASE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        end = min(end, m.end() + 160)
        name = text[m.start():end].strip()
        tail = name[len(m.group(1)):].strip()
        words = tail.split()
        # "Kế hoạch số 28/KH-STTTT" is a legal reference; "dự án" alone is not a name.
        if len(words) < 2 or _GENERIC_TAIL.match(tail) or re.match(r"số\s+\d", tail):
            continue
        if kind_word in ("cổng", "trung tâm", "hệ thống", "nền tảng") and not _is_ict(tail):
            continue
        if kind_word in ("trung tâm",) and not m.group(1)[0].isupper():
            continue
        stage_rule, stage = _stage(text, m.start(), end)
        hits.append(Hit((name, KIND_CODES.get(kind_word, "other"), stage), m.start(),
                        m.start() + len(name), "project." + (stage_rule or "mention")))
    return _drop_nested(hits)


def _is_ict(tail: str) -> bool:
    return bool(re.search(r"(thông tin|dữ liệu|dịch vụ công|điện tử|một cửa|số|CNTT|mạng|giám sát|"
                          r"điều hành|an toàn|viễn thông|truyền thanh|họp|văn bản|IOC|ký|phần mềm)", tail, re.I))


def _stage(text: str, start: int, end: int) -> tuple[str | None, str | None]:
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


def _drop_nested(hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue  # "Đề án thành lập Trung tâm ..." already covers its inner "Trung tâm ..."
        out.append(h)
    return out


def project_key(name: str) -> str:
    """One key for one project across articles: folded, without the kind word and filler."""
    k = fold(normalize_tones(name))
    k = re.sub(r"^(du an|de an|ke hoach|quy hoach|chuong trinh|he thong|nen tang|quy che)\s+", "", k)
    k = re.sub(r"\b(xay dung|trien khai|thuc hien|nang cap|lap|dieu chinh|bo sung)\b", " ", k)
    k = re.sub(r"\b(tinh|thanh pho|tp)\b", " ", k)
    return re.sub(r"[^a-z0-9]+", "-", k).strip("-")[:120]


_LEGAL_TYPES = (r"Thông\s+tư|Nghị\s+định|Quyết\s+định|Nghị\s+quyết|Chỉ\s+thị|Kế\s+hoạch|Công\s+văn|"
                r"Văn\s+bản|Thông\s+báo|Luật|Hướng\s+dẫn|Tờ\s+trình|Báo\s+cáo|Nghị\s+Quyết|Quyết\s+Định")
_LEGAL_NUMBERED = re.compile(
    rf"(?:(?P<type>{_LEGAL_TYPES})\s+(?:số\s+)?)?(?P<num>\d{{1,5}}[a-z]?)\s*/\s*(?:(?P<year>(?:19|20)\d{{2}})\s*/\s*)?"
    rf"(?P<sym>[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s*[-–]\s*[A-ZĐ][A-ZĐa-zđ0-9&]*)+|[A-ZĐ]{{2,}}[A-ZĐa-z0-9]*)")
_LEGAL_BARE = re.compile(rf"(?P<type>{_LEGAL_TYPES})\s+(?:số\s+)?(?P<num>\d{{1,4}}[a-z]?)(?![\d/])")


def find_legal_refs(text: str) -> list[Hit]:
    """Document numbers; value = dict(text, number, year, type, issuer, key)."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for m in _LEGAL_NUMBERED.finditer(text):
        sym = re.sub(r"\s+", "", m.group("sym")).replace("–", "-")
        doc_type = re.sub(r"\s+", " ", m.group("type")).capitalize() if m.group("type") else None
        if not doc_type and not re.search(r"[-]", sym):
            continue  # "8/8 huyện" or "9/63" are ratios, not document numbers
        k = "/".join(p for p in (m.group("num"), m.group("year"), fold(sym)) if p)
        hits.append(Hit({"text": m.group(0), "number": m.group("num"), "year": m.group("year"),
                         "type": doc_type, "issuer": sym, "key": k},
                        m.start(), m.end(), "legal.numbered"))
        taken.append((m.start(), m.end()))
    for m in _LEGAL_BARE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        doc_type = re.sub(r"\s+", " ", m.group("type")).capitalize()
        if doc_type not in ("Nghị quyết", "Chỉ thị", "Quyết định", "Nghị định", "Thông tư"):
            continue  # "Kế hoạch 2020" is a year; "Đề án 06" is a project
        k = f"{fold(doc_type)} {m.group('num')}"
        hits.append(Hit({"text": m.group(0), "number": m.group("num"), "year": None,
                         "type": doc_type, "issuer": None, "key": k},
                        m.start(), m.end(), "legal.bare"))
    hits.sort(key=lambda h: h.start)
    return hits


_NUMBER = re.compile(
    r"(?P<q>(?:hơn|trên|gần|khoảng|đạt|gồm|có|với|cấp|tổng số|tổng cộng)\s+)?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*"
    r"(?P<mult>ngàn|nghìn|triệu|tỷ|tỉ)?\s*"
    r"(?P<unit>%|phần trăm|(?:trạm|hồ sơ|chứng thư số|chứng thư|dịch vụ công|dịch vụ|thủ tục|tài khoản|"
    r"cơ quan|đơn vị|xã|phường|huyện|thôn|tin|bài|giấy phép|cuộc|sự cố|doanh nghiệp|người|"
    r"cán bộ|máy|điểm|hệ thống|lượt|văn bản|camera|thuê bao|km|trường hợp|cơ sở|đồng|phần mềm|"
    r"lớp|học viên|trang|ứng dụng|hộ|bộ)(?:\s+(?:BTS|4G|5G|thông tin|truy cập|điện tử|công|đồng|trực tuyến))?)",
)


def parse_number(text: str) -> float | None:
    """Vietnamese number formats: "23.600" = 23600, "45,6" = 45.6."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", t):
        t = t.replace(".", "")
    t = t.replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


_MULT = {"ngàn": 1e3, "nghìn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}


def find_numbers(text: str, exclude: list[tuple[int, int]]) -> list[Hit]:
    """Quantities with a unit; value = dict(text, value, unit)."""
    hits = []
    for m in _NUMBER.finditer(text):
        if any(s <= m.start("num") < e for s, e in exclude):
            continue
        before = text[max(0, m.start("num") - 1): m.start("num")]
        if before in "/-." and before:
            continue
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = m.group("unit")
        if m.group("mult"):
            value *= _MULT[m.group("mult")]
            if unit == "đồng" or unit.startswith("đồng"):
                unit = f"{m.group('mult')} đồng"
        if unit == "phần trăm":
            unit = "%"
        if unit in ("xã", "huyện", "phường") and re.match(r"\s*/", text[m.end("num"):]):
            continue
        start = m.start("q") if m.group("q") and m.group("q").split()[0] in ("hơn", "trên", "gần", "khoảng") else m.start("num")
        hits.append(Hit({"text": text[start:m.end()], "value": value, "unit": unit},
                        start, m.end(), "number.unit"))
    return hits


def find_topics(text: str) -> list[Hit]:
    """First mention of each e-government topic; value = topic code."""
    folded = fold(text)
    out = []
    for rule in table("topics")["topic"]:
        m = rule.pattern.search(folded)
        if m:
            out.append(Hit(rule.data["code"], m.start(), m.end(), rule.id))
    return out


def person_key(name: str) -> str:
    return key(normalize_tones(name))

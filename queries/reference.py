"""Reference lists the filters validate against: provinces by region, codes, Vietnamese order."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

# loaders.gazetteer is reference data (vietnamadminunits' provinces and the official 63 -> 34
# mapping), not the pipeline: importing it here avoids a second, hand-typed province list.
from loaders.gazetteer import REGION_ORDER, REGIONS, merger_map, provinces, provinces_2025
from loaders.schema import STAGES  # noqa: F401 - re-exported: the stage vocabulary
from loaders.text import key

MEETING_TYPES = ("giao_ban", "lam_viec", "so_ket_tong_ket", "hoi_nghi_khac")
TOPICS = (
    "dich_vu_cong_truc_tuyen", "mot_cua_dien_tu", "cong_thong_tin_dien_tu", "trung_tam_du_lieu",
    "chu_ky_so", "van_ban_dien_tu", "ipv6", "an_toan_thong_tin", "chinh_quyen_dien_tu",
    "chuyen_doi_so", "do_thi_thong_minh", "hop_truc_tuyen", "truyen_thanh_co_so",
    "ha_tang_vien_thong", "bao_chi_xuat_ban", "buu_chinh",
)
PROJECT_KINDS = (
    "du_an", "de_an", "ke_hoach", "quy_hoach", "he_thong", "chuong_trinh", "quy_che",
    "nen_tang", "cong", "trung_tam", "other",
)
REGIONS_ORDERED = tuple(REGION_ORDER)

# Vietnamese alphabetical order: ă and â follow a, đ follows d, and so on; tones are
# compared only when the letters are equal (ngang, huyền, hỏi, ngã, sắc, nặng).
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_LETTER_RANK.update({" ": -2, "-": -1})  # word breaks first: "Hà Nội" before "Hải Dương"
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letter(base: str, marks: str) -> str:
    if "\u0306" in marks and base == "a":
        return "ă"
    if "\u0302" in marks:
        return {"a": "â", "e": "ê", "o": "ô"}.get(base, base)
    if "\u031b" in marks:
        return {"o": "ơ", "u": "ư"}.get(base, base)
    return base


def vi_sort_key(text: str) -> tuple:
    """Sort key for Vietnamese words: 'Đồng Tháp' after 'Dak Lak', 'Ê' after 'E'."""
    letters: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFC", text or "").lower():
        if ch == "đ":
            letters.append(_LETTER_RANK["đ"])
            tones.append(0)
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        letter = _letter(base, marks)
        letters.append(_LETTER_RANK.get(letter, 100 + ord(letter)))
        tones.append(next((_TONE_RANK[m] for m in marks if m in _TONE_RANK), 0))
    return (tuple(letters), tuple(tones))


@lru_cache(maxsize=1)
def region_of_2025() -> dict[str, str]:
    """Post-2025 province -> region: the region of the member that gave it its name.

    A few merged provinces span two regions (Tây Ninh took in Long An); the namesake member
    decides, falling back to the first member.
    """
    members = members_2025()
    out = {}
    for new, olds in members.items():
        namesake = new if new in olds else renamed_2025().get(new, olds[0])
        out[new] = REGIONS.get(namesake, REGIONS.get(olds[0], "other"))
    return out


@lru_cache(maxsize=1)
def members_2025() -> dict[str, tuple[str, ...]]:
    """Post-2025 province -> the pre-2025 provinces merged into it."""
    out: dict[str, list[str]] = {name: [] for name in provinces_2025()}
    for old, new in merger_map().items():
        out.setdefault(new, []).append(old)
    return {k: tuple(sorted(v, key=vi_sort_key)) for k, v in out.items()}


def region_of(name: str, boundary: str = "63") -> str:
    """Region code of a province in the given boundary mode ('other' if unknown)."""
    if boundary == "34":
        return region_of_2025().get(name, "other")
    return REGIONS.get(name, "other")


@lru_cache(maxsize=2)
def province_options(boundary: str = "63") -> tuple[str, ...]:
    """Every province of the boundary mode, ordered by region (north to south), then name."""
    names = provinces_2025() if boundary == "34" else tuple(p.name for p in provinces())
    order = {code: i for i, code in enumerate(REGIONS_ORDERED)}
    return tuple(sorted(
        names,
        key=lambda n: (order.get(region_of(n, boundary), 99), vi_sort_key(n)),
    ))


def provinces_in_regions(regions: tuple[str, ...], boundary: str = "63") -> tuple[str, ...]:
    wanted = set(regions)
    return tuple(n for n in province_options(boundary) if region_of(n, boundary) in wanted)


def to_boundary(names: tuple[str, ...], boundary: str, source: str | None = None) -> tuple[str, ...]:
    """Convert a province selection into `boundary`: 63 -> 34 maps each province to the one
    it merged into, 34 -> 63 expands to the former provinces.

    `source` is the boundary the names are in; when None, a name valid in `boundary` is kept
    as it is (Đồng Tháp, Nghệ An... exist in both) and any other is converted.
    """
    mapping = merger_map()
    members = members_2025()
    valid = set(province_options(boundary))
    out: list[str] = []
    for n in names:
        if source == boundary or (source is None and n in valid):
            out.append(n)
        elif boundary == "34":
            out.append(mapping.get(n, n))
        else:
            out.extend(members.get(n, ()))
    return tuple(dict.fromkeys(n for n in out if n in valid))


@lru_cache(maxsize=1)
def renamed_2025() -> dict[str, str]:
    """Post-2025 names that no pre-2025 province had -> the predecessor they were named after
    (only "Huế" -> "Thừa Thiên Huế"): articles after 1 July 2025 carry the new province."""
    old = set(merger_map())
    out = {}
    for new, members in members_2025().items():
        if new in old:
            continue
        namesake = [m for m in members if key(new) in key(m)]
        if namesake:
            out[new] = namesake[0]
    return out


@lru_cache(maxsize=1)
def province_codes() -> dict[str, str]:
    """Pre-2025 short name -> official code (matches the map outlines' `code`)."""
    return {p.name: p.code for p in provinces()}

"""Provinces and districts of Vietnam (before and after 1 July 2025) from vietnamadminunits."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from vietnamadminunits import convert_address

from loaders.text import key, normalize_tones

_PREFIXES = ("Tỉnh ", "Thành phố ")


def short_name(full: str) -> str:
    """'Tỉnh Hậu Giang' -> 'Hậu Giang'; 'Thành phố Hồ Chí Minh' -> 'Hồ Chí Minh'."""
    for prefix in _PREFIXES:
        if full.startswith(prefix):
            return full[len(prefix):]
    return full


@dataclass(frozen=True)
class Province:
    name: str          # short official name before July 2025: "Thừa Thiên Huế"
    full: str          # "Tỉnh Thừa Thiên Huế"
    code: str
    lat: float
    lon: float
    name_2025: str     # short name after the merger: "Huế"
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class District:
    name: str          # short name: "Tân Kỳ"
    full: str          # "Huyện Tân Kỳ"
    kind: str          # Huyện | Quận | Thị xã | Thành phố
    province: str      # short pre-2025 province name


def _db() -> sqlite3.Connection:
    path = resources.files("vietnamadminunits") / "data" / "dataset.db"
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 63 provinces before the 2025 merger, each with its post-merger province."""
    with _db() as con:
        rows = con.execute(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceLat, provinceLon,"
            " provinceAlias FROM admin_units_legacy ORDER BY provinceCode"
        ).fetchall()
    out = []
    for full, short, code, lat, lon, alias in rows:
        new = short_name(convert_address(full).province)
        if code == "46":
            # The package lists code 46 under its January 2025 name "Thành phố Huế"; for
            # 2008-2024, the years our articles cover, it was Tỉnh Thừa Thiên Huế.
            full, short = "Tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"
        aliases = tuple(json.loads(alias)) if alias else ()
        out.append(Province(short, full, code, lat, lon, new, aliases))
    return tuple(out)


@lru_cache(maxsize=1)
def provinces_2025() -> tuple[str, ...]:
    """Short names of the 34 provinces after 1 July 2025, as vietnamadminunits spells them."""
    with _db() as con:
        rows = con.execute(
            "SELECT DISTINCT province, provinceCode FROM admin_units ORDER BY provinceCode"
        ).fetchall()
    return tuple(short_name(full) for full, _ in rows)


@lru_cache(maxsize=1)
def districts() -> tuple[District, ...]:
    with _db() as con:
        rows = con.execute(
            "SELECT DISTINCT district, districtShort, districtType, provinceShort"
            " FROM admin_units_legacy ORDER BY districtCode"
        ).fetchall()
    return tuple(District(short, full, kind, prov) for full, short, kind, prov in rows)


@lru_cache(maxsize=1)
def merger_map() -> dict[str, str]:
    """Pre-2025 short name -> post-2025 short name (the official 63 -> 34 mapping)."""
    return {p.name: p.name_2025 for p in provinces()}


@lru_cache(maxsize=1)
def _by_key() -> dict[str, str]:
    table: dict[str, str] = {}
    for p in provinces():
        table[key(p.name)] = p.name
        table[key(p.full)] = p.name
    for extra, name in EXTRA_ALIASES.items():
        table[key(extra)] = name
    return table


# Spellings that real articles use and vietnamadminunits does not list (checked against
# the seed and development corpora): abbreviations of the two long names and the big cities.
EXTRA_ALIASES = {
    "TP.HCM": "Hồ Chí Minh", "TPHCM": "Hồ Chí Minh", "TP HCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh", "Hồ Chí Minh": "Hồ Chí Minh",
    "BR-VT": "Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu": "Bà Rịa - Vũng Tàu", "Huế": "Thừa Thiên Huế",
    "Thừa Thiên - Huế": "Thừa Thiên Huế", "Đắc Lắc": "Đắk Lắk", "Đắk Nông": "Đắk Nông",
    "Daklak": "Đắk Lắk", "Dak Lak": "Đắk Lắk",
}


def canonical_province(name: str | None) -> str | None:
    """Any spelling of a pre-2025 province ('Thanh Hoá', 'tỉnh thanh hóa') -> 'Thanh Hóa'."""
    if not name:
        return None
    return province_of_key(key(normalize_tones(name)))


def province_of_key(k: str) -> str | None:
    """canonical_province for a name already made a key (key(normalize_tones(name)))."""
    by_key = _by_key()
    for prefix in ("tinh", "thanhpho", "tp"):
        if k.startswith(prefix) and k[len(prefix):] in by_key:
            return by_key[k[len(prefix):]]
    return by_key.get(k)


def canonical_province_2025(name: str | None) -> str | None:
    """Any spelling of a post-2025 province -> its short name; old names map through."""
    if not name:
        return None
    k = key(name)
    for new in provinces_2025():
        if key(new) == k or key("Thành phố " + new) == k or key("Tỉnh " + new) == k:
            return new
    old = canonical_province(name)
    return merger_map().get(old) if old else None


def to_2025(province: str | None) -> str | None:
    return merger_map().get(province) if province else None


def region_of(province: str) -> str:
    """Region code of a pre-2025 province (for grouping in filters)."""
    return REGIONS.get(province, "other")


# The six socio-economic regions (vùng kinh tế - xã hội) of Resolution 81/2023/QH15. No
# package lists them; kept here with their official membership.
_REGION_MEMBERS = {
    "trung_du_mien_nui_phia_bac": "Hà Giang Cao Bằng Bắc Kạn Tuyên Quang Lào Cai Điện Biên Lai Châu Sơn La Yên Bái Hòa Bình Thái Nguyên Lạng Sơn Bắc Giang Phú Thọ",
    "dong_bang_song_hong": "Hà Nội|Vĩnh Phúc|Bắc Ninh|Quảng Ninh|Hải Dương|Hải Phòng|Hưng Yên|Thái Bình|Hà Nam|Nam Định|Ninh Bình",
    "bac_trung_bo_duyen_hai_mien_trung": "Thanh Hóa|Nghệ An|Hà Tĩnh|Quảng Bình|Quảng Trị|Thừa Thiên Huế|Đà Nẵng|Quảng Nam|Quảng Ngãi|Bình Định|Phú Yên|Khánh Hòa|Ninh Thuận|Bình Thuận",
    "tay_nguyen": "Kon Tum|Gia Lai|Đắk Lắk|Đắk Nông|Lâm Đồng",
    "dong_nam_bo": "Bình Phước|Tây Ninh|Bình Dương|Đồng Nai|Bà Rịa - Vũng Tàu|Hồ Chí Minh",
    "dong_bang_song_cuu_long": "Long An|Tiền Giang|Bến Tre|Trà Vinh|Vĩnh Long|Đồng Tháp|An Giang|Kiên Giang|Cần Thơ|Hậu Giang|Sóc Trăng|Bạc Liêu|Cà Mau",
}
_NORTH_MOUNTAIN = ["Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Điện Biên",
                   "Lai Châu", "Sơn La", "Yên Bái", "Hòa Bình", "Thái Nguyên", "Lạng Sơn",
                   "Bắc Giang", "Phú Thọ"]
REGIONS: dict[str, str] = {name: "trung_du_mien_nui_phia_bac" for name in _NORTH_MOUNTAIN}
for _region, _members in _REGION_MEMBERS.items():
    if "|" in _members:
        REGIONS.update({name: _region for name in _members.split("|")})
REGION_ORDER = tuple(_REGION_MEMBERS)

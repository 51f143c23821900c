"""Provinces and districts of Vietnam (before and after 1 July 2025) from vietnamadminunits."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from loaders.text import cache_dir, key, normalize_tones, write_cache_file

# vietnamadminunits is imported only where its code is needed: its import alone (the parser
# data, geopy, requests) takes a second of CPU on a busy machine, and extraction needs of it
# only the bundled SQLite file and the post-2025 province of each of the 63 provinces, which
# is kept in a small cache file (see _convert_provinces).
_PACKAGE = "vietnamadminunits"

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


@lru_cache(maxsize=1)
def _package_dir() -> Path:
    """The installed package's folder, found without importing (running) the package."""
    spec = find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"No module named {_PACKAGE!r}")
    return Path(next(iter(spec.submodule_search_locations)))


def _db() -> sqlite3.Connection:
    path = _package_dir() / "data" / "dataset.db"
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# --- the 63 -> 34 conversion, cached on disk -------------------------------------------------
#
# What provinces() asks of vietnamadminunits' code: convert_address(<legacy full name>).province
# for each of the 63 provinces. That is a pure function of the package (its code and its JSON
# parser/converter data; the SQLite file, where the names come from, is not read by it), so
# its answers are kept in a JSON file keyed by the package's version and a hash of every file
# of the package but dataset.db, and the package is imported only when a name is missing from
# that file (a first run, another package version or data). The file lives in the user's
# cache folder (LOADERS_CACHE_DIR, else $XDG_CACHE_HOME/loaders or ~/.cache/loaders), is
# written to a temporary file and renamed into place (concurrent processes each see a whole
# file or none), and when the folder cannot be written the answers are simply computed.

_CACHE_FORMAT = 1


def _package_version(pkg_dir: Path) -> str:
    # The dist-info folder beside the package; importlib.metadata (tens of milliseconds to
    # import) only when there is none.
    for dist in sorted(pkg_dir.parent.glob(f"{_PACKAGE}-*.dist-info")):
        try:
            for line in (dist / "METADATA").read_text(encoding="utf-8").splitlines():
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
                if not line:
                    break
        except OSError:
            continue
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_PACKAGE)
    except PackageNotFoundError:
        return "unknown"


@lru_cache(maxsize=1)
def _package_fingerprint() -> str:
    """The package's version and a hash of each of its files (but dataset.db and bytecode)."""
    pkg_dir = _package_dir()
    h = hashlib.sha256(f"{_CACHE_FORMAT}\0{_PACKAGE}\0{_package_version(pkg_dir)}".encode())
    files = sorted(p for p in pkg_dir.rglob("*")
                   if "__pycache__" not in p.parts and p.name != "dataset.db" and p.is_file())
    for p in files:
        h.update(b"\0" + p.relative_to(pkg_dir).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _cache_file() -> Path:
    return cache_dir() / f"gazetteer-convert-{_package_fingerprint()[:24]}.json"


def _read_cache(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != _package_fingerprint():
        return {}
    answers = data.get("convert")
    if not isinstance(answers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in answers.items()):
        return {}
    return answers


def _write_cache(path: Path, answers: dict[str, str]) -> None:
    data = json.dumps({"fingerprint": _package_fingerprint(), "convert": answers},
                      ensure_ascii=False, sort_keys=True)
    write_cache_file(path, data.encode("utf-8"))  # unwritable: computed again next time


def _convert_provinces(fulls: list[str]) -> dict[str, str]:
    """convert_address(full).province for each name, from the cache file when it has them."""
    try:
        path = _cache_file()
    except (OSError, RuntimeError):  # unreadable package files, no home folder
        path = None
    answers = _read_cache(path) if path is not None else {}
    missing = [f for f in fulls if f not in answers]
    if missing:
        from vietnamadminunits import convert_address

        answers = {**answers, **{f: convert_address(f).province for f in missing}}
        if path is not None:
            _write_cache(path, answers)
    return {f: answers[f] for f in fulls}


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 63 provinces before the 2025 merger, each with its post-merger province."""
    with _db() as con:
        rows = con.execute(
            "SELECT DISTINCT province, provinceShort, provinceCode, provinceLat, provinceLon,"
            " provinceAlias FROM admin_units_legacy ORDER BY provinceCode"
        ).fetchall()
    converted = _convert_provinces([row[0] for row in rows])
    out = []
    for full, short, code, lat, lon, alias in rows:
        new = short_name(converted[full])
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

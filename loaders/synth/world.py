"""The invented world behind the synthetic corpus: places, who held which post when, projects.

Everything is drawn once per seed, so the same officials chair a province's meetings for
years and the same projects advance from proposal to operation across its articles.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from loaders import gazetteer
from loaders.synth.data import load
from loaders.text import key

D = dt.date
OLD_START, OLD_END = D(2007, 1, 1), D(2025, 6, 30)  # the 63 provinces
DEPT_MERGER = D(2025, 3, 1)  # Sở TT&TT merged into Sở KH&CN
MERGER = D(2025, 7, 1)  # 63 provinces became 34
NEW_END = D(2026, 12, 31)
CITIES_2025 = ("Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")

# Posts and how many people hold each at a time. "dept" posts start afresh when the
# department becomes the Sở Khoa học và Công nghệ.
LEADER_POSTS = {"ct": 1, "pct": 3, "bt": 1, "pbt": 1, "tg": 1, "ptg": 1, "vx": 1}
DEPT_POSTS = {"gd": 1, "pgd": 3, "cvp": 1, "ctt": 1, "tp_cntt": 1, "tp_bcvt": 1, "tp_ttbc": 1, "gd_tt": 1}
NATIONAL_POSTS = {"tt": 3, "cuc": 2}


@dataclass(frozen=True)
class Person:
    name: str
    female: bool


@dataclass
class Tenure:
    start: dt.date
    end: dt.date
    person: Person


@dataclass
class ProjectPlan:
    key: str
    kind: str  # system | plan | scheme | yearly
    topics: tuple[str, ...]
    full: str  # the province's own name for it
    short: tuple[str, ...]  # forms without the province's name
    stages: list[tuple[str, dt.date]]
    end: dt.date

    def stage_at(self, day: dt.date) -> str | None:
        if day < self.stages[0][1] or day > self.end:
            return None
        current = None
        for stage, start in self.stages:
            if start <= day:
                current = stage
        return current


@dataclass
class Place:
    name: str  # gold province name (pre-2025 short name, or a 2025 name)
    era: str  # "old" (63) or "new" (34)
    city: bool  # centrally run city: "thành phố", "Thành ủy"
    name_2025: str
    slug: str  # folded name without spaces: "binhdinh"
    members: tuple[str, ...]  # for a new place, the old provinces merged into it
    districts: tuple[gazetteer.District, ...] = ()
    cluster: tuple[str, ...] = ()  # district (huyện) names found in no other province
    posts: dict[str, list[list[Tenure]]] = field(default_factory=dict)
    projects: list[ProjectPlan] = field(default_factory=list)
    weight: float = 1.0

    def holder(self, post: str, day: dt.date, slot: int = 0) -> Person:
        lanes = self.posts[post]
        lane = lanes[slot % len(lanes)]
        for tenure in lane:
            if tenure.start <= day <= tenure.end:
                return tenure.person
        return lane[-1].person


class NameMaker:
    """Invented full names: common surnames + middle + given names, by region."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        names = load("names")
        self.names = names
        self.surnames = [s for s, _ in names["surnames"]]
        self.weights = [w for _, w in names["surnames"]]
        self.ethnic = {p: (kind, spec) for kind, spec in names["ethnic"].items() for p in spec["provinces"]}

    def make(self, province: str | None, female: bool) -> str:
        rng = self.rng
        kind, spec = self.ethnic.get(province or "", (None, None))
        if spec and rng.random() < spec["share"]:
            if kind == "highlands":
                given = rng.choice(spec["given_female" if female else "given_male"])
                if not female and rng.random() < 0.5:
                    return f"{rng.choice(spec['prefixes'])} {given} {rng.choice(spec['clans'])}"
                return f"{rng.choice(spec['jrai_surnames'])} {given}"
            middle = rng.choice(spec["middle_female" if female else "middle_male"])
            given = rng.choice(spec["given_female" if female else "given_male"])
            return " ".join(p for p in (rng.choice(spec["surnames"]), middle, given) if p)
        n = self.names
        surname = rng.choices(self.surnames, self.weights)[0]
        middle = rng.choice(n["middle_female" if female else "middle_male"])
        given = rng.choice(n["given_female" if female else "given_male"])
        if not female and rng.random() < 0.12:  # four-syllable names: "Nguyễn Hoàng Minh Tuấn"
            middle = f"{middle} {rng.choice(n['middle_male'][4:])}"
        return f"{surname} {middle} {given}"


def _lane(
    rng: random.Random,
    makers: NameMaker,
    province: str | None,
    used: set[str],
    start: dt.date,
    end: dt.date,
    years: tuple[int, int],
    female_share: float,
) -> list[Tenure]:
    """Consecutive holders of one seat from before `start` until after `end`."""
    out: list[Tenure] = []
    day = start - dt.timedelta(days=rng.randint(0, 3 * 365))
    while day <= end:
        length = dt.timedelta(days=rng.randint(years[0] * 365, years[1] * 365))
        female = rng.random() < female_share
        for _ in range(20):
            name = makers.make(province, female)
            if name not in used:
                break
        used.add(name)
        stop = min(day + length, end)
        out.append(Tenure(max(day, start), stop, Person(name, female)))
        day = stop + dt.timedelta(days=1)
    return out


def _roster(
    rng: random.Random,
    makers: NameMaker,
    province: str | None,
    spans: list[tuple[dict[str, int], dt.date, dt.date]],
) -> dict[str, list[list[Tenure]]]:
    used: set[str] = set()
    posts: dict[str, list[list[Tenure]]] = {}
    for table, start, end in spans:
        for post, seats in table.items():
            leader = post in LEADER_POSTS or post in NATIONAL_POSTS
            years = (4, 6) if leader else (3, 8)
            share = 0.12 if leader else 0.3
            lanes = [_lane(rng, makers, province, used, start, end, years, share) for _ in range(seats)]
            if post in posts:  # a later span of the same post (the Sở KH&CN from March 2025)
                for lane, more in zip(posts[post], lanes, strict=True):
                    lane.extend(more)
            else:
                posts[post] = lanes
    return posts


def _rand_day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _plan_stages(rng: random.Random, kind: str, begin: dt.date) -> list[tuple[str, dt.date]]:
    days = {
        "system": [
            ("submitted", 60, 300),
            ("approved", 30, 200),
            ("tendering", 40, 150),
            ("under_way", 60, 200),
            ("completed", 120, 500),
            ("operating", 20, 60),
        ],
        "plan": [("submitted", 40, 200), ("approved", 30, 150), ("under_way", 20, 60)],
        "scheme": [("submitted", 40, 200), ("approved", 30, 150), ("under_way", 20, 60)],
    }
    stages = [("proposed", begin)]
    day = begin
    for stage, lo, hi in days[kind]:
        day = day + dt.timedelta(days=rng.randint(lo, hi))
        stages.append((stage, day))
    return stages


def _portfolio(rng: random.Random, place: Place, phrase: str, tinh: str) -> list[ProjectPlan]:
    out: list[ProjectPlan] = []
    last = OLD_END if place.era == "old" else NEW_END
    for spec in load("catalogue")["project"]:
        if spec.get("era", "old") != place.era:
            continue
        topics = tuple(spec["topics"])
        first_year, last_year = spec["start"]
        full_form = rng.choice(spec["full"])
        if spec["kind"] == "yearly":
            for year in range(first_year, last_year + 1):
                begin = _rand_day(rng, D(year - 1, 10, 1), D(year - 1, 11, 15))
                stages = [
                    ("proposed", begin),
                    ("submitted", _rand_day(rng, D(year - 1, 12, 1), D(year - 1, 12, 28))),
                    ("approved", _rand_day(rng, D(year, 1, 5), D(year, 2, 25))),
                    ("under_way", D(year, 3, 1)),
                ]
                out.append(
                    ProjectPlan(
                        f"{spec['key']}:{year}",
                        "plan",
                        topics,
                        full_form.format(P=phrase, tinh=tinh, Y=year),
                        tuple(s.format(P=phrase, tinh=tinh, Y=year) for s in spec["short"]),
                        stages,
                        min(D(year, 12, 31), last),
                    )
                )
            continue
        if rng.random() > 0.7:
            continue
        begin = _rand_day(rng, D(first_year, 1, 1), D(last_year, 12, 31))
        begin = max(begin, MERGER) if place.era == "new" else begin
        stages = _plan_stages(rng, spec["kind"], begin)
        end = min(stages[-1][1] + dt.timedelta(days=rng.randint(700, 1800)), last)
        if stages[0][1] > end:
            continue
        out.append(
            ProjectPlan(
                spec["key"],
                spec["kind"],
                topics,
                full_form.format(P=phrase, tinh=tinh, Y=""),
                tuple(s.format(P=phrase, tinh=tinh, Y="") for s in spec["short"]),
                stages,
                end,
            )
        )
    return out


def _slug(name: str) -> str:
    return key(name)


# vietnamadminunits files the districts of code 46 under its 2025 name.
LEGACY = {"Huế": "Thừa Thiên Huế"}


def cluster_candidates() -> dict[str, tuple[str, ...]]:
    """Per province, its rural districts whose name no other district or province shares."""
    districts = gazetteer.districts()
    counts: dict[str, int] = {}
    for d in districts:
        counts[key(d.name)] = counts.get(key(d.name), 0) + 1
    provinces = {key(p.name) for p in gazetteer.provinces()}
    out: dict[str, list[str]] = {}
    for d in districts:
        k = key(d.name)
        if d.kind == "Huyện" and counts[k] == 1 and k not in provinces:
            out.setdefault(LEGACY.get(d.province, d.province), []).append(d.name)
    return {p: tuple(v) for p, v in out.items()}


@dataclass
class World:
    old: list[Place]
    new: list[Place]
    national: dict[str, list[list[Tenure]]]
    by_name: dict[str, Place]

    def national_holder(self, post: str, day: dt.date, slot: int = 0) -> Person:
        lane = self.national[post][slot % len(self.national[post])]
        for tenure in lane:
            if tenure.start <= day <= tenure.end:
                return tenure.person
        return lane[-1].person


def place_phrase(place: Place, day: dt.date | None = None) -> tuple[str, str]:
    """('tỉnh Hậu Giang', 'tỉnh') or ('thành phố Đà Nẵng', 'thành phố') as written in 2008-2026."""
    if place.name == "Thừa Thiên Huế" and day is not None and day >= D(2025, 1, 1):
        return "thành phố Huế", "thành phố"  # a centrally run city from 1 January 2025
    if place.city:
        return f"thành phố {place.name}", "thành phố"
    return f"tỉnh {place.name}", "tỉnh"


def build_world(seed: int) -> World:
    rng = random.Random(f"synth-world/{seed}")
    makers = NameMaker(rng)
    districts: dict[str, list[gazetteer.District]] = {}
    for d in gazetteer.districts():
        districts.setdefault(LEGACY.get(d.province, d.province), []).append(d)
    clusters = cluster_candidates()
    old: list[Place] = []
    for p in gazetteer.provinces():
        place = Place(
            p.name,
            "old",
            p.full.startswith("Thành phố"),
            p.name_2025,
            _slug(p.name),
            (),
            tuple(districts.get(p.name, ())),
            clusters.get(p.name, ()),
        )
        place.posts = _roster(
            rng,
            makers,
            p.name,
            [
                (LEADER_POSTS, OLD_START, OLD_END),
                (DEPT_POSTS, OLD_START, DEPT_MERGER - dt.timedelta(days=1)),
                (DEPT_POSTS, DEPT_MERGER, OLD_END),
            ],
        )
        phrase, tinh = place_phrase(place)
        place.projects = _portfolio(rng, place, phrase, tinh)
        place.weight = rng.uniform(0.55, 1.6)  # some portals publish more than others
        old.append(place)
    members: dict[str, list[str]] = {}
    for p in gazetteer.provinces():
        members.setdefault(p.name_2025, []).append(p.name)
    new: list[Place] = []
    for name in gazetteer.provinces_2025():
        mem = tuple(members.get(name, ()))
        place = Place(name, "new", name in CITIES_2025, name, _slug(name), mem)
        # A new province's officials come from one of the old provinces it absorbed.
        origin = rng.choice(mem) if mem else name
        place.posts = _roster(
            rng, makers, origin, [(LEADER_POSTS, MERGER, NEW_END), (DEPT_POSTS, MERGER, NEW_END)]
        )
        phrase, tinh = place_phrase(place)
        place.projects = _portfolio(rng, place, phrase, tinh)
        place.weight = rng.uniform(0.7, 1.5) * (1 + 0.3 * (len(mem) - 1))
        new.append(place)
    national = _roster(rng, makers, None, [(NATIONAL_POSTS, OLD_START, NEW_END)])
    by_name = {p.name: p for p in old}
    return World(old, new, national, by_name)

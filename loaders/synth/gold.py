"""One article being written: the slots that put facts into its text also record them as gold.

Every quoted gold string (people, projects, legal references, deadline and number texts) is
produced here from the same value that goes into the text, so the two cannot disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field

from loaders.synth.data import load

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_SYMBOL_ONLY = re.compile(r"\b\d+[a-z]/[A-ZĐ-]+\b|\b\d+-NQ/[A-Z]+\b")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Moving a tone mark to the second vowel of an open "oa", "oe", "uy" syllable gives the
# older placement many portals still use: Hòa -> Hoà, Ủy -> Uỷ, Thúy -> Thuý (not after q).
# Only the open syllables oa, oe and uy move: "của", "mùa", "hoàn", "quý" never change.
_END = r"(?![A-Za-z\u0300-\u036f\u00C0-\u1EF9])"
_TO_OLD = re.compile(r"(?<![qQ])(?:([oO])([" + _TONES + r"])([aAeE])|([uU])([" + _TONES + r"])([yY]))" + _END)


def old_tones(text: str) -> str:
    nfd = unicodedata.normalize("NFD", text)
    moved = _TO_OLD.sub(
        lambda m: (
            (m.group(1) + m.group(3) + m.group(2)) if m.group(1) else (m.group(4) + m.group(6) + m.group(5))
        ),
        nfd,
    )
    return unicodedata.normalize("NFC", moved)


def thousands(value: int) -> str:
    """1250 -> '1.250' (Vietnamese digit grouping)."""
    return f"{value:,}".replace(",", ".")


def decimal(value: float) -> str:
    """37.5 -> '37,5'; 40.0 -> '40'."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@dataclass
class Article:
    """The text pieces and gold of one article in progress."""

    rng: random.Random
    day: dt.date  # the meeting (or issue) date
    tinh: str = "tỉnh"  # "tỉnh" | "thành phố"
    tu: str = "Tỉnh ủy"
    ky: str = "Thời gian qua"  # sentence opener naming the reporting period
    ratio_total: int = 10  # districts of the province ("8/8 huyện, thành phố")
    rank_of: int = 63
    cluster: tuple[str, ...] = ()  # districts of a cluster briefing
    districts: tuple[str, ...] = ()  # districts that may be named in the text
    people: list[dict] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)
    legal_refs: list[str] = field(default_factory=list)
    numbers: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)

    # --- gold registration ---------------------------------------------------------------
    def topic(self, *codes: str) -> None:
        for code in codes:
            if code and code not in self.topics:
                self.topics.append(code)

    def person(self, name: str, title: str | None) -> None:
        for p in self.people:
            if p["name"] == name:
                if not p["title"] and title:
                    p["title"] = title
                return
        self.people.append({"name": name, "title": title})

    def project(self, text: str) -> str:
        if text not in self.projects:
            self.projects.append(text)
        return text

    def legal(self, text: str) -> str:
        """Record a document number; returns the text as written."""
        # score.py keys "Nghị quyết số 36a/NQ-CP" and "Nghị quyết 52-NQ/TW" as "nghi quyet 36"
        # and "nghi quyet 52", losing the symbol; the README also allows the number symbol
        # alone, which keys exactly, so those two shapes are recorded that way.
        m = _SYMBOL_ONLY.search(text)
        gold = m.group(0) if m else text
        if gold not in self.legal_refs:
            self.legal_refs.append(gold)
        return text

    def number(self, text: str, value: float, unit: str) -> str:
        value = int(value) if float(value).is_integer() else round(value, 4)
        self.numbers.append({"text": text, "value": value, "unit": unit})
        return text

    def _fresh(self, draw):
        """A value not already used as a number in this article (gold numbers stay distinct)."""
        used = {n["value"] for n in self.numbers}
        value = draw()
        for _ in range(6):
            if value not in used:
                break
            value = draw()
        return value

    # --- slots ---------------------------------------------------------------------------
    def count(self, lo: int, hi: int, unit: str, qualify: bool = True) -> str:
        rng = self.rng
        value = self._fresh(lambda: rng.randint(lo, hi))
        shown = thousands(value) if value >= 1000 and rng.random() < 0.92 else str(value)
        qual = rng.choice(["", "", "", "hơn ", "trên ", "khoảng "]) if qualify else ""
        if value < 10 and not qual and rng.random() < 0.25:
            shown = f"0{value}"
        return self.number(f"{qual}{shown} {unit}", value, unit)

    def kilo(self, lo: int, hi: int, unit: str) -> str:
        rng = self.rng
        n = self._fresh(lambda: rng.randint(lo, hi) * 1000) // 1000
        qual = rng.choice(["", "hơn ", "gần ", "khoảng "])
        word = rng.choice(["ngàn", "nghìn"])
        return self.number(f"{qual}{n} {word} {unit}", n * 1000, unit)

    def percent(self, lo: float, hi: float, unit: str | None = None) -> str:
        rng = self.rng

        def draw():
            if lo == hi:
                return lo
            v = rng.uniform(lo, hi)
            return round(v, 1) if rng.random() < 0.6 else float(round(v))

        value = min(self._fresh(draw), 100.0)
        text = f"{decimal(value)}%" + (f" {unit}" if unit else "")
        if not unit and rng.random() < 0.2:
            text = rng.choice(["khoảng ", "trên ", "hơn "]) + text
        return self.number(text, value, "%")

    def ratio(self, unit: str, total: int | None = None) -> str:
        total = total or self.ratio_total
        done = total if self.rng.random() < 0.7 else self.rng.randint(max(1, total // 2), total)
        return self.number(f"{done}/{total} {unit}", done, unit)

    def rank(self) -> str:
        value = self._fresh(lambda: self.rng.randint(1, self.rank_of))
        verb = self.rng.choice(["xếp thứ", "xếp hạng", "đứng thứ"])
        return self.number(f"{verb} {value}/{self.rank_of}", value, "hạng")

    def money(self, lo: float, hi: float, unit: str) -> str:
        rng = self.rng
        value = self._fresh(
            lambda: (
                round(rng.uniform(lo, hi), 1) if rng.random() < 0.3 else float(rng.randint(int(lo), int(hi)))
            )
        )
        qual = rng.choice(["", "khoảng ", "hơn "])
        return self.number(f"{qual}{decimal(value)} {unit}", value, unit)

    def km(self, lo: float, hi: float, rest: str) -> str:
        rng = self.rng
        value = self._fresh(
            lambda: (
                round(rng.uniform(lo, hi), 1) if rng.random() < 0.3 else float(rng.randint(int(lo), int(hi)))
            )
        )
        return self.number(f"{decimal(value)} km {rest}".strip(), value, "km")

    # --- templates -----------------------------------------------------------------------
    _SLOT = re.compile(r"\{(n0|n|k|pct|pctu|ratio|rank|money|km|sys|law|dist|cn)(?: ([^{}]*))?\}")

    def fill(self, template: str) -> str:
        """Fill a template of phrases.toml; facts go to the gold as they are written."""
        year = self.day.year
        text = (
            template.replace("{tinh}", self.tinh)
            .replace("{TU}", self.tu)
            .replace("{Y0}", str(year - 1))
            .replace("{Y1}", str(year + 1))
            .replace("{Y}", str(year))
            .replace("{ky}", self.ky)
        )
        return self._SLOT.sub(self._slot, text)

    def _slot(self, m: re.Match) -> str:
        kind, arg = m.group(1), (m.group(2) or "").strip()
        if kind in ("n", "n0", "k", "pct", "pctu", "money", "km"):
            rng_part, _, unit = arg.partition(" ")
            lo_s, _, hi_s = rng_part.partition("-")
            lo, hi = float(lo_s), float(hi_s or lo_s)
            if kind == "n":
                return self.count(int(lo), int(hi), unit)
            if kind == "n0":
                return self.count(int(lo), int(hi), unit, qualify=False)
            if kind == "k":
                return self.kilo(int(lo), int(hi), unit)
            if kind == "pct":
                return self.percent(lo, hi)
            if kind == "pctu":
                return self.percent(lo, hi, unit)
            if kind == "money":
                return self.money(lo, hi, unit)
            return self.km(lo, hi, unit)
        if kind == "ratio":
            return self.ratio(arg)
        if kind == "rank":
            return self.rank()
        if kind == "sys":
            return self.project(arg)
        if kind == "law":
            return self.law(arg)
        if kind == "dist":
            pool = self.cluster or self.districts
            return self.rng.choice(pool) if pool else "Trung tâm"
        if kind == "cn":
            n = len(self.cluster) or 4
            return self.number(f"{n} {arg}", n, arg)
        raise ValueError(kind)

    # --- legal references ----------------------------------------------------------------
    def laws_in_force(self) -> list[dict]:
        y = self.day.year
        return [law for law in load("catalogue")["law"] if law["years"][0] <= y <= law["years"][1]]

    def law(self, number: str | None = None, spec: dict | None = None, long: bool | None = None) -> str:
        """A national document, e.g. 'Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ'."""
        if spec is None:
            spec = next(law for law in load("catalogue")["law"] if number in law["forms"][0])
        form = self.rng.choice(spec["forms"])
        self.legal(form)
        long = self.rng.random() < 0.35 if long is None else long
        if long:  # only a citation that says what the document is about discusses its topic
            self.topic(*spec["topics"])
            if spec.get("project"):
                self.project(spec["project"])
            return f"{form} ngày {spec['date']} {spec['issuer']} {spec['about']}"
        return form

    def local_law(self, prefix: str = "UBND", with_about: bool = True, topic: str | None = None) -> str:
        """A provincial document with an invented number, sometimes dated before the meeting."""
        rng, y = self.rng, self.day.year
        choices = []
        for spec in load("catalogue")["local_law"]:
            for about, topics, years in zip(spec["about"], spec["topics"], spec["years"], strict=True):
                if years[0] <= y <= years[1]:
                    choices.append((spec["form"], about, topics))
        choices = [c for c in choices if topic in c[2]] or choices  # on the article's subject if any
        form, about, topics = rng.choice(choices)
        number = str(rng.randint(12, 3200)) if "/KH-" not in form else str(rng.randint(5, 480))
        if "-NQ/TU" in form:
            number = f"{rng.randint(1, 30):02d}"
        text = form.replace("{n}", number).replace("UBND", prefix)
        self.legal(text)
        issued = self.day - dt.timedelta(days=rng.randint(20, 300))
        out = text
        if rng.random() < 0.35:
            out += (
                f" ngày {issued.day:02d}/{issued.month:02d}/{issued.year}"
                if rng.random() < 0.5
                else f" ngày {issued.day}/{issued.month}/{issued.year}"
            )
        if with_about:
            out += " " + self.fill(about)
            self.topic(*topics)
        return out

    def has_local_law(self, topic: str) -> bool:
        """Whether a provincial document on this topic is in force in the article's year."""
        y = self.day.year
        return any(topic in topics and years[0] <= y <= years[1]
                   for spec in load("catalogue")["local_law"]
                   for topics, years in zip(spec["topics"], spec["years"], strict=True))

    def decision(self) -> str:
        """'Quyết định số 1234/QĐ-UBND' for an approval (registered as a legal reference)."""
        rng = self.rng
        text = f"Quyết định số {rng.randint(12, 3200)}/QĐ-UBND"
        self.legal(text)
        issued = self.day - dt.timedelta(days=rng.randint(10, 200))
        if rng.random() < 0.4:
            return f"{text} ngày {issued.day}/{issued.month}/{issued.year}"
        return text

    # --- deadlines -----------------------------------------------------------------------
    def deadline(self) -> str:
        """A time limit after the meeting, written in one of the portals' forms."""
        rng, m = self.rng, self.day
        target = m + dt.timedelta(days=rng.randint(8, 150))
        y = target.year
        same_year = y == m.year
        form = rng.choices(
            [
                "full",
                "full_pad",
                "noyear",
                "short",
                "dash",
                "quarter",
                "quarter_noyear",
                "month_in",
                "before_month",
                "year",
                "latest",
            ],
            [26, 8, 12, 10, 3, 14, 4, 10, 6, 3, 4],
        )[0]
        q = (target.month - 1) // 3 + 1
        # Forms without a year resolve to the meeting's year, or the next one when that would
        # fall before the meeting (README rule); targets lie < 5 months ahead, so they agree.
        if form == "quarter_noyear" and last_day(m.year, 3 * q) >= m:
            y = m.year
        if form == "before_month" and target.month >= 12:
            form = "month_in"
        if form == "before_month" and same_year and target.month + 1 <= m.month:
            form = "full"
        if form == "year" and (m.month > 9 or not same_year):
            form = "quarter"
        if form == "full":
            text, due = f"trước ngày {target.day}/{target.month}/{y}", target.isoformat()
        elif form == "full_pad":
            text, due = f"trước ngày {target.day:02d}/{target.month:02d}/{y}", target.isoformat()
        elif form == "latest":
            text, due = f"chậm nhất ngày {target.day}/{target.month}/{y}", target.isoformat()
        elif form == "noyear":
            text, due = f"trước ngày {target.day}/{target.month}", target.isoformat()
        elif form == "short":
            text, due = f"trước {target.day}/{target.month}", target.isoformat()
        elif form == "dash":
            text, due = f"trước {target.day}-{target.month}", target.isoformat()
        elif form == "quarter":
            text, due = f"trong quý {ROMAN[q]}/{y}", last_day(y, 3 * q).isoformat()
        elif form == "quarter_noyear":
            text, due = f"trong quý {ROMAN[q]}", last_day(y, 3 * q).isoformat()
        elif form == "month_in":  # a month resolves to YYYY-MM (README forms; seeds' precedent)
            text, due = f"trong tháng {target.month}/{y}", f"{y}-{target.month:02d}"
        elif form == "before_month":
            month = target.month + 1  # "trước tháng 10" is YYYY-10 (README)
            text, due = f"trước tháng {month}", f"{y}-{month:02d}"
        else:  # "year": a year resolves to YYYY, like "trong kỳ họp cuối năm 2017" in the seeds
            text, due = f"trong năm {y}", str(y)
        self.deadlines.append({"text": text, "date": due})
        return text

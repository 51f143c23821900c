"""Writing one synthetic article: choose what happened, then say it the way portals do.

`compose()` returns a `Story`: the article's parts (title, paragraphs, byline, captions, older
headlines) and its gold. Formats and page furniture are added later by `loaders.synth.formats`.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from functools import cache

from loaders.synth.calendar import KINDS, MEETING_TYPE, _month_after, publication, schedule
from loaders.synth.cast import Cast, short_title
from loaders.synth.data import load, trainings
from loaders.synth.gold import ROMAN, Article
from loaders.synth.notmeeting import NotMeeting
from loaders.synth.wording import cap, decap
from loaders.synth.world import DEPT_MERGER, MERGER, NameMaker, Person, Place, World, place_phrase


@dataclass
class Story:
    title: str
    paragraphs: list[str]
    art: Article
    gold: dict
    pub: dt.date | None
    evidence: str  # text | district names | boilerplate | url
    place: Place
    byline: str | None = None
    captions: list[str] = field(default_factory=list)
    older: list[tuple[str, dt.date]] = field(default_factory=list)


@cache
def _fact_pool(
    scope: str, year: int, kh: bool, merged: bool, districts: bool
) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The report sentences that fit an article's scope, year and era."""
    pool = []
    for fact in load("phrases")["fact"]:
        if fact.get("scope", "so") != scope or not fact["years"][0] <= year <= fact["years"][1]:
            continue
        era = fact.get("era")
        if (era == "old" and kh) or (era == "kh" and not kh):
            continue
        for text in fact["text"]:
            if ("huyện" in text and merged) or ("{dist}" in text and not districts):
                continue
            pool.append((tuple(fact["topics"]), text))
    return tuple(pool)


# --- the writer ------------------------------------------------------------------------
class Writer:
    """Composes one article for a place, a day and a meeting kind."""

    def __init__(
        self,
        world: World,
        place: Place,
        day: dt.date,
        kind: str,
        period: str | None,
        pinfo: dict,
        rng: random.Random,
        evidence: str,
    ) -> None:
        self.world, self.place, self.day, self.kind = world, place, day, kind
        self.period, self.pinfo, self.rng, self.evidence = period, pinfo, rng, evidence
        self.named = evidence == "text"
        self.kh = day >= DEPT_MERGER
        self.abbr = rng.choices(["TT&TT", "TT-TT", "TTTT"], [80, 15, 5])[0]
        self.phrase, tinh = place_phrase(place, day)
        self.cast = Cast(self)
        n_districts = len([d for d in place.districts if d.kind in ("Huyện", "Quận", "Thị xã", "Thành phố")])
        self.art = Article(
            rng,
            day,
            tinh=tinh,
            tu="Thành ủy" if tinh == "thành phố" else "Tỉnh ủy",
            ky=self._ky(),
            ratio_total=max(n_districts, 2),
            rank_of=34 if day >= MERGER else 63,
            districts=tuple(d.name for d in place.districts if d.kind == "Huyện") if self.named else (),
        )
        self.paragraphs: list[str] = []
        self.captions: list[str] = []
        self.chair: tuple[str, str] | None = None
        self.relative: str | None = None
        self.used: set[str] = set()  # templates already in this article
        self.subject_named = False  # the first "Sở ... tỉnh X" of a text-evidence article names X
        self.cities = tuple(d.name for d in place.districts if d.kind == "Thành phố")

    # -- words for the period -----------------------------------------------------------
    def _ky(self) -> str:
        unit = self.pinfo.get("unit")
        return {
            "month": "Trong tháng",
            "quarter": "Trong quý",
            "H1": "Trong 6 tháng đầu năm",
            "9M": "Trong 9 tháng",
            "year": "Trong năm",
            "NM": "Từ đầu năm đến nay",
        }.get(unit, self.rng.choice(["Thời gian qua", "Từ đầu năm đến nay"]))

    def period_words(self, with_year: bool = True) -> str:
        p, rng = self.pinfo, self.rng
        if not p:
            return ""
        y = f" năm {p['y']}" if with_year and rng.random() < 0.6 else (f"/{p['y']}" if with_year else "")
        unit = p.get("unit")
        if unit == "month":
            return f"tháng {p['m']}{y}"
        if unit == "quarter":
            return f"quý {ROMAN[p['q']]}{y}"
        if unit == "H1":
            return f"6 tháng đầu năm {p['y']}" if with_year else "6 tháng đầu năm"
        if unit == "9M":
            return f"9 tháng đầu năm {p['y']}" if with_year else "9 tháng đầu năm"
        if unit == "NM":
            return f"{p['n']} tháng đầu năm {p['y']}" if with_year else f"{p['n']} tháng đầu năm"
        if unit == "year":
            return f"năm {p['y']}"
        return ""

    def next_words(self) -> str:
        p = self.pinfo
        unit = p.get("unit")
        if unit == "month":
            ny, nm = _month_after(p["y"], p["m"])
            return f"tháng {nm} năm {ny}" if ny != p["y"] else f"tháng {nm}"
        if unit == "quarter":
            return f"quý {ROMAN[p['q'] + 1]}" if p["q"] < 4 else f"quý I năm {p['y'] + 1}"
        if unit == "H1":
            return "6 tháng cuối năm"
        if unit == "9M":
            return "3 tháng cuối năm"
        if unit == "year":
            return f"năm {p['y'] + 1}"
        return "thời gian tới"

    # -- dates --------------------------------------------------------------------------
    def date_words(
        self, title_year: int | None, pub: dt.date | None, allow_relative: bool
    ) -> tuple[str, str | None]:
        """The meeting date as the lead writes it, and a relative-date marker if one is used."""
        rng, d = self.rng, self.day
        daypart = rng.choices(["Ngày", "Sáng", "Chiều", "Sáng ngày", "Chiều ngày"], [30, 25, 20, 15, 10])[0]
        # A date without a year only where every source of a year (title, period, stamp) that
        # the page shows agrees with the meeting's year, so the README rule recovers it.
        sources = [y for y in (title_year, self.pinfo.get("y"), pub.year if pub else None) if y is not None]
        no_year_ok = bool(sources) and all(y == d.year for y in sources)
        if allow_relative and pub is not None and rng.random() < 0.06:
            if pub == d:
                return f"{rng.choice(['Sáng nay', 'Chiều nay'])} ({d.day}/{d.month})", "sang_nay"
            if pub == d + dt.timedelta(days=1):
                return f"Hôm qua ({d.day}-{d.month})", "hom_qua"
        style = rng.choices(
            ["dmy", "dmy_pad", "words", "dash", "noyear"], [45, 15, 12, 6, 22 if no_year_ok else 0]
        )[0]
        if style == "dmy":
            return f"{daypart} {d.day}/{d.month}/{d.year}", None
        if style == "dmy_pad":
            return f"{daypart} {d.day:02d}/{d.month:02d}/{d.year}", None
        if style == "words":
            dp = "Ngày" if daypart == "Ngày" else daypart.replace(" ngày", "") + " ngày"
            return f"{dp} {d.day} tháng {d.month} năm {d.year}", None
        if style == "dash":
            return f"{daypart} {d.day:02d}-{d.month:02d}-{d.year}", None
        sep = rng.choices(["/", "-", "."], [70, 20, 10])[0]
        return f"{daypart} {d.day}{sep}{d.month}", None

    # -- sentences ------------------------------------------------------------------------
    def facts(self, scope: str, k: int) -> list[str]:
        rng = self.rng
        pool = _fact_pool(
            scope, self.day.year, self.kh, self.day >= MERGER, self.named or bool(self.art.cluster)
        )
        pool = [(t, x) for t, x in pool if x not in self.used]
        picked = rng.sample(pool, min(k, len(pool)))
        out = []
        for topics, text in picked:
            self.used.add(text)
            self.art.topic(*topics)
            out.append(cap(self.art.fill(text)))
        return out

    def directives(self, k: int, deadlines: float, topics: tuple[str, ...] | None = None) -> list[str]:
        rng, y = self.rng, self.day.year
        pool = []
        for d in load("phrases")["directive"]:
            era = d.get("era")
            if (
                not d["years"][0] <= y <= d["years"][1]
                or (era == "old" and self.kh)
                or (era == "kh" and not self.kh)
            ):
                continue
            if topics is not None and not set(d["topics"]) <= set(topics):
                continue
            pool.extend((d["topics"], t) for t in d["text"] if t not in self.used)
        out = []
        for topics_, text in rng.sample(pool, min(k, len(pool))):
            self.used.add(text)
            self.art.topic(*topics_)
            phrase = self.art.fill(text)
            if rng.random() < deadlines:
                phrase += " " + self.art.deadline()
            out.append(phrase)
        return out

    def projects(self, k: int) -> list[tuple[object, str]]:
        """Up to k of the place's projects that are alive on the day, with their stage."""
        live = [(p, p.stage_at(self.day)) for p in self.place.projects]
        live = [(p, s) for p, s in live if s]
        return self.rng.sample(live, min(k, len(live)))

    def project_name(self, plan) -> str:
        if self.named and self.rng.random() < 0.6:
            return plan.full
        return self.rng.choice(plan.short)

    def project_sentence(self, plan, stage: str, mode: str) -> str:
        """A report ("report") or a task ("direct") about a project at its current stage."""
        rng, art = self.rng, self.art
        stages = load("catalogue")["stages"][
            plan.kind if plan.kind in ("system", "plan", "scheme") else "plan"
        ]
        stage_key = stage if stage in stages else "under_way"
        template = rng.choice(stages[stage_key][mode])
        name = self.project_name(plan)
        art.project(name)
        art.topic(*plan.topics)
        art.stages.append(f"{plan.key}={stage}")
        text = template.replace("{tinh}", art.tinh)
        if "{qd}" in text:
            text = text.replace("{qd}", art.decision())
        if "{pct}" in text:
            text = text.replace("{pct}", art.percent(30, 85, "khối lượng"))
        text = text.replace("{X}", name)
        if mode == "report" and stage in ("under_way", "tendering") and rng.random() < 0.2:
            # a projection, not a deadline (the gold leaves it out)
            q = rng.randint(1, 4)
            text += f", dự kiến hoàn thành trong quý {ROMAN[q]}/{self.day.year + (1 if q * 3 < self.day.month else 0)}"
        return text

    def law_sentence(self) -> str | None:
        laws = self.art.laws_in_force()
        if not laws:
            return None
        spec = self.rng.choice(laws)
        cite = self.art.law(spec=spec)
        return self.rng.choice(
            [
                f"Thực hiện {cite}, Sở đã tham mưu UBND {self.art.tinh} ban hành các văn bản chỉ đạo, hướng dẫn triển khai trên địa bàn.",
                f"Sở đã chủ động tham mưu triển khai {cite}.",
            ]
        )

    def distractor(self) -> str | None:
        """Another province in the text that is not the meeting's (text evidence only)."""
        if not self.named:
            return None
        rng = self.rng
        if self.place.era == "new" and len(self.place.members) > 1:
            olds = [m for m in self.place.members if m != self.place.name] or list(self.place.members)
            olds_text = " và ".join(f"{place_phrase(self.world.by_name[o])[0]} (cũ)" for o in olds[:2])
            return rng.choice(
                [
                    f"Sau hơn ba tháng vận hành chính quyền địa phương hai cấp, Sở đã hoàn thành việc kết nối các hệ thống thông tin dùng chung của {olds_text} về hệ thống của {self.art.tinh}.",
                    f"Một số xã thuộc địa bàn {olds_text} còn thiếu cán bộ có chuyên môn về công nghệ thông tin.",
                ]
            )
        if self.place.era == "old" and self.kh and self.day < MERGER:
            partners = [
                p.name
                for p in self.world.old
                if p.name_2025 == self.place.name_2025 and p.name != self.place.name
            ]
            if partners:
                other = self.world.by_name[rng.choice(partners)]
                return (
                    f"Sở đang phối hợp với Sở Khoa học và Công nghệ {place_phrase(other, self.day)[0]} rà soát, "
                    "thống kê các hệ thống thông tin, cơ sở dữ liệu dùng chung, chuẩn bị phương án hợp nhất hạ tầng số."
                )
        if rng.random() < 0.12:
            other = rng.choice([p for p in self.world.old if p.name != self.place.name])
            return f"Đoàn công tác của Sở đã đi trao đổi, học tập kinh nghiệm tại {place_phrase(other, self.day)[0]}."
        return None

    def context_sentence(self) -> str | None:
        """Era-specific background (and traps: durations, start dates)."""
        rng, d = self.rng, self.day
        if d.year == 2008 and d.month <= 8:
            return "Sau gần 5 tháng đi vào hoạt động, Sở đã cơ bản ổn định tổ chức bộ máy, tiếp nhận chức năng quản lý nhà nước về báo chí, xuất bản từ Sở Văn hóa - Thông tin."
        if self.kh and d < MERGER and rng.random() < 0.6:
            return (
                "Đây là thời gian đầu Sở hoạt động theo mô hình mới sau khi hợp nhất Sở Thông tin và Truyền thông "
                "vào Sở Khoa học và Công nghệ từ ngày 01/3/2025."
            )
        if d >= MERGER and rng.random() < 0.5:
            return (
                "Từ ngày 01/7/2025, Sở triển khai các nhiệm vụ theo mô hình chính quyền địa phương hai cấp."
            )
        return None

    def people_paragraph(self, posts: list[tuple[str, int]], lead_in: str) -> str | None:
        """A deputy or a head of division reports (named officials who are not the chair)."""
        rng = self.rng
        post, slot = rng.choice(posts)
        person = self.cast.who(post, slot)
        if self.chair and person.name == self.chair[0]:
            return None
        facts = self.facts("so", rng.randint(1, 2))
        if not facts:
            return None
        who = self.cast.first(person, self.cast.title(post, slot), rng.choice(["dc", "ongba", "dash"]))
        verb = rng.choice(["cho biết", "báo cáo", "thông tin"])
        body = " ".join(facts)
        return f"{cap(lead_in + ' ' + who if lead_in else who)} {verb}: {decap(body)}"

    def byline(self) -> str:
        rng = self.rng
        names = load("names")
        if self.art.people and rng.random() < 0.04:
            parts = self.art.people[-1]["name"].split()
            if len(parts) >= 3:
                return " ".join(parts[-2:])  # a pen name that is the end of an official's name
        if rng.random() < 0.12:
            return rng.choice(names["unit_bylines"])
        name = rng.choice(names["bylines"])
        r = rng.random()
        if r < 0.15:
            return f"{name} - {self.cast.dept('short')}"
        if r < 0.22 and self.named:
            return f"{name} – {self.cast.dept('short')} {self.place.name}"
        if r < 0.28:
            return f"Tin, ảnh: {name}"
        return name

    def caption(self, person: Person | None, title: str | None) -> str:
        rng = self.rng
        if person and rng.random() < 0.6:
            return f"{cap(title or 'Đồng chí')} {person.name} phát biểu tại {rng.choice(['hội nghị', 'cuộc họp', 'buổi làm việc'])}"
        return rng.choice(
            [
                "Toàn cảnh hội nghị",
                "Quang cảnh cuộc họp",
                "Các đại biểu dự hội nghị",
                "Quang cảnh buổi làm việc",
                "Ảnh: T.H",
            ]
        )

    # -- the dept phrase as subject of the lead -------------------------------------------
    def dept_subject(self) -> str:
        dept = self.cast.dept("full")
        first, self.subject_named = not self.subject_named, True
        if self.named and (first or self.rng.random() < 0.6):
            return f"{dept} {self.phrase}" if self.rng.random() < 0.7 else f"{dept} {self.place.name}"
        return dept

    # -- conclusion -----------------------------------------------------------------------
    def conclusion(self, chair: Person, chair_short: str | None, projects: list) -> str:
        rng = self.rng
        items = self.directives(rng.randint(1, 3), 0.45)
        for plan, stage in projects[: rng.randint(0, 2)]:
            task = self.project_sentence(plan, stage, "direct")
            if rng.random() < 0.6:
                task += " " + self.art.deadline()
            items.insert(rng.randint(0, len(items)), task)
        if not self.art.deadlines and items and rng.random() < 0.7:
            items[-1] += " " + self.art.deadline()
        opener = rng.choice(
            ["Kết luận cuộc họp", "Phát biểu kết luận", "Kết luận hội nghị", "Phát biểu chỉ đạo"]
        )
        if self.kind == "lam_viec":
            opener = rng.choice(["Kết luận buổi làm việc", "Phát biểu kết luận buổi làm việc"])
        ref = self.cast.again(chair, chair_short)
        praise = rng.choice(
            [
                "ghi nhận, biểu dương những kết quả đạt được",
                "đánh giá cao sự nỗ lực của tập thể lãnh đạo, công chức Sở",
                "ghi nhận những kết quả ngành đã đạt được; đồng thời chỉ ra một số tồn tại, hạn chế cần khắc phục",
            ]
        )
        ask = rng.choice(
            [
                "yêu cầu các phòng chuyên môn, đơn vị trực thuộc",
                "đề nghị Sở",
                "yêu cầu Sở",
                "đề nghị các đơn vị",
            ]
        )
        return f"{opener}, {ref} {praise}; {ask} {'; '.join(items)}."

    # -- meeting kinds --------------------------------------------------------------------
    def write(self, pub: dt.date | None, allow_relative: bool) -> tuple[str, list[str]]:
        return getattr(self, f"_write_{self.kind}")(pub, allow_relative)

    def _title_year(self, title: str) -> int | None:
        m = re.search(r"(20\d\d)", title)
        return int(m.group(1)) if m else None

    def _chair_lines(
        self, chair_post: str, attending: str | None, chair_slot: int = 0
    ) -> tuple[Person, str, str]:
        """The sentence naming the chair (and a leader who attends); records the gold chair."""
        rng, cast = self.rng, self.cast
        chair = cast.who(chair_post, chair_slot)
        title = cast.title(chair_post, chair_slot)
        noun = {"lam_viec": "buổi làm việc", "review": "hội nghị"}.get(self.kind) or rng.choice(
            ["cuộc họp", "hội nghị"]
        )
        style = rng.choice(["dc", "title"])
        if attending:
            leader = cast.who(attending)
            if leader.name == chair.name:
                attending = None
        if attending and rng.random() < 0.75:
            ltitle = cast.title(attending)
            lead_m = cast.first(leader, ltitle)
            if rng.random() < 0.3:
                # only the leader is named as attending and nobody is said to preside: by the
                # corpus convention the leader is the chair
                self.chair = (leader.name, ltitle)
                return leader, ltitle, f"{cap(lead_m)} dự và chỉ đạo {noun}."
            chair_m = cast.first(chair, title, style)
            self.chair = (chair.name, title)
            return chair, title, f"{cap(lead_m)} dự và chỉ đạo {noun}; {chair_m} chủ trì {noun}."
        chair_m = cast.first(chair, title, style)
        self.chair = (chair.name, title)
        verb = rng.choices(["chủ trì", "chủ trì", "chủ trì", "điều hành"], [1, 1, 1, 1])[0]
        return chair, title, f"{cap(chair_m)} {verb} {noun}."

    def _attendance(self) -> str:
        return self.rng.choice(
            [
                "Dự họp có các Phó Giám đốc Sở, lãnh đạo các phòng, đơn vị trực thuộc.",
                "Tham dự cuộc họp có các Phó Giám đốc, lãnh đạo các phòng chuyên môn và lãnh đạo các đơn vị sự nghiệp thuộc Sở.",
                "Tham dự có lãnh đạo Sở, trưởng, phó các phòng, đơn vị thuộc Sở.",
            ]
        )

    def _venue(self) -> str:
        rng = self.rng
        street = rng.choice(
            ["30/4", "3/2", "1/5", "19/5", "27/4", "2/9", "3 tháng 2", "Hùng Vương", "Trần Phú"]
        )
        return rng.choice(
            [
                "",
                "",
                "",
                f" tại Hội trường Sở (số {rng.randint(2, 280)} đường {street})",
                " tại trụ sở Sở",
                " theo hình thức trực tiếp kết hợp trực tuyến",
            ]
        )

    def _report_block(self, projects: list, k_facts: tuple[int, int], opener: str | None = None) -> list[str]:
        rng = self.rng
        paras = []
        facts = self.facts("so", rng.randint(*k_facts))
        reports = [cap(self.project_sentence(p, s, "report")) + "." for p, s in projects]
        law = self.law_sentence() if rng.random() < 0.45 else None
        pieces = facts + reports + ([law] if law else [])
        rng.shuffle(pieces)
        if opener is None:
            opener = rng.choice(["Theo báo cáo, ", "Báo cáo tại cuộc họp cho thấy, ", "", ""])
        while pieces:
            n = rng.randint(2, 3)
            take, pieces = pieces[:n], pieces[n:]
            text = " ".join(take)
            if opener:
                text = opener + decap(text)
                opener = ""
            paras.append(text)
        return paras

    def _write_monthly(self, pub, allow_relative):
        rng, cast = self.rng, self.cast
        p = self.pinfo
        variant = rng.random()
        pw = self.period_words()
        if variant < 0.15:
            return self._write_conclusion_notice(pub)
        title = rng.choice(
            [
                f"Giao ban công tác tháng {p['m']} năm {p['y']}",
                f"{cast.dept('short')} giao ban công tác tháng {p['m']}/{p['y']}",
                f"Họp giao ban đánh giá kết quả thực hiện nhiệm vụ tháng {p['m']}/{p['y']}",
                f"{cast.dept('full')} giao ban tháng {p['m']}/{p['y']}",
            ]
        )
        if rng.random() < 0.15:
            title = f"{cast.dept('full')}{' ' + self.place.name if self.named else ''} giao ban công tác tháng {p['m']}".upper()
        date_text, rel = self.date_words(self._title_year(title), pub, allow_relative)
        self.relative = rel
        chair, ctitle, chair_line = self._chair_lines("gd" if rng.random() < 0.85 else "pgd", None)
        lead = (
            f"{date_text}, {self.dept_subject()} tổ chức họp giao ban đánh giá kết quả thực hiện nhiệm vụ "
            f"{pw} và triển khai nhiệm vụ {self.next_words()}{self._venue()}. {chair_line}"
        )
        if rng.random() < 0.5:
            lead += " " + self._attendance()
        self.paragraphs.append(lead)
        ctx = self.context_sentence()
        if ctx:
            self.paragraphs.append(ctx)
        projects = self.projects(rng.randint(1, 3))
        self.paragraphs += self._report_block(projects, (2, 4))
        if rng.random() < 0.6:
            para = self.people_paragraph([("pgd", 0), ("pgd", 1), ("tp_cntt", 0), ("cvp", 0)], "")
            if para:
                self.paragraphs.append(para)
        dis = self.distractor()
        if dis:
            self.paragraphs.append(dis)
        if rng.random() < 0.35 and self.named:
            self.captions.append(self.caption(chair, ctitle))
        self.paragraphs.append(
            self.conclusion(chair, "Giám đốc" if "Phó" not in ctitle else "Phó Giám đốc", projects)
        )
        return title, self.paragraphs

    def _write_conclusion_notice(self, pub):
        """'Thông báo kết luận' of a monthly briefing with numbered tasks per division."""
        rng, cast, p = self.rng, self.cast, self.pinfo
        dept = cast.dept("full")
        title = f"Thông báo kết luận của Giám đốc {dept} tại cuộc họp giao ban tháng {p['m']} năm {p['y']}"
        chair = cast.who("gd")
        ctitle = f"Giám đốc {dept}"
        d = self.day
        date_text = (
            f"Ngày {d.day} tháng {d.month} năm {d.year}"
            if rng.random() < 0.6
            else f"Ngày {d.day}/{d.month}/{d.year}"
        )
        mention = cast.first(chair, "Giám đốc", "title")
        self.chair = (chair.name, "Giám đốc")
        self.paragraphs.append(
            f"{date_text}, tại {dept}, {mention} chủ trì cuộc họp giao ban định kỳ tháng {p['m']} năm {p['y']}. "
            + self._attendance()
        )
        self.paragraphs.append(
            f"Sau khi nghe báo cáo tình hình thực hiện nhiệm vụ của {dept} tháng {p['m']}; triển khai phương hướng "
            f"nhiệm vụ {self.next_words()}, ý kiến đóng góp của các Trưởng, Phó phòng và tương đương tham dự họp, "
            f"{ctitle} {chair.name} kết luận như sau:"
        )
        self.art.person(chair.name, "Giám đốc")
        divisions = (
            ["Phòng Chuyển đổi số", "Phòng Kế hoạch - Tài chính", "Văn phòng Sở", "Thanh tra Sở"]
            if self.kh
            else [
                "Phòng Công nghệ thông tin",
                "Phòng Bưu chính - Viễn thông",
                "Phòng Thông tin - Báo chí - Xuất bản",
                "Phòng Kế hoạch - Tài chính",
                "Văn phòng Sở",
                "Thanh tra Sở",
            ]
        )
        projects = self.projects(rng.randint(2, 4))
        tasks = [
            self.project_sentence(pl, st, "direct")
            + (" " + self.art.deadline() if rng.random() < 0.5 else "")
            for pl, st in projects
        ]
        tasks += self.directives(rng.randint(1, 3), 0.35)
        rng.shuffle(tasks)
        for i, division in enumerate(rng.sample(divisions, min(len(divisions), max(2, len(tasks))))):
            mine = tasks[i :: len(divisions)] if tasks else []
            if not mine:
                continue
            self.paragraphs.append(f"{i + 1}. {division} {'; '.join(mine)}.")
        self.paragraphs.append(
            f"Trên đây là kết luận của Giám đốc {dept} tại cuộc họp giao ban tháng {p['m']} năm {p['y']}, "
            f"{dept} thông báo đến các phòng chuyên môn và đơn vị trực thuộc biết và triển khai thực hiện./."
        )
        return title, self.paragraphs

    def _write_quarterly(self, pub, allow_relative):
        rng, cast, p = self.rng, self.cast, self.pinfo
        title = rng.choice(
            [
                f"Giao ban quý {ROMAN[p['q']]} năm {p['y']}",
                f"{cast.dept('short')} giao ban công tác quý {ROMAN[p['q']]}/{p['y']}",
                f"Hội nghị giao ban quý {ROMAN[p['q']]}/{p['y']}",
            ]
        )
        date_text, rel = self.date_words(self._title_year(title), pub, allow_relative)
        self.relative = rel
        chair, ctitle, chair_line = self._chair_lines("gd", "pct" if rng.random() < 0.2 else None)
        self.paragraphs.append(
            f"{date_text}, {self.dept_subject()} tổ chức họp giao ban đánh giá kết quả thực hiện nhiệm vụ "
            f"{self.period_words()}, triển khai nhiệm vụ {self.next_words()}{self._venue()}. {chair_line}"
        )
        ctx = self.context_sentence()
        if ctx:
            self.paragraphs.append(ctx)
        projects = self.projects(rng.randint(1, 4))
        self.paragraphs += self._report_block(projects, (3, 5))
        para = self.people_paragraph([("pgd", 0), ("pgd", 1), ("gd_tt", 0), ("tp_bcvt", 0)], "")
        if para:
            self.paragraphs.append(para)
        dis = self.distractor()
        if dis:
            self.paragraphs.append(dis)
        self.paragraphs.append(self.conclusion(chair, "Giám đốc", projects))
        return title, self.paragraphs

    def _write_press(self, pub, allow_relative):
        rng, cast, p = self.rng, self.cast, self.pinfo
        title = rng.choice(
            [
                f"Giao ban báo chí tháng {p['m']}/{p['y']}",
                f"Giao ban công tác báo chí tháng {p['m']} năm {p['y']}",
                f"Hội nghị giao ban báo chí định kỳ tháng {p['m']}/{p['y']}",
            ]
        )
        date_text, rel = self.date_words(self._title_year(title), pub, allow_relative)
        self.relative = rel
        a_post = rng.choice(["tg", "ptg"])
        a, b = cast.who(a_post), cast.who("gd")
        a_title, b_title = cast.title(a_post), cast.title("gd")
        am, bm = cast.first(a, a_title, "dash"), cast.first(b, b_title, "dash")
        self.chair = (a.name, a_title)
        self.paragraphs.append(
            f"{date_text}, Ban Tuyên giáo {self.art.tu} phối hợp với {cast.dept('full')} tổ chức giao ban báo chí "
            f"định kỳ {self.period_words()}. {cap(am)} và {bm} đồng chủ trì hội nghị."
        )
        self.paragraphs.append(" ".join(self.facts("press", rng.randint(2, 3))))
        self.art.topic("bao_chi_xuat_ban")
        items = self.directives(rng.randint(1, 2), 0.5, topics=("bao_chi_xuat_ban",))
        items.insert(0, "tăng cường tuyên truyền các sự kiện chính trị quan trọng của " + self.art.tinh)
        self.paragraphs.append(
            f"Phát biểu kết luận, {cast.again(a)} đề nghị các cơ quan báo chí {'; '.join(items)}."
        )
        return title, self.paragraphs

    def _write_cluster(self, pub, allow_relative):
        """A district-cluster briefing: the province is named only through its districts."""
        rng, cast, p = self.rng, self.cast, self.pinfo
        members = rng.sample(list(self.place.cluster), min(len(self.place.cluster), rng.randint(3, 6)))
        host = members[0]
        self.art.cluster = tuple(members)
        k = rng.randint(1, 6)
        unit, y = p["unit"], p["y"]
        pw = {"H1": f"6 tháng đầu năm {y}", "9M": f"9 tháng đầu năm {y}", "year": f"năm {y}"}[unit]
        review = "tổng kết" if unit == "year" else "sơ kết"
        title = rng.choice(
            [
                f"Giao ban Cụm thi đua các Phòng Văn hóa và Thông tin {pw}",
                f"Giao ban {review} công tác Thông tin và Truyền thông Cụm {k} {pw}",
            ]
        )
        date_text, _ = self.date_words(self._title_year(title), pub, False)
        listed = ", ".join(members[:-1]) + " và " + members[-1]
        pgd = cast.who("pgd")
        if rng.random() < 0.5:
            # the cluster head presides; the department's deputy director only attends
            head = Person(self._district_name(), rng.random() < 0.3)
            head_title = f"Trưởng phòng Văn hóa và Thông tin huyện {host}, Cụm trưởng"
            pm = cast.first(pgd, cast.title("pgd"), "ongba")
            chair_m = cast.first(head, head_title, "ongba")
            self.chair = (head.name, head_title)
            done = {"H1": "6 tháng đầu năm", "9M": "9 tháng đầu năm", "year": f"năm {y}"}[unit]
            self.paragraphs.append(
                f"{date_text}, tại hội trường UBND huyện {host}, Cụm thi đua số {k} gồm Phòng Văn hóa và Thông tin các "
                f"huyện {listed} tổ chức họp giao ban đánh giá kết quả hoạt động {done} và bàn phương hướng, nhiệm vụ "
                f"{self.next_words()}{'' if unit == 'year' else ' ' + str(y)}. Dự và chỉ đạo cuộc họp có {pm}. "
                f"{cap(chair_m)} chủ trì cuộc họp."
            )
            chair, short = head, None
        else:
            # the department and the host district co-chair
            pgd_title = f"Phó Giám đốc Sở {self.abbr}"
            vice = Person(self._district_name(), rng.random() < 0.2)
            pm = cast.first(pgd, pgd_title, "dash")
            vm = cast.first(vice, f"Phó Chủ tịch UBND huyện {host}", "dash")
            self.chair = (pgd.name, pgd_title)
            self.paragraphs.append(
                f"{date_text}, Sở {self.abbr} phối hợp UBND huyện {host} tổ chức Hội nghị giao ban {review} công tác "
                f"Thông tin và Truyền thông {pw} tại Cụm thi đua số {k}. {cap(pm)} và {vm} đồng chủ trì."
            )
            self.paragraphs.append(
                f"Dự hội nghị có lãnh đạo UBND, Phòng Văn hóa và Thông tin các huyện: {', '.join(members)}."
            )
            reporter = Person(self._district_name(), rng.random() < 0.4)
            rm = cast.first(reporter, f"Trưởng phòng Văn hóa và Thông tin huyện {host}", "dc")
            self.paragraphs.append(f"{cap(rm)} báo cáo kết quả công tác của các đơn vị trong Cụm.")
            chair, short = pgd, "Phó Giám đốc"
        facts = self.facts("district", rng.randint(3, 5))
        while facts:
            take, facts = facts[:2], facts[2:]
            self.paragraphs.append(" ".join(take))
        items = self.directives(
            rng.randint(0, 1), 0.3, topics=("truyen_thanh_co_so", "van_ban_dien_tu", "cong_thong_tin_dien_tu")
        )
        items.insert(0, f"rà soát, tổng hợp số liệu gửi về Sở {self.art.deadline()}")
        self.paragraphs.append(
            f"Phát biểu chỉ đạo, {cast.again(chair, short)} đề nghị các phòng {'; '.join(items)}."
        )
        nxt = members[1] if len(members) > 1 else host
        self.paragraphs.append(
            f"Cuộc họp đã thống nhất luân phiên huyện {nxt} đăng cai tổ chức giao ban cụm lần sau."
        )
        self.art.notes.append("province only through district names")
        return title, self.paragraphs

    def _district_name(self) -> str:
        self.names = getattr(self, "names", None) or NameMaker(self.rng)
        return self.names.make(self.place.name, self.rng.random() < 0.3)

    def _write_lam_viec(self, pub, allow_relative):
        """A leader's (or a ministry delegation's, or a council's) working session with the Sở."""
        rng, cast = self.rng, self.cast
        variant = rng.choices(["leader", "ministry", "hdnd"], [82, 12, 6])[0]
        topic = rng.choice(
            [
                "tình hình hoạt động của ngành",
                "kết quả thực hiện nhiệm vụ",
                "tiến độ triển khai các nhiệm vụ chuyển đổi số"
                if self.day.year >= 2020
                else "tình hình ứng dụng công nghệ thông tin",
            ]
        )
        pw = self.period_words()
        if pw:
            about = f"{topic} trong {pw}"
        elif self.day.month >= 8 and rng.random() < 0.5:
            about = f"{topic} và những kiến nghị, đề xuất cần tập trung chỉ đạo những tháng cuối năm {self.day.year}"
        else:
            about = topic
        if variant == "ministry":
            head_post = "tt" if rng.random() < 0.6 else "cuc"
            head = cast.who(head_post, rng.randint(0, 2))
            htitle = cast.title(head_post)
            title = (
                f"{htitle} {head.name} làm việc tại {self.phrase}"
                if self.named and rng.random() < 0.5
                else f"Đoàn công tác của Bộ làm việc với {cast.dept('full')}"
            )
            date_text, self.relative = self.date_words(self._title_year(title), pub, allow_relative)
            hm = cast.first(head, htitle, "dc")
            self.chair = (head.name, htitle)
            host_m = cast.first(cast.who("pct"), cast.title("pct"), "dc")
            where = f"UBND {self.phrase}" if self.named else f"UBND {self.art.tinh}"
            self.paragraphs.append(
                f"{date_text}, đoàn công tác do {hm} làm trưởng đoàn đã có buổi làm việc với {where} "
                f"và {cast.dept('full')} về {about}. Tiếp và làm việc với đoàn có {host_m}."
            )
            chair, short = head, None
        elif variant == "hdnd":
            head = cast.who("vx")
            htitle = cast.title("vx")
            title = f"Đoàn giám sát HĐND {self.phrase if self.named else self.art.tinh} làm việc với {cast.dept('full')}"
            date_text, self.relative = self.date_words(self._title_year(title), pub, allow_relative)
            hm = cast.first(head, htitle, "ongba")
            self.chair = (head.name, htitle)
            self.paragraphs.append(
                f"{date_text}, đoàn giám sát của Ban Văn hóa - Xã hội HĐND {self.art.tinh} do {hm} làm "
                f"trưởng đoàn đã có buổi làm việc với {cast.dept('full')} về {about}."
            )
            chair, short = head, "Trưởng ban"
        else:
            post = rng.choices(["pct", "ct", "bt", "pbt"], [55, 25, 15, 5])[0]
            slot = rng.randint(0, 2) if post == "pct" else 0
            head = cast.who(post, slot)
            htitle = cast.title(post, slot)
            if post == "bt" and rng.random() < 0.2:
                htitle = f"Bí thư {self.art.tu}, Chủ tịch UBND {self.art.tinh}"
            office = htitle.split(", ")[-1]
            subject = f"UBND {self.phrase}" if self.named and rng.random() < 0.3 else office
            title = (
                f"{htitle} {head.name} làm việc với {cast.dept('short')}"
                if rng.random() < 0.25
                else f"{cap(subject)} làm việc với {cast.dept('full')}"
            )
            date_text, self.relative = self.date_words(self._title_year(title), pub, allow_relative)
            hm = cast.first(head, htitle, rng.choice(["dc", "title", "title"]))
            self.chair = (head.name, htitle)
            verb = rng.choice(["đã có buổi làm việc với", "đến làm việc với", "có buổi làm việc với"])
            extra = rng.choice(
                [
                    "",
                    f" Cùng dự có lãnh đạo Văn phòng UBND {self.art.tinh} và đại diện các sở: Nội vụ, "
                    "Tài chính, Kế hoạch và Đầu tư.",
                ]
            )
            self.paragraphs.append(f"{date_text}, {hm} {verb} {self.dept_subject()} về {about}.{extra}")
            chair, short = head, short_title(htitle)
        ctx = self.context_sentence()
        if ctx:
            self.paragraphs.append(ctx)
        gd = cast.who("gd")
        projects = self.projects(rng.randint(2, 4))
        report = self._report_block(projects, (2, 4), opener="" if gd.name != chair.name else None)
        if gd.name != chair.name:
            gm = cast.first(gd, cast.title("gd"), rng.choice(["ongba", "dc"]))
            report[0] = f"Báo cáo tại buổi làm việc, {gm} cho biết: {decap(report[0])}"
        self.paragraphs += report
        proposals = (
            [self.project_sentence(pl, st, "direct") for pl, st in self.projects(2)]
            if rng.random() < 0.7
            else []
        )
        if proposals:
            self.paragraphs.append(
                f"Tại buổi làm việc, Sở đề xuất, kiến nghị một số nội dung: {'; '.join(proposals)}."
            )
        dis = self.distractor()
        if dis:
            self.paragraphs.append(dis)
        if rng.random() < 0.3 and self.named:
            self.captions.append(self.caption(chair, None))
        self.paragraphs.append(self.conclusion(chair, short, projects))
        return title, self.paragraphs

    def _write_review(self, pub, allow_relative):
        rng, cast, p = self.rng, self.cast, self.pinfo
        unit, y = p["unit"], p["y"]
        noun = "tổng kết" if unit == "year" else "sơ kết"
        field_ = (
            rng.choice(["công tác thông tin và truyền thông", "công tác", "công tác ngành"])
            if not self.kh
            else rng.choice(["công tác khoa học, công nghệ và chuyển đổi số", "công tác"])
        )
        if unit == "year":
            pw, nxt = f"năm {y}", f"năm {y + 1}"
            title = rng.choice(
                [
                    f"Hội nghị tổng kết {field_} năm {y} và triển khai nhiệm vụ năm {y + 1}",
                    f"{cast.dept('short')} tổng kết công tác năm {y}",
                    f"{cast.dept('full')} triển khai nhiệm vụ năm {y + 1}",
                ]
            )
        else:
            pw = "6 tháng đầu năm" if unit == "H1" else "9 tháng đầu năm"
            nxt = "6 tháng cuối năm" if unit == "H1" else "3 tháng cuối năm"
            title = rng.choice(
                [
                    f"Sơ kết {field_} {pw} {y}",
                    f"Hội nghị sơ kết công tác {pw} {y}",
                    f"{cast.dept('short')} sơ kết công tác {pw}, triển khai nhiệm vụ {nxt} năm {y}",
                ]
            )
            pw = f"{pw} {y}" if rng.random() < 0.5 else pw
        date_text, rel = self.date_words(self._title_year(title), pub, allow_relative)
        self.relative = rel
        attending = rng.choice(["pct", "pct", "ct", None])
        chair, ctitle, chair_line = self._chair_lines("gd", attending)
        if "dự và chỉ đạo" in chair_line and "chủ trì" not in chair_line:
            short = None
        else:
            short = "Giám đốc"
        self.paragraphs.append(
            f"{date_text}, {self.dept_subject()} tổ chức hội nghị {noun} {field_} {pw}, triển khai nhiệm vụ "
            f"{nxt}{self._venue()}. {chair_line}"
        )
        ctx = self.context_sentence()
        if ctx:
            self.paragraphs.append(ctx)
        projects = self.projects(rng.randint(2, 5))
        self.paragraphs += self._report_block(projects, (3, 6))
        if rng.random() < 0.5:
            para = self.people_paragraph([("pgd", 0), ("pgd", 1), ("gd_tt", 0)], "Tại hội nghị,")
            if para:
                self.paragraphs.append(para)
        dis = self.distractor()
        if dis:
            self.paragraphs.append(dis)
        self.paragraphs.append(self.conclusion(chair, short, projects))
        if rng.random() < 0.5:
            t1, t2 = self.art.count(3, 20, "tập thể", False), self.art.count(5, 45, "cá nhân", False)
            self.paragraphs.append(
                f"Dịp này, {cast.dept('short')} đã trao Giấy khen cho {t1} và {t2} có thành tích xuất sắc trong {pw}."
            )
        return title, self.paragraphs

    def _write_other(self, pub, allow_relative):
        """A training course, workshop, forum or deployment conference."""
        rng, cast = self.rng, self.cast
        y = self.day.year
        training = rng.choice(trainings(y, self.kh))
        what, detail, code = training["what"], training["detail"], training["topics"][0]
        self.art.topic(*training["topics"])
        title = cap(f"{what} năm {y}" if rng.random() < 0.5 else what)
        two_day = rng.random() < 0.3
        if two_day:
            d2 = self.day + dt.timedelta(days=1)
            date_text = (
                f"Ngày {self.day.day} và {d2.day}/{d2.month}/{d2.year}"
                if d2.month == self.day.month
                else f"Từ ngày {self.day.day}/{self.day.month} đến ngày {d2.day}/{d2.month}/{d2.year}"
            )
            if d2.month == self.day.month and rng.random() < 0.4:
                date_text = "Trong hai " + date_text[0].lower() + date_text[1:]
            self.art.notes.append("two-day event: meeting date = first day")
        else:
            date_text, rel = self.date_words(self._title_year(title), pub, allow_relative)
            self.relative = rel
        where = rng.choice(
            [
                f"tại thành phố {rng.choice(self.cities)}"
                if self.cities and self.named
                else "tại Hội trường Sở",
                "theo hình thức trực tuyến",
                "tại Hội trường Sở",
            ]
        )
        course = what.startswith("tập huấn")
        who = rng.choice(["học viên", "cán bộ, công chức"]) if course else "đại biểu"
        n_people = self.art.count(40, 400, who)
        organizer = self.dept_subject()
        lead = f"{date_text}, {where}, {organizer} tổ chức {what} với sự tham gia của {n_people}."
        if rng.random() < 0.85:
            post = rng.choice(["gd", "pgd"])
            person, title_ = cast.who(post), cast.title(post)
            mention = cast.first(person, title_, rng.choice(["ongba", "dc", "title"]))
            self.chair = (person.name, title_)
            lead += f" {cap(mention)} chủ trì{rng.choice([' và phát biểu khai mạc', '', ' hội nghị'])}."
        else:
            self.art.notes.append("nobody named presides: chair null")
        self.paragraphs.append(lead)
        self.paragraphs.append(detail + (" " + " ".join(self.facts("so", 1)) if rng.random() < 0.5 else ""))
        if course and rng.random() < 0.4:  # a start date, not a deadline
            start = self.day + dt.timedelta(days=rng.randint(10, 60))
            self.paragraphs.append(
                f"Các nội dung tập huấn được áp dụng từ ngày {start.day:02d}/{start.month}/{start.year}."
            )
        if rng.random() < 0.45 and self.art.has_local_law(code):
            self.paragraphs.append(f"Đây là hoạt động nằm trong {self.art.local_law(topic=code)}.")
        return title, self.paragraphs

    def _write_not_meeting(self, pub, allow_relative):
        return NotMeeting(self).write()


def older_headlines(rng: random.Random, before: dt.date, tinh: str, k: int) -> list[tuple[str, dt.date]]:
    out: list[tuple[str, dt.date]] = []
    day = before
    for template in rng.sample(load("phrases")["headlines"], k):
        day = day - dt.timedelta(days=rng.randint(3, 40))
        about = day - dt.timedelta(days=20)
        q = (about.month - 1) // 3 + 1
        text = (
            template.replace("{m}", str(about.month))
            .replace("{q}", ROMAN[q])
            .replace("{Y}", str(about.year))
            .replace("{tinh}", tinh)
            .replace("{n}", str(rng.randint(3, 15)))
        )
        out.append((text, day))
    return out


def names_place(place: Place, day: dt.date, text: str) -> bool:
    """Whether the text names the province (the way the gold's reader would find it)."""
    phrase = place_phrase(place, day)[0]
    return (phrase.removeprefix("thành phố ").removeprefix("tỉnh ")) in text


def compose(world: World, rng: random.Random, fmt: str, kind: str | None = None) -> Story:
    """Draw a meeting (or a non-meeting item) and write it; `fmt` decides what can show evidence."""
    kind = kind or rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    day, period, pinfo = schedule(kind, rng)
    places = world.new if day >= MERGER else world.old
    if kind == "cluster":
        places = [p for p in places if len(p.cluster) >= 3]
    place = rng.choices(places, [p.weight for p in places])[0]
    if kind == "cluster":
        evidence = "district names"
    elif kind == "not_meeting":
        evidence = "text"
    elif fmt in ("jsonl", "csv") and rng.random() < 0.35:
        evidence = "url"
    elif fmt in ("txt", "html") and rng.random() < 0.09:
        evidence = "boilerplate"
    else:
        evidence = "text"
    pub = publication(day, rng)
    if kind == "not_meeting" and pub is None:
        pub = day + dt.timedelta(days=rng.randint(0, 3))
    if fmt == "docx":
        pub = None  # a downloaded Word file has no portal stamp
    w = Writer(world, place, day, kind, period, pinfo, rng, evidence)
    title, paragraphs = w.write(pub, allow_relative=fmt in ("txt", "html"))
    art = w.art
    if evidence == "text" and not names_place(place, day, "\n".join([title] + paragraphs)):
        # The article never names its province: let the page or its address say it.
        if fmt in ("txt", "html"):
            evidence = "boilerplate"
        elif fmt in ("jsonl", "csv"):
            evidence = "url"
        else:
            phrase = place_phrase(place, day)[0]
            paragraphs.insert(
                0,
                f"{'SỞ KHOA HỌC VÀ CÔNG NGHỆ' if w.kh else 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG'} {phrase.upper()}",
            )
    is_meeting = kind != "not_meeting"
    province_2025 = place.name_2025 if place.era == "old" else place.name
    chair_name, chair_title = w.chair if (w.chair and is_meeting) else (None, None)
    gold = {
        "id": None,
        "is_meeting": is_meeting,
        "province": place.name,
        "province_2025": province_2025,
        "province_evidence": evidence,
        "meeting_date": day.isoformat() if is_meeting else None,
        "publication_date": pub.isoformat() if pub else None,
        "meeting_type": MEETING_TYPE[kind],
        "period": period if is_meeting else None,
        "chair_name": chair_name,
        "chair_title": chair_title,
        "people": art.people,
        "projects": art.projects,
        "egov_topics": art.topics,
        "deadlines": art.deadlines,
        "legal_refs": art.legal_refs,
        "numbers": art.numbers,
    }
    story = Story(
        title,
        paragraphs,
        art,
        gold,
        pub,
        evidence,
        place,
        captions=w.captions,
    )
    story.art.notes.insert(0, f"{kind} ({MEETING_TYPE[kind]})" + ("" if is_meeting else f", issued {day.isoformat()}"))
    story.byline = w.byline() if is_meeting or rng.random() < 0.3 else None
    before = pub or day
    story.older = older_headlines(rng, before, art.tinh, rng.randint(2, 5))
    return story

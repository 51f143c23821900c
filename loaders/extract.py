"""Extraction: one cleaned article in, one meeting record (values with spans and rule ids) out."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from loaders import dates, items, meeting, people, places
from loaders.clean import Cleaned
from loaders.gazetteer import canonical_province_2025, provinces_2025, to_2025
from loaders.hits import Hit

MERGER_DAY = dt.date(2025, 7, 1)


@dataclass
class Record:
    doc_id: str
    is_meeting: bool
    meeting_type: Hit
    province: Hit | None = None
    province_2025: str | None = None
    publication_date: Hit | None = None
    meeting_date: Hit | None = None      # value: ISO string (or YYYY-MM / YYYY)
    period: Hit | None = None
    chair: Hit | None = None
    people: list[Hit] = field(default_factory=list)
    projects: list[Hit] = field(default_factory=list)
    topics: list[Hit] = field(default_factory=list)
    deadlines: list[Hit] = field(default_factory=list)
    legal_refs: list[Hit] = field(default_factory=list)
    numbers: list[Hit] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        for h in (self.meeting_date, self.publication_date):
            if h and h.value:
                return int(str(h.value)[:4])
        return None

    def to_json(self) -> dict:
        """The extraction output contract (fields of ../shared/seeds/gold.jsonl)."""
        chair = self.chair.value if self.chair else (None, None)
        out = {
            "id": self.doc_id,
            "is_meeting": self.is_meeting,
            "province": self.province.value if self.province else None,
            "province_2025": self.province_2025,
            "meeting_date": self.meeting_date.value if self.meeting_date else None,
            "publication_date": self.publication_date.value if self.publication_date else None,
            "meeting_type": self.meeting_type.value,
            "period": self.period.value if self.period else None,
            "chair_name": chair[0],
            "chair_title": chair[1],
            "people": [{"name": h.value[0], "title": h.value[1]} for h in self.people],
            "projects": [{"name": h.value[0], "kind": h.value[1], "stage": h.value[2]}
                         for h in self.projects],
            "egov_topics": [h.value for h in self.topics],
            "deadlines": [{"text": h.extra["text"], "date": h.value} for h in self.deadlines],
            "legal_refs": [h.value["text"] for h in self.legal_refs],
            "numbers": [dict(h.value) for h in self.numbers],
        }
        out["provenance"] = self.provenance()
        return out

    def provenance(self) -> dict:
        def span(h: Hit | None) -> dict | None:
            return None if h is None else {"start": h.start, "end": h.end, "rule": h.rule,
                                           "source": h.source}
        return {
            "province": span(self.province), "meeting_date": span(self.meeting_date),
            "publication_date": span(self.publication_date), "meeting_type": span(self.meeting_type),
            "period": span(self.period), "chair": span(self.chair),
        }


def extract(doc_id: str, cleaned: Cleaned, url: str | None = None,
            meta_published: str | None = None) -> Record:
    """Read every field of one article. Pure: the same input always gives the same record."""
    text, title = cleaned.text, cleaned.title
    kind = meeting.classify(title, _body_start(text, title))
    pub = dates.publication_date(text, title, meta_published)
    rec = Record(doc_id, kind.value != "not_meeting", kind, publication_date=pub)
    rec.meeting_date = _meeting_date(text, title, pub)
    rec.province = places.find_province(text, title, cleaned.chrome, url)
    rec.province_2025 = to_2025(rec.province.value) if rec.province else None
    _apply_merger(rec)
    if not rec.is_meeting:
        rec.meeting_date = None
        return rec
    year = rec.year
    rec.period = dates.find_period(title, _lead(text, title), year, kind.value)
    mentions = people.find_people(text)
    rec.people = people.unique_people(mentions)
    rec.chair = people.find_chair(text, mentions, kind.value)
    if rec.chair:
        # The chair's fullest title, as for every person.
        for p in rec.people:
            if people.key(p.value[0]) == people.key(rec.chair.value[0]):
                rec.chair = Hit((p.value[0], rec.chair.value[1] if len(rec.chair.value[1]) >= len(p.value[1]) else p.value[1]),
                                rec.chair.start, rec.chair.end, rec.chair.rule)
    md = rec.meeting_date.extra.get("ymd") if rec.meeting_date else None
    rec.deadlines = dates.find_deadlines(text, md, year)
    rec.legal_refs = items.find_legal_refs(text)
    rec.projects = items.find_projects(text)
    rec.topics = items.find_topics(text)
    exclude = [(h.start, h.end) for h in rec.legal_refs]
    exclude += [(h.start, h.end) for h in dates.all_dates(text)]
    rec.numbers = items.find_numbers(text, exclude)
    return rec


def _body_start(text: str, title: str | None) -> str:
    return text


def _lead(text: str, title: str | None) -> str:
    body = text[len(title):] if title and text.startswith(title) else text
    paragraphs = [p for p in body.split("\n") if len(p) > 80]
    return paragraphs[0] if paragraphs else body[:600]


def _meeting_date(text: str, title: str | None, pub: Hit | None) -> Hit | None:
    """The first date of the lead paragraph that is not the publication stamp."""
    lead_start = 0
    title_len = len(title) if title and text.startswith(title) else 0
    candidates = [h for h in dates.all_dates(text) if h.start >= title_len]
    if pub and pub.source == "text":
        candidates = [h for h in candidates if not (h.start >= pub.start - 2 and h.end <= pub.end + 2)
                      and not _same_line(text, h.start, pub.start)]
    # Dates inside a legal reference ("Thông tư số 81/2017/TT-BTC ngày 09/8/2017") are the
    # document's, not the meeting's.
    candidates = [h for h in candidates if not re.search(
        r"(/[A-ZĐ][A-ZĐa-z\-]+|của|ban hành)\s*(ngày\s*)?$", text[max(0, h.start - 40):h.start])]
    del lead_start
    if not candidates:
        return None
    h = candidates[0]
    y, m, d = h.value
    rule = h.rule
    if y is None:
        context = dates.year_context(title, text)
        y, how = dates.resolve_year(m, d, context, pub.value if pub else None)
        rule = f"{h.rule}+{how}"
        if y is None:
            return None
    try:
        dt.date(y, m, d)
    except ValueError:
        return None
    return Hit(f"{y:04d}-{m:02d}-{d:02d}", h.start, h.end, rule, extra={"ymd": (y, m, d)})


def _same_line(text: str, a: int, b: int) -> bool:
    return "\n" not in text[min(a, b):max(a, b)]


def _apply_merger(rec: Record) -> None:
    """After 1 July 2025 an article's province is the new province."""
    when = rec.meeting_date or rec.publication_date
    if not when or not rec.province:
        return
    try:
        day = dt.date.fromisoformat(str(when.value)[:10])
    except ValueError:
        return
    if day >= MERGER_DAY:
        new = rec.province_2025 or canonical_province_2025(rec.province.value)
        if new in provinces_2025():
            rec.province = Hit(new, rec.province.start, rec.province.end,
                               rec.province.rule + "+merger2025", rec.province.source)
            rec.province_2025 = new

"""Extraction: one cleaned article in, one meeting record (values with spans and rule ids) out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from loaders import dates, legal, meeting, numbers, people, places, projects, topics
from loaders.clean import Cleaned
from loaders.gazetteer import canonical_province_2025, provinces_2025, to_2025
from loaders.hits import Hit
from loaders.rules import save_compiled
from loaders.text import fold, plain, seed_fold

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
    title_end = _title_end(text, title)
    folded = fold(text)  # the stages fold the headline and the lead: slices of this
    if title_end:
        seed_fold(title, folded[title_end - len(title):title_end])
    kind = meeting.classify(title, text, title_end)
    pub = dates.publication_date(text, title, meta_published)
    rec = Record(doc_id, kind.value != "not_meeting", kind, publication_date=pub)
    lead, lead_at = _lead(text, title_end)
    # A slice of a plain text is plain (plain() is "none of these characters"): the period
    # scan asks it of the lead, which is no article plain() has cached.
    seed_fold(lead, folded[lead_at:lead_at + len(lead)], True if plain(folded) else None)
    context_year = dates.year_context(title, lead, text)
    # A period written with its year fixes the year of a bare "Ngày 21/9"; one without a year
    # is read again once the meeting's year is known.
    period = meeting.find_period(title, lead, None, kind.value)
    rec.meeting_date = dates.meeting_date(text, title_end, pub, period.value if period else None,
                                          context_year)
    rec.province = places.find_province(text, title, cleaned.chrome, url)
    rec.province_2025 = to_2025(rec.province.value) if rec.province else None
    _apply_merger(rec)
    if not rec.is_meeting:
        rec.meeting_date = None
        save_compiled()
        return rec
    year = rec.year or context_year
    rec.period = period or meeting.find_period(title, lead, year, kind.value)
    mentions = people.find_people(text)
    rec.people = people.unique_people(mentions)
    rec.chair = people.find_chair(text, mentions, rec.people, kind.value)
    md = rec.meeting_date.extra.get("ymd") if rec.meeting_date else None
    rec.deadlines = dates.find_deadlines(text, md, year)
    rec.legal_refs = legal.find_legal_refs(text)
    rec.projects = projects.find_projects(text, rec.legal_refs)
    rec.topics = topics.find_topics(text)
    exclude = [(h.start, h.end) for h in rec.legal_refs]
    exclude += [(h.start, h.end) for h in dates.all_dates(text)]
    rec.numbers = numbers.find_numbers(text, exclude)
    save_compiled()  # the patterns compiled for a first article, for the next process
    return rec


def _title_end(text: str, title: str | None) -> int:
    """Where the headline ends in the stored text (0 when the headline is not in it)."""
    if not title:
        return 0
    i = text.find(title)
    if i == -1 or i > 600:
        return 0
    return i + len(title)


def _lead(text: str, title_end: int) -> tuple[str, int]:
    """The first paragraph after the headline (more than 80 characters), and where it starts
    in the text; else the 600 characters after the headline."""
    at = title_end
    for p in text[title_end:].split("\n"):
        if len(p) > 80:
            return p, at
        at += len(p) + 1
    return text[title_end:title_end + 600], title_end


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

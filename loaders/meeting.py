"""Is the article a meeting report, and of which kind (briefing, working session, review...)."""
from __future__ import annotations

import re

from loaders.hits import Hit
from loaders.rules import table
from loaders.text import fold


def classify(title: str | None, text: str) -> Hit:
    """value = meeting type code, or "not_meeting"."""
    title_f = fold(title or "")
    lead = text[:700]
    lead_f = fold(lead)
    rules = table("meeting")
    for rule in rules["not_meeting"]:
        if rule.pattern.search(title_f):
            # A title such as "Kỷ niệm ..." can still head a meeting's report only if
            # the lead says a meeting was held and chaired.
            if not re.search(r"(chu tri|giao ban|hop)", lead_f[:300]):
                return Hit("not_meeting", 0, 0, rule.id, "title")
    for source, folded in (("title", title_f), ("text", lead_f)):
        for rule in rules["type"]:
            m = rule.pattern.search(folded)
            if m:
                start, end = (m.start(), m.end()) if source == "text" else (0, 0)
                return Hit(rule.data["meeting_type"], start, end, rule.id, source)
    if not rules["meeting_cue"][0].pattern.search(lead_f):
        return Hit("not_meeting", 0, 0, "type.not.no_cue", "text")
    return Hit("hoi_nghi_khac", 0, 0, "type.default_gathering", "text")

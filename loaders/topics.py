"""E-government topics an article discusses (codes of the corpus README)."""
from __future__ import annotations

from loaders.hits import Hit
from loaders.rules import table
from loaders.text import fold


def find_topics(text: str) -> list[Hit]:
    """First mention of each e-government topic; value = topic code."""
    folded = fold(text)
    out = []
    for rule in table("topics")["topic"]:
        m = rule.search(folded)
        if m:
            out.append(Hit(rule.data["code"], m.start(), m.end(), rule.id))
    return out

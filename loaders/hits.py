"""A value found in the text, with where it was found and by which rule."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)  # many are made per article: slots make them cheaper
class Hit:
    value: object
    start: int            # offsets into the cleaned text (or into `source` when not "text")
    end: int
    rule: str
    source: str = "text"  # text | title | chrome | url | meta
    extra: dict = field(default_factory=dict)

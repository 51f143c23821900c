"""An article as HTML with every extracted value marked by kind; all article text escaped first."""
from __future__ import annotations

import html
from collections.abc import Iterable
from itertools import pairwise

# Order = priority when spans overlap (a chair's name inside a people span shows as chair).
KINDS = ("chair", "province", "date", "deadlines", "legal_refs", "numbers", "projects",
         "topics", "people")
COLOURS = {
    "province": "#bfdbfe", "date": "#fde68a", "chair": "#fca5a5", "people": "#fbcfe8",
    "projects": "#bbf7d0", "topics": "#ddd6fe", "deadlines": "#fed7aa", "legal_refs": "#a5f3fc",
    "numbers": "#e5e7eb",
}
STYLE = (
    "<style>.ictdash-article{white-space:pre-wrap;line-height:1.7;font-size:0.97rem}"
    ".ictdash-article mark{padding:0 .15em;border-radius:.2em;color:inherit}"
    + "".join(f".ictdash-article mark.k-{k},.ictdash-legend .k-{k}{{background:{c}}}"
              for k, c in COLOURS.items())
    + ".ictdash-legend span{display:inline-block;margin:0 .5em .3em 0;padding:0 .4em;"
    "border-radius:.2em}</style>"
)


def _clip(spans: Iterable[tuple[int, int, str, str]], n: int) -> list[tuple[int, int, str, str]]:
    out = []
    for start, end, kind, tip in spans:
        try:
            s, e = max(0, int(start)), min(n, int(end))
        except (TypeError, ValueError):
            continue
        if s < e and kind in COLOURS:
            out.append((s, e, kind, tip))
    return out


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """HTML for `text` with each (start, end, kind, tooltip) span in a <mark>.

    The text is cut at every span boundary; each piece is escaped and wrapped in the mark of
    the highest-priority kind covering it, so overlapping spans never produce broken tags.
    """
    text = text or ""
    clipped = _clip(spans, len(text))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in clipped), *(e for _, e, _, _ in clipped)})
    rank = {k: i for i, k in enumerate(KINDS)}
    pieces: list[tuple[tuple | None, str]] = []
    for a, b in pairwise(cuts):
        covering = [sp for sp in clipped if sp[0] <= a and b <= sp[1]]
        best = min(covering, key=lambda sp: (rank[sp[2]], sp[1] - sp[0])) if covering else None
        if pieces and pieces[-1][0] is best:
            pieces[-1] = (best, pieces[-1][1] + text[a:b])  # one mark per span, not per cut
        else:
            pieces.append((best, text[a:b]))
    parts = []
    for span, piece in pieces:
        escaped = html.escape(piece, quote=True)
        if span is None:
            parts.append(escaped)
        else:
            parts.append(f'<mark class="k-{span[2]}" title="{html.escape(span[3], quote=True)}">'
                         f"{escaped}</mark>")
    return f'<div class="ictdash-article">{"".join(parts)}</div>'


def legend(labels: dict[str, str], present: Iterable[str] | None = None) -> str:
    """Coloured legend chips for each kind (only those `present`, when given)."""
    shown = [k for k in COLOURS if present is None or k in set(present)]
    chips = "".join(f'<span class="k-{k}">{html.escape(labels.get(k, k))}</span>' for k in shown)
    return f'<div class="ictdash-legend">{chips}</div>'

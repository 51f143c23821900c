"""Text helpers shared by every stage: NFC, one tone-mark placement, accent folding."""
from __future__ import annotations

import re
import unicodedata

# Old-style tone placement puts the mark on the second vowel of an open "oa", "oe", "uy"
# syllable (hoà, khoẻ, thuý); the 1980s orthography reform and most portals today put it on
# the first (hòa, khỏe, thúy). Articles mix both, often in the same paragraph, so matching
# must see one form. "qu" + y (quý) and closed syllables (hoàng, thuyền) are not affected.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![a-zA-Z\u00C0-\u1EF9])"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_tones(text: str) -> str:
    """Return NFC text with tone marks on the first vowel of open oa/oe/uy syllables."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Lower-case, accent-free form: 'Hòa Bình' and 'Hoà Bình' both give 'hoa binh'.

    The result has the same length as NFC input (one char per char), so an index into the
    folded string is an index into the NFC string; extraction relies on that for spans.
    """
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(base)
    return "".join(out).translate(_FOLD_TABLE).lower()


def key(text: str) -> str:
    """Compact comparison key: folded, only letters and digits."""
    return re.sub(r"[^a-z0-9]", "", fold(nfc(text)))


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()

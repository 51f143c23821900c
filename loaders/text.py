"""Text helpers shared by every stage: NFC, one tone-mark placement, accent folding."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Old-style tone placement puts the mark on the second vowel of an open "oa", "oe", "uy"
# syllable (hoà, khoẻ, thuý); the 1980s orthography reform and most portals today put it on
# the first (hòa, khỏe, thúy). Articles mix both, often in the same paragraph, so matching
# must see one form. "qu" + y (quý) and closed syllables (hoàng, thuyền) are not affected.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![a-zA-Z\u00C0-\u1EF9])"
)
_HAS_OLD_STYLE = re.compile("[àáãảạèéẽẻẹỳýỹỷỵÀÁÃẢẠÈÉẼẺẸỲÝỸỶỴ]")


# Upper-case letters of Vietnamese text. Written out because the code-point ranges of the
# precomposed letters (U+1EA0-U+1EF9) interleave upper and lower case.
UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and unicodedata.category(c) == "Lu")
LOWER = "".join(c for c in map(chr, range(0x61, 0x1EFA)) if c.islower() and unicodedata.category(c) == "Ll")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_tones(text: str) -> str:
    """Return NFC text with tone marks on the first vowel of open oa/oe/uy syllables."""
    text = nfc(text)
    if not _HAS_OLD_STYLE.search(text):
        return text  # most lines have no toned a/e/y at all: skip the NFD round trip
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def _fold_table() -> dict[int, str]:
    # One character in, one character out, so an index into the folded string is an index
    # into the NFC string; extraction relies on that for spans.
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        low = base.lower()
        if len(low) == 1 and low != ch:
            table[cp] = low
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case, accent-free form: 'Hòa Bình' and 'Hoà Bình' both give 'hoa binh'.

    The result has the same length as the input (one char per char). Whole articles are
    cached: every stage folds the same text, and a str caches its own hash.
    """
    return _fold_long(text) if len(text) > 256 else text.translate(_FOLD)


@lru_cache(maxsize=64)
def _fold_long(text: str) -> str:
    return text.translate(_FOLD)


fold.cache_clear = _fold_long.cache_clear  # type: ignore[attr-defined]


def key(text: str) -> str:
    """Compact comparison key: folded, only letters and digits."""
    return re.sub(r"[^a-z0-9]", "", fold(nfc(text)))


def squash_spaces(text: str) -> str:
    return " ".join(text.split())

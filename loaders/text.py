"""Text helpers shared by every stage: NFC, one tone-mark placement, accent folding."""
from __future__ import annotations

import re
import unicodedata

import numpy as np

# Old-style tone placement puts the mark on the second vowel of an open "oa", "oe", "uy"
# syllable (hoà, khoẻ, thuý); the 1980s orthography reform and most portals today put it on
# the first (hòa, khỏe, thúy). Articles mix both, often in the same paragraph, so matching
# must see one form. "qu" + y (quý) and closed syllables (hoàng, thuyền) are not affected.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![a-zA-Z\u00C0-\u1EF9])"
)
_HAS_OLD_STYLE = re.compile("[àáãảạèéẽẻẹỳýỹỷỵÀÁÃẢẠÈÉẼẺẸỲÝỸỶỴ]")
_LATIN = [chr(c) for c in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1EFA))]
# What _OLD_STYLE needs, read on the NFC text: a plain o/u before a/e/y carrying one tone mark
# (in NFD: the vowel and the mark, nothing more), not followed by a letter that starts with a
# letter in NFD; or a/e/y with a tone mark left uncomposed. Where none is, the NFD round trip
# changes nothing. tests/loaders/test_text.py checks the character sets over all of Unicode.
_ONE_TONE = "".join(c for c in _LATIN if len(d := unicodedata.normalize("NFD", c)) == 2
                    and d[0] in "aAeEyY" and d[1] in _TONES)
_LETTER_START = "".join(c for c in _LATIN if re.match("[a-zA-Z\u00C0-\u1EF9]", unicodedata.normalize("NFD", c)))
_MAYBE_OLD_STYLE = re.compile(
    "[oOuU](?:[" + _ONE_TONE + "](?![" + re.escape(_LETTER_START) + "])|[aAeEyY][" + _TONES + "\u0340\u0341])")


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
    if not _MAYBE_OLD_STYLE.search(text):
        return text  # nor any the old placement can have moved
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
# The same mapping as a code-point lookup array for NumPy: str.translate looks every character
# up in a Python dict (about 100 ns a character on Vietnamese text, where a third of the
# letters carry marks); one array lookup over the UTF-32 code units is 20 times faster on an
# article. Short strings keep str.translate, which has no set-up cost.
_FOLD_LUT = np.arange(0x110000, dtype=np.uint32)
_FOLD_LUT[list(_FOLD)] = [ord(v) for v in _FOLD.values()]
_FOLD_SHORT = 48
_FOLD_LIST = [_FOLD.get(cp, chr(cp)) for cp in range(0x1F00)]  # beyond it: IndexError, kept as is
_FOLD_CACHE: dict[str, str] = {}
_FOLD_CACHE_SIZE = 64


def _codes(text: str) -> np.ndarray:
    """The code points of a text. "surrogatepass": a lone surrogate (broken input) is kept."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _fold_array(text: str) -> str:
    return _FOLD_LUT.take(_codes(text)).tobytes().decode("utf-32-le", "surrogatepass")


def fold(text: str) -> str:
    """Lower-case, accent-free form: 'Hòa Bình' and 'Hoà Bình' both give 'hoa binh'.

    The result has the same length as the input (one char per char), so fold(text)[a:b] ==
    fold(text[a:b]). Whole articles are cached: every stage folds the same text, and a str
    caches its own hash.
    """
    if len(text) <= 256:
        return text.translate(_FOLD_LIST) if len(text) <= _FOLD_SHORT else _fold_array(text)
    folded = _FOLD_CACHE.get(text)
    if folded is None:
        out = _FOLD_LUT.take(_codes(text))
        folded = out.tobytes().decode("utf-32-le", "surrogatepass")
        if len(_FOLD_CACHE) >= _FOLD_CACHE_SIZE:
            del _FOLD_CACHE[next(iter(_FOLD_CACHE))]
            if len(_PLAIN_CACHE) >= _FOLD_CACHE_SIZE:
                del _PLAIN_CACHE[next(iter(_PLAIN_CACHE))]
        _FOLD_CACHE[text] = folded
        _PLAIN_CACHE[folded] = not _NOT_PLAIN.take(out).any()  # plain(folded), while at it
    return folded


def remember_fold(text: str, folded: str) -> None:
    """Record a fold computed piecewise (cleaning folds an article line by line)."""
    if len(text) > 256 and text not in _FOLD_CACHE:
        if len(_FOLD_CACHE) >= _FOLD_CACHE_SIZE:
            del _FOLD_CACHE[next(iter(_FOLD_CACHE))]
        _FOLD_CACHE[text] = folded



# Characters that re.IGNORECASE treats as an ASCII letter although they are not one
# (İ, dotless ı, long ſ, Kelvin K), and the ASCII capitals. A folded text without them matches
# a lower-case pattern the same with and without IGNORECASE, so the case-sensitive form of
# the pattern (which the regex engine can scan for much faster) may be used.
_CASE_TWINS = re.compile("[A-Z\u0130\u0131\u017f\u212a]")


_PLAIN_CACHE: dict[str, bool] = {}
_NOT_PLAIN = np.zeros(0x110000, dtype=bool)
_NOT_PLAIN[[*range(0x41, 0x5B), 0x130, 0x131, 0x17F, 0x212A]] = True


def plain(text: str) -> bool:
    """No character on which IGNORECASE and a case-sensitive lower-case pattern disagree.
    Articles are cached, as for fold()."""
    if len(text) <= 256:
        return _CASE_TWINS.search(text) is None
    out = _PLAIN_CACHE.get(text)
    if out is None:
        out = not _NOT_PLAIN.take(_codes(text)).any()  # _CASE_TWINS, one array lookup
        if len(_PLAIN_CACHE) >= _FOLD_CACHE_SIZE:
            del _PLAIN_CACHE[next(iter(_PLAIN_CACHE))]
        _PLAIN_CACHE[text] = out
    return out


# A lower-cased text on which a lower-case twin of an IGNORECASE pattern (rules.lowered) finds
# what the pattern finds on the text: one character per character (İ lowers to two), and none
# of the letters IGNORECASE pairs beyond their case (dotless ı, long ſ, Greek sigmas...).
_LOWER_UNSAFE = re.compile("[" + "".join(sorted(
    re.escape(chr(c)) for k, vs in __import__("re")._casefix._EXTRA_CASES.items()
    for c in (k, *vs) if c > 0x7F)) + "]")
_LOWER_CACHE: dict[str, str | None] = {}
_LOWER_BAD = np.zeros(0x110000, dtype=bool)
_LOWER_BAD[[c for k, vs in __import__("re")._casefix._EXTRA_CASES.items() for c in (k, *vs) if c > 0x7F]] = True


def lowered(text: str) -> str | None:
    """text.lower() when IGNORECASE patterns may be run as lower-case twins on it; else None.
    Then lowered(text)[a:b] == text[a:b].lower(). Articles are cached, as for fold()."""
    if len(text) > 256:
        if text in _LOWER_CACHE:
            return _LOWER_CACHE[text]
    low = text.lower()
    if len(low) != len(text):
        out = None
    elif len(low) > 256:
        out = None if _LOWER_BAD.take(_codes(low)).any() else low  # _LOWER_UNSAFE, one array lookup
    else:
        out = None if _LOWER_UNSAFE.search(low) else low
    if len(text) > 256:
        if len(_LOWER_CACHE) >= _FOLD_CACHE_SIZE:
            del _LOWER_CACHE[next(iter(_LOWER_CACHE))]
        _LOWER_CACHE[text] = out
    return out


# Every white-space character is at or below U+3000 (tests/loaders/test_text.py checks).
_ODD_SPACE_LUT = np.zeros(0x110000, dtype=bool)
_ODD_SPACE_LUT[[c for c in range(0x3001) if chr(c).isspace() and chr(c) not in " \n"]] = True
_ODD_SPACE = re.compile("[" + "".join(re.escape(chr(c)) for c in np.flatnonzero(_ODD_SPACE_LUT)) + "]")


def odd_space(text: str) -> bool:
    """Whether the text has white space other than the space and the newline."""
    if len(text) <= 256:
        return _ODD_SPACE.search(text) is not None
    return bool(_ODD_SPACE_LUT.take(_codes(text)).any())


def _clear_caches() -> None:
    _FOLD_CACHE.clear()
    _LOWER_CACHE.clear()
    _PLAIN_CACHE.clear()
    _RUNS_CACHE.clear()


fold.cache_clear = _clear_caches  # type: ignore[attr-defined]

# fold(), except that a capital letter folding to a-z stays a capital (A-Z): "Hà Nội" ->
# "Ha Noi". Lower-cased, it is fold() wherever fold() gives a-z; capitals show where names
# start.
_UPPER_SET = frozenset(UPPER)
_CASED_LUT = _FOLD_LUT.copy()
_CASED_LUT[[cp for cp, v in _FOLD.items() if chr(cp) in _UPPER_SET and "a" <= v <= "z"]] = [
    ord(v.upper()) for cp, v in _FOLD.items() if chr(cp) in _UPPER_SET and "a" <= v <= "z"]


def fold_keep_case(text: str) -> str:
    return _CASED_LUT.take(_codes(text)).tobytes().decode("utf-32-le", "surrogatepass")


_DECIMAL: np.ndarray | None = None  # what \d matches (str.isdecimal), by code point
_RUNS_CACHE: dict[str, list[int]] = {}
_DIGIT_RUN = re.compile(r"\d\d*")


def digit_run_starts(text: str) -> list[int]:
    """Where each run of digits (\\d) starts: [m.start() for m in re.finditer(r"\\d+", text)],
    by array operations on an article (cached, as for fold())."""
    if len(text) <= 256:
        return [m.start() for m in _DIGIT_RUN.finditer(text)]
    out = _RUNS_CACHE.get(text)
    if out is None:
        global _DECIMAL
        if _DECIMAL is None:
            table = np.zeros(0x110000, dtype=bool)
            table[[ord(c) for c in re.findall(r"\d", "".join(map(chr, range(0xD800))) +
                                             "".join(map(chr, range(0xE000, 0x110000))))]] = True
            _DECIMAL = table
        digit = _DECIMAL.take(_codes(text))
        starts = np.flatnonzero(digit[1:] & ~digit[:-1]) + 1
        out = ([0] if digit[0] else []) + starts.tolist()
        if len(_RUNS_CACHE) >= _FOLD_CACHE_SIZE:
            del _RUNS_CACHE[next(iter(_RUNS_CACHE))]
        _RUNS_CACHE[text] = out
    return out

_NOT_KEY = re.compile(r"[^a-z0-9]")


def key(text: str) -> str:
    """Compact comparison key: folded, only letters and digits."""
    return _NOT_KEY.sub("", fold(nfc(text)))


def squash_spaces(text: str) -> str:
    return " ".join(text.split())

"""Text helpers shared by every stage: NFC, one tone-mark placement, accent folding."""
from __future__ import annotations

import itertools
import operator
import os
import re
import unicodedata
from pathlib import Path

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

# --- whole articles as arrays of code points -------------------------------------------------
#
# str.translate looks every character up in a Python dict (about 100 ns a character on
# Vietnamese text, where a third of the letters carry marks), and a regex over a character
# class steps through the text one character at a time. An article is instead turned into its
# code points once (NumPy), and folding, lower-casing and "is there any such character" become
# one array lookup each. Short strings (a line, a name) keep str.translate and regexes, which
# have no set-up cost. Derived forms of an article are cached: every stage reads the same text
# (a str caches its own hash), and fold.cache_clear() empties the caches.

_LONG = 256
_CACHE_SIZE = 64
_CODES: dict[str, np.ndarray] = {}
_FOLDED: dict[str, str] = {}
_PLAIN: dict[str, bool] = {}
_LOWERED: dict[str, str | None] = {}
_RUNS: dict[str, tuple[list[int], list[int]]] = {}


def _put(cache: dict, key: str, value, size: int = _CACHE_SIZE):
    if len(cache) >= size:
        del cache[next(iter(cache))]
    cache[key] = value
    return value


def _codes(text: str) -> np.ndarray:
    """The code points of a text. "surrogatepass": a lone surrogate (broken input) is kept."""
    if len(text) > _LONG:
        codes = _CODES.get(text)
        if codes is None:
            codes = _put(_CODES, text, np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4"))
        return codes
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _text(codes: np.ndarray) -> str:
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


def _table(default, size: int = 0x110000, dtype=bool) -> np.ndarray:
    return np.zeros(size, dtype=dtype) if default is None else np.arange(size, dtype=np.uint32)


# fold() as a lookup array; for short strings, a list for str.translate (beyond it:
# IndexError, the character kept as it is).
_FOLD_LUT = _table(0)
_FOLD_LUT[list(_FOLD)] = [ord(v) for v in _FOLD.values()]
_FOLD_SHORT = 48
# Up to U+2200, so that the punctuation of U+2000-U+206F (“ ” – …) and the currency and
# letter-like signs are in the list: a character past its end costs str.translate an
# IndexError, much dearer than a lookup.
_FOLD_LIST = [_FOLD.get(cp, chr(cp)) for cp in range(0x2200)]
# Headlines, leads and lines (up to _LONG characters) are folded by several stages each:
# kept too, in a cache of their own (a hit is a dict lookup, the str caching its hash).
_FOLDED_MID: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower-case, accent-free form: 'Hòa Bình' and 'Hoà Bình' both give 'hoa binh'.

    The result has the same length as the input (one char per char), so fold(text)[a:b] ==
    fold(text[a:b]). Articles, headlines and lines are cached.
    """
    if len(text) <= _LONG:
        if len(text) <= _FOLD_SHORT:
            return text.translate(_FOLD_LIST)
        folded = _FOLDED_MID.get(text)
        if folded is None:
            folded = _put(_FOLDED_MID, text, text.translate(_FOLD_LIST), 256)
        return folded
    folded = _FOLDED.get(text)
    if folded is None:
        out = _FOLD_LUT.take(_codes(text))
        folded = _put(_FOLDED, text, _text(out))
        # plain(folded), while at it: a str.find for each of the few characters that fold to
        # a character plain() refuses is cheaper than a lookup of every folded one.
        _put(_PLAIN, folded, not any(c in text for c in _FOLDS_NOT_PLAIN))
    return folded


def seed_fold(text: str, folded: str, is_plain: bool | None = None) -> None:
    """Record fold(text) == folded (and plain(folded) when known) for an article a caller has
    folded piece by piece, so that fold(text) is a cache hit. `folded` must be fold(text)."""
    if len(text) > _LONG and text not in _FOLDED:
        _put(_FOLDED, text, folded)
        if is_plain is not None:
            _put(_PLAIN, folded, is_plain)
    elif _FOLD_SHORT < len(text) <= _LONG and text not in _FOLDED_MID:
        _put(_FOLDED_MID, text, folded, 256)


# Characters that re.IGNORECASE treats as an ASCII letter although they are not one
# (İ, dotless ı, long ſ, Kelvin K), and the ASCII capitals. A folded text without them matches
# a lower-case pattern the same with and without IGNORECASE, so the case-sensitive form of
# the pattern (which the regex engine can scan for much faster) may be used.
_CASE_TWINS = re.compile("[A-Z\u0130\u0131\u017f\u212a]")
_NOT_PLAIN = _table(None)
_NOT_PLAIN[[*range(0x41, 0x5B), 0x130, 0x131, 0x17F, 0x212A]] = True
# The characters whose fold() is one of those (dotless ı, long ſ and ẛ, the Kelvin sign).
_FOLDS_NOT_PLAIN = tuple(chr(c) for c in np.flatnonzero(_NOT_PLAIN[_FOLD_LUT]))


def plain(text: str) -> bool:
    """No character on which IGNORECASE and a case-sensitive lower-case pattern disagree."""
    if len(text) <= _LONG:
        return _CASE_TWINS.search(text) is None
    out = _PLAIN.get(text)
    if out is None:
        out = _put(_PLAIN, text, not _NOT_PLAIN.take(_codes(text)).any())
    return out


# A lower-cased text on which a lower-case twin of an IGNORECASE pattern (rules.lowered) finds
# what the pattern finds on the text: one character per character (İ lowers to two), and none
# of the letters IGNORECASE pairs beyond their case (dotless ı, long ſ, Greek sigmas...; a
# capital sigma lowers to one of them, by context).
_FIX = sorted(c for k, vs in re._casefix._EXTRA_CASES.items() for c in (k, *vs) if c > 0x7F)
_LOWER_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FIX) + "]")
# No character above U+1E943 has a lower case of its own (tests/loaders/test_text.py checks).
_CASED_TOP = 0x1E944


def _all_chars(top: int = 0x110000) -> str:
    """Every code point below `top`, in order, as one string (lone surrogates included)."""
    return np.arange(top, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _lowering_changes(top: int) -> list[int]:
    """The code points below `top` whose str.lower is not the character itself (and maybe a
    few more). All of them lowered in one str.lower call, each between two U+10FFFF (a
    noncharacter: not cased, not case-ignorable, its own lower case, so no character's
    lowering there depends on its neighbours), and compared as arrays of code points;
    capital sigma, the one letter str.lower reads in context, is looked at in any case."""
    sep = 0x10FFFF
    joined = np.full(2 * top - 1, sep, dtype="<u4")
    joined[0::2] = np.arange(top, dtype="<u4")
    low = joined.tobytes().decode("utf-32-le", "surrogatepass").lower()
    codes = np.frombuffer(low.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    bounds = np.flatnonzero(codes == sep)
    if len(bounds) != top - 1:  # a lowering with U+10FFFF in it: one character at a time
        chars = _all_chars(top)
        return list(itertools.compress(range(top), map(operator.ne, map(str.lower, chars), chars)))
    starts = np.concatenate(([0], bounds + 1))
    lengths = np.concatenate((bounds, [len(codes)])) - starts
    same = (lengths == 1) & (codes.take(np.minimum(starts, len(codes) - 1)) == np.arange(top))
    return [*np.flatnonzero(~same).tolist(), *([0x3A3] if 0x3A3 < top else [])]


def _lower_tables() -> tuple[np.ndarray, np.ndarray]:
    lut = _table(0)  # str.lower of each character that lowers to one character
    bad = _table(None)  # ... and those that do not, or lower to a character of _FIX
    # A character that lowers to itself and is not in _FIX is in neither table: only the
    # others are looked at one by one.
    fix = frozenset(_FIX)
    bad_at, lut_at, lut_to = [], [], []
    for c in sorted({*_lowering_changes(_CASED_TOP), *(c for c in _FIX if c < _CASED_TOP)}):
        low = chr(c).lower()
        if len(low) != 1 or ord(low) in fix:
            bad_at.append(c)
        elif low != chr(c):
            lut_at.append(c)
            lut_to.append(ord(low))
    bad[bad_at] = True
    lut[lut_at] = lut_to
    bad[[c for c in _FIX if c >= _CASED_TOP]] = True
    return lut, bad


_LOWER_LUT, _LOWER_BAD = _lower_tables()


def lowered(text: str) -> str | None:
    """text.lower() when IGNORECASE patterns may be run as lower-case twins on it; else None.
    Then lowered(text)[a:b] == text[a:b].lower(). Articles are cached."""
    if len(text) <= _LONG:
        low = text.lower()
        return low if len(low) == len(text) and not _LOWER_UNSAFE.search(low) else None
    if text in _LOWERED:
        return _LOWERED[text]
    # As for a short text: str.lower and one regex pass cost less than the table lookups
    # (_LOWER_BAD, _LOWER_LUT) once NumPy's code and tables have left the CPU caches, as they
    # have by the time a stage asks, and give the same (the tables are the per-character
    # reference: tests/loaders/test_text_lowered.py compares them with this).
    low = text.lower()
    return _put(_LOWERED, text, low if len(low) == len(text) and not _LOWER_UNSAFE.search(low) else None)


def lowered_by_table(text: str) -> str | None:
    """lowered(text) read off the per-character tables: the reference lowered is checked
    against (tests/loaders/test_text_lowered.py)."""
    codes = _codes(text)
    # Per character: no capital sigma (the one character str.lower reads in context).
    return None if _LOWER_BAD.take(codes).any() else _text(_LOWER_LUT.take(codes))


# Every white-space character is at or below U+3000 (tests/loaders/test_text.py checks).
_ODD_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace() and chr(c) not in " \n")


def odd_space(text: str) -> bool:
    """Whether the text has white space other than the space and the newline (a str.find per
    character, a few nanoseconds each on an article, is cheaper than any scan of the text)."""
    return any(c in text for c in _ODD_SPACES)


# fold(), except that a capital letter folding to a-z stays a capital (A-Z): "Hà Nội" ->
# "Ha Noi". Lower-cased, it is fold() wherever fold() gives a-z; capitals show where names
# start.
_UPPER_SET = frozenset(UPPER)
_CAPITALS = [cp for cp, v in _FOLD.items() if chr(cp) in _UPPER_SET and "a" <= v <= "z"]
_CASED_LUT = _FOLD_LUT.copy()
_CASED_LUT[_CAPITALS] = [ord(_FOLD[cp].upper()) for cp in _CAPITALS]


# As _FOLD_LIST, for str.translate on a headline or a line (no NumPy set-up cost).
_CASED_LIST = [chr(c) for c in _CASED_LUT[:len(_FOLD_LIST)].tolist()]


def fold_keep_case(text: str) -> str:
    if len(text) <= _LONG:
        return text.translate(_CASED_LIST)
    return _text(_CASED_LUT.take(_codes(text)))


_DECIMAL: np.ndarray | None = None  # what \d matches (str.isdecimal), by code point; made on first use
_DIGIT_RUN = re.compile(r"\d\d*")  # not \d+: the engine skips to a digit only when a digit comes first


def _decimal_table(top: int) -> np.ndarray:
    """What \\d matches, by code point below `top`. Decimal digits come in runs (0-9 of each
    script): one regex pass over the characters, a slice per run."""
    table = np.zeros(top, dtype=bool)
    for m in _DIGIT_RUN.finditer(_all_chars(top)):
        table[m.start():m.end()] = True
    return table


def digit_run_starts(text: str) -> list[int]:
    """Where each run of digits (\\d) starts: [m.start() for m in re.finditer(r"\\d+", text)].
    Articles are cached."""
    return digit_runs(text)[0]


def digit_runs(text: str) -> tuple[list[int], list[int]]:
    """Where each run of digits (\\d) starts, and where each ends (the spans of
    re.finditer(r"\\d+", text)). Articles are cached."""
    if len(text) <= _LONG:
        spans = [m.span() for m in _DIGIT_RUN.finditer(text)]
        return [a for a, _ in spans], [b for _, b in spans]
    out = _RUNS.get(text)
    if out is None:
        # The regex pass, as for a short text: an article has a few dozen runs, and this costs
        # less than the NumPy pass over a table (digit_runs_by_table) once NumPy's code and
        # tables have left the CPU caches, as they have between stages.
        spans = [m.span() for m in _DIGIT_RUN.finditer(text)]
        out = _put(_RUNS, text, ([a for a, _ in spans], [b for _, b in spans]))
    return out


def digit_runs_by_table(text: str) -> tuple[list[int], list[int]]:
    """digit_runs(text) read off a table of what \\d matches (_decimal_table), one NumPy pass:
    the reference the regex pass is checked against (tests/loaders/test_text_lowered.py)."""
    global _DECIMAL
    if not text:
        return [], []
    codes = _codes(text)
    if _DECIMAL is None or (len(_DECIMAL) < 0x110000 and int(codes.max()) >= len(_DECIMAL)):
        # The table of the first two planes, where articles' characters are, and of all of
        # Unicode when a character beyond them comes.
        _DECIMAL = _decimal_table(0x20000 if _DECIMAL is None and int(codes.max()) < 0x20000
                                  else 0x110000)
    digit = _DECIMAL.take(codes)
    edge = digit[1:] != digit[:-1]  # a run starts or ends between i and i + 1
    bounds = (np.flatnonzero(edge) + 1).tolist()
    if len(digit) and digit[0]:
        bounds.insert(0, 0)
    if len(digit) and digit[-1]:
        bounds.append(len(digit))
    return bounds[0::2], bounds[1::2]


_OTHER_CACHES: list[dict] = []


def register_cache(cache: dict) -> None:
    """A cache of other stages keyed by article text, emptied with these (fold.cache_clear)."""
    _OTHER_CACHES.append(cache)


def _clear_caches() -> None:
    for cache in (_CODES, _FOLDED, _FOLDED_MID, _PLAIN, _LOWERED, _RUNS, *_OTHER_CACHES):
        cache.clear()


fold.cache_clear = _clear_caches  # type: ignore[attr-defined]


_MISS = object()


def memo(size: int = 8192):
    """A cache for a pure function of one short string (a name, a key): articles repeat the
    same names, and the officials and projects of a province recur from article to article.
    Emptied with the other caches (fold.cache_clear), and whole when it is full (bounded)."""
    def wrap(fn):
        cache: dict = {}
        register_cache(cache)
        get = cache.get

        def cached(arg):
            out = get(arg, _MISS)
            if out is _MISS:
                if len(cache) >= size:
                    cache.clear()
                out = cache[arg] = fn(arg)
            return out

        cached.__wrapped__ = fn  # type: ignore[attr-defined]
        cached.__doc__ = fn.__doc__
        cached.__name__ = fn.__name__
        return cached
    return wrap


_NOT_KEY = re.compile(r"[^a-z0-9]")


def key(text: str) -> str:
    """Compact comparison key: folded, only letters and digits."""
    return _NOT_KEY.sub("", fold(nfc(text)))


def squash_spaces(text: str) -> str:
    return " ".join(text.split())


# --- cache files of derived data -------------------------------------------------------------
#
# Some of what extraction builds on first use is a pure function of files that do not change
# from run to run (the gazetteer's 63 -> 34 conversion, the compiled rule patterns): kept in
# small files, each named and checked by a fingerprint of what it derives from, in the user's
# cache folder. A process writes a whole file under a temporary name and renames it into place,
# so that concurrent processes read a whole file or none; a folder that cannot be written only
# means the data is built again next time.

CACHE_DIR_ENV = "LOADERS_CACHE_DIR"


def cache_dir() -> Path:
    """LOADERS_CACHE_DIR, else $XDG_CACHE_HOME/loaders, else ~/.cache/loaders (outside the
    repository and its data folders)."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "loaders" if xdg else Path.home() / ".cache" / "loaders"


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically (temporary file, then os.replace); False, and nothing
    left behind, when the folder cannot be written."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False

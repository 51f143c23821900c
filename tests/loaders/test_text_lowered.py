"""The str-method and regex forms that replaced table lookups and big alternations give
exactly what the forms they replaced give."""
from __future__ import annotations

import random
import re

import pytest

from loaders import dates, numbers, people, places, projects
from loaders import text as T
from loaders.rules import by_first_letter, compile_cached, lowered, table

# Characters that matter to the code under test: Vietnamese letters in both cases, digits of
# several scripts, every kind of white space, letters re.IGNORECASE pairs beyond their case,
# the capital sigma, punctuation past U+2000, a lone surrogate and a character beyond the BMP.
_ALPHABET = (list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789")
             + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
             + list("ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ")
             + list(" \n\t\r\x0b\x0c\x85\xa0\u2009\u3000") + list("/.,-–:;()“”…%")
             + ["ı", "ſ", "K", "İ", "Σ", "σ", "ς", "ẞ", "ß", "٣", "１", "\ud800", "\U0001f600", "𝟘"])


def _strings(n: int, seed: int, longest: int):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, longest)))


@pytest.mark.parametrize("longest", [40, 600])
def test_lowered_is_what_the_character_tables_give(longest):
    for s in _strings(3000, 1, longest):
        T.fold.cache_clear()
        assert T.lowered(s) == T.lowered_by_table(s), s


@pytest.mark.parametrize("longest", [40, 600])
def test_digit_runs_are_what_the_decimal_table_gives(longest):
    for s in _strings(3000, 2, longest):
        T.fold.cache_clear()
        assert T.digit_runs(s) == T.digit_runs_by_table(s) == (
            [m.start() for m in re.finditer(r"\d+", s)], [m.end() for m in re.finditer(r"\d+", s)]), s


@pytest.mark.parametrize("longest", [40, 200, 600])
def test_fold_and_fold_keep_case_are_the_table_lookups(longest):
    for s in _strings(3000, 3, longest):
        T.fold.cache_clear()
        codes = T._codes(s)
        assert T.fold(s) == T._text(T._FOLD_LUT.take(codes)), s
        assert T.fold(s) == T.fold(s)  # and again, from the cache
        assert T.fold_keep_case(s) == T._text(T._CASED_LUT.take(codes)), s


def test_a_seeded_fold_is_the_fold():
    for s in _strings(500, 4, 300):
        T.fold.cache_clear()
        T.seed_fold(s, T._text(T._FOLD_LUT.take(T._codes(s))))
        assert T.fold(s) == T._text(T._FOLD_LUT.take(T._codes(s)))


def test_number_matches_are_the_finditer_matches():
    rng = random.Random(6)
    pieces = list("0123456789.,/ %-\n") + ["phần trăm", " tỷ ", " ngàn ", "٣", "hồ sơ", "Đ", "x"]
    for _ in range(20000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for s in (t, t * 12):  # short, and an article-sized text (the cached runs)
            T.fold.cache_clear()
            want = [(m.span(), m.groups()) for m in numbers._NUMBER.finditer(s)]
            assert [(m.span(), m.groups()) for m in numbers._number_matches(s)] == want, s


def test_words_before_and_after_a_date_are_the_patterns():
    before, after = dates._NOT_DATE_BEFORE_WORDS, dates._NOT_DATE_AFTER_WORDS
    assert before and after
    rng = random.Random(7)
    pieces = [*before, *after, " ", "\n", "\t", "\u3000", "x", "ố", "a"]
    for _ in range(50000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert (dates._NOT_DATE_BEFORE_LOW.search(s) is not None) == s.rstrip().endswith(before), s
        assert (dates._NOT_DATE_AFTER_LOW.match(s) is not None) == s.lstrip().startswith(after), s


def test_place_prefix_tests_are_the_patterns():
    rng = random.Random(8)
    pieces = ["huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "duong", "pho", "thanh ",
              "thanh pho", "cau", "song", "nui", "ho", "tinh", "tp", "tp.", "t.p", "t.p.", "truyen thong",
              "cong nghe", " ", "  ", "\n", "\t", "a", "_", "1", "ể", ".", "\u3000", "x", "h"]
    for _ in range(50000):
        b = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))[-16:]
        assert (places._UNIT_BEFORE.search(b) is not None) == places._unit_before(b), b
        assert (places._PROVINCE_BEFORE.search(b) is not None) == places._word_before(b, places._PROVINCE_WORDS), b
        assert (places._DISTRICT_BEFORE.search(b) is not None) == places._word_before(b, places._DISTRICT_WORDS), b


def _stop_patterns():
    stop = projects._rules().stop
    yield lowered(stop), projects._rules().stop_low
    original = table("people")["stop"][0].pattern
    yield original, people._stop()


@pytest.mark.parametrize("pair", list(_stop_patterns()), ids=["projects", "people"])
def test_stop_words_grouped_by_first_letter_match_where_the_rule_matches(pair):
    original, grouped = pair
    assert grouped.pattern != original.pattern  # the rule has the shape that is grouped
    words = [w for w in re.findall(r"[^|()?=!<\\\s]+", original.pattern) if len(w) > 1][:120]
    rng = random.Random(9)
    for _ in range(3000):
        s = "".join(rng.choice([*words, " ", ",", ".", "\n", "x", "năm", "hết"]) + rng.choice(["", " "])
                    for _ in range(rng.randint(0, 12)))
        for p in range(len(s) + 1):
            assert (original.match(s, p) is None) == (grouped.match(s, p) is None), (s, p)


def test_by_first_letter_leaves_other_shapes_alone():
    assert by_first_letter(r"\s(ab|ac)|x") == r"\s(ab|ac)|x"
    assert by_first_letter(r"(ab|ac)") == r"(ab|ac)"
    assert by_first_letter(r"\s(ab|ac|(?<!x)d|e?f)(?=\s)") == r"\s(a(?:b|c)|(?<!x)d|e?f)(?=\s)"
    compile_cached(by_first_letter(r"\s(ab|ac|(?<!x)d|e?f)(?=\s)"))

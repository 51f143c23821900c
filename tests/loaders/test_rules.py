"""Every rule in loaders/rules/*.toml against its own positive and negative examples."""
from __future__ import annotations

import pytest

from loaders.rules import _literals, all_tables, table, trie_regex


def _cases():
    for name in all_tables():
        for rules in table(name).values():
            for rule in rules:
                known = {x.split(" :: ")[0]: x.split(" :: ", 1)[-1] for x in rule.xfail}
                for kind, examples in (("pos", rule.pos), ("neg", rule.neg)):
                    for example in examples:
                        marks = [pytest.mark.xfail(reason=known[example], strict=True)] if example in known else []
                        yield pytest.param(rule, kind, example, id=f"{rule.id}:{kind}:{example[:40]}", marks=marks)


@pytest.mark.parametrize(("rule", "kind", "example"), list(_cases()))
def test_rule_matches_its_positive_examples_and_not_its_negative_ones(rule, kind, example):
    assert rule.matches(example) is (kind == "pos")


def test_every_rule_has_an_id_a_source_and_a_known_text_form():
    ids = []
    for name in all_tables():
        for rules in table(name).values():
            for rule in rules:
                ids.append(rule.id)
                assert rule.on in ("folded", "raw"), rule.id
    assert len(ids) == len(set(ids)), "rule ids are unique"


def test_pattern_rules_carry_examples_and_word_lists_carry_words():
    for name in all_tables():
        for rules in table(name).values():
            for rule in rules:
                if rule.pattern.pattern == "^$":
                    assert rule.data.get("words"), rule.id
                else:
                    assert rule.pos, f"{rule.id} has no positive example"


def test_literal_prefilter_never_rejects_a_text_its_pattern_matches():
    for name in all_tables():
        for rules in table(name).values():
            for rule in rules:
                lits = _literals(rule.pattern)
                for example in rule.pos:
                    prepared = rule.prepare(example)
                    if lits and rule.pattern.search(prepared):
                        low = prepared if rule.on == "folded" else prepared.lower()
                        assert any(lit in low for lit in lits), (rule.id, example, lits)


def test_trie_regex_matches_exactly_the_words_it_was_built_from():
    import re

    words = ["du an", "de an", "ke hoach", "cong", "cong thong tin"]
    pattern = re.compile("(?:" + trie_regex(words) + r")\Z")
    assert all(pattern.match(w) for w in words)
    assert not pattern.match("cong thong") and not pattern.match("du")

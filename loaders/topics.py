"""E-government topics an article discusses (codes of the corpus README)."""
from __future__ import annotations

from functools import cache
from itertools import chain

from loaders.hits import Hit
from loaders.rules import FOLDED_WORDS, Literals, case_free, prefix_literals, table
from loaders.text import fold, plain


def find_topics(text: str) -> list[Hit]:
    """First mention of each e-government topic; value = topic code."""
    folded = fold(text)
    rules = table("topics")["topic"]
    if not plain(folded) or _plan() is None:
        return [Hit(rule.data["code"], m.start(), m.end(), rule.id)
                for rule in rules if (m := rule.search(folded))]
    # One pass finds where each topic's words start; a topic's first match starts at one of
    # them (its pattern is tried there, earliest first), so no pattern scans the whole text.
    literals, plan, owners = _plan()
    starts: dict[str, list[int]] = {}
    for pos, word in literals.find(folded):
        starts.setdefault(word, []).append(pos)  # where each word starts a word
    out = []
    # Only the topics one of whose words is in the text (most are not), in plan order.
    for i in sorted({i for w in starts for i in owners[w]}):
        rule, pattern, words = plan[i]
        lists = [starts[w] for w in words if w in starts]
        candidates = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
        for p in candidates:
            m = pattern.match(folded, p)
            if m:
                out.append(Hit(rule.data["code"], m.start(), m.end(), rule.id))
                break
    return out


@cache
def _plan():
    """The words each topic's matches start with and the pattern to try there, and which
    topics list each word; None if a pattern's first words cannot be listed (then every
    pattern scans the text)."""
    plan = []
    for rule in table("topics")["topic"]:
        words = prefix_literals(rule.pattern)
        fast = case_free(rule.pattern)
        if words is None or (fast is rule.pattern and rule.pattern.flags & 2):
            return None
        plan.append((rule, fast, words))
    # Every pattern opens with \b before a letter: its matches start words.
    word_starts = all(rule.pattern.pattern.startswith("\\b") for rule, _, _ in plan) and all(
        w[0].isalnum() for _, _, words in plan for w in words)
    owners: dict[str, list[int]] = {}  # word -> the plan entries that list it
    for i, (_, _, words) in enumerate(plan):
        for w in dict.fromkeys(words):
            owners.setdefault(w, []).append(i)
    return (Literals((w for _, _, words in plan for w in words), word_starts, FOLDED_WORDS), tuple(plan),
            owners)

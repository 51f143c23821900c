"""The second round of speed shortcuts gives exactly what the code it replaced gives."""
from __future__ import annotations

import random
from itertools import chain
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from loaders import extract, numbers, projects, read, topics
from loaders import text as T
from loaders.clean import clean
from loaders.hits import Hit
from loaders.text import fold

REPO = Path(__file__).resolve().parents[2]
WORDS = ["Cổng", "cổng", "CỔNG", "Ổ", "ổ", "ô", "o", "dịch vụ công", "Đề án", "chuyển đổi số", "mức độ",
         "cấp độ", "giai đoạn", "số", "tổng số", "lần thứ", "năm", "tháng", "Cụm thi đua", "quý", "ıſẛK",
         "İ", "Σ", "hồ sơ", "chính quyền điện tử", "dịch vụ công trực tuyến", "chữ ký số", ":", ".", "  ",
         "\n", "3", "2025", "an toàn thông tin", "IOC", "bưu chính", "camera giám sát"]


def _texts(n: int, seed: int = 11, most: int = 120):
    rng = random.Random(seed)
    for _ in range(n):
        yield " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, most)))


def _portal_o_by_find(text: str) -> list[int]:
    """projects._portal_o as it was: a str.find pass for each of "ổ" and "Ổ"."""
    out = []
    for ch in "ổỔ":
        i = text.find(ch)
        while i != -1:
            out.append(i)
            i = text.find(ch, i + 1)
    return sorted(out)


def test_only_o_hook_lowers_to_it():
    assert [c for c in map(chr, range(0x110000)) if "ổ" in c.lower()] == ["Ổ", "ổ"]


def test_portal_o_on_the_lowered_text_finds_what_two_passes_find():
    for text in _texts(400):
        low = T.lowered(text)
        assert projects._portal_o(text, low) == _portal_o_by_find(text) == projects._portal_o(text)


def _topics_by_plan(text: str) -> list[Hit]:
    """topics.find_topics as it was: every topic's words looked up in turn."""
    folded = fold(text)
    literals, plan, _ = topics._plan()
    starts: dict[str, list[int]] = {}
    for pos, word in literals.find(folded):
        starts.setdefault(word, []).append(pos)
    out = []
    for rule, pattern, words in plan:
        lists = [starts[w] for w in words if w in starts]
        if not lists:
            continue
        candidates = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
        for p in candidates:
            m = pattern.match(folded, p)
            if m:
                out.append(Hit(rule.data["code"], m.start(), m.end(), rule.id))
                break
    return out


def test_topics_tried_only_where_a_word_is_give_every_topic():
    assert topics._plan() is not None
    for text in _texts(300, most=400):
        fold.cache_clear()
        assert topics.find_topics(text) == _topics_by_plan(text)


def _visible_text_with_pairs(node) -> str:
    """read._visible_text as it was: (node, closing) pairs on the stack."""
    out: list[str] = []
    stack: list = [(node, False)]
    while stack:
        cur, closing = stack.pop()
        if closing:
            out.append("\n")
            continue
        tag = cur.tag
        if tag == "br":
            out.append("\n")
            continue
        if tag == "-text":
            out.append(read._HTML_SPACE.sub(" ", cur.text_content or ""))
            continue
        if tag in ("td", "th"):
            out.append(" ")
        elif tag in read._BLOCK:
            out.append("\n")
            stack.append((cur, True))
        children = list(cur.iter(include_text=True))
        children.reverse()
        stack.extend([(child, False) for child in children])
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def test_visible_text_with_a_closing_marker_reads_as_before():
    pages = ["<p>a<br>b</p><div>c<span> d </span><table><tr><td>x</td><th>y</th></tr></table></div>",
             "<ul><li>one</li><li>two<ol><li>2a</li></ol></li></ul>text\n\tafter<h1>T</h1><hr>end",
             "<div><div><div>deep</div></div>tail</div><!-- c --><p></p><p>   </p>"]
    for root in (REPO / "data" / "raw", REPO.parent / "shared" / "corpus" / "docs"):
        if root.is_dir():
            pages += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(root.glob("*.htm*"))]
    for page in pages:
        tree = LexborHTMLParser(page)
        for node in [tree.body, *tree.css("div, p, ul, table")]:
            if node is not None:
                assert read._visible_text(node) == _visible_text_with_pairs(node)


def test_label_before_by_last_two_letters_is_the_pattern():
    before = numbers._label_before()
    assert before.words  # the rule is of the form the shortcut reads
    rng = random.Random(3)
    tails = [w for w, _ in before.words] + ["tong so", "xso", "hồ so", "a", "", " ", "so:", "so .", "thu  ", "o"]
    for _ in range(3000):
        text = fold(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 4))))
        text = (text + " " + rng.choice(tails) + rng.choice(["", " ", ":", ". ", "  "]))[-24:]
        assert before.search(text, T.plain(text)) == (before.pattern.search(text) is not None), text


def test_a_slice_of_a_plain_text_is_plain():
    rng = random.Random(7)
    for text in _texts(200, most=300):
        folded = fold(text)
        if not T.plain(folded):
            continue
        for _ in range(5):
            a = rng.randrange(len(folded) + 1)
            piece = folded[a:rng.randrange(a, len(folded) + 1)]
            fold.cache_clear()
            assert T.plain(piece)


def test_extract_seeds_the_lead_with_what_plain_finds():
    for text in _texts(60, most=300):
        raw = "Giao ban chuyển đổi số\n" + text.replace("\n", " ") + "\nSở tổ chức hội nghị."
        fold.cache_clear()
        c = clean(raw)
        extract.extract("x", c)
        lead, _ = extract._lead(c.text, extract._title_end(c.text, c.title))
        seeded = T.plain(fold(lead))
        fold.cache_clear()
        assert seeded == T.plain(fold(lead))

"""Tests for the synthetic corpus generator: reproducible, marked, and its gold agrees with its text."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from loaders import gazetteer
from loaders.read import read_file
from loaders.synth import FORMATS, GoldMismatch, finalize_gold, generate
from loaders.synth.formats import MARK_COMMENT, MARK_LINE, cp1258_bytes
from loaders.synth.gold import old_tones
from loaders.synth.world import MERGER, build_world

SAMPLE = 2000
PERIOD = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H1|-([2-9]|1[01])M)?$")
DUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict, list[dict]]:
    out = tmp_path_factory.mktemp("synth")
    summary = generate(SAMPLE, 7, out)
    gold = [json.loads(line) for line in (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return out, summary, gold


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _dump_rows(path: Path, codec: str) -> dict[str, str]:
    text = path.read_bytes().decode(codec)
    if path.suffix == ".jsonl":
        rows = [json.loads(line) for line in text.split("\n") if line.strip()]
    else:
        delimiter = max(",;", key=text.split("\n", 1)[0].count)
        rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    return {r["id"]: f"{r['title']}\n\n{r['text']}" for r in rows}


def article_text(docs: Path, row: dict, cache: dict) -> str:
    """The text a reader gets: decoded with the gold's encoding, NFC, HTML entities unescaped."""
    path = docs / row["file"]
    if path.suffix in (".jsonl", ".csv"):
        if path not in cache:
            cache[path] = _dump_rows(path, row["encoding"])
        return nfc(cache[path][row["id"]])
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for r in table.rows for cell in r.cells]
        return nfc("\n".join(parts))
    text = nfc(path.read_bytes().decode(row["encoding"]))
    return html.unescape(text) if path.suffix == ".html" else text


def _issue_date(row: dict) -> str:
    """The date a Word file (which has no portal stamp) was issued, from its notes."""
    return re.search(r"issued (\d{4}-\d{2}-\d{2})", row["notes"]).group(1)


def quoted_strings(row: dict) -> list[str]:
    out = [row["chair_name"]] if row["chair_name"] else []
    out += [p["name"] for p in row["people"]] + row["projects"] + row["legal_refs"]
    out += [d["text"] for d in row["deadlines"]] + [n["text"] for n in row["numbers"]]
    return out


def test_the_same_seed_gives_byte_identical_output(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert generate(250, 42, a) == {**generate(250, 42, b), "out": str(a)}
    assert _tree(a) == _tree(b)


def test_the_output_does_not_depend_on_the_process_hash_seed(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    for name, hash_seed in (("a", "1"), ("b", "4242")):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "loaders",
                "synth",
                "--docs",
                "60",
                "--seed",
                "9",
                "--out",
                str(tmp_path / name),
            ],
            cwd=repo,
            env=env,
            check=True,
            capture_output=True,
        )
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_different_seed_gives_a_different_corpus(tmp_path):
    generate(60, 1, tmp_path / "one")
    generate(60, 2, tmp_path / "two")
    assert (tmp_path / "one" / "gold.jsonl").read_bytes() != (tmp_path / "two" / "gold.jsonl").read_bytes()


def test_every_quoted_gold_string_occurs_in_the_decoded_article(corpus):
    out, _, gold = corpus
    cache: dict = {}
    missing = []
    for row in gold:
        text = article_text(out / "docs", row, cache)
        missing += [(row["id"], s) for s in quoted_strings(row) if s not in text]
    assert not missing, missing[:10]


def test_the_reader_reads_every_file_into_the_gold_documents(corpus):
    out, summary, gold = corpus
    docs = out / "docs"
    files = sorted(docs.iterdir())
    assert len(files) == summary["files"]
    ids = []
    for path in files:
        results = read_file(path, docs)
        assert all(hasattr(r, "doc_id") for r in results), results
        ids += [r.doc_id for r in results]
    assert sorted(ids) == sorted(row["id"] for row in gold)
    assert len(gold) == summary["docs"] == SAMPLE


def test_provinces_are_the_63_or_the_34_and_map_to_their_2025_province(corpus):
    _, _, gold = corpus
    old = {p.name for p in gazetteer.provinces()}
    new = set(gazetteer.provinces_2025())
    for row in gold:
        assert row["province_2025"] in new
        day = row["meeting_date"] or row["publication_date"] or _issue_date(row)
        if dt.date.fromisoformat(day) >= MERGER:
            assert row["province"] == row["province_2025"] and row["province"] in new
        else:
            assert row["province"] in old and row["province_2025"] == gazetteer.to_2025(row["province"])


def test_all_63_provinces_and_the_34_appear_in_a_2000_document_sample(corpus):
    _, _, gold = corpus
    when = {r["id"]: r["meeting_date"] or r["publication_date"] or _issue_date(r) for r in gold}
    before = {r["province"] for r in gold if dt.date.fromisoformat(when[r["id"]]) < MERGER}
    after = {r["province"] for r in gold if dt.date.fromisoformat(when[r["id"]]) >= MERGER}
    assert before == {p.name for p in gazetteer.provinces()}
    assert after == set(gazetteer.provinces_2025())


def test_dates_are_valid_and_a_meeting_precedes_its_publication_and_deadlines(corpus):
    _, _, gold = corpus
    years = Counter()
    for row in gold:
        pub = dt.date.fromisoformat(row["publication_date"]) if row["publication_date"] else None
        if not row["is_meeting"]:
            assert row["meeting_type"] == "not_meeting" and row["meeting_date"] is None
            assert pub or row["file"].endswith(".docx")  # a Word file has no portal stamp
            continue
        day = dt.date.fromisoformat(row["meeting_date"])
        years[day.year] += 1
        assert dt.date(2008, 1, 1) <= day <= dt.date(2026, 12, 31)
        assert pub is None or day <= pub
        assert row["period"] is None or PERIOD.match(row["period"]), row["period"]
        for d in row["deadlines"]:
            assert DUE.match(d["date"]), d
            last = d["date"] + ("-12-31" if len(d["date"]) == 4 else "-28" if len(d["date"]) == 7 else "")
            assert dt.date.fromisoformat(last) >= day.replace(day=1), (row["id"], d)
    assert set(years) == set(range(2008, 2027))


def test_meeting_types_topics_and_fields_follow_the_readme(corpus):
    _, _, gold = corpus
    codes = {
        "dich_vu_cong_truc_tuyen",
        "mot_cua_dien_tu",
        "cong_thong_tin_dien_tu",
        "trung_tam_du_lieu",
        "chu_ky_so",
        "van_ban_dien_tu",
        "ipv6",
        "an_toan_thong_tin",
        "chinh_quyen_dien_tu",
        "chuyen_doi_so",
        "do_thi_thong_minh",
        "hop_truc_tuyen",
        "truyen_thanh_co_so",
        "ha_tang_vien_thong",
        "bao_chi_xuat_ban",
        "buu_chinh",
    }
    types = Counter(r["meeting_type"] for r in gold)
    assert set(types) == {"giao_ban", "lam_viec", "so_ket_tong_ket", "hoi_nghi_khac", "not_meeting"}
    assert 0.04 < types["not_meeting"] / len(gold) < 0.13
    evidence = Counter(r["province_evidence"] for r in gold)
    assert {"text", "district names", "boilerplate", "url"} <= set(evidence)
    for row in gold:
        assert row["synthetic"] is True and row["id"].startswith("synth_")
        assert set(row["egov_topics"]) <= codes
        assert all(isinstance(n["value"], (int, float)) for n in row["numbers"])
        if row["chair_name"]:
            assert row["chair_name"] in [p["name"] for p in row["people"]]


def test_after_march_2025_the_department_is_the_so_khoa_hoc_va_cong_nghe(corpus):
    out, _, gold = corpus
    cache: dict = {}
    late = [r for r in gold if r["is_meeting"] and r["meeting_date"] >= "2025-03-01"]
    early = [r for r in gold if r["is_meeting"] and r["meeting_date"] < "2025-03-01"]
    assert late and early
    for row in late[:80]:
        text = article_text(out / "docs", row, cache)
        assert "Thông tin và Truyền thông" not in text.split(MARK_LINE)[0].replace(
            "Sở Thông tin và Truyền thông vào", ""
        ), row["id"]
    assert sum("Sở Khoa học và Công nghệ" in article_text(out / "docs", r, cache) for r in early[:200]) == 0


def test_the_format_mix_has_every_format_with_utf8_text_the_most_common(corpus):
    _, summary, _ = corpus
    formats = summary["formats"]
    expected = {f"{f}/{v}" if f in ("txt", "html") else f for f, v, _ in FORMATS}
    assert set(formats) == expected
    assert max(formats, key=formats.get) == "txt/utf-8"
    assert sum(formats.values()) == SAMPLE
    assert summary["files"] < SAMPLE  # dumps hold many rows


def test_encodings_are_what_the_gold_says(corpus):
    out, _, gold = corpus
    seen = Counter()
    for row in gold:
        if row["file"].endswith(".txt"):
            data = (out / "docs" / row["file"]).read_bytes()
            if row["encoding"] == "utf-16":
                assert data[:2] == b"\xff\xfe"
            elif row["encoding"] == "utf-8-sig":
                assert data[:3] == b"\xef\xbb\xbf"
            elif row["encoding"] == "cp1258":
                text = data.decode("cp1258")
                assert text != nfc(text)  # tones stored as combining marks
            elif "NFD" in row["notes"]:
                text = data.decode("utf-8")
                assert text == unicodedata.normalize("NFD", text) != nfc(text)
            seen[row["encoding"] + (" NFD" if "NFD" in row["notes"] else "")] += 1
    assert {"utf-8", "utf-8 NFD", "utf-8-sig", "utf-16", "cp1258"} <= set(seen)


def test_every_article_is_marked_synthetic_outside_its_body(corpus):
    out, _, gold = corpus
    assert "invented" in (out / "SYNTHETIC.md").read_text(encoding="utf-8")
    for path in (out / "docs").iterdir():
        assert path.name.startswith("synth_")
        if path.suffix == ".html":
            head = path.read_bytes()[:2000].decode("ascii", "replace")
            assert MARK_COMMENT in head
    txt = [r for r in gold if r["file"].endswith(".txt")][:50]
    for row in txt:
        text = nfc((out / "docs" / row["file"]).read_bytes().decode(row["encoding"]))
        assert text.rstrip().endswith(MARK_LINE)
        assert "SYNTHETIC" not in text.upper().replace(MARK_LINE.upper(), "")


def test_a_project_advances_through_its_stages_across_a_provinces_articles(corpus):
    _, _, gold = corpus
    order = ["proposed", "submitted", "approved", "tendering", "under_way", "completed", "operating"]
    world = build_world(7)
    for place in world.old:
        for plan in place.projects:
            stages = [s for s, _ in plan.stages]
            assert stages == sorted(stages, key=order.index)
            assert [d for _, d in plan.stages] == sorted(d for _, d in plan.stages)
    timeline: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for row in gold:
        m = re.search(r"project stages: (.*)$", row["notes"])
        for item in m.group(1).split(", ") if m else []:
            project, stage = item.split("=")
            timeline.setdefault((row["province"], project), []).append((row["meeting_date"] or "", stage))
    moving = [v for v in timeline.values() if len({s for _, s in v}) >= 3]
    assert len(moving) >= 10
    for events in moving:
        ranks = [order.index(s) for _, s in sorted(events)]
        assert ranks == sorted(ranks)


def test_windows_1258_needs_decomposed_tones_and_round_trips():
    text = "Độc lập - Tự do - Hạnh phúc: Sở Thông tin và Truyền thông tỉnh Thừa Thiên Huế – “Uỷ ban”…"
    with pytest.raises(UnicodeEncodeError):
        text.encode("cp1258")
    assert nfc(cp1258_bytes(text).decode("cp1258")) == nfc(text)


def test_old_tone_placement_moves_only_open_oa_oe_uy():
    assert old_tones("Hòa Bình, Ủy ban, Thúy, khỏe") == "Hoà Bình, Uỷ ban, Thuý, khoẻ"
    assert old_tones("của mùa Quý hoàn thành Huỳnh") == "của mùa Quý hoàn thành Huỳnh"


def test_finalize_gold_takes_the_form_the_article_writes_and_rejects_an_absent_string():
    gold = {
        "people": [{"name": "Lê Thị Thúy", "title": "Giám đốc Sở"}],
        "chair_name": "Lê Thị Thúy",
        "chair_title": "Giám đốc Sở",
        "projects": ["phần mềm một cửa điện tử"],
        "legal_refs": [],
        "deadlines": [],
        "numbers": [],
    }
    fixed = finalize_gold(gold, "Giám đốc Sở Lê Thị Thuý chủ trì. Phần mềm một cửa điện tử vận hành.")
    assert fixed["chair_name"] == fixed["people"][0]["name"] == "Lê Thị Thuý"
    assert fixed["projects"] == ["Phần mềm một cửa điện tử"]
    with pytest.raises(GoldMismatch):
        finalize_gold({**gold, "projects": ["Trung tâm IOC"]}, "Giám đốc Sở Lê Thị Thúy chủ trì.")


def test_a_rerun_replaces_the_previous_corpus_and_zero_documents_is_empty(tmp_path):
    generate(40, 3, tmp_path)
    summary = generate(5, 3, tmp_path)
    gold = (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(gold) == 5 and summary["docs"] == 5
    assert len(list((tmp_path / "docs").iterdir())) == summary["files"]
    empty = generate(0, 3, tmp_path / "empty")
    assert empty["files"] == 0 and (tmp_path / "empty" / "gold.jsonl").read_text() == ""


def test_it_refuses_data_raw_and_a_directory_of_real_articles(tmp_path, monkeypatch):
    from loaders.__main__ import main

    repo = Path(__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    before = sorted(p.name for p in (repo / "data" / "raw").iterdir())
    assert main(["synth", "--docs", "3", "--seed", "1", "--out", "data/raw/synthetic"]) == 2
    with pytest.raises(ValueError):
        generate(3, 1, repo / "data" / "raw")
    assert sorted(p.name for p in (repo / "data" / "raw").iterdir()) == before
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "D001.txt").write_text("a real article", encoding="utf-8")
    with pytest.raises(ValueError):
        generate(3, 1, tmp_path)
    assert (tmp_path / "docs" / "D001.txt").exists()
    # anywhere else is fine, including a directory that does not exist yet
    assert main(["synth", "--docs", "3", "--seed", "1", "--out", str(tmp_path / "new" / "corpus")]) == 0

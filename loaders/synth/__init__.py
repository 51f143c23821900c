"""Synthetic corpus generator: invented provincial ICT-meeting articles with their gold.

    generate(n_docs, seed, out_dir) -> {"docs", "files", "seed", "out", "formats"}

writes `out_dir/docs/` (N articles: text pages, HTML pages, Word files and crawler dumps
with many rows each), `out_dir/gold.jsonl` (one object per article, in the conventions of
../shared/corpus/README.md, plus "synthetic": true) and `out_dir/SYNTHETIC.md`.

Everything is invented: people, numbers, events and provincial document numbers (real
provinces, districts and national legal documents give it realism). Every file name starts
with "synth_", every gold row says "synthetic": true, HTML pages carry a comment and text
pages a closing footer line saying so. The same (n_docs, seed) gives byte-identical output.
"""

from __future__ import annotations

import csv
import html
import io
import json
import random
import unicodedata
from pathlib import Path

from loaders.synth.articles import compose
from loaders.synth.formats import (
    apply_variants,
    docx_bytes,
    dump_row,
    encode,
    html_page,
    prepared_dump_text,
    txt_page,
)
from loaders.synth.gold import old_tones
from loaders.synth.world import build_world

__all__ = ["generate", "FORMATS"]

# (family, variant, share of documents): mostly UTF-8 text pages, as real crawls are.
FORMATS = [
    ("txt", "utf-8", 52.0),
    ("txt", "utf-8-nfd", 4.0),
    ("txt", "utf-8-sig", 4.0),
    ("txt", "utf-16", 4.0),
    ("txt", "cp1258", 4.0),
    ("html", "utf-8", 12.0),
    ("html", "entities", 1.5),
    ("html", "windows-1258", 0.8),
    ("docx", "docx", 1.2),
    ("jsonl", "utf-8", 10.0),
    ("csv", "utf-8", 6.5),
]
GOLD_ORDER = [
    "id",
    "is_meeting",
    "province",
    "province_2025",
    "province_evidence",
    "meeting_date",
    "publication_date",
    "meeting_type",
    "period",
    "chair_name",
    "chair_title",
    "people",
    "projects",
    "egov_topics",
    "deadlines",
    "legal_refs",
    "numbers",
    "notes",
    "file",
    "encoding",
    "synthetic",
]
REPO = Path(__file__).resolve().parents[2]


class GoldMismatch(AssertionError):
    """A gold string that the article does not contain: a generator bug, never data noise."""


def _resolve(value: str, text: str) -> str:
    """The form of `value` that the article writes (case of the first letter, tone placement)."""
    if value in text:
        return value
    forms = [value[:1].swapcase() + value[1:]]
    forms += [old_tones(f) for f in [value] + forms]
    forms += [f.replace("Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu") for f in [value] + forms]
    for form in forms:
        if form in text:
            return form
    raise GoldMismatch(f"{value!r} is not in the article")


def finalize_gold(gold: dict, text: str) -> dict:
    """Make every quoted gold string the exact form the prepared (NFC) text contains."""
    text = unicodedata.normalize("NFC", text)
    names = {}
    people = []
    for p in gold["people"]:
        name = names.setdefault(p["name"], _resolve(p["name"], text))
        title = p["title"]
        if title:
            try:
                title = _resolve(title, text)
            except GoldMismatch:
                pass  # titles are as written where possible; they are not quoted strings
        if all(q["name"] != name for q in people):
            people.append({"name": name, "title": title})
    gold["people"] = people
    if gold["chair_name"]:
        gold["chair_name"] = names.get(gold["chair_name"]) or _resolve(gold["chair_name"], text)
        try:
            gold["chair_title"] = _resolve(gold["chair_title"], text)
        except GoldMismatch:
            pass
    gold["projects"] = list(dict.fromkeys(_resolve(p, text) for p in gold["projects"]))
    gold["legal_refs"] = list(dict.fromkeys(_resolve(p, text) for p in gold["legal_refs"]))
    gold["deadlines"] = [{"text": _resolve(d["text"], text), "date": d["date"]} for d in gold["deadlines"]]
    gold["numbers"] = [
        {"text": _resolve(n["text"], text), "value": n["value"], "unit": n["unit"]} for n in gold["numbers"]
    ]
    return gold


def _check_out_dir(out_dir: Path) -> None:
    raw = (REPO / "data" / "raw").resolve()
    target = out_dir.resolve()
    if target == raw or target.is_relative_to(raw) or target.is_relative_to(Path("data/raw").resolve()):
        raise ValueError(f"refusing to write synthetic articles into {raw}")


def _clear(docs: Path) -> None:
    """Remove a previous synthetic run; refuse to mix with files that are not synthetic."""
    foreign = [p.name for p in docs.iterdir() if not p.name.startswith("synth_")]
    if foreign:
        raise ValueError(
            f"{docs} holds files that are not synthetic ({', '.join(sorted(foreign)[:3])}...): "
            "choose an empty or synthetic-only directory"
        )
    for p in docs.iterdir():
        if p.is_file():
            p.unlink()


class _Dumps:
    """Crawler dumps: rows accumulate into a JSONL or CSV file until it reaches its size."""

    def __init__(self, docs: Path, seed: int) -> None:
        self.docs, self.rng = docs, random.Random(f"synth/{seed}/dumps")
        self.open: dict[str, dict] = {}
        self.count = 0
        self.files = 0

    def _new(self, family: str) -> dict:
        self.count += 1
        rng = self.rng
        spec = {
            "family": family,
            "name": f"synth_dump_{self.count:04d}.{family}",
            "rows": [],
            "size": rng.randint(15, 120),
            "codec": "utf-8-sig" if family == "csv" and rng.random() < 0.25 else "utf-8",
            "delimiter": ";" if family == "csv" and rng.random() < 0.15 else ",",
            "ascii": family == "jsonl" and rng.random() < 0.2,
        }
        self.open[family] = spec
        return spec

    def add(self, family: str, row: dict) -> tuple[str, str]:
        spec = self.open.get(family) or self._new(family)
        spec["rows"].append(row)
        name, codec = spec["name"], spec["codec"]
        if len(spec["rows"]) >= spec["size"]:
            self.flush(family)
        return name, codec

    def flush(self, family: str) -> None:
        spec = self.open.pop(family, None)
        if not spec:
            return
        cols = ["id", "url", "title", "published", "text", "synthetic"]
        if family == "jsonl":
            text = "".join(json.dumps(r, ensure_ascii=spec["ascii"]) + "\n" for r in spec["rows"])
        else:
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter=spec["delimiter"], lineterminator="\r\n")
            writer.writerow(cols)
            for r in spec["rows"]:
                writer.writerow(["true" if c == "synthetic" else r[c] for c in cols])
            text = buf.getvalue()
        (self.docs / spec["name"]).write_bytes(text.encode(spec["codec"]))
        self.files += 1

    def close(self) -> None:
        for family in list(self.open):
            self.flush(family)


def _write_one(i: int, seed: int, world, docs: Path, dumps: _Dumps) -> tuple[dict, str]:
    rng = random.Random(f"synth/{seed}/{i}")
    family, variant, _ = rng.choices(FORMATS, [w for *_, w in FORMATS])[0]
    doc_id = f"synth_{i:06d}_{rng.getrandbits(32):08x}"
    kind = "not_meeting" if family == "docx" and rng.random() < 0.6 else None
    story = compose(world, rng, family, kind)
    apply_variants(story, rng)
    gold = dict(story.gold)
    fmt_key = f"{family}/{variant}" if family in ("txt", "html") else family
    if family == "txt":
        page = txt_page(story, rng)
        crlf = variant in ("utf-16", "cp1258") or rng.random() < 0.1
        try:
            data = encode(page, variant, crlf=crlf)
        except ValueError:  # a character Windows-1258 cannot hold: keep the page in UTF-8
            variant, fmt_key = "utf-8", "txt/utf-8"
            data = encode(page, "utf-8", crlf=crlf)
        name, codec = f"{doc_id}.txt", variant
        if variant == "utf-8-nfd":
            codec = "utf-8"
            story.art.notes.append("NFD: the whole file is decomposed Unicode")
        if variant == "cp1258":
            story.art.notes.append("Windows-1258: tone marks stored as combining characters")
        prepared = page
        (docs / name).write_bytes(data)
    elif family == "html":
        charset = "windows-1258" if variant == "windows-1258" else "utf-8"
        page = html_page(story, rng, entities=variant == "entities", charset=charset)
        try:
            data = encode(page, "cp1258" if charset != "utf-8" else "utf-8")
            codec = "cp1258" if charset != "utf-8" else "utf-8"
        except ValueError:
            page = page.replace(f"charset={charset}", "charset=utf-8").replace(
                f'charset="{charset}"', 'charset="utf-8"'
            )
            data, codec, fmt_key = page.encode("utf-8"), "utf-8", "html/utf-8"
        name = f"{doc_id}.html"
        prepared = html.unescape(page)
        (docs / name).write_bytes(data)
    elif family == "docx":
        data, prepared = docx_bytes(story, rng)
        name, codec = f"{doc_id}.docx", None
        (docs / name).write_bytes(data)
    else:
        row = dump_row(story, rng, doc_id)
        prepared = prepared_dump_text(row)
        name, codec = dumps.add(family, row)
        story.art.notes.append(f"{family} dump row")
    gold["id"] = doc_id
    gold = finalize_gold(gold, prepared)
    notes = list(dict.fromkeys(story.art.notes))
    if story.art.stages:
        notes.append("project stages: " + ", ".join(dict.fromkeys(story.art.stages)))
    gold.update({"notes": "; ".join(notes), "file": name, "encoding": codec, "synthetic": True})
    return {k: gold[k] for k in GOLD_ORDER}, fmt_key


def generate(n_docs: int, seed: int, out_dir: Path) -> dict:
    """Write N synthetic articles and their gold under out_dir; return a summary."""
    if n_docs < 0:
        raise ValueError("n_docs must be >= 0")
    out_dir = Path(out_dir)
    _check_out_dir(out_dir)
    docs = out_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    _clear(docs)
    world = build_world(seed)
    dumps = _Dumps(docs, seed)
    formats: dict[str, int] = {}
    files = 0
    with open(out_dir / "gold.jsonl", "w", encoding="utf-8", newline="\n") as gold_out:
        for i in range(n_docs):
            row, fmt_key = _write_one(i, seed, world, docs, dumps)
            formats[fmt_key] = formats.get(fmt_key, 0) + 1
            if not fmt_key.startswith(("jsonl", "csv")):
                files += 1
            gold_out.write(json.dumps(row, ensure_ascii=False) + "\n")
    dumps.close()
    files += dumps.files
    formats = dict(sorted(formats.items()))
    (out_dir / "SYNTHETIC.md").write_text(_note(n_docs, seed, files, formats), encoding="utf-8")
    return {"docs": n_docs, "files": files, "seed": seed, "out": str(out_dir), "formats": formats}


def _note(n: int, seed: int, files: int, formats: dict[str, int]) -> str:
    mix = "\n".join(f"| {k} | {v} |" for k, v in formats.items())
    return f"""# Synthetic corpus: generated, invented data

Everything in this directory was written by `python -m loaders synth --docs {n} --seed {seed}`
(`loaders.synth.generate`). It imitates Vietnamese provincial portal articles about ICT
meetings of the Departments of Information and Communications (Sở Thông tin và Truyền
thông; from March 2025 the Sở Khoa học và Công nghệ) so that extraction can be measured at
scale. **The people, events, figures, deadlines and provincial document numbers are
invented.** Real: the names of the 63 provinces (and the 34 after 1 July 2025), their
districts, and the national legal documents cited. Do not use any of it as fact, and never
copy it into `data/raw`.

How it is marked: every file name starts with `synth_`; every row of `gold.jsonl` has
`"synthetic": true`; HTML pages carry an HTML comment and a `generator` meta tag; text
pages end with the footer line "(Bài viết tổng hợp tự động - dữ liệu thử nghiệm)"; dump
rows have a `synthetic` column; Word files say so in their document properties.

{n} articles in {files} files (dumps hold many rows each):

| format | articles |
|---|---|
{mix}

`gold.jsonl` follows ../shared/corpus/README.md: one object per article (per dump row),
`id` = file stem or the row's `id`; decode with `encoding` (a Python codec; `null` for Word
files, read them with python-docx; "NFD" in `notes` marks decomposed text), normalise to
NFC and unescape HTML entities, and every quoted gold string occurs in the text.
Conventions where the README leaves room: a deadline month resolves to YYYY-MM ("trong
tháng 9/2025" -> 2025-09, "trước tháng 10" -> YYYY-10) and a year to YYYY (as the seeds do),
a quarter to its last day (README; the development corpus is split on months and years);
legal references are written as in the text, except that numbers like "36a/NQ-CP" and
"52-NQ/TW" are given as the symbol alone (README-allowed; score.py's key would otherwise
drop the symbol); "22 ngàn" is 22000 while
"45 tỷ đồng" is 45 with unit "tỷ đồng"; when a leader only "dự và chỉ đạo" and nobody is
said to preside, that leader is the chair. Not gold, on purpose: durations ("gần 5
tháng"), ordinals, labels ("Cụm thi đua số 2", "mô hình 4 lớp"), projections ("dự kiến
hoàn thành trong quý III"), start dates ("từ ngày 01/7/2016"), street names ("đường 27/4"),
the dates of older headlines and of cited documents, visit counters and bylines.
No PDF files are generated: a PDF that pypdf reads back as Vietnamese needs an embedded
font, which the standard library cannot write. Word files carry no portal stamp, so their
`publication_date` is null.
`notes` lists the article's kind, its furniture and noise, and the stage each project
mentioned is at (the same project advances across a province's articles over the years).
"""

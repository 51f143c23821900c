"""A folder of hostile and broken files: every input ends up in documents or in rejects, once."""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import duckdb
from docx import Document
from pypdf import PdfWriter

from loaders import build
from loaders.store import current_snapshot

SEEDS = Path(__file__).resolve().parents[2] / "data" / "raw"
ARTICLE = (SEEDS / "001_d1c47a49ba70be19.txt").read_text(encoding="utf-8")


def _blank_pdf() -> bytes:
    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _docx(text: str) -> bytes:
    d = Document()
    for para in text.split("\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _hostile_folder(raw: Path) -> dict[str, str | None]:
    """Write the files; return file (or file#row) -> expected reject reason (None = a document)."""
    raw.mkdir()
    shutil.copy(SEEDS / "000_9b8202ecd9c39563.txt", raw / "bài viết có dấu và khoảng trắng.txt")
    files: dict[str, str | None] = {"bài viết có dấu và khoảng trắng.txt": None}
    (raw / "..đáng ngờ..txt").write_text(ARTICLE, encoding="utf-8")
    files["..đáng ngờ..txt"] = None
    (raw / "empty.txt").write_bytes(b"")
    files["empty.txt"] = "empty"
    (raw / "blank.txt").write_bytes(b"  \n\t \n")
    files["blank.txt"] = "empty"
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    files["image.txt"] = "binary"
    (raw / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    files["broken.docx"] = "corrupt_docx"
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage without objects")
    files["broken.pdf"] = "corrupt_pdf"
    (raw / "scanned.pdf").write_bytes(_blank_pdf())
    files["scanned.pdf"] = "pdf_no_text"
    (raw / "huge.txt").write_text("Giao ban. " * 20_000, encoding="utf-8")
    files["huge.txt"] = "oversized"
    (raw / "program.exe").write_bytes(b"MZ\x90\x00")
    files["program.exe"] = "unsupported_type"
    (raw / "word.docx").write_bytes(_docx((SEEDS / "002_942f08b983cc1f0a.txt").read_text(encoding="utf-8")))
    files["word.docx"] = None
    (raw / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    files["copy.txt"] = "duplicate"
    lines = [json.dumps({"id": "dump-1", "url": "https://stttt.dongthap.gov.vn/a", "title": "Giao ban",
                         "published": "2021-03-02", "text": (SEEDS / "003_ffd8bc506afb7ea3.txt").read_text(encoding="utf-8")},
                        ensure_ascii=False),
             "{not json at all",
             json.dumps(["a", "list"]),
             json.dumps({"id": "dump-4", "title": "Không có nội dung"}, ensure_ascii=False),
             json.dumps({"id": "<script>alert(1)</script>", "text": "<img src=x onerror=alert(1)> Họp giao ban tháng 5 tại Sở TT&TT tỉnh Cà Mau, Giám đốc Sở Lê Văn Bình chủ trì."}, ensure_ascii=False)]
    (raw / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["dump.jsonl#1"] = None
    files["dump.jsonl#2"] = "malformed_row"
    files["dump.jsonl#3"] = "malformed_row"
    files["dump.jsonl#4"] = "malformed_row"
    files["dump.jsonl#5"] = None
    sub = raw / "thư mục con"
    sub.mkdir()
    (sub / "bài.html").write_text("<html><body><script>var x=1;</script><h1>Làm việc với Sở TT&amp;TT</h1>"
                                  "<p>Ngày 5/5/2015, Phó Chủ tịch UBND tỉnh Bến Tre Nguyễn Văn Hiếu làm việc với Sở.</p>"
                                  "</body></html>", encoding="utf-8")
    files["thư mục con/bài.html"] = None
    return files


def test_every_hostile_or_broken_file_appears_exactly_once_in_documents_or_rejects(tmp_path):
    raw = tmp_path / "raw"
    expected = _hostile_folder(raw)
    out = tmp_path / "out"
    build.build(raw, out, progress=False, workers=1, max_bytes=100_000)
    snap = current_snapshot(out)
    con = duckdb.connect()
    docs = con.execute("SELECT file, row FROM read_parquet(?)", [str(snap / "documents/*.parquet")]).fetchall()
    rejects = con.execute("SELECT file, row, reason, detail FROM read_parquet(?)",
                          [str(snap / "rejects/*.parquet")]).fetchall()

    def name(file, row):
        return f"{file}#{row}" if row else file

    seen = [name(f, r) for f, r in docs] + [name(f, r) for f, r, _, _ in rejects]
    assert sorted(seen) == sorted(expected)
    got = {name(f, r): None for f, r in docs} | {name(f, r): reason for f, r, reason, _ in rejects}
    assert got == expected
    for f, _, _, detail in rejects:
        assert f in detail  # the reason names the file
    # Nothing was written outside the output folder, whatever the names said.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "raw"]

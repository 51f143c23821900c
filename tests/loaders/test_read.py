"""Tests for the reading stage: every format from a file written into tmp_path."""
from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pytest

from loaders.models import REJECT_REASONS, Reject, SourceDoc
from loaders.read import SUPPORTED_EXTENSIONS, decode_bytes, discover, read_file

SENTENCE = "Sở Thông tin và Truyền thông tổ chức hội nghị giao ban quý I năm 2021 tại tỉnh Đắk Lắk."
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"  # beside the repository


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def cp1258(text: str) -> bytes:
    """Encode like Windows does: a toned vowel becomes its base letter plus a combining tone mark."""
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:  # e.g. "ộ": full NFD would also split "ô" into "o" + U+0302
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = nfc("".join(c for c in parts if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read_one(tmp_path: Path, name: str, data: bytes | str, **kwargs) -> SourceDoc | Reject:
    results = read_file(write(tmp_path, name, data), tmp_path, **kwargs)
    assert len(results) == 1
    return results[0]


def assert_rejected(result: SourceDoc | Reject, reason: str, name: str) -> None:
    assert isinstance(result, Reject), result
    assert result.reason == reason and reason in REJECT_REASONS
    assert name in result.detail


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose content stream shows `text` (ASCII) in Helvetica."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
         b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- text encodings

def test_windows_1258_text_is_detected_and_decoded(tmp_path):
    data = cp1258(SENTENCE)
    assert nfc(data.decode("cp1258")) == SENTENCE
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_one(tmp_path, "legacy.txt", data)
    assert isinstance(doc, SourceDoc)
    assert doc.encoding == "cp1258" and doc.fmt == "txt"
    assert nfc(doc.text) == SENTENCE


@pytest.mark.parametrize("text", ["Đà Nẵng", "Hội nghị giao ban"])
def test_short_windows_1258_text_is_not_left_to_a_statistical_guess(text):
    # charset-normalizer calls these cp1006 and cp1250; the Vietnamese-letter rule gets them right.
    decoded, codec = decode_bytes(cp1258(text))
    assert (nfc(decoded), codec) == (text, "cp1258")


def test_western_text_whose_accents_would_be_misplaced_tones_is_not_taken_for_windows_1258():
    # cp1252 "ò" is cp1258's combining dot below; after a consonant it cannot be Vietnamese.
    assert decode_bytes("Però è così.".encode("cp1252"))[1] != "cp1258"


def test_utf16_with_bom_is_decoded(tmp_path):
    doc = read_one(tmp_path, "wide.txt", SENTENCE.encode("utf-16"))
    assert doc.encoding == "utf-16"
    assert doc.text == SENTENCE


def test_utf16_without_bom_is_recognised_by_its_nul_pattern(tmp_path):
    doc = read_one(tmp_path, "wide.txt", SENTENCE.encode("utf-16-le"))
    assert doc.encoding == "utf-16-le"
    assert doc.text == SENTENCE


def test_utf8_with_bom_is_decoded_without_the_bom(tmp_path):
    doc = read_one(tmp_path, "bom.txt", b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    assert doc.encoding == "utf-8-sig"
    assert doc.text == SENTENCE


def test_nfd_utf8_text_is_decoded_but_not_normalised(tmp_path):
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    doc = read_one(tmp_path, "nfd.txt", decomposed.encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert doc.text == decomposed and nfc(doc.text) == SENTENCE


def test_text_file_records_identity_of_its_bytes(tmp_path):
    import hashlib

    data = SENTENCE.encode("utf-8")
    doc = read_one(tmp_path, "sub/dir/A01.txt", data)
    assert (doc.doc_id, doc.file, doc.size) == ("A01", "sub/dir/A01.txt", len(data))
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_html_markup_in_a_txt_file_stays_text(tmp_path):
    doc = read_one(tmp_path, "saved.txt", "<p>Giao ban</p><script>x()</script>")
    assert doc.fmt == "txt" and "<script>" in doc.text


def test_decode_bytes_raises_value_error_naming_the_reason():
    for data, reason in [(b"", "empty"), (b" \r\n\t", "empty"), (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary")]:
        with pytest.raises(ValueError, match=reason):
            decode_bytes(data)
    assert decode_bytes("Hà Nội".encode()) == ("Hà Nội", "utf-8")


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Giao ban quý I - Sở TT&amp;TT</title>
<link rel="canonical" href="https://stttt.example.gov.vn/tin/giao-ban.html">
<meta property="article:published_time" content="2021-04-02T08:00:00+07:00">
<script>var menuText = "SCRIPT TEXT";</script><style>.x{color:red}</style></head>
<body>
<nav class="menu"><ul><li>Trang chủ</li><li>Giới thiệu</li></ul></nav>
<div id="left-sidebar"><select><option>Liên kết website</option></select></div>
<div class="news-detail">
<h1>Giao ban quý I năm 2021</h1><div class="date">02/04/2021</div>
<p>Đồng chí <b>Nguyễn Văn A</b>, Giám đốc Sở chủ trì.
Hội nghị diễn ra tại Sở TT&amp;TT.</p>
<p>Đoạn thứ hai<br>dòng mới</p>
</div>
<footer>Bản quyền thuộc Sở TT&amp;TT</footer>
<script>document.write("SCRIPT TEXT")</script>
</body></html>"""


def test_html_keeps_the_article_and_drops_scripts_and_menus(tmp_path):
    doc = read_one(tmp_path, "page.html", PAGE)
    assert doc.fmt == "html" and doc.encoding == "utf-8"
    lines = doc.text.split("\n")
    assert lines[:2] == ["Giao ban quý I năm 2021", "02/04/2021"]
    # Inline <b> and a source line break inside <p> must not split the paragraph.
    assert "Đồng chí Nguyễn Văn A, Giám đốc Sở chủ trì. Hội nghị diễn ra tại Sở TT&TT." in lines
    assert lines[-2:] == ["Đoạn thứ hai", "dòng mới"]
    for junk in ("SCRIPT TEXT", "color:red", "Trang chủ", "Liên kết website", "Bản quyền"):
        assert junk not in doc.text
    assert doc.title == "Giao ban quý I - Sở TT&TT"
    assert doc.url == "https://stttt.example.gov.vn/tin/giao-ban.html"
    assert doc.published == "2021-04-02T08:00:00+07:00"
    assert "Bản quyền" in doc.meta["boilerplate"]


def test_html_keeps_a_headline_inside_an_article_header(tmp_path):
    page = ("<html><body><header><div class='logo'>CỔNG TTĐT</div></header><article>"
            "<header><h1>Tiêu đề bài</h1><time>01/02/2020</time></header><p>Nội dung bài viết.</p>"
            "<div class='share-tools'>Chia sẻ Facebook</div></article></body></html>")
    doc = read_one(tmp_path, "page.htm", page)
    assert doc.text.split("\n") == ["Tiêu đề bài", "01/02/2020", "Nội dung bài viết."]


def test_html_keeps_an_article_even_inside_a_junk_named_wrapper(tmp_path):
    page = ("<html><body><div class='related-wrap'><div class='detail'><h2>Tin chính</h2>"
            "<p>Nội dung ngắn.</p></div></div><footer>" + "Bản quyền. " * 50 + "</footer></body></html>")
    doc = read_one(tmp_path, "page.html", page)
    assert doc.text == "Tin chính\nNội dung ngắn."


def test_html_meta_charset_decodes_a_legacy_page(tmp_path):
    page = f'<html><head><meta charset="windows-1258"></head><body><p>{SENTENCE}</p></body></html>'
    doc = read_one(tmp_path, "legacy.html", cp1258(page))
    assert doc.encoding == "cp1258"
    assert nfc(doc.text) == SENTENCE


# ---------------------------------------------------------------- DOCX / PDF

def test_docx_paragraphs_and_table_cells_are_read(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Báo cáo giao ban"
    document.add_paragraph("Đoạn một.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Chỉ tiêu", "92%"
    document.add_paragraph("Đoạn hai.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_one(tmp_path, "report.docx", buffer.getvalue())
    assert doc.fmt == "docx" and doc.encoding is None
    assert doc.text == "Đoạn một.\nChỉ tiêu | 92%\nĐoạn hai."
    assert doc.title == "Báo cáo giao ban"


def test_pdf_text_layer_is_read(tmp_path):
    doc = read_one(tmp_path, "minutes.pdf", minimal_pdf("Giao ban thang 5 nam 2022"))
    assert doc.fmt == "pdf"
    assert "Giao ban thang 5 nam 2022" in doc.text


def test_pdf_without_text_is_rejected_as_pdf_no_text(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert_rejected(read_one(tmp_path, "scan.pdf", buffer.getvalue()), "pdf_no_text", "scan.pdf")


def test_corrupt_docx_is_rejected(tmp_path):
    result = read_one(tmp_path, "broken.docx", bytes(range(256)) * 4)
    assert_rejected(result, "corrupt_docx", "broken.docx")


def test_corrupt_pdf_is_rejected(tmp_path):
    result = read_one(tmp_path, "broken.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4)
    assert_rejected(result, "corrupt_pdf", "broken.pdf")


# ---------------------------------------------------------------- dumps

def test_jsonl_dump_gives_one_document_per_row_and_rejects_a_malformed_row(tmp_path):
    rows = [
        json.dumps({"ID": 17, "Link": "https://a.gov.vn/1", "headline": "Giao ban tháng 3/2020",
                    "pub_date": "2020-03-31", "content": "Sáng 30/3, Sở họp giao ban."}),
        "",
        "{not json",
        json.dumps({"title": "Hội nghị", "body": "Hội nghị tổng kết năm 2019."}, ensure_ascii=False),
        json.dumps({"title": "Chỉ có tiêu đề", "text": ""}),
    ]
    results = read_file(write(tmp_path, "dump.jsonl", "\n".join(rows) + "\n"), tmp_path)
    docs = [r for r in results if isinstance(r, SourceDoc)]
    rejects = [r for r in results if isinstance(r, Reject)]
    assert [(d.doc_id, d.row) for d in docs] == [("17", 1), ("dump#4", 4)]
    first = docs[0]
    assert (first.fmt, first.url, first.title, first.published) == (
        "jsonl", "https://a.gov.vn/1", "Giao ban tháng 3/2020", "2020-03-31")
    assert first.text == "Giao ban tháng 3/2020\n\nSáng 30/3, Sở họp giao ban."
    assert docs[1].text == "Hội nghị tổng kết năm 2019."  # already starts with its title
    assert first.size == len(rows[0].encode()) and first.sha256
    assert [(r.reason, r.row) for r in rejects] == [("malformed_row", 3), ("malformed_row", 5)]
    assert all("dump.jsonl" in r.detail and f"row {r.row}" in r.detail for r in rejects)


def test_csv_dump_with_semicolons_and_a_multiline_quoted_text(tmp_path):
    data = ('\ufeffid;Title;published_at;Text\n'
            'N1;Giao ban;2021-01-05;"Dòng một; vẫn trong ô.\nDòng hai ""trích dẫn""."\n'
            'N2;Không nội dung;2021-01-06;\n'
            ';;;Bài không id.\n')
    results = read_file(write(tmp_path, "export.csv", data), tmp_path)
    assert [(type(r).__name__, r.row) for r in results] == [
        ("SourceDoc", 1), ("Reject", 2), ("SourceDoc", 3)]
    first = results[0]
    assert (first.doc_id, first.fmt, first.title, first.published) == (
        "N1", "csv", "Giao ban", "2021-01-05")
    assert first.text == 'Giao ban\n\nDòng một; vẫn trong ô.\nDòng hai "trích dẫn".'
    assert_rejected(results[1], "malformed_row", "export.csv")
    assert results[2].doc_id == "export#3" and results[2].text == "Bài không id."


# ---------------------------------------------------------------- rejects

@pytest.mark.parametrize("data", [b"", b"  \r\n\n\t "], ids=["no bytes", "whitespace"])
def test_empty_file_is_rejected_as_empty(tmp_path, data):
    assert_rejected(read_one(tmp_path, "blank.txt", data), "empty", "blank.txt")


def test_binary_file_is_rejected_as_binary(tmp_path):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200 + bytes(range(256))
    assert_rejected(read_one(tmp_path, "photo.txt", data), "binary", "photo.txt")


def test_oversized_file_is_rejected_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", "x" * 2000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("content was read"))
    [result] = read_file(path, tmp_path, max_bytes=1000)
    assert_rejected(result, "oversized", "big.txt")
    assert result.size == 2000


def test_unsupported_extension_is_rejected(tmp_path):
    assert_rejected(read_one(tmp_path, "setup.exe", b"MZ\x90\x00"), "unsupported_type", "setup.exe")
    assert ".exe" not in SUPPORTED_EXTENSIONS


def test_discover_sorts_by_relative_path_keeps_hidden_files_and_skips_vcs_and_outside_links(tmp_path):
    raw = tmp_path / "raw"
    for name in ["b.txt", "a/z.html", "a/b/c.pdf", "A.txt", "notes.exe", ".hidden.txt",
                 ".git/config", "a/.cache/x.txt"]:
        write(raw, name, "x")
    write(tmp_path, "outside.txt", "secret")
    (raw / "link.txt").symlink_to(tmp_path / "outside.txt")
    (raw / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(raw).as_posix() for p in discover(raw)]
    # Hidden files are inputs too (nothing may vanish silently); .git is not an input.
    assert found == [".hidden.txt", "A.txt", "a/.cache/x.txt", "a/b/c.pdf", "a/z.html", "b.txt",
                     "notes.exe"]


# ---------------------------------------------------------------- real corpus

@pytest.mark.skipif(not (CORPUS / "docs").is_dir(), reason="shared corpus not present")
def test_every_corpus_file_is_read_and_every_gold_id_is_produced():
    raw = CORPUS / "docs"
    results = [r for path in discover(raw) for r in read_file(path, raw)]
    assert [r for r in results if isinstance(r, Reject)] == []
    docs = {d.doc_id: d for d in results}
    for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc = docs[gold["id"]]
        if doc.fmt == "txt":  # same text as decoding strictly with the annotated codec
            codec = gold["encoding"].split()[0]
            assert nfc(doc.text) == nfc((raw / gold["file"]).read_bytes().decode(codec)), gold["id"]
        quoted = [gold["chair_name"], *(p["name"] for p in gold["people"]),
                  *gold["legal_refs"], *gold["projects"]]
        for text in filter(None, quoted):
            assert nfc(text) in nfc(doc.text), (gold["id"], text)

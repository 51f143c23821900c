"""Reading stage: raw files (text, HTML, DOCX, PDF, JSONL/CSV dumps) to SourceDoc or Reject."""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
from pathlib import Path

from loaders.models import Reject, SourceDoc

SUPPORTED_EXTENSIONS: tuple[str, ...] = (".txt", ".html", ".htm", ".docx", ".pdf", ".jsonl", ".csv")

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0 except \t\n\v\f\r, DEL, C1
# Counted without a regex pass over the text where possible: in UTF-8 the C0 characters and
# DEL are single bytes that no other character's bytes contain (bytes.translate deletes them at
# C speed), and a C1 character is the two bytes C2 80-9F.
_C0_DEL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_C1 = re.compile(r"[\x80-\x9f]")
_BINARY_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20)])  # rb"[\x01-\x08\x0e-\x1f]"
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VN_LETTERS = re.compile(f"[ăâđêôơưĂÂĐÊÔƠƯ{_TONES}]")
_TONE_OFF_VOWEL = re.compile(f"(?<![aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ])[{_TONES}]")
_REASON_TEXT = {"empty": "the file is empty or only whitespace.",
                "binary": "the file is binary data, not text.",
                "undecodable": "the file is not valid text in any supported encoding."}


class _Unreadable(Exception):
    """A whole file fails for a known reason (one of REJECT_REASONS) with a plain explanation."""

    def __init__(self, reason: str, why: str) -> None:
        super().__init__(why)
        self.reason, self.why = reason, why


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(text: str) -> str:
    if not text.strip():
        raise ValueError("empty")
    if _controls(text) > 0.05 * len(text):
        raise ValueError("binary")
    return text


def _controls(text: str) -> int:
    """len(_CONTROL.findall(text))."""
    data = text.encode("utf-8", "surrogatepass")
    n = len(data) - len(data.translate(None, _C0_DEL_BYTES))
    if b"\xc2" in data:  # a C1 character may be there
        n += len(_C1.findall(text))
    return n


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    # Mostly-ASCII UTF-16 has a NUL in every other byte: at odd offsets (LE) or even ones (BE).
    half = len(data) // 2
    if half == 0 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    for nuls, clean, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls > 0.2 * half and clean < 0.01 * half:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Detect the encoding of text bytes; raise ValueError('binary'|'undecodable'|'empty')."""
    if not data.strip():
        raise ValueError("empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec)), codec
            except UnicodeDecodeError:
                raise ValueError("undecodable") from None
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise ValueError("binary")
        return _checked(found[0]), found[1]
    if len(data) - len(data.translate(None, _BINARY_BYTES)) > 0.05 * len(data):  # how many of them
        raise ValueError("binary")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1258 stores most tones as combining marks after the vowel (cleaning does NFC).
        # It shares most bytes with cp1252, so it wins only when it yields Vietnamese letters and
        # every tone mark sits on a vowel (a cp1252 "ò" decodes to a tone after a consonant).
        # Not charset-normalizer first: it calls short French or Italian cp1252 text cp1250.
        text = data.decode("cp1258")
        if _VN_LETTERS.search(text) and not _TONE_OFF_VOWEL.search(text):
            return _checked(text), "cp1258"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ValueError("undecodable")
    return _checked(str(best)), best.encoding


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "head", "select",
              "option", "input", "button", "textarea", "object", "embed"]
_JUNK_TAGS = "nav, header, footer, aside"
_JUNK_NAME = re.compile(r"menu|nav|sidebar|footer|breadcrumb|banner|portlet-header|share|comment"
                        r"|related|other-?news", re.IGNORECASE)
_MAIN = ("article, [itemprop=articleBody], main, .article-content, .news-content, .content-detail,"
         " #content, .detail, .news-detail, .post-content, .entry-content")
_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
          "table", "caption", "section", "article", "main", "header", "footer", "nav", "aside",
          "blockquote", "pre", "figure", "figcaption", "address", "hr", "form", "fieldset",
          "center", "body"}
_PUBLISHED = {"article:published_time", "datepublished", "pubdate", "date", "dc.date"}


def _decode_html(data: bytes) -> tuple[str, str]:
    found = _META_CHARSET.search(data[:4096])
    if found and b"\x00" not in data and not data.startswith(tuple(b for b, _ in _BOMS)):
        declared = found.group(1).decode("ascii").lower()
        # Valid UTF-8 beats a stale <meta>; like browsers, read "iso-8859-1" as windows-1252 and
        # ignore a "utf-16" label on NUL-free bytes (it would decode anything into CJK noise).
        declared = {"iso-8859-1": "cp1252", "latin1": "cp1252"}.get(declared, declared)
        for codec in ("utf-8",) + (() if declared.startswith(("utf-16", "utf-32")) else (declared,)):
            try:
                return _checked(data.decode(codec)), codecs.lookup(codec).name
            except (LookupError, UnicodeDecodeError):
                continue
    return decode_bytes(data)


_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def _visible_text(node) -> str:
    """Text with a line break at each block boundary; inline tags and source newlines join words."""
    out: list[str] = []
    stack: list = [node]  # nodes to visit, and None where a block closes (a line break)
    squash = _HTML_SPACE.sub
    while stack:
        cur = stack.pop()
        if cur is None:
            out.append("\n")
            continue
        tag = cur.tag  # a property that asks lexbor each time: read once
        if tag == "br":
            out.append("\n")
            continue
        if tag == "-text":
            out.append(squash(" ", cur.text_content or ""))
            continue
        if tag in ("td", "th"):
            out.append(" ")
        elif tag in _BLOCK:
            out.append("\n")
            stack.append(None)
        children = list(cur.iter(include_text=True))
        children.reverse()
        stack.extend(children)
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def _html_meta(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        found["title"] = " ".join(title.text().split())
    for link in tree.css("link[rel]"):
        if "canonical" in (link.attrs.get("rel") or "").lower().split() and link.attrs.get("href"):
            found.setdefault("url", link.attrs["href"].strip())
    for el in tree.css("meta, [itemprop]"):
        attrs = el.attrs
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = (attrs.get("content") or attrs.get("datetime") or "").strip()
        if key == "datepublished" and not value:
            value = el.text(strip=True)  # <span itemprop="datePublished">18/03/2022</span>
        slot = {"og:url": "url", "og:title": "title", "description": "description"}.get(
            key, "published" if key in _PUBLISHED else None)
        if slot and value:
            found.setdefault(slot, value)
    return found


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def _html_doc(data: bytes) -> tuple[str, str, dict[str, str]]:
    from selectolax.lexbor import LexborHTMLParser

    raw, codec = _decode_html(data)
    tree = LexborHTMLParser(raw)
    meta = _html_meta(tree)
    tree.strip_tags(_DROP_TAGS)  # <form> itself stays: ASP.NET pages wrap the whole body in one
    body = tree.body
    if body is None:
        raise ValueError("empty")
    # Never drop the article body or a headline (which often sits outside it, with the date), nor
    # a junk-named wrapper holding most of the page's text (<div class="page-with-sidebar">).
    mains = sorted(tree.css(_MAIN), key=lambda n: len(n.text()), reverse=True)[:1]
    keep = {a.mem_id for anchor in mains + tree.css("h1") for a in _ancestors(anchor)}
    half = len(body.text()) / 2
    drop = {n.mem_id: n for n in tree.css(_JUNK_TAGS) if n.mem_id not in keep}
    junk_name = _JUNK_NAME.search
    for n in body.traverse():
        attrs = n.attrs  # made anew by each access: read once
        name = f"{attrs.get('id') or ''} {attrs.get('class') or ''}"
        if junk_name(name) and n.mem_id not in keep and len(n.text()) <= half:
            drop[n.mem_id] = n
    # Collect everything before the first decompose(): a freed node must never be touched again.
    outer = [n for n in drop.values() if not any(a.mem_id in drop for a in _ancestors(n.parent))]
    removed = [_visible_text(n) for n in outer]
    for node in outer:
        node.decompose()
    if any(removed):
        # Some pages name the province only in a banner or footer: a weak signal for extraction.
        meta["boilerplate"] = "\n".join(r for r in removed if r)
    return _checked(_visible_text(body)), codec, meta


# Parsed XML parts of Word files, by their bytes. python-docx parses every styles, settings
# and numbering part of a package although text needs none of them, and most files carry the
# same large ones (styles.xml of Word's or python-docx's template: 350 KB, 8 ms to parse):
# a part seen before is not parsed again. Only parts that parsed are kept (a broken one
# raises as before), and nothing mutates them when a file is only read. This repeats the
# steps of python-docx's own docx.Document() with its internal classes, as of the version
# pinned in requirements.txt (1.2.0); tests/loaders/test_extract_speedups.py compares the
# two on Word files, so an upgrade that changes those internals fails there first.
_DOCX_PARTS: dict[bytes, object] = {}
_DOCX_PART_MIN = 16_384  # smaller parts parse in well under the cost of looking them up
_DOCX_PARTS_KEPT = 8


def _docx_part(partname, content_type: str, reltype: str, blob: bytes, package):
    """docx.opc.part.PartFactory, with the parse of a large XML part seen before reused."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory, XmlPart
    from docx.opc.shared import cls_method_fn
    from docx.oxml.parser import parse_xml

    part_cls = None
    if PartFactory.part_class_selector is not None:
        part_cls = cls_method_fn(PartFactory, "part_class_selector")(content_type, reltype)
    if part_cls is None:
        part_cls = PartFactory._part_cls_for(content_type)
    # XmlPart.load is parse_xml(blob), then the constructor: the same, with the parse kept.
    # The document itself is each file's own: not kept.
    if (len(blob) < _DOCX_PART_MIN or content_type == CT.WML_DOCUMENT_MAIN
            or getattr(part_cls.load, "__func__", None) is not XmlPart.load.__func__):
        return part_cls.load(partname, content_type, blob, package)
    element = _DOCX_PARTS.get(blob)
    if element is None:
        element = parse_xml(blob)
        if len(_DOCX_PARTS) >= _DOCX_PARTS_KEPT:
            _DOCX_PARTS.clear()  # bounded; clear() is one step, safe beside other threads
        _DOCX_PARTS[blob] = element
    return part_cls(partname, content_type, element, package)


def _open_docx(data: bytes):
    """docx.Document(io.BytesIO(data)) (docx.api.Document, step by step), with _docx_part."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.package import Unmarshaller
    from docx.opc.pkgreader import PackageReader
    from docx.package import Package

    stream = io.BytesIO(data)
    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(stream), package, _docx_part)
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        tmpl = "file '%s' is not a Word file, content type is '%s'"
        raise ValueError(tmpl % (stream, document_part.content_type))
    return document_part.document


def _docx_doc(data: bytes) -> tuple[str, str | None]:
    from docx.table import Table

    document = _open_docx(data)
    parts: list[str] = []
    for block in document.iter_inner_content():  # body order: paragraphs and tables interleaved
        if not isinstance(block, Table):
            parts.append(block.text)
            continue
        for row in block.rows:
            cells, seen = [], []
            for cell in row.cells:  # a merged cell repeats in every column it spans
                if not any(cell._tc is tc for tc in seen) and cell.text.strip():
                    cells.append(cell.text.strip())
                seen.append(cell._tc)
            parts.append(" | ".join(cells))
    return "\n".join(p for p in parts if p.strip()), document.core_properties.title or None


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("it is encrypted with a password")
    pages = [(page.extract_text() or "").strip() for page in reader.pages]
    return "\n\n".join(p for p in pages if p)


_COLUMNS = {"id": ("id",), "url": ("url", "link", "source_url"), "title": ("title", "headline"),
            "published": ("published", "date", "pub_date", "published_at", "publication_date"),
            "text": ("text", "content", "body")}


def _as_str(value: object) -> str:
    if isinstance(value, list):
        return "\n".join(_as_str(v) for v in value)
    return "" if value is None else str(value).strip()


def _row_doc(record: dict, raw: str, rel: str, stem: str, row: int, fmt: str, codec: str):
    fields = {str(k).strip().lower(): _as_str(v) for k, v in record.items()}
    got = {col: next((fields[s] for s in names if fields.get(s)), "") for col, names in _COLUMNS.items()}
    blob = raw.encode("utf-8")  # of the row's text, so the same row hashes alike in any codec
    if not got["text"]:
        return Reject(rel, "malformed_row", f"{rel}, row {row}: the row has no text/content/body "
                      "value.", row, _sha(blob), len(blob))
    text, title = got["text"], got["title"]
    # Titles often carry the only month/year, so extraction must see them in the text.
    if title and not " ".join(text.split()).startswith(" ".join(title.split())):
        text = f"{title}\n\n{text}"
    return SourceDoc(got["id"] or f"{stem}#{row}", rel, fmt, text, codec, _sha(blob), len(blob),
                     row, got["url"] or None, title or None, got["published"] or None)


def _jsonl_docs(text: str, rel: str, stem: str, codec: str) -> list[SourceDoc | Reject]:
    out: list[SourceDoc | Reject] = []
    # Split on "\n" only: str.splitlines() also splits on U+2028/U+0085 inside JSON strings.
    for row, line in enumerate(text.split("\n"), start=1):  # row = line number, blanks counted
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            record, problem = json.loads(line), "the row is not a JSON object"
        except (ValueError, RecursionError) as exc:
            why = f"{exc.msg}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else exc
            record, problem = None, f"the row is not valid JSON ({why})"
        if isinstance(record, dict):
            out.append(_row_doc(record, line, rel, stem, row, "jsonl", codec))
        else:
            blob = line.encode("utf-8")
            out.append(Reject(rel, "malformed_row", f"{rel}, row {row}: {problem}.", row,
                              _sha(blob), len(blob)))
    return out


def _csv_docs(text: str, rel: str, stem: str, codec: str, max_bytes: int) -> list[SourceDoc | Reject]:
    # Count candidate delimiters in the header line: Sniffer misjudges quoted multi-line bodies.
    delimiter = max(",;\t", key=text.lstrip("\r\n").split("\n", 1)[0].count)
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))  # article bodies exceed 128 KB
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next((r for r in reader if any(f.strip() for f in r)), [])]
    if not set(header) & set(_COLUMNS["text"]):
        raise _Unreadable("malformed_row", "the header has no text/content/body column.")
    out: list[SourceDoc | Reject] = []
    row = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row += 1
            out.append(Reject(rel, "malformed_row", f"{rel}, row {row}: {exc}.", row))
            continue
        if not any(f.strip() for f in fields):
            continue  # csv yields [] for blank lines
        row += 1
        buf = io.StringIO()
        csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerow(fields)
        raw = buf.getvalue().rstrip("\n")
        if any(f.strip() for f in fields[len(header):]):
            blob = raw.encode("utf-8")
            out.append(Reject(rel, "malformed_row", f"{rel}, row {row}: {len(fields)} fields but the"
                              f" header has {len(header)}.", row, _sha(blob), len(blob)))
        else:
            out.append(_row_doc(dict(zip(header, fields)), raw, rel, stem, row, "csv", codec))
    if not out:
        raise _Unreadable("empty", "the file has a header but no data rows.")
    return out


_VCS_DIRS = {".git", ".hg", ".svn"}


def discover(raw_dir: Path) -> list[Path]:
    """Every regular file under raw_dir (no symlinks out of it), by relative path.

    Hidden files are returned too ("..bài.txt" is still an article; ".DS_Store" is rejected
    as unsupported): nothing in the folder may vanish silently. Only version-control
    folders are skipped.
    """
    return [Path(path) for _, path, _ in scan(raw_dir)]


def scan(raw_dir: Path) -> list[tuple[str, str, os.stat_result]]:
    """discover() with each file's relative path (forward slashes), its path as a string and
    its os.stat result, from one directory walk (os.scandir: no second stat per file for a
    build to compare sizes and times with its manifest). Strings, not Paths: a build that
    reuses most files makes a Path of the few it reads (a Path per file costs more than the
    walk itself at 20,000 files)."""
    raw_dir = Path(raw_dir)
    root = raw_dir.resolve()
    found: list[tuple[str, Path, os.stat_result]] = []
    stack = [(str(raw_dir), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in _VCS_DIRS:
                    stack.append((entry.path, rel + "/"))
                continue
            try:
                if not entry.is_file():  # follows a symlink to its target
                    continue
                if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(root):
                    continue
                st = entry.stat()
            except OSError:
                continue
            found.append((rel, entry.path, st))
    found.sort(key=lambda f: f[0])
    return found


def _read_by_type(data: bytes, ext: str, rel: str, stem: str, max_bytes: int):
    if ext == ".docx":
        try:
            text, title = _docx_doc(data)
        except Exception as exc:  # python-docx raises many types on broken zips/XML
            raise _Unreadable("corrupt_docx", f"not a readable Word document ({exc}).") from exc
        if not text.strip():
            raise _Unreadable("empty", "the Word document contains no text.")
        return [SourceDoc(stem, rel, "docx", text, title=title)]
    if ext == ".pdf":
        try:
            text = _pdf_text(data)
        except Exception as exc:  # pypdf raises PdfReadError, KeyError... on damage
            raise _Unreadable("corrupt_pdf", f"not a readable PDF ({exc}).") from exc
        if not text.strip():
            raise _Unreadable("pdf_no_text", "the PDF has no text layer (a scan?); OCR is not done.")
        return [SourceDoc(stem, rel, "pdf", text)]
    if ext in (".html", ".htm"):
        text, codec, meta = _html_doc(data)
        return [SourceDoc(stem, rel, "html", text, codec, url=meta.pop("url", None),
                          title=meta.pop("title", None), published=meta.pop("published", None),
                          meta=meta)]
    text, codec = decode_bytes(data)
    if ext == ".jsonl":
        return _jsonl_docs(text, rel, stem, codec)
    if ext == ".csv":
        return _csv_docs(text, rel, stem, codec, max_bytes)
    return [SourceDoc(stem, rel, "txt", text, codec)]


def read_file(path: Path, raw_dir: Path, max_bytes: int = 20_000_000) -> list[SourceDoc | Reject]:
    """Read one file into documents (one per dump row) or rejects; never raises for bad input."""
    return read_file_hashed(path, raw_dir, max_bytes)[0]


def read_file_hashed(path: Path, raw_dir: Path, max_bytes: int = 20_000_000
                     ) -> tuple[list[SourceDoc | Reject], str | None]:
    """read_file, and the sha256 of the bytes it read (None when it did not read them: an
    unsupported type, an oversized or unreadable file), so a build reads each file once."""
    found: list[str] = []
    items = _read_file(Path(path), Path(raw_dir), max_bytes, found)
    return items, (found[0] if found else None)


def _relative(path: Path, raw_dir: Path) -> str:
    """path.relative_to(raw_dir).as_posix(), or path.as_posix() when it is not under raw_dir.
    A path object's str is normalised: a file found under the folder starts with the folder's
    str and a slash, and what follows is its relative path (pathlib compares parts: slower)."""
    p, r = str(path), str(raw_dir)
    if os.sep == "/" and r not in ("", ".", "/") and p.startswith(r) and p[len(r):len(r) + 1] == "/":
        return p[len(r) + 1:]
    try:
        return path.relative_to(raw_dir).as_posix()
    except ValueError:
        return path.as_posix()


def _read_file(path: Path, raw_dir: Path, max_bytes: int, found: list[str]
               ) -> list[SourceDoc | Reject]:
    rel = _relative(path, raw_dir)
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        return [Reject(rel, "unsupported_type", f"{rel}: files of type '{ext or 'none'}' are not "
                       f"read (supported: {', '.join(SUPPORTED_EXTENSIONS)}).")]
    try:
        size = path.stat().st_size
        if size > max_bytes:  # before reading: a stray disk image must not fill memory
            return [Reject(rel, "oversized", f"{rel}: {size:,} bytes is over the limit of "
                           f"{max_bytes:,} bytes.", size=size)]
        data = path.read_bytes()
    except OSError as exc:
        return [Reject(rel, "undecodable", f"{rel}: the file could not be read ({exc.strerror}).")]
    sha, size = _sha(data), len(data)
    found.append(sha)
    try:
        if not data.strip():
            raise ValueError("empty")
        results = _read_by_type(data, ext, rel, path.stem, max_bytes)
    except _Unreadable as exc:
        reason, why = exc.reason, exc.why
    except ValueError as exc:
        reason = str(exc) if str(exc) in _REASON_TEXT else "undecodable"
        why = _REASON_TEXT.get(str(exc)) or f"it could not be read ({exc})."
    except Exception as exc:  # noqa: BLE001 - a reader bug must cost one file, not the whole build
        reason, why = "undecodable", f"it could not be read ({type(exc).__name__}: {exc})."
    else:
        for doc in results:  # whole-file documents carry the file's identity; rows carry their own
            if isinstance(doc, SourceDoc) and doc.row is None:
                doc.sha256, doc.size = sha, size
        return results
    return [Reject(rel, reason, f"{rel}: {why}", sha256=sha, size=size)]

"""Records passed between pipeline stages: a source document read from bytes, and a reject."""
from __future__ import annotations

from dataclasses import dataclass, field

# Reasons a file or dump row is not turned into a document. The dashboard translates them.
REJECT_REASONS = (
    "empty",            # no bytes, or only whitespace after decoding
    "binary",           # bytes that are not text in any supported encoding (NULs, images...)
    "undecodable",      # looked like text but no encoding decodes it cleanly
    "corrupt_docx",     # .docx that python-docx cannot open
    "corrupt_pdf",      # .pdf that pypdf cannot open
    "pdf_no_text",      # a PDF with no text layer (scanned); OCR is out of scope
    "oversized",        # larger than the configured limit
    "malformed_row",    # a JSONL/CSV dump row that is not an object / lacks text
    "unsupported_type", # a file extension we do not read
    "duplicate",        # same cleaned content as another document already kept
)


@dataclass
class SourceDoc:
    """One article as read from a file or from one row of a crawler dump."""

    doc_id: str                 # file stem; for a dump row, its `id` column or "<stem>#<row>"
    file: str                   # path relative to the raw folder, with forward slashes
    fmt: str                    # txt | html | docx | pdf | jsonl | csv
    text: str                   # decoded text (not yet NFC-normalised or cleaned)
    encoding: str | None = None # codec detected for text files ("utf-8", "utf-16", "cp1258"...)
    sha256: str = ""            # of the file bytes; for a dump row, of the row's JSON/CSV text
    size: int = 0               # bytes of the file (or of the row)
    row: int | None = None      # 1-based row number inside a dump, else None
    url: str | None = None      # source URL when known (dump column, HTML canonical/og:url)
    title: str | None = None    # title when known separately from the text (dump, HTML <title>)
    published: str | None = None  # publication stamp as given by metadata (dump column, HTML meta)
    meta: dict = field(default_factory=dict)


@dataclass
class Reject:
    """An input that did not become a document, with a reason a person can act on."""

    file: str                   # path relative to the raw folder
    reason: str                 # one of REJECT_REASONS
    detail: str                 # human-readable explanation naming the file (English)
    row: int | None = None
    sha256: str = ""
    size: int = 0

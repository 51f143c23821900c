"""The Parquet tables a build writes: names, columns and types (the contract with queries/)."""
from __future__ import annotations

import pyarrow as pa

EXTRACTOR_VERSION = "0.1.0"

# Columns copied onto every child table so the dashboard filters without joins.
_CONTEXT = [
    ("doc_id", pa.string()),
    ("province", pa.string()),        # pre-2025 province (short name), null if unknown
    ("province_2025", pa.string()),   # post-merger province (34)
    ("year", pa.int16()),             # meeting year (publication year when unknown)
    ("meeting_date", pa.string()),    # ISO, or YYYY-MM / YYYY
]
_SPAN = [
    ("start", pa.int32()),            # character offsets into documents.text
    ("end", pa.int32()),
    ("rule", pa.string()),            # id of the rule that produced the value
]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()),
        ("file", pa.string()),            # path under the raw folder
        ("row", pa.int32()),              # row inside a crawler dump, else null
        ("fmt", pa.string()),             # txt | html | docx | pdf | jsonl | csv
        ("sha256", pa.string()),
        ("size", pa.int64()),
        ("encoding", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("byline", pa.string()),
        ("publication_date", pa.string()),
        ("is_meeting", pa.bool_()),
        ("text", pa.string()),            # cleaned text; every span points into it
        ("text_folded", pa.string()),     # accent-free lower-case copy for search
        ("chrome", pa.string()),          # page furniture removed from the text
        ("n_chars", pa.int32()),
        ("content_sha256", pa.string()),  # of the cleaned text: finds the same story twice
    ]),
    "meetings": pa.schema(_CONTEXT + [
        ("meeting_day", pa.date32()),     # meeting_date when it is a full date
        ("month", pa.int8()),
        ("meeting_type", pa.string()),    # giao_ban | lam_viec | so_ket_tong_ket | hoi_nghi_khac
        ("period", pa.string()),          # 2017-10, 2017-Q1, 2019-H1, 2012-9M, 2018
        ("chair_name", pa.string()),
        ("chair_title", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("file", pa.string()),
        ("publication_date", pa.string()),
        ("province_rule", pa.string()),
        ("province_start", pa.int32()),
        ("province_end", pa.int32()),
        ("date_rule", pa.string()),
        ("date_start", pa.int32()),
        ("date_end", pa.int32()),
        ("type_rule", pa.string()),
        ("chair_rule", pa.string()),
        ("chair_start", pa.int32()),
        ("chair_end", pa.int32()),
    ]),
    "people": pa.schema(_CONTEXT + [
        ("name", pa.string()),
        ("name_key", pa.string()),        # folded name: one person across tone spellings
        ("title", pa.string()),
        ("is_chair", pa.bool_()),
    ] + _SPAN),
    "projects": pa.schema(_CONTEXT + [
        ("name", pa.string()),            # as written
        ("project_key", pa.string()),     # normalised key: one project across meetings
        ("kind", pa.string()),            # du_an | de_an | ke_hoach | quy_hoach | he_thong | ...
        ("stage", pa.string()),           # proposed | submitted | approved | under_way | completed | null
    ] + _SPAN),
    "topics": pa.schema(_CONTEXT + [
        ("topic", pa.string()),           # e-government topic code
    ] + _SPAN),
    "deadlines": pa.schema(_CONTEXT + [
        ("text", pa.string()),
        ("due", pa.string()),             # resolved: ISO date, YYYY-MM or YYYY
        ("due_day", pa.date32()),         # last day the deadline allows
    ] + _SPAN),
    "legal_refs": pa.schema(_CONTEXT + [
        ("text", pa.string()),
        ("ref_key", pa.string()),         # normalised: 81/2017/tt-btc
        ("doc_type", pa.string()),        # Thông tư, Nghị định, Quyết định...
        ("number", pa.string()),
        ("ref_year", pa.int16()),
        ("issuer", pa.string()),          # symbol suffix: TT-BTC, QĐ-TTg...
    ] + _SPAN),
    "numbers": pa.schema(_CONTEXT + [
        ("text", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
    ] + _SPAN),
    "rejects": pa.schema([
        ("file", pa.string()),
        ("row", pa.int32()),
        ("reason", pa.string()),          # see loaders.models.REJECT_REASONS
        ("detail", pa.string()),
        ("sha256", pa.string()),
        ("size", pa.int64()),
        ("duplicate_of", pa.string()),    # for reason "duplicate": the doc_id that was kept
    ]),
    "manifest": pa.schema([
        ("file", pa.string()),            # every input file read, whatever became of it
        ("size", pa.int64()),
        ("mtime_ns", pa.int64()),
        ("sha256", pa.string()),
        ("extractor_version", pa.string()),
        ("n_documents", pa.int32()),
        ("n_rejects", pa.int32()),
    ]),
}

TABLES = tuple(SCHEMAS)

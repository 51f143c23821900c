"""Turn one extracted record into rows of every Parquet table (see loaders/schema.py)."""
from __future__ import annotations

import datetime as dt
import hashlib

from loaders.clean import Cleaned
from loaders.dates import due_last_day
from loaders.extract import Record
from loaders.hits import Hit
from loaders.models import Reject, SourceDoc
from loaders.people import person_key
from loaders.projects import project_key
from loaders.schema import EXTRACTOR_VERSION
from loaders.text import fold


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _span(h: Hit | None) -> tuple[int | None, int | None, str | None]:
    if h is None:
        return None, None, None
    if h.source != "text":
        return None, None, f"{h.rule}@{h.source}"
    return h.start, h.end, h.rule


def doc_key(file: str, row: int | None, content_sha256: str) -> int:
    """A signed 64-bit key of one version of one document: its place (file, row inside a
    dump), its cleaned text and the extractor that read it. Everything a search index row
    says of a meeting follows from these, so an index row with a key that no meeting has
    any more belongs to an old version (see search_shingles in loaders/schema.py)."""
    h = hashlib.blake2b(f"{EXTRACTOR_VERSION}\0{file}\0{row}\0{content_sha256}".encode(),
                        digest_size=8).digest()
    return int.from_bytes(h, "big", signed=True)


def tables_for(doc: SourceDoc, cleaned: Cleaned, rec: Record) -> dict[str, list[dict]]:
    pub = rec.publication_date.value if rec.publication_date else None
    content = hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest()
    key = doc_key(doc.file, doc.row, content)
    documents = [{
        "doc_id": doc.doc_id, "file": doc.file, "row": doc.row, "fmt": doc.fmt,
        "sha256": doc.sha256, "size": doc.size, "encoding": doc.encoding, "url": doc.url,
        "title": cleaned.title, "byline": cleaned.byline, "publication_date": pub,
        "is_meeting": rec.is_meeting, "text": cleaned.text, "text_folded": fold(cleaned.text),
        "chrome": cleaned.chrome, "n_chars": len(cleaned.text),
        "content_sha256": content, "doc_key": key,
    }]
    out: dict[str, list[dict]] = {"documents": documents}
    if not rec.is_meeting:
        return out
    md = rec.meeting_date.value if rec.meeting_date else None
    ctx = {"doc_id": doc.doc_id, "province": rec.province.value if rec.province else None,
           "province_2025": rec.province_2025, "year": rec.year, "meeting_date": md}
    ps, pe, pr = _span(rec.province)
    ds, de, dr = _span(rec.meeting_date)
    cs, ce, cr = _span(rec.chair)
    day = _day(md)
    out["meetings"] = [{
        **ctx, "meeting_day": day, "month": day.month if day else None,
        "meeting_type": rec.meeting_type.value, "period": rec.period.value if rec.period else None,
        "chair_name": rec.chair.value[0] if rec.chair else None,
        "chair_title": rec.chair.value[1] if rec.chair else None,
        "title": cleaned.title, "url": doc.url, "file": doc.file, "publication_date": pub,
        "province_rule": pr, "province_start": ps, "province_end": pe,
        "date_rule": dr, "date_start": ds, "date_end": de,
        "type_rule": rec.meeting_type.rule, "chair_rule": cr, "chair_start": cs, "chair_end": ce,
        "doc_key": key,
    }]
    chair_key = person_key(rec.chair.value[0]) if rec.chair else None
    out["people"] = [{**ctx, "name": h.value[0], "name_key": person_key(h.value[0]),
                      "title": h.value[1], "is_chair": person_key(h.value[0]) == chair_key,
                      "start": h.start, "end": h.end, "rule": h.rule} for h in rec.people]
    out["projects"] = [{**ctx, "name": h.value[0], "project_key": project_key(h.value[0]),
                        "kind": h.value[1], "stage": h.value[2], "start": h.start, "end": h.end,
                        "rule": h.rule} for h in rec.projects]
    out["topics"] = [{**ctx, "topic": h.value, "start": h.start, "end": h.end, "rule": h.rule}
                     for h in rec.topics]
    out["deadlines"] = [{**ctx, "text": h.extra["text"], "due": h.value,
                         "due_day": due_last_day(h.value), "start": h.start, "end": h.end,
                         "rule": h.rule} for h in rec.deadlines]
    # `text` is what the article says at the span, whatever normalisation the value went through.
    out["legal_refs"] = [{**ctx, "text": cleaned.text[h.start:h.end], "ref_key": h.value["key"],
                          "doc_type": h.value["type"], "number": h.value["number"],
                          "ref_year": int(h.value["year"]) if h.value["year"] else None,
                          "issuer": h.value["issuer"], "start": h.start, "end": h.end,
                          "rule": h.rule} for h in rec.legal_refs]
    out["numbers"] = [{**ctx, "text": cleaned.text[h.start:h.end], "value": h.value["value"],
                       "unit": h.value["unit"], "start": h.start, "end": h.end, "rule": h.rule}
                      for h in rec.numbers]
    return out


def reject_row(r: Reject) -> dict:
    return {"file": r.file, "row": r.row, "reason": r.reason, "detail": r.detail,
            "sha256": r.sha256, "size": r.size, "duplicate_of": None}


def duplicate_row(document: dict, kept_doc_id: str) -> dict:
    where = document["file"] + (f"#{document['row']}" if document["row"] else "")
    return {"file": document["file"], "row": document["row"], "reason": "duplicate",
            "detail": f"{where}: same article text as document {kept_doc_id}, kept once",
            "sha256": document["sha256"], "size": document["size"], "duplicate_of": kept_doc_id}

"""The Parquet tables a build writes: names, columns and types (the contract with queries/)."""
from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa

EXTRACTOR_VERSION = "0.2.1"
# The layout of the derived tables (DERIVED below). A snapshot written with another one is
# built again (loaders.build.needs_build): its base tables are reused as they are and only
# the derived tables are computed again, so a change here costs no extraction.
DERIVED_VERSION = "4"

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
        ("doc_key", pa.int64()),          # this version of this document (loaders.rows.doc_key)
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
        ("doc_key", pa.int64()),          # as in documents: joins the search index
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

# Physical order of each table's rows inside a Parquet part (loaders.store sorts every part it
# writes by these columns, bench/gen_tables.py writes its generated tables the same way), so
# DuckDB skips row groups by their min/max statistics. A table not named keeps arrival order.
#
# A meeting's rows are found by its context (province_2025, year, doc_id: known from the
# in-memory meeting_facts) in every child table, and a province's rows sit together for the
# province profile; meetings are ordered by date, so a page of the newest meetings (or any
# date range) reads a few row groups; documents are found by doc_id.
_BY_PLACE = ("province_2025", "year", "doc_id")
SORT_BY: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "meetings": ("meeting_date", "doc_id"),
    **{t: _BY_PLACE for t in ("people", "projects", "topics", "deadlines", "legal_refs",
                             "numbers")},
    "manifest": ("file",),
}

# Project stages in the order a project normally moves through them ("latest stage" breaks a
# tie in date by the most advanced one). queries.reference re-exports this tuple.
STAGES = ("proposed", "submitted", "approved", "under_way", "completed")

# ------------------------------------------------------------------ derived tables
# Small aggregates computed with DuckDB from a snapshot's own tables once the rows are
# written (loaders.derived.write_derived), so the dashboard answers counts from a few
# thousand rows instead of scanning millions. Each groups by the filter dimensions
# (province, province_2025, year, meeting_type) and `topic`: a row with topic NULL covers
# every meeting, a row with a topic code only the meetings that discussed it (the
# dashboard filters by one topic at a time). Grouping by the filter dimensions keeps every
# figure exact under any filter: each meeting falls in exactly one group per topic.

_DIMS = [
    ("province", pa.string()), ("province_2025", pa.string()), ("year", pa.int16()),
    ("meeting_type", pa.string()), ("topic", pa.string()),
]
COVERAGE = ("province", "meeting_date", "meeting_day", "publication_date", "meeting_type",
            "period", "chair_name", "chair_title", "people", "projects", "topics", "deadlines",
            "legal_refs", "numbers")
_CHILD = ("people", "projects", "topics", "deadlines", "legal_refs", "numbers")

DERIVED: dict[str, pa.Schema] = {
    "meeting_cube": pa.schema(_DIMS + [
        ("n", pa.int64()),                # meetings
        ("min_date", pa.string()),        # earliest / latest meeting_date
        ("max_date", pa.string()),
        ("first_date", pa.string()),      # earliest meeting_date, else year, as text
        ("first_doc", pa.string()),       # the meeting that first_date comes from
    ] + [(f"has_{c}", pa.int64()) for c in COVERAGE]),  # meetings where the field was found
    "project_cube": pa.schema(_DIMS[:4] + [("project_key", pa.string()), _DIMS[4]] + [
        ("mentions", pa.int64()),
        ("meetings", pa.int64()),         # distinct meetings mentioning it
        ("first_mention", pa.string()),
        ("latest_mention", pa.string()),
        ("name_date", pa.string()),       # coalesce(meeting_date, '') of the latest mention
        ("name", pa.string()),            # the name as written in the latest mention
        ("latest_doc", pa.string()),      # the meeting of the latest mention
        ("stage_date", pa.string()),      # the latest mention that reports a stage ...
        ("stage_rank", pa.int8()),        # ... the rank of that stage in STAGES (1-based) ...
        ("latest_stage", pa.string()),    # ... and the stage
    ]),
    "project_kind_cube": pa.schema(_DIMS[:4] + [("project_key", pa.string()), _DIMS[4]] + [
        ("kind", pa.string()),
        ("mentions", pa.int64()),         # mentions of the project with that kind word
    ]),
    "deadline_cube": pa.schema(_DIMS + [("n", pa.int64())]),
    # Search: for every word of a meeting's searchable text (the folded article, title and
    # chair, as queries.meetings searches them) with the next two words (a shingle), the
    # doc_keys of the meetings that have it: a posting list, sorted by key, a key once per
    # occurrence (removing repeats would cost the build a DISTINCT the search makes anyway).
    # Rows are sorted by shingle, so a phrase of up to three words is one range of rows, and
    # a row group is bounded in bytes (ROW_GROUP_BYTES), not rows: a lookup reads the lists
    # of its range and little else. Keys are those of one version of one document: an
    # incremental build keeps the parts as they are and adds parts for the new and changed
    # meetings; the keys of an old version then match no meeting (a search joins doc_key to
    # the meetings), until enough of them make the build rewrite the table (loaders.derived).
    "search_shingles": pa.schema([
        ("t1", pa.string()),              # the word; "_" first when "_" comes before it
        ("t2", pa.string()),              # the next word, "" at the end
        ("t3", pa.string()),              # the word after, "" at the end
        ("doc_keys", pa.list_(pa.int64())),
    ]),
    # One project's mentions with their meetings, sorted by project_key (a project's page).
    "project_mentions": pa.schema([
        ("project_key", pa.string()), ("meeting_date", pa.string()), ("stage", pa.string()),
        ("name", pa.string()), ("kind", pa.string()), ("province", pa.string()),
        ("province_2025", pa.string()), ("year", pa.int16()), ("doc_id", pa.string()),
        ("title", pa.string()), ("url", pa.string()), ("file", pa.string()),
        ("start", pa.int32()), ("end", pa.int32()),
        ("meeting_type", pa.string()),    # the meeting's (a layer's key: LAYER_KEY)
    ]),
    # Every deadline with its meeting's title, soonest first (the deadlines list reads the
    # first row groups only). due_day is the ISO date as text: it sorts the same way. The
    # meeting's type and topic codes are copied in, so the topic and type filters are
    # conditions on the row itself: a semi-join against the meetings would make DuckDB read
    # every row group before the top-N could skip any (46 against 12 ms at a million).
    "deadline_list": pa.schema([
        ("due_day", pa.string()), ("province", pa.string()), ("province_2025", pa.string()),
        ("year", pa.int16()), ("doc_id", pa.string()), ("text", pa.string()),
        ("due", pa.string()), ("meeting_date", pa.string()), ("title", pa.string()),
        ("start", pa.int32()), ("meeting_type", pa.string()),
        ("topics", pa.list_(pa.string())),
    ]),
    # The columns of the meetings list, sorted by place and date: a page of one province's
    # meetings (above all one page of search results in it, scattered over the years) reads
    # a row group or two of its range instead of every row group of the date-sorted meetings.
    "meeting_list": pa.schema([
        ("province_2025", pa.string()), ("province", pa.string()), ("year", pa.int16()),
        ("meeting_date", pa.string()), ("doc_id", pa.string()), ("meeting_type", pa.string()),
        ("chair_name", pa.string()), ("chair_title", pa.string()), ("title", pa.string()),
        ("url", pa.string()), ("file", pa.string()), ("publication_date", pa.string()),
    ]),
    # The officials named in each group's meetings (a province's leaders list): per person
    # (name_key), meetings and meetings chaired, first and last date, and the name and title
    # as last written (the latest mention's date with them, to choose across groups).
    "leader_cube": pa.schema(_DIMS + [
        ("name_key", pa.string()),
        ("meetings", pa.int64()),         # meetings that name the person
        ("chaired", pa.int64()),          # ... of which the person chaired
        ("first_date", pa.string()), ("last_date", pa.string()),
        ("name_day", pa.string()),        # coalesce(meeting_date, '') of the latest mention
        ("name", pa.string()),            # the name as written there
        ("title_day", pa.string()),       # the latest mention with a title, and the title
        ("title", pa.string()),
    ]),
    # Every extracted span of a meeting's child rows (people ... numbers) in one table sorted
    # by doc_key: a meeting's detail reads one row group instead of one per child table.
    # Keyed, and kept from build to build, like search_shingles (loaders.derived).
    "meeting_spans": pa.schema([
        ("doc_key", pa.int64()), ("start", pa.int32()), ("kind", pa.string()),
        ("end", pa.int32()), ("value", pa.string()), ("detail", pa.string()),
        ("rule", pa.string()),
    ]),
}

# Derived tables too large to hold in memory (about as many rows as their base tables): the
# dashboard reads them from Parquet, where their sort order makes a lookup read few row groups.
ON_DISK = ("search_shingles", "project_mentions", "deadline_list", "meeting_list",
           "meeting_spans", "leader_cube")
# Of those, the tables whose rows name a meeting by doc_key: an incremental build keeps their
# parts and adds one for the new and changed meetings (loaders.derived).
KEYED = ("search_shingles", "meeting_spans")

# Folding as queries.meetings searches: loaders.text.fold for the article (text_folded), and
# for titles and names DuckDB's strip_accents after đ/Đ (which it keeps) become d.
def fold_sql(expr: str) -> str:
    return f"lower(strip_accents(replace(replace(coalesce({expr}, ''), 'đ', 'd'), 'Đ', 'D')))"


# What a search reads for meeting m with its document d: one string, in this order.
SEARCH_HAYSTACK = (f"coalesce(d.text_folded, '') || ' ' || {fold_sql('m.title')}"
                   f" || ' ' || {fold_sql('m.chair_name')}")
# The words of the haystack (letters and digits). A search's first word must start at a word
# boundary (regex \b): "_" is a word character there, so a word right after "_" is kept with
# the "_" and never matches a first word; later words may follow any punctuation.
SEARCH_WORD = "_?[a-z0-9]+"
# Every shingle of every meeting: (t1, t2, t3, doc_key), one row per word, in no order.
SEARCH_SHINGLES = f"""
    WITH h AS (SELECT m.doc_key, regexp_extract_all({SEARCH_HAYSTACK}, '{SEARCH_WORD}') AS w
               FROM meetings m LEFT JOIN documents d USING (doc_id)),
    p AS (SELECT doc_key, w, unnest(range(1, len(w) + 1)) AS i FROM h)
    SELECT w[i] AS t1, coalesce(ltrim(w[i + 1], '_'), '') AS t2,
           coalesce(ltrim(w[i + 2], '_'), '') AS t3, doc_key
    FROM p"""


def shingle_postings(shingles: str) -> str:
    """search_shingles from a relation of (t1, t2, t3, doc_key) rows (SEARCH_SHINGLES)."""
    return f"""
        SELECT t1, t2, t3, list(doc_key ORDER BY doc_key) AS doc_keys
        FROM {shingles} GROUP BY t1, t2, t3 ORDER BY t1, t2, t3"""


# The aggregate tables among DERIVED: one row per group of meetings that share a province,
# province_2025, year and meeting type (and topic, project...). A group's figures depend on
# its meetings only, so an incremental build recomputes just the groups of the places,
# years and meeting types it changed (loaders.derived). The ORDER BY of each covers its
# whole group key, so both ways give the same rows in the same order.
CUBES = ("meeting_cube", "project_cube", "project_kind_cube", "deadline_cube", "leader_cube")
# The columns a layer is keyed by. With the meeting type in it, 1% of the 20,000 synthetic
# articles changed touch 5.5% of the meetings' groups instead of 16% by place and year.
LAYER_KEY = ("province", "province_2025", "year", "meeting_type")


# The cubes and the lists sorted for the dashboard carry each row's place, year and meeting
# type (LAYER_KEY: the group's, or its meeting's), so both are stored as layers: an
# incremental build writes only the rows of the groups it recomputed instead of re-encoding
# every kept row (at 20,000 articles these tables hold ~1.3 million rows, 2-3 s to write):
#   <table>/part-0.parquet        every row, as of the last whole computation;
#   <table>/gNNNN-0000.parquet    the rows of the keys the build of part generation NNNN
#                                 recomputed, which are listed in
#   cube_keys/gNNNN.parquet       (the LAYER_KEY columns).
# A row counts unless a later generation lists its key (layered_select). A build computes
# them whole again once they have MAX_CUBE_LAYERS layers (loaders.derived).
LAYERED = ("meeting_cube", "project_cube", "project_kind_cube", "deadline_cube", "leader_cube",
           "project_mentions", "deadline_list", "meeting_list")
CUBE_KEYS = "cube_keys"
# Each ORDER BY ends with every column a document's rows can differ by, so it is total and
# two builds of the same rows write the same bytes (with ties, DuckDB's threads chose).
_LIST_ORDER = {
    "project_mentions": ("ORDER BY project_key, meeting_date NULLS LAST, doc_id, start, "
                         '"end", stage, name, kind'),
    "deadline_list": "ORDER BY due_day NULLS LAST, province, doc_id, start, text, due",
    "meeting_list": "ORDER BY province_2025, meeting_date, doc_id",
}


def same_key(a: str, b: str) -> str:
    """SQL: rows `a` and `b` have the same LAYER_KEY (NULL-safe; an anti- or semi-join on
    the columns keeps DuckDB's row-group pruning and costs a few ms, where a string key
    built per row cost 30)."""
    return " AND ".join(f"{a}.{c} IS NOT DISTINCT FROM {b}.{c}" for c in LAYER_KEY)


_GENERATION = re.compile(r"^g(\d+)(?:-\d+)?\.parquet$")


def generation_of(part: Path) -> int:
    """The part generation in a part's name (gNNNN-NNNN.parquet, or a key file gNNNN.parquet);
    -1 for any other (part-0, a whole computation, is older than every generation)."""
    m = _GENERATION.match(part.name)
    return int(m.group(1)) if m else -1


def layer_order(table: str) -> str:
    """The ORDER BY of a layered table's rows (output column names)."""
    return _LIST_ORDER.get(table) or cube_order(table)


def layered_select(snapshot, table: str, ordered: bool = True) -> str:
    """SELECT of a derived table's current rows: of a layered table, the rows of each part
    whose key (LAYER_KEY) no later layer lists (in layer_order when `ordered`); else a plain
    read of its Parquet. Paths are our own (never user text).

    One SELECT per part: the newest part reads as it is, an older one skips the keys of the
    later key files (same_key)."""
    snapshot = Path(snapshot)
    parts = sorted((snapshot / table).glob("*.parquet"), key=generation_of)
    if table not in LAYERED or not any(generation_of(p) >= 0 for p in parts):
        return (f"SELECT * FROM read_parquet({sql_literal(snapshot / table / '*.parquet')}, "
                "union_by_name = true)")
    keys = sorted((snapshot / CUBE_KEYS).glob("g*.parquet"), key=generation_of)
    selects = []
    for part in parts:
        later = [sql_literal(k) for k in keys if generation_of(k) > generation_of(part)]
        sql = f"SELECT * FROM read_parquet({sql_literal(part)}) r"
        if later:
            sql += (f" WHERE NOT EXISTS (SELECT 1 FROM read_parquet([{', '.join(later)}]) o "
                    f"WHERE {same_key('o', 'r')})")
        selects.append(sql)
    union = " UNION ALL BY NAME ".join(selects)
    return f"SELECT * FROM ({union}) {layer_order(table)}" if ordered else union


# Rows an incremental build dropped without rewriting their parts (deletion lists): the
# build of part generation NNNN writes dropped/gNNNN.parquet, one row per document it
# dropped (a changed or deleted file's, with the file) and one per dropped file that had no
# document (doc_id null). A row of a part of generation p is dead when a list of a later
# generation names its key: its file for the tables keyed by file (KEYED_BY_FILE), else its
# doc_id. Both are unique among the live rows (loaders.build._unique_id), and a file's
# new rows always go to a part of the build that read it, so a list never names a live row
# of an older part. Rewriting a large part without a few rows cost more than the rest of
# an incremental build (documents, 12 MB of zstd text at 20,000 articles: ~0.4 s of CPU);
# loaders.build rewrites parts once they hold too many dead rows.
DROPPED = "dropped"
DROPPED_SCHEMA = pa.schema([("file", pa.string()), ("doc_id", pa.string())])
KEYED_BY_FILE = ("documents", "rejects", "manifest")


def drop_key(table: str) -> str:
    """The column a deletion list names a base table's rows by."""
    return "file" if table in KEYED_BY_FILE else "doc_id"


def dropped_lists(snapshot) -> list[Path]:
    """The deletion lists of a snapshot, oldest first."""
    return sorted((Path(snapshot) / DROPPED).glob("g*.parquet"), key=generation_of)


def live_select(snapshot, table: str, pattern: str = "*.parquet") -> str | None:
    """SELECT of a base table's live rows in the parts matching `pattern` (None when there
    is no such part): a plain read when no deletion list is newer than a part, else one
    SELECT per group of parts that the same lists apply to, each without the rows they
    name. Paths are our own (never user text)."""
    snapshot = Path(snapshot)
    parts = sorted((snapshot / table).glob(pattern), key=generation_of)
    if not parts:
        return None
    lists = dropped_lists(snapshot)
    if not lists or generation_of(parts[0]) >= generation_of(lists[-1]):
        return (f"SELECT * FROM read_parquet({sql_literal(snapshot / table / pattern)}, "
                "union_by_name = true)")
    key = drop_key(table)
    groups: dict[tuple[str, ...], list[str]] = {}
    for part in parts:
        later = tuple(sql_literal(d) for d in lists if generation_of(d) > generation_of(part))
        groups.setdefault(later, []).append(sql_literal(part))
    selects = []
    for later, files in groups.items():
        sql = f"SELECT * FROM read_parquet([{', '.join(files)}], union_by_name = true) r"
        if later:
            sql += (f" WHERE NOT EXISTS (SELECT 1 FROM read_parquet([{', '.join(later)}]) o "
                    f"WHERE o.{key} = r.{key})")
        selects.append(sql)
    return " UNION ALL BY NAME ".join(selects)


def cube_order(table: str) -> str:
    if table == "leader_cube":  # read on disk, by province: its rows sit together
        return "ORDER BY province_2025, topic NULLS FIRST, province, year, meeting_type, name_key"
    order = "ORDER BY topic NULLS FIRST, year, province, province_2025, meeting_type"
    return order + {"project_cube": ", project_key",
                    "project_kind_cube": ", project_key, kind"}.get(table, "")


def derived_sql(table: str) -> str:
    """DuckDB SELECT for a derived table over views named like the base tables.

    Ties are broken by doc_id or name so a rebuild of the same rows gives the same bytes.
    """
    dims = "province, province_2025, year, meeting_type"
    topics = "(SELECT DISTINCT doc_id, topic FROM topics WHERE topic IS NOT NULL)"
    order = cube_order(table) if table in CUBES else ""
    if table == "meeting_cube":
        flags = [f"{c} IS NOT NULL AS has_{c}" for c in COVERAGE if c not in _CHILD]
        flags += [f"doc_id IN (SELECT doc_id FROM {c}) AS has_{c}" for c in _CHILD]
        day = "coalesce(meeting_date, CAST(year AS VARCHAR))"
        return f"""
            WITH m AS (SELECT doc_id, {dims}, meeting_date, {", ".join(flags)} FROM meetings),
            r AS (SELECT m.*, NULL::VARCHAR AS topic FROM m
                  UNION ALL SELECT m.*, t.topic FROM m JOIN {topics} t USING (doc_id))
            SELECT {dims}, topic, count(*) AS n, min(meeting_date) AS min_date,
                   max(meeting_date) AS max_date, min({day}) AS first_date,
                   arg_min(doc_id, ({day}, doc_id)) AS first_doc,
                   {", ".join(f"CAST(count_if(has_{c}) AS BIGINT) AS has_{c}" for c in COVERAGE)}
            FROM r GROUP BY ALL {order}"""
    if table in ("project_cube", "project_kind_cube"):
        rank = "CASE stage " + " ".join(
            f"WHEN '{s}' THEN {i}" for i, s in enumerate(STAGES, start=1)) + " ELSE 0 END"
        # One row per meeting and project first (a meeting has one date, province and type),
        # so the cube counts meetings with count(*) and never holds doc_id sets.
        per_doc = f"""
            WITH k AS (SELECT p.doc_id, p.project_key, p.kind, count(*) AS mentions,
                              max(p.name) AS name,
                              max({rank}) FILTER (WHERE p.stage IS NOT NULL) AS stage_rank,
                              arg_max(p.stage, {rank}) FILTER (WHERE p.stage IS NOT NULL) AS stage
                       FROM projects p GROUP BY ALL),
            d AS (SELECT DISTINCT doc_id, province, province_2025, year, meeting_date
                  FROM projects),
            f AS (SELECT doc_id, meeting_type FROM meetings),
            t AS {topics}"""
        if table == "project_kind_cube":
            return f"""{per_doc},
            r AS (SELECT d.*, f.meeting_type, k.project_key, k.kind, k.mentions
                  FROM k JOIN d USING (doc_id) LEFT JOIN f USING (doc_id)),
            x AS (SELECT r.*, NULL::VARCHAR AS topic FROM r
                  UNION ALL SELECT r.*, t.topic FROM r JOIN t USING (doc_id))
            SELECT {dims}, project_key, topic, kind, sum(mentions)::BIGINT AS mentions
            FROM x WHERE kind IS NOT NULL GROUP BY ALL {order}"""
        return f"""{per_doc},
            m AS (SELECT doc_id, project_key, sum(mentions) AS mentions, max(name) AS name,
                         max(stage_rank) AS stage_rank,
                         arg_max(stage, stage_rank) AS stage
                  FROM k GROUP BY ALL),
            r AS (SELECT d.*, f.meeting_type, m.project_key, m.mentions, m.name, m.stage_rank,
                         m.stage, coalesce(d.meeting_date, '') AS day
                  FROM m JOIN d USING (doc_id) LEFT JOIN f USING (doc_id)),
            x AS (SELECT r.*, NULL::VARCHAR AS topic FROM r
                  UNION ALL SELECT r.*, t.topic FROM r JOIN t USING (doc_id))
            SELECT {dims}, project_key, topic, mentions, meetings, first_mention,
                   latest_mention, name_date, nk[strpos(nk, chr(1)) + 1:] AS name,
                   dk[strpos(dk, chr(1)) + 1:] AS latest_doc,
                   split_part(sk, chr(1), 1) AS stage_date,
                   CAST(split_part(sk, chr(1), 2) AS TINYINT) AS stage_rank,
                   sk[strpos(sk, chr(1)) + 3:] AS latest_stage
            FROM (
              -- The latest mention's name, meeting and stage as the max of one string each,
              -- day || chr(1) || value: ordered as (day, value) (a day is digits and "-",
              -- all above chr(1)), and 2-3x faster than arg_max over (day, value) structs.
              -- A stage's key carries its one-digit rank before it: (day, rank, stage).
              SELECT {dims}, project_key, topic, sum(mentions)::BIGINT AS mentions,
                     count(*) AS meetings, min(meeting_date) AS first_mention,
                     max(meeting_date) AS latest_mention, max(day) AS name_date,
                     max(day || chr(1) || name) AS nk, max(day || chr(1) || doc_id) AS dk,
                     max(day || chr(1) || CAST(stage_rank AS VARCHAR) || chr(1) || stage)
                       FILTER (WHERE stage IS NOT NULL) AS sk
              FROM x GROUP BY ALL) {order}"""
    if table == "deadline_cube":
        return f"""
            WITH d AS (SELECT d.doc_id, d.province, d.province_2025, d.year, f.meeting_type
                       FROM deadlines d LEFT JOIN (SELECT doc_id, meeting_type FROM meetings) f
                       USING (doc_id)),
            r AS (SELECT d.*, NULL::VARCHAR AS topic FROM d
                  UNION ALL SELECT d.*, t.topic FROM d JOIN {topics} t USING (doc_id))
            SELECT {dims}, topic, count(*) AS n FROM r GROUP BY ALL {order}"""
    if table == "leader_cube":
        # One row per meeting and person first (a person named twice in a meeting counts
        # once; a meeting has one place, year and type), then the groups.
        return f"""
            WITH p AS (SELECT p.doc_id, p.province, p.province_2025, p.year, f.meeting_type,
                              p.meeting_date, coalesce(p.meeting_date, '') AS day, p.name,
                              p.name_key, p.title, p.is_chair
                       FROM people p LEFT JOIN (SELECT doc_id, meeting_type FROM meetings) f
                       USING (doc_id) WHERE p.name_key IS NOT NULL),
            -- The name and title as last written: the max of day || chr(1) || value, as in
            -- project_cube (a NULL title makes a NULL key, skipped, as arg_max skips it).
            d AS (SELECT doc_id, province, province_2025, year, meeting_type, name_key,
                         min(meeting_date) AS first_date, max(meeting_date) AS last_date,
                         max(day) AS name_day, max(day || chr(1) || name) AS nk,
                         max(day) FILTER (WHERE title IS NOT NULL) AS title_day,
                         max(day || chr(1) || title) AS tk, bool_or(is_chair) AS chair
                  FROM p GROUP BY doc_id, province, province_2025, year, meeting_type, name_key),
            r AS (SELECT d.*, NULL::VARCHAR AS topic FROM d
                  UNION ALL SELECT d.*, t.topic FROM d JOIN {topics} t USING (doc_id))
            SELECT {dims}, topic, name_key, meetings, chaired, first_date, last_date, name_day,
                   nk[strpos(nk, chr(1)) + 1:] AS name, title_day,
                   tk[strpos(tk, chr(1)) + 1:] AS title
            FROM (SELECT {dims}, topic, name_key, count(*) AS meetings,
                         count_if(chair) AS chaired, min(first_date) AS first_date,
                         max(last_date) AS last_date, max(name_day) AS name_day,
                         max(nk) AS nk, max(title_day) AS title_day, max(tk) AS tk
                  FROM r GROUP BY {dims}, topic, name_key) {order}"""
    if table == "search_shingles":
        return shingle_postings(f"({SEARCH_SHINGLES})")
    if table == "project_mentions":
        return f"""
            SELECT p.project_key, p.meeting_date, p.stage, p.name, p.kind, p.province,
                   p.province_2025, p.year, p.doc_id, m.title, m.url, m.file, p.start, p."end",
                   m.meeting_type
            FROM projects p JOIN meetings m USING (doc_id)
            {_LIST_ORDER[table]}"""
    if table == "deadline_list":
        return f"""
            SELECT CAST(d.due_day AS VARCHAR) AS due_day, d.province, d.province_2025, d.year,
                   d.doc_id, d.text, d.due, d.meeting_date, m.title, d.start, m.meeting_type,
                   coalesce(t.topics, []) AS topics
            FROM deadlines d
            LEFT JOIN (SELECT doc_id, title, meeting_type FROM meetings) m USING (doc_id)
            LEFT JOIN (SELECT doc_id, list(DISTINCT topic ORDER BY topic) AS topics
                       FROM topics GROUP BY doc_id) t USING (doc_id)
            {_LIST_ORDER[table]}"""
    if table == "meeting_spans":
        # value and detail as the meeting's detail shows them (queries.meetings).
        shown = {"people": ("name", "title"),
                 "projects": ("name", "concat_ws(' · ', kind, stage)"),
                 "topics": ("topic", "NULL"), "deadlines": ("text", "due"),
                 "legal_refs": ("text", "ref_key"),
                 "numbers": ("text", "concat_ws(' ', CAST(value AS VARCHAR), unit)")}
        parts = " UNION ALL ".join(
            f"""SELECT doc_key, start, '{table}' AS kind, "end", {value} AS value,
                       {detail} AS detail, rule
                FROM {table} JOIN (SELECT doc_id, doc_key FROM meetings) USING (doc_id)"""
            for table, (value, detail) in shown.items())
        # Total (two topics found at one offset tie on the first three: 886 pairs of the
        # 308,813 rows at 20,000 articles, whose order changed from build to build).
        return f'SELECT * FROM ({parts}) ORDER BY doc_key, start, kind, "end", value, detail, rule'
    if table == "meeting_list":
        return f"""
            SELECT province_2025, province, year, meeting_date, doc_id, meeting_type, chair_name,
                   chair_title, title, url, file, publication_date
            FROM meetings {_LIST_ORDER[table]}"""
    raise KeyError(table)


# ------------------------------------------------------------------ row groups
# Rows per Parquet row group for a table, where it differs from loaders.store.ROW_GROUP.
# Looking one meeting up (queries.meetings.meeting_detail) reads the whole row group that
# holds its document and its meeting row, every column: smaller groups make that read
# cheaper (documents carry the article text). Every row group also costs each query a
# check of its statistics (about 15 us each, measured with DuckDB 2.0 at a million
# meetings), so the child tables, read by a province's rows, keep the default, and so do
# the spans: a meeting's dozen spans are found by doc_key in 7 ms among 180 groups of
# 100,000 rows, in 15-25 ms among 900 groups of 20,000.
# Of the derived tables (written with DERIVED_ROW_GROUP otherwise), the meetings list, whose
# page reads a province's few rows, has small groups: at a million meetings a province's
# page reads one or two groups of 20,000, not the 100,000 rows of a larger group. The
# deadlines list is read by a top-N on its sort key (due_day): DuckDB skips the groups past
# the N soonest only group by group, so smaller groups stop it sooner (12 against 36 ms
# for one topic's first 1,000 deadlines at a million meetings).
ROW_GROUP_ROWS: dict[str, int] = {"documents": 10_000, "meetings": 20_000,
                                  "meeting_list": 20_000, "deadline_list": 20_000}
DERIVED_ROW_GROUP = 100_000
# Tables whose rows vary too much in size for a row count: row groups bounded in bytes too
# (DuckDB's bound; its groups come out 2-4 times larger, and a group holds at least one row).
ROW_GROUP_BYTES: dict[str, str] = {"search_shingles": "256KB"}


# ------------------------------------------------------------------ SQL over these tables
def sql_literal(text: str) -> str:
    """A SQL string literal. Views and COPY targets cannot take parameters; what goes in is
    our own paths and names (never user text), and doubling quotes is SQL's only escape."""
    return "'" + str(text).replace("'", "''") + "'"


def duck_type(t: pa.DataType) -> str:
    """The DuckDB type of a column type used in SCHEMAS and DERIVED."""
    if pa.types.is_list(t):
        return duck_type(t.value_type) + "[]"
    return {pa.string(): "VARCHAR", pa.int8(): "TINYINT", pa.int16(): "SMALLINT",
            pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE",
            pa.bool_(): "BOOLEAN", pa.date32(): "DATE"}[t]


def empty_select(schema: pa.Schema) -> str:
    """A zero-row SELECT with the schema's columns (a table a build did not write)."""
    cols = ", ".join(f'CAST(NULL AS {duck_type(f.type)}) AS "{f.name}"' for f in schema)
    return f"SELECT {cols} WHERE false"

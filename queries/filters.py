"""The dashboard's filter set and the parameterised WHERE clause it becomes for each table."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from queries.reference import TOPICS

Boundary = Literal["63", "34"]
FACTS = "meeting_facts"  # in-memory: one row per meeting with its topics as a bit mask
# Aggregates grouped by the filter dimensions and topic (loaders.schema.DERIVED), in memory
# but for leader_cube (read from Parquet): rows with topic NULL cover all meetings, the
# others one topic each.
CUBES = ("meeting_cube", "project_cube", "project_kind_cube", "deadline_cube", "leader_cube")


@dataclass(frozen=True)
class Filters:
    """What every page shows: provinces, an inclusive year range, one topic, one meeting type.

    `provinces` holds pre-2025 names in boundary "63" and post-2025 names in boundary "34".
    An empty tuple or None means "no restriction".
    """

    provinces: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    boundary: Boundary = "63"
    topic: str | None = None
    meeting_type: str | None = None

    @property
    def province_column(self) -> str:
        """The column that holds "the province" in this boundary mode (never user text)."""
        return "province_2025" if self.boundary == "34" else "province"

    def with_provinces(self, provinces: tuple[str, ...]) -> Filters:
        return replace(self, provinces=tuple(provinces))

    def without_provinces(self) -> Filters:
        return replace(self, provinces=())


# Derived lists whose rows carry their meeting's type and topic codes (loaders.schema):
# filtered by their own columns, without a semi-join against the meetings.
_WITH_MEETING = ("deadline_list",)


def _topic_bit(topic: str) -> int:
    # An unknown code matches nothing (bit 0 of an empty mask), never raises.
    return 1 << TOPICS.index(topic) if topic in TOPICS else 0


def where(
    f: Filters, table: str, alias: str = "", *, provinces: bool = True,
    extra: tuple[str, ...] = (), per_topic: bool = False,
) -> tuple[str, list]:
    """`WHERE ...` and its parameters for a query over `table` (a view name, not user text).

    The topic filter keeps meetings that discussed the topic; the meeting-type filter keeps
    meetings of that type. On the meetings and child tables both become semi-joins on doc_id
    against meeting_facts, so a project counts when it was mentioned in a matching meeting.
    Child tables only hold rows of meetings (the loaders write none for other documents).
    `extra` adds conditions written by our own code (never user text). On a cube the rows
    of all meetings (topic NULL) are kept, or with `per_topic` the rows of every topic.
    """
    col = f"{alias}." if alias else ""
    clauses: list[str] = list(extra)
    params: list = []
    if provinces and f.provinces:
        clauses.append(f"list_contains(?, {col}{f.province_column})")
        params.append(list(f.provinces))
    if f.year_from is not None:
        clauses.append(f"{col}year >= ?")
        params.append(int(f.year_from))
    if f.year_to is not None:
        clauses.append(f"{col}year <= ?")
        params.append(int(f.year_to))
    if table in CUBES:
        clauses.append(f"{col}topic = ?" if f.topic else
                       f"{col}topic IS {'NOT ' if per_topic else ''}NULL")
        if f.topic:
            params.append(f.topic)
    elif f.topic:
        if table in _WITH_MEETING:
            clauses.append(f"list_contains({col}topics, ?)")
        elif table == FACTS:
            clauses.append(f"({col}topics & ?) != 0")
        elif table == "topics":
            clauses.append(f"{col}topic = ?")
        else:
            clauses.append(f"{col}doc_id IN (SELECT doc_id FROM {FACTS} WHERE (topics & ?) != 0)")
        params.append(f.topic if table in ("topics", *_WITH_MEETING) else _topic_bit(f.topic))
    if f.meeting_type:
        if table in ("meetings", FACTS, *CUBES, *_WITH_MEETING):
            clauses.append(f"{col}meeting_type = ?")
        else:
            clauses.append(f"{col}doc_id IN (SELECT doc_id FROM {FACTS} WHERE meeting_type = ?)")
        params.append(f.meeting_type)
    sql = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return sql, params


def stored_places(con, f: Filters, alias: str = "") -> tuple[tuple[str, ...], list]:
    """A condition on the stored `province_2025` implied by the province filter, and its
    parameters, for queries over Parquet tables sorted by province_2025 (loaders.schema.SORT_BY).

    The views rewrite `province` (a new name read as its predecessor), so DuckDB cannot skip
    row groups by a condition on it; province_2025 is stored as written, and a plain IN list
    of values is a condition DuckDB checks against each row group's min/max. The condition
    only narrows what `where` already selects. `con` holds province_places (queries.connection).
    """
    if not f.provinces:
        return (), []
    col = f"{alias}.province_2025" if alias else "province_2025"
    if f.boundary == "34":
        values = list(dict.fromkeys(f.provinces))
    else:
        rows = con.execute("SELECT DISTINCT province_2025 FROM province_places "
                           "WHERE list_contains(?, province)", [list(f.provinces)]).fetchall()
        values = [r[0] for r in rows]
    known = sorted(v for v in values if v is not None)
    parts = [f"{col} IN ({', '.join('?' * len(known))})"] if known else []
    if len(known) < len(values):
        parts.append(f"{col} IS NULL")
    if not parts:
        return ("false",), []  # no meeting in these provinces
    return ("(" + " OR ".join(parts) + ")" if len(parts) > 1 else parts[0],), known

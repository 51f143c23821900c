"""Pure DuckDB queries over the published Parquet snapshot: connection + Filters in, DataFrame out."""
from queries.connection import Snapshot, SnapshotMissing, connect, current_snapshot
from queries.filters import Filters

__all__ = ["Filters", "Snapshot", "SnapshotMissing", "connect", "current_snapshot"]

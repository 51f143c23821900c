"""The README stays true: every column of every table is documented, and the two commands are there."""
from __future__ import annotations

import re
from pathlib import Path

from loaders.schema import SCHEMAS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_table_and_column_is_documented_in_the_readme():
    for table, schema in SCHEMAS.items():
        assert f"**{table}**" in README, table
        section = README.split(f"**{table}**", 1)[1].split("\n**", 1)[0]
        for column in schema.names:
            if column in ("province", "province_2025", "year", "meeting_date", "doc_id", "start", "end", "rule") \
                    and table not in ("documents", "meetings"):
                continue  # the shared context and provenance columns, described once above
            assert re.search(rf"`{column}`", section), f"{table}.{column} is not in the README"


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1].strip()
    assert command in README
    assert "streamlit run dashboard.py" in README

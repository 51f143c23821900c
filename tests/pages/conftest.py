"""AppTest on the fixture dataset: the app reads it through ICTDASH_DATA, never data/parquet."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

# .streamlit/config.toml hides error details from officials; a failing test should show them.
os.environ.setdefault("STREAMLIT_CLIENT_SHOW_ERROR_DETAILS", "full")

import pytest  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, dataset: Path, tmp_path: Path) -> Callable[..., AppTest]:
    """make(page=None, **params): the dashboard opened with these query parameters, on the
    default page or on `page` (a file stem under pages/, e.g. "meetings")."""
    monkeypatch.setenv("ICTDASH_DATA", str(dataset))
    monkeypatch.delenv("ICTDASH_RAW", raising=False)
    monkeypatch.setenv("ICTDASH_ACCURACY", str(tmp_path / "no-accuracy.json"))
    # Page errors must fail tests, not turn into the friendly message.
    monkeypatch.setenv("ICTDASH_STRICT", "1")

    def make(page: str | None = None, **params: str | list[str]) -> AppTest:
        at = AppTest.from_file(DASHBOARD, default_timeout=30)
        if page:
            # AppTest starts on the default page; the link's parameters arrive with the
            # switch, as when a person opens /meetings?doc=... directly.
            at.run()
            at.switch_page(f"pages/{page}.py")
        for name, value in params.items():
            at.query_params[name] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return make


def texts(at: AppTest) -> str:
    """Everything a person reads on the page (titles, text, captions, metrics, alerts, tables)."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    for df in at.dataframe:
        parts.append(df.value.to_csv(index=False))
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}

"""Who may upload: an OIDC login (st.login) when secrets have [auth], else a shared password.

Secrets (see .streamlit/secrets.toml.example):
  [auth] ...                 -> st.login; only e-mails in [ictdash] upload_emails may upload
  [ictdash] upload_password  -> a password form (or env ICTDASH_UPLOAD_PASSWORD)
Neither -> nobody may upload; the page says how to enable it.
"""
from __future__ import annotations

import hmac
import os
import threading
import time
from typing import Any, Literal

import streamlit as st

PASSWORD_ENV = "ICTDASH_UPLOAD_PASSWORD"
MAX_FAILURES = 5          # wrong passwords per session before a pause
LOCK_SECONDS = 60
GLOBAL_FAILURES = 30      # wrong passwords per minute across all sessions (many tabs)
_AUTHED = "_upload_authorised"
_FAILS = "_upload_failures"
_LOCKED = "_upload_locked_until"

Mode = Literal["oidc", "password", "none"]


def _secrets() -> dict[str, Any]:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # noqa: BLE001 - no secrets.toml at all is the common case
        return {}


def _settings() -> dict[str, Any]:
    section = _secrets().get("ictdash") or {}
    return dict(section) if hasattr(section, "keys") else {}


def mode() -> Mode:
    if _secrets().get("auth"):
        return "oidc"
    return "password" if _password() else "none"


def _password() -> str:
    value = _settings().get("upload_password") or os.environ.get(PASSWORD_ENV) or ""
    return value if isinstance(value, str) else ""


def allowed_emails() -> set[str]:
    value = _settings().get("upload_emails") or []
    if isinstance(value, str):
        value = [value]
    return {str(v).strip().lower() for v in value if str(v).strip()}


def current_user() -> str:
    """Who uploads, for the record: the OIDC e-mail, or "password" for the shared password."""
    if mode() == "oidc":
        return str(getattr(st.user, "email", "") or "")
    return "password"


def oidc_allowed() -> bool:
    if not getattr(st.user, "is_logged_in", False):
        return False
    if getattr(st.user, "email_verified", True) is False:
        return False
    email = str(getattr(st.user, "email", "") or "").strip().lower()
    return bool(email) and email in allowed_emails()


def is_authorised() -> bool:
    m = mode()
    if m == "oidc":
        return oidc_allowed()
    if m == "password":
        return bool(st.session_state.get(_AUTHED))
    return False


@st.cache_resource(show_spinner=False)
def _global_failures() -> dict:
    return {"lock": threading.Lock(), "times": []}


def _too_many_globally(now: float) -> bool:
    g = _global_failures()
    with g["lock"]:
        g["times"] = [t for t in g["times"] if now - t < 60]
        return len(g["times"]) >= GLOBAL_FAILURES


def _count_failure(now: float) -> None:
    g = _global_failures()
    with g["lock"]:
        g["times"].append(now)
    fails = st.session_state.get(_FAILS, 0) + 1
    st.session_state[_FAILS] = fails
    if fails >= MAX_FAILURES:
        st.session_state[_LOCKED] = now + LOCK_SECONDS
        st.session_state[_FAILS] = 0


def locked_for() -> int:
    """Seconds until this session may try a password again (0: now)."""
    left = st.session_state.get(_LOCKED, 0) - time.time()
    return max(0, int(left + 0.999))


def check_password(given: str) -> Literal["ok", "wrong", "locked"]:
    """Compare in constant time; count failures per session and per server."""
    now = time.time()
    secret = _password()
    if not secret:
        return "wrong"
    if locked_for() or _too_many_globally(now):
        return "locked"
    if hmac.compare_digest((given or "").encode("utf-8"), secret.encode("utf-8")):
        st.session_state[_AUTHED] = True
        st.session_state[_FAILS] = 0
        return "ok"
    _count_failure(now)
    return "wrong"


def sign_out() -> None:
    st.session_state.pop(_AUTHED, None)

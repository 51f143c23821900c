"""Cập nhật dữ liệu: authorised staff upload articles; the same ingest runs; added and rejected shown."""
from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.logger import get_logger

from ui import auth
from ui import upload as up
from ui.data import _build_lock, data_root, raw_dir, should_build
from ui.i18n import col, label, t
from ui.nav import run_page

_RESULT = "_upload_result"
_log = get_logger("ictdash")


def reason(code: str) -> str:
    own = {"too_many_files": t("update.reason.too_many_files"),
           "batch_too_large": t("update.reason.batch_too_large"),
           "already_uploaded": t("update.reason.already_uploaded")}
    return own.get(code) or label("reject", code)


def _oidc_gate() -> bool:
    if not getattr(st.user, "is_logged_in", False):
        st.caption(t("update.login.help"))
        st.button(t("update.login"), on_click=st.login, icon=":material/login:")
        return False
    st.button(t("update.logout"), on_click=st.logout, icon=":material/logout:")
    if not auth.oidc_allowed():
        st.warning(t("update.not_allowed", email=f"`{auth.current_user().replace('`', '')}`"))
        return False
    st.caption(t("update.signed_in", who=f"`{auth.current_user().replace('`', '')}`"))
    return True


def _password_gate() -> bool:
    if auth.is_authorised():
        st.button(t("update.logout"), on_click=auth.sign_out, icon=":material/logout:")
        return True
    st.caption(t("update.login.help"))
    with st.form("upload-password", clear_on_submit=True):
        given = st.text_input(t("update.password"), type="password", key="upload-password-input")
        sent = st.form_submit_button(t("update.password.submit"))
    if sent:
        outcome = auth.check_password(given)
        if outcome == "ok":
            st.rerun()
        if outcome == "wrong":
            st.error(t("update.password.wrong"))
        if outcome == "locked" or auth.locked_for():
            st.warning(t("update.password.locked", s=max(auth.locked_for(), 1)))
    elif auth.locked_for():
        st.warning(t("update.password.locked", s=auth.locked_for()))
    return False


def _run(files: list) -> None:
    if not auth.is_authorised():  # checked again at the moment of writing
        return
    lock = _build_lock(str(raw_dir()), str(data_root()))["lock"]
    if not lock.acquire(blocking=False):
        st.warning(t("update.busy"))
        return
    try:
        with st.spinner(t("update.running")):
            result = up.ingest([(f.name, f.getvalue()) for f in files], raw_dir(), data_root(),
                               auth.current_user())
            # Kept before the next Streamlit call: a rerun requested meanwhile (another click)
            # interrupts the script at that call, and the files are already ingested.
            st.cache_data.clear()   # the snapshot key changed too; nothing stale may linger
            st.session_state[_RESULT] = result
    except up.BuildLocked:
        st.warning(t("update.locked_elsewhere"))
        return
    except up.BuildFailed as exc:
        _log.exception("upload build failed")
        st.error(t("update.failed") + " " + t("update.failed.moved", folder=up.QUARANTINE,
                                             n=len(exc.quarantined)))
        return
    except Exception:  # noqa: BLE001 - the old snapshot stays; the page says so
        _log.exception("upload failed")
        st.error(t("update.failed"))
        return
    finally:
        lock.release()


def _show(result: up.Result) -> None:
    if result.added:
        st.success(t("update.done"))
    st.subheader(t("update.added", n=len(result.added)))
    if result.added:
        st.dataframe(pd.DataFrame({
            t("update.col.name"): [a.name for a in result.added],
            col("title"): [a.title for a in result.added],
            col("province"): [a.province for a in result.added],
            col("meeting_date"): [a.meeting_date for a in result.added],
            col("meeting_type"): [label("type", a.meeting_type) if a.meeting_type else None
                                  for a in result.added],
            t("update.col.is_meeting"): [t("update.yes") if a.is_meeting else t("update.no")
                                         for a in result.added],
            col("doc_id"): [a.doc_id for a in result.added],
        }), hide_index=True, key="upload-added")
    else:
        st.info(t("update.added.none"))
    if result.rejected:
        st.subheader(t("update.rejected", n=len(result.rejected)))
        st.dataframe(pd.DataFrame({
            t("update.col.name"): [r.name for r in result.rejected],
            col("row"): [r.row for r in result.rejected],
            col("reason"): [reason(r.reason) for r in result.rejected],
        }), hide_index=True, key="upload-rejected")
    if result.quarantined:
        st.caption(t("update.quarantined", n=len(result.quarantined),
                     folder=f"`{up.QUARANTINE}`"))


def render() -> None:
    st.title(t("nav.update"))
    st.caption(t("update.intro"))
    if not should_build():
        st.info(t("update.no_raw"))
        return
    m = auth.mode()
    if m == "none":
        st.warning(t("update.disabled"))
        return
    if not (_oidc_gate() if m == "oidc" else _password_gate()):
        return
    # A form, not a plain button: its submit button stays disabled while a chosen file is
    # still uploading, and the files reach the script together with the click. With a plain
    # button, a click before the upload finished ran with no files, and the rerun that
    # followed the upload (without the click) hid even that.
    with st.form("upload-form", clear_on_submit=True, border=False):
        files = st.file_uploader(
            t("update.files"), type=sorted(e.lstrip(".") for e in up.EXTENSIONS),
            accept_multiple_files=True, key="upload-files",
            help=t("update.limits", files=up.MAX_FILES, file_mb=up.MAX_FILE_BYTES // up.MB,
                   batch_mb=up.MAX_BATCH_BYTES // up.MB))
        st.caption(t("update.limits", files=up.MAX_FILES, file_mb=up.MAX_FILE_BYTES // up.MB,
                     batch_mb=up.MAX_BATCH_BYTES // up.MB))
        sent = st.form_submit_button(t("update.submit"), type="primary",
                                     icon=":material/upload:", key="upload-submit")
    if sent:
        if files:
            _run(files)
        else:
            st.info(t("update.none"))
    if st.session_state.get(_RESULT) is not None:
        _show(st.session_state[_RESULT])


run_page(render)

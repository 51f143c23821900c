"""Cập nhật dữ liệu: uploads only for authorised staff; an upload is ingested and shows up.

Every test works on a temporary raw folder and dataset (copies), never on data/raw.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import DASHBOARD, texts
from ui import upload as up

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "đúng-mật-khẩu-2026"
ARTICLE = (
    "Sở Thông tin và Truyền thông Quảng Ninh giao ban tháng 3/2024\n\n"
    "Ngày 12/3/2024, Sở Thông tin và Truyền thông tỉnh Quảng Ninh tổ chức giao ban tháng 3. "
    "Ông Trần Văn Bình, Giám đốc Sở Thông tin và Truyền thông, chủ trì. Sở đề nghị đẩy mạnh "
    "chuyển đổi số và dịch vụ công trực tuyến mức độ 4."
).encode()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/raw and the dataset built from it, once; tests copy this pair."""
    from loaders.build import build

    base = tmp_path_factory.mktemp("upload-base")
    shutil.copytree(ROOT / "data" / "raw", base / "raw")
    build(base / "raw", base / "data", progress=False, workers=1)
    return base


@pytest.fixture
def place(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(built / "raw", tmp_path / "raw")
    shutil.copytree(built / "data", tmp_path / "data")
    monkeypatch.setenv("ICTDASH_RAW", str(tmp_path / "raw"))
    monkeypatch.setenv("ICTDASH_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("ICTDASH_ACCURACY", str(tmp_path / "no-accuracy.json"))
    monkeypatch.setenv("ICTDASH_STRICT", "1")
    monkeypatch.delenv("ICTDASH_UPLOAD_PASSWORD", raising=False)
    return tmp_path


def _open(secrets: dict | None = None, user: dict | None = None, lang: str | None = None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    if secrets:
        for name, section in secrets.items():
            at.secrets[name] = section
    if user is not None:
        at.user = user
    at.run()
    at.switch_page("pages/update.py")
    if lang:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="upload-password-input").input(password)
    at.button[0].click()  # the form's submit button
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _uploader(at: AppTest):
    return [u for u in at.file_uploader]


def _upload(at: AppTest, files: list[tuple[str, bytes, str]]) -> AppTest:
    """Choose files and press the button in one go: the uploader sits in a form, so (as in a
    browser) the chosen files reach the script only with the form's submit."""
    _uploader(at)[0].set_value(files)
    at.button(key="upload-submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest, column: str):
    """The result table that has `column` (AppTest does not expose a dataframe's key)."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def _raw_files(place: Path) -> set[str]:
    return {p.relative_to(place / "raw").as_posix() for p in (place / "raw").rglob("*") if p.is_file()}


# Authorisation ------------------------------------------------------------------------------

def test_without_any_authorisation_configured_the_page_says_how_and_accepts_nothing(place) -> None:
    at = _open()
    assert at.title[0].value == "Cập nhật dữ liệu"
    assert not _uploader(at)
    shown = texts(at)
    assert "secrets.toml" in shown and "upload_password" in shown and "[auth]" in shown
    assert "Update data" == _open(lang="en").title[0].value


def test_a_copied_dataset_without_a_raw_folder_accepts_no_uploads(place, monkeypatch) -> None:
    monkeypatch.delenv("ICTDASH_RAW")
    at = _open({"ictdash": {"upload_password": PASSWORD}})
    assert not _uploader(at) and "ICTDASH_RAW" in texts(at)


def test_with_a_password_configured_the_uploader_is_hidden_until_it_is_given(place) -> None:
    at = _open({"ictdash": {"upload_password": PASSWORD}})
    assert not _uploader(at)
    assert at.text_input(key="upload-password-input").proto.type == 1  # PASSWORD
    _sign_in(at, "sai mật khẩu")
    assert not _uploader(at) and "Mật khẩu không đúng." in texts(at)
    _sign_in(at)
    assert len(_uploader(at)) == 1
    assert PASSWORD not in texts(at)
    # The form clears on submit: the password is not kept in the session's widget state.
    kept = at.session_state["upload-password-input"] if "upload-password-input" in at.session_state else ""
    assert kept in ("", None)


def test_the_password_may_come_from_the_environment(place, monkeypatch) -> None:
    monkeypatch.setenv("ICTDASH_UPLOAD_PASSWORD", PASSWORD)
    at = _sign_in(_open())
    assert len(_uploader(at)) == 1


def test_repeated_wrong_passwords_lock_the_session_even_for_the_right_one(place) -> None:
    at = _open({"ictdash": {"upload_password": PASSWORD}})
    for _ in range(5):
        _sign_in(at, "đoán bừa")
    assert "thử lại sau" in texts(at)
    _sign_in(at)  # right, but too late
    assert not _uploader(at) and "thử lại sau" in texts(at)


def test_with_oidc_only_listed_signed_in_emails_may_upload(place) -> None:
    secrets = {"auth": {"client_id": "x", "client_secret": "y", "redirect_uri": "http://127.0.0.1/cb",
                        "cookie_secret": "z", "server_metadata_url": "http://127.0.0.1/.well-known"},
               "ictdash": {"upload_emails": ["Can.Bo@example.gov.vn"],
                           "upload_password": PASSWORD}}  # ignored when [auth] exists
    at = _open(secrets, user={})
    assert not _uploader(at) and any(b.label == "Đăng nhập để tải lên" for b in at.button)
    assert not at.get("text_input") or not any(
        w.key == "upload-password-input" for w in at.text_input)
    at = _open(secrets, user={"is_logged_in": True, "email": "khach@example.com"})
    assert not _uploader(at) and "khach@example.com" in texts(at)
    at = _open(secrets, user={"is_logged_in": True, "email": "can.bo@example.gov.vn"})
    assert len(_uploader(at)) == 1


# Ingest through the page --------------------------------------------------------------------

def test_an_upload_is_ingested_shown_and_appears_on_the_meetings_page(place) -> None:
    at = _sign_in(_open({"ictdash": {"upload_password": PASSWORD}}))
    before = _raw_files(place)
    _upload(at, [("../../bài họp <b>.txt", ARTICLE, "text/plain"),
                 ("rong.txt", b"", "text/plain"),
                 ("hong.docx", b"PK\x03\x04 not a zip", "application/octet-stream")])
    added = _table(at, "Là tin cuộc họp")
    row = added.iloc[0]
    assert len(added) == 1 and row["Tên tệp tải lên"] == "../../bài họp <b>.txt"
    assert (row["Tỉnh/thành"], row["Ngày họp"], row["Loại cuộc họp"]) == (
        "Quảng Ninh", "2024-03-12", "Giao ban")
    rejected = _table(at, "Lý do")
    assert dict(zip(rejected["Tên tệp tải lên"], rejected["Lý do"], strict=True)) == {
        "rong.txt": "Tệp rỗng", "hong.docx": "Tệp DOCX bị hỏng"}
    # Written under a name from the content hash, nowhere else; the name is only recorded.
    new = _raw_files(place) - before
    assert new == {up.target_name(ARTICLE, "x.txt")}
    assert not (place.parent / "bài họp <b>.txt").exists()
    record = [json.loads(line) for line in (place / "data" / up.MANIFEST).read_text().splitlines()]
    assert [(r["original_name"], r["uploader"]) for r in record] == [("../../bài họp <b>.txt", "password")]

    at.switch_page("pages/meetings.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "Quảng Ninh" in set(table["Tỉnh/thành"])


def test_a_rejected_upload_shows_its_reason_in_english(place) -> None:
    at = _sign_in(_open({"ictdash": {"upload_password": PASSWORD}}, lang="en"))
    _upload(at, [("empty.txt", b"   \n", "text/plain")])
    rejected = _table(at, "Reason")
    assert list(rejected["Reason"]) == ["Empty file"]
    assert "No article was added." in texts(at)
    assert not (place / "raw" / "uploads").exists()


def test_an_upload_while_another_build_holds_the_lock_says_so_and_keeps_the_files(
        place, monkeypatch) -> None:
    from loaders.store import build_lock

    monkeypatch.setattr(up, "LOCK_WAIT_S", 0.5)
    at = _sign_in(_open({"ictdash": {"upload_password": PASSWORD}}))
    before = _raw_files(place)
    with build_lock(place / "data", timeout=0):   # the CLI, or another replica, is building
        _upload(at, [("moi.txt", ARTICLE, "text/plain")])
    assert any("Một lần xử lý dữ liệu khác" in w.value for w in at.warning), \
        [w.value for w in at.warning]
    assert not at.error
    # Saved for the next build, which then ingests it.
    assert _raw_files(place) - before == {up.target_name(ARTICLE, "x.txt")}
    from loaders.build import build

    info = build(place / "raw", place / "data", progress=False, workers=1)
    assert info["n_documents"] == 6


def test_pressing_the_button_without_files_says_so_and_writes_nothing(place) -> None:
    at = _sign_in(_open({"ictdash": {"upload_password": PASSWORD}}))
    before = _raw_files(place)
    at.button(key="upload-submit").click().run()
    assert not at.exception
    assert "Chưa chọn tệp nào." in texts(at) and _raw_files(place) == before


def _rejects(data: Path) -> list[tuple[str, str]]:
    import duckdb

    from loaders.store import current_snapshot

    parts = current_snapshot(data) / "rejects" / "*.parquet"
    if not list(parts.parent.glob("*.parquet")):
        return []
    return duckdb.sql(f"SELECT file, reason FROM read_parquet('{parts}') ORDER BY file").fetchall()


def test_a_duplicate_upload_says_why_and_leaves_the_raw_folder_so_later_builds_stay_clean(
        place) -> None:
    from loaders.build import build

    at = _sign_in(_open({"ictdash": {"upload_password": PASSWORD}}))
    before = _raw_files(place)
    original = sorted((place / "raw").glob("*.txt"))[0]
    # The same story as an article already in the raw folder (a copy from another portal):
    # different bytes, the same text once cleaned.
    _upload(at, [("bản sao.txt", original.read_bytes() + b"\n\n", "text/plain")])
    rejected = _table(at, "Lý do")
    assert list(rejected["Tên tệp tải lên"]) == ["bản sao.txt"]
    assert list(rejected["Lý do"]) == ["Trùng nội dung với bài đã có"]
    assert "Không có tin bài nào được thêm." in texts(at)
    assert "chuyển ra khỏi thư mục tin bài" in texts(at) and up.QUARANTINE in texts(at)
    # Gone from the raw folder, kept aside under the dataset root, and recorded.
    assert _raw_files(place) == before and not list((place / "raw" / "uploads").iterdir())
    moved = list((place / "data" / up.QUARANTINE).iterdir())
    assert [m.read_bytes() for m in moved] == [original.read_bytes() + b"\n\n"]
    record = [json.loads(line) for line in (place / "data" / up.MANIFEST).read_text().splitlines()]
    assert [(r["original_name"], r["reasons"]) for r in record if "moved_to" in r] == [
        ("bản sao.txt", ["duplicate"])]
    # The next build reads the raw folder only: no trace of the upload, no duplicate reject.
    build(place / "raw", place / "data", progress=False, workers=1)
    assert not [r for r in _rejects(place / "data") if r[0].startswith(up.UPLOAD_DIR)]
    # Uploading the same bytes again is judged afresh, with the same outcome.
    at = _upload(at, [("lần nữa.txt", original.read_bytes() + b"\n\n", "text/plain")])
    assert list(_table(at, "Lý do")["Lý do"]) == ["Trùng nội dung với bài đã có"]
    assert _raw_files(place) == before


def test_a_failed_build_moves_the_uploads_aside_so_the_next_build_succeeds(
        place, monkeypatch) -> None:
    from loaders import build as pipeline

    def broken(*args, **kwargs):
        raise OSError("No space left on device")

    before = _raw_files(place)
    at = _sign_in(_open({"ictdash": {"upload_password": PASSWORD}}))
    real = pipeline.build
    monkeypatch.setattr(pipeline, "build", broken)
    _upload(at, [("bài mới.txt", ARTICLE, "text/plain")])
    monkeypatch.setattr(pipeline, "build", real)
    shown = " ".join(e.value for e in at.error)
    assert "Cập nhật không thành công" in shown and up.QUARANTINE in shown
    # Out of the raw folder, kept under the dataset root, with the reason recorded.
    assert _raw_files(place) == before
    moved = list((place / "data" / up.QUARANTINE).iterdir())
    assert [m.read_bytes() for m in moved] == [ARTICLE]
    record = [json.loads(line) for line in (place / "data" / up.MANIFEST).read_text().splitlines()]
    failed = [r for r in record if r.get("reasons") == ["build_failed"]]
    assert [r["original_name"] for r in failed] == ["bài mới.txt"]
    assert "No space left on device" in failed[0]["detail"]
    # The next build reads the raw folder as it was; the same file can be uploaded again.
    real(place / "raw", place / "data", progress=False, workers=1)
    at = _upload(at, [("bài mới.txt", ARTICLE, "text/plain")])
    assert "Đã thêm 1 tin bài" in texts(at)


def test_a_dump_with_some_rows_rejected_stays_for_the_rows_that_were_kept(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "data"
    shutil.copytree(ROOT / "data" / "raw", raw)
    dump = (json.dumps({"id": "qn-1", "text": ARTICLE.decode()}, ensure_ascii=False) + "\n"
            + json.dumps({"id": "qn-2"}) + "\n").encode()
    result = up.ingest([("dump.jsonl", dump)], raw, out, "t")
    assert [a.doc_id for a in result.added] == ["qn-1"]
    assert [r.reason for r in result.rejected] == ["malformed_row"]
    assert result.quarantined == [] and (raw / up.target_name(dump, "x.jsonl")).exists()


# The ingest itself --------------------------------------------------------------------------

def test_the_written_name_depends_only_on_the_bytes_and_an_allowed_extension() -> None:
    assert up.target_name(b"abc", "../../etc/passwd.txt") == up.target_name(b"abc", "a.TXT")
    assert up.target_name(b"abc", "x.htm").endswith(".html")
    assert up.target_name(b"abc", "x.txt.exe") is None and up.target_name(b"abc", "noext") is None
    assert up.target_name(b"abc", "x.txt").startswith("uploads/") and "/" not in \
        up.target_name(b"abc", "/abs/../x.txt")[len("uploads/"):]


def test_limits_per_file_per_batch_and_in_count_are_enforced(tmp_path: Path) -> None:
    calls = []

    def fake_build(*args, **kwargs):
        calls.append(kwargs)
        return {}

    raw, out = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    files = [("a.txt", b"x" * 200 + b"a"), ("b.txt", b"y" * 100), ("c.txt", b"z" * 90),
             ("d.txt", b"w" * 50), ("e.txt", b"v" * 10)]
    result = up.ingest(files, raw, out, "t", build=fake_build, max_file=150, max_batch=160,
                       max_files=4)
    reasons = {r.name: r.reason for r in result.rejected}
    assert reasons == {"a.txt": "oversized", "c.txt": "batch_too_large", "e.txt": "too_many_files"}
    assert len(result.written) == 2 and calls and calls[0]["incremental"] is True
    again = up.ingest([("b-again.txt", b"y" * 100)], raw, out, "t", build=fake_build)
    assert [r.reason for r in again.rejected] == ["already_uploaded"] and len(calls) == 1


def test_the_upload_record_lives_outside_the_raw_folder(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "data"
    raw.mkdir()
    up.ingest([("a\x00b\n.txt", ARTICLE)], raw, out, "t", build=lambda *a, **k: {})
    assert (out / up.MANIFEST).exists() and not list(raw.rglob("*.jsonl"))
    assert json.loads((out / up.MANIFEST).read_text())["original_name"] == "ab.txt"

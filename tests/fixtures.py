"""A small, complete Parquet snapshot built in code: 11 meetings in 6 provinces, 2009-2025.

Serves the query and page tests, the docs and a quick demo:
`python -m tests.fixtures /tmp/demo && ICTDASH_DATA=/tmp/demo streamlit run dashboard.py`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from loaders.rows import doc_key
from loaders.schema import DERIVED_VERSION, EXTRACTOR_VERSION, SCHEMAS
from loaders.text import fold, key

SNAPSHOT = "fixture-20250901"
HOSTILE = "<script>alert('x')</script> <img src=x onerror=alert(1)>"

# Each meeting: its article and the values an extractor would find, each with the exact
# substring ("at") that anchors its span in the text.
MEETINGS: list[dict] = [
    dict(
        doc_id="hg-2017-lam-viec", province="Hậu Giang", date="2017-11-08", type="lam_viec",
        period=None, date_at="ngày 8/11/2017",
        chair=("Lê Văn Hùng", "Phó Chủ tịch UBND tỉnh"),
        title="Phó Chủ tịch UBND tỉnh Lê Văn Hùng làm việc với Sở Thông tin và Truyền thông",
        text=(
            "Hậu Giang - Sáng ngày 8/11/2017, đồng chí Lê Văn Hùng, Phó Chủ tịch UBND tỉnh, "
            "chủ trì buổi làm việc với Sở Thông tin và Truyền thông. Giám đốc Sở Nguyễn Văn Tư "
            "báo cáo tình hình vận hành Cổng thông tin điện tử tỉnh và đề xuất xây dựng "
            "Cổng dịch vụ công tỉnh trong năm tới."
        ),
        people=[("Lê Văn Hùng", "Phó Chủ tịch UBND tỉnh", True),
                ("Nguyễn Văn Tư", "Giám đốc Sở", False)],
        projects=[("Cổng dịch vụ công tỉnh", "cong", "proposed")],
        topics=[("cong_thong_tin_dien_tu", "Cổng thông tin điện tử")],
    ),
    dict(
        doc_id="hg-2019-giao-ban", province="Hậu Giang", date="2019-03-15", type="giao_ban",
        period="2019-Q1", date_at="ngày 15/3/2019",
        chair=("Nguyễn Văn Tư", "Giám đốc Sở Thông tin và Truyền thông"),
        title="Sở Thông tin và Truyền thông Hậu Giang giao ban quý I/2019",
        text=(
            "Ngày 15/3/2019, Sở Thông tin và Truyền thông tỉnh Hậu Giang tổ chức giao ban quý I. "
            "Ông Nguyễn Văn Tư, Giám đốc Sở Thông tin và Truyền thông, chủ trì. Bà Trần Thị Mai, "
            "Phó Giám đốc Sở, cho biết Cổng dịch vụ công tỉnh đã được phê duyệt; 85% hồ sơ "
            "một cửa điện tử được xử lý đúng hạn, dịch vụ công trực tuyến mức độ 3, 4 tăng. "
            "Thực hiện Nghị định số 61/2018/NĐ-CP, các sở hoàn thành kết nối trước ngày 30/6/2019."
        ),
        people=[("Nguyễn Văn Tư", "Giám đốc Sở Thông tin và Truyền thông", True),
                ("Trần Thị Mai", "Phó Giám đốc Sở", False)],
        projects=[("Cổng dịch vụ công tỉnh", "cong", "approved")],
        topics=[("dich_vu_cong_truc_tuyen", "dịch vụ công trực tuyến"),
                ("mot_cua_dien_tu", "một cửa điện tử")],
        deadlines=[("trước ngày 30/6/2019", "2019-06-30", "2019-06-30")],
        legal=[("Nghị định số 61/2018/NĐ-CP", "61/2018/nđ-cp", "Nghị định", "61", 2018, "NĐ-CP")],
        numbers=[("85%", 85.0, "%")],
    ),
    dict(
        doc_id="hg-2021-tong-ket", province="Hậu Giang", date="2021-07-02", type="so_ket_tong_ket",
        period="2021-H1", date_at="ngày 2/7/2021",
        chair=("Nguyễn Văn Tư", "Giám đốc Sở"),
        title="Hậu Giang sơ kết 6 tháng đầu năm 2021 về chuyển đổi số",
        text=(
            "Chiều ngày 2/7/2021, Sở Thông tin và Truyền thông Hậu Giang tổ chức hội nghị sơ kết "
            "6 tháng đầu năm. Giám đốc Sở Nguyễn Văn Tư chủ trì. Cổng dịch vụ công tỉnh đã đưa vào "
            "vận hành; 1.250 chứng thư chữ ký số được cấp. Mục tiêu đến năm 2030 toàn bộ "
            "dịch vụ công trực tuyến đạt mức toàn trình."
        ),
        people=[("Nguyễn Văn Tư", "Giám đốc Sở", True)],
        projects=[("Cổng dịch vụ công tỉnh", "cong", "completed")],
        topics=[("chu_ky_so", "chữ ký số"), ("dich_vu_cong_truc_tuyen", "dịch vụ công trực tuyến")],
        deadlines=[("đến năm 2030", "2030", "2030-12-31")],
        numbers=[("1.250", 1250.0, "chứng thư")],
    ),
    dict(
        doc_id="dt-2012-tong-ket", province="Đồng Tháp", date="2012-10-05", type="so_ket_tong_ket",
        period="2012-9M", date_at="ngày 5/10/2012",
        chair=("Phạm Thị Lan", "Giám đốc Sở Thông tin và Truyền thông"),
        title="Đồng Tháp sơ kết 9 tháng ứng dụng công nghệ thông tin",
        text=(
            "Đồng Tháp - Ngày 5/10/2012, Sở Thông tin và Truyền thông sơ kết 9 tháng. Bà Phạm Thị "
            "Lan, Giám đốc Sở Thông tin và Truyền thông, chủ trì hội nghị và đề xuất Đề án xây dựng "
            "Chính quyền điện tử tỉnh Đồng Tháp; Cổng thông tin điện tử tỉnh được nâng cấp."
        ),
        people=[("Phạm Thị Lan", "Giám đốc Sở Thông tin và Truyền thông", True)],
        projects=[("Đề án xây dựng Chính quyền điện tử tỉnh Đồng Tháp", "de_an", "proposed")],
        topics=[("chinh_quyen_dien_tu", "Chính quyền điện tử"),
                ("cong_thong_tin_dien_tu", "Cổng thông tin điện tử")],
    ),
    dict(
        doc_id="dt-2016-giao-ban", province="Đồng Tháp", date="2016-01-20", type="giao_ban",
        period="2016-01", date_at="ngày 20/1/2016",
        chair=("Phạm Thị Lan", "Giám đốc Sở"),
        title="Giao ban tháng 1/2016 Sở Thông tin và Truyền thông Đồng Tháp",
        text=(
            "Ngày 20/1/2016, Sở Thông tin và Truyền thông Đồng Tháp giao ban. Giám đốc Sở Phạm Thị "
            "Lan chủ trì. UBND tỉnh đã phê duyệt Đề án xây dựng Chính quyền điện tử tỉnh Đồng Tháp. "
            "Sở yêu cầu bảo đảm an toàn thông tin và hoàn thành trung tâm dữ liệu trong quý II/2016."
        ),
        people=[("Phạm Thị Lan", "Giám đốc Sở", True)],
        projects=[("Đề án xây dựng Chính quyền điện tử tỉnh Đồng Tháp", "de_an", "approved")],
        topics=[("an_toan_thong_tin", "an toàn thông tin"), ("trung_tam_du_lieu", "trung tâm dữ liệu")],
        deadlines=[("trong quý II/2016", "2016-06-30", "2016-06-30")],
    ),
    dict(
        doc_id="na-2009-hoi-nghi", province="Nghệ An", date="2009-05-12", type="hoi_nghi_khac",
        period=None, date_at="ngày 12/5/2009", chair=None,
        title="Hội nghị tập huấn văn bản điện tử tại Nghệ An",
        text=(
            "Ngày 12/5/2009, tại thành phố Vinh, Nghệ An, Sở Thông tin và Truyền thông tổ chức "
            "tập huấn sử dụng văn bản điện tử cho 120 cán bộ, triển khai Quyết định số "
            "43/2008/QĐ-TTg."
        ),
        topics=[("van_ban_dien_tu", "văn bản điện tử")],
        legal=[("Quyết định số 43/2008/QĐ-TTg", "43/2008/qđ-ttg", "Quyết định", "43", 2008, "QĐ-TTg")],
        numbers=[("120 cán bộ", 120.0, "cán bộ")],
    ),
    dict(
        doc_id="na-2020-giao-ban", province="Nghệ An", date="2020-09-21", type="giao_ban",
        period="2020-09", date_at="ngày 21/9",
        chair=("Hoàng Văn Đức", "Giám đốc Sở Thông tin và Truyền thông"),
        title="Nghệ An giao ban chuyển đổi số tháng 9",
        text=(
            "Ngày 21/9, Sở Thông tin và Truyền thông Nghệ An giao ban. Ông Hoàng Văn Đức, Giám đốc "
            "Sở Thông tin và Truyền thông, chủ trì, yêu cầu đẩy mạnh chuyển đổi số và chuyển đổi "
            "IPv6. Đoạn mã còn sót trên trang: " + HOSTILE
        ),
        people=[("Hoàng Văn Đức", "Giám đốc Sở Thông tin và Truyền thông", True)],
        topics=[("chuyen_doi_so", "chuyển đổi số"), ("ipv6", "IPv6")],
    ),
    dict(
        doc_id="bl-2018-tong-ket", province="Bạc Liêu", date="2018-12", type="so_ket_tong_ket",
        period="2018", date_at="tháng 12/2018",
        chair=("Võ Minh Châu", "Giám đốc Sở"),
        title="Bạc Liêu tổng kết năm 2018 ngành thông tin và truyền thông",
        text=(
            "Trong tháng 12/2018, Sở Thông tin và Truyền thông Bạc Liêu tổng kết năm. Giám đốc Sở "
            "Võ Minh Châu chủ trì. Hệ thống hội nghị truyền hình trực tuyến đang triển khai; "
            "đài truyền thanh cơ sở được nâng cấp."
        ),
        people=[("Võ Minh Châu", "Giám đốc Sở", True)],
        projects=[("Hệ thống hội nghị truyền hình trực tuyến", "he_thong", "under_way")],
        topics=[("hop_truc_tuyen", "hội nghị truyền hình trực tuyến"),
                ("truyen_thanh_co_so", "truyền thanh cơ sở")],
    ),
    dict(
        doc_id="ct-2018-lam-viec", province="Cần Thơ", date="2018-06-01", type="lam_viec",
        period=None, date_at="ngày 1/6/2018",
        chair=("Đặng Quốc Bảo", "Phó Chủ tịch UBND thành phố"),
        title="Lãnh đạo thành phố Cần Thơ làm việc về đô thị thông minh",
        text=(
            "Ngày 1/6/2018, ông Đặng Quốc Bảo, Phó Chủ tịch UBND thành phố Cần Thơ, làm việc với "
            "Sở Thông tin và Truyền thông về Trung tâm điều hành đô thị thông minh."
        ),
        people=[("Đặng Quốc Bảo", "Phó Chủ tịch UBND thành phố", True)],
        projects=[("Trung tâm điều hành đô thị thông minh", "trung_tam", "proposed")],
        topics=[("do_thi_thong_minh", "đô thị thông minh")],
    ),
    dict(
        doc_id="tth-2023-giao-ban", province="Thừa Thiên Huế", date="2023-04-01", type="giao_ban",
        period="2023-Q1", date_at="ngày 1/4/2023",
        chair=("Trương Thị Hạnh", "Phó Giám đốc Sở"),
        title="Thừa Thiên Huế giao ban quý I/2023",
        text=(
            "Ngày 1/4/2023, Sở Thông tin và Truyền thông Thừa Thiên Huế giao ban quý I. Phó Giám "
            "đốc Sở Trương Thị Hạnh chủ trì. Đô thị thông minh, họp trực tuyến và dịch vụ công "
            "trực tuyến tiếp tục được đẩy mạnh."
        ),
        people=[("Trương Thị Hạnh", "Phó Giám đốc Sở", True)],
        topics=[("do_thi_thong_minh", "Đô thị thông minh"), ("hop_truc_tuyen", "họp trực tuyến"),
                ("dich_vu_cong_truc_tuyen", "dịch vụ công trực tuyến")],
    ),
    dict(
        doc_id="ct-2025-giao-ban", province="Cần Thơ", date="2025-08-15", type="giao_ban",
        period="2025-07", date_at="ngày 15/8/2025",
        chair=("Lý Thanh Sơn", "Giám đốc Sở Khoa học và Công nghệ"),
        title="Sở Khoa học và Công nghệ thành phố Cần Thơ giao ban tháng 7",
        text=(
            "Ngày 15/8/2025, Sở Khoa học và Công nghệ thành phố Cần Thơ (sau hợp nhất với Hậu Giang, "
            "Sóc Trăng) giao ban. Giám đốc Sở Lý Thanh Sơn chủ trì, đề nghị đẩy mạnh chuyển đổi số."
        ),
        people=[("Lý Thanh Sơn", "Giám đốc Sở Khoa học và Công nghệ", True)],
        topics=[("chuyen_doi_so", "chuyển đổi số")],
    ),
]

NON_MEETING = dict(
    doc_id="hg-2020-quyet-dinh", province="Hậu Giang", date="2020-02-10",
    title="Quyết định ban hành Kế hoạch phát triển bưu chính",
    text="UBND tỉnh Hậu Giang ban hành quyết định về phát triển bưu chính giai đoạn 2020-2025.",
)  # like the loaders, no child rows for a document that is not a meeting

TO_2025 = {"Hậu Giang": "Cần Thơ", "Cần Thơ": "Cần Thơ", "Đồng Tháp": "Đồng Tháp",
           "Nghệ An": "Nghệ An", "Bạc Liêu": "Cà Mau", "Thừa Thiên Huế": "Huế"}

EXPECTED_MEETINGS_63 = {"Hậu Giang": 3, "Đồng Tháp": 2, "Nghệ An": 2, "Cần Thơ": 2,
                        "Bạc Liêu": 1, "Thừa Thiên Huế": 1}
EXPECTED_MEETINGS_34 = {"Cần Thơ": 5, "Đồng Tháp": 2, "Nghệ An": 2, "Cà Mau": 1, "Huế": 1}


def _span(text: str, anchor: str) -> tuple[int, int]:
    # Anchors are written in lower case where the article capitalises a sentence start.
    start = text.index(anchor) if anchor in text else text.lower().index(anchor.lower())
    return start, start + len(anchor)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value and len(value) == 10 else None


def _context(m: dict) -> dict:
    year = int(m["date"][:4])
    return dict(doc_id=m["doc_id"], province=m["province"], province_2025=TO_2025[m["province"]],
                year=year, meeting_date=m["date"])


def _rows() -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t: [] for t in SCHEMAS}
    for i, m in enumerate([*MEETINGS, NON_MEETING]):
        text = m["text"]
        is_meeting = m is not NON_MEETING
        url = f"https://portal.example.gov.vn/tin-tuc/{m['doc_id']}"
        file = f"{m['doc_id']}.txt"
        rows["documents"].append(dict(
            doc_id=m["doc_id"], file=file, row=None, fmt="txt", sha256=f"{i:064x}",
            size=len(text.encode()), encoding="utf-8", url=url, title=m["title"], byline=None,
            publication_date=m["date"] if len(m["date"]) == 10 else None, is_meeting=is_meeting,
            text=text, text_folded=fold(text), chrome="", n_chars=len(text), duplicates=[],
            content_sha256=hashlib.sha256(text.encode()).hexdigest(),
        ))
        rows["documents"][-1]["doc_key"] = doc_key(file, None, rows["documents"][-1]["content_sha256"])
        if not is_meeting:
            continue
        ctx = _context(m)
        for code, at in m.get("topics", []):
            s, e = _span(text, at)
            rows["topics"].append({**ctx, "topic": code, "start": s, "end": e, "rule": "topic.lexicon"})
        ps, pe = _span(text, m["province"])
        ds, de = _span(text, m["date_at"])
        chair, chair_title = m["chair"] or (None, None)
        cs, ce = _span(text, chair) if chair else (None, None)
        rows["meetings"].append({
            **ctx, "meeting_day": _day(m["date"]), "month": int(m["date"][5:7]),
            "meeting_type": m["type"], "period": m["period"], "chair_name": chair,
            "chair_title": chair_title, "title": m["title"], "url": url, "file": file,
            "publication_date": m["date"] if len(m["date"]) == 10 else None,
            "province_rule": "place.province_name", "province_start": ps, "province_end": pe,
            "date_rule": "date.dmy", "date_start": ds, "date_end": de, "type_rule": "type.cue",
            "chair_rule": "people.chair" if chair else None, "chair_start": cs, "chair_end": ce,
            "doc_key": rows["documents"][-1]["doc_key"],
        })
        for name, title, is_chair in m.get("people", []):
            s, e = _span(text, name)
            rows["people"].append({**ctx, "name": name, "name_key": key(name), "title": title,
                                   "is_chair": is_chair, "start": s, "end": e, "rule": "people.title"})
        for name, kind, stage in m.get("projects", []):
            s, e = _span(text, name)
            rows["projects"].append({**ctx, "name": name, "project_key": key(name), "kind": kind,
                                     "stage": stage, "start": s, "end": e, "rule": "items.kind"})
        for at, due, due_day in m.get("deadlines", []):
            s, e = _span(text, at)
            rows["deadlines"].append({**ctx, "text": at, "due": due, "due_day": _day(due_day),
                                      "start": s, "end": e, "rule": "deadline.truoc"})
        for at, ref_key, doc_type, number, ref_year, issuer in m.get("legal", []):
            s, e = _span(text, at)
            rows["legal_refs"].append({**ctx, "text": at, "ref_key": ref_key, "doc_type": doc_type,
                                       "number": number, "ref_year": ref_year, "issuer": issuer,
                                       "start": s, "end": e, "rule": "legal.symbol"})
        for at, value, unit in m.get("numbers", []):
            s, e = _span(text, at)
            rows["numbers"].append({**ctx, "text": at, "value": value, "unit": unit,
                                    "start": s, "end": e, "rule": "numbers.value"})
    rows["rejects"].append(dict(file="hong.pdf", row=None, reason="corrupt_pdf",
                                detail="hong.pdf: pypdf cannot open the file", sha256="f" * 64,
                                size=2048))
    return rows


def write_fixture(root: Path, name: str = SNAPSHOT, *, built_at: str = "2025-09-01T08:00:00+07:00") -> Path:
    """Write CURRENT + snapshots/<name>/<table>/part-0.parquet + build.json under `root`."""
    root = Path(root)
    snap = root / "snapshots" / name
    rows = _rows()
    for table, schema in SCHEMAS.items():
        (snap / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows[table], schema=schema), snap / table / "part-0.parquet")
    build = {"extractor_version": EXTRACTOR_VERSION, "derived_version": DERIVED_VERSION,
             "built_at": built_at, "duration_s": 1.5,
             "n_files": len(rows["documents"]) + len(rows["rejects"]),
             "n_documents": len(rows["documents"]), "n_rejects": len(rows["rejects"]),
             "raw_dir": "data/raw"}
    (snap / "build.json").write_text(json.dumps(build, indent=2), encoding="utf-8")
    (root / "CURRENT").write_text(name + "\n", encoding="utf-8")
    return root


if __name__ == "__main__":
    print(write_fixture(Path(sys.argv[1] if len(sys.argv) > 1 else "data/demo")))


def seed_raw(tmp_path: Path) -> Path:
    """A writable copy of the bundled articles (data/raw) at tmp_path/raw, for build tests."""
    raw = tmp_path / "raw"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "raw", raw)
    for p in raw.iterdir():
        p.chmod(0o644)
    return raw


def publish_several(raw: Path, out: Path, n: int = 4) -> list[str]:
    """Build `n` times, adding one small non-meeting note to raw before each build; the
    names of the snapshots published, in order."""
    from loaders.build import build
    from loaders.store import current_snapshot

    names = []
    for i in range(n):
        (raw / f"extra{i}.txt").write_text(f"Ghi chú số {i}: không phải bài họp.", encoding="utf-8")
        build(raw, out, progress=False, workers=1)
        names.append(current_snapshot(out).name)
    return names

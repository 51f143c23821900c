"""Generate a published snapshot of N meetings directly (no articles), for query and page benchmarks.

The distributions follow the development corpus: 63 provinces (and their 2025 mapping),
2008-2026, four meeting types, ~6 topics, ~3 people, ~3 projects, ~1 deadline, ~1 legal
reference and ~4 numbers per meeting. Document texts are short sentences drawn from a pool,
so the files stay a realistic shape without gigabytes of prose.

    python bench/gen_tables.py --meetings 1000000 --out /tmp/bench-1m
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from loaders.derived import write_derived  # noqa: E402
from loaders.gazetteer import provinces  # noqa: E402
from loaders.schema import DERIVED_VERSION, EXTRACTOR_VERSION, ROW_GROUP_ROWS, SCHEMAS, SORT_BY  # noqa: E402
from loaders.store import ROW_GROUP, set_current  # noqa: E402
from loaders.text import fold  # noqa: E402

TYPES = np.array(["giao_ban", "lam_viec", "so_ket_tong_ket", "hoi_nghi_khac"])
TYPE_P = [0.45, 0.25, 0.2, 0.1]
TOPICS = np.array(["dich_vu_cong_truc_tuyen", "mot_cua_dien_tu", "cong_thong_tin_dien_tu",
                   "trung_tam_du_lieu", "chu_ky_so", "van_ban_dien_tu", "ipv6", "an_toan_thong_tin",
                   "chinh_quyen_dien_tu", "chuyen_doi_so", "do_thi_thong_minh", "hop_truc_tuyen",
                   "truyen_thanh_co_so", "ha_tang_vien_thong", "bao_chi_xuat_ban", "buu_chinh"])
STAGES = np.array(["proposed", "submitted", "approved", "under_way", "completed", None], dtype=object)
KINDS = np.array(["du_an", "de_an", "ke_hoach", "quy_hoach", "he_thong", "cong", "trung_tam"])
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Quốc", "Ngọc", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quang", "Sơn", "Tâm", "Thủy", "Trung", "Tuấn", "Việt", "Yến"]
TITLES = ["Giám đốc Sở", "Phó Giám đốc Sở", "Phó Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh",
          "Bí thư Tỉnh ủy", "Trưởng phòng Công nghệ thông tin"]
PROJECT_NAMES = ["Cổng dịch vụ công trực tuyến tỉnh", "Trung tâm tích hợp dữ liệu tỉnh",
                 "Hệ thống một cửa điện tử dùng chung", "Đề án xây dựng chính quyền điện tử tỉnh",
                 "Kế hoạch chuyển đổi số", "Trung tâm giám sát, điều hành đô thị thông minh",
                 "Quy hoạch hạ tầng kỹ thuật viễn thông thụ động", "Nền tảng tích hợp, chia sẻ dữ liệu"]
SENTENCES = [
    "Sở Thông tin và Truyền thông tổ chức họp giao ban đánh giá kết quả thực hiện nhiệm vụ.",
    "Giám đốc Sở chủ trì cuộc họp; cùng dự có các Phó Giám đốc và lãnh đạo các phòng.",
    "Cổng dịch vụ công trực tuyến của tỉnh tiếp nhận hồ sơ, tỷ lệ nộp trực tuyến tăng.",
    "Hệ thống một cửa điện tử dùng chung đã triển khai tại các huyện, thị xã, thành phố.",
    "Trung tâm tích hợp dữ liệu tỉnh bảo đảm an toàn thông tin cho các hệ thống dùng chung.",
    "Các doanh nghiệp viễn thông phát triển thêm trạm BTS, ngầm hóa cáp viễn thông.",
    "Kết luận cuộc họp, Giám đốc Sở yêu cầu hoàn thành kế hoạch chuyển đổi số trước thời hạn.",
]
# Said in about one meeting in ten, so a search for it ("chu ky so") finds a realistic share.
RARE_SENTENCE = "Sở đề nghị các cơ quan đẩy mạnh sử dụng chữ ký số trong gửi, nhận văn bản điện tử."


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    pool = np.array([f"{s} {m} {g}" for s in SURNAMES for m in MIDDLE for g in GIVEN])
    return pool[rng.integers(0, len(pool), n)]


def _write(snapshot: Path, table: str, columns: dict, row_group: int | None = None) -> int:
    """One Parquet part in the layout a build writes: rows in SORT_BY order (nulls last, as
    loaders.store sorts), row groups of loaders.store.ROW_GROUP rows (loaders.schema.ROW_GROUP_ROWS
    for the tables it names)."""
    schema = SCHEMAS[table]
    arrays = [pa.array(columns[f.name], type=f.type) if f.name in columns else pa.nulls(
        len(next(iter(columns.values()))), type=f.type) for f in schema]
    t = pa.Table.from_arrays(arrays, schema=schema)
    if SORT_BY.get(table):
        t = t.sort_by([(c, "ascending") for c in SORT_BY[table]])  # Arrow puts nulls last
    (snapshot / table).mkdir(parents=True, exist_ok=True)
    pq.write_table(t, snapshot / table / "part-0.parquet", compression="zstd",
                   row_group_size=row_group or ROW_GROUP_ROWS.get(table, ROW_GROUP))
    return t.num_rows


def generate(n: int, out: Path, seed: int = 1) -> dict:
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    provs = provinces()
    pnames = np.array([p.name for p in provs])
    pnew = np.array([p.name_2025 for p in provs])
    # Big provinces publish more: weight by a skewed distribution, fixed by the seed.
    weights = rng.pareto(1.5, len(provs)) + 1
    weights /= weights.sum()
    pidx = rng.choice(len(provs), n, p=weights)
    start = dt.date(2008, 1, 1).toordinal()
    days = rng.integers(0, dt.date(2026, 11, 30).toordinal() - start, n) + start
    dates = np.array([dt.date.fromordinal(int(d)) for d in days])
    years = np.array([d.year for d in dates], dtype=np.int16)
    after = days >= dt.date(2025, 7, 1).toordinal()
    province = np.where(after, pnew[pidx], pnames[pidx])
    province_2025 = pnew[pidx]
    doc_id = np.array([f"m{i:07d}" for i in range(n)])
    # Distinct keys in an order unrelated to doc_id, as loaders.rows.doc_key's hashes are.
    # (A generator of its own: the other columns stay what this seed always gave.)
    doc_key = (np.random.default_rng(seed + 1).permutation(np.arange(n, dtype=np.int64))
               * 7919 - n * 3959)
    iso = np.array([d.isoformat() for d in dates])
    types = rng.choice(TYPES, n, p=TYPE_P)
    chair = _names(rng, n)
    snapshot_name = f"bench-{n}"
    snap = out / "snapshots" / snapshot_name
    counts: dict[str, int] = {}

    texts = np.array([" ".join(rng.choice(SENTENCES, 4, replace=False))
                      + (" " + RARE_SENTENCE if rng.random() < 0.1 else "")
                      for _ in range(min(n, 5000))])
    folded_pool = np.array([fold(t) for t in texts])
    pick = rng.integers(0, len(texts), n)
    text, text_folded = texts[pick], folded_pool[pick]
    titles = np.array([f"Giao ban tháng {m} năm {y}" for m, y in zip([d.month for d in dates], years)])
    counts["documents"] = _write(snap, "documents", {
        "doc_id": doc_id, "file": np.char.add(doc_id, ".txt"), "fmt": np.full(n, "txt"),
        "sha256": doc_id, "size": np.full(n, 4096), "encoding": np.full(n, "utf-8"),
        "title": titles, "publication_date": iso, "is_meeting": np.full(n, True),
        "text": text, "text_folded": text_folded,
        "chrome": np.full(n, ""), "n_chars": np.array([len(t) for t in text], dtype=np.int32),
        "content_sha256": doc_id, "doc_key": doc_key})
    counts["meetings"] = _write(snap, "meetings", {
        "doc_id": doc_id, "province": province, "province_2025": province_2025, "year": years,
        "meeting_date": iso, "meeting_day": dates, "month": np.array([d.month for d in dates], dtype=np.int8),
        "meeting_type": types, "period": np.char.add(years.astype(str), "-Q1"), "chair_name": chair,
        "chair_title": np.array(TITLES)[rng.integers(0, len(TITLES), n)], "title": titles,
        "file": np.char.add(doc_id, ".txt"), "publication_date": iso,
        "province_rule": np.full(n, "province.prefixed"), "province_start": np.zeros(n, np.int32),
        "province_end": np.full(n, 5, np.int32), "date_rule": np.full(n, "date.dmy"),
        "type_rule": np.full(n, "type.giao_ban"), "chair_rule": np.full(n, "chair.name_title"),
        "doc_key": doc_key})

    def child(table: str, per: float, extra) -> None:
        k = rng.poisson(per, n)
        idx = np.repeat(np.arange(n), k)
        m = len(idx)
        cols = {"doc_id": doc_id[idx], "province": province[idx], "province_2025": province_2025[idx],
                "year": years[idx], "meeting_date": iso[idx], "start": np.zeros(m, np.int32),
                "end": np.full(m, 10, np.int32), "rule": np.full(m, f"{table}.bench")}
        cols.update(extra(idx, m))
        counts[table] = _write(snap, table, cols)

    child("people", 3, lambda idx, m: {"name": (nm := _names(rng, m)), "name_key": np.char.lower(nm),
                                      "title": np.array(TITLES)[rng.integers(0, len(TITLES), m)],
                                      "is_chair": rng.random(m) < 0.3})

    def topics(idx, m):
        return {"topic": TOPICS[rng.integers(0, len(TOPICS), m)]}
    child("topics", 6, topics)

    def projects(idx, m):
        base = rng.integers(0, len(PROJECT_NAMES), m)
        names = np.char.add(np.array(PROJECT_NAMES)[base], np.char.add(" ", province[idx]))
        return {"name": names, "project_key": np.char.add(base.astype(str), np.char.add("-", pidx[idx].astype(str))),
                "kind": KINDS[base % len(KINDS)], "stage": STAGES[rng.integers(0, len(STAGES), m)]}
    child("projects", 3, projects)

    def deadlines(idx, m):
        due = np.array([dt.date.fromordinal(int(d) + int(x)) for d, x in zip(days[idx], rng.integers(10, 200, m))])
        return {"text": np.full(m, "trước ngày 30/6"), "due": np.array([d.isoformat() for d in due]),
                "due_day": due}
    child("deadlines", 1, deadlines)
    child("legal_refs", 1, lambda idx, m: {"text": np.full(m, "Quyết định 749/QĐ-TTg"),
                                          "ref_key": np.full(m, "749/qd-ttg"), "doc_type": np.full(m, "Quyết định"),
                                          "number": np.full(m, "749"), "issuer": np.full(m, "QĐ-TTg")})
    child("numbers", 4, lambda idx, m: {"text": np.full(m, "1.250 hồ sơ"), "value": rng.random(m) * 1000,
                                       "unit": np.full(m, "hồ sơ")})
    counts["rejects"] = _write(snap, "rejects", {"file": np.array(["bad.docx"]), "reason": np.array(["corrupt_docx"]),
                                                 "detail": np.array(["bad.docx: not a Word file"])})
    counts["manifest"] = _write(snap, "manifest", {"file": np.char.add(doc_id, ".txt"), "size": np.full(n, 4096),
                                                   "sha256": doc_id, "extractor_version": np.full(n, EXTRACTOR_VERSION)})
    counts.update(write_derived(snap))  # the aggregates a build writes after its rows
    info = {"extractor_version": EXTRACTOR_VERSION, "derived_version": DERIVED_VERSION,
            "built_at": "2026-01-01T00:00:00+00:00",
            "duration_s": round(time.perf_counter() - started, 2), "n_files": n, "n_documents": n,
            "n_rejects": 1, "raw_dir": "synthetic-bench", "snapshot": snapshot_name, "counts": counts}
    (snap / "build.json").write_text(json.dumps(info), encoding="utf-8")
    set_current(out, snapshot_name)
    return info


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--meetings", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    print(json.dumps(generate(args.meetings, args.out, args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()

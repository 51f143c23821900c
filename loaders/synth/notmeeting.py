"""Portal items that are not meeting reports: decisions, notices, letters, anniversaries, rankings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from loaders.synth.data import trainings
from loaders.synth.wording import cap
from loaders.synth.world import MERGER

if TYPE_CHECKING:
    from loaders.synth.articles import Writer


class NotMeeting:
    """Decisions, notices, letters and anniversaries: portal items that are not meetings."""

    def __init__(self, w: Writer) -> None:
        self.w = w

    def write(self) -> tuple[str, list[str]]:
        kind = self.w.rng.choices(
            ["decision", "notice", "letter", "anniversary", "ranking"], [28, 24, 20, 16, 12]
        )[0]
        self.w.art.notes.append(f"not a meeting: {kind}")
        return getattr(self, kind)()

    def _header(self, agency: str) -> list[str]:
        w = self.w
        where = w.place.name if w.named else ""
        upper = f"{w.art.tinh.upper()} {where.upper()}".strip()
        return [
            f"{agency}\n{upper}" if agency.startswith("ỦY BAN") else f"UBND {upper}\n{agency}",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
        ]

    def _signer(self, post: str, kt: str, role: str) -> str:
        w = self.w
        person = w.cast.who(post)
        w.art.person(person.name, role)
        return f"{kt}\n{role}\n\n(Đã ký)\n\n{person.name}"

    def decision(self):
        w, art, rng = self.w, self.w.art, self.w.rng
        d = w.day
        number = art.legal(f"{rng.randint(100, 3500)}/QĐ-UBND")
        plans = w.projects(1)
        if plans:
            name = w.project_name(plans[0][0])
            art.project(name)
            art.topic(*plans[0][0].topics)
            subject = f"Phê duyệt {name}"
        else:
            subject = (
                "Ban hành Quy chế quản lý, vận hành Cổng dịch vụ công và Hệ thống thông tin một cửa điện tử"
            )
            art.project("Cổng dịch vụ công")
            art.project("Hệ thống thông tin một cửa điện tử")
            art.topic("dich_vu_cong_truc_tuyen", "mot_cua_dien_tu")
        where = w.place.name if w.named else "........"
        paras = self._header("ỦY BAN NHÂN DÂN")
        paras += [
            f"Số: {number}",
            f"{where}, ngày {d.day} tháng {d.month} năm {d.year}",
            "QUYẾT ĐỊNH",
            subject,
            f"CHỦ TỊCH ỦY BAN NHÂN DÂN {art.tinh.upper()}{' ' + w.place.name.upper() if w.named else ''}",
        ]
        laws = art.laws_in_force()
        if laws:
            paras.append(f"Căn cứ {art.law(spec=rng.choice(laws), long=True)};")
        submission = rng.randint(10, 400)
        paras.append(
            f"Xét đề nghị của Giám đốc {w.cast.dept('full')} tại Tờ trình số {submission}/TTr-S{'KHCN' if w.kh else 'TTTT'}."
        )
        art.legal(f"{submission}/TTr-S{'KHCN' if w.kh else 'TTTT'}")
        paras += [
            "QUYẾT ĐỊNH:",
            f"Điều 1. {subject}.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            f"Điều 3. Chánh Văn phòng UBND {art.tinh}, Giám đốc {w.cast.dept('full')}, Thủ trưởng các sở, ban, ngành chịu trách nhiệm thi hành Quyết định này./.",
            self._signer("pct", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ]
        return f"Quyết định số {number}", paras

    def notice(self):
        w, art, rng = self.w, self.w.art, self.w.rng
        d = w.day
        training = rng.choice(trainings(w.day.year, w.kh)[:5])
        code, what, detail = training["topics"][0], training["what"], training["detail"]
        art.topic(*training["topics"])
        agency = "SỞ KHOA HỌC VÀ CÔNG NGHỆ" if w.kh else "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
        suffix = "SKHCN" if w.kh else "STTTT"
        number = art.legal(f"{rng.randint(100, 2500)}/TB-{suffix}")
        where = w.place.name if w.named else "........"
        paras = self._header(agency) + [
            f"Số: {number}",
            f"{where}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
            "THÔNG BÁO",
            f"Về việc tổ chức lớp {what}",
        ]
        paras.append(
            f"Thực hiện {art.local_law(topic=code.split()[0])}, {w.cast.dept('full')} thông báo tổ chức lớp tập huấn như sau:"
        )
        n1 = art.count(1, 3, "học viên", False)
        n2 = art.count(60, 400, "học viên", False)
        c1 = w.day + dt.timedelta(days=rng.randint(12, 30))
        paras += [
            "1. Đối tượng: cán bộ, công chức của các sở, ban, ngành và UBND các xã, phường.",
            f"2. Số lượng: mỗi đơn vị cử {n1}; tổng số dự kiến {n2}.",
            f"3. Thời gian: từ ngày {c1.day}/{c1.month}/{c1.year}, tại Hội trường Sở.",
            f"4. Nội dung: {detail[0].lower() + detail[1:]}",
        ]
        paras.append(
            f"Các cơ quan, đơn vị đăng ký danh sách học viên gửi về Sở {art.deadline()} bằng văn bản điện tử."
        )
        paras.append(self._signer("pgd", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"))
        return f"Thông báo tổ chức lớp {what}", paras

    def letter(self):
        """A công văn urging agencies to carry out a plan or a system, with a reporting deadline."""
        w, art, rng = self.w, self.w.art, self.w.rng
        d = w.day
        suffix = "SKHCN" if w.kh else "STTTT"
        number = art.legal(
            f"{rng.randint(100, 3000)}/{suffix}-{rng.choice(['CNTT', 'VP', 'BCVT', 'CĐS' if w.kh else 'TTBCXB'])}"
        )
        plans = w.projects(1)
        if plans:
            name = w.project_name(plans[0][0])
            art.project(name)
            art.topic(*plans[0][0].topics)
            subject = f"Về việc đôn đốc triển khai {name}"
        else:
            subject = "Về việc tăng cường sử dụng văn bản điện tử, chữ ký số"
            art.topic("van_ban_dien_tu", "chu_ky_so")
        agency = "SỞ KHOA HỌC VÀ CÔNG NGHỆ" if w.kh else "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
        paras = self._header(agency) + [
            f"Số: {number}",
            subject,
            f"{w.place.name}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}",
            f"Kính gửi: Các sở, ban, ngành; UBND các {'xã, phường' if d >= MERGER else 'huyện, thị xã, thành phố'}.",
        ]
        laws = art.laws_in_force()
        basis = (
            art.law(spec=rng.choice(laws))
            if laws and rng.random() < 0.6
            else art.local_law(topic=(art.topics or [None])[0])
        )
        paras.append(
            f"Thực hiện {basis}, {w.cast.dept('full')} đề nghị các cơ quan, đơn vị quan tâm chỉ đạo, triển khai các nội dung sau:"
        )
        for i, task in enumerate(w.directives(rng.randint(1, 3), 0.0), start=1):
            paras.append(f"{i}. {cap(task)}.")
        paras.append(
            f"Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở {art.deadline()} để tổng hợp, báo cáo UBND {art.tinh}./."
        )
        paras.append(self._signer("gd", "", "GIÁM ĐỐC").lstrip("\n"))
        return f"Công văn số {number} {subject[0].lower() + subject[1:]}", paras

    def anniversary(self):
        w, art, rng = self.w, self.w.art, self.w.rng
        y = w.day.year
        n = y - 1925
        leader_post = rng.choice(["tg", "pbt", "pct"])
        leader = w.cast.who(leader_post)
        lm = w.cast.first(leader, w.cast.title(leader_post), "dc")
        title = f"Gặp mặt kỷ niệm {n} năm Ngày Báo chí Cách mạng Việt Nam (21/6/1925 - 21/6/{y})"
        paras = [
            f"Nhân kỷ niệm {n} năm Ngày Báo chí Cách mạng Việt Nam, {art.tu}, UBND {art.tinh} tổ chức gặp mặt các cơ quan báo chí, "
            f"phóng viên, biên tập viên đang hoạt động trên địa bàn. Đến dự có {lm}.",
            f"Thời gian qua, các cơ quan báo chí đã đăng, phát {art.count(2000, 15000, 'tin, bài')}, góp phần tuyên truyền kịp thời "
            "các chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
            f"Dịp này, {art.count(5, 30, 'tác phẩm', False)} đoạt giải Báo chí {art.tinh} đã được trao thưởng.",
        ]
        art.topic("bao_chi_xuat_ban")
        return title, paras

    def ranking(self):
        w, art = self.w, self.w.art
        y = w.day.year
        index = (
            "Chỉ số chuyển đổi số cấp tỉnh (DTI)"
            if y >= 2021
            else "Chỉ số sẵn sàng cho phát triển và ứng dụng CNTT (Vietnam ICT Index)"
        )
        art.topic("chuyen_doi_so" if y >= 2021 else "chinh_quyen_dien_tu")
        paras = [
            f"Bộ {'Thông tin và Truyền thông' if not w.kh else 'Khoa học và Công nghệ'} vừa công bố {index} năm {y - 1}. "
            f"Theo đó, {art.tinh} {art.rank()}.",
            f"Trong đó, chỉ số thành phần về chính quyền số đạt {art.percent(40, 90)} tổng số điểm.",
            "Kết quả này phản ánh nỗ lực của các cấp, các ngành trong triển khai các nhiệm vụ được giao.",
        ]
        return f"Công bố {index} năm {y - 1}", paras

"""Who is who in an article: titles as portals write them, and mentions recorded in the gold."""

from __future__ import annotations

from typing import TYPE_CHECKING

from loaders.synth.world import MERGER, Person

if TYPE_CHECKING:
    from loaders.synth.articles import Writer


def short_title(title: str) -> str | None:
    """'Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh' -> 'Phó Chủ tịch'."""
    for word in ("Phó Chủ tịch", "Chủ tịch", "Phó Bí thư", "Bí thư"):
        if word in title.split(", ")[-1]:
            return word
    return None


class Cast:
    """Titles as the article writes them, and mentions that record people in the gold."""

    def __init__(self, w: Writer) -> None:
        self.w = w

    def dept(self, form: str | None = None) -> str:
        w = self.w
        if w.kh:
            full, short = "Sở Khoa học và Công nghệ", "Sở KH&CN"
        else:
            full, short = "Sở Thông tin và Truyền thông", f"Sở {w.abbr}"
        form = form or w.rng.choice(["full", "short", "short", "sở"])
        return {"full": full, "short": short, "sở": "Sở"}[form]

    def title(self, post: str, slot: int = 0) -> str:
        w, rng = self.w, self.w.rng
        tinh = w.art.tinh
        ubnd = rng.choice(["UBND", "UBND", "Ủy ban nhân dân"])
        where = w.phrase if w.named and rng.random() < 0.3 else tinh
        tu = w.art.tu
        if post == "ct":
            return f"Chủ tịch {ubnd} {where}"
        if post == "pct":
            r = rng.random()
            if slot == 0 and r < 0.15:
                return f"Phó Chủ tịch Thường trực UBND {tinh}"
            if r < 0.25:
                return f"Ủy viên Ban Thường vụ {tu}, Phó Chủ tịch UBND {tinh}"
            return f"Phó Chủ tịch {ubnd} {where}"
        if post == "bt":
            return f"Bí thư {tu} {w.place.name}" if w.named and rng.random() < 0.3 else f"Bí thư {tu}"
        if post == "pbt":
            return f"Phó Bí thư Thường trực {tu}"
        if post in ("tg", "ptg"):
            ban = "Ban Tuyên giáo và Dân vận" if w.day >= MERGER else "Ban Tuyên giáo"
            return f"{'Trưởng' if post == 'tg' else 'Phó Trưởng'} {ban} {tu}"
        if post == "vx":
            return f"Trưởng Ban Văn hóa - Xã hội HĐND {tinh}"
        dept = self.dept()
        if post == "gd":
            return "Giám đốc Sở" if dept == "Sở" else f"Giám đốc {dept}"
        if post == "pgd":
            if slot == 0 and rng.random() < 0.06 and not w.kh:
                return f"Phó Giám đốc phụ trách Sở {w.abbr}"
            return "Phó Giám đốc Sở" if dept == "Sở" else f"Phó Giám đốc {dept}"
        if post == "cvp":
            return "Chánh Văn phòng Sở"
        if post == "ctt":
            return "Chánh Thanh tra Sở"
        if post == "tp_cntt":
            return "Trưởng phòng Chuyển đổi số" if w.kh else "Trưởng phòng Công nghệ thông tin"
        if post == "tp_bcvt":
            return rng.choice(["Trưởng phòng Bưu chính - Viễn thông", "Trưởng phòng Bưu chính – Viễn thông"])
        if post == "tp_ttbc":
            return "Trưởng phòng Quản lý khoa học" if w.kh else "Trưởng phòng Thông tin - Báo chí - Xuất bản"
        if post == "gd_tt":
            return (
                "Giám đốc Trung tâm Công nghệ thông tin và Chuyển đổi số"
                if w.kh
                else "Giám đốc Trung tâm Công nghệ thông tin và Truyền thông"
            )
        if post == "tt":
            return (
                "Thứ trưởng Bộ Khoa học và Công nghệ"
                if w.kh
                else rng.choice(["Thứ trưởng Bộ Thông tin và Truyền thông", "Thứ trưởng Bộ TT&TT"])
            )
        if post == "cuc":
            if w.day.year >= 2023:
                return "Cục trưởng Cục Chuyển đổi số quốc gia"
            return (
                "Cục trưởng Cục Tin học hóa"
                if w.day.year >= 2017
                else "Cục trưởng Cục Ứng dụng công nghệ thông tin"
            )
        raise ValueError(post)

    def who(self, post: str, slot: int = 0) -> Person:
        w = self.w
        if post in ("tt", "cuc"):
            return w.world.national_holder(post, w.day, slot)
        return w.place.holder(post, w.day, slot)

    def first(self, person: Person, title: str, style: str | None = None) -> str:
        """First mention, which records the person with the title written there."""
        w, rng = self.w, self.w.rng
        w.art.person(person.name, title)
        style = style or rng.choices(["dc", "title", "ongba", "dash"], [40, 30, 20, 10])[0]
        honor = "bà" if person.female else "ông"
        if style == "dc":
            return f"đồng chí {person.name}, {title}"
        if style == "title":
            return f"{title} {person.name}"
        if style == "ongba":
            return f"{honor} {person.name}, {title}"
        return f"{rng.choice(['đồng chí', 'Đ/c'])} {person.name} – {title}"

    def again(self, person: Person, short_title: str | None = None) -> str:
        rng = self.w.rng
        honor = "bà" if person.female else "ông"
        if short_title and rng.random() < 0.5:
            return f"{short_title} {person.name}"
        return f"{rng.choice(['đồng chí', honor])} {person.name}"

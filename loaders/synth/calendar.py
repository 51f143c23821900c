"""When things happen: meeting days by kind, reporting periods, publication delays."""

from __future__ import annotations

import datetime as dt
import random

from loaders.synth.world import DEPT_MERGER, MERGER

D = dt.date
FIRST_DAY, LAST_DAY = D(2008, 1, 15), D(2026, 5, 31)

# Meeting types and their shares of the corpus; about 8% of items are not meetings.
KINDS = [
    ("monthly", 19),
    ("quarterly", 7),
    ("press", 5),
    ("cluster", 4),
    ("lam_viec", 21),
    ("review", 20),
    ("other", 14),
    ("not_meeting", 7),
]
MEETING_TYPE = {
    "monthly": "giao_ban",
    "quarterly": "giao_ban",
    "press": "giao_ban",
    "cluster": "giao_ban",
    "lam_viec": "lam_viec",
    "review": "so_ket_tong_ket",
    "other": "hoi_nghi_khac",
    "not_meeting": "not_meeting",
}


def weekday_shift(day: dt.date, rng: random.Random) -> dt.date:
    """Meetings fall on working days (a few on Saturdays)."""
    if day.weekday() == 6 or (day.weekday() == 5 and rng.random() < 0.85):
        return day + dt.timedelta(days=2 if day.weekday() == 5 else 1)
    return day


def _year(rng: random.Random) -> int:
    years = list(range(2008, 2027))
    weights = [1 + 0.25 * (y - 2008) for y in years]
    weights[-1] *= 5 / 12  # 2026 runs to May
    return rng.choices(years, weights)[0]


def _days_in(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def schedule(kind: str, rng: random.Random) -> tuple[dt.date, str | None, dict]:
    """The meeting day, the gold period and the words that name the period."""
    for _ in range(50):
        y = _year(rng)
        info: dict = {}
        period = None
        if kind in ("monthly", "press"):
            m = rng.randint(1, 12)
            ny, nm = _month_after(y, m)
            day = (
                _days_in(rng, D(y, m, 24), D(ny, nm, 1) - dt.timedelta(days=1))
                if rng.random() < 0.4
                else _days_in(rng, D(ny, nm, 1), D(ny, nm, 8 if kind == "monthly" else 10))
            )
            period, info = f"{y}-{m:02d}", {"unit": "month", "y": y, "m": m}
        elif kind == "quarterly":
            q = rng.randint(1, 4)
            end = D(y, 3 * q, 28)
            day = _days_in(rng, end - dt.timedelta(days=8), end + dt.timedelta(days=14))
            period, info = f"{y}-Q{q}", {"unit": "quarter", "y": y, "q": q}
        elif kind in ("review", "cluster"):
            which = rng.choices(["H1", "9M", "year"], [40, 15, 45] if kind == "review" else [50, 10, 40])[0]
            if which == "H1":
                day = _days_in(rng, D(y, 6, 20), D(y, 7, 25))
            elif which == "9M":
                day = _days_in(rng, D(y, 9, 25), D(y, 10, 20))
            else:
                day = _days_in(rng, D(y, 12, 8), D(y + 1, 1, 25))
            period = {"H1": f"{y}-H1", "9M": f"{y}-9M", "year": str(y)}[which]
            info = {"unit": which, "y": y}
        else:
            day = _days_in(rng, D(y, 1, 2), D(y, 12, 29))
            if kind == "lam_viec":
                r = rng.random()
                if day.month == 7 and r < 0.5:
                    period, info = f"{y}-H1", {"unit": "H1", "y": y}
                elif day.month in (8, 9, 10, 11) and r < 0.3:
                    n = day.month - 1
                    period, info = f"{y}-{n}M", {"unit": "NM", "y": y, "n": n}
                elif day.month in (1, 2) and r < 0.3:
                    period, info = str(y - 1), {"unit": "year", "y": y - 1}
        day = weekday_shift(day, rng)
        if kind == "cluster" and day >= MERGER:
            continue  # districts were abolished on 1 July 2025
        if kind == "press" and day >= DEPT_MERGER:
            continue  # press management left the department in March 2025
        if FIRST_DAY <= day <= LAST_DAY:
            return day, period, info
    raise RuntimeError("no date found")


def publication(day: dt.date, rng: random.Random) -> dt.date | None:
    if rng.random() < 0.18:
        return None
    delay = rng.choices(
        [0, 1, 2, rng.randint(3, 7), rng.randint(8, 40), rng.randint(60, 130)], [30, 35, 12, 13, 7, 3]
    )[0]
    pub = day + dt.timedelta(days=delay)
    if day < MERGER <= pub:
        pub = max(day, MERGER - dt.timedelta(days=1))  # never straddle the merger
    return pub

"""When a duty is due, read from the words plans use, so a child's later date is seen.

Plans give a duty's time in several shapes, and each is a different thing:

- a date: "trước ngày 30/11/2025", "chậm nhất ngày 15/12/2026", "trước ngày 05 tháng 12 năm 2026";
- a quarter, a month or a year: "Quý IV/2025", "trong quý IV năm 2025", "tháng 6/2026",
  "Hoàn thành trong năm 2025" (due at its end);
- a yearly date: "trước ngày 20/11 hằng năm" (a day of every year);
- a monthly day: "trước ngày 16 hàng tháng".

A deadline is comparable with another of the same shape only: a yearly date with a yearly
date, a dated time with a dated time; "thường xuyên" and "hằng năm" alone are frequencies, not
deadlines (app/rules/coverage compares frequencies).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from app.vn.normalize import clean

_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b")
_WORDED_DATE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_DAY_MONTH = re.compile(
    r"\bngày\s+(\d{1,2})\s*(?:[/.-]|\s+tháng\s+)\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)(?!\s+năm\s+\d)", re.IGNORECASE
)
_MONTHLY_DAY = re.compile(r"\bngày\s+(\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng\b", re.IGNORECASE)
_QUARTER = re.compile(r"\bquý\s+(IV|III|II|I|[1-4])\s*(?:/|năm)\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*(?:/|năm)\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_YEARLY = re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.IGNORECASE)
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class Deadline:
    """A deadline of one shape: ``date`` (dated), ``yearly`` (month, day) or ``monthly`` (day)."""

    shape: str
    date: dt.date | None = None
    month_day: tuple[int, int] | None = None
    day: int | None = None

    def later_than(self, other: Deadline) -> bool | None:
        """True when this deadline is later than ``other``; None when they cannot be compared."""
        if self.shape != other.shape:
            return None
        if self.date is not None and other.date is not None:
            return self.date > other.date
        if self.month_day is not None and other.month_day is not None:
            return self.month_day > other.month_day
        if self.day is not None and other.day is not None:
            return self.day > other.day
        return None


def deadline_in(text: str | None) -> Deadline | None:
    """The first deadline ``text`` states, in the order of the module docstring."""
    if not text:
        return None
    text = clean(text)
    for pattern in (_DATE, _WORDED_DATE):  # "30/11/2025", "ngày 05 tháng 12 năm 2026"
        if m := pattern.search(text):
            date = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            if date is not None:
                return Deadline("date", date=date)
    if m := _MONTHLY_DAY.search(text):
        return Deadline("monthly", day=int(m.group(1)))
    # a day and month without a year recur ("trước ngày 20/11 hằng năm", "(trước ngày 15/12)")
    if m := _DAY_MONTH.search(text):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return Deadline("yearly", month_day=(month, day))
    if m := _QUARTER.search(text):
        quarter, year = _QUARTERS[m.group(1).upper()], int(m.group(2))
        return Deadline("date", date=_month_end(year, quarter * 3))
    if m := _MONTH.search(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return Deadline("date", date=_month_end(year, month))
    if (m := _YEAR.search(text)) and not _YEARLY.search(text):
        return Deadline("date", date=dt.date(int(m.group(1)), 12, 31))
    return None


# Where a sentence states when ("..., trước ngày 20/11 hằng năm báo cáo ..."); a date elsewhere
# is a citation ("Nghị định số 200/2025/NĐ-CP ngày 09/7/2025"), not a deadline.
_WHEN = re.compile(
    r"\b(?:trước|chậm nhất|hoàn thành(?:\s+trong)?|trong|đến hết|từ)\s+(?:ngày|quý|tháng|năm)\b",
    re.IGNORECASE,
)


def deadlines_stated(text: str | None) -> list[Deadline]:
    """Every deadline a sentence states, one per "when" phrase: "hằng tháng (trước ngày 16
    hàng tháng), 6 tháng (trước ngày 16/6), tổng kết năm (trước ngày 20/11 hằng năm)"."""
    if not text:
        return []
    starts = [m.start() for m in _WHEN.finditer(text)]
    out = []
    for a, b in zip(starts, [*starts[1:], len(text)], strict=False):
        if (due := deadline_in(text[a:b])) is not None and due not in out:
            out.append(due)
    return out


def later_in_any(child: list[Deadline], parent: list[Deadline]) -> bool:
    """True when, for some deadline of the parent, the child's nearest one of the same shape is
    later: "6 tháng trước 15/6, năm trước 05/12" is met by "trước 10/6 và trước 01/12" (each
    date against its own), and missed by "hằng tháng trước ngày 20" for "trước ngày 16"."""
    for due in parent:
        same = [c for c in child if c.shape == due.shape]
        if same and min(same, key=lambda c: _distance(c, due)).later_than(due):
            return True
    return False


def _distance(a: Deadline, b: Deadline) -> int:
    if a.date is not None and b.date is not None:
        return abs((a.date - b.date).days)
    if a.month_day is not None and b.month_day is not None:
        return abs((a.month_day[0] - b.month_day[0]) * 31 + a.month_day[1] - b.month_day[1])
    return abs((a.day or 0) - (b.day or 0))


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])

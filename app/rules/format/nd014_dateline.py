"""ND014 dateline: "Place, ngày DD tháng M năm YYYY" — day padded, month padded only for 1–2, italic.

Yêu cầu / Requirement:
    Địa danh và thời gian: "Địa danh, ngày DD tháng M năm YYYY"; ngày dưới 10 có số 0; tháng chỉ thêm 0 với tháng 1, 2; dấu phẩy sau địa danh; in nghiêng 13–14 pt.
    Place and date as "Place, ngày DD tháng M năm YYYY": day padded below 10; month padded only for 1 and 2; a comma after the place; italic 13–14 pt.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.4 (nd30.md §2.4). "tháng 09" and "tháng 03" are
    common errors seen in real plans and generators.

Fails:
    "Hà Nội, ngày 5 tháng 3 năm 2020", "Hà Nội, ngày 05 tháng 03 năm 2020",
    "Hà Nội ngày 05 tháng 3 năm 2020" (no comma), an upright dateline.

Passes:
    "Hà Nội, ngày 05 tháng 01 năm 2020", "Vĩnh Cửu, ngày 31 tháng 12 năm 2019" in 14 pt italic;
    a draft's blank "ngày    tháng    năm 2025".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_size, check_style, finding
from app.vn.normalize import clean

CODE = "ND014"
NAME = "dateline"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.4; nd30.md §2.4"
_FORM = re.compile(
    r"^(?P<place>.*?)(?P<comma>,?)\s*ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d*)\s*\.?$"
)


def _problem(text: str) -> str | None:
    match = _FORM.match(text)
    if not match or (match["year"] and len(match["year"]) != 4):
        return "fmt_date_form"
    if not match["place"].strip() or not match["comma"]:
        return "fmt_date_comma"
    day, month = match["day"], match["month"]
    if day and (len(day) != 2 or not 1 <= int(day) <= 31):
        return "fmt_date_day"
    if month and (
        int(month) not in range(1, 13)
        or month != (f"{int(month):02d}" if int(month) <= 2 else str(int(month)))
    ):
        return "fmt_date_month"
    return None


def check(layout: Layout) -> Iterator[Finding]:
    paragraph = anatomy(layout).dateline
    if paragraph is None:
        return
    text = clean(paragraph.text)
    key = _problem(text)
    if key:
        yield finding(
            CODE, SEVERITY, paragraph.location, "fmt_part_dateline", t("fmt_text").format(text=text), t(key)
        )
    problem = check_style(CODE, SEVERITY, paragraph, "fmt_part_dateline", italic=True)
    problem = problem or check_size(CODE, SEVERITY, paragraph, "fmt_part_dateline", 13, 14)
    if problem:
        yield problem

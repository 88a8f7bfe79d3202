"""ND004 body-size: the body text is 13–14 pt.

Yêu cầu / Requirement:
    Chữ phần nội dung (kể cả đề mục) cỡ 13–14 pt.
    Body text, headings included, is 13–14 pt.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, bảng mẫu chữ, mục 6 (nd30.md §2.2, §2.5).

Fails:
    A body paragraph in 12 pt (a common carry-over from letters), or in Word's default 11 pt.

Passes:
    Every body paragraph in 14 pt.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_size

CODE = "ND004"
NAME = "body-size"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.6, bảng mẫu chữ mục 6; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    for paragraph in anatomy(layout).body:
        problem = check_size(CODE, SEVERITY, paragraph, "fmt_part_body", 13, 14)
        if problem:
            yield problem

"""ND016 subject: the trích yếu under "KẾ HOẠCH" is bold, upright, centred, 13–14 pt.

Yêu cầu / Requirement:
    Trích yếu nội dung: chữ đứng (không nghiêng), đậm, căn giữa, 13–14 pt, ngay dưới tên loại.
    The subject line is bold and upright (not italic), centred, 13–14 pt, right under the type name.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.5.a (nd30.md §2.2 row 5a): bold and upright; an italic
    subject is a frequent carry-over from the công văn "V/v" line.

Fails:
    An italic subject, a non-bold one, or one aligned left.

Passes:
    "Thực hiện Dự án 4 năm 2026" in 14 pt bold, centred.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_alignment, check_size, check_style

CODE = "ND016"
NAME = "subject"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.5.a; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    for paragraph in anatomy(layout).subject:
        problem = (
            check_style(CODE, SEVERITY, paragraph, "fmt_part_subject", bold=True, italic=False)
            or check_alignment(CODE, SEVERITY, paragraph, "fmt_part_subject", "center")
            or check_size(CODE, SEVERITY, paragraph, "fmt_part_subject", 13, 14)
        )
        if problem:
            yield problem

"""ND003 paper-a4-portrait: A4 paper, portrait (landscape only for later table sections).

Yêu cầu / Requirement:
    Khổ giấy A4 (210 × 297 mm), trang dọc; trang ngang chỉ cho phần bảng biểu, không cho section đầu.
    A4 paper (210 × 297 mm), portrait; landscape only for table sections, never the first one.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, mục I.1–I.2 (nd30.md §1): A4 for every administrative document.

Fails:
    A document on US Letter (215.9 × 279.4 mm, Word's US default), or a landscape first page.

Passes:
    Every section 210 × 297 mm; a landscape second section holding a wide table.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.facts import finding, fmt_pt

CODE = "ND003"
NAME = "paper-a4-portrait"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, I.1–I.2; nd30.md §1"
A4 = (210.0, 297.0)
TOLERANCE_MM = 1.0


def check(layout: Layout) -> Iterator[Finding]:
    for section in layout.sections:
        short, long_ = sorted((section.page_width_mm, section.page_height_mm))
        if abs(short - A4[0]) > TOLERANCE_MM or abs(long_ - A4[1]) > TOLERANCE_MM:
            found = f"{fmt_pt(section.page_width_mm)} × {fmt_pt(section.page_height_mm)} mm"
            yield finding(CODE, SEVERITY, section.location, "fmt_part_paper", found, t("fmt_paper_a4"))
        elif section.orientation == "landscape" and section.index == 1:
            yield finding(
                CODE,
                SEVERITY,
                section.location,
                "fmt_part_orientation",
                t("fmt_landscape"),
                t("fmt_landscape_only_tables"),
            )

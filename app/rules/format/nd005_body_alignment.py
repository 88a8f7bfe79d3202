"""ND005 body-alignment: body paragraphs are justified with a 1–1.27 cm first-line indent.

Yêu cầu / Requirement:
    Đoạn nội dung căn đều hai bên, thụt lề dòng đầu 1 cm hoặc 1,27 cm.
    Body paragraphs are justified, with a first-line indent of 1 cm or 1.27 cm.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.6.e (nd30.md §2.2, row 6). Bold headings ("I. MỤC
    ĐÍCH", "1. Mục tiêu") and centred part titles are exempt: ND30 does not fix their alignment.

Fails:
    A left-aligned body paragraph, or one with no first-line indent.

Passes:
    Justified paragraphs indented 1.27 cm; bold headings in any alignment.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import all_bold, check_alignment, finding, fmt_pt, range_text

CODE = "ND005"
NAME = "body-alignment"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.6.e; nd30.md §2.2"
INDENT_CM = (0.95, 1.32)  # 1 cm or 1.27 cm, with room for twips rounding


def check(layout: Layout) -> Iterator[Finding]:
    for paragraph in anatomy(layout).body:
        if all_bold(paragraph):
            continue
        problem = check_alignment(CODE, SEVERITY, paragraph, "fmt_part_body", "justify")
        if problem:
            yield problem
            continue
        indent = paragraph.first_line_indent_cm
        if not INDENT_CM[0] <= indent <= INDENT_CM[1]:
            yield finding(
                CODE,
                SEVERITY,
                paragraph.location,
                "fmt_part_indent",
                f"{fmt_pt(indent)} cm",
                range_text(1, 1.27, "cm"),
            )

"""ND015 doc-type: the type name "KẾ HOẠCH" is upper case, bold, centred, 13–14 pt.

Yêu cầu / Requirement:
    Tên loại "KẾ HOẠCH": chữ in hoa, đứng, đậm, căn giữa, 13–14 pt.
    The type name "KẾ HOẠCH" is upper case, upright, bold, centred, 13–14 pt.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.5.a (nd30.md §2.2 row 5a); a plan uses Mẫu 1.4 of Phụ lục III.

Fails:
    "Kế hoạch" in normal case, a left-aligned or non-bold title, or no "KẾ HOẠCH" line at all.

Passes:
    "KẾ HOẠCH" in 14 pt bold, centred, on its own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import DOC_TYPE, anatomy
from app.rules.format.facts import check_alignment, check_size, check_style, finding, is_upper, missing

CODE = "ND015"
NAME = "doc-type"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.5.a; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    paragraph = anatomy(layout).doc_type
    if paragraph is None:
        yield missing(CODE, SEVERITY, "fmt_part_doc_type", DOC_TYPE)
        return
    if not is_upper(paragraph):
        yield finding(
            CODE, SEVERITY, paragraph.location, "fmt_part_doc_type", t("fmt_not_upper"), t("fmt_upper")
        )
    for problem in (
        check_style(CODE, SEVERITY, paragraph, "fmt_part_doc_type", bold=True, italic=False),
        check_alignment(CODE, SEVERITY, paragraph, "fmt_part_doc_type", "center"),
        check_size(CODE, SEVERITY, paragraph, "fmt_part_doc_type", 13, 14),
    ):
        if problem:
            yield problem

"""ND015 doc-type: the type name ("KẾ HOẠCH", "BÁO CÁO", ...) is upper case, bold, centred, 13–14 pt.

Yêu cầu / Requirement:
    Tên loại văn bản (KẾ HOẠCH, BÁO CÁO, QUYẾT ĐỊNH, ...): chữ in hoa, đứng, đậm, căn giữa, 13–14 pt.
    The type name (KẾ HOẠCH, BÁO CÁO, QUYẾT ĐỊNH, ...) is upper case, upright, bold, centred, 13–14 pt.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.5.a (nd30.md §2.2 row 5a); every document with a type
    name uses Mẫu 1.4 of Phụ lục III, whose type names are listed in nd30.md §3.1. The linter
    also reads our own review note, a BÁO CÁO, and parents that are a QUYẾT ĐỊNH. That the
    symbol's type code agrees with the type name (KH ↔ KẾ HOẠCH) is checked by ND013.

Fails:
    "Kế hoạch" in normal case, a left-aligned or non-bold title, or no type-name line at all.

Passes:
    "KẾ HOẠCH" or "BÁO CÁO" in 14 pt bold, centred, on its own line.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_alignment, check_size, check_style, finding, is_upper, missing

CODE = "ND015"
NAME = "doc-type"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.5.a; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    paragraph = anatomy(layout).doc_type
    if paragraph is None:
        yield missing(CODE, SEVERITY, "fmt_part_doc_type", t("fmt_doc_type_any"))
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

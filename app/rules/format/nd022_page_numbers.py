"""ND022 page-numbers: page numbers centred in the header, not shown on page 1.

Yêu cầu / Requirement:
    Số trang: chữ số Ả Rập ở giữa lề trên (đầu trang), không hiển thị ở trang đầu.
    Page numbers in Arabic digits, centred in the header (top margin), not shown on page 1.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục I.7 (nd30.md §2.2, §2.9): in Word, a centred PAGE field
    in the header with "different first page" set. Checked on the first section; appendix
    sections restart numbering and are left alone. A one-page document needs no number, so a
    missing field is a warning.

Fails:
    A PAGE field in the footer only (none in the header), a right-aligned number, or a number
    on page 1 (no "different first page").

Passes:
    A centred PAGE field in the header and an empty first-page header.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.facts import finding

CODE = "ND022"
NAME = "page-numbers"
SEVERITY = Severity.WARNING
SOURCE = "NĐ 30/2020 Phụ lục I, Mục I.7; nd30.md §2.2, §2.9"


def check(layout: Layout) -> Iterator[Finding]:
    if not layout.sections:
        return
    section = layout.sections[0]
    fields = [p for p in section.header if p.has_page_field]
    where = section.location
    if not fields:
        yield finding(
            CODE,
            SEVERITY,
            where,
            "fmt_part_page_number",
            t("fmt_no_page_field"),
            t("fmt_page_field_required"),
        )
    elif any(p.alignment != "center" for p in fields):
        found = t(f"fmt_align_{fields[0].alignment}")
        yield finding(CODE, SEVERITY, where, "fmt_part_page_number", found, t("fmt_page_field_required"))
    first_page = section.first_page_header if section.different_first_page else section.header
    if fields and any(p.has_page_field for p in first_page):
        yield finding(
            CODE, SEVERITY, where, "fmt_part_page_number", t("fmt_page_on_first"), t("fmt_page_hidden_first")
        )

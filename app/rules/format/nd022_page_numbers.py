"""ND022 page-numbers: page numbers centred in the header, not shown on page 1.

Yêu cầu / Requirement:
    Số trang: chữ số Ả Rập ở giữa lề trên (đầu trang), cỡ 13–14 pt, chữ đứng, không hiển thị ở trang đầu.
    Page numbers in Arabic digits, centred in the header (top margin), 13–14 pt upright, not shown on page 1.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục I.7 (nd30.md §2.2, §2.9): in Word, a centred PAGE field
    in the header with "different first page" set. Checked on the first section; appendix
    sections restart numbering and are left alone. A one-page document needs no number, so a
    missing field is a warning.

Fails:
    A PAGE field in the footer only (none in the header), a right-aligned or 11 pt number, or a
    number on page 1 (no "different first page").

Passes:
    A centred PAGE field in the header and an empty first-page header.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.facts import finding, fmt_pt, range_text

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
    number = next((p.page_number for p in fields if p.page_number is not None), None)
    if number is not None and (
        number.size_pt is None or not 12.99 <= number.size_pt <= 14.01 or number.italic
    ):
        found = t("fmt_italic") if number.italic else t("fmt_size").format(size=fmt_pt(number.size_pt))
        yield finding(CODE, SEVERITY, where, "fmt_part_page_number", found, range_text(13, 14))
    first_page = section.first_page_header if section.different_first_page else section.header
    if fields and any(p.has_page_field for p in first_page):
        yield finding(
            CODE, SEVERITY, where, "fmt_part_page_number", t("fmt_page_on_first"), t("fmt_page_hidden_first")
        )

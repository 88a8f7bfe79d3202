"""ND012 issuer: the issuing body's name is upper case, bold, 12–13 pt.

Yêu cầu / Requirement:
    Tên cơ quan ban hành: chữ in hoa, đứng, đậm, 12–13 pt (dòng cơ quan chủ quản phía trên: in hoa, không đậm).
    The issuing body is upper case, upright, bold, 12–13 pt (a parent-body line above it: upper case, not bold).

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.2 (nd30.md §2.2 row 2, §5 header forms).

Fails:
    "Ủy ban nhân dân" in normal case, a non-bold "ỦY BAN NHÂN DÂN", or a 14 pt issuer.

Passes:
    "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NAM" in 13 pt bold; or "UBND TỈNH X" (regular) over "SỞ Y TẾ" (bold).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import any_bold, check_size, check_style, finding, is_upper

CODE = "ND012"
NAME = "issuer"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.2; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    lines = anatomy(layout).issuer
    # A regular first line above bold lines is the parent body (cơ quan chủ quản): not bold.
    parent = lines[0] if len(lines) > 1 and not any_bold(lines[0]) and any_bold(lines[1]) else None
    for paragraph in lines:
        if not is_upper(paragraph):
            yield finding(
                CODE, SEVERITY, paragraph.location, "fmt_part_issuer", t("fmt_not_upper"), t("fmt_upper")
            )
            continue
        style = (
            None
            if paragraph is parent
            else check_style(CODE, SEVERITY, paragraph, "fmt_part_issuer", bold=True, italic=False)
        )
        size = check_size(CODE, SEVERITY, paragraph, "fmt_part_issuer", 12, 13)
        problem = style or size
        if problem:
            yield problem

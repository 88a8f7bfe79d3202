"""ND019 recipients-title: "Nơi nhận:" is 12 pt bold italic, not underlined, left, beside the signer.

Yêu cầu / Requirement:
    "Nơi nhận:" cỡ 12 pt, đậm nghiêng, không gạch chân, sát lề trái, ngang hàng với dòng quyền hạn của người ký (không nằm dưới khối chữ ký).
    "Nơi nhận:" is 12 pt bold italic, not underlined, at the left margin, level with the signer's authority line (not below the signer block).

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.9.b (nd30.md §2.2 row 9b, §2.7).

Fails:
    "Nơi nhận:" underlined, in 14 pt, upright, or placed under the signature.

Passes:
    "Nơi nhận:" in 12 pt bold italic in the left cell of a borderless table whose right cell
    holds the signer block.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_alignment, check_size, check_style, finding, missing

CODE = "ND019"
NAME = "recipients-title"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.9.b; nd30.md §2.2, §2.7"


def check(layout: Layout) -> Iterator[Finding]:
    parts = anatomy(layout)
    title = parts.recipients_title
    if title is None:
        if parts.signer:
            yield missing(CODE, SEVERITY, "fmt_part_recipients_title", "Nơi nhận:")
        return
    for problem in (
        check_style(
            CODE, SEVERITY, title, "fmt_part_recipients_title", bold=True, italic=True, underline=False
        ),
        check_size(CODE, SEVERITY, title, "fmt_part_recipients_title", 12, 12),
        check_alignment(CODE, SEVERITY, title, "fmt_part_recipients_title", "left", "justify"),
    ):
        if problem:
            yield problem
    signer = parts.signer
    beside = title.table is not None and any((p.table, p.row) == (title.table, title.row) for p in signer)
    if signer and not beside and signer[0].index < title.index:
        yield finding(
            CODE,
            SEVERITY,
            title.location,
            "fmt_part_recipients_title",
            t("fmt_below_signer"),
            t("fmt_beside_signer"),
        )

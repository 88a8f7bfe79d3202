"""ND007 text-colour: all text is black.

Yêu cầu / Requirement:
    Chữ trong văn bản màu đen (chỉ chữ ký màu xanh và dấu màu đỏ, là hình ảnh, không phải chữ).
    Text is black (only the signature, blue, and the seal, red, are coloured, and they are images).

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, mục I.4 (nd30.md §1, Colour). Coloured text in a draft is
    usually a reviewer's mark or a pasted hyperlink left behind.

Fails:
    A sentence left in red after review, or a blue hyperlink-styled address.

Passes:
    Every run automatic (black) or explicitly 000000.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.facts import finding

CODE = "ND007"
NAME = "text-colour"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, I.4; nd30.md §1"
BLACK = {None, "000000"}


def check(layout: Layout) -> Iterator[Finding]:
    for paragraph in layout.paragraphs:
        colours = sorted({run.color or "" for run in paragraph.text_runs if run.color not in BLACK})
        if colours:
            found = ", ".join(f"#{colour}" for colour in colours)
            yield finding(CODE, SEVERITY, paragraph.location, "fmt_part_colour", found, t("fmt_black"))

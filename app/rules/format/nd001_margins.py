"""ND001 margins: the four page margins stay inside the ND30 ranges.

Yêu cầu / Requirement:
    Lề trên 20–25 mm, lề dưới 20–25 mm, lề trái 30–35 mm, lề phải 15–20 mm, ở mọi section.
    Top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm, in every section.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, mục I.3 (nd30.md §1). Word's default margins (25.4/31.8 mm)
    break the right-margin range, so a draft started from a blank Word file fails here.

Fails:
    A section with a 25 mm left margin, or Word's default 31.8 mm right margin.

Passes:
    Margins 20/20/30/15 mm (top/bottom/left/right), the house default.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.rules.finding import Finding, Severity
from app.rules.format.facts import finding, fmt_pt, range_text

CODE = "ND001"
NAME = "margins"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, I.3; nd30.md §1"
RANGES = {"top": (20.0, 25.0), "bottom": (20.0, 25.0), "left": (30.0, 35.0), "right": (15.0, 20.0)}
TOLERANCE_MM = 0.3  # Word stores twips: 20 mm is 1134 twips = 20.004 mm


def check(layout: Layout) -> Iterator[Finding]:
    for section in layout.sections:
        for side, (low, high) in RANGES.items():
            value: float = getattr(section, f"{side}_mm")
            if not low - TOLERANCE_MM <= value <= high + TOLERANCE_MM:
                yield finding(
                    CODE,
                    SEVERITY,
                    section.location,
                    f"fmt_part_margin_{side}",
                    f"{fmt_pt(value)} mm",
                    range_text(low, high, "mm"),
                )

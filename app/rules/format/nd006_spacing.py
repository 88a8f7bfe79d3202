"""ND006 spacing: at least 6 pt between body paragraphs, line spacing single to 1.5 lines.

Yêu cầu / Requirement:
    Khoảng cách giữa các đoạn tối thiểu 6 pt; giãn dòng từ 1 dòng (single) đến 1,5 dòng.
    At least 6 pt between paragraphs; line spacing from single to 1.5 lines.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.6.e (nd30.md §1, §2.2).

Fails:
    Body paragraphs with 0 pt spacing, or double line spacing; a "List Paragraph" list whose
    6 pt is cancelled by Word's "don't add space between paragraphs of the same style".

Passes:
    6 pt after each paragraph and 1.15 line spacing; an exact 18 pt line height at 14 pt text;
    an "at least 12 pt" line (never lower than single).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout, Paragraph
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import finding, fmt_pt, range_text

CODE = "ND006"
NAME = "spacing"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.6.e; nd30.md §1"
MIN_GAP_PT = 6.0
LINES = (1.0, 1.5)
SINGLE_LINE_RATIO = 1.15  # a single Times New Roman line is about 1.15 × the font size


def _line_multiple(paragraph: Paragraph) -> float | None:
    if paragraph.line_spacing_pt is None:
        return paragraph.line_spacing
    sizes = [run.size_pt for run in paragraph.text_runs if run.size_pt]
    if not sizes:
        return None
    lines = paragraph.line_spacing_pt / (max(sizes) * SINGLE_LINE_RATIO)
    # "At least" never shrinks a line below its natural (single) height.
    return max(lines, 1.0) if paragraph.line_spacing_rule == "atLeast" else lines


def _gap(paragraph: Paragraph, after: Paragraph | None) -> float:
    """Space after one paragraph plus space before the next, as Word lays them out."""
    if after is None:
        return paragraph.space_after_pt
    same_style = paragraph.style == after.style
    # "Don't add space between paragraphs of the same style" (w:contextualSpacing).
    below = 0.0 if same_style and paragraph.contextual_spacing else paragraph.space_after_pt
    above = 0.0 if same_style and after.contextual_spacing else after.space_before_pt
    return below + above


def check(layout: Layout) -> Iterator[Finding]:
    body = anatomy(layout).body
    following = {p.index: layout.paragraphs[p.index] for p in body if p.index < len(layout.paragraphs)}
    for paragraph in body:
        gap = _gap(paragraph, following.get(paragraph.index))
        if paragraph is not body[-1] and gap < MIN_GAP_PT - 0.05:
            yield finding(
                CODE,
                SEVERITY,
                paragraph.location,
                "fmt_part_spacing",
                f"{fmt_pt(gap)} pt",
                f"≥ {fmt_pt(MIN_GAP_PT)} pt",
            )
            continue
        lines = _line_multiple(paragraph)
        if lines is not None and not LINES[0] - 0.05 <= lines <= LINES[1] + 0.05:
            yield finding(
                CODE,
                SEVERITY,
                paragraph.location,
                "fmt_part_line_spacing",
                fmt_pt(round(lines, 2)),
                range_text(*LINES, unit=""),
            )

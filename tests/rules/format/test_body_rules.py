"""ND001–ND006, ND017, ND018, ND022: page set-up and the body."""

from __future__ import annotations

from dataclasses import replace

from app.extract.layout import HeaderParagraph, Run, Section
from app.rules.format import lint
from tests.rules.format.layouts import body, layout, plain_plan


def _found(codes: list[str], *sections: Section, **overrides: object) -> list[tuple[str, str]]:
    plan = plain_plan(**overrides)  # type: ignore[arg-type]
    return [(f.rule, f.location) for f in lint(layout(*plan, sections=sections or (Section(1),)), codes)]


def test_margins_at_both_ends_of_the_ranges_pass() -> None:
    assert _found(["ND001"], Section(1, top_mm=25, bottom_mm=20, left_mm=35, right_mm=20)) == []


def test_word_default_margins_break_the_right_margin_range() -> None:
    word = Section(1, top_mm=25.4, bottom_mm=25.4, left_mm=31.8, right_mm=31.8)
    assert _found(["ND001"], word) == [("ND001", "mục 1 (section)")] * 3


def test_landscape_is_allowed_for_a_later_table_section_only() -> None:
    landscape = Section(2, page_width_mm=297, page_height_mm=210, orientation="landscape")
    assert _found(["ND003"], Section(1), landscape) == []
    first = Section(1, page_width_mm=297, page_height_mm=210, orientation="landscape")
    assert _found(["ND003"], first) == [("ND003", "mục 1 (section)")]


def test_a_run_without_any_font_is_reported_as_unknown() -> None:
    plan = plain_plan(a=body("a) Tuyên truyền;", font=""))
    findings = lint(layout(*plan), ["ND002"])
    assert [(f.rule, f.location, f.found) for f in findings] == [("ND002", "đoạn 9", "không rõ")]


def test_body_size_12_is_reported_but_headings_at_13_pass() -> None:
    found = _found(
        ["ND004"], a=body("a) Tuyên truyền;", size=12), heading=body("I. MỤC ĐÍCH", size=13, bold=True)
    )
    assert found == [("ND004", "đoạn 9")]


def test_bold_headings_are_exempt_from_justification_but_text_is_not() -> None:
    heading = body("I. MỤC ĐÍCH, YÊU CẦU", bold=True, alignment="left", first_line_indent_cm=0)
    assert _found(["ND005"], heading=heading) == []
    assert _found(["ND005"], a=body("a) Tuyên truyền;", first_line_indent_cm=0.5)) == [("ND005", "đoạn 9")]


def test_exact_line_height_is_compared_with_the_font_size() -> None:
    assert _found(["ND006"], a=body("a) Tuyên truyền;", line_spacing=None, line_spacing_pt=18)) == []
    assert _found(["ND006"], a=body("a) Tuyên truyền;", line_spacing=None, line_spacing_pt=30)) == [
        ("ND006", "đoạn 9")
    ]


def test_at_least_line_height_below_the_font_size_is_single_spacing() -> None:
    small = body("a) Tuyên truyền;", line_spacing=None, line_spacing_pt=12, line_spacing_rule="atLeast")
    assert _found(["ND006"], a=small) == []
    exact = body("a) Tuyên truyền;", line_spacing=None, line_spacing_pt=12, line_spacing_rule="exact")
    assert _found(["ND006"], a=exact) == [("ND006", "đoạn 9")]


def test_space_before_the_next_paragraph_counts_towards_the_gap() -> None:
    plan = plain_plan(a=body("a) Tuyên truyền;", space_after_pt=0), b=body("b) Rà soát;", space_before_pt=6))
    assert [f.rule for f in lint(layout(*plan), ["ND006"])] == []


def test_point_letters_restart_under_each_khoan() -> None:
    plan = plain_plan(
        a=body("a) Một;"),
        b=body("b) Hai;"),
        heading=body("1. Khoản", bold=True),
        closing=body("a) Lại từ đầu./."),
    )
    plan.insert(10, body("2. Khoản hai", bold=True))
    assert [f.rule for f in lint(layout(*plan), ["ND017"])] == []


def test_body_ending_without_the_closing_mark_is_reported() -> None:
    assert _found(["ND018"], closing=body("Trên đây là Kế hoạch của UBND xã.")) == [("ND018", "đoạn 11")]


def test_right_aligned_page_number_is_reported() -> None:
    header = (HeaderParagraph("", "right", True),)
    assert _found(["ND022"], Section(1, header=header)) == [("ND022", "mục 1 (section)")]
    assert _found(["ND022"], Section(1, header=(HeaderParagraph("", "center", True),))) == []


def test_automatic_lettering_is_judged_by_its_shown_label() -> None:
    """Word's lowerLetter lists run a b c d e: the fifth item must be "đ)"."""
    letters = [replace(body(f"Việc thứ {n};"), label=f"{chr(96 + n)})") for n in range(1, 6)]
    plan = plain_plan()
    plan[8:10] = letters
    findings = lint(layout(*plan), ["ND017"])
    assert [(f.rule, f.location) for f in findings] == [("ND017", "đoạn 13")]


def test_contextual_spacing_cancels_the_gap_between_paragraphs_of_one_style() -> None:
    listed = {"style": "List Paragraph", "contextual_spacing": True}
    plan = plain_plan(a=body("a) Tuyên truyền;", **listed), b=body("b) Rà soát;", **listed))
    assert [(f.rule, f.location) for f in lint(layout(*plan), ["ND006"])] == [("ND006", "đoạn 9")]


def test_small_or_italic_page_number_is_reported() -> None:
    small = HeaderParagraph("", "center", True, Run("", "Times New Roman", 11))
    italic = HeaderParagraph("", "center", True, Run("", "Times New Roman", 14, italic=True))
    fine = HeaderParagraph("", "center", True, Run("", "Times New Roman", 13))
    assert _found(["ND022"], Section(1, header=(small,))) == [("ND022", "mục 1 (section)")]
    assert _found(["ND022"], Section(1, header=(italic,))) == [("ND022", "mục 1 (section)")]
    assert _found(["ND022"], Section(1, header=(fine,))) == []

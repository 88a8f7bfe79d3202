"""ND010–ND012, ND015, ND016: the header band and the title block."""

from __future__ import annotations

from app.rules.format import lint
from tests.rules.format.layouts import layout, p, plain_plan


def _rules(codes: list[str], **overrides: object) -> list[tuple[str, str]]:
    plan = plain_plan(**overrides)  # type: ignore[arg-type]
    return [(f.rule, f.location) for f in lint(layout(*plan), codes)]


def test_old_tone_placement_in_the_national_name_is_the_same_text() -> None:
    assert _rules(["ND010"], qh=p("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)) == []


def test_national_name_in_normal_case_or_misspelt_is_reported() -> None:
    assert _rules(["ND010"], qh=p("Cộng hòa xã hội chủ nghĩa Việt Nam", 12, bold=True)) == [
        ("ND010", "đoạn 3")
    ]
    assert _rules(["ND010"], qh=p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIÊT NAM", 12, bold=True)) == [
        ("ND010", "đoạn 3")
    ]


def test_misplaced_tone_mark_is_the_same_word() -> None:
    """ "NGHIÃ" only places the tone differently (old/new placement are both in use)."""
    assert _rules(["ND010"], qh=p("CỘNG HÒA XÃ HỘI CHỦ NGHIÃ VIỆT NAM", 12, bold=True)) == []


def test_national_name_size_and_weight_are_both_reported() -> None:
    found = _rules(["ND010"], qh=p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 14))
    assert found == [("ND010", "đoạn 3"), ("ND010", "đoạn 3")]


def test_motto_without_spaces_around_the_hyphens_is_reported() -> None:
    motto = p("Độc lập-Tự do-Hạnh phúc", 13, bold=True, alignment="center")
    assert _rules(["ND011"], tn=motto) == [("ND011", "đoạn 4")]


def test_motto_with_en_dashes_reads_as_the_motto() -> None:
    motto = p("Độc lập – Tự do – Hạnh phúc", 13, bold=True, alignment="center")
    assert _rules(["ND011"], tn=motto) == []


def test_parent_body_line_may_be_regular_but_issuer_must_be_bold() -> None:
    parent = p("UBND TỈNH ĐỒNG NAI", 13, alignment="center")
    issuer = p("SỞ Y TẾ", 13, bold=True, alignment="center")
    plan = plain_plan()
    plan[0:1] = [parent, issuer]
    assert [f.rule for f in lint(layout(*plan), ["ND012"])] == []
    plan[1] = p("SỞ Y TẾ", 13, alignment="center")
    assert [(f.rule, f.location) for f in lint(layout(*plan), ["ND012"])] == [
        ("ND012", "đoạn 1"),
        ("ND012", "đoạn 2"),
    ]


def test_issuer_in_normal_case_is_reported() -> None:
    assert _rules(["ND012"], issuer=p("Ủy ban nhân dân xã Tân Phú", 13, bold=True)) == [("ND012", "đoạn 1")]


def test_doc_type_in_normal_case_is_still_found_and_reported() -> None:
    assert _rules(["ND015"], type=p("Kế hoạch", 14, bold=True, alignment="center")) == [("ND015", "đoạn 6")]


def test_italic_subject_is_reported() -> None:
    subject = p("Phòng, chống ma túy năm 2026", 14, bold=True, italic=True, alignment="center")
    assert _rules(["ND016"], subject=subject) == [("ND016", "đoạn 7")]

"""Plan -> template context: the ND30 decisions that depend on the data."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.plan import Funding, Reference, SectionKind
from app.render.context import (
    build_context,
    citation,
    dateline,
    final_sentence,
    number_symbol,
    point_label,
    punctuated,
    recipient_lines,
)
from app.render.measure import NBSP, header_line, rule_text, text_width_em
from tests.builders import make_plan, make_section, points_section

MONTHS = {
    1: "01",
    2: "02",
    3: "3",
    4: "4",
    5: "5",
    6: "6",
    7: "7",
    8: "8",
    9: "9",
    10: "10",
    11: "11",
    12: "12",
}


@pytest.mark.parametrize("month", range(1, 13))
def test_dateline_pads_only_months_one_and_two(month: int) -> None:
    text = dateline("Vĩnh Cửu", dt.date(2020, month, 5))
    assert text == f"Vĩnh Cửu, ngày 05 tháng {MONTHS[month]} năm 2020"


@pytest.mark.parametrize(("day", "shown"), [(1, "01"), (9, "09"), (10, "10"), (31, "31")])
def test_dateline_pads_days_below_ten(day: int, shown: str) -> None:
    assert dateline("Đồng Nai", dt.date(2019, 12, day)) == f"Đồng Nai, ngày {shown} tháng 12 năm 2019"


def test_dateline_without_a_date_leaves_room_to_write_it() -> None:
    assert dateline("Vĩnh Cửu", None).startswith("Vĩnh Cửu, ngày ")
    assert "tháng" in dateline("Vĩnh Cửu", None)


@pytest.mark.parametrize(
    ("number", "shown"), [(5, "05/KH-UBND"), (9, "09/KH-UBND"), (10, "10/KH-UBND"), (2735, "2735/KH-UBND")]
)
def test_number_is_padded_below_ten(number: int, shown: str) -> None:
    assert number_symbol(number, "KH-UBND") == shown


def test_blank_number_leaves_six_spaces_before_the_symbol() -> None:
    assert number_symbol(None, "KH-UBND") == f"{NBSP * 6}/KH-UBND"


def test_point_labels_follow_the_vietnamese_alphabet() -> None:
    labels = [point_label(i) for i in range(12)]
    assert labels == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "k)", "l)", "m)"]
    assert not any(point_label(i).startswith(("f", "j", "w", "z")) for i in range(23))


def test_points_in_the_body_carry_vietnamese_letters() -> None:
    plan = make_plan(sections=[make_section("Mục tiêu", sections=[points_section(6)])])
    texts = [item["text"] for item in build_context(plan)["body"]]
    assert "đ) Điểm số 5" in texts
    assert "e) Điểm số 6" in texts


def test_recipients_get_one_semicolon_and_the_archive_line_a_full_stop() -> None:
    plan = make_plan(recipients=["UBND tỉnh (b/c);", "- Các xã.", "  Như trên ;; "], archive=["VT", "TH."])
    assert recipient_lines(plan) == ["- UBND tỉnh (b/c);", "- Các xã;", "- Như trên;", "- Lưu: VT, TH."]


def test_legal_bases_end_with_semicolons_and_the_last_with_a_full_stop() -> None:
    assert punctuated(["Căn cứ A;", "Căn cứ B.", "Căn cứ C;"]) == ["Căn cứ A;", "Căn cứ B;", "Căn cứ C."]


def test_citation_is_built_from_its_parts_when_no_text_is_given() -> None:
    ref = Reference(
        relation="implements",
        number="2735",
        symbol="KH-UBND",
        date=dt.date(2018, 3, 22),
        issuer="UBND tỉnh",
        title="Dự án 4",
    )
    assert citation(ref) == "Thực hiện Kế hoạch số 2735/KH-UBND ngày 22/3/2018 của UBND tỉnh về Dự án 4"
    ref_jan = Reference(doc_type="Kế hoạch", number="15", symbol="KH-LĐTBXH", date=dt.date(2019, 1, 22))
    assert citation(ref_jan) == "Căn cứ Kế hoạch số 15/KH-LĐTBXH ngày 22/01/2019"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xong.", "Xong./."),
        ("Xong", "Xong./."),
        ("Xong./.", "Xong./."),
        ("Xong;", "Xong./."),
        ("Xong./. ", "Xong./."),
    ],
)
def test_last_sentence_ends_with_slash_dot_never_doubled(text: str, expected: str) -> None:
    assert final_sentence(text) == expected


def test_the_last_body_paragraph_ends_with_slash_dot_without_a_closing() -> None:
    body = build_context(make_plan(closing=None))["body"]
    assert body[-1]["text"].endswith("./.")
    assert sum(item["text"].count("./.") for item in body) == 1


def test_a_plan_without_parts_ends_its_opening_text_with_slash_dot() -> None:
    # found in QA: with no sections the document had no "./." at all
    context = build_context(make_plan(sections=[], closing=None, preamble=["Mở đầu.", "Nội dung chính;"]))
    assert context["body"] == []
    assert context["preamble"] == ["Mở đầu.", "Nội dung chính./."]


def test_funding_goes_into_a_new_section_before_organization() -> None:
    plan = make_plan(funding=Funding(sources=["ngân sách huyện"], amount=1_100_000))
    body = build_context(plan)["body"]
    titles = [item["text"] for item in body if item["kind"] == "muc"]
    assert titles == ["MỤC TIÊU", "KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]
    assert any("1.100.000 đồng" in item["text"] for item in body)


def test_funding_goes_into_the_existing_funding_section() -> None:
    sections = [make_section("Kinh phí", kind=SectionKind.FUNDING, text=["Từ ngân sách."])]
    body = build_context(make_plan(sections=sections, funding=Funding(text=["Theo phân cấp."])))["body"]
    assert [i["text"] for i in body[:3]] == ["KINH PHÍ", "Từ ngân sách.", "Theo phân cấp."]


def test_untitled_item_prints_its_first_line_as_the_numbered_paragraph() -> None:
    plan = make_plan(
        sections=[make_section("Giải pháp", sections=[make_section(None, text=["Tăng cường.", "Thêm."])])]
    )
    body = build_context(plan)["body"]
    assert body[1] == {"kind": "khoan_text", "text": "Tăng cường."}
    assert body[2]["kind"] == "body"


def test_control_characters_are_dropped_and_line_breaks_kept() -> None:
    plan = make_plan(subject="Dòng một\r\nDòng hai\x0c\x07\x00")
    assert build_context(plan)["subject"] == "Dòng một\nDòng hai"


def test_header_rules_are_a_third_to_a_half_of_their_text() -> None:
    context = build_context(make_plan())
    widest = max(context["issuer_lines"], key=text_width_em)
    ratio = len(context["issuer_rule"]) / 4 / text_width_em(widest)
    assert 1 / 3 <= ratio <= 1 / 2
    subject_ratio = len(context["subject_rule"]) / 4 / min(text_width_em(context["subject"]), 33.4)
    assert 1 / 3 <= subject_ratio <= 1 / 2
    assert set(rule_text("ABC", 0.4)) == {NBSP}


def test_signer_lines_are_upper_case_one_per_line() -> None:
    context = build_context(make_plan())
    assert context["signer_lines"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert context["signer_name"] == "Phạm Minh Phước"


def test_a_short_header_line_is_left_as_it_is() -> None:
    assert header_line("TỈNH BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu") == "TỈNH BÀ RỊA - VŨNG TÀU"


def test_a_wrapping_header_line_keeps_the_place_name_whole() -> None:
    # found in QA: "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA / - VŨNG TÀU" as the cơ quan chủ quản line
    line = header_line("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu")
    assert line == f"ỦY BAN NHÂN DÂN TỈNH BÀ{NBSP}RỊA{NBSP}-{NBSP}VŨNG{NBSP}TÀU"
    agency = header_line("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH BÌNH DƯƠNG", "Bình Dương")
    assert f"ĐỘNG{NBSP}-{NBSP}THƯƠNG" in agency
    assert f"BÌNH{NBSP}DƯƠNG" in agency


def test_the_header_context_binds_names_in_the_parent_body_and_the_issuer() -> None:
    plan = make_plan()
    plan.issuer.parent_body = "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"
    plan.issuer.place = "Bà Rịa - Vũng Tàu"
    context = build_context(plan)
    assert context["parent_body"].endswith(f"BÀ{NBSP}RỊA{NBSP}-{NBSP}VŨNG{NBSP}TÀU")
    assert context["parent_body"].replace(NBSP, " ") == "ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU"


def test_a_long_place_name_wraps_the_dateline_after_the_comma() -> None:
    # found in QA: "Thành phố Hồ Chí Minh, ngày 25 tháng 12 năm" / "2024"
    long_line = dateline("Thành phố Hồ Chí Minh", dt.date(2024, 12, 25))
    assert long_line == f"Thành phố Hồ Chí Minh, ngày{NBSP}25{NBSP}tháng{NBSP}12{NBSP}năm{NBSP}2024"
    assert (
        dateline("Bà Rịa - Vũng Tàu", dt.date(2024, 10, 8)) == "Bà Rịa - Vũng Tàu, ngày 08 tháng 10 năm 2024"
    )

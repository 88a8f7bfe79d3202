"""Clauses of plan text → targets (app/extract/clauses.py), from real wording."""

from __future__ import annotations

from app.extract.clauses import Scope, extract_targets


def test_a_second_measure_after_a_comma_is_a_target_of_its_own() -> None:
    text = (
        "Tổng giá trị sản phẩm Xoài tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD, "
        "tốc độ tăng bình quân 08 - 09%/năm."
    )
    found = extract_targets(text, Scope(deadline=2030, own_level="province"))
    assert [(t.value, t.unit) for t in found] == [(10, "triệu USD"), (9, "%")]


def test_a_lead_naming_the_product_goes_into_each_measure_and_its_growth() -> None:
    # a commune's share of 2954/QĐ-UBND (Sơn La): one line per fruit
    text = (
        "Xoài (xoài tròn Yên Châu, xoài Đài Loan): sản lượng tham gia xuất khẩu đạt 7.500 tấn, "
        "giá trị 4,2 triệu USD, tăng bình quân 09 - 10%/năm; thị trường chính là Trung Quốc."
    )
    found = extract_targets(text, Scope(deadline=2030, own_level="commune"))
    assert [(t.value, t.unit) for t in found] == [(7500, "tấn"), (4.2, "triệu USD"), (10, "%")]
    assert all("Xoài" in (t.metric or "") for t in found)
    assert (found[2].metric or "").startswith("tốc độ tăng bình quân")


def test_shares_listed_for_several_years_respectively_take_one_year_each() -> None:
    # a commune's share of 617/KH-UBND (Đồng Tháp)
    text = (
        "Đến hết năm 2035 và năm 2040, tỷ lệ DNNVV, HTX, HKD trên địa bàn xã ứng dụng công nghệ "
        "số lần lượt đạt tối thiểu 90% và 95%."
    )
    found = extract_targets(text, Scope(deadline=2030, own_level="commune"))
    assert [(t.value, t.deadline) for t in found] == [(90, 2035), (95, 2040)]
    assert found[0].metric == found[1].metric


def test_a_section_title_and_the_subjects_period_set_the_targets_deadline() -> None:
    from app.extract.plan_text import parse_plan
    from app.extract.txt_text import read_txt

    text = """ỦY BAN NHÂN DÂN
PHƯỜNG LONG KHÁNH
Số: 12/KH-UBND
Long Khánh, ngày 28 tháng 11 năm 2025
KẾ HOẠCH
Phát triển kinh tế số giai đoạn 2026 - 2030, định hướng đến năm 2035
II. MỤC TIÊU
1. Về kinh tế số (đến năm 2028)
a) Tỷ lệ doanh nghiệp ứng dụng thương mại điện tử đạt trên 75%.
2. Về xã hội số
a) Tỷ lệ người dân có hồ sơ học tập điện tử cá nhân đạt 100%.
"""
    plan = parse_plan(read_txt(text.encode("utf-8"), "kh.txt"))
    assert [t.deadline for t in plan.targets()] == [2028, 2030]


def test_a_piece_naming_only_its_measure_measures_the_subject_before_it() -> None:
    # a commune's share of 2954/QĐ-UBND (Sơn La): the product is named once, in the first piece
    text = (
        "Trong đó: sản phẩm sắn (sắn lát khô, tinh bột sắn) đạt 27.000 tấn, giá trị 12 triệu USD, "
        "tăng bình quân 10 - 11%/năm; cà phê nhân đạt 1.000 tấn, giá trị 4,8 triệu USD."
    )
    found = extract_targets(text, Scope(deadline=2030, own_level="commune"))
    assert [(t.value, t.unit) for t in found] == [
        (27000, "tấn"),
        (12, "triệu USD"),
        (11, "%"),
        (1000, "tấn"),
        (4.8, "triệu USD"),
    ]
    assert found[1].metric.startswith("giá trị sản phẩm sắn")
    assert "sắn" in found[2].metric
    assert found[4].metric == "giá trị cà phê nhân"

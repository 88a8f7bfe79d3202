"""Sentence → targets: the grammar of Vietnamese plan targets, one construction per test.

The sentences are written for these tests (not copied from the labelled seeds), so they check
the rules rather than the development set.
"""

from __future__ import annotations

import pytest

from app.domain.targets import Comparator, Frequency, Target
from app.extract.clauses import Scope, extract_targets, split_clauses
from app.extract.figures import find_heads


def targets(text: str, deadline: int | None = 2030, level: str | None = "district") -> list[Target]:
    return extract_targets(text, Scope(deadline=deadline, own_level=level, source="đoạn 1"))


def one(text: str) -> Target:
    found = targets(text)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "comparator"),
    [
        ("Ít nhất 80% số hộ gia đình được phổ biến pháp luật", Comparator.AT_LEAST),
        ("Tối thiểu 75% học viên hoàn thành khóa học", Comparator.AT_LEAST),
        ("Phấn đấu 95% trẻ em được tiêm chủng đầy đủ", Comparator.AT_LEAST),
        ("trên 60% người dân biết sử dụng dịch vụ công trực tuyến", Comparator.MORE_THAN),
        ("Giảm tỷ lệ hộ nghèo xuống dưới 3%", Comparator.LESS_THAN),
        ("Khống chế tỷ lệ tái phạm không quá 8%", Comparator.AT_MOST),
        ("Tỷ lệ bỏ học tối đa 1,5%", Comparator.AT_MOST),
        ("Mỗi năm tăng 10% số doanh nghiệp tham gia", Comparator.INCREASE_BY),
        ("85% thôn, tổ dân phố đạt chuẩn văn hóa", Comparator.AT_LEAST),
        ("Hỗ trợ việc làm cho 120 người sau cai nghiện", Comparator.EQUAL),
    ],
)
def test_comparator_is_read_from_the_words_before_the_figure(text: str, comparator: Comparator) -> None:
    assert one(text).comparator is comparator


def test_decimal_comma_and_grouped_thousands_are_vietnamese_numbers() -> None:
    assert one("Tỷ lệ tái nghiện dưới 2,5% trong năm").value == 2.5
    quota = one("Cai nghiện cho ít nhất 2.350 lượt người")
    assert (quota.value, quota.unit, quota.comparator) == (2350, "lượt người", Comparator.AT_LEAST)


def test_a_range_to_reduce_by_keeps_both_ends_and_the_yearly_frequency() -> None:
    target = one("Hằng năm giảm từ 3% đến 7% số vụ phạm tội về ma túy")
    assert (target.comparator, target.value, target.value_max, target.unit) == (
        Comparator.REDUCE_BY,
        3,
        7,
        "%",
    )
    assert target.frequency is Frequency.YEARLY
    assert target.population == "vụ phạm tội về ma túy"


def test_a_fraction_of_units_keeps_numerator_denominator_and_the_units() -> None:
    target = one("Đến năm 2027 có 5/18 phường, xã xây dựng mô hình điểm")
    assert (target.value, target.denominator, target.unit, target.deadline) == (5, 18, "phường, xã", 2027)


def test_counts_need_a_unit_and_a_target_verb_or_list_position() -> None:
    assert one("Thành lập 03 Câu lạc bộ phòng, chống bạo lực gia đình").unit == "Câu lạc bộ"
    assert one("Hằng quý có ít nhất 01 bài viết trên trang tin").frequency is Frequency.QUARTERLY
    for prose in (
        "Ban chỉ đạo 138 của huyện họp định kỳ",
        "Ngày 12/5/2024, UBND huyện ban hành Kế hoạch số 88/KH-UBND với 05 nhóm giải pháp",
        "Tổng đài số 111 hoạt động cả ngày",
        "Thời gian thực hiện: từ năm 2024 đến năm 2026",
        "Lượt xem: 1.250",
    ):
        assert targets(prose) == [], prose


def test_a_quota_after_a_colon_is_broken_down_by_the_clauses_that_add_up_to_it() -> None:
    found = targets(
        "Hỗ trợ cho ít nhất 500 lượt người: tại Trung tâm 400 lượt người (nam 300, nữ 100); tại cộng đồng "
        "100 lượt người; tư vấn qua điện thoại 900 lượt người."
    )
    assert [t.value for t in found] == [500, 900]
    quota = found[0]
    assert [(p.label, p.value) for p in quota.breakdown] == [("tại Trung tâm", 400), ("tại cộng đồng", 100)]
    assert [(p.label, p.value) for p in quota.breakdown[0].parts] == [("nam", 300), ("nữ", 100)]
    assert quota.problems() == []
    assert "tại cộng đồng 100 lượt người" in quota.text


def test_trong_do_breaks_a_quota_down_inside_one_clause() -> None:
    quota = one(
        "đào tạo nghề cho 300 người, trong đó nghề nông nghiệp cho 200 người, phi nông nghiệp cho 100 người"
    )
    assert [(p.label, p.value) for p in quota.breakdown] == [
        ("nghề nông nghiệp", 200),
        ("phi nông nghiệp", 100),
    ]


def test_rieng_gives_the_target_a_value_for_a_sub_population() -> None:
    target = one("Tỷ lệ hộ nghèo giảm xuống dưới 4%, riêng các xã đặc biệt khó khăn dưới 12%")
    assert (target.comparator, target.value) == (Comparator.LESS_THAN, 4)
    assert len(target.sub_values) == 1
    sub = target.sub_values[0]
    assert (sub.population, sub.comparator, sub.value) == (
        "các xã đặc biệt khó khăn",
        Comparator.LESS_THAN,
        12,
    )


def test_lan_luot_restates_each_earlier_target_for_the_new_year() -> None:
    found = targets(
        "Đến năm 2026, tỷ lệ A dưới 10%, riêng vùng cao dưới 14%; tỷ lệ B đạt trên 70%; tỷ lệ C đạt 50%; "
        "đến năm 2030 các tỷ lệ này lần lượt là 6%, 80% và 65%."
    )
    assert [(t.value, t.deadline) for t in found] == [
        (10, 2026),
        (70, 2026),
        (50, 2026),
        (6, 2030),
        (80, 2030),
        (65, 2030),
    ]
    assert [t.comparator for t in found[3:]] == [
        Comparator.LESS_THAN,
        Comparator.MORE_THAN,
        Comparator.AT_LEAST,
    ]
    assert found[3].metric == found[0].metric


def test_two_shares_joined_by_va_are_two_targets() -> None:
    found = targets("Phấn đấu 90% cán bộ được tập huấn và trên 70% người dân được phổ biến pháp luật")
    assert [(t.value, t.comparator) for t in found] == [(90, Comparator.AT_LEAST), (70, Comparator.MORE_THAN)]


def test_a_nested_minimum_inside_a_share_is_not_a_second_target() -> None:
    target = one("100% các xã, phường tổ chức được ít nhất 02 buổi tuyên truyền mỗi năm")
    assert (target.value, target.unit) == (100, "%")
    assert target.level == "commune"


def test_prohibitions_have_no_number_and_a_second_one_is_split_off() -> None:
    found = targets(
        "Không để hình thành điểm nóng về ma túy, đặc biệt không để xảy ra ma túy trong trường học."
    )
    assert [t.comparator for t in found] == [Comparator.NONE_ALLOWED, Comparator.NONE_ALLOWED]
    assert all(t.value is None for t in found)


def test_the_deadline_carries_across_clauses_and_defaults_to_the_plan() -> None:
    found = targets(
        "Đến năm 2027, 80% trường học có tủ sách pháp luật; 60% thôn có tổ hòa giải. 50% hộ được thăm."
    )
    assert [t.deadline for t in found] == [2027, 2027, 2027]
    assert one("70% hộ gia đình đăng ký gia đình văn hóa").deadline == 2030


def test_toan_bo_is_a_share_of_one_hundred_percent() -> None:
    target = one("Toàn bộ người bị mua bán trở về được tiếp nhận và hỗ trợ kịp thời")
    assert (target.value, target.unit, target.population) == (100, "%", "người bị mua bán trở về")
    assert targets("Tất cả chuyên mục") == []


def test_ids_are_stable_and_unique_and_the_source_is_kept() -> None:
    text = "70% hộ được thăm; 70% hộ được thăm"
    first, second = targets(text)
    assert first.id != second.id
    assert [t.id for t in targets(text)] == [first.id, second.id]
    assert first.source == "đoạn 1"


def test_sentences_split_on_full_stops_but_not_inside_numbers() -> None:
    assert split_clauses("Đạt 1.100 lượt người. 100% xã có kế hoạch; du lịch..., nhất là") == [
        "Đạt 1.100 lượt người.",
        "100% xã có kế hoạch",
        "du lịch..., nhất là",
    ]


def test_dates_and_document_numbers_are_not_fractions() -> None:
    assert find_heads("Kế hoạch số 2735/KH-UBND ngày 22/3/2018 của UBND tỉnh") == []


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("Tỷ lệ học sinh được tuyên truyền không dưới 80%", Comparator.AT_LEAST, 80),
        ("Tỷ lệ hộ nghèo giảm xuống còn 5%", Comparator.AT_MOST, 5),
        ("Số vụ vi phạm giảm ít nhất 10% so với năm 2020", Comparator.REDUCE_BY, 10),
        ("Số người tham gia tăng tối thiểu 15%", Comparator.INCREASE_BY, 15),
    ],
)
def test_negated_and_compound_comparators(text: str, comparator: Comparator, value: float) -> None:
    target = one(text)
    assert (target.comparator, target.value) == (comparator, value)


def test_a_baseline_year_is_not_a_deadline_but_a_dated_deadline_is() -> None:
    assert one("Số vụ vi phạm giảm 10% so với năm 2020").deadline == 2030
    assert one("Trước 30/6/2026, 100% xã hoàn thành rà soát người nghiện").deadline == 2026


def test_the_measure_said_after_a_list_of_shares_applies_to_each() -> None:
    found = targets("Ít nhất 80% cán bộ xã; 70% đoàn viên thanh niên và 60% học sinh được tập huấn kỹ năng.")
    assert [t.value for t in found] == [80, 70, 60]
    assert {t.metric for t in found} == {"được tập huấn kỹ năng"}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Tổ chức cai nghiện ma túy cho hai trăm lượt người.", 200, "lượt người"),
        ("Ít nhất bốn mươi phần trăm cán bộ cấp xã được tập huấn", 40, "%"),
        ("Bảy mươi lăm phần trăm người lao động được tuyên truyền", 75, "%"),
        ("Hằng quý tổ chức ít nhất một buổi tuyên truyền tại thôn", 1, "buổi"),
    ],
)
def test_numbers_written_in_words(text: str, value: float, unit: str) -> None:
    target = one(text)
    assert (target.value, target.unit) == (value, unit)


def test_articles_and_years_in_words_are_not_figures() -> None:
    assert targets("Kế hoạch năm 2025 với năm nhóm giải pháp") == []
    assert targets("Triển khai mô hình trên một số địa bàn trọng điểm") == []


def test_a_maintained_count_after_cua_is_a_target() -> None:
    assert one("Tiếp tục duy trì hoạt động của 25 Đội công tác xã hội tình nguyện cấp xã.").value == 25


def test_a_count_range_is_one_target_with_both_ends() -> None:
    """ "từ 10 đến 12 lớp", "10 - 12 lớp": a range of counts binds its lower figure."""
    for text in ("Tổ chức từ 10 đến 12 lớp tập huấn cho cán bộ", "Tổ chức 10 - 12 lớp tập huấn cho cán bộ"):
        target = one(text)
        assert (target.value, target.value_max, target.unit, target.comparator) == (
            10,
            12,
            "lớp",
            Comparator.AT_LEAST,
        )
    assert targets("Họp vào ngày 15 - 20 tháng 6") == []  # a span of days is no target


@pytest.mark.parametrize(
    "text",
    [
        "Giảm từ 3 - 5% số người nghiện có hồ sơ quản lý so với cuối năm 2025",
        "Giảm từ 3% đến 5% số người nghiện có hồ sơ quản lý so với thời điểm 31/12/2025",
    ],
)
def test_a_worded_comparison_year_is_not_the_deadline(text: str) -> None:
    assert (one(text).deadline, one(text).value_max) == (2030, 5)


def test_levels_unknown_unless_named_and_an_own_body_keeps_its_figure() -> None:
    """A target naming no units has level None for the review to infer; one whose subject is a
    body of the issuer ("Sở Y tế", "Công an tỉnh") stays at the issuer's level even when it
    serves commune officials; "Phòng, chống" is a verb, not a body."""
    assert one("Thực hiện cai nghiện ma túy cho ít nhất 850 lượt người").level is None
    assert one("100% các xã tổ chức tuyên truyền").level == "commune"
    assert one("Sở Y tế tổ chức 12 lớp tập huấn cho cán bộ cấp xã").level == "district"
    assert one("Phòng, chống ma túy: 100% các xã tổ chức tuyên truyền").level == "commune"


def test_measures_named_before_lan_luot_get_one_figure_each() -> None:
    found = targets(
        "Tỷ lệ học viên được khám sức khỏe, tỷ lệ học viên được học nghề và tỷ lệ học viên "
        "được tư vấn lần lượt đạt 100%, 40% và 30%."
    )
    assert [(t.value, t.population, t.metric) for t in found] == [
        (100, "học viên", "được khám sức khỏe"),
        (40, "học viên", "được học nghề"),
        (30, "học viên", "được tư vấn"),
    ]


def test_a_trailing_frequency_is_not_part_of_the_population() -> None:
    target = one("Kiểm tra ít nhất 30% số cơ sở kinh doanh dịch vụ trên địa bàn xã mỗi năm")
    assert (target.population, target.frequency) == (
        "cơ sở kinh doanh dịch vụ trên địa bàn xã",
        Frequency.YEARLY,
    )


def test_a_lan_luot_list_after_other_figures_in_the_same_clause() -> None:
    found = targets(
        "100% nạn nhân được tiếp nhận kịp thời, tỷ lệ nạn nhân được hỗ trợ học nghề, hỗ trợ vay vốn "
        "và hỗ trợ tâm lý lần lượt đạt 50%, 30% và 100%."
    )
    assert [(t.value, t.text) for t in found] == [
        (100, "100% nạn nhân được tiếp nhận kịp thời"),
        (50, "tỷ lệ nạn nhân được hỗ trợ học nghề"),
        (30, "hỗ trợ vay vốn"),
        (100, "hỗ trợ tâm lý"),
    ]

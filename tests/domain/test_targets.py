"""Targets: comparators, quota arithmetic, shares, and the problems a target can have."""

from __future__ import annotations

import pytest

from app.domain.targets import Comparator, QuotaPart, SubValue, Target
from tests.builders import make_target


def quota_1100(**overrides: object) -> Target:
    """Seed 000: 1.100 = tại cơ sở 1.000 (bắt buộc 920, tự nguyện 80) + tại gia đình 100."""
    values: dict[str, object] = {
        "comparator": Comparator.AT_LEAST,
        "value": 1100,
        "unit": "lượt người",
        "breakdown": [
            QuotaPart("tại cơ sở", 1000, [QuotaPart("bắt buộc", 920), QuotaPart("tự nguyện", 80)]),
            QuotaPart("tại gia đình, cộng đồng", 100),
        ],
    }
    values.update(overrides)
    return make_target("t-cai-nghien-1100", "Cai nghiện cho ít nhất 1.100 lượt người", **values)


@pytest.mark.parametrize(
    ("comparator", "stricter"),
    [
        (Comparator.AT_LEAST, True),
        (Comparator.MORE_THAN, True),
        (Comparator.EQUAL, True),
        (Comparator.REDUCE_BY, True),
        (Comparator.INCREASE_BY, True),
        (Comparator.AT_MOST, False),
        (Comparator.LESS_THAN, False),
        (Comparator.NONE_ALLOWED, None),
    ],
)
def test_higher_is_stricter(comparator: Comparator, stricter: bool | None) -> None:
    assert comparator.higher_is_stricter is stricter


def test_every_comparator_says_which_way_is_stricter() -> None:
    assert {c.higher_is_stricter for c in Comparator} == {True, False, None}


def test_quota_that_adds_up_has_no_problems() -> None:
    target = quota_1100()
    assert target.breakdown_total() == 1100
    assert target.problems() == []
    assert target.is_quota


def test_quota_whose_parts_miss_the_total() -> None:
    assert quota_1100(value=1200).problems() == ["breakdown"]


def test_inner_split_that_does_not_add_up_is_named_by_its_path() -> None:
    target = quota_1100()
    target.breakdown[0].parts[0].value = 900  # 900 + 80 != 1000
    assert target.problems() == ["breakdown:tại cơ sở"]


def test_deep_inconsistency_paths() -> None:
    part = QuotaPart("a", 10, [QuotaPart("b", 10, [QuotaPart("c", 3), QuotaPart("d", 3)])])
    assert part.inconsistencies() == ["a/b"]


def test_fractional_parts_are_compared_with_tolerance() -> None:
    target = make_target(value=0.3, unit="tấn", breakdown=[QuotaPart("x", 0.1), QuotaPart("y", 0.2)])
    assert target.problems() == []


def test_breakdown_without_value_is_not_checked() -> None:
    assert quota_1100(value=None).problems() == []


def test_inverted_range_is_a_problem() -> None:
    target = make_target(comparator=Comparator.REDUCE_BY, value=5, value_max=2)
    assert target.problems() == ["value_max"]


@pytest.mark.parametrize("denominator", [0, -12])
def test_non_positive_denominator_is_a_problem(denominator: float) -> None:
    assert make_target(value=4, denominator=denominator, unit="xã").problems() == ["denominator"]


def test_fraction_of_units_is_a_share_not_a_quota() -> None:
    target = make_target(value=4, denominator=12, unit="xã, thị trấn")
    assert target.is_fraction
    assert not target.is_quota
    assert target.share() == pytest.approx(100 * 4 / 12)


def test_percentage_is_a_share_not_a_quota() -> None:
    target = make_target(value=90, unit="%")
    assert target.share() == 90
    assert not target.is_quota


def test_count_is_a_quota_and_has_no_share() -> None:
    target = make_target(value=6, unit="Điểm tư vấn")
    assert target.is_quota
    assert target.share() is None


def test_lower_is_better_rate_is_no_quota() -> None:
    assert not make_target(comparator=Comparator.LESS_THAN, value=8, unit="người").is_quota


def test_prohibition_has_no_value_and_no_share() -> None:
    target = make_target(comparator=Comparator.NONE_ALLOWED, value=None, unit=None)
    assert target.binding_value() is None
    assert target.share() is None
    assert not target.is_quota
    assert target.problems() == []


def test_binding_value_of_a_range() -> None:
    # "giảm từ 2% đến 5%": at least a 2% reduction is required.
    reduce = make_target(comparator=Comparator.REDUCE_BY, value=2, value_max=5)
    assert reduce.is_range
    assert reduce.binding_value() == 2
    # A range under a maximum binds at its upper end.
    cap = make_target(comparator=Comparator.AT_MOST, value=6, value_max=8)
    assert cap.binding_value() == 8


def test_sub_value_for_a_sub_population() -> None:
    # "dưới 11%, riêng vùng miền núi dưới 15%"
    target = make_target(
        comparator=Comparator.LESS_THAN,
        value=11,
        sub_values=[SubValue("vùng miền núi", Comparator.LESS_THAN, 15)],
    )
    assert target.sub_values[0].value == 15
    assert target.problems() == []

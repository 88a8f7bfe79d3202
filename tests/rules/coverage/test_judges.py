"""The target rules own their comparison: each ``judge`` yields the findings it documents on a
matched pair, and the mandate's status is derived from those findings."""

from __future__ import annotations

from types import ModuleType

import pytest

from app.domain.targets import Comparator, Frequency, SubValue, Target
from app.review.figures import with_figure
from app.review.status import Status
from app.review.vocabulary import load_vocabulary
from app.rules import coverage
from app.rules.coverage import (
    compare_targets,
    kh002_value_weaker,
    kh003_deadline_later,
    kh004_population_narrower,
    kh005_quota_shortfall,
)
from app.rules.coverage.pair import TargetPair, Verdict


def t(
    value: float | None, comparator: Comparator = Comparator.AT_LEAST, unit: str = "%", **kw: object
) -> Target:
    return Target("x", kw.pop("text", "chỉ tiêu"), comparator=comparator, value=value, unit=unit, **kw)  # type: ignore[arg-type]


def verdict(parent: Target, child: Target, level: str = "commune", **kw: object) -> Verdict:
    return compare_targets(parent, child, level, vocab=load_vocabulary(), **kw)  # type: ignore[arg-type]


def status(parent: Target, child: Target, **kw: object) -> Status:
    return verdict(parent, child, **kw).status


def rules(found: Verdict) -> list[str]:
    return [f.rule for f in found.findings]


# --- KH002 value -------------------------------------------------------------------------------


def test_a_lower_minimum_is_weaker() -> None:
    assert status(t(100), t(90)) is Status.WEAKER
    assert status(t(90), t(100)) is Status.COVERED
    assert status(t(90), t(90, Comparator.EQUAL)) is Status.COVERED
    assert rules(verdict(t(100), t(90))) == ["KH002"]


def test_for_a_rate_to_bring_down_lower_is_stricter() -> None:
    assert status(t(8, Comparator.LESS_THAN), t(6, Comparator.LESS_THAN)) is Status.COVERED
    assert status(t(8, Comparator.LESS_THAN), t(10, Comparator.AT_MOST)) is Status.WEAKER


def test_a_smaller_reduction_than_the_range_is_weaker() -> None:
    parent = t(2, Comparator.REDUCE_BY, value_max=5)
    assert status(parent, t(1, Comparator.REDUCE_BY)) is Status.WEAKER
    assert status(parent, t(3, Comparator.REDUCE_BY)) is Status.COVERED


def test_fractions_compare_as_shares() -> None:
    parent = t(30)
    assert status(parent, t(4, unit="", denominator=12)) is Status.COVERED  # 33%
    assert status(parent, t(3, unit="", denominator=12)) is Status.WEAKER  # 25%


def test_units_that_cannot_be_compared_are_said_so() -> None:
    found = verdict(t(70), t(500, unit="người"))
    assert found.status is Status.WEAKER
    assert found.causes == ["unit"]


def test_the_other_direction_is_weaker() -> None:
    assert verdict(t(8, Comparator.LESS_THAN), t(8)).causes == ["comparator"]


def test_a_prohibition_needs_a_prohibition() -> None:
    none = Comparator.NONE_ALLOWED
    assert status(t(None, none), t(None, none)) is Status.COVERED
    assert status(t(None, none), t(2, Comparator.AT_MOST, unit="tụ điểm")) is Status.WEAKER
    assert status(t(None, none), t(0, Comparator.AT_MOST, unit="tụ điểm")) is Status.COVERED


def test_a_less_frequent_target_is_weaker() -> None:
    found = verdict(t(1, frequency=Frequency.MONTHLY), t(1, frequency=Frequency.YEARLY))
    assert (found.causes, rules(found)) == (["frequency"], ["KH002"])


def test_a_non_strict_bound_at_the_same_value_is_weaker_than_a_strict_one() -> None:
    assert status(t(80, Comparator.MORE_THAN), t(80)) is Status.WEAKER  # "80%" against "trên 80%"
    assert status(t(80, Comparator.MORE_THAN), t(80, Comparator.MORE_THAN)) is Status.COVERED
    assert status(t(80), t(80, Comparator.MORE_THAN)) is Status.COVERED


def test_every_one_without_a_figure_is_a_hundred_per_cent() -> None:
    assert status(t(100), with_figure(Target("x", "Tất cả nạn nhân được hỗ trợ"))) is Status.COVERED


def test_a_sub_population_value_must_be_kept_at_least_as_strictly() -> None:
    rate = Comparator.LESS_THAN
    parent = t(11, rate, sub_values=[SubValue("vùng miền núi", rate, 15)])
    assert status(parent, t(10, rate, sub_values=[SubValue("vùng miền núi", rate, 14)])) is Status.COVERED
    lax = verdict(parent, t(10, rate, sub_values=[SubValue("các xã miền núi", rate, 18)]))
    assert "value" in lax.causes
    assert status(parent, t(10, rate)) is Status.WEAKER


def test_count_units_named_alike_compare_lan_and_dot() -> None:
    assert status(t(1, unit="đợt"), t(1, unit="lần")) is Status.COVERED
    assert status(t(2, unit="đợt"), t(1, unit="lần")) is Status.WEAKER


def test_a_share_of_every_commune_is_the_count_each_commune_must_reach() -> None:
    """ "100% xã, phường tổ chức ít nhất 02 đợt" read by a commune holds its "ít nhất 02 đợt"
    (or 01 lần, weaker) to the nested count, not to "100%"."""
    parent = t(100, population="xã, phường", text="100% xã, phường tổ chức ít nhất 02 đợt tuyên truyền")
    assert status(parent, t(2, unit="đợt", text="xã tổ chức ít nhất 02 đợt")) is Status.COVERED
    assert status(parent, t(1, unit="lần", text="xã tổ chức 01 lần")) is Status.WEAKER
    # a district is not one of those communes: the share is not its count
    assert verdict(parent, t(2, unit="đợt"), "district").status is not Status.COVERED


# --- KH003 deadline ----------------------------------------------------------------------------


def test_a_later_deadline_is_late_and_read_from_the_text_when_not_given() -> None:
    late = verdict(t(100, deadline=2025), t(100, text="Đến năm 2026, 100% cơ sở"))
    assert (late.status, rules(late), late.causes) == (Status.LATE, ["KH003"], ["deadline"])
    assert late.reasons == ["Thời hạn năm 2026 muộn hơn năm 2025"]
    assert status(t(100, deadline=2025), t(100, deadline=2024)) is Status.COVERED


# --- KH004 population --------------------------------------------------------------------------


def test_a_narrower_population_is_weaker_and_a_wider_one_covers() -> None:
    narrower = verdict(t(100, population="cơ sở giáo dục"), t(100, population="trường tiểu học"))
    assert (narrower.status, rules(narrower)) == (Status.WEAKER, ["KH004"])
    wider = verdict(
        t(30, population="cơ sở kinh doanh dịch vụ"), t(30, population="cơ sở kinh doanh dịch vụ và nhà trọ")
    )
    assert wider.status is Status.COVERED
    dropped = verdict(
        t(30, population="cơ sở kinh doanh dịch vụ và nhà trọ"), t(30, population="cơ sở kinh doanh dịch vụ")
    )
    assert dropped.reasons == [
        'Đối tượng hẹp hơn: "cơ sở kinh doanh dịch vụ" so với "cơ sở kinh doanh dịch vụ và nhà trọ", '
        'không còn "nhà trọ"'
    ]


# --- KH005 quota -------------------------------------------------------------------------------


def test_a_quota_share_is_held_to_the_allocation() -> None:
    parent = t(300, unit="lượt người")
    short = verdict(parent, t(100, unit="lượt người"), quota=True, share=120)
    assert (short.status, rules(short), short.causes) == (Status.WEAKER, ["KH005"], ["share"])
    assert status(parent, t(120, unit="lượt người"), quota=True, share=120) is Status.COVERED
    assert status(parent, t(10, unit="lượt người"), quota=True) is Status.COVERED  # no allocation known


def test_a_quota_share_without_a_figure_is_kh002s_and_not_a_share_shortfall() -> None:
    found = verdict(t(300, unit="lượt người"), t(None, unit="lượt người"), quota=True, share=120)
    assert (rules(found), found.causes) == (["KH002"], ["no_value"])


# --- status from findings ----------------------------------------------------------------------


def test_the_status_is_derived_from_the_findings_weaker_over_late() -> None:
    both = verdict(t(100, deadline=2025), t(90, deadline=2026))
    assert sorted(rules(both)) == ["KH002", "KH003"]
    assert both.status is Status.WEAKER
    assert verdict(t(100), t(100)) == Verdict((), Status.COVERED)


def _faulty_pair(code: str) -> TargetPair:
    """A pair each target rule faults: a laxer value, a later deadline, a narrower
    population, a quota share below its allocation."""
    vocab = load_vocabulary()
    if code == "KH005":
        return TargetPair(
            t(300, unit="lượt người"),
            t(100, unit="lượt người"),
            "commune",
            vocab,
            share=120,
            quota=True,
            mandate="m",
        )
    parent = t(100, deadline=2025, population="học sinh", frequency=Frequency.MONTHLY)
    child = t(50, deadline=2026, population="học sinh THPT", frequency=Frequency.YEARLY)
    return TargetPair(parent, child, "commune", vocab, mandate="m")


@pytest.mark.parametrize("rule", coverage.JUDGES, ids=[str(r.CODE) for r in coverage.JUDGES])
def test_every_judging_rule_yields_only_its_own_findings_with_a_cause(rule: ModuleType) -> None:
    assert rule.STATUS in (Status.WEAKER, Status.LATE)
    found = list(rule.judge(_faulty_pair(rule.CODE)))
    assert found, f"{rule.CODE} finds nothing on a pair it should fault"
    assert {f.rule for f in found} == {rule.CODE}
    assert all(f.cause and f.message and f.location == "m" and f.required for f in found)


def test_the_registry_judges_with_every_target_rule() -> None:
    assert set(coverage.JUDGES) == {
        kh002_value_weaker,
        kh003_deadline_later,
        kh004_population_narrower,
        kh005_quota_shortfall,
    }

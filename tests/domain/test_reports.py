"""Report arithmetic on the sample family: the province plan (45/KH-UBND) and two communes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.domain.plan import Plan
from app.domain.reports import (
    ChildReport,
    PeriodKind,
    ReportPeriod,
    RollUpKind,
    UnitReport,
    Verdict,
    assess,
    roll_up,
)
from app.domain.targets import Comparator, Target
from app.planfile.load import load_plan

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="module")
def family() -> tuple[Plan, Plan, Plan]:
    return tuple(load_plan(SAMPLES / f"family_{n}_2026.yaml") for n in ("tinh", "xa_a", "xa_b"))  # type: ignore[return-value]


def _target(comparator: Comparator, value: float | None, unit: str = "lượt người") -> Target:
    return Target(id="t", text="t", comparator=comparator, value=value, unit=unit)


@pytest.mark.parametrize(
    ("comparator", "value", "achieved", "verdict", "rate"),
    [
        (Comparator.AT_LEAST, 300, 320, Verdict.MET, 320 / 300),
        (Comparator.AT_LEAST, 300, 280, Verdict.NOT_MET, 280 / 300),
        (Comparator.EQUAL, 550, 550, Verdict.MET, 1.0),
        (Comparator.MORE_THAN, 80, 80, Verdict.NOT_MET, 1.0),
        (Comparator.LESS_THAN, 8, 6.5, Verdict.MET, None),  # "dưới 8%": a ceiling, no rate
        (Comparator.LESS_THAN, 8, 8, Verdict.NOT_MET, None),
        (Comparator.AT_MOST, 5, 5, Verdict.MET, None),
        (Comparator.NONE_ALLOWED, None, 0, Verdict.MET, None),  # "Không để phát sinh ..."
        (Comparator.NONE_ALLOWED, None, 1, Verdict.NOT_MET, None),
    ],
)
def test_a_target_is_judged_by_its_comparator(
    comparator: Comparator, value: float | None, achieved: float, verdict: Verdict, rate: float | None
) -> None:
    result = assess(_target(comparator, value), achieved)
    assert result.verdict is verdict
    if rate is None:
        assert result.rate is None
    else:
        assert result.rate == pytest.approx(rate)


def test_no_value_reported_is_unknown_not_failed() -> None:
    assert assess(_target(Comparator.AT_LEAST, 300), None).verdict is Verdict.UNKNOWN


def _linked(plan: Plan) -> dict[str, Target]:
    return {t.parent_target: t for t in plan.targets() if t.parent_target}


def test_a_quota_is_summed_once_per_unit_and_the_silent_unit_is_named(
    family: tuple[Plan, Plan, Plan],
) -> None:
    province, xa_a, xa_b = family
    quota = province.target("t-tinh-cai-nghien-300")
    assert quota is not None
    period = ReportPeriod.half_year(2026)
    a_quota = _linked(xa_a)["t-tinh-cai-nghien-300"]
    children = [
        ChildReport("xã Trị An", _linked(xa_a), UnitReport("xã Trị An", period, {a_quota.id: 130})),
        ChildReport("xã Phú Lý", _linked(xa_b), None),
    ]
    rolled = roll_up(quota, children, units_share=False)
    assert rolled.kind is RollUpKind.SUM
    assert rolled.total == 130
    assert rolled.result.verdict is Verdict.NOT_MET
    assert rolled.result.rate == pytest.approx(130 / 300)
    assert rolled.not_reported == ["xã Phú Lý"]


def test_a_share_of_units_counts_the_units_meeting_theirs(family: tuple[Plan, Plan, Plan]) -> None:
    province, xa_a, _ = family
    target = province.target("t-tinh-truyen-thong-xa")  # "100% xã, phường tổ chức ít nhất 01 ..."
    assert target is not None
    # the commune carries it as its own commitment at 100%: it reports 100 when done
    own = _linked(xa_a)["t-tinh-truyen-thong-xa"]
    assert (own.value, own.unit) == (100, "%")
    period = ReportPeriod.year(2026)
    children = [
        ChildReport(
            f"xã {i}", {target.id: own}, UnitReport(f"xã {i}", period, {own.id: 100 if i < 37 else 0})
        )
        for i in range(95)
    ]
    rolled = roll_up(target, children, units_share=True)
    assert rolled.share_text == "37/95"
    assert rolled.result.verdict is Verdict.NOT_MET  # 100% was asked
    assert rolled.result.achieved == pytest.approx(100 * 37 / 95)


def test_period_labels_read_as_a_bao_cao_names_them() -> None:
    assert ReportPeriod.half_year(2026).label == "6 tháng đầu năm 2026"
    assert ReportPeriod.year(2026).label == "năm 2026"
    custom = ReportPeriod(PeriodKind.CUSTOM, dt.date(2026, 3, 1), dt.date(2026, 5, 31))
    assert custom.label == "từ 01/3/2026 đến 31/5/2026"

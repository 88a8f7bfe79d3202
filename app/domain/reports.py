"""Progress reports (BÁO CÁO kết quả): what each unit achieved against its targets, summed up.

Every 6 months and every year a unit reports, for each target of its plan, the value it
achieved; the level above sums its children's reports against its own plan. This module is
the arithmetic of it, on the plan model only (no storage, no web):

- :func:`assess` judges one target: the value achieved against the value planned, by the
  target's comparator ("ít nhất 300" is met by 320, "dưới 8%" by 6,5%), with the completion
  rate where one means something;
- :func:`roll_up` sums a parent's target over its children: an absolute quota by adding each
  unit's achieved value once; a target for a share of units ("100% xã tổ chức ...") by counting
  the units that met their own ("37/95 xã"); any other target unit by unit; and it names the
  units that have not reported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.targets import Comparator, Frequency, Target


class PeriodKind(StrEnum):
    HALF_YEAR = "half_year"  # 6 tháng đầu năm
    YEAR = "year"  # năm
    CUSTOM = "custom"


@dataclass(frozen=True)
class ReportPeriod:
    """The period a report covers."""

    kind: PeriodKind
    start: dt.date
    end: dt.date

    @classmethod
    def half_year(cls, year: int) -> ReportPeriod:
        return cls(PeriodKind.HALF_YEAR, dt.date(year, 1, 1), dt.date(year, 6, 30))

    @classmethod
    def year(cls, year: int) -> ReportPeriod:
        return cls(PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def label(self) -> str:
        """How a BÁO CÁO names it: "6 tháng đầu năm 2026", "năm 2026", "từ 01/3/2026 đến 31/5/2026"."""
        if self.kind is PeriodKind.HALF_YEAR:
            return f"6 tháng đầu năm {self.start.year}"
        if self.kind is PeriodKind.YEAR:
            return f"năm {self.start.year}"
        return f"từ {_short(self.start)} đến {_short(self.end)}"


def _short(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month}/{day.year}"


@dataclass
class UnitReport:
    """One unit's report for one period: achieved values by target id of the unit's plan, free
    text per target and per part (tồn tại, nguyên nhân, phương hướng, kiến nghị)."""

    unit: str
    period: ReportPeriod
    achieved: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    parts: dict[str, str] = field(default_factory=dict)


class Verdict(StrEnum):
    MET = "met"  # đạt
    NOT_MET = "not_met"  # chưa đạt
    UNKNOWN = "unknown"  # no value reported, or a target without a figure to hold it to


@dataclass(frozen=True)
class TargetResult:
    """One target in a report: planned, achieved, completion rate (a fraction) and verdict."""

    target_id: str
    text: str
    unit: str | None
    planned: float | None
    achieved: float | None
    rate: float | None
    verdict: Verdict


def repeats_in(period: ReportPeriod, frequency: Frequency | None) -> int:
    """How many times a recurring target falls in ``period``: "hằng tháng có ít nhất 01 bài"
    asks for 6 in a half-year report; a yearly or one-off target once."""
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    if frequency is Frequency.MONTHLY:
        return months
    if frequency is Frequency.QUARTERLY:
        return max(1, months // 3)
    return 1


def assess(target: Target, achieved: float | None, repeats: int = 1) -> TargetResult:
    """Judge ``achieved`` against ``target``.

    The rate is achieved / planned for a target where more is better (a quota, a share to
    reach); for a ceiling ("dưới 8%") it is not a ratio people read, so it is left out and only
    the verdict says whether the ceiling held. "Không để phát sinh" is met by 0. ``repeats``
    (see :func:`repeats_in`) multiplies a recurring count over the period.
    """
    planned = target.binding_value()
    if planned is not None and repeats > 1 and target.is_quota:
        planned *= repeats
    if achieved is None:
        return _result(target, planned, None, None, Verdict.UNKNOWN)
    comparator = target.comparator
    if comparator is Comparator.NONE_ALLOWED:
        return _result(target, None, achieved, None, Verdict.MET if achieved == 0 else Verdict.NOT_MET)
    if planned is None or comparator in (Comparator.REDUCE_BY, Comparator.INCREASE_BY):
        return _result(target, planned, achieved, None, Verdict.UNKNOWN)
    if comparator is Comparator.AT_MOST:
        return _result(target, planned, achieved, None, _verdict(achieved <= planned))
    if comparator is Comparator.LESS_THAN:
        return _result(target, planned, achieved, None, _verdict(achieved < planned))
    rate = achieved / planned if planned else None
    met = achieved > planned if comparator is Comparator.MORE_THAN else achieved >= planned
    return _result(target, planned, achieved, rate, _verdict(met))


def _verdict(met: bool) -> Verdict:
    return Verdict.MET if met else Verdict.NOT_MET


def _result(
    target: Target, planned: float | None, achieved: float | None, rate: float | None, verdict: Verdict
) -> TargetResult:
    return TargetResult(target.id, target.text, target.unit, planned, achieved, rate, verdict)


class RollUpKind(StrEnum):
    SUM = "sum"  # an absolute quota: the units' values add up
    UNITS_MEETING = "units_meeting"  # a share of units: count the units that met theirs
    PER_UNIT = "per_unit"  # a rate of each unit: listed, not added


@dataclass(frozen=True)
class UnitLine:
    """One child's line under a parent target."""

    unit: str
    result: TargetResult | None  # None: the unit's plan does not carry the target
    reported: bool


@dataclass(frozen=True)
class RollUp:
    """A parent target summed over its children."""

    target: Target
    kind: RollUpKind
    lines: list[UnitLine]
    total: float | None  # the sum (SUM) or the number of units meeting theirs (UNITS_MEETING)
    units: int  # units counted (those whose plan carries the target)
    result: TargetResult  # the parent's own figure against the total
    not_reported: list[str]

    @property
    def share_text(self) -> str | None:
        """ "37/95 xã" for a share of units."""
        if self.kind is not RollUpKind.UNITS_MEETING or self.total is None:
            return None
        return f"{int(self.total)}/{self.units}"


@dataclass(frozen=True)
class ChildReport:
    """A child for the roll-up: its unit name, its plan's targets linked to the parent's
    (parent target id -> the child's target), and its latest submitted report (None: not yet)."""

    unit: str
    targets: dict[str, Target]
    report: UnitReport | None


def roll_up(parent_target: Target, children: list[ChildReport], units_share: bool) -> RollUp:
    """Sum ``parent_target`` over ``children`` (each counted once: pass each unit's latest
    submitted report only). ``units_share`` says the target is a share of the child units
    ("100% xã, phường ..."), which the caller knows from the target's population and levels."""
    kind = (
        RollUpKind.UNITS_MEETING
        if units_share
        else RollUpKind.SUM
        if parent_target.is_quota
        else RollUpKind.PER_UNIT
    )
    lines: list[UnitLine] = []
    not_reported: list[str] = []
    for child in children:
        own = child.targets.get(parent_target.id)
        if child.report is None:
            not_reported.append(child.unit)
        if own is None:
            lines.append(UnitLine(child.unit, None, child.report is not None))
            continue
        value = child.report.achieved.get(own.id) if child.report is not None else None
        lines.append(UnitLine(child.unit, assess(own, value), child.report is not None))
    carried = [line for line in lines if line.result is not None]
    total: float | None
    if kind is RollUpKind.SUM:
        values = [
            line.result.achieved for line in carried if line.result and line.result.achieved is not None
        ]
        total = sum(values) if values else None
        result = assess(parent_target, total)
    elif kind is RollUpKind.UNITS_MEETING:
        # every child unit counts in the share: one whose plan does not carry the target, or
        # that has not reported, has not met it
        met = sum(1 for line in carried if line.result and line.result.verdict is Verdict.MET)
        total = float(met)
        share = 100.0 * met / len(children) if children else None
        result = assess(parent_target, share)
        return RollUp(parent_target, kind, lines, total, len(children), result, not_reported)
    else:
        total = None
        result = assess(parent_target, None)
    return RollUp(parent_target, kind, lines, total, len(carried), result, not_reported)

"""Targets (chỉ tiêu): what is measured, over whom, how strictly, by when.

A target's value is a number, a range (``value`` .. ``value_max``) or a fraction of units
(``value`` / ``denominator``, "4/12"). An absolute quota may carry a breakdown into sub-quotas
("1.100 = 1.000 (920 + 80) + 100").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum


class Comparator(StrEnum):
    """How the value binds: which side of it the result must land on."""

    AT_LEAST = "at_least"  # ít nhất, tối thiểu, phấn đấu, đạt
    MORE_THAN = "more_than"  # trên
    EQUAL = "equal"  # a bare figure ("cai nghiện cho 550 lượt người"): read as a minimum
    AT_MOST = "at_most"  # không quá, tối đa
    LESS_THAN = "less_than"  # dưới, khống chế dưới
    REDUCE_BY = "reduce_by"  # giảm 2% đến 5%: a larger reduction is stricter
    INCREASE_BY = "increase_by"  # tăng ...
    NONE_ALLOWED = "none_allowed"  # "Không để phát sinh ...": a prohibition, no number

    @property
    def higher_is_stricter(self) -> bool | None:
        """True when a larger value is stricter, False when smaller is, None for no number."""
        if self in (Comparator.AT_MOST, Comparator.LESS_THAN):
            return False
        if self is Comparator.NONE_ALLOWED:
            return None
        return True


class Frequency(StrEnum):
    """How often a recurring target repeats."""

    YEARLY = "yearly"  # hằng năm, hàng năm
    QUARTERLY = "quarterly"  # hằng quý
    MONTHLY = "monthly"  # hằng tháng


@dataclass
class QuotaPart:
    """One share of a quota, possibly split further ("tại cơ sở 1.000 (bắt buộc 920, ...)")."""

    label: str
    value: float
    parts: list[QuotaPart] = field(default_factory=list)

    def inconsistencies(self, path: str = "") -> list[str]:
        """Paths whose sub-parts do not add up to their own value."""
        here = f"{path}/{self.label}" if path else self.label
        problems: list[str] = []
        if self.parts and not math.isclose(sum(p.value for p in self.parts), self.value):
            problems.append(here)
        for part in self.parts:
            problems.extend(part.inconsistencies(here))
        return problems


@dataclass
class SubValue:
    """A second value for a sub-population: "dưới 11%, riêng vùng miền núi dưới 15%"."""

    population: str
    comparator: Comparator
    value: float
    value_max: float | None = None


@dataclass
class Target:
    """A measurable target as printed in a plan and as data the review reasons over."""

    id: str
    text: str
    metric: str = ""
    population: str | None = None
    comparator: Comparator = Comparator.AT_LEAST
    value: float | None = None
    value_max: float | None = None
    denominator: float | None = None
    unit: str | None = None
    period: str | None = None
    deadline: int | None = None
    frequency: Frequency | None = None
    level: str | None = None
    breakdown: list[QuotaPart] = field(default_factory=list)
    sub_values: list[SubValue] = field(default_factory=list)
    parent_target: str | None = None
    source: str | None = None

    @property
    def is_range(self) -> bool:
        return self.value is not None and self.value_max is not None

    @property
    def is_fraction(self) -> bool:
        return self.value is not None and bool(self.denominator)

    @property
    def is_quota(self) -> bool:
        """An absolute figure to be shared out (people, visits), not a share or a rate."""
        return (
            self.value is not None
            and not self.is_fraction
            and (self.unit or "").strip() not in ("%", "")
            and self.comparator.higher_is_stricter is True
        )

    def share(self) -> float | None:
        """The value as a percentage when it is a fraction or a percentage, else None."""
        if self.value is None:
            return None
        if self.is_fraction and self.denominator:
            return 100.0 * self.value / self.denominator
        if (self.unit or "").strip() == "%":
            return self.value
        return None

    def binding_value(self) -> float | None:
        """The figure a result is held to: the lower end of a range for a minimum."""
        if self.value is None:
            return None
        if self.is_range and self.comparator.higher_is_stricter is False:
            return self.value_max
        return self.value

    def breakdown_total(self) -> float:
        return sum(part.value for part in self.breakdown)

    def problems(self) -> list[str]:
        """Internal inconsistencies: a breakdown that does not add up, an inverted range."""
        problems: list[str] = []
        if self.breakdown and self.value is not None:
            if not math.isclose(self.breakdown_total(), self.value):
                problems.append("breakdown")
            for part in self.breakdown:
                problems.extend(f"breakdown:{p}" for p in part.inconsistencies())
        if (
            self.is_range
            and self.value_max is not None
            and self.value is not None
            and self.value_max < self.value
        ):
            problems.append("value_max")
        if self.denominator is not None and self.denominator <= 0:
            problems.append("denominator")
        return problems

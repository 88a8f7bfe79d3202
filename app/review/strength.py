"""The arithmetic the KH rules share when they compare a child target with the parent's.

Direction comes from the comparator (``Comparator.higher_is_stricter``): for a minimum a higher
value is stricter, for a rate to bring down a lower one is. The checks themselves, and the
findings they give, are the rules' own (app/rules/coverage/kh002 … kh005); this module only
puts two targets on one scale, reads deadlines and writes figures as a reader would.
"""

from __future__ import annotations

import math
import re

from app.domain.targets import Comparator, Frequency, Target
from app.messages import t
from app.review.lexicon import Vocabulary
from app.vn.numbers import format_number

FAMILIES = {
    Comparator.AT_LEAST: "min",
    Comparator.MORE_THAN: "min",
    Comparator.EQUAL: "min",
    Comparator.AT_MOST: "max",
    Comparator.LESS_THAN: "max",
    Comparator.REDUCE_BY: "reduce",
    Comparator.INCREASE_BY: "increase",
    Comparator.NONE_ALLOWED: "none",
}
FREQUENCY_RANK = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 2, Frequency.YEARLY: 3}
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def laxer(carried: float, required: float, higher_is_stricter: bool | None = True) -> bool:
    """True when ``carried`` misses ``required`` in the stricter direction (equal is not)."""
    if higher_is_stricter is None or math.isclose(carried, required):
        return False
    return carried < required if higher_is_stricter else carried > required


def comparable_values(parent: Target, child: Target, vocab: Vocabulary) -> tuple[float | None, float | None]:
    """The binding figures of both targets on one scale, or Nones when units differ."""
    ps, cs = _share(parent), _share(child)
    if ps is not None and cs is not None:
        return ps, cs
    if ps is None and cs is None and units_compatible(parent.unit, child.unit, vocab):
        return parent.binding_value(), child.binding_value()
    return None, None


def _share(target: Target) -> float | None:
    value = target.binding_value()
    if value is None:
        return None
    if target.is_fraction and target.denominator:
        return 100.0 * value / target.denominator
    return value if (target.unit or "").strip() == "%" else None


def units_compatible(a: str | None, b: str | None, vocab: Vocabulary) -> bool:
    """Same unit, or one names the other's kind ("lượt người" and "người"; "Điểm tư vấn"
    and "điểm"); units the vocabulary groups ("lần", "đợt") are the same."""
    ka, kb = vocab.unit(a), vocab.unit(b)
    if ka == kb:
        return True
    if not (ka and kb):
        return False
    wa, wb = ka.split(), kb.split()
    return wa[-1] == wb[-1] or (min(len(wa), len(wb)) == 1 and wa[0] == wb[0])


def effective_deadline(target: Target) -> int | None:
    """The deadline year: the field, else the last year written in the period, then the text."""
    if target.deadline is not None:
        return target.deadline
    for text in (target.period or "", target.text):
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            return max(years)
    return None


def describe_value(target: Target) -> str:
    """The target's binding figure as a reader would write it: "dưới 8%", "4/12", "1.100 lượt người"."""
    if target.value is None:
        return t(f"cmp_{target.comparator}").strip()
    if target.is_fraction and target.denominator:
        figure = f"{format_number(target.value)}/{format_number(target.denominator)}"
    elif target.is_range and target.value_max is not None:
        figure = f"{format_number(target.value)}-{format_number(target.value_max)}"
    else:
        figure = format_number(target.value)
    unit = (target.unit or "").strip()
    figure = f"{figure}%" if unit == "%" else f"{figure} {unit}".strip()
    return f"{t(f'cmp_{target.comparator}')} {figure}".strip()

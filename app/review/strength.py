"""Is a matched child target at least as strict as the parent's?

Direction comes from the comparator (``Comparator.higher_is_stricter``): for a minimum a higher
value is stricter, for a rate to bring down a lower one is. Each check that fails adds a
*cause* (value, comparator, unit, no_value, frequency, population, deadline, share) and a
Vietnamese reason; the status is ``weaker`` when any cause other than the deadline is present,
``late`` when only the deadline is, else ``covered``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.targets import Comparator, Frequency, Target
from app.messages import t
from app.review.population import Relation, compare_populations
from app.review.quotas import breakdown_shortfalls
from app.review.status import Status
from app.review.vocabulary import Vocabulary, load_vocabulary
from app.vn.numbers import NUMBER_PATTERN, format_number, parse_number

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


@dataclass
class Verdict:
    """The outcome of comparing a child target with the parent's."""

    causes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    def add(self, cause: str, key: str, **values: object) -> None:
        self.causes.append(cause)
        self.reasons.append(t(key).format(**values))

    @property
    def status(self) -> Status:
        if any(c != "deadline" for c in self.causes):
            return Status.WEAKER
        return Status.LATE if self.causes else Status.COVERED


def compare_targets(
    parent: Target,
    child: Target,
    child_level: str,
    *,
    share: float | None = None,
    quota: bool = False,
    levels: LevelTable = DEFAULT_LEVELS,
    vocab: Vocabulary | None = None,
) -> Verdict:
    """Compare ``child`` with ``parent`` on every axis (see the module docstring).

    For a quota mandate (``quota=True``) the child carries a share: it is held to ``share``
    (the parent's allocation to this child, when the parent lists one) instead of the
    parent's whole figure.
    """
    vocab = vocab or load_vocabulary()
    verdict = Verdict()
    if quota:
        _compare_share(parent, child, share, verdict)
    elif (each := _count_for_each_unit(parent, child, child_level, levels, vocab)) is not None:
        if child.value is not None and child.value < each and not math.isclose(child.value, each):
            verdict.add("value", "rv_value", parent=describe_value(parent), child=describe_value(child))
    else:
        _compare_value(parent, child, verdict)
    _compare_sub_values(parent, child, vocab, verdict)
    _compare_breakdown(parent, child, quota, vocab, verdict)
    _compare_frequency(parent, child, verdict)
    _compare_population(parent, child, child_level, levels, vocab, verdict)
    _compare_deadline(parent, child, verdict)
    return verdict


_COUNT_IN_TEXT = re.compile(rf"({NUMBER_PATTERN})\s+(\w+)")


def _count_for_each_unit(
    parent: Target, child: Target, child_level: str, levels: LevelTable, vocab: Vocabulary
) -> float | None:
    """ "100% xã, phường tổ chức ít nhất 02 đợt ...": read by one of those communes, a share of
    every unit of the child's level is the count each unit must reach, so a child's count
    ("xã tổ chức ít nhất 02 đợt") is held to that count; None when this does not apply."""
    if parent.unit != "%" or parent.value is None or not math.isclose(parent.value, 100):
        return None
    if not child.unit or child.unit == "%" or child.value is None:
        return None
    if levels.infer_any(parent.population or "") != child_level:
        return None
    unit = vocab.unit(child.unit.split()[0])
    for m in _COUNT_IN_TEXT.finditer(parent.text):
        if vocab.unit(m.group(2)) == unit:
            return parse_number(m.group(1))
    return None


def _compare_value(parent: Target, child: Target, verdict: Verdict) -> None:
    pf, cf = FAMILIES[parent.comparator], FAMILIES[child.comparator]
    if pf == "none":
        if cf != "none" and not (cf == "max" and child.value == 0):
            verdict.add("comparator", "rv_not_prohibition")
        return
    if parent.value is None:
        return
    if child.value is None and cf != "none":
        verdict.add("no_value", "rv_no_value", parent=describe_value(parent))
        return
    if pf != cf:
        verdict.add("comparator", "rv_comparator", parent=describe_value(parent), child=describe_value(child))
        return
    pv, cv = comparable_values(parent, child)
    if pv is None or cv is None:
        verdict.add("unit", "rv_unit", parent=parent.unit or "", child=child.unit or "")
        return
    higher = parent.comparator.higher_is_stricter
    weaker = cv < pv and not math.isclose(cv, pv) if higher else cv > pv and not math.isclose(cv, pv)
    # "trên 80%" excludes 80% itself; a child's "80%" (at least) is one notch laxer.
    strict = parent.comparator in (Comparator.MORE_THAN, Comparator.LESS_THAN)
    loose = child.comparator not in (Comparator.MORE_THAN, Comparator.LESS_THAN)
    if weaker or (math.isclose(cv, pv) and strict and loose):
        verdict.add("value", "rv_value", parent=describe_value(parent), child=describe_value(child))


def _compare_sub_values(parent: Target, child: Target, vocab: Vocabulary, verdict: Verdict) -> None:
    """ "dưới 11%, riêng vùng miền núi dưới 15%": the child must keep each sub-population's
    value, at least as strictly."""
    for sub in parent.sub_values:
        key = vocab.key(sub.population)
        found = [c for c in child.sub_values if fuzz.token_set_ratio(key, vocab.key(c.population)) >= 80]
        if not found:
            verdict.add("value", "rv_subvalue_missing", population=sub.population)
            continue
        mine = found[0]
        higher = sub.comparator.higher_is_stricter
        if higher is None or math.isclose(mine.value, sub.value):
            continue
        if (mine.value < sub.value) if higher else (mine.value > sub.value):
            verdict.add(
                "value",
                "rv_subvalue",
                population=sub.population,
                parent=format_number(sub.value),
                child=format_number(mine.value),
            )


def _compare_breakdown(
    parent: Target, child: Target, quota: bool, vocab: Vocabulary, verdict: Verdict
) -> None:
    """The child keeps every share of the parent's breakdown; held to the whole figure (a
    target, or a quota the child carries whole), each share at least as high."""
    whole = not quota or (
        child.value is not None and parent.value is not None and child.value >= parent.value
    )
    unit = parent.unit or ""
    for gap in breakdown_shortfalls(parent, child, vocab.quota_parts, whole=whole):
        required = format_number(gap.required)
        if gap.carried is None or gap.carried <= 0:
            verdict.add("breakdown", "rv_part_missing", part=gap.label, required=required, unit=unit)
        else:
            carried = format_number(gap.carried)
            verdict.add(
                "breakdown", "rv_part_lower", part=gap.label, required=required, child=carried, unit=unit
            )


def _compare_share(parent: Target, child: Target, share: float | None, verdict: Verdict) -> None:
    if child.value is None:
        verdict.add("no_value", "rv_no_value", parent=describe_value(parent))
        return
    if not units_compatible(parent.unit, child.unit):
        verdict.add("unit", "rv_unit", parent=parent.unit or "", child=child.unit or "")
        return
    if child.problems():
        verdict.add("share", "rv_breakdown", child=describe_value(child))
    if share is not None and child.value < share and not math.isclose(child.value, share):
        verdict.add(
            "share",
            "rv_share",
            share=format_number(share),
            unit=parent.unit or "",
            child=describe_value(child),
        )


def comparable_values(parent: Target, child: Target) -> tuple[float | None, float | None]:
    """The binding figures of both targets on one scale, or Nones when units differ."""
    ps, cs = _share(parent), _share(child)
    if ps is not None and cs is not None:
        return ps, cs
    if ps is None and cs is None and units_compatible(parent.unit, child.unit):
        return parent.binding_value(), child.binding_value()
    return None, None


def _share(target: Target) -> float | None:
    value = target.binding_value()
    if value is None:
        return None
    if target.is_fraction and target.denominator:
        return 100.0 * value / target.denominator
    return value if (target.unit or "").strip() == "%" else None


def units_compatible(a: str | None, b: str | None) -> bool:
    """Same unit, or one names the other's kind ("lượt người" and "người"; "Điểm tư vấn"
    and "điểm")."""
    vocab = load_vocabulary()
    ka, kb = vocab.unit(a), vocab.unit(b)
    if ka == kb:
        return True
    if not (ka and kb):
        return False
    wa, wb = ka.split(), kb.split()
    return wa[-1] == wb[-1] or (min(len(wa), len(wb)) == 1 and wa[0] == wb[0])


def _compare_frequency(parent: Target, child: Target, verdict: Verdict) -> None:
    if parent.frequency is None or child.frequency is None:
        return
    if FREQUENCY_RANK[child.frequency] > FREQUENCY_RANK[parent.frequency]:
        verdict.add(
            "frequency",
            "rv_frequency",
            parent=t(f"freq_{parent.frequency}"),
            child=t(f"freq_{child.frequency}"),
        )


def _compare_population(
    parent: Target, child: Target, child_level: str, levels: LevelTable, vocab: Vocabulary, verdict: Verdict
) -> None:
    found = compare_populations(parent.population, child.population, child_level, levels, vocab.populations)
    if found.relation is not Relation.NARROWER:
        return
    if found.dropped:
        dropped = ", ".join(f'"{text}"' for text in found.dropped)
        verdict.add(
            "population",
            "rv_population_dropped",
            parent=parent.population,
            child=child.population,
            dropped=dropped,
        )
    else:
        verdict.add("population", "rv_population", parent=parent.population, child=child.population)


def _compare_deadline(parent: Target, child: Target, verdict: Verdict) -> None:
    pd, cd = effective_deadline(parent), effective_deadline(child)
    if pd is not None and cd is not None and cd > pd:
        verdict.add("deadline", "rv_deadline", parent=pd, child=cd)


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

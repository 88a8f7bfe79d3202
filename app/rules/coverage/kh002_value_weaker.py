"""KH002 value-weaker: the child carries the target at a laxer value.

Yêu cầu / Requirement:
    Chỉ tiêu cấp dưới phải nghiêm bằng hoặc hơn cấp trên: mức tối thiểu cao hơn, mức tối đa
    thấp hơn, cùng chiều, đơn vị so sánh được, tần suất không thưa hơn, có con số đo được, giữ
    mức riêng của từng nhóm đối tượng. / The child's value must be at least as strict: a higher
    minimum, a lower maximum, the same direction, comparable units, no less frequent, a
    measurable figure, and each sub-population's own value kept.

Why:
    domain.md, "What covers its parent means": *weaker* — same metric, but a laxer value.

Fails:
    Parent "100% xã, phường tổ chức ít nhất 01 hoạt động truyền thông"; child "90% ấp ...".
    Parent "giảm từ 2% đến 5%"; child "giảm 1%". Parent "trên 80%"; child "80%". Parent
    "dưới 11%, riêng vùng miền núi dưới 15%"; child "dưới 10%" with no mountain value.

Passes:
    Parent "giảm tỷ lệ tái nghiện xuống dưới 8%"; child "xuống dưới 6%" (lower is stricter).
    Parent "100% xã, phường tổ chức ít nhất 02 đợt"; commune child "xã tổ chức 02 đợt".
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from app.domain.targets import Comparator
from app.messages import t
from app.review.report import Review
from app.review.status import Status
from app.review.strength import (
    FAMILIES,
    FREQUENCY_RANK,
    comparable_values,
    describe_value,
    laxer,
    units_compatible,
)
from app.rules.coverage.pair import PairFinding, TargetPair, finding
from app.rules.finding import Finding, Severity
from app.vn.numbers import NUMBER_PATTERN, format_number, parse_number

CODE = "KH002"
NAME = "value-weaker"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (weaker: laxer value)"
STATUS = Status.WEAKER  # what a finding on a pair makes of the mandate
CAUSES = frozenset({"value", "comparator", "unit", "no_value", "frequency", "task_only"})
_COUNT_IN_TEXT = re.compile(rf"({NUMBER_PATTERN})\s+(\w+)")
# A child's sub-population names the parent's when their keys are this close (rapidfuzz).
SUB_POPULATION_MATCH = 80


def judge(pair: TargetPair) -> Iterator[PairFinding]:
    """The value (a quota's share: only that it has a figure in a comparable unit), each
    sub-population's value, and the frequency."""
    yield from _value(pair)
    yield from _sub_values(pair)
    yield from _frequency(pair)


def check(review: Review) -> Iterator[Finding]:
    """One finding per matched target whose value, comparator, unit or frequency is laxer."""
    for r in review.results:
        if CAUSES.intersection(r.causes):
            yield Finding(
                CODE,
                r.id,
                t("kh002_message").format(reason=r.reason),
                r.child_text,
                r.parent_text,
                SEVERITY,
            )


def _found(pair: TargetPair, cause: str, key: str, **values: object) -> PairFinding:
    return finding(CODE, SEVERITY, pair, cause, key, **values)


def _value(pair: TargetPair) -> Iterator[PairFinding]:
    parent, child = pair.parent, pair.child
    if pair.quota:  # the share itself is KH005's
        if child.value is None:
            yield _found(pair, "no_value", "rv_no_value", parent=describe_value(parent))
        elif not units_compatible(parent.unit, child.unit, pair.vocab):
            yield _found(pair, "unit", "rv_unit", parent=parent.unit or "", child=child.unit or "")
        return
    each = _count_for_each_unit(pair)
    if each is not None:
        if child.value is not None and laxer(child.value, each):
            yield _found(
                pair, "value", "rv_value", parent=describe_value(parent), child=describe_value(child)
            )
        return
    pf, cf = FAMILIES[parent.comparator], FAMILIES[child.comparator]
    if pf == "none":
        if cf != "none" and not (cf == "max" and child.value == 0):
            yield _found(pair, "comparator", "rv_not_prohibition")
        return
    if parent.value is None:
        return
    if child.value is None and cf != "none":
        yield _found(pair, "no_value", "rv_no_value", parent=describe_value(parent))
        return
    if pf != cf:
        yield _found(
            pair, "comparator", "rv_comparator", parent=describe_value(parent), child=describe_value(child)
        )
        return
    pv, cv = comparable_values(parent, child, pair.vocab)
    if pv is None or cv is None:
        yield _found(pair, "unit", "rv_unit", parent=parent.unit or "", child=child.unit or "")
        return
    # "trên 80%" excludes 80% itself; a child's "80%" (at least) is one notch laxer.
    strict = parent.comparator in (Comparator.MORE_THAN, Comparator.LESS_THAN)
    loose = child.comparator not in (Comparator.MORE_THAN, Comparator.LESS_THAN)
    if laxer(cv, pv, parent.comparator.higher_is_stricter) or (math.isclose(cv, pv) and strict and loose):
        yield _found(pair, "value", "rv_value", parent=describe_value(parent), child=describe_value(child))


def _count_for_each_unit(pair: TargetPair) -> float | None:
    """ "100% xã, phường tổ chức ít nhất 02 đợt ...": read by one of those communes, a share of
    every unit of the child's level is the count each unit must reach, so a child's count
    ("xã tổ chức ít nhất 02 đợt") is held to that count; None when this does not apply."""
    parent, child, vocab = pair.parent, pair.child, pair.vocab
    if parent.unit != "%" or parent.value is None or not math.isclose(parent.value, 100):
        return None
    if not child.unit or child.unit == "%" or child.value is None:
        return None
    if pair.levels.infer_any(parent.population or "") != pair.child_level:
        return None
    unit = vocab.unit(child.unit.split()[0])
    for m in _COUNT_IN_TEXT.finditer(parent.text):
        if vocab.unit(m.group(2)) == unit:
            return parse_number(m.group(1))
    return None


def _sub_values(pair: TargetPair) -> Iterator[PairFinding]:
    """ "dưới 11%, riêng vùng miền núi dưới 15%": the child must keep each sub-population's
    value, at least as strictly."""
    vocab = pair.vocab
    for sub in pair.parent.sub_values:
        key = vocab.key(sub.population)
        found = [
            c
            for c in pair.child.sub_values
            if fuzz.token_set_ratio(key, vocab.key(c.population)) >= SUB_POPULATION_MATCH
        ]
        if not found:
            yield _found(pair, "value", "rv_subvalue_missing", population=sub.population)
            continue
        mine = found[0]
        if laxer(mine.value, sub.value, sub.comparator.higher_is_stricter):
            yield _found(
                pair,
                "value",
                "rv_subvalue",
                population=sub.population,
                parent=format_number(sub.value),
                child=format_number(mine.value),
            )


def _frequency(pair: TargetPair) -> Iterator[PairFinding]:
    parent, child = pair.parent, pair.child
    if parent.frequency is None or child.frequency is None:
        return
    if FREQUENCY_RANK[child.frequency] > FREQUENCY_RANK[parent.frequency]:
        yield _found(
            pair,
            "frequency",
            "rv_frequency",
            parent=t(f"freq_{parent.frequency}"),
            child=t(f"freq_{child.frequency}"),
        )

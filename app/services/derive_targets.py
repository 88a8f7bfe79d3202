"""A parent target as the child carries it: linked, at the child's level, with its share.

Split out of :mod:`app.services.derive` because it is the part a batch runs thousands of
times: a quota target's figures (the total, then each part of its breakdown) are rewritten in
place in the sentence, so the child's text reads like the parent's with its own numbers.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable

from app.domain.targets import QuotaPart, Target
from app.vn.normalize import match_key
from app.vn.numbers import NUMBER_PATTERN, format_count, format_number, parse_number

_NUMBER = re.compile(NUMBER_PATTERN)


def rewrite_quota_text(text: str, old: Iterable[float], new: Iterable[float]) -> str:
    """Replace the figures of a quota sentence, in order: the total, then the breakdown.

    "cai nghiện cho ít nhất 1.100 lượt người: tại cơ sở 1.000 ..." becomes "... 120 lượt
    người: tại cơ sở 109 ...". A figure is replaced only where the next expected old value
    is written, so years and other numbers in the sentence stay as they are.
    """

    def written(value: float, as_printed: str) -> str:
        # "02 lớp" keeps its two digits ("05"), ND30 style for counts below ten
        if len(as_printed) == 2 and as_printed.startswith("0"):
            return format_count(value)
        return format_number(value)

    pairs = list(zip(old, new, strict=True))
    return _replace_figures(text, [o for o, _ in pairs], [functools.partial(written, n) for _, n in pairs])


def _replace_figures(text: str, old: list[float], new: list[Callable[[str], str]]) -> str:
    """Each figure of ``old``, found in order where it is written, replaced by ``new``'s
    rendering of it (given the figure as printed)."""
    pending = list(zip(old, new, strict=True))
    out: list[str] = []
    last = 0
    for match in _NUMBER.finditer(text):
        if not pending:
            break
        try:
            value = parse_number(match.group(0))
        except ValueError:
            continue
        if value == pending[0][0]:
            out.append(text[last : match.start()] + pending[0][1](match.group(0)))
            last = match.end()
            pending.pop(0)
    return "".join(out) + text[last:]


def _parts_in_order(parts: list[QuotaPart], prefix: str) -> Iterable[tuple[str, QuotaPart]]:
    for part in parts:
        key = f"{prefix}/{part.label}"
        yield key, part
        yield from _parts_in_order(part.parts, key)


def child_target(target: Target, level: str, quotas: dict[str, float] | None) -> Target:
    """A copy of a parent target for the child, linked to it, carrying the child's share."""
    # A shallow copy with fresh lists instead of deepcopy or replace(): this runs once per
    # target per commune, thousands of times in a batch.
    child = copy.copy(target)
    child.parent_target = target.id
    child.level = level
    child.source = None
    child.breakdown = _copy_parts(target.breakdown)
    child.sub_values = list(target.sub_values)
    if not quotas or target.id not in quotas or not target.is_quota:
        return child
    parts = list(_parts_in_order(child.breakdown, target.id))
    old = [target.value or 0.0, *(p.value for _, p in parts)]
    child.value = quotas[target.id]
    for key, part in parts:
        part.value = quotas.get(key, part.value)
    text = rewrite_quota_text(target.text, old, [child.value, *(p.value for _, p in parts)])
    child.text = _drop_allocation_note(text)
    return child


UNSHARED = "…"


def unshared_target(target: Target, level: str) -> Target:
    """A quota target whose share for this child is not known (the parent's appendix does not
    list it): the figures are left blank ("…") for the officer to fill, and the value unset,
    so neither the plan nor its review takes the parent's whole total for the child's."""
    child = child_target(target, level, None)
    figures = [target.value or 0.0, *(p.value for _, p in _parts_in_order(child.breakdown, target.id))]
    child.text = _drop_allocation_note(
        _replace_figures(target.text, figures, [lambda _: UNSHARED] * len(figures))
    )
    child.value = None
    child.breakdown = []
    return child


def _copy_parts(parts: list[QuotaPart]) -> list[QuotaPart]:
    return [QuotaPart(p.label, p.value, _copy_parts(p.parts)) for p in parts]


def _drop_allocation_note(text: str) -> str:
    """Drop "...; chỉ tiêu được phân bổ cho từng xã tại Phụ lục" from a commune's share: the
    commune's plan states its own figure, it has no appendix of allocations."""
    head, sep, tail = text.rpartition(";")
    if sep and _is_allocation_note(tail):
        return head.rstrip() + "."
    return text


@functools.lru_cache(maxsize=256)
def _is_allocation_note(clause: str) -> bool:
    # Cached: in a batch every commune's share ends with the same clause.
    key = match_key(clause)
    return any(match_key(word) in key for word in ("phân bổ", "phụ lục"))

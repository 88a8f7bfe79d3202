"""A quota target's printed sentence follows its value: one source of truth.

A target is stored twice, as data (value 60, unit "lượt người") and as the sentence the plan
prints ("Tổ chức cai nghiện ma túy cho ít nhất 60 lượt người"). When the officer changes the
value and leaves the sentence as it was, the sentence is rewritten with the new figures (the
total, then each part of its breakdown). When the officer has written the sentence by hand and
it no longer states the value, nothing is guessed: the plan carries a warning showing the two
side by side, until one of them is corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.plan import Plan
from app.domain.targets import QuotaPart, Target
from app.services.derive_targets import UNSHARED, rewrite_quota_text
from app.vn.numbers import NUMBER_PATTERN, format_number, parse_number

_NUMBER = re.compile(NUMBER_PATTERN)


@dataclass(frozen=True)
class QuotaTextWarning:
    """A quota whose sentence does not state its value."""

    target_id: str
    text: str
    value: float | None

    def message(self) -> str:
        if self.value is None:
            return f"Chỉ tiêu «{self.text}» chưa có số: điền Giá trị (số được giao)."
        return (
            f"Câu chỉ tiêu «{self.text}» không ghi giá trị {format_number(self.value)}: "
            "sửa câu chữ hoặc Giá trị cho khớp."
        )


def _figures(target: Target) -> list[float]:
    def parts(items: list[QuotaPart]) -> list[float]:
        return [v for p in items for v in (p.value, *parts(p.parts))]

    return [target.value or 0.0, *parts(target.breakdown)]


def restate_values(before: Plan | None, after: Plan) -> list[str]:
    """Rewrite, in ``after``, the sentence of every quota whose value changed since ``before``
    while its sentence did not; returns the ids of the targets rewritten."""
    if before is None:
        return []
    old = {t.id: t for t in before.targets()}
    changed: list[str] = []
    for target in after.targets():
        previous = old.get(target.id)
        if previous is None or target.text != previous.text or target.value is None:
            continue
        was, now = _figures(previous), _figures(target)
        if was == now:
            continue
        if len(was) != len(now):  # the breakdown was redrawn: only the total is known to match
            was, now = was[:1], now[:1]
        if previous.value is None:
            text = target.text.replace(UNSHARED, format_number(target.value), 1)
        else:
            text = rewrite_quota_text(target.text, was, now)
        if text != target.text:
            target.text = text
            changed.append(target.id)
    return changed


def disagreements(plan: Plan) -> list[QuotaTextWarning]:
    """Quota targets whose sentence does not state their value, or still has its blank."""
    out: list[QuotaTextWarning] = []
    for target in plan.targets():
        if UNSHARED in target.text and target.value is None:
            out.append(QuotaTextWarning(target.id, target.text, None))
        elif target.is_quota and target.value is not None and not _states(target.text, target.value):
            out.append(QuotaTextWarning(target.id, target.text, target.value))
    return out


def _states(text: str, value: float) -> bool:
    for match in _NUMBER.finditer(text):
        try:
            if parse_number(match.group(0)) == value:
                return True
        except ValueError:
            continue
    return False

"""Coverage rules (KH0xx): does a child plan carry its parent's mandates?

An explicit registry, in code order. Codes are stable and never reused; a rule's docstring is
its documentation (headings "Yêu cầu / Requirement", "Why", "Fails", "Passes").
"""

from __future__ import annotations

from types import ModuleType

from app.review.report import QuotaCheck, Review
from app.rules.coverage import (
    kh001_target_missing,
    kh002_value_weaker,
    kh003_deadline_later,
    kh004_population_narrower,
    kh005_quota_shortfall,
    kh006_duty_missing,
    kh007_ambiguous_match,
)
from app.rules.finding import Finding

RULES: tuple[ModuleType, ...] = (
    kh001_target_missing,
    kh002_value_weaker,
    kh003_deadline_later,
    kh004_population_narrower,
    kh005_quota_shortfall,
    kh006_duty_missing,
    kh007_ambiguous_match,
)


def get(code: str) -> ModuleType:
    """The rule module with ``code``; raises KeyError for an unknown code."""
    for rule in RULES:
        if code.upper() == rule.CODE:
            return rule
    raise KeyError(code)


def run(review: Review) -> list[Finding]:
    """Every coverage finding on one review, rule by rule."""
    return [finding for rule in RULES for finding in rule.check(review)]


def run_family(quotas: list[QuotaCheck]) -> list[Finding]:
    """The findings that need all the children at once (quota totals)."""
    return list(kh005_quota_shortfall.check_family(quotas))

"""Coverage rules (KH0xx): does a child plan carry its parent's mandates?

An explicit registry, in code order. Codes are stable and never reused; a rule's docstring is
its documentation (headings "Yêu cầu / Requirement", "Why", "Fails", "Passes").

The rules that compare a matched pair of targets (KH002 value, KH003 deadline, KH004
population, KH005 quota share and breakdown) hold that comparison: :func:`compare_targets`
runs their ``judge`` on the pair, and the mandate's status is derived from the findings (each
rule's ``STATUS``: weaker over late over covered). Every rule's ``check`` then turns the
review's results into the review's findings.
"""

from __future__ import annotations

from types import ModuleType

from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.targets import Target
from app.review.lexicon import Vocabulary
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
from app.rules.coverage.pair import PairFinding, TargetPair, Verdict, strictest
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
# The rules that judge a pair of targets, in the order a reader weighs a target: its value,
# its share of a quota, over whom, by when (the order of the reasons).
JUDGES: tuple[ModuleType, ...] = (
    kh002_value_weaker,
    kh005_quota_shortfall,
    kh004_population_narrower,
    kh003_deadline_later,
)


def get(code: str) -> ModuleType:
    """The rule module with ``code``; raises KeyError for an unknown code."""
    for rule in RULES:
        if code.upper() == rule.CODE:
            return rule
    raise KeyError(code)


def judge(pair: TargetPair) -> list[PairFinding]:
    """Every finding of the target rules on one pair."""
    return [found for rule in JUDGES for found in rule.judge(pair)]


def compare_targets(
    parent: Target,
    child: Target,
    child_level: str,
    *,
    vocab: Vocabulary,
    share: float | None = None,
    quota: bool = False,
    levels: LevelTable = DEFAULT_LEVELS,
    mandate: str = "",
) -> Verdict:
    """Judge ``child`` against ``parent`` (for a quota, ``child`` carries a share, held to
    ``share`` when the parent allocates one): the findings, and the status they give."""
    pair = TargetPair(parent, child, child_level, vocab, levels, share, quota, mandate)
    findings = judge(pair)
    return Verdict(tuple(findings), strictest(get(f.rule).STATUS for f in findings))


def run(review: Review) -> list[Finding]:
    """Every coverage finding on one review, rule by rule."""
    return [finding for rule in RULES for finding in rule.check(review)]


def run_family(quotas: list[QuotaCheck]) -> list[Finding]:
    """The findings that need all the children at once (quota totals)."""
    return list(kh005_quota_shortfall.check_family(quotas))

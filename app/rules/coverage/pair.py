"""One parent target and the child target matched to it: what the target rules judge.

Every rule that compares two targets (KH002 value, KH003 deadline, KH004 population, KH005
quota share and breakdown) has a ``judge(pair)`` generator yielding one :class:`PairFinding`
per fault, with its machine-readable cause and its Vietnamese reason; the mandate's status is
derived from those findings (:func:`strictest`). The vocabulary comes with the pair:
rules read no file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.targets import Target
from app.messages import t
from app.review.lexicon import Vocabulary
from app.review.status import Status
from app.review.strength import describe_value
from app.rules.finding import Finding, Severity


@dataclass(frozen=True)
class TargetPair:
    """A parent target, the child target matched to it, and what judging them needs.

    ``quota``: the parent's target is an absolute quota the children share, the child carries
    a share of it, held to ``share`` when the parent allocates one to this child. ``mandate``
    is the mandate's id, where the findings are.
    """

    parent: Target
    child: Target
    child_level: str
    vocab: Vocabulary
    levels: LevelTable = DEFAULT_LEVELS
    share: float | None = None
    quota: bool = False
    mandate: str = ""


@dataclass(frozen=True)
class PairFinding(Finding):
    """A finding on one pair, with its cause (value, comparator, unit, no_value, frequency,
    population, deadline, share, breakdown) for the review's JSON."""

    cause: str = field(default="", compare=False)


def finding(
    code: str, severity: Severity, pair: TargetPair, cause: str, key: str, **values: object
) -> PairFinding:
    """The finding of rule ``code`` on ``pair``: the reason is message ``key`` filled with
    ``values``; found and required are both targets' figures."""
    return PairFinding(
        code,
        pair.mandate,
        t(key).format(**values),
        describe_value(pair.child),
        describe_value(pair.parent),
        severity,
        cause,
    )


@dataclass(frozen=True)
class Verdict:
    """The findings on one pair and the status they give the mandate."""

    findings: tuple[PairFinding, ...] = ()
    status: Status = Status.COVERED

    @property
    def causes(self) -> list[str]:
        return [f.cause for f in self.findings]

    @property
    def reasons(self) -> list[str]:
        return [f.message for f in self.findings]


def strictest(statuses: Iterable[Status]) -> Status:
    """Weaker over late over covered: the status of a mandate with these findings' statuses."""
    found = set(statuses)
    for status in (Status.WEAKER, Status.LATE):
        if status in found:
            return status
    return Status.COVERED

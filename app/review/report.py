"""The Review: every mandate with its status and the evidence on both sides, the format
findings of the child document, the coverage findings, and a one-line summary.

A :class:`Review` is plain data; app/review/formats/ turn it into JSON, HTML or DOCX.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from app.domain.plan import Plan
from app.messages import t
from app.review.status import Status
from app.rules.finding import Finding

# Statuses that count as a fault of the child plan (exit status 1 on the command line).
FAULTS = (Status.WEAKER, Status.LATE, Status.MISSING, Status.AMBIGUOUS)


@dataclass
class MandateResult:
    """One mandate of the parent and how the child carries it.

    ``parent_where``/``child_where`` say where the text stands: a target's source location
    (the location label of the document it was read from) or its section path and id.
    ``causes`` are machine-readable (value, comparator, unit, no_value, frequency, population,
    deadline, share, task_only); ``reasons`` are the Vietnamese sentences shown to people.
    """

    id: str
    kind: str
    status: Status
    parent_text: str
    parent_where: str
    level: str | None = None
    child_id: str | None = None
    child_text: str | None = None
    child_where: str | None = None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    causes: list[str] = field(default_factory=list)
    required: float | None = None  # the parent's figure (for a quota: the whole quota)
    carried: float | None = None  # the matched child target's figure
    unit: str | None = None
    allocated: float | None = None  # a quota's share the parent's appendix gives this child

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class PlanRef:
    """Which document a side of the review is: id, number/symbol, date, issuer, level."""

    id: str
    title: str
    number_symbol: str | None
    date: str | None
    issuer: str
    level: str
    issuer_name: str = ""  # as printed in the header, line breaks kept
    issuer_abbreviation: str = ""
    place: str = ""

    @classmethod
    def of(cls, plan: Plan) -> PlanRef:
        # ND30: a number below 10 is written with a leading zero ("05/KH-UBND"), here as in print
        number = f"{plan.number:02d}/{plan.symbol}" if plan.number else plan.symbol
        return cls(
            plan.id,
            plan.subject,
            number,
            plan.date.isoformat() if plan.date else None,
            plan.issuer.one_line_name,
            plan.level,
            plan.issuer.name,
            plan.issuer.abbreviation,
            plan.issuer.place,
        )


@dataclass
class Summary:
    """How many applicable mandates the child covers, and the count of every status."""

    covered: int
    applicable: int
    counts: dict[str, int]

    @property
    def text(self) -> str:
        return t("summary_line").format(covered=self.covered, total=self.applicable)

    @property
    def ok(self) -> bool:
        return self.covered == self.applicable


@dataclass
class Review:
    """The review of one child plan against its parent.

    ``parent.level`` and ``child.level`` are the levels the review worked with;
    ``assumptions`` says, in plain Vietnamese, which of them were guessed or assumed and how
    to set them instead (app/review/assumptions.py).
    """

    parent: PlanRef
    child: PlanRef
    results: list[MandateResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    format_findings: list[Finding] = field(default_factory=list)
    format_checked: bool = False
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    @property
    def summary(self) -> Summary:
        counts = Counter(str(r.status) for r in self.results)
        applicable = sum(1 for r in self.results if r.status is not Status.NOT_APPLICABLE)
        return Summary(counts[Status.COVERED], applicable, {s.value: counts[s.value] for s in Status})

    @property
    def has_faults(self) -> bool:
        return any(r.status in FAULTS for r in self.results)

    def result(self, mandate_id: str) -> MandateResult | None:
        for r in self.results:
            if r.id == mandate_id:
                return r
        return None


@dataclass
class QuotaCheck:
    """One quota of the parent against the shares its children carry."""

    id: str
    parent_text: str
    required: float
    unit: str | None
    shares: dict[str, float] = field(default_factory=dict)  # child plan id -> its share
    without_share: list[str] = field(default_factory=list)  # child plan ids carrying nothing

    @property
    def total(self) -> float:
        return sum(self.shares.values())

    @property
    def shortfall(self) -> float:
        gap = self.required - self.total
        return 0.0 if gap <= 0 or math.isclose(gap, 0.0, abs_tol=1e-9) else gap

    @property
    def ok(self) -> bool:
        return self.shortfall == 0.0 and not self.without_share


@dataclass
class FamilyReview:
    """The reviews of all the children of one parent, and the quota view across them."""

    parent: PlanRef
    reviews: list[Review] = field(default_factory=list)
    quotas: list[QuotaCheck] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def has_faults(self) -> bool:
        return any(r.has_faults for r in self.reviews) or any(not q.ok for q in self.quotas)

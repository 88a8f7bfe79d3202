"""KH003 deadline-later: the child sets a later deadline than the parent.

Yêu cầu / Requirement:
    Thời hạn của cấp dưới không được muộn hơn thời hạn cấp trên giao. / The child's deadline
    must be no later than the parent's.

Why:
    domain.md, "What covers its parent means": *weaker* — a later deadline (reported as
    ``late``).

Fails:
    Parent "đến năm 2025, 100% các cơ sở được kiểm tra"; the child copies the sentence but
    writes "đến năm 2026".

Passes:
    The child writes "đến năm 2025" (or earlier).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import Review
from app.review.status import Status
from app.review.strength import effective_deadline
from app.rules.coverage.pair import PairFinding, TargetPair, finding
from app.rules.finding import Finding, Severity

CODE = "KH003"
NAME = "deadline-later"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (weaker: later deadline)"
STATUS = Status.LATE  # what a finding on a pair makes of the mandate


def judge(pair: TargetPair) -> Iterator[PairFinding]:
    """The deadline year of each target (the field, else the years of its period or text)."""
    required, carried = effective_deadline(pair.parent), effective_deadline(pair.child)
    if required is not None and carried is not None and carried > required:
        yield finding(CODE, SEVERITY, pair, "deadline", "rv_deadline", parent=required, child=carried)


def check(review: Review) -> Iterator[Finding]:
    """One finding per mandate carried with a later deadline."""
    for r in review.results:
        if "deadline" in r.causes:
            yield Finding(
                CODE, r.id, t("kh003_message").format(reason=r.reason), r.child_text, r.parent_text, SEVERITY
            )

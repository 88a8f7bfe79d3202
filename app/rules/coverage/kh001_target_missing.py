"""KH001 target-missing: a target the parent gives this level is not in the child plan.

Yêu cầu / Requirement:
    Mọi chỉ tiêu cấp trên giao cho cấp này phải có trong kế hoạch cấp dưới. / Every target
    the parent mandates to the child's level must appear among the child's targets.

Why:
    domain.md, "What covers its parent means": *missing* — nothing in the child matches.

Fails:
    Parent "100% nạn nhân bị mua bán trở về được tiếp nhận, hỗ trợ"; the commune plan has no
    target (and no task) about victims of trafficking.

Passes:
    The commune plan carries "Toàn bộ người bị mua bán trở về địa phương được tiếp nhận, xác
    minh và hỗ trợ" (reworded with synonyms, matched by content).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import Review
from app.review.status import Status
from app.rules.finding import Finding, Severity

CODE = "KH001"
NAME = "target-missing"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (missing)"


def check(review: Review) -> Iterator[Finding]:
    """One finding per target or quota mandate the child does not carry at all."""
    for r in review.results:
        if r.kind != "duty" and r.status is Status.MISSING:
            yield Finding(
                CODE, r.id, t("kh001_message").format(text=r.parent_text), None, r.parent_text, SEVERITY
            )

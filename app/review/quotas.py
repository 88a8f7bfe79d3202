"""Quotas across all the children: do their shares add up to the parent's figure?

Each absolute quota of the parent (an at-least figure in people, visits, units ...) is split
among the children. Every child's share is the value of the child target matched to the quota
(by explicit link or by content); the shares of all children together must reach the parent's
figure. The check reports the shortfall and the children that carry nothing.
"""

from __future__ import annotations

from app.review.report import QuotaCheck, Review
from app.review.status import Status


def check_quotas(reviews: list[Review]) -> list[QuotaCheck]:
    """The quota checks over ``reviews`` (one per child, same parent): a child's share is the
    figure of its target matched to the quota; no match or no figure means it carries nothing."""
    checks: dict[str, QuotaCheck] = {}
    for review in reviews:
        for result in review.results:
            if result.kind != "quota" or result.required is None or result.status is Status.NOT_APPLICABLE:
                continue
            check = checks.setdefault(
                result.id, QuotaCheck(result.id, result.parent_text, result.required, result.unit)
            )
            value = result.carried if result.child_id else None
            if value is None or value <= 0:
                check.without_share.append(review.child.id)
            else:
                check.shares[review.child.id] = value
    return list(checks.values())

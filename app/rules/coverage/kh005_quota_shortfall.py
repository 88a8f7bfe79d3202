"""KH005 quota-shortfall: a quota's shares fall short of the parent's figure.

Yêu cầu / Requirement:
    Mỗi cấp dưới nhận đủ phần chỉ tiêu được phân bổ, giữ đủ các phần chia của chỉ tiêu cấp
    trên (tại cơ sở, tại gia đình và cộng đồng ...), và tổng phần của các cấp dưới phải đạt con
    số cấp trên giao. / Each child carries at least its allocated share of an absolute quota,
    keeps every part of the parent's breakdown, and the shares of all children together reach
    the parent's figure.

Why:
    domain.md, "What covers its parent means": *quota* — an absolute quota (1.100 lượt người)
    is split among the children; the shares together must reach the parent's figure. A
    breakdown ("tại cơ sở 1.000 ...; tại gia đình, cộng đồng 100") says how it is reached: a
    share without the community-based part is weaker even when its total is right.

Fails:
    The province appendix allocates 120 lượt người to xã Trị An; its plan says 100. Or the
    communes' plans add up to 220 of the 300 lượt người. Or the province asks "1.100 lượt
    người: tại cơ sở 1.000; tại gia đình, cộng đồng 100" and a district carries "300 lượt
    người: tại cơ sở 300" (the community-based part left out).

Passes:
    Every commune carries its allocation and the shares add up to 300; a district carries
    "300 lượt người (tại cơ sở 270, tại gia đình và cộng đồng 30)".
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import QuotaCheck, Review
from app.rules.finding import Finding, Severity
from app.vn.numbers import format_number

CODE = "KH005"
NAME = "quota-shortfall"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (quota)"


def check(review: Review) -> Iterator[Finding]:
    """One finding per quota the child carries below its allocated share, or without a part
    of the parent's breakdown."""
    for r in review.results:
        if (r.kind == "quota" and "share" in r.causes) or "breakdown" in r.causes:
            yield Finding(
                CODE, r.id, t("kh005_message").format(reason=r.reason), r.child_text, r.parent_text, SEVERITY
            )


def check_family(quotas: list[QuotaCheck]) -> Iterator[Finding]:
    """Across all children: a shortfall of the total, and each child carrying nothing."""
    for q in quotas:
        if q.shortfall:
            yield Finding(
                CODE,
                q.id,
                t("kh005_family").format(
                    total=format_number(q.total),
                    required=format_number(q.required),
                    gap=format_number(q.shortfall),
                    unit=q.unit or "",
                ),
                format_number(q.total),
                format_number(q.required),
                SEVERITY,
            )
        for child_id in q.without_share:
            yield Finding(
                CODE, f"{q.id}@{child_id}", t("kh005_no_share").format(child=child_id), None, None, SEVERITY
            )

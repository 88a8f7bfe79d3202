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
from app.review.quotas import breakdown_shortfalls
from app.review.report import QuotaCheck, Review
from app.review.status import Status
from app.review.strength import describe_value, laxer, units_compatible
from app.rules.coverage.pair import PairFinding, TargetPair, finding
from app.rules.finding import Finding, Severity
from app.vn.numbers import format_number

CODE = "KH005"
NAME = "quota-shortfall"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (quota)"
STATUS = Status.WEAKER  # what a finding on a pair makes of the mandate


def judge(pair: TargetPair) -> Iterator[PairFinding]:
    """A quota's share against its allocation (a share with a figure in the quota's unit:
    KH002 says when it has none), and every target's breakdown share by share."""
    parent, child = pair.parent, pair.child
    if pair.quota and child.value is not None and units_compatible(parent.unit, child.unit, pair.vocab):
        if child.problems():
            yield _found(pair, "share", "rv_breakdown", child=describe_value(child))
        if pair.share is not None and laxer(child.value, pair.share):
            yield _found(
                pair,
                "share",
                "rv_share",
                share=format_number(pair.share),
                unit=parent.unit or "",
                child=describe_value(child),
            )
    yield from _breakdown(pair)


def _found(pair: TargetPair, cause: str, key: str, **values: object) -> PairFinding:
    return finding(CODE, SEVERITY, pair, cause, key, **values)


def _breakdown(pair: TargetPair) -> Iterator[PairFinding]:
    """The child keeps every share of the parent's breakdown (app.review.quotas); held to the
    whole figure (a target, or a quota the child carries whole), each share at least as high."""
    parent, child = pair.parent, pair.child
    whole = not pair.quota or (
        child.value is not None and parent.value is not None and child.value >= parent.value
    )
    unit = parent.unit or ""
    for gap in breakdown_shortfalls(parent, child, pair.vocab.quota_parts, whole=whole):
        required = format_number(gap.required)
        if gap.carried is None or gap.carried <= 0:
            yield _found(pair, "breakdown", "rv_part_missing", part=gap.label, required=required, unit=unit)
        else:
            carried = format_number(gap.carried)
            yield _found(
                pair,
                "breakdown",
                "rv_part_lower",
                part=gap.label,
                required=required,
                child=carried,
                unit=unit,
            )


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

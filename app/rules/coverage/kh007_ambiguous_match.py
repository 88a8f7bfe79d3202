"""KH007 ambiguous-match: two child targets match a mandate almost equally well.

Yêu cầu / Requirement:
    Mỗi chỉ tiêu cấp trên phải ứng với một chỉ tiêu rõ ràng của cấp dưới (nên ghi rõ chỉ tiêu
    cấp trên được thực hiện). / Each mandate must map to one clear child target (best: the
    child names the parent target it implements).

Why:
    domain.md, "What covers its parent means": the review never picks silently between two
    close candidates, because picking the wrong one would hide a weaker or missing target.

Fails:
    Parent "ít nhất 70% người lao động được tuyên truyền"; child has two targets "70% người
    lao động tại cơ sở kinh doanh dịch vụ" and "60% người lao động trong khu công nghiệp".

Passes:
    One of them names the parent target (``parent_target``), or only one is close.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import Review
from app.review.status import Status
from app.rules.finding import Finding, Severity

CODE = "KH007"
NAME = "ambiguous-match"
SEVERITY = Severity.WARNING
SOURCE = "domain.md: What covers its parent means (matching)"


def check(review: Review) -> Iterator[Finding]:
    """One finding per mandate with two close candidates in the child."""
    for r in review.results:
        if r.status is Status.AMBIGUOUS:
            yield Finding(
                CODE, r.id, t("kh007_message").format(reason=r.reason), None, r.parent_text, SEVERITY
            )

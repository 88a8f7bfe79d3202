"""KH006 duty-missing: a duty the parent gives this level is not among the child's tasks.

Yêu cầu / Requirement:
    Nhiệm vụ "Tổ chức thực hiện" cấp trên giao cho cấp này phải thành nhiệm vụ của kế hoạch
    cấp dưới. / Every duty the parent's "Tổ chức thực hiện" gives to the child's level must
    appear in the child as its own task or duty.

Why:
    domain.md, "What covers its parent means": *duties* must appear in the child.

Fails:
    Parent "UBND các xã, phường: định kỳ 6 tháng và hằng năm báo cáo kết quả ..."; the
    commune plan assigns no reporting duty.

Passes:
    The commune plan gives Phòng Văn hóa - Xã hội "tham mưu UBND xã định kỳ 6 tháng và hằng
    năm báo cáo kết quả ...". A duty to issue the plan is fulfilled by the plan itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import Review
from app.review.status import Status
from app.rules.finding import Finding, Severity

CODE = "KH006"
NAME = "duty-missing"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (duties)"


def check(review: Review) -> Iterator[Finding]:
    """One finding per duty mandate the child does not take on."""
    for r in review.results:
        if r.kind == "duty" and r.status is Status.MISSING:
            yield Finding(
                CODE, r.id, t("kh006_message").format(text=r.parent_text), None, r.parent_text, SEVERITY
            )

"""KH004 population-narrower: the child counts its target over a narrower population.

Yêu cầu / Requirement:
    Đối tượng của chỉ tiêu cấp dưới không được hẹp hơn cấp trên. / The child's population
    must not be a qualified part of the parent's.

Why:
    domain.md, "What covers its parent means": *weaker* — a narrower population. When the
    parent's population is made of units of the child's own level ("xã, phường, thị trấn" read
    by a commune), the child *is* the unit: "xã" or "ấp trên địa bàn xã" is not narrower.

Fails:
    Parent "70% học sinh được tuyên truyền"; child "70% học sinh THPT được tuyên truyền".

Passes:
    Parent "100% xã, phường tổ chức truyền thông"; commune child "100% ấp trên địa bàn xã".
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import Review
from app.rules.finding import Finding, Severity

CODE = "KH004"
NAME = "population-narrower"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (weaker: narrower population)"


def check(review: Review) -> Iterator[Finding]:
    """One finding per matched target counted over a narrower population."""
    for r in review.results:
        if "population" in r.causes:
            yield Finding(
                CODE, r.id, t("kh004_message").format(reason=r.reason), r.child_text, r.parent_text, SEVERITY
            )

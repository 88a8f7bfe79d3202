"""KH002 value-weaker: the child carries the target at a laxer value.

Yêu cầu / Requirement:
    Chỉ tiêu cấp dưới phải nghiêm bằng hoặc hơn cấp trên: mức tối thiểu cao hơn, mức tối đa
    thấp hơn, cùng chiều, đơn vị so sánh được, tần suất không thưa hơn, có con số đo được. /
    The child's value must be at least as strict: a higher minimum, a lower maximum, the same
    direction, comparable units, no less frequent, and a measurable figure.

Why:
    domain.md, "What covers its parent means": *weaker* — same metric, but a laxer value.

Fails:
    Parent "100% xã, phường tổ chức ít nhất 01 hoạt động truyền thông"; child "90% ấp ...".
    Parent "giảm từ 2% đến 5%"; child "giảm 1%".

Passes:
    Parent "giảm tỷ lệ tái nghiện xuống dưới 8%"; child "xuống dưới 6%" (lower is stricter).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.report import Review
from app.rules.finding import Finding, Severity

CODE = "KH002"
NAME = "value-weaker"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (weaker: laxer value)"
CAUSES = frozenset({"value", "comparator", "unit", "no_value", "frequency", "task_only"})


def check(review: Review) -> Iterator[Finding]:
    """One finding per matched target whose value, comparator, unit or frequency is laxer."""
    for r in review.results:
        if CAUSES.intersection(r.causes):
            yield Finding(
                CODE,
                r.id,
                t("kh002_message").format(reason=r.reason),
                r.child_text,
                r.parent_text,
                SEVERITY,
            )

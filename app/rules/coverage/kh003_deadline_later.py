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
from app.rules.finding import Finding, Severity

CODE = "KH003"
NAME = "deadline-later"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (weaker: later deadline)"


def check(review: Review) -> Iterator[Finding]:
    """One finding per mandate carried with a later deadline."""
    for r in review.results:
        if "deadline" in r.causes:
            yield Finding(
                CODE, r.id, t("kh003_message").format(reason=r.reason), r.child_text, r.parent_text, SEVERITY
            )

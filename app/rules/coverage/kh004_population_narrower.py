"""KH004 population-narrower: the child counts its target over a narrower population.

Yêu cầu / Requirement:
    Đối tượng của chỉ tiêu cấp dưới không được hẹp hơn cấp trên: không bỏ bớt đối tượng trong
    danh sách, không thay bằng một bộ phận, không thêm điều kiện giới hạn. / The child's
    population must not be narrower than the parent's: no member of the parent's list left
    out, none replaced by a part of it, no qualifier added.

Why:
    domain.md, "What covers its parent means": *weaker* — a narrower population. Populations
    are compared by kind (app/review/populations.yaml: what contains what), not as strings: a
    wider population ("cơ sở kinh doanh dịch vụ và nhà trọ") covers. When the parent's
    population is made of units of the child's own level ("xã, phường, thị trấn" read by a
    commune), the child *is* the unit: "xã" or "ấp trên địa bàn xã" is not narrower.

Fails:
    Parent "70% học sinh được tuyên truyền"; child "70% học sinh THPT được tuyên truyền".
    Parent "100% cơ sở giáo dục"; child "100% trường tiểu học". Parent "cơ sở kinh doanh dịch
    vụ và nhà trọ"; child "cơ sở kinh doanh dịch vụ" (nhà trọ left out).

Passes:
    Parent "100% xã, phường tổ chức truyền thông"; commune child "100% ấp trên địa bàn xã".
    Parent "cơ sở kinh doanh dịch vụ"; child "cơ sở kinh doanh dịch vụ và nhà trọ".
"""

from __future__ import annotations

from collections.abc import Iterator

from app.messages import t
from app.review.population import Relation, compare_populations
from app.review.report import Review
from app.review.status import Status
from app.rules.coverage.pair import PairFinding, TargetPair, finding
from app.rules.finding import Finding, Severity

CODE = "KH004"
NAME = "population-narrower"
SEVERITY = Severity.ERROR
SOURCE = "domain.md: What covers its parent means (weaker: narrower population)"
STATUS = Status.WEAKER  # what a finding on a pair makes of the mandate


def judge(pair: TargetPair) -> Iterator[PairFinding]:
    """The child's population against the parent's (app.review.population); the reason
    names the members of the parent's list the child leaves out."""
    parent, child = pair.parent.population, pair.child.population
    found = compare_populations(parent, child, pair.child_level, pair.levels, pair.vocab.populations)
    if found.relation is not Relation.NARROWER:
        return
    if found.dropped:
        dropped = ", ".join(f'"{text}"' for text in found.dropped)
        yield finding(
            CODE,
            SEVERITY,
            pair,
            "population",
            "rv_population_dropped",
            parent=parent,
            child=child,
            dropped=dropped,
        )
    else:
        yield finding(CODE, SEVERITY, pair, "population", "rv_population", parent=parent, child=child)


def check(review: Review) -> Iterator[Finding]:
    """One finding per matched target counted over a narrower population."""
    for r in review.results:
        if "population" in r.causes:
            yield Finding(
                CODE, r.id, t("kh004_message").format(reason=r.reason), r.child_text, r.parent_text, SEVERITY
            )

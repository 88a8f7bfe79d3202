from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.plan import Plan
from app.review.status import Status
from app.services.review import ReviewInputError, review_family, review_plans
from tests.review.conftest import docx_child_and_yaml_parent


def test_the_defective_commune_plan_is_reported_with_exactly_its_dropped_and_weakened_targets(
    tinh: Plan, xa_b: Plan
) -> None:
    review = review_plans(tinh, xa_b)
    faults = {
        r.id: r.status
        for r in review.results
        if r.kind != "duty" and r.status not in (Status.COVERED, Status.NOT_APPLICABLE)
    }
    assert faults == {"t-tinh-nan-nhan-100": Status.MISSING, "t-tinh-truyen-thong-xa": Status.WEAKER}
    target_findings = [(f.rule, f.location) for f in review.findings if f.location.startswith("t-")]
    assert target_findings == [("KH001", "t-tinh-nan-nhan-100"), ("KH002", "t-tinh-truyen-thong-xa")]
    # the province's general tasks it leaves out: inspections and the victims' reception
    assert review.result("nhiem-vu-giai-phap.3.1").status is Status.MISSING  # "Tăng cường kiểm tra ...;"
    assert review.result("nhiem-vu-giai-phap.3.2").status is Status.MISSING  # "xử lý nghiêm ..."
    assert review.result("nhiem-vu-giai-phap.4").status is Status.MISSING
    assert review.has_faults


def test_the_complete_commune_plan_covers_everything(tinh: Plan, xa_a: Plan) -> None:
    review = review_plans(tinh, xa_a)
    assert review.summary.ok
    assert not review.findings
    assert not review.has_faults
    weak = review.result("t-tinh-truyen-thong-xa")
    assert weak is not None
    assert weak.child_id == "a-truyen-thong"
    assert weak.score == 100
    share = review.result("t-tinh-cai-nghien-300")
    assert share is not None
    assert (share.carried, share.allocated) == (120, 120)


def test_evidence_names_where_each_side_stands(tinh: Plan, xa_b: Plan) -> None:
    weak = review_plans(tinh, xa_b).result("t-tinh-truyen-thong-xa")
    assert weak is not None
    assert weak.parent_where.endswith("t-tinh-truyen-thong-xa")
    assert weak.child_where is not None
    assert weak.child_where.endswith("b-truyen-thong-90")
    assert "90%" in weak.reason
    assert "100%" in weak.reason


def test_the_family_quota_falls_short_by_what_the_other_communes_must_carry(
    tinh: Plan, xa_a: Plan, xa_b: Plan
) -> None:
    family = review_family(tinh, [xa_a, xa_b])
    (quota,) = family.quotas
    assert quota.shares == {"family-xa-a-2026": 120, "family-xa-b-2026": 100}
    assert quota.shortfall == 80
    assert quota.without_share == []
    assert [(f.rule, f.location) for f in family.findings] == [("KH005", "t-tinh-cai-nghien-300")]


def test_a_child_of_the_same_level_is_reviewed_as_same_level_and_says_so(xa_a: Plan, xa_b: Plan) -> None:
    review = review_plans(xa_a, xa_b)
    assert (review.parent.level, review.child.level) == ("commune", "commune")
    (assumption,) = review.assumptions
    assert assumption.startswith("Hai kế hoạch cùng cấp xã")


def test_a_plan_against_itself_is_reported_as_the_same_plan(tinh: Plan) -> None:
    with pytest.raises(ReviewInputError, match="cùng một kế hoạch"):
        review_plans(tinh, tinh)


def test_a_family_needs_children(tinh: Plan) -> None:
    with pytest.raises(ReviewInputError):
        review_family(tinh, [])


def test_format_findings_come_from_the_format_linter_when_given_a_docx(tinh: Plan, xa_b: Plan) -> None:
    from app.render.docx import render_docx

    review = review_plans(tinh, xa_b, render_docx(xa_b))
    assert review.format_checked
    assert all(f.rule.startswith("ND") for f in review.format_findings)


def test_a_plan_building_target_of_the_child_level_is_fulfilled_by_the_plan_itself() -> None:
    from tests.review.conftest import plan

    review = review_plans(plan("tinh_quang_ninh_2023"), plan("tp_ha_long_2023"))
    result = review.result("qn-huyen-ke-hoach")
    assert result is not None
    assert result.status is Status.COVERED
    assert result.child_text is None


def test_a_docx_child_is_read_back_and_reviewed_with_locations(
    tinh: Plan, xa_b: Plan, tmp_path: Path
) -> None:
    from app.services.review import review_files

    child, parent = docx_child_and_yaml_parent(tmp_path, xa_b, tinh, "xa_b")
    review = review_files(child, parent)
    faults = {
        r.id: r.status
        for r in review.results
        if r.kind != "duty" and r.status not in (Status.COVERED, Status.NOT_APPLICABLE)
    }
    assert faults == {"t-tinh-nan-nhan-100": Status.MISSING, "t-tinh-truyen-thong-xa": Status.WEAKER}
    weak = review.result("t-tinh-truyen-thong-xa")
    assert weak is not None
    assert weak.child_where is not None
    assert weak.child_where.startswith("đoạn ")
    assert review.format_checked

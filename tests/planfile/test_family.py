"""The family of samples (province plan, two commune plans) says what samples/README.md says:
the compliance review's labelled set is built from these facts."""

from __future__ import annotations

import pytest

from app.domain.plan import Plan
from app.domain.targets import Comparator, Target
from app.planfile.load import load_plan
from tests.conftest import SAMPLES

# parent target -> (target of xã A, target of xã B); None = dropped.
LABELS: dict[str, tuple[str, str | None]] = {
    "t-tinh-truyen-thong-xa": ("a-truyen-thong", "b-truyen-thong-90"),  # B weaker: 90% < 100%
    "t-tinh-cai-nghien-300": ("a-cai-nghien-120", "b-cai-nghien-100"),  # quota shares
    "t-tinh-tai-nghien-8": ("a-tai-nghien-6", "b-tai-nghien-8"),
    "t-tinh-ra-soat-xa": ("a-thong-ke", "b-lap-danh-sach"),
    "t-tinh-nan-nhan-100": ("a-nguoi-bi-mua-ban", None),  # B drops it
    "t-tinh-khong-tu-diem": ("a-khong-tu-diem", "b-khong-tu-diem"),
}
PROVINCE_KEEPS = {"t-tinh-bai-viet-thang", "t-tinh-kiem-tra-30", "t-tinh-tap-huan-02"}


@pytest.fixture(scope="module")
def family() -> tuple[Plan, Plan, Plan]:
    return tuple(load_plan(SAMPLES / f"family_{n}_2026.yaml") for n in ("tinh", "xa_a", "xa_b"))  # type: ignore[return-value]


def child_target(plan: Plan, target_id: str) -> Target:
    target = plan.target(target_id)
    assert target is not None, target_id
    return target


def test_levels_follow_the_two_level_model(family: tuple[Plan, Plan, Plan]) -> None:
    province, a, b = family
    assert province.level == "province"
    assert a.level == b.level == "commune"


def test_province_targets_split_into_commune_mandates_and_its_own(family: tuple[Plan, Plan, Plan]) -> None:
    province, _, _ = family
    levels = {t.id: t.level for t in province.targets()}
    assert len(levels) >= 8
    assert {i for i, lv in levels.items() if lv == "commune"} == set(LABELS)
    assert {i for i, lv in levels.items() if lv == "province"} == PROVINCE_KEEPS


def test_province_has_every_target_shape_the_review_needs(family: tuple[Plan, Plan, Plan]) -> None:
    province, _, _ = family
    mandates = [t for t in province.targets() if t.level == "commune"]
    assert any(t.is_quota for t in mandates)
    assert any(t.comparator.higher_is_stricter is False for t in mandates)  # lower is better
    assert any(t.comparator is Comparator.NONE_ALLOWED for t in mandates)
    assert any(t.unit == "%" and t.value == 100 for t in mandates)
    duties = [a for a in province.assignments() if a.level == "commune"]
    assert [a.agency for a in duties] == ["Ủy ban nhân dân các xã, phường"]


@pytest.mark.parametrize("index", [1, 2])
def test_children_name_the_province_plan_as_parent(family: tuple[Plan, Plan, Plan], index: int) -> None:
    province, child = family[0], family[index]
    ref = child.parent_ref
    assert ref is not None
    assert (ref.number, ref.symbol, ref.date) == (str(province.number), province.symbol, province.date)


def test_links_point_at_real_parent_targets(family: tuple[Plan, Plan, Plan]) -> None:
    province, a, b = family
    for child in (a, b):
        for target in child.targets():
            if target.parent_target:
                assert province.target(target.parent_target) is not None, target.id


def test_child_a_covers_every_commune_mandate_half_linked(family: tuple[Plan, Plan, Plan]) -> None:
    _, a, _ = family
    linked = [p for p, (ta, _) in LABELS.items() if child_target(a, ta).parent_target == p]
    assert len(linked) == len(LABELS) // 2
    assert all(child_target(a, ta).parent_target in (None, p) for p, (ta, _) in LABELS.items())
    # A's own extra target is allowed and links to nothing.
    extra = {t.id for t in a.targets()} - {ta for ta, _ in LABELS.values()}
    assert extra == {"a-doi-ctxh"}


def test_child_b_drops_exactly_one_and_weakens_exactly_one(family: tuple[Plan, Plan, Plan]) -> None:
    province, _, b = family
    dropped = [p for p, (_, tb) in LABELS.items() if tb is None]
    assert dropped == ["t-tinh-nan-nhan-100"]
    assert not any("nạn nhân" in t.text or "mua bán" in t.metric for t in b.targets())
    weaker = []
    for parent_id, (_, tb) in LABELS.items():
        if tb is None:
            continue
        parent, child = child_target(province, parent_id), child_target(b, tb)
        if parent.is_quota or parent.value is None:
            continue
        assert child.comparator is parent.comparator
        assert child.value is not None
        laxer = (
            child.value < parent.value if parent.comparator.higher_is_stricter else child.value > parent.value
        )
        if laxer:
            weaker.append(parent_id)
    assert weaker == ["t-tinh-truyen-thong-xa"]


def test_quota_shares(family: tuple[Plan, Plan, Plan]) -> None:
    province, a, b = family
    total = child_target(province, "t-tinh-cai-nghien-300").value
    shares = [child_target(a, "a-cai-nghien-120").value, child_target(b, "b-cai-nghien-100").value]
    assert shares == [120, 100]
    assert total == 300
    # The province appendix gives the rest (80) to the other communes.
    (appendix,) = province.appendices
    assert sum(int(row[-1]) for row in appendix.rows) == total


@pytest.mark.parametrize("index", [1, 2])
def test_children_carry_the_reporting_duty(family: tuple[Plan, Plan, Plan], index: int) -> None:
    child = family[index]
    reports = [d for a in child.assignments() for d in a.duties if d.role == "report"]
    assert reports
    assert reports[0].report_to == "Ủy ban nhân dân tỉnh (qua Công an tỉnh)"

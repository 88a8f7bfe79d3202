"""Deriving a child plan from its parent: mandates, shares, header, and a clean review."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from app.domain.plan import Issuer, Plan, SectionKind, Signer
from app.domain.targets import Target
from app.planfile.load import dump_plan, load_plan, plan_from_data
from app.services.derive import PLAN_ID_MAX, child_plan_id, derive_child_plan, short_name, unit_name
from app.services.derive_targets import rewrite_quota_text
from app.services.review import review_family, review_plans

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"


@pytest.fixture(scope="module")
def parent() -> Plan:
    return load_plan(DATA / "parent.yaml")


def _commune(name: str = "Tân Phú", place: str = "Tân Phú") -> Issuer:
    return Issuer(name=f"Ủy ban nhân dân\nxã {name}", abbreviation="UBND", level="commune", place=place)


SIGNER = Signer("Lê Văn Cường", "PHÓ CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])


def test_child_carries_every_commune_mandate_linked_to_its_parent_target(parent: Plan) -> None:
    child = derive_child_plan(parent, _commune(), SIGNER, dt.date(2026, 3, 1))
    linked = {t.parent_target for t in child.targets()}
    commune_targets = {t.id for t in parent.targets() if t.level == "commune"}
    assert linked == commune_targets
    assert all(t.level == "commune" for t in child.targets())
    # targets the province keeps for itself do not go down
    assert "t-tinh-bai-viet-thang" not in linked


def test_quota_share_rewrites_value_and_text(parent: Plan) -> None:
    child = derive_child_plan(parent, _commune(), SIGNER, None, {"t-tinh-cai-nghien-300": 120})
    target = next(t for t in child.targets() if t.parent_target == "t-tinh-cai-nghien-300")
    assert target.value == 120
    assert target.text == "Tổ chức cai nghiện ma túy cho ít nhất 120 lượt người."


def test_rewrite_follows_the_breakdown_and_leaves_other_numbers() -> None:
    text = (
        "Đến năm 2025 cai nghiện cho ít nhất 1.100 lượt người: tại cơ sở 1.000 (bắt buộc 920, "
        "tự nguyện 80); tại gia đình, cộng đồng 100"
    )
    new = rewrite_quota_text(text, [1100, 1000, 920, 80, 100], [120, 109, 100, 9, 11])
    assert new == (
        "Đến năm 2025 cai nghiện cho ít nhất 120 lượt người: tại cơ sở 109 (bắt buộc 100, "
        "tự nguyện 9); tại gia đình, cộng đồng 11"
    )


def test_duties_for_the_level_go_to_the_communes_bodies_and_the_plan_duty_is_its_basis(parent: Plan) -> None:
    child = derive_child_plan(parent, _commune(), SIGNER, None)
    # the province's general tasks (NHIỆM VỤ names no one) stay tasks; its funding line is
    # not a task: the commune states its own funding
    assert [t.parent_task for t in child.tasks()] == [
        "nhiem-vu-giai-phap.1",
        "nhiem-vu-giai-phap.2",
        "nhiem-vu-giai-phap.3",
        "nhiem-vu-giai-phap.4",
    ]
    bodies = {a.agency: [d.parent_duty for d in a.duties] for a in child.assignments()}
    # the lead body (the plan is on drugs and prostitution: the commune police) advises,
    # tracks and reports; communication goes to the culture and society office; the Mặt
    # trận and the đoàn thể close the list
    assert list(bodies) == [
        "Công an xã",
        "Phòng Văn hóa - Xã hội",
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội",
    ]
    assert bodies["Công an xã"] == [None, "duty-xa.3", "duty-xa.4"]
    assert bodies["Phòng Văn hóa - Xã hội"] == ["duty-xa.2"]
    # "Xây dựng, ban hành kế hoạch thực hiện" (duty-xa.1) is met by this very plan
    linked = {d for duties in bodies.values() for d in duties} | {t.parent_task for t in child.tasks()}
    assert "duty-xa.1" not in linked
    assert child.parent_ref is not None
    report = child.assignments()[0].duties[-1]
    assert report.text.startswith("Tổng hợp, tham mưu Ủy ban nhân dân xã định kỳ 6 tháng")
    assert report.deadline == "05/12/2026"
    assert child.sections[-1].kind is SectionKind.ORGANIZATION
    assert child.archive == ["VT", "CAX"]


def test_header_dateline_signer_recipients_and_parent_reference(parent: Plan) -> None:
    child = derive_child_plan(parent, _commune(), SIGNER, dt.date(2026, 3, 1), number=7)
    assert child.issuer.place == "Tân Phú"
    assert child.date == dt.date(2026, 3, 1)
    assert child.signer == SIGNER
    assert child.symbol == "KH-UBND"
    assert child.number == 7
    assert child.recipients[0] == "UBND tỉnh Đồng Nai (để b/c);"
    assert "Thường trực Đảng ủy, HĐND xã;" in child.recipients
    assert child.archive == ["VT", "CAX"]
    ref = child.parent_ref
    assert ref is not None
    assert ref.text is not None
    assert ref.text.startswith("Thực hiện Kế hoạch số 45/KH-UBND ngày 15/01/2026 của UBND tỉnh Đồng Nai về")
    assert "trên địa bàn xã năm 2026" in child.subject


def test_two_word_unit_kinds_are_kept_whole(parent: Plan) -> None:
    town = Issuer(
        name="Ủy ban nhân dân\nthị trấn Vĩnh An", abbreviation="UBND", level="commune", place="Vĩnh An"
    )
    child = derive_child_plan(parent, town, SIGNER, None)
    assert "Thường trực Đảng ủy, HĐND thị trấn;" in child.recipients
    assert "trên địa bàn thị trấn năm 2026" in child.subject


def test_unit_names() -> None:
    assert unit_name(_commune()) == "xã Tân Phú"
    one_line = Issuer(
        name="Ủy ban nhân dân huyện Vĩnh Cửu", abbreviation="UBND", level="district", place="Vĩnh Cửu"
    )
    assert unit_name(one_line) == "huyện Vĩnh Cửu"
    assert short_name(one_line) == "UBND huyện Vĩnh Cửu"


def test_derived_plan_is_a_valid_plan_file(parent: Plan) -> None:
    child = derive_child_plan(parent, _commune(), SIGNER, dt.date(2026, 3, 1), {"t-tinh-cai-nghien-300": 50})
    assert plan_from_data(dump_plan(child)) == child


def test_derived_plans_pass_the_compliance_engine(parent: Plan) -> None:
    shares = {"Trị An": 120.0, "Phú Lý": 100.0, "Long Thành": 80.0}
    children = [
        derive_child_plan(
            parent, _commune(name, name), SIGNER, dt.date(2026, 3, 1), {"t-tinh-cai-nghien-300": v}
        )
        for name, v in shares.items()
    ]
    for child in children:
        review = review_plans(parent, child)
        assert not review.has_faults, [(r.id, r.status, r.reasons) for r in review.results]
        assert not review.findings
    family = review_family(parent, children)
    assert not family.has_faults


def test_three_level_chain_province_district_commune(parent: Plan) -> None:
    # found in QA: the district plan relabelled the province's commune targets "district", so
    # the commune plan derived from it had no targets at all
    province = copy.deepcopy(parent)
    objectives = next(s for s in province.walk() if s.targets)
    objectives.targets.append(
        Target(
            id="t-tinh-huyen-bao-cao",
            text="100% các huyện báo cáo kết quả hằng quý",
            metric="báo cáo kết quả",
            value=100,
            unit="%",
            level="district",
        )
    )
    district_issuer = Issuer(
        name="Ủy ban nhân dân\nhuyện Vĩnh Cửu", abbreviation="UBND", level="district", place="Vĩnh Cửu"
    )
    district = derive_child_plan(province, district_issuer, SIGNER, dt.date(2026, 2, 1))
    levels = {t.parent_target: t.level for t in district.targets()}
    commune_ids = {t.id for t in province.targets() if t.level == "commune"}
    assert levels == {"t-tinh-huyen-bao-cao": "district", **dict.fromkeys(commune_ids, "commune")}
    assert not review_plans(province, district).has_faults

    commune = derive_child_plan(district, _commune(), SIGNER, dt.date(2026, 3, 1))
    assert {t.parent_target for t in commune.targets()} == commune_ids
    assert all(t.level == "commune" for t in commune.targets())
    review = review_plans(district, commune)
    assert not review.has_faults, [(r.id, r.status, r.reasons) for r in review.results]


def test_a_long_parent_id_still_gives_every_child_a_short_distinct_id() -> None:
    # found by the batch helper: a parent id of ~40 characters made every commune's id pass
    # the 120-character key it is stored under, and the whole batch failed
    parent_id = "ke-hoach-thuc-hien-chuong-trinh-muc-tieu-quoc-gia-" * 3
    first = child_plan_id(parent_id, "xã Trị An")
    second = child_plan_id(parent_id, "xã Phú Lý")
    assert len(first) <= PLAN_ID_MAX
    assert len(second) <= PLAN_ID_MAX
    assert first != second
    assert "xa-tri-an" in first
    assert child_plan_id("family-tinh-2026", "xã Trị An") == "family-tinh-2026-xa-tri-an"

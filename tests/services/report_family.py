"""The sample family stored for report tests: the province plan 45/KH-UBND
(samples/family_tinh_2026.yaml) issued by tỉnh Đồng Nai, and three communes below it with
their issued plans implementing it (Trị An and Phú Lý from the sample, Thạnh Phú with a copy of
Phú Lý's plan), plus accounts per role and one of another province (another branch)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.planfile.load import load_plan
from app.services import accounts
from app.services import plans_store as store
from app.storage.tables import Agency, User
from tests.conftest import SAMPLES
from tests.storage.builders import FAST_HASH, PASSWORD


@dataclass
class Family:
    province: Agency
    tri_an: Agency
    phu_ly: Agency
    thanh_phu: Agency
    plan_id: int  # the province plan
    child_plans: dict[str, int]  # commune place -> its issued plan
    admin: User
    reviewer: User
    province_drafter: User
    drafter_tri_an: User
    drafter_phu_ly: User
    drafter_thanh_phu: User
    outsider: User


def build_family(session: Session) -> Family:
    add = accounts.add_agency
    province = add(session, "Ủy ban nhân dân\ntỉnh Đồng Nai", "province", place="Đồng Nai")
    tri_an = add(session, "Ủy ban nhân dân\nxã Trị An", "commune", province, place="Trị An")
    phu_ly = add(session, "Ủy ban nhân dân\nxã Phú Lý", "commune", province, place="Phú Lý")
    thanh_phu = add(session, "Ủy ban nhân dân\nxã Thạnh Phú", "commune", province, place="Thạnh Phú")
    other = add(session, "Ủy ban nhân dân\ntỉnh Bình Phước", "province", place="Bình Phước")

    def user(name: str, agency: Agency, role: str) -> User:
        return accounts.add_user(session, name, PASSWORD, agency, role, full_name=name, hash_method=FAST_HASH)

    admin = user("admin", province, "admin")
    people = {
        "reviewer": user("reviewer", province, "reviewer"),
        "province_drafter": user("province_drafter", province, "drafter"),
        "drafter_tri_an": user("drafter_tri_an", tri_an, "drafter"),
        "drafter_phu_ly": user("drafter_phu_ly", phu_ly, "drafter"),
        "drafter_thanh_phu": user("drafter_thanh_phu", thanh_phu, "drafter"),
        "outsider": user("outsider", other, "admin"),
    }
    session.commit()
    parent = store.save_plan(session, admin, load_plan(SAMPLES / "family_tinh_2026.yaml"), status="issued")
    children = {}
    for agency, sample in ((tri_an, "family_xa_a"), (phu_ly, "family_xa_b"), (thanh_phu, "family_xa_b")):
        plan = load_plan(SAMPLES / f"{sample}_2026.yaml")
        plan.id = f"{plan.id}-{agency.place}"
        saved = store.save_plan(
            session, admin, plan, status="issued", parent_id=parent.record.id, agency_id=agency.id
        )
        children[agency.place] = saved.record.id
    return Family(province, tri_an, phu_ly, thanh_phu, parent.record.id, children, admin, **people)

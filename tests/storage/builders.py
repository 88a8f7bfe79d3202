"""A small agency tree with one user per role, and plans built from the mini plan file."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.orm import Session

from app.domain.plan import Plan
from app.planfile.load import plan_from_data
from app.services import accounts
from app.storage.tables import Agency, User

MINI = Path(__file__).resolve().parent.parent / "data" / "web" / "mini.yaml"
PASSWORD = "mat-khau-123"
# Test accounts only: production keeps werkzeug's default scrypt.
FAST_HASH = "pbkdf2:sha256:1000"


@dataclass
class World:
    province: Agency
    district: Agency
    commune_a: Agency
    commune_b: Agency
    other_district: Agency
    commune_c: Agency
    admin: User
    reviewer: User
    drafter_a: User
    drafter_b: User
    drafter_c: User
    district_drafter: User


def build_world(session: Session) -> World:
    add = accounts.add_agency
    province = add(session, "Ủy ban nhân dân tỉnh Đồng Nai", "province", place="Đồng Nai")
    district = add(session, "Ủy ban nhân dân\nhuyện Vĩnh Cửu", "district", province, place="Vĩnh Cửu")
    commune_a = add(session, "Ủy ban nhân dân\nxã Thạnh Phú", "commune", district, place="Thạnh Phú")
    commune_b = add(session, "Ủy ban nhân dân\nxã Tân An", "commune", district, place="Tân An")
    other = add(session, "Ủy ban nhân dân\nhuyện Định Quán", "district", province, place="Định Quán")
    commune_c = add(session, "Ủy ban nhân dân\nxã Phú Lợi", "commune", other, place="Phú Lợi")

    def user(name: str, agency: Agency, role: str) -> User:
        return accounts.add_user(session, name, PASSWORD, agency, role, full_name=name, hash_method=FAST_HASH)

    world = World(
        province,
        district,
        commune_a,
        commune_b,
        other,
        commune_c,
        admin=user("admin", province, "admin"),
        reviewer=user("reviewer", district, "reviewer"),
        drafter_a=user("drafter_a", commune_a, "drafter"),
        drafter_b=user("drafter_b", commune_b, "drafter"),
        drafter_c=user("drafter_c", commune_c, "drafter"),
        district_drafter=user("district_drafter", district, "drafter"),
    )
    session.commit()
    return world


def mini_data(**changes: Any) -> dict[str, Any]:
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["date"] = str(data["date"])  # JSON-ready, as a browser sends it
    data.update(changes)
    plan: dict[str, Any] = data
    return plan


def mini_plan(**changes: Any) -> Plan:
    return plan_from_data(mini_data(**changes))


def plan_for(agency: Agency, **changes: Any) -> Plan:
    """The mini plan issued by ``agency``."""
    data = mini_data(**changes)
    data["issuer"] = {
        "name": agency.name,
        "abbreviation": "UBND",
        "level": agency.level,
        "place": agency.place or "X",
    }
    return plan_from_data(data)

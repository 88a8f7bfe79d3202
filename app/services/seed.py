"""First-run set-up: the agency tree, the sample plans and the first admin account.

Idempotent: run it on every start; what exists is left alone. The admin's password is
generated and returned only when no admin exists, so it is printed once and never stored in
clear anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.services import accounts
from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.tables import Agency, PlanRecord, User
from app.vn.normalize import match_key

# (name, level, place, children): the demonstration tree, holding every sample's issuer.
TREE: tuple[tuple[str, str, str, tuple[object, ...]], ...] = (
    ("Bộ Lao động - Thương binh và Xã hội", "national", "Hà Nội", (
        ("Ủy ban nhân dân\ntỉnh Đồng Nai", "province", "Đồng Nai", (
            ("Ủy ban nhân dân\nhuyện Vĩnh Cửu", "district", "Vĩnh Cửu", (
                ("Ủy ban nhân dân\nxã Thạnh Phú", "commune", "Thạnh Phú", ()),
                ("Ủy ban nhân dân\nxã Tân An", "commune", "Tân An", ()),
            )),
            ("Ủy ban nhân dân\nxã Trị An", "commune", "Trị An", ()),
            ("Ủy ban nhân dân\nxã Phú Lý", "commune", "Phú Lý", ()),
        )),
        ("Ủy ban nhân dân\ntỉnh Bình Dương", "province", "Bình Dương", (
            ("Ủy ban nhân dân\nhuyện Dầu Tiếng", "district", "Dầu Tiếng", ()),
        )),
        ("Ủy ban nhân dân\ntỉnh Bà Rịa - Vũng Tàu", "province", "Bà Rịa - Vũng Tàu", ()),
        ("Ủy ban nhân dân\ntỉnh Quảng Ninh", "province", "Quảng Ninh", ()),
    )),
)


@dataclass
class SeedReport:
    agencies: int = 0
    plans: list[str] = field(default_factory=list)
    admin_password: str | None = None


def _key(name: str) -> str:
    return match_key(" ".join(name.split()))


def ensure_tree(session: Session, report: SeedReport) -> dict[str, Agency]:
    """Create the agencies of :data:`TREE` that are missing; returns them by match key."""
    known = {_key(a.name): a for a in repo.agencies(session)}

    def visit(node: tuple[object, ...], parent: Agency | None) -> None:
        name, level, place, children = node
        assert isinstance(name, str) and isinstance(level, str) and isinstance(place, str)
        agency = known.get(_key(name))
        if agency is None:
            agency = accounts.add_agency(session, name, level, parent, place=place)
            known[_key(name)] = agency
            report.agencies += 1
        for child in children:  # type: ignore[attr-defined]
            visit(child, agency)

    for root in TREE:
        visit(root, None)
    session.commit()
    return known


def root_agency(session: Session) -> Agency:
    agency = session.scalar(select(Agency).where(Agency.parent_id.is_(None)).order_by(Agency.id))
    assert agency is not None, "ensure_tree first"
    return agency


def ensure_admin(session: Session, username: str = "admin") -> str | None:
    """Create the first admin (at the root agency) when none exists; returns its password."""
    if repo.count_admins(session) > 0:
        return None
    password = accounts.generate_password()
    accounts.add_user(session, username, password, root_agency(session), "admin", full_name="Quản trị hệ thống")
    session.commit()
    return password


def _parent_of(session: Session, plan: Plan) -> int | None:
    ref = plan.parent_ref
    if ref is None or not ref.number or not ref.symbol:
        return None
    query = select(PlanRecord).where(PlanRecord.number == int(ref.number), PlanRecord.symbol == ref.symbol)
    if ref.date:
        query = query.where(PlanRecord.year == ref.date.year)
    found = session.scalars(query).first()
    return found.id if found else None


def load_samples(session: Session, folder: Path, agencies: dict[str, Agency], report: SeedReport) -> None:
    """Store each sample plan (as issued) under its issuer's agency, linked to its parent."""
    loader = session.scalar(select(User).where(User.role == "admin").order_by(User.id))
    if loader is None:
        return
    existing = set(session.scalars(select(PlanRecord.key)))
    plans = sorted((load_plan(p) for p in sorted(folder.glob("*.yaml"))), key=lambda p: (p.issuer.level != "province", p.id))
    for plan in plans:
        agency = agencies.get(_key(plan.issuer.name))
        if plan.id in existing or agency is None:
            continue
        saved = store.save_plan(session, loader, plan, status="issued", parent_id=_parent_of(session, plan), note="sample")
        saved.record.agency_id = agency.id  # the admin loads them, the issuer owns them
        session.commit()
        report.plans.append(plan.id)


def seed(session: Session, samples: Path | None) -> SeedReport:
    report = SeedReport()
    agencies = ensure_tree(session, report)
    report.admin_password = ensure_admin(session)
    if samples is not None and samples.is_dir():
        load_samples(session, samples, agencies, report)
    return report

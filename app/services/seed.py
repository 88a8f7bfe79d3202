"""First-run set-up: the agency tree, the sample plans and the first admin account.

Idempotent: run it on every start; what exists is left alone. The admin's password is
generated and returned only when no admin exists, so it is printed once and never stored in
clear anywhere.

Besides the fixed demonstration tree, provinces of the register of administrative units
(:mod:`app.vn.register`, since 1/7/2025) are seeded with all their communes: the province's
People's Committee under the root, each commune's ("Ủy ban nhân dân\nxã Trị An", place
"Trị An") directly under it. ``kehoach db seed`` seeds Đồng Nai, the province of the samples,
by default (``make run``), ``--province NAME`` others and ``--all-provinces`` the 34. An agency
of the same name under the same parent is reused, so the demonstration tree's Đồng Nai, Trị An
and Phú Lý keep their sample plans, and a second run adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.batch.register_list import dateline_place
from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.services import accounts
from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.tables import Agency, PlanRecord, User
from app.vn import register
from app.vn.normalize import match_key
from app.vn.register import Unit


@dataclass(frozen=True)
class Node:
    """An agency of the demonstration tree."""

    name: str
    level: str
    place: str
    children: tuple[Node, ...] = ()


def _ubnd(unit: str, level: str, place: str, *children: Node) -> Node:
    return Node(f"Ủy ban nhân dân\n{unit} {place}", level, place, children)


# The demonstration tree: every sample's issuer, a district with two communes (three-level,
# before 7/2025) and two communes directly under the province (two-level, since 7/2025).
TREE = Node(
    "Bộ Lao động - Thương binh và Xã hội",
    "national",
    "Hà Nội",
    (
        _ubnd(
            "tỉnh",
            "province",
            "Đồng Nai",
            _ubnd(
                "huyện",
                "district",
                "Vĩnh Cửu",
                _ubnd("xã", "commune", "Thạnh Phú"),
                _ubnd("xã", "commune", "Tân An"),
            ),
            _ubnd("xã", "commune", "Trị An"),
            _ubnd("xã", "commune", "Phú Lý"),
        ),
        _ubnd("tỉnh", "province", "Bình Dương", _ubnd("huyện", "district", "Dầu Tiếng")),
        _ubnd("tỉnh", "province", "Bà Rịa - Vũng Tàu"),
        _ubnd("tỉnh", "province", "Quảng Ninh"),
    ),
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

    def visit(node: Node, parent: Agency | None) -> None:
        agency = known.get(_key(node.name))
        if agency is None:
            agency = accounts.add_agency(session, node.name, node.level, parent, place=node.place)
            known[_key(node.name)] = agency
            report.agencies += 1
        for child in node.children:
            visit(child, agency)

    visit(TREE, None)
    session.commit()
    return known


def agency_name(unit: Unit) -> str:
    """The name of a unit's People's Committee: "Ủy ban nhân dân\ntỉnh Đồng Nai",
    "Ủy ban nhân dân\nthành phố Hà Nội", "Ủy ban nhân dân\nxã Trị An"."""
    return f"Ủy ban nhân dân\n{unit.type_word} {unit.name}"


def ensure_provinces(session: Session, provinces: Sequence[Unit], report: SeedReport) -> None:
    """Create, under the root agency, each province's People's Committee and those of all its
    communes that are missing (matched by name under the same parent); a province's agency
    already anywhere in the tree is used as it is."""
    root = root_agency(session)
    below: dict[tuple[int | None, str], Agency] = {
        (a.parent_id, _key(a.name)): a for a in repo.agencies(session)
    }
    # A province already in the tree elsewhere (moved, or the tree's own root) is reused.
    placed = {_key(a.name): a for a in repo.agencies(session) if a.level == register.PROVINCE}
    for province in provinces:
        home = below.get((root.id, _key(agency_name(province)))) or placed.get(_key(agency_name(province)))
        if home is None:
            home = accounts.add_agency(
                session, agency_name(province), register.PROVINCE, root, place=province.name
            )
            below[(root.id, _key(home.name))] = home
            report.agencies += 1
        new = [
            Agency(
                name=agency_name(unit),
                level=register.COMMUNE,
                parent_id=home.id,
                abbreviation="UBND",
                place=dateline_place(unit),
            )
            for unit in register.communes_of(province)
            if (home.id, _key(agency_name(unit))) not in below
        ]
        session.add_all(new)
        session.flush()
        below.update({(home.id, _key(a.name)): a for a in new})
        report.agencies += len(new)
    session.commit()


def root_agency(session: Session) -> Agency:
    agency = session.scalar(select(Agency).where(Agency.parent_id.is_(None)).order_by(Agency.id))
    assert agency is not None, "ensure_tree first"
    return agency


def ensure_admin(session: Session, username: str = "admin") -> str | None:
    """Create the first admin (at the root agency) when none exists; returns its password."""
    if repo.count_admins(session) > 0:
        return None
    password = accounts.generate_password()
    accounts.add_user(
        session, username, password, root_agency(session), "admin", full_name="Quản trị hệ thống"
    )
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
    plans = sorted(
        (load_plan(p) for p in sorted(folder.glob("*.yaml"))),
        key=lambda p: (p.issuer.level != "province", p.id),
    )
    for plan in plans:
        agency = agencies.get(_key(plan.issuer.name))
        if plan.id in existing or agency is None:
            continue
        # the admin loads them, the issuer owns them
        store.save_plan(
            session,
            loader,
            plan,
            status="issued",
            parent_id=_parent_of(session, plan),
            note="sample",
            agency_id=agency.id,
        )
        report.plans.append(plan.id)


def seed(session: Session, samples: Path | None, provinces: Sequence[Unit] = ()) -> SeedReport:
    """The demonstration tree, ``provinces`` of the register with their communes, the first
    admin and the sample plans; anything already there is left as it is."""
    report = SeedReport()
    agencies = ensure_tree(session, report)
    if provinces:
        ensure_provinces(session, provinces, report)
    report.admin_password = ensure_admin(session)
    if samples is not None and samples.is_dir():
        load_samples(session, samples, agencies, report)
    return report

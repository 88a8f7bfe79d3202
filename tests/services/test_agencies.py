"""The agency tree: add, rename, merge (plans and accounts move), move (no cycles), import a
province from the register, each within the admin's branch and in the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services import accounts, agencies
from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.tables import Agency, AuditEntry, PlanRecord, User
from app.vn import register
from tests.storage.builders import FAST_HASH, PASSWORD, World, plan_for


def district_admin(session: Session, w: World) -> User:
    admin = accounts.add_user(session, "admin_vc", PASSWORD, w.district, "admin", hash_method=FAST_HASH)
    session.commit()
    return admin


def last_audit(session: Session) -> AuditEntry:
    entry = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()))
    assert entry is not None
    return entry


def test_an_admin_adds_and_renames_agencies_in_their_branch_only(session: Session, world: World) -> None:
    admin = district_admin(session, world)
    added = agencies.create(
        session, admin, "Ủy ban nhân dân\nxã  Vĩnh Tân", "commune", world.district, "Vĩnh Tân"
    )
    assert added.parent_id == world.district.id
    assert added.name == "Ủy ban nhân dân\nxã Vĩnh Tân"
    assert last_audit(session).action == "create_agency"
    with pytest.raises(accounts.AccountError, match="Đã có cơ quan cùng tên"):
        agencies.create(session, admin, "Ủy ban nhân dân xã Vĩnh Tân", "commune", world.district)
    with pytest.raises(accounts.AccountForbiddenError):
        agencies.create(session, admin, "Ủy ban nhân dân\nxã Mới", "commune", world.other_district)
    agencies.rename(session, admin, added, "Ủy ban nhân dân\nxã Vĩnh Tân Mới", "Vĩnh Tân Mới")
    assert (added.name, added.place) == ("Ủy ban nhân dân\nxã Vĩnh Tân Mới", "Vĩnh Tân Mới")
    assert last_audit(session).details["from"] == "Ủy ban nhân dân xã Vĩnh Tân"
    with pytest.raises(accounts.AccountForbiddenError):
        agencies.rename(session, admin, world.commune_c, "X")
    with pytest.raises(accounts.AccountError, match="trống"):
        agencies.rename(session, admin, added, "  \n ")


def test_merging_moves_plans_accounts_and_children_to_the_kept_agency(session: Session, world: World) -> None:
    saved = store.save_plan(session, world.drafter_a, plan_for(world.commune_a))
    session.commit()
    merged_id = world.commune_a.id
    report = agencies.merge(session, world.admin, world.commune_a, world.commune_b)
    assert (report.plans, report.users) == (1, 1)
    assert repo.agency(session, merged_id) is None
    record = session.get(PlanRecord, saved.record.id)
    assert record is not None
    assert record.agency_id == world.commune_b.id
    moved = repo.user_by_name(session, "drafter_a")
    assert moved is not None
    assert moved.agency_id == world.commune_b.id
    entry = last_audit(session)
    assert entry.action == "merge_agency"
    assert entry.details["merged"] == "Ủy ban nhân dân xã Thạnh Phú"
    assert entry.details["plans"] == 1
    # The drafter now works for the kept commune: its plans are theirs.
    assert [r.id for r in store.list_visible(session, moved)] == [saved.record.id]


def test_a_merge_keeps_levels_and_refuses_cycles_and_other_branches(session: Session, world: World) -> None:
    admin = district_admin(session, world)
    for merged, kept, message in (
        (world.commune_a, world.commune_a, "chính nó"),
        (world.commune_a, world.district, "cùng cấp"),
    ):
        with pytest.raises(accounts.AccountError, match=message):
            agencies.merge(session, admin, merged, kept)
    with pytest.raises(accounts.AccountForbiddenError):
        agencies.merge(session, admin, world.commune_a, world.commune_c)  # another district
    with pytest.raises(accounts.AccountForbiddenError):
        agencies.merge(session, admin, world.district, world.other_district)  # their own agency
    # A district merged into another takes its communes along.
    agencies.merge(session, world.admin, world.other_district, world.district)
    commune_c = session.get(Agency, world.commune_c.id)
    assert commune_c is not None
    assert commune_c.parent_id == world.district.id


def test_moving_refuses_cycles_and_upside_down_levels(session: Session, world: World) -> None:
    with pytest.raises(accounts.AccountError, match="chính nó hoặc một cơ quan cấp dưới"):
        agencies.move(session, None, world.district, world.commune_a)
    with pytest.raises(accounts.AccountError, match="chính nó hoặc một cơ quan cấp dưới"):
        agencies.move(session, None, world.province, world.district)
    with pytest.raises(accounts.AccountError, match="cấp thấp hơn"):
        agencies.move(session, None, world.commune_a, world.commune_c)
    agencies.move(session, world.admin, world.commune_a, world.other_district)
    assert world.commune_a.parent_id == world.other_district.id
    assert repo.subtree_ids(session, world.other_district.id) >= {world.commune_a.id, world.commune_c.id}
    entry = last_audit(session)
    assert (entry.action, entry.details["to"]) == ("move_agency", "Ủy ban nhân dân huyện Định Quán")
    admin = district_admin(session, world)
    with pytest.raises(accounts.AccountForbiddenError):
        agencies.move(session, admin, world.commune_b, world.other_district)  # out of the branch


def test_importing_a_province_adds_its_communes_once(session: Session, world: World) -> None:
    home, added = agencies.import_province(session, world.admin, "Đồng Nai")
    assert home.id == world.province.id  # the tree's own Đồng Nai, not a second one
    communes = register.communes_of("Đồng Nai")
    assert added == len(communes)  # the tree's communes sit under districts: none directly
    names = {a.name for a in repo.agencies(session) if a.parent_id == world.province.id}
    assert "Ủy ban nhân dân\nxã Trị An" in names
    assert agencies.import_province(session, world.admin, "tỉnh Đồng Nai")[1] == 0
    assert last_audit(session).action == "import_province"
    with pytest.raises(accounts.AccountForbiddenError):
        agencies.import_province(session, district_admin(session, world), "Đồng Nai")
    with pytest.raises(agencies.AgencyNotFoundError):
        agencies.import_province(session, world.admin, "Vĩnh Cửu")  # a district, not a province


def test_an_agency_is_found_by_name_place_or_number(session: Session, world: World) -> None:
    assert agencies.find_agency(session, "Ủy ban nhân dân xã Tân An").id == world.commune_b.id
    assert agencies.find_agency(session, "xã Tân An").id == world.commune_b.id
    assert agencies.find_agency(session, "Phú Lợi").id == world.commune_c.id
    assert agencies.find_agency(session, f"#{world.district.id}").id == world.district.id
    agencies.create(session, None, "Ủy ban nhân dân\nxã Tân An", "commune", world.other_district, "Tân An")
    with pytest.raises(agencies.AgencyNotFoundError, match=r"#\d+ .*huyện Vĩnh Cửu.*#\d+ .*huyện Định Quán"):
        agencies.find_agency(session, "xã Tân An")
    with pytest.raises(agencies.AgencyNotFoundError):
        agencies.find_agency(session, "xã Không Có")


def test_the_tree_shows_an_admin_their_branch(session: Session, world: World) -> None:
    rows = agencies.tree(session, district_admin(session, world))
    assert (rows[0].agency.id, rows[0].depth) == (world.district.id, 0)
    assert {(r.agency.id, r.depth) for r in rows[1:]} == {(world.commune_a.id, 1), (world.commune_b.id, 1)}
    assert len(agencies.tree(session, None)) == 6

"""Storing a batch's plans under the communes' own agencies (SQLite, and PostgreSQL under CI):
the agency found by its name however written, created once when missing; one draft per
commune and parent, a new version when the batch changes it, an issued plan never touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.batch.communes import Commune
from app.domain.errors import KehoachError
from app.services import accounts, batch_jobs, batch_store
from app.services import plans_store as store
from app.services.batch_store import commune_agency, find_commune_agency, unit_key
from app.storage.db import make_session_factory
from app.storage.tables import Agency, PlanRecord, PlanVersion
from tests.storage.builders import World, build_world, plan_for
from tests.storage.databases import fresh_engine


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.db),
        pytest.param("postgres", marks=[pytest.mark.db, pytest.mark.postgres]),
    ]
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Session, dict[str, Any]]]:
    """A session on a fresh database, and what a job's owner names to reach the same one."""
    with (
        fresh_engine(request.param, tmp_path) as (engine, url, schema),
        make_session_factory(engine)() as session,
    ):
        yield session, {"database_url": url, "database_schema": schema}
        batch_store.dispose_engines()  # the job's own engine, before the schema goes


@pytest.fixture
def session(database: tuple[Session, dict[str, Any]]) -> Session:
    return database[0]


def commune(name: str, kind: str = "xã", row: int = 2) -> Commune:
    return Commune(row, name, kind, "commune", name, "Nguyễn Văn A", "Chủ tịch", weight=1.0)


def test_an_agency_and_a_commune_share_a_key_however_the_name_is_written() -> None:
    same = {
        unit_key(n)
        for n in (
            "Ủy ban nhân dân\nxã Hòa Bình",
            "UBND xã Hoà Bình",
            "Xã  Hòa Bình",
            "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH",
        )
    }
    assert len(same) == 1
    assert unit_key("Ủy ban nhân dân phường Hòa Bình") not in same


def test_the_communes_agency_is_found_below_the_parents_however_its_name_is_written(
    session: Session,
) -> None:
    w = build_world(session)
    hoa_binh = accounts.add_agency(session, "UBND xã Hòa Bình", "commune", w.province, place="Hòa Bình")
    session.commit()
    assert find_commune_agency(session, w.province, commune("Hoà Bình")) is hoa_binh  # old tone mark
    # Tân An sits under a district (the chain before 7/2025): found there, the only one of its name
    assert find_commune_agency(session, w.province, commune("Tân An")) is w.commune_b
    assert find_commune_agency(session, w.district, commune("Tân An")) is w.commune_b
    assert find_commune_agency(session, w.other_district, commune("Tân An")) is None  # another branch
    assert find_commune_agency(session, w.province, commune("Tân An", "phường")) is None


def test_a_missing_commune_is_created_below_the_parents_agency_once(session: Session) -> None:
    w = build_world(session)
    created = commune_agency(session, w.province, commune("Trị An"))
    assert (created.name, created.level, created.place, created.parent_id) == (
        "Ủy ban nhân dân\nxã Trị An",
        "commune",
        "Trị An",
        w.province.id,
    )
    assert commune_agency(session, w.province, commune("Trị An")) is created
    assert len(session.scalars(select(Agency).where(Agency.place == "Trị An")).all()) == 1


def test_two_communes_of_one_name_further_down_are_not_guessed(session: Session) -> None:
    w = build_world(session)
    for district in (w.district, w.other_district):
        accounts.add_agency(session, "Ủy ban nhân dân\nxã Tân Hòa", "commune", district, place="Tân Hòa")
    session.commit()
    assert find_commune_agency(session, w.province, commune("Tân Hòa")) is None
    own = commune_agency(session, w.province, commune("Tân Hòa"))
    assert own.parent_id == w.province.id  # a new one of the province's, not one of the two


def test_a_unit_not_below_the_parents_level_is_refused(session: Session) -> None:
    w = build_world(session)
    with pytest.raises(KehoachError, match="không thuộc cấp dưới"):
        commune_agency(session, w.commune_a, commune("Trị An"))


def test_one_draft_per_commune_a_new_version_when_changed_and_an_issued_plan_left_alone(
    session: Session,
) -> None:
    w = build_world(session)
    parent = store.save_plan(session, w.admin, plan_for(w.district), status="issued", agency_id=w.district.id)
    parent_id = parent.record.id
    draft = plan_for(w.commune_a, id="mini-xa-thanh-phu")

    def save(plan: Any) -> store.ChildDraft:
        return store.save_child_draft(
            session, w.district_drafter, plan, agency_id=w.commune_a.id, parent_id=parent_id
        )

    first = save(draft)
    assert (first.outcome, first.version) == ("created", 1)
    record = session.get(PlanRecord, first.record_id)
    assert record is not None
    assert (record.agency_id, record.parent_id, record.status) == (w.commune_a.id, parent_id, "draft")
    assert store.can_edit(session, w.drafter_a, record)  # the commune's drafter edits it
    assert not store.can_read(session, w.drafter_c, record)  # another branch does not see it
    assert (save(draft).outcome, save(draft).version) == ("unchanged", 1)
    changed = plan_for(w.commune_a, id="mini-xa-thanh-phu", subject="Thực hiện Dự án 4 năm 2020")
    assert (save(changed).outcome, save(changed).version) == ("updated", 2)
    versions = session.scalars(select(PlanVersion).where(PlanVersion.plan_id == record.id)).all()
    assert [(v.version, v.note, v.author_id) for v in versions] == [
        (1, "batch", w.district_drafter.id),
        (2, "batch", w.district_drafter.id),
    ]
    # once the commune has submitted it, and once it is issued, a later batch leaves it alone
    session.expire_all()
    store.set_status(session, w.drafter_a, record.id, "submitted", base_version=2)
    left = save(plan_for(w.commune_a, id="mini-xa-thanh-phu", subject="Lần chạy thứ ba"))
    assert (left.record_id, left.outcome, left.version) == (record.id, "issued", 3)
    store.set_status(session, w.reviewer, record.id, "issued", base_version=3)
    left = save(plan_for(w.commune_a, id="mini-xa-thanh-phu", subject="Lần chạy thứ tư"))
    assert (left.record_id, left.outcome, left.version) == (record.id, "issued", 4)
    _, current = store.plan_at(session, w.drafter_a, record.id)
    assert current.subject == "Thực hiện Dự án 4 năm 2020"
    assert len(session.scalars(select(PlanRecord).where(PlanRecord.parent_id == parent_id)).all()) == 1


def test_a_hand_made_draft_of_the_commune_is_the_one_the_batch_updates(session: Session) -> None:
    w = build_world(session)
    parent = store.save_plan(session, w.admin, plan_for(w.district), status="issued", agency_id=w.district.id)
    own = store.save_plan(
        session, w.drafter_a, plan_for(w.commune_a, id="tu-soan"), parent_id=parent.record.id
    )
    saved = store.save_child_draft(
        session,
        w.district_drafter,
        plan_for(w.commune_a, id="mini-xa-thanh-phu"),
        agency_id=w.commune_a.id,
        parent_id=parent.record.id,
    )
    assert (saved.record_id, saved.outcome, saved.version) == (own.record.id, "updated", 2)


def test_only_a_drafter_above_stores_a_communes_draft_and_only_in_their_branch(session: Session) -> None:
    w = build_world(session)
    parent = store.save_plan(session, w.admin, plan_for(w.district), status="issued", agency_id=w.district.id)
    plan = plan_for(w.commune_a)
    with pytest.raises(store.PlanForbiddenError):  # a reviewer creates nothing
        store.save_child_draft(
            session, w.reviewer, plan, agency_id=w.commune_a.id, parent_id=parent.record.id
        )
    with pytest.raises(store.PlanForbiddenError):  # a commune of another district
        store.save_child_draft(
            session, w.district_drafter, plan, agency_id=w.commune_c.id, parent_id=parent.record.id
        )
    with pytest.raises(store.PlanNotFoundError):  # a parent the user cannot read
        store.save_child_draft(
            session, w.drafter_c, plan, agency_id=w.commune_c.id, parent_id=parent.record.id
        )


def _owner(world: World, parent_id: int, where: dict[str, Any]) -> dict[str, Any]:
    return {"user_id": world.district_drafter.id, "parent_id": parent_id, **where}


def test_a_commune_too_long_to_store_fails_alone_and_the_others_are_stored_and_bundled(
    database: tuple[Session, dict[str, Any]], tmp_path: Path
) -> None:
    """Same outcome on both databases (PostgreSQL would refuse the 3,000-character name with an
    error naming no commune; SQLite would store it)."""
    session, where = database
    w = build_world(session)
    parent_plan = plan_for(w.district)
    parent = store.save_plan(session, w.admin, parent_plan, status="issued", agency_id=w.district.id)
    communes = [commune("Thạnh Phú"), commune("Tân An", row=3), commune("Tân Phú " + "rất dài " * 400, row=4)]
    folder = batch_jobs.JobFolder.create(
        tmp_path / "jobs", parent_plan, communes, None, owner=_owner(w, parent.record.id, where)
    )
    assert batch_jobs.run_chunk(folder, 0) == 2
    status = batch_jobs.status(folder)
    assert len(status.failed) == 1
    unit, reason = status.failed[0]
    assert unit.startswith("xã Tân Phú rất dài")
    assert "quá dài để lưu" in reason
    assert batch_jobs.finish(folder) is not None
    session.expire_all()
    stored = session.scalars(select(PlanRecord).where(PlanRecord.parent_id == parent.record.id)).all()
    assert sorted((r.agency_id, r.status) for r in stored) == [
        (w.commune_a.id, "draft"),
        (w.commune_b.id, "draft"),
    ]
    assert not session.scalars(select(Agency).where(Agency.name.like("%rất dài%"))).all()

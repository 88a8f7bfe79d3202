"""Several parents (issue 12 part 4): a plan implementing several plans names them all, in
order (the first stays ``plans.parent_id``), and is in the family of each.

SQLite always, PostgreSQL under CI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.domain.errors import KehoachError
from app.domain.plan import Reference
from app.planfile.load import load_plan
from app.services import parents
from app.services import plans_store as store
from app.services.family import family
from app.storage.db import make_session_factory
from tests.conftest import SAMPLES
from tests.storage.builders import World, build_world, plan_for
from tests.storage.databases import fresh_engine


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.db),
        pytest.param("postgres", marks=[pytest.mark.db, pytest.mark.postgres]),
    ]
)
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    with (
        fresh_engine(request.param, tmp_path) as (engine, _url, _schema),
        make_session_factory(engine)() as s,
    ):
        yield s


def _two_parents_and_a_child(session: Session, w: World) -> tuple[int, int, int]:
    one = store.save_plan(session, w.admin, plan_for(w.district), agency_id=w.district.id).record.id
    two = store.save_plan(
        session, w.admin, plan_for(w.district, id="p2", number=7), agency_id=w.district.id
    ).record.id
    child = store.save_plan(
        session, w.admin, plan_for(w.commune_a, id="child"), parent_id=one, agency_id=w.commune_a.id
    ).record.id
    return one, two, child


def test_the_references_list_every_parent_in_order() -> None:
    plan = load_plan(SAMPLES / "family_xa_a_2026.yaml")
    second = Reference(relation="implements", number="1944", symbol="QĐ-TTg")
    plan.references = [*plan.references, second]
    assert plan.parent_refs[-1] is second
    assert plan.parent_ref is plan.parent_refs[0]
    assert plan.parent_ref.number == "45"


def test_a_plan_of_two_parents_is_in_the_family_of_each(session: Session) -> None:
    w = build_world(session)
    one, two, child = _two_parents_and_a_child(session, w)
    assert [m.record.id for m in family(session, w.admin, two)] == []
    assert parents.set_parents(session, w.admin, child, [one, two]) == [one, two]
    record = store.get_record(session, w.admin, child)
    assert parents.parent_ids(session, record) == [one, two]
    assert record.parent_id == one, "plans.parent_id stays the first parent"
    assert [m.record.id for m in family(session, w.admin, one)] == [child]
    assert [m.record.id for m in family(session, w.admin, two)] == [child]
    parents.set_parents(session, w.admin, child, [two])
    assert [m.record.id for m in family(session, w.admin, one)] == []


def test_bad_parent_lists_are_refused(session: Session) -> None:
    w = build_world(session)
    one, _two, child = _two_parents_and_a_child(session, w)
    for ids, words in (([], "Chưa chọn"), ([one, one], "hai lần"), ([one, child], "chính nó|itself|cùng")):
        with pytest.raises(KehoachError, match=words):
            parents.set_parents(session, w.admin, child, ids)
    with pytest.raises(store.PlanNotFoundError):  # another branch's plan is not found
        parents.set_parents(session, w.drafter_c, child, [one])
    other = store.save_plan(session, w.drafter_c, plan_for(w.commune_c, id="c")).record.id
    with pytest.raises(store.PlanNotFoundError):
        parents.set_parents(session, w.admin, child, [one, other + 1000])
    assert parents.parent_ids(session, store.get_record(session, w.admin, child)) == [one]


def test_the_parents_cited_by_the_references_are_linked(session: Session) -> None:
    w = build_world(session)
    one, two, _ = _two_parents_and_a_child(session, w)
    plan = plan_for(w.commune_a, id="cites")
    plan.references = [
        Reference(relation="implements", number="05", symbol="KH-UBND", issuer="UBND huyện"),
        Reference(relation="implements", number="7", symbol="KH-UBND"),
        Reference(relation="implements", number="99", symbol="KH-UBND"),  # not stored: skipped
    ]
    cites = store.save_plan(session, w.admin, plan, agency_id=w.commune_a.id).record.id
    assert [r.id for r in parents.cited_parents(session, w.admin, plan)] == [one, two]
    assert parents.link_cited_parents(session, w.admin, cites) == [one, two]
    assert [m.record.id for m in family(session, w.admin, two)] == [cites]

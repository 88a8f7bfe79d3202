"""Migration 0004: the further parents of a plan and the parent checks, on SQLite and (CI)
PostgreSQL; the repository reads a plan's children through both links."""

from __future__ import annotations

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.db import downgrade, upgrade
from tests.storage.builders import build_world, plan_for


def test_0004_adds_the_link_and_check_tables_and_goes_back_to_0003(engine: Engine) -> None:
    names = set(inspect(engine).get_table_names())
    assert {"plan_parents", "parent_checks"} <= names
    downgrade(engine, "0003")
    names = set(inspect(engine).get_table_names())
    assert "plan_parents" not in names
    assert "parent_checks" not in names
    assert "reports" in names
    upgrade(engine)
    assert "plan_parents" in set(inspect(engine).get_table_names())


def test_a_plan_with_a_further_parent_is_among_the_children_of_both(session: Session) -> None:
    w = build_world(session)
    first = store.save_plan(session, w.admin, plan_for(w.district), agency_id=w.district.id).record.id
    second = store.save_plan(
        session, w.admin, plan_for(w.district, id="second"), agency_id=w.district.id
    ).record.id
    child = store.save_plan(
        session, w.admin, plan_for(w.commune_a, id="child"), parent_id=first, agency_id=w.commune_a.id
    ).record.id
    assert [r.id for r in repo.implementing(session, second)] == []
    repo.set_further_parents(session, child, [second])
    session.commit()
    assert repo.further_parent_ids(session, child) == [second]
    assert [r.id for r in repo.implementing(session, first)] == [child]
    assert [r.id for r in repo.implementing(session, second)] == [child]
    assert [r.id for r in repo.children_of(session, second)] == [], "children_of keeps the first parent only"

"""A batch's commune draft notes which version of the parent it was made from (issue 12
part 5), so a later change of the parent marks it "cần rà soát lại"; SQLite, and PostgreSQL
under CI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.batch.communes import Commune
from app.services import batch_store, staleness
from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.db import make_session_factory
from app.storage.tables import ParentCheck
from tests.storage.builders import build_world, plan_for
from tests.storage.databases import fresh_engine


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.db),
        pytest.param("postgres", marks=[pytest.mark.db, pytest.mark.postgres]),
    ]
)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Session, dict[str, Any]]]:
    with (
        fresh_engine(request.param, tmp_path) as (engine, url, schema),
        make_session_factory(engine)() as session,
    ):
        yield session, {"database_url": url, "database_schema": schema}
        batch_store.dispose_engines()


def test_a_batch_draft_records_the_parent_version_and_goes_stale_when_it_changes(
    database: tuple[Session, dict[str, Any]],
) -> None:
    session, where = database
    w = build_world(session)
    parent = store.save_plan(session, w.admin, plan_for(w.district), agency_id=w.district.id).record
    owner = {"user_id": w.admin.id, "parent_id": parent.id, **where}
    unit = Commune(2, "Thạnh Phú", "xã", "commune", "Thạnh Phú", "Nguyễn Văn A", "Chủ tịch", weight=1.0)
    child = batch_store.store_child_plan(owner, plan_for(w.commune_a, id="batch-thanh-phu"), unit)
    session.expire_all()
    check = repo.latest_parent_checks(session, child)[parent.id]
    assert (check.kind, check.checked_plan_id, check.checked_version) == ("batch", parent.id, 1)
    again = batch_store.store_child_plan(owner, plan_for(w.commune_a, id="batch-thanh-phu"), unit)
    assert again == child
    assert len(session.scalars(select(ParentCheck)).all()) == 1, "an unchanged re-run notes nothing"

    data = plan_for(w.district)
    data.targets()[0].value, data.targets()[0].breakdown = 2000, []
    data.targets()[0].text = "Cai nghiện cho ít nhất 2.000 lượt người"
    store.save_plan(session, w.admin, data, plan_id=parent.id, base_version=1)
    [stale] = staleness.stale_parents(session, w.admin, child)
    assert [(c.kind, c.id) for c in stale.changes] == [("stricter", "t1")]

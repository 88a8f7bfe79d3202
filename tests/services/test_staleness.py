"""Stale reviews (issue 12 part 5): a parent changed after a child was derived or reviewed
marks the child "cần rà soát lại" with the changed mandates, until it is reviewed again.

The mandate comparison is pure; the flow runs on SQLite always and PostgreSQL under CI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from app.planfile.load import plan_from_data
from app.services import parents, staleness
from app.services import plans_store as store
from app.storage.db import make_session_factory
from app.storage.tables import Agency
from tests.storage.builders import World, build_world, mini_data
from tests.storage.databases import fresh_engine

SECOND = {
    "id": "t2",
    "text": "100% số xã có tổ tư vấn",
    "metric": "xã có tổ tư vấn",
    "value": 100,
    "unit": "%",
}


def _data(agency: Agency | None = None, value: int | None = None, extra: bool = False) -> dict[str, Any]:
    """The mini plan; ``value`` replaces its quota (1.100 lượt người), ``extra`` adds t2."""
    data = mini_data()
    if agency is not None:
        data["issuer"] = {"name": agency.name, "abbreviation": "UBND", "level": agency.level, "place": "X"}
    target = data["sections"][0]["targets"][0]
    if value is not None:
        target.pop("breakdown")
        target["value"] = value
        target["text"] = f"Cai nghiện cho ít nhất {value:,} lượt người".replace(",", ".")
    if extra:
        data["sections"][0]["targets"].append(dict(SECOND))
    return data


def test_raised_added_and_removed_mandates_are_told_apart() -> None:
    old, new = plan_from_data(_data()), plan_from_data(_data(value=1200, extra=True))
    changes = staleness.mandate_changes(old, new, "commune")
    assert [(c.kind, c.id) for c in changes] == [("stricter", "t1"), ("added", "t2")]
    assert changes[0].before == "Cai nghiện cho ít nhất 1.100 lượt người"
    back = staleness.mandate_changes(new, old, "commune")
    assert ("removed", "t2") in [(c.kind, c.id) for c in back]


def test_a_laxer_target_or_a_new_subject_asks_for_no_new_review() -> None:
    old = plan_from_data(_data())
    assert staleness.mandate_changes(old, plan_from_data(_data(value=900)), "commune") == []
    assert staleness.mandate_changes(old, plan_from_data(mini_data(subject="Kế hoạch khác")), "commune") == []


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


def _family(session: Session, w: World) -> tuple[int, int]:
    """A district draft and a commune plan derived from it, stored by the admin above both."""
    parent = store.save_plan(
        session, w.admin, plan_from_data(_data(w.district)), agency_id=w.district.id
    ).record.id
    child = store.save_plan(
        session,
        w.admin,
        plan_from_data(_data(w.commune_a) | {"id": "xa-thanh-phu"}),
        parent_id=parent,
        agency_id=w.commune_a.id,
        note="derive",
    ).record.id
    parents.record_derived(session, w.admin, child, parent, "derive")
    return parent, child


def test_a_parent_changed_after_the_childs_review_marks_it_stale_until_reviewed_again(
    session: Session,
) -> None:
    w = build_world(session)
    parent, child = _family(session, w)
    assert staleness.stale_parents(session, w.admin, child) == []
    reviews = staleness.recheck(session, w.admin, child)
    assert [r.parent.id for r in reviews] == [parent]
    assert staleness.stale_parents(session, w.admin, child) == []

    store.save_plan(
        session,
        w.admin,
        plan_from_data(_data(w.district, value=1200, extra=True)),
        plan_id=parent,
        base_version=1,
    )
    [stale] = staleness.stale_parents(session, w.admin, child)
    assert stale.parent.id == parent
    assert (stale.checked, stale.current) == ((parent, 1), (parent, 2))
    assert {(c.kind, c.id) for c in stale.changes} == {("stricter", "t1"), ("added", "t2")}
    assert not stale.amended

    staleness.recheck(session, w.admin, child)
    assert staleness.stale_parents(session, w.admin, child) == []


def test_a_new_parent_version_with_no_change_of_mandates_leaves_the_child_current(session: Session) -> None:
    w = build_world(session)
    parent, child = _family(session, w)
    changed = plan_from_data(_data(w.district) | {"subject": "Thực hiện Dự án 4 (bản sửa câu chữ)"})
    store.save_plan(session, w.admin, changed, plan_id=parent, base_version=1)
    assert staleness.stale_parents(session, w.admin, child) == []


def _issue(session: Session, w: World, plan_id: int) -> None:
    record = store.get_record(session, w.district_drafter, plan_id)
    store.set_status(session, w.district_drafter, plan_id, "submitted", base_version=record.current_version)
    record = store.get_record(session, w.reviewer, plan_id)
    store.set_status(session, w.reviewer, plan_id, "issued", base_version=record.current_version)


def test_an_issued_amendment_of_the_parent_marks_the_child_stale(session: Session) -> None:
    w = build_world(session)
    parent = store.save_plan(session, w.district_drafter, plan_from_data(_data(w.district))).record.id
    _issue(session, w, parent)
    child = store.save_plan(
        session, w.drafter_a, plan_from_data(_data(w.commune_a) | {"id": "xa"}), parent_id=parent
    ).record.id
    parents.record_derived(session, w.drafter_a, child, parent, "derive")

    amendment = store.amend(session, w.district_drafter, parent).record.id
    assert staleness.stale_parents(session, w.drafter_a, child) == [], "a draft amendment is not in force"
    changed = plan_from_data(_data(w.district, value=1500) | {"id": "mini-sua-doi"})
    store.save_plan(session, w.district_drafter, changed, plan_id=amendment, base_version=1)
    _issue(session, w, amendment)

    [stale] = staleness.stale_parents(session, w.drafter_a, child)
    assert stale.amended
    assert stale.current[0] == amendment
    assert [(c.kind, c.id) for c in stale.changes] == [("stricter", "t1")]
    [review] = staleness.recheck(session, w.drafter_a, child)
    assert review.text[0] == amendment  # reviewed against the text in force
    assert staleness.stale_parents(session, w.drafter_a, child) == []


def test_a_child_given_its_parent_in_the_editor_counts_from_when_it_was_stored(session: Session) -> None:
    """No derive, no review: the text in force when the child was first stored is the one it
    was made against."""
    w = build_world(session)
    parent = store.save_plan(
        session, w.admin, plan_from_data(_data(w.district)), agency_id=w.district.id
    ).record.id
    child = store.save_plan(
        session,
        w.admin,
        plan_from_data(_data(w.commune_a) | {"id": "xa"}),
        parent_id=parent,
        agency_id=w.commune_a.id,
    ).record.id
    assert staleness.stale_parents(session, w.admin, child) == []
    store.save_plan(
        session, w.admin, plan_from_data(_data(w.district, extra=True)), plan_id=parent, base_version=1
    )
    [stale] = staleness.stale_parents(session, w.admin, child)
    assert stale.checked == (parent, 1)
    assert [(c.kind, c.id) for c in stale.changes] == [("added", "t2")]
    staleness.recheck(session, w.admin, child)
    assert staleness.stale_parents(session, w.admin, child) == []

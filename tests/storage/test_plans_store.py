"""Stored plans: versions, history, diff, restore, optimistic locking, access, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import KehoachError
from app.services import plans_store as store
from app.storage.tables import AuditEntry, PlanVersion
from tests.storage.builders import build_world, plan_for


def test_every_save_is_a_new_immutable_version(session: Session) -> None:
    w = build_world(session)
    saved = store.save_plan(session, w.drafter_a, plan_for(w.commune_a))
    assert saved.version == 1
    changed = plan_for(w.commune_a, subject="Thực hiện Dự án 4 năm 2020")
    again = store.save_plan(session, w.drafter_a, changed, plan_id=saved.record.id, base_version=1)
    assert again.version == 2
    versions = store.history(session, w.drafter_a, saved.record.id)
    assert [v.version for v in versions] == [2, 1]
    _, first = store.plan_at(session, w.drafter_a, saved.record.id, 1)
    assert first.subject == "Thực hiện Dự án 4"
    assert again.record.subject == "Thực hiện Dự án 4 năm 2020"
    assert again.record.year == 2019
    assert again.record.level == "commune"


def test_diff_names_changed_added_and_removed_targets(session: Session) -> None:
    w = build_world(session)
    plan = plan_for(w.commune_a)
    saved = store.save_plan(session, w.drafter_a, plan)
    edited = plan_for(w.commune_a)
    target = edited.sections[0].targets[0]
    target.value, target.deadline, target.breakdown = 1200, 2020, []
    extra = type(target)(id="t2", text="Không để phát sinh tụ điểm", comparator=target.comparator)
    edited.sections[0].targets.append(extra)
    store.save_plan(session, w.drafter_a, edited, plan_id=saved.record.id, base_version=1)
    diff = store.diff_versions(session, w.drafter_a, saved.record.id, 1, 2)
    kinds = {(c.kind, c.id) for c in diff.targets}
    assert kinds == {("changed", "t1"), ("added", "t2")}
    t1 = next(c for c in diff.targets if c.id == "t1")
    assert {(f.field, f.old, f.new) for f in t1.fields} >= {("value", 1100, 1200), ("deadline", None, 2020)}
    back = store.diff_versions(session, w.drafter_a, saved.record.id, 2, 1)
    assert ("removed", "t2") in {(c.kind, c.id) for c in back.targets}


def test_second_save_on_the_same_base_is_refused_with_the_diff(session: Session) -> None:
    w = build_world(session)
    saved = store.save_plan(session, w.drafter_a, plan_for(w.commune_a))
    mine = plan_for(w.commune_a)
    mine.sections[0].targets[0].text = "Cai nghiện cho ít nhất 1.200 lượt người"
    store.save_plan(session, w.drafter_a, mine, plan_id=saved.record.id, base_version=1)
    theirs = plan_for(w.commune_a, subject="Sửa của người thứ hai")
    with pytest.raises(store.StaleVersionError) as caught:
        store.save_plan(session, w.admin, theirs, plan_id=saved.record.id, base_version=1)
    assert caught.value.current == 2
    assert [c.id for c in caught.value.diff.targets] == ["t1"]
    count = session.scalar(select(func.count()).select_from(PlanVersion))
    assert count == 2
    _, current = store.plan_at(session, w.drafter_a, saved.record.id)
    assert current.subject == "Thực hiện Dự án 4"


def test_restore_makes_an_old_version_current_as_a_new_version(session: Session) -> None:
    w = build_world(session)
    saved = store.save_plan(session, w.drafter_a, plan_for(w.commune_a))
    store.save_plan(
        session, w.drafter_a, plan_for(w.commune_a, subject="Khác"), plan_id=saved.record.id, base_version=1
    )
    restored = store.restore(session, w.drafter_a, saved.record.id, 1, base_version=2)
    assert restored.version == 3
    _, current = store.plan_at(session, w.drafter_a, saved.record.id)
    assert current.subject == "Thực hiện Dự án 4"
    assert len(store.history(session, w.drafter_a, saved.record.id)) == 3


def test_drafters_and_reviewers_see_only_their_branch(session: Session) -> None:
    w = build_world(session)
    plan_a = store.save_plan(session, w.drafter_a, plan_for(w.commune_a)).record
    with pytest.raises(store.PlanNotFoundError):
        store.get_record(session, w.drafter_b, plan_a.id)
    with pytest.raises(store.PlanNotFoundError):
        store.get_record(session, w.drafter_c, plan_a.id)
    assert store.get_record(session, w.reviewer, plan_a.id).id == plan_a.id
    with pytest.raises(store.PlanForbiddenError):
        store.save_plan(session, w.reviewer, plan_for(w.commune_a), plan_id=plan_a.id, base_version=1)
    assert [r.id for r in store.list_visible(session, w.reviewer)] == [plan_a.id]
    assert store.list_visible(session, w.drafter_c) == []


def test_issued_plans_of_the_levels_above_are_readable_drafts_are_not(session: Session) -> None:
    w = build_world(session)
    district_plan = store.save_plan(session, w.district_drafter, plan_for(w.district)).record
    with pytest.raises(store.PlanNotFoundError):
        store.get_record(session, w.drafter_a, district_plan.id)
    store.set_status(session, w.district_drafter, district_plan.id, "submitted", base_version=1)
    with pytest.raises(store.PlanNotFoundError):  # submitted is not issued yet
        store.get_record(session, w.drafter_a, district_plan.id)
    store.set_status(session, w.admin, district_plan.id, "issued", base_version=2)
    assert store.get_record(session, w.drafter_a, district_plan.id).status == "issued"
    with pytest.raises(store.PlanForbiddenError):
        store.get_record(session, w.drafter_a, district_plan.id, edit=True)
    with pytest.raises(store.PlanNotFoundError):
        store.get_record(session, w.drafter_c, district_plan.id)


def test_a_plan_without_a_number_cannot_be_issued(session: Session) -> None:
    w = build_world(session)
    unnumbered = store.save_plan(session, w.district_drafter, plan_for(w.district, number=None)).record
    store.set_status(session, w.district_drafter, unnumbered.id, "submitted", base_version=1)
    with pytest.raises(KehoachError, match="chưa có số văn bản"):
        store.set_status(session, w.reviewer, unnumbered.id, "issued", base_version=2)
    assert store.get_record(session, w.district_drafter, unnumbered.id).status == "submitted"
    assert store.get_record(session, w.district_drafter, unnumbered.id).current_version == 2


def test_list_filters_by_year_status_and_level(session: Session) -> None:
    w = build_world(session)
    store.save_plan(session, w.admin, plan_for(w.commune_a), agency_id=w.commune_a.id)
    store.save_plan(session, w.admin, plan_for(w.commune_a, date="2021-05-01"), agency_id=w.commune_a.id)
    assert len(store.list_visible(session, w.admin, {"year": 2021})) == 1
    assert len(store.list_visible(session, w.admin, {"status": "issued"})) == 0
    assert len(store.list_visible(session, w.admin, {"level": "commune"})) == 2


def test_every_change_is_audited(session: Session) -> None:
    w = build_world(session)
    saved = store.save_plan(session, w.drafter_a, plan_for(w.commune_a))
    store.save_plan(session, w.drafter_a, plan_for(w.commune_a), plan_id=saved.record.id, base_version=1)
    entries = store.audit_log(session, w.admin)
    assert [(e.action, e.username, e.details["version"]) for e in entries] == [
        ("save", "drafter_a", 2),
        ("create", "drafter_a", 1),
    ]
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 2
    with pytest.raises(store.PlanForbiddenError):
        store.audit_log(session, w.drafter_a)

"""Approval by level (issue 11, part 3): draft → submitted → issued, returned with a comment;
the issuer block taken from the plan's agency; ``parent_id`` checked on every save (part 4).

On SQLite always and on PostgreSQL under CI (a missing parent there was a foreign-key error,
a 500, and a plan id of 2^31 an "integer out of range" one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import KehoachError
from app.services import plans_store as store
from app.storage.db import make_session_factory
from app.storage.tables import AuditEntry, PlanVersion
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


def _commune_draft(session: Session, w: World, **changes: object) -> int:
    return store.save_plan(session, w.drafter_a, plan_for(w.commune_a, **changes)).record.id


def _steps(session: Session, plan_id: int) -> list[tuple[str, str]]:
    entries = session.scalars(
        select(AuditEntry).where(AuditEntry.object_id == str(plan_id)).order_by(AuditEntry.id)
    )
    return [(e.action, e.username) for e in entries]


def test_a_drafter_can_no_longer_issue_their_own_plan(session: Session) -> None:
    w = build_world(session)
    plan_id = _commune_draft(session, w)
    with pytest.raises(store.PlanForbiddenError, match="người rà soát hoặc quản trị"):
        store.set_status(session, w.drafter_a, plan_id, "issued", base_version=1)
    with pytest.raises(store.PlanForbiddenError):  # nor through a save (the API's "status")
        store.save_plan(
            session, w.drafter_a, plan_for(w.commune_a), plan_id=plan_id, base_version=1, status="issued"
        )
    assert store.get_record(session, w.drafter_a, plan_id).status == "draft"


def test_submit_return_with_a_comment_fix_submit_approve_each_step_in_history_and_audit(
    session: Session,
) -> None:
    w = build_world(session)
    plan_id = _commune_draft(session, w)
    store.set_status(session, w.drafter_a, plan_id, "submitted", base_version=1)
    record = store.get_record(session, w.drafter_a, plan_id)
    assert record.status == "submitted"
    assert not store.can_edit(session, w.drafter_a, record)
    with pytest.raises(store.PlanReadOnlyError, match="đang chờ duyệt"):
        store.save_plan(session, w.drafter_a, plan_for(w.commune_a), plan_id=plan_id, base_version=2)
    with pytest.raises(KehoachError, match="lý do trả lại"):
        store.set_status(session, w.reviewer, plan_id, "draft", base_version=2)

    comment = "Chỉ tiêu 1 phải ít nhất 1.200 lượt người như kế hoạch của huyện"
    store.set_status(session, w.reviewer, plan_id, "draft", base_version=2, comment=comment)
    record = store.get_record(session, w.drafter_a, plan_id)
    returned = store.return_comment(session, w.drafter_a, record)
    assert returned is not None
    assert (returned.comment, returned.by) == (comment, "reviewer")

    fixed = plan_for(w.commune_a, subject="Thực hiện Dự án 4 (đã sửa)")
    store.save_plan(session, w.drafter_a, fixed, plan_id=plan_id, base_version=3)
    store.set_status(session, w.drafter_a, plan_id, "submitted", base_version=4)
    assert store.return_comment(session, w.drafter_a, store.get_record(session, w.drafter_a, plan_id)) is None
    store.set_status(session, w.reviewer, plan_id, "issued", base_version=5)

    record = store.get_record(session, w.drafter_a, plan_id)
    assert record.status == "issued"
    assert not store.can_edit(session, w.drafter_a, record)
    assert not store.can_edit(session, w.admin, record)
    notes = [v.note for v in reversed(store.history(session, w.drafter_a, plan_id))]
    assert notes == ["", "submit", f"return: {comment}", "", "submit", "issued"]
    assert _steps(session, plan_id) == [
        ("create", "drafter_a"),
        ("submit", "drafter_a"),
        ("return", "reviewer"),
        ("save", "drafter_a"),
        ("submit", "drafter_a"),
        ("issue", "reviewer"),
    ]


def test_an_issued_plan_is_read_only_for_everyone_and_a_change_is_a_new_plan(session: Session) -> None:
    w = build_world(session)
    plan_id = _commune_draft(session, w)
    store.set_status(session, w.drafter_a, plan_id, "submitted", base_version=1)
    store.set_status(session, w.admin, plan_id, "issued", base_version=2)
    for who in (w.drafter_a, w.admin):
        with pytest.raises(store.PlanReadOnlyError, match="đã ban hành"):
            store.save_plan(session, who, plan_for(w.commune_a), plan_id=plan_id, base_version=3)
        with pytest.raises(store.PlanReadOnlyError):
            store.set_status(session, who, plan_id, "draft", base_version=3, comment="mở lại")
        with pytest.raises(store.PlanReadOnlyError):
            store.restore(session, who, plan_id, 1, base_version=3)

    amendment = store.amend(session, w.drafter_a, plan_id)
    assert amendment.record.id != plan_id
    assert (amendment.record.status, amendment.record.agency_id) == ("draft", w.commune_a.id)
    assert amendment.plan.number is None
    cited = amendment.plan.references[-1]
    assert (cited.relation, cited.number, cited.symbol) == ("basis", "05", "KH-UBND")
    assert store.get_record(session, w.drafter_a, plan_id).current_version == 3  # left as issued
    with pytest.raises(store.PlanForbiddenError):  # a reviewer writes no plan, not even an amendment
        store.amend(session, w.reviewer, plan_id)


def test_only_an_approver_of_the_agency_or_above_approves(session: Session) -> None:
    w = build_world(session)
    district_plan = store.save_plan(session, w.district_drafter, plan_for(w.district)).record.id
    store.set_status(session, w.district_drafter, district_plan, "submitted", base_version=1)
    with pytest.raises(store.PlanForbiddenError):  # a drafter approves nothing
        store.set_status(session, w.district_drafter, district_plan, "issued", base_version=2)
    with pytest.raises(store.PlanNotFoundError):  # a commune's user does not even see it
        store.set_status(session, w.drafter_a, district_plan, "issued", base_version=2)
    store.set_status(session, w.reviewer, district_plan, "issued", base_version=2)  # its own agency
    assert store.get_record(session, w.admin, district_plan).status == "issued"


def test_the_approver_moves_the_plan_but_does_not_change_its_content(session: Session) -> None:
    w = build_world(session)
    plan_id = _commune_draft(session, w)
    store.set_status(session, w.drafter_a, plan_id, "submitted", base_version=1)
    edited = plan_for(w.commune_a, subject="Sửa của người duyệt")
    with pytest.raises(store.PlanForbiddenError):
        store.save_plan(session, w.reviewer, edited, plan_id=plan_id, base_version=2, status="issued")
    assert store.get_record(session, w.reviewer, plan_id).status == "submitted"


def test_the_issuer_block_is_the_plans_agency_not_the_typed_header(session: Session) -> None:
    """Before, a drafter of Thạnh Phú could store (and issue) a plan headed "xã Tân An"."""
    w = build_world(session)
    headed_by_another = plan_for(w.commune_b)
    saved = store.save_plan(session, w.drafter_a, headed_by_another)
    _, stored = store.plan_at(session, w.drafter_a, saved.record.id)
    assert stored.issuer.name == w.commune_a.name
    assert (stored.issuer.level, stored.issuer.place) == ("commune", "Thạnh Phú")
    assert saved.record.issuer_name == "Ủy ban nhân dân xã Thạnh Phú"
    row = session.scalar(select(PlanVersion).where(PlanVersion.plan_id == saved.record.id))
    assert row is not None
    assert row.document["issuer"]["name"] == w.commune_a.name
    again = store.save_plan(
        session, w.drafter_a, plan_for(w.commune_c), plan_id=saved.record.id, base_version=1
    )
    assert again.plan.issuer.name == w.commune_a.name


def test_an_admin_stores_a_plan_for_an_agency_of_their_branch_only(session: Session) -> None:
    w = build_world(session)
    saved = store.save_plan(session, w.admin, plan_for(w.district), agency_id=w.district.id, status="issued")
    assert (saved.record.agency_id, saved.record.status) == (w.district.id, "issued")
    with pytest.raises(store.PlanForbiddenError):
        store.save_plan(session, w.drafter_a, plan_for(w.commune_b), agency_id=w.commune_b.id)


def test_another_branchs_parent_is_refused_on_every_save_as_not_found(session: Session) -> None:
    w = build_world(session)
    theirs = store.save_plan(session, w.drafter_c, plan_for(w.commune_c)).record.id
    mine = _commune_draft(session, w)
    with pytest.raises(store.PlanNotFoundError):
        store.save_plan(session, w.drafter_a, plan_for(w.commune_a), parent_id=theirs)
    with pytest.raises(store.PlanNotFoundError):  # accepted before, on an update
        store.save_plan(
            session, w.drafter_a, plan_for(w.commune_a), plan_id=mine, base_version=1, parent_id=theirs
        )
    assert store.get_record(session, w.drafter_a, mine).parent_id is None


@pytest.mark.parametrize("parent_id", [987654, 2**31, 2**40])
def test_a_missing_parent_is_not_found_never_a_database_error(session: Session, parent_id: int) -> None:
    w = build_world(session)
    mine = _commune_draft(session, w)
    with pytest.raises(store.PlanNotFoundError):
        store.save_plan(session, w.drafter_a, plan_for(w.commune_a), parent_id=parent_id)
    with pytest.raises(store.PlanNotFoundError):
        store.save_plan(
            session, w.drafter_a, plan_for(w.commune_a), plan_id=mine, base_version=1, parent_id=parent_id
        )
    with pytest.raises(store.PlanNotFoundError):
        store.get_record(session, w.drafter_a, parent_id)


def test_a_parent_id_that_is_no_plan_id_or_the_plan_itself_is_refused(session: Session) -> None:
    w = build_world(session)
    mine = _commune_draft(session, w)
    for bad in ("12", True, 1.5):
        with pytest.raises(KehoachError, match="parent_id"):
            store.save_plan(session, w.drafter_a, plan_for(w.commune_a), parent_id=bad)  # type: ignore[arg-type]
    with pytest.raises(KehoachError, match="chính nó"):
        store.save_plan(
            session, w.drafter_a, plan_for(w.commune_a), plan_id=mine, base_version=1, parent_id=mine
        )

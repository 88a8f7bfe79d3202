"""The parents a stored plan implements: one or several (seed 000, a province plan, carries
three national programmes at once).

The first parent is ``plans.parent_id``, which the plan store writes on every save; the others
sit in ``plan_parents`` (app.storage.tables.PlanParent), in the order the plan cites them.
:func:`parent_ids` is the one way to read them all, :func:`set_parents` to change them, and
:func:`cited_parents` finds the stored plans a plan's references ("Thực hiện Kế hoạch số ...")
name, so the links can follow the document.

It also keeps which text of each parent a child was checked against (:func:`record_check`,
at derive, batch and review time, and :func:`in_force`, the text that counts now), which is
what app.services.staleness compares.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan, Reference
from app.messages import both
from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.tables import ParentCheck, PlanRecord, User

MAX_AMENDMENTS = 20  # an amendment of an amendment ...: a chain this long is a loop


def parent_ids(session: Session, record: PlanRecord) -> list[int]:
    """Every parent of ``record``, first one first, each once."""
    found = [record.parent_id] if record.parent_id is not None else []
    for parent_id in repo.further_parent_ids(session, record.id):
        if parent_id not in found:
            found.append(parent_id)
    return found


def readable_parents(session: Session, user: User, record: PlanRecord) -> list[PlanRecord]:
    """The parents of ``record`` the user may read, in order."""
    readable = store.readable_agency_ids(session, user)
    out = []
    for parent_id in parent_ids(session, record):
        parent = repo.plan(session, parent_id)
        if parent is not None and store.can_read(session, user, parent, readable):
            out.append(parent)
    return out


def may_link(session: Session, user: User, record: PlanRecord) -> bool:
    """Who may say which plans ``record`` implements: whoever may edit it, and for an issued
    plan (whose document already cites them) its agency's writers."""
    return store.can_edit(session, user, record) or store.can_amend(session, user, record)


def set_parents(session: Session, user: User, plan_id: int, ids: list[int]) -> list[int]:
    """Make ``ids`` the parents of plan ``plan_id``, in that order, and commit.

    Each parent is checked like any read (another branch's plan is "not found"); the plan
    itself, a plan given twice and an empty list are refused."""
    record = store.get_record(session, user, plan_id)
    if not may_link(session, user, record):
        raise store.PlanForbiddenError(plan_id)
    if not ids:
        raise KehoachError(both("parents_none"))
    if len(set(ids)) != len(ids):
        raise KehoachError(both("parents_duplicate"))
    for parent_id in ids:
        if parent_id == plan_id:
            raise KehoachError(both("parent_is_self"))
        store.get_record(session, user, parent_id)
    repo.set_first_parent(session, plan_id, ids[0])
    repo.set_further_parents(session, plan_id, ids[1:])
    repo.add_audit(session, user, "set_parents", "plan", plan_id, {"parents": ids})
    session.commit()
    session.refresh(record)
    return ids


def cited_parents(session: Session, user: User, plan: Plan) -> list[PlanRecord]:
    """The stored plans the user may read that ``plan``'s "implements" references name (by
    number, symbol and year; an issued one before a draft), in citing order. A reference
    naming no stored plan is skipped, and so are plans of the same level or below (the same
    number and symbol recur from one office to the next: "05/KH-UBND")."""
    out: list[PlanRecord] = []
    readable = store.readable_agency_ids(session, user)
    for ref in plan.parent_refs:
        found = [
            r
            for r in _by_citation(session, ref)
            if _above(r.level, plan.level) and store.can_read(session, user, r, readable)
        ]
        found.sort(key=lambda r: (r.status != "issued", -r.id))
        if found and found[0] not in out:
            out.append(found[0])
    return out


def _above(level: str, child_level: str, levels: LevelTable = DEFAULT_LEVELS) -> bool:
    """Whether a plan of ``level`` can be a parent of one of ``child_level`` (an unknown
    level is not ruled out)."""
    parent, child = levels.get(level), levels.get(child_level)
    return parent is None or child is None or parent.rank < child.rank


def _by_citation(session: Session, ref: Reference) -> list[PlanRecord]:
    if not ref.number or not ref.symbol or not ref.number.isdigit():
        return []
    query = select(PlanRecord).where(PlanRecord.number == int(ref.number), PlanRecord.symbol == ref.symbol)
    if ref.date:
        query = query.where(PlanRecord.year == ref.date.year)
    return list(session.scalars(query))


def link_cited_parents(session: Session, user: User, plan_id: int) -> list[int]:
    """Set the parents of plan ``plan_id`` to the stored plans its references cite (the first
    parent already stored stays first when it is not cited). Returns the parent ids."""
    record, plan = store.plan_at(session, user, plan_id)
    ids = [r.id for r in cited_parents(session, user, plan) if r.id != plan_id]
    if record.parent_id is not None and record.parent_id not in ids:
        ids.insert(0, record.parent_id)
    if not ids:
        raise KehoachError(both("parents_none_cited"))
    return set_parents(session, user, plan_id, ids)


def in_force(session: Session, parent: PlanRecord) -> tuple[int, int]:
    """The text of ``parent`` in force: its latest issued amendment (followed down a chain
    of amendments), else the parent itself at its current version."""
    current = _amended(session, parent, None)
    return current.id, current.current_version


def in_force_at(session: Session, parent: PlanRecord, when: dt.datetime) -> tuple[int, int] | None:
    """The text of ``parent`` that was in force at ``when`` (an amendment counts from its
    issue), or None when the parent had no version yet."""
    current = _amended(session, parent, when)
    version = repo.version_at(session, current.id, when)
    return (current.id, version) if version is not None else None


def _amended(session: Session, parent: PlanRecord, when: dt.datetime | None) -> PlanRecord:
    current = parent
    for _ in range(MAX_AMENDMENTS):
        amendments = [repo.plan(session, i) for i in repo.first_version_notes(session, f"amend {current.id}")]
        # an issued plan is read-only: its last change is its issue
        issued = [
            a
            for a in amendments
            if a is not None and a.status == "issued" and (when is None or a.updated_at <= when)
        ]
        if not issued:
            break
        current = max(issued, key=lambda r: (r.updated_at, r.id))
    return current


def record_check(
    session: Session,
    user: User | None,
    child: PlanRecord,
    parent_id: int,
    checked: tuple[int, int],
    kind: str,
    *,
    commit: bool = True,
) -> ParentCheck:
    """Note that ``child`` (at its current version) was checked against text ``checked`` of
    its parent ``parent_id``; ``kind`` is "derive", "batch" or "review"."""
    check = repo.add_parent_check(
        session,
        ParentCheck(
            plan_id=child.id,
            parent_id=parent_id,
            checked_plan_id=checked[0],
            checked_version=checked[1],
            child_version=child.current_version,
            kind=kind,
            user_id=user.id if user else None,
        ),
    )
    if commit:
        session.commit()
    return check


def record_derived(session: Session, user: User | None, child_id: int, parent_id: int, kind: str) -> None:
    """A child just derived from parent ``parent_id`` as it is now: note the parent's version."""
    child, parent = repo.plan(session, child_id), repo.plan(session, parent_id)
    if child is None or parent is None:
        return
    record_check(session, user, child, parent_id, (parent.id, parent.current_version), kind)

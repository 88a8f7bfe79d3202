"""The one place that knows how plans, agencies, users and the audit log sit in SQL.

Functions over a :class:`Session`; the caller owns the transaction (commit/rollback).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from app.storage.tables import (
    Agency,
    AuditEntry,
    LoginFailure,
    ParentCheck,
    PlanParent,
    PlanRecord,
    PlanVersion,
    ReportPeriodRecord,
    ReportRecord,
    ReportVersion,
    User,
    utcnow,
)


def agency(session: Session, agency_id: int) -> Agency | None:
    return session.get(Agency, agency_id)


def agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(Agency.id)))


def subtree_ids(session: Session, root_id: int) -> set[int]:
    """The agency and every agency below it (the tree is small: a province has a few hundred)."""
    children: dict[int | None, list[int]] = {}
    for agency_id, parent_id in session.execute(select(Agency.id, Agency.parent_id)):
        children.setdefault(parent_id, []).append(agency_id)
    found, todo = set(), [root_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, []))
    return found


def ancestor_ids(session: Session, agency_id: int) -> list[int]:
    """The agencies above ``agency_id``, nearest first."""
    out: list[int] = []
    current = session.get(Agency, agency_id)
    while current is not None and current.parent_id is not None and current.parent_id not in out:
        out.append(current.parent_id)
        current = session.get(Agency, current.parent_id)
    return out


def user_by_name(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def user_by_token_hash(session: Session, token_hash: str) -> User | None:
    return session.scalar(select(User).where(User.token_hash == token_hash))


def count_admins(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(User.role == "admin")) or 0


def plan(session: Session, plan_id: int) -> PlanRecord | None:
    return session.get(PlanRecord, plan_id)


def plans_of_agencies(
    session: Session, agency_ids: Iterable[int], filters: dict[str, Any] | None = None
) -> list[PlanRecord]:
    """Plans issued by any of ``agency_ids``, newest first; filters: year, status, level."""
    query = select(PlanRecord).where(PlanRecord.agency_id.in_(list(agency_ids)))
    for name in ("year", "status", "level", "parent_id"):
        value = (filters or {}).get(name)
        if value not in (None, ""):
            query = query.where(getattr(PlanRecord, name) == value)
    return list(session.scalars(query.order_by(PlanRecord.updated_at.desc(), PlanRecord.id.desc())))


def children_of(session: Session, plan_id: int, agency_id: int | None = None) -> list[PlanRecord]:
    """The plans implementing ``plan_id`` (only those of ``agency_id`` when given)."""
    query = select(PlanRecord).where(PlanRecord.parent_id == plan_id)
    if agency_id is not None:
        query = query.where(PlanRecord.agency_id == agency_id)
    return list(session.scalars(query))


def version(session: Session, plan_id: int, number: int) -> PlanVersion | None:
    return session.scalar(
        select(PlanVersion).where(PlanVersion.plan_id == plan_id, PlanVersion.version == number)
    )


def versions(session: Session, plan_id: int) -> list[PlanVersion]:
    return list(
        session.scalars(
            select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.version.desc())
        )
    )


def bump_version(session: Session, record: PlanRecord, base: int, columns: dict[str, Any]) -> bool:
    """Compare-and-set: move the plan from version ``base`` to ``base + 1``.

    Returns False when another save got there first (the row's version is no longer ``base``);
    the UPDATE ... WHERE current_version = base is atomic on every database we support.
    """
    result = session.execute(
        update(PlanRecord)
        .where(PlanRecord.id == record.id, PlanRecord.current_version == base)
        .values(current_version=base + 1, updated_at=utcnow(), **columns)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def add_audit(
    session: Session,
    user: User | None,
    action: str,
    object_type: str,
    object_id: object,
    details: dict[str, Any],
    object_agency_id: int | None = None,
) -> AuditEntry:
    """An entry of the log, filed under the acting user's agency and the object's (the plan's,
    the account's: ``object_agency_id`` when given, else looked up), which is what scopes the
    log page to an admin's branch."""
    if object_agency_id is None:
        object_agency_id = _object_agency(session, object_type, object_id)
    entry = AuditEntry(
        user_id=user.id if user else None,
        username=user.username if user else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details,
        agency_id=user.agency_id if user else None,
        object_agency_id=object_agency_id,
    )
    session.add(entry)
    return entry


def _object_agency(session: Session, object_type: str, object_id: object) -> int | None:
    key = str(object_id)
    if object_type == "plan" and key.isdigit():
        record = session.get(PlanRecord, int(key))
        return record.agency_id if record else None
    if object_type == "user" and key.isdigit():
        row = session.get(User, int(key))
        return row.agency_id if row else None
    if object_type == "agency" and key.isdigit():
        return int(key)
    if object_type == "report" and key.isdigit():
        found = session.get(ReportRecord, int(key))
        return found.agency_id if found else None
    return None


def audit_entries(session: Session, limit: int = 200) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))


def last_step(
    session: Session, object_type: str, object_id: object, actions: Iterable[str]
) -> AuditEntry | None:
    """The latest audit entry of ``object_id`` whose action is one of ``actions``."""
    return session.scalar(
        select(AuditEntry)
        .where(
            AuditEntry.object_type == object_type,
            AuditEntry.object_id == str(object_id),
            AuditEntry.action.in_(list(actions)),
        )
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )


def audit_entries_of(
    session: Session, agency_ids: Iterable[int], limit: int = 200, unfiled: bool = False
) -> list[AuditEntry]:
    """The newest entries acted by, or on an object of, one of ``agency_ids``; ``unfiled`` adds
    those filed under no agency (a failed sign-in with an unknown user name)."""
    ids = list(agency_ids)
    condition = or_(AuditEntry.agency_id.in_(ids), AuditEntry.object_agency_id.in_(ids))
    if unfiled:
        condition = or_(
            condition, and_(AuditEntry.agency_id.is_(None), AuditEntry.object_agency_id.is_(None))
        )
    query = select(AuditEntry).where(condition).order_by(AuditEntry.id.desc()).limit(limit)
    return list(session.scalars(query))


def users_of_agencies(session: Session, agency_ids: Iterable[int]) -> list[User]:
    query = select(User).where(User.agency_id.in_(list(agency_ids))).order_by(User.agency_id, User.username)
    return list(session.scalars(query))


def move_agency_rows(session: Session, old_id: int, new_id: int) -> tuple[int, int]:
    """Hand every plan, account, child agency and audit filing of agency ``old_id`` to
    ``new_id``; returns (plans moved, accounts moved)."""

    def moved(statement: Any) -> int:
        return int(
            getattr(session.execute(statement.execution_options(synchronize_session=False)), "rowcount", 0)
        )

    plans = moved(update(PlanRecord).where(PlanRecord.agency_id == old_id).values(agency_id=new_id))
    users = moved(update(User).where(User.agency_id == old_id).values(agency_id=new_id))
    moved(update(Agency).where(Agency.parent_id == old_id).values(parent_id=new_id))
    moved(update(AuditEntry).where(AuditEntry.agency_id == old_id).values(agency_id=new_id))
    moved(update(AuditEntry).where(AuditEntry.object_agency_id == old_id).values(object_agency_id=new_id))
    session.expire_all()
    return plans, users


def count_login_failures(session: Session, key: str, since: dt.datetime) -> tuple[int, dt.datetime | None]:
    """How many failures ``key`` has had since ``since``, and the oldest of them."""
    count, oldest = session.execute(
        select(func.count(), func.min(LoginFailure.at)).where(
            LoginFailure.key == key, LoginFailure.at >= since
        )
    ).one()
    return int(count or 0), oldest


def add_login_failures(session: Session, keys: Iterable[str], before: dt.datetime) -> None:
    """Record a failure under each key, and forget failures older than ``before``."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < before))
    session.add_all(LoginFailure(key=key) for key in keys)


def clear_login_failures(session: Session, key: str) -> None:
    session.execute(delete(LoginFailure).where(LoginFailure.key == key))


def further_parent_ids(session: Session, plan_id: int) -> list[int]:
    """The parents of ``plan_id`` after its first (``plans.parent_id``), in citing order."""
    query = select(PlanParent.parent_id).where(PlanParent.plan_id == plan_id)
    return list(session.scalars(query.order_by(PlanParent.position, PlanParent.id)))


def set_further_parents(session: Session, plan_id: int, parent_ids: Iterable[int]) -> None:
    """Replace the further parents of ``plan_id`` with ``parent_ids`` (in that order)."""
    session.execute(delete(PlanParent).where(PlanParent.plan_id == plan_id))
    session.add_all(
        PlanParent(plan_id=plan_id, parent_id=parent_id, position=i)
        for i, parent_id in enumerate(parent_ids, start=1)
    )


def implementing(session: Session, plan_id: int) -> list[PlanRecord]:
    """Every plan implementing ``plan_id``: as its first parent or as a further one."""
    further = select(PlanParent.plan_id).where(PlanParent.parent_id == plan_id)
    query = select(PlanRecord).where(or_(PlanRecord.parent_id == plan_id, PlanRecord.id.in_(further)))
    return list(session.scalars(query.order_by(PlanRecord.id)))


def add_parent_check(session: Session, check: ParentCheck) -> ParentCheck:
    session.add(check)
    return check


def latest_parent_checks(session: Session, plan_id: int) -> dict[int, ParentCheck]:
    """The latest check of ``plan_id`` against each of its parents, by parent id."""
    query = select(ParentCheck).where(ParentCheck.plan_id == plan_id).order_by(ParentCheck.id)
    return {check.parent_id: check for check in session.scalars(query)}


def first_version_notes(session: Session, note: str) -> list[int]:
    """The plans whose first version carries ``note`` ("amend 12": the amendments of plan 12)."""
    query = select(PlanVersion.plan_id).where(PlanVersion.version == 1, PlanVersion.note == note)
    return list(session.scalars(query.order_by(PlanVersion.plan_id)))


def child_agencies(session: Session, agency_id: int) -> list[Agency]:
    """The agencies right below ``agency_id``, by name."""
    return list(session.scalars(select(Agency).where(Agency.parent_id == agency_id).order_by(Agency.name)))


def report_period(session: Session, period_id: int) -> ReportPeriodRecord | None:
    return session.get(ReportPeriodRecord, period_id)


def report_periods_of(session: Session, plan_id: int) -> list[ReportPeriodRecord]:
    """The periods opened on plan ``plan_id``, latest end first."""
    query = select(ReportPeriodRecord).where(ReportPeriodRecord.plan_id == plan_id)
    return list(session.scalars(query.order_by(ReportPeriodRecord.end.desc(), ReportPeriodRecord.id.desc())))


def find_report_period(
    session: Session, plan_id: int, kind: str, start: dt.date, end: dt.date
) -> ReportPeriodRecord | None:
    return session.scalar(
        select(ReportPeriodRecord).where(
            ReportPeriodRecord.plan_id == plan_id,
            ReportPeriodRecord.kind == kind,
            ReportPeriodRecord.start == start,
            ReportPeriodRecord.end == end,
        )
    )


def report(session: Session, report_id: int) -> ReportRecord | None:
    return session.get(ReportRecord, report_id)


def report_of(session: Session, period_id: int, agency_id: int) -> ReportRecord | None:
    return session.scalar(
        select(ReportRecord).where(ReportRecord.period_id == period_id, ReportRecord.agency_id == agency_id)
    )


def reports_of_period(session: Session, period_id: int) -> list[ReportRecord]:
    return list(
        session.scalars(
            select(ReportRecord).where(ReportRecord.period_id == period_id).order_by(ReportRecord.id)
        )
    )


def report_version(session: Session, report_id: int, number: int) -> ReportVersion | None:
    return session.scalar(
        select(ReportVersion).where(ReportVersion.report_id == report_id, ReportVersion.version == number)
    )


def report_versions(session: Session, report_id: int) -> list[ReportVersion]:
    query = select(ReportVersion).where(ReportVersion.report_id == report_id)
    return list(session.scalars(query.order_by(ReportVersion.version.desc())))


def bump_report_version(session: Session, record: ReportRecord, base: int, columns: dict[str, Any]) -> bool:
    """Compare-and-set, as :func:`bump_version` for plans: False when another save moved the
    report past version ``base`` first."""
    result = session.execute(
        update(ReportRecord)
        .where(ReportRecord.id == record.id, ReportRecord.current_version == base)
        .values(current_version=base + 1, updated_at=utcnow(), **columns)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def set_first_parent(session: Session, plan_id: int, parent_id: int | None) -> None:
    """Point ``plans.parent_id`` at ``parent_id`` (a link, not the plan's content: no version)."""
    session.execute(
        update(PlanRecord)
        .where(PlanRecord.id == plan_id)
        .values(parent_id=parent_id)
        .execution_options(synchronize_session=False)
    )


def version_at(session: Session, plan_id: int, when: dt.datetime) -> int | None:
    """The number of the latest version of ``plan_id`` saved at or before ``when``."""
    query = select(func.max(PlanVersion.version)).where(
        PlanVersion.plan_id == plan_id, PlanVersion.created_at <= when
    )
    found = session.scalar(query)
    return int(found) if found is not None else None

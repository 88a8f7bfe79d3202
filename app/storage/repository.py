"""The one place that knows how plans, agencies, users and the audit log sit in SQL.

Functions over a :class:`Session`; the caller owns the transaction (commit/rollback).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.storage.tables import Agency, AuditEntry, PlanRecord, PlanVersion, User, utcnow


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
) -> AuditEntry:
    entry = AuditEntry(
        user_id=user.id if user else None,
        username=user.username if user else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=details,
    )
    session.add(entry)
    return entry


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


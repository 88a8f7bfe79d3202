"""The plans implementing a parent, one per implementing agency: what the coverage board shows
and sums.

An agency may hold several plans implementing the same parent: the batch's draft, a draft it
made by hand, the plan it issued. Its column is its issued plan (the latest, when there are
several), else its latest draft, marked as a draft; so each commune's quota share is counted
once. A plan implementing several parents is a member of each parent's family. Plans an older
batch stored under the parent's own agency (issued in a commune's name) are counted as the
plans of the commune of that name below the parent's agency.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.plan import Plan
from app.services import plans_store as store
from app.services.batch_store import unit_key
from app.storage import repository as repo
from app.storage.tables import PlanRecord, User


@dataclass
class Member:
    """One implementing agency's plan as the board shows it."""

    record: PlanRecord
    plan: Plan
    others: int = 0  # the agency's other plans implementing the parent, not shown

    @property
    def draft(self) -> bool:
        return self.record.status != "issued"


def _rank(record: PlanRecord) -> tuple[bool, object, int]:
    return (record.status == "issued", record.updated_at, record.id)


def family(session: Session, user: User, parent_id: int) -> list[Member]:
    """The readable plans implementing plan ``parent_id``, one per agency, in the order the
    agencies' first plans were stored."""
    parent = store.get_record(session, user, parent_id)
    readable = store.readable_agency_ids(session, user)
    # a plan implementing several parents (seed 000) is in the family of each of them
    children = [
        c for c in repo.implementing(session, parent_id) if store.can_read(session, user, c, readable)
    ]
    if not children:
        return []
    by_name = (
        _agencies_by_name(session, parent.agency_id)
        if any(c.agency_id == parent.agency_id for c in children)
        else {}
    )
    groups: dict[object, list[PlanRecord]] = {}
    for child in sorted(children, key=lambda c: c.id):
        groups.setdefault(_owner_key(child, parent.agency_id, by_name), []).append(child)
    members = []
    for records in groups.values():
        shown = max(records, key=_rank)
        _, plan = store.plan_at(session, user, shown.id)
        members.append(Member(shown, plan, len(records) - 1))
    return members


def _owner_key(child: PlanRecord, parent_agency: int, by_name: dict[str, int]) -> object:
    """The agency a child plan counts for: its own, or for a plan stored under the parent's
    agency in another unit's name, the agency of that name below the parent's."""
    if child.agency_id != parent_agency:
        return child.agency_id
    name = unit_key(child.issuer_name)
    return by_name.get(name, ("name", name))


def _agencies_by_name(session: Session, agency_id: int) -> dict[str, int]:
    """The agencies below ``agency_id`` by :func:`unit_key` (names given twice are left out:
    a plan cannot be told to belong to one of them)."""
    below = repo.subtree_ids(session, agency_id) - {agency_id}
    seen: dict[str, list[int]] = {}
    for agency in repo.agencies(session):
        if agency.id in below:
            seen.setdefault(unit_key(agency.name), []).append(agency.id)
    return {name: ids[0] for name, ids in seen.items() if len(ids) == 1}

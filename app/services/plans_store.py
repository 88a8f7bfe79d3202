"""Use cases on stored plans: save (a new immutable version, with optimistic locking),
history, diff, restore, the plans a user may see, and the audit trail.

Access rules: everyone reads the plans of their agency and of the agencies below it, and the
*issued* plans of the agencies above it (the plans they must implement); nobody reads another
branch of the tree. A drafter edits only their own agency's plans, an admin any plan of their
subtree, a reviewer none. A plan one may not read is reported as not found, so its existence
does not leak. One exception, for batches (:func:`save_child_draft`): a drafter or admin may
store a plan derived from a plan they can read under an agency of their subtree (a province's
batch gives each commune its draft), and give it new versions while it is a draft; once the
agency issues it, nobody above changes it.

Approval by level: a plan moves draft → submitted → issued. Its drafter (or an admin of its
branch) submits it; a reviewer or admin of its agency or of an agency above approves it, which
issues it (it needs its number), or returns it to draft with a comment its drafter sees. A
submitted plan is read-only for drafters until returned; an issued plan is read-only for
everyone: a change to it is a new plan (:func:`amend`, a draft citing the issued plan). Each
step is a version (its note) and an audit entry. The issuer block is the plan's agency as the
registry has it, written over whatever the document carried on every save.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.errors import KehoachError
from app.domain.plan import Issuer, Plan, Reference
from app.messages import both
from app.planfile.load import dump_plan, plan_from_data
from app.services import accounts
from app.services.plan_changes import PlanDiff, diff_plans
from app.services.quota_text import disagreements, restate_values
from app.storage import repository as repo
from app.storage.tables import Agency, AuditEntry, PlanRecord, PlanVersion, User

STATUSES = ("draft", "submitted", "issued")
APPROVER_ROLES = ("reviewer", "admin")
RETURN_COMMENT_LIMIT = 2000
# The history's code of each step ("return: <comment>" is cut to the note column's 200 characters;
# the audit entry keeps the whole comment).
STEP_NOTES = {"submitted": "submit", "issued": "issued", "draft": "return"}
# Row ids are 32-bit integers in PostgreSQL: a larger id names no plan (and must not reach SQL).
MAX_ID = 2**31 - 1


class PlanNotFoundError(KehoachError):
    """No such plan, or one the user may not read (HTTP 404)."""

    def __init__(self, plan_id: object) -> None:
        super().__init__(f"{both('plan_not_found')}: {plan_id}")


class PlanForbiddenError(KehoachError):
    """The user may read the plan but not change it (HTTP 403)."""

    def __init__(self, plan_id: object) -> None:
        super().__init__(f"{both('plan_forbidden')}: {plan_id}")


class PlanReadOnlyError(PlanForbiddenError):
    """The plan is issued (read-only for everyone), or submitted and the user is its drafter
    (HTTP 403, saying why and what to do)."""

    def __init__(self, plan_id: object, status: str) -> None:
        self.status = status
        KehoachError.__init__(self, f"{both(f'plan_{status}_read_only')}: {plan_id}")


class StepForbiddenError(PlanForbiddenError):
    """An approval step the user may not take (HTTP 403), named by its message key."""

    def __init__(self, key: str) -> None:
        KehoachError.__init__(self, both(key))


class StaleVersionError(KehoachError):
    """A save based on an old version (HTTP 409); ``diff`` holds what the others changed."""

    def __init__(self, plan_id: int, base: int | None, current: int, diff: PlanDiff) -> None:
        self.plan_id, self.base, self.current, self.diff = plan_id, base, current, diff
        super().__init__(f"{both('stale_version')}: {base} → {current}")


@dataclass
class SavedPlan:
    record: PlanRecord
    version: int
    plan: Plan
    warnings: list[str] = field(default_factory=list)


def readable_agency_ids(session: Session, user: User) -> set[int]:
    return repo.subtree_ids(session, user.agency_id)


def can_read(session: Session, user: User, record: PlanRecord, readable: set[int] | None = None) -> bool:
    """``readable``: the user's :func:`readable_agency_ids`, when the caller has them already."""
    if record.agency_id in (readable_agency_ids(session, user) if readable is None else readable):
        return True
    return record.status == "issued" and record.agency_id in repo.ancestor_ids(session, user.agency_id)


def _may_write(session: Session, user: User, agency_id: int) -> bool:
    """Whether the user writes plans of ``agency_id`` at all, whatever their status."""
    if user.role == "drafter":
        return agency_id == user.agency_id
    if user.role == "admin":
        return agency_id in readable_agency_ids(session, user)
    return False


def _read_only(user: User, record: PlanRecord) -> bool:
    """Issued plans are final; a submitted plan waits for its approver (an admin, who may
    approve it, may still correct it)."""
    return record.status == "issued" or (record.status == "submitted" and user.role != "admin")


def can_edit(session: Session, user: User, record: PlanRecord) -> bool:
    return _may_write(session, user, record.agency_id) and not _read_only(user, record)


def can_submit(session: Session, user: User, record: PlanRecord) -> bool:
    return record.status == "draft" and _may_write(session, user, record.agency_id)


def can_amend(session: Session, user: User, record: PlanRecord) -> bool:
    """Who may start the new plan that changes an issued one: its agency's writers."""
    return record.status == "issued" and can_create(user) and _may_write(session, user, record.agency_id)


def can_approve(session: Session, user: User, record: PlanRecord) -> bool:
    """A reviewer or admin of the plan's agency or of an agency above it: their subtree."""
    return user.role in APPROVER_ROLES and record.agency_id in readable_agency_ids(session, user)


def can_create(user: User) -> bool:
    return user.role in ("drafter", "admin")


def get_record(session: Session, user: User, plan_id: int, *, edit: bool = False) -> PlanRecord:
    record = repo.plan(session, plan_id) if 0 < plan_id <= MAX_ID else None
    if record is None or not can_read(session, user, record):
        raise PlanNotFoundError(plan_id)
    if edit and not _may_write(session, user, record.agency_id):
        raise PlanForbiddenError(plan_id)
    if edit and _read_only(user, record):
        raise PlanReadOnlyError(plan_id, record.status)
    return record


def _parent_record(session: Session, user: User, parent_id: object, plan_id: int | None) -> PlanRecord:
    """The plan a save names as its parent, checked like any read: another branch's plan and
    a missing one are both "not found" (404), a parent_id that is not a plan id is 400."""
    if isinstance(parent_id, bool) or not isinstance(parent_id, int):
        raise KehoachError(f"{both('bad_parent')}: {parent_id!r}")
    if plan_id is not None and parent_id == plan_id:
        raise KehoachError(both("parent_is_self"))
    return get_record(session, user, parent_id)


def stamp_issuer(plan: Plan, agency: Agency) -> None:
    """The header's issuer is the agency's, as registered: name, abbreviation, level and
    place (a typed header could name another branch's agency). The line of the governing
    body above it (``parent_body``) stays as the drafter wrote it."""
    plan.issuer = Issuer(
        name=agency.name,
        abbreviation=agency.abbreviation or "UBND",
        level=agency.level,
        place=agency.place or plan.issuer.place,
        parent_body=plan.issuer.parent_body,
    )


def list_visible(session: Session, user: User, filters: dict[str, Any] | None = None) -> list[PlanRecord]:
    """My agency's and my subordinates' plans, then the issued plans above me."""
    own = repo.plans_of_agencies(session, readable_agency_ids(session, user), filters)
    above = repo.plans_of_agencies(session, repo.ancestor_ids(session, user.agency_id), filters)
    return own + [r for r in above if r.status == "issued"]


def plan_at(
    session: Session, user: User, plan_id: int, version: int | None = None
) -> tuple[PlanRecord, Plan]:
    """The plan as it is (or was at ``version``)."""
    record = get_record(session, user, plan_id)
    row = repo.version(session, plan_id, version or record.current_version)
    if row is None:
        raise PlanNotFoundError(f"{plan_id} v{version}")
    return record, plan_from_data(row.document, f"plan {plan_id} v{row.version}")


def document_at(
    session: Session, user: User, plan_id: int, version: int | None = None
) -> tuple[PlanRecord, dict[str, Any]]:
    """The stored JSON document as is: it was validated when saved, so reads that only pass
    it on (the API) skip rebuilding the domain objects."""
    record = get_record(session, user, plan_id)
    row = repo.version(session, plan_id, version or record.current_version)
    if row is None:
        raise PlanNotFoundError(f"{plan_id} v{version}")
    return record, row.document


def history(session: Session, user: User, plan_id: int) -> list[PlanVersion]:
    get_record(session, user, plan_id)
    return repo.versions(session, plan_id)


def diff_versions(session: Session, user: User, plan_id: int, old: int, new: int) -> PlanDiff:
    _, before = plan_at(session, user, plan_id, old)
    _, after = plan_at(session, user, plan_id, new)
    return diff_plans(before, after)


def _columns(plan: Plan, status: str, parent_id: int | None) -> dict[str, Any]:
    parent = plan.parent_ref
    return {
        "key": plan.id,
        "level": plan.issuer.level,
        "number": plan.number,
        "symbol": plan.symbol,
        "subject": plan.subject,
        "issuer_name": plan.issuer.one_line_name,
        "year": plan.year,
        "status": status,
        "parent_id": parent_id,
        "parent_ref": parent.number_symbol if parent else None,
    }


def save_plan(
    session: Session,
    user: User,
    plan: Plan,
    *,
    plan_id: int | None = None,
    base_version: int | None = None,
    status: str | None = None,
    parent_id: int | None = None,
    note: str = "",
    agency_id: int | None = None,
    comment: str = "",
) -> SavedPlan:
    """Store ``plan`` as a new version (a new plan when ``plan_id`` is None) and commit.

    ``base_version`` is the version the editor started from; when another save came in since,
    nothing is written and :class:`StaleVersionError` carries the diff from the base to the
    current version, so the user sees the other person's changes. ``status`` moves the plan
    one step of its approval (:func:`check_step`); ``agency_id`` is the agency a new plan is
    stored under (the user's by default, else one of their subtree, as for batches). The issuer
    block is always the agency's.
    """
    if status is not None and status not in STATUSES:
        raise KehoachError(f"{both('bad_status')}: {status}")
    current = get_record(session, user, plan_id) if plan_id is not None else None
    if parent_id is not None:
        _parent_record(session, user, parent_id, plan_id)
    if current is None:
        agency, before = _new_plan_agency(session, user, agency_id), "draft"
        check_step(session, user, None, agency.id, status or "draft", plan, comment)
    else:
        agency, before = current.agency, current.status
        stored = _stored_plan(session, current.id)
        if status is None or status == before:
            get_record(session, user, current.id, edit=True)  # refused when read-only
        else:
            check_step(session, user, current, current.agency_id, status, plan, comment)
        # A quota's sentence follows its value when only the value was changed.
        restate_values(stored, plan)
    stamp_issuer(plan, agency)
    document = dump_plan(plan)
    plan_from_data(document, "plan")  # what is stored must load back: refuse it now, not on read
    if current is None:
        record = _new_record(session, plan, agency.id, status, parent_id)
    else:
        if not _may_write(session, user, current.agency_id) and not (
            stored is not None and _same(dump_plan(stored), document)
        ):
            raise PlanForbiddenError(current.id)  # an approver moves the plan, never edits it
        record = _advance(session, user, plan, current, base_version, status, parent_id)
    number = record.current_version
    session.add(
        PlanVersion(plan_id=record.id, version=number, document=document, author_id=user.id, note=note[:200])
    )
    action, details = _audit_entry(current is None, before, status, number, note, comment)
    repo.add_audit(session, user, action, "plan", record.id, details)
    try:
        session.commit()
    except IntegrityError:  # (plan_id, version) is unique: a concurrent save got this number
        session.rollback()
        raise _stale(session, user, record, base_version) from None
    session.refresh(record)
    return SavedPlan(record, number, plan, [w.message() for w in disagreements(plan)])


def _audit_entry(
    new: bool, before: str, status: str | None, number: int, note: str, comment: str
) -> tuple[str, dict[str, Any]]:
    """What the audit log says of a save: "create", "save", or the approval step taken."""
    details: dict[str, Any] = {"version": number, "note": note}
    action = "create" if new else "save"
    if status is not None and status != before:
        details.update({"from": before, "status": status})
        if not new:
            action = {"submitted": "submit", "issued": "issue", "draft": "return"}[status]
    elif new and status is not None:
        details["status"] = status
    if comment:
        details["comment"] = comment
    return action, details


def _stored_plan(session: Session, plan_id: int) -> Plan | None:
    """The current version of a plan, before any permission check: only compared with the
    incoming save, never returned."""
    record = session.get(PlanRecord, plan_id)
    row = repo.version(session, plan_id, record.current_version) if record is not None else None
    return plan_from_data(row.document, f"plan {plan_id}") if row is not None else None


def _new_plan_agency(session: Session, user: User, agency_id: int | None) -> Agency:
    if not can_create(user):
        raise PlanForbiddenError("new")
    if agency_id is None or agency_id == user.agency_id:
        return user.agency
    # As for batches (save_child_draft): an agency of the user's subtree.
    found = repo.agency(session, agency_id) if 0 < agency_id <= MAX_ID else None
    if found is None or agency_id not in readable_agency_ids(session, user):
        raise PlanForbiddenError(f"{both('bad_agency')} {agency_id}")
    return found


def check_step(
    session: Session,
    user: User,
    record: PlanRecord | None,
    agency_id: int,
    status: str,
    plan: Plan,
    comment: str = "",
) -> None:
    """Refuse a status change the user may not make. ``record`` is None for a new plan,
    which starts as a draft. Steps: draft → submitted (its drafter, or an admin of its
    branch); submitted → issued or → draft, returned with a comment (a reviewer or admin of
    its agency or above); an admin may also issue a draft of their branch directly (loading
    plans issued on paper). An issued plan never changes."""
    before = record.status if record is not None else "draft"
    if before == status:
        return
    if before == "issued":
        raise PlanReadOnlyError(record.id if record is not None else "new", "issued")
    approver = user.role in APPROVER_ROLES and agency_id in readable_agency_ids(session, user)
    if status == "submitted":
        if not _may_write(session, user, agency_id):
            raise StepForbiddenError("cannot_submit")
    elif status == "issued":
        if not approver:
            raise StepForbiddenError("cannot_approve")
        if before == "draft" and user.role != "admin":
            raise KehoachError(both("approve_needs_submission"))
        if plan.number is None:
            # An issued plan is cited by its number ("Kế hoạch số 12/KH-UBND"); without one the
            # plans implementing it would cite "Kế hoạch số KH-UBND".
            raise KehoachError(both("issue_needs_number"))
    elif status == "draft":  # returned by its approver
        if not approver:
            raise StepForbiddenError("cannot_approve")
        if record is not None and not comment.strip() and user.role != "admin":
            raise KehoachError(both("return_needs_comment"))
    if len(comment) > RETURN_COMMENT_LIMIT:
        raise KehoachError(both("return_comment_too_long").format(limit=RETURN_COMMENT_LIMIT))


def _new_record(
    session: Session, plan: Plan, agency_id: int, status: str | None, parent_id: int | None
) -> PlanRecord:
    record = PlanRecord(
        agency_id=agency_id, current_version=1, **_columns(plan, status or "draft", parent_id)
    )
    session.add(record)
    session.flush()
    return record


@dataclass
class ChildDraft:
    """Where :func:`save_child_draft` left a subordinate's plan, and what it did:
    "created", "updated" (a new version), "unchanged" (the same document was current) or
    "issued" (the agency has issued its plan: left alone)."""

    record_id: int
    version: int
    outcome: str


def save_child_draft(
    session: Session, user: User, plan: Plan, *, agency_id: int, parent_id: int, note: str = "batch"
) -> ChildDraft:
    """Store ``plan``, derived from plan ``parent_id``, as the draft of agency ``agency_id``
    (below the user's), and commit.

    One plan per agency and parent, as "Tạo kế hoạch thực hiện" keeps it: when the agency has
    issued a plan implementing the parent, nothing is written; when it has a draft (the one
    with the plan's key first, else the latest), the plan becomes its next version unless it
    is already its current one (a resumed or repeated batch writes nothing); else a new plan.
    A concurrent save of the same draft raises :class:`StaleVersionError` (try again). A plan
    submitted for approval is left alone too ("issued" outcome: the agency has it in hand).
    """
    if not can_create(user):
        raise PlanForbiddenError("new")
    readable = readable_agency_ids(session, user)
    parent = repo.plan(session, parent_id)
    if parent is None or not can_read(session, user, parent, readable):
        raise PlanNotFoundError(parent_id)
    agency = repo.agency(session, agency_id) if agency_id in readable else None
    if agency is None:
        raise PlanForbiddenError(f"agency {agency_id}")
    stamp_issuer(plan, agency)
    document = dump_plan(plan)
    theirs = repo.children_of(session, parent.id, agency_id)
    issued = _latest([r for r in theirs if r.status == "issued"]) or _latest(
        [r for r in theirs if r.status == "submitted"]
    )
    if issued is not None:
        return ChildDraft(issued.id, issued.current_version, "issued")
    drafts = [r for r in theirs if r.status == "draft"]
    draft = next((r for r in drafts if r.key == plan.id), None) or _latest(drafts)
    if draft is None:
        plan_from_data(document, "plan")  # what is stored must load back
        record = PlanRecord(agency_id=agency_id, current_version=1, **_columns(plan, "draft", parent.id))
        session.add(record)
        session.flush()
        action, outcome = "create", "created"
    else:
        current = repo.version(session, draft.id, draft.current_version)
        if current is not None and _same(current.document, document):
            return ChildDraft(draft.id, draft.current_version, "unchanged")
        plan_from_data(document, "plan")  # what is stored must load back
        base = draft.current_version
        if not repo.bump_version(session, draft, base, _columns(plan, "draft", parent.id)):
            session.rollback()
            raise _stale(session, user, draft, base)
        session.refresh(draft)
        record, action, outcome = draft, "save", "updated"
    number = record.current_version
    session.add(
        PlanVersion(plan_id=record.id, version=number, document=document, author_id=user.id, note=note)
    )
    repo.add_audit(session, user, action, "plan", record.id, {"version": number, "note": note})
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise _stale(session, user, record, number - 1 or None) from None
    return ChildDraft(record.id, number, outcome)


def _latest(records: list[PlanRecord]) -> PlanRecord | None:
    return max(records, key=lambda r: (r.updated_at, r.id), default=None)


def _same(stored: dict[str, Any], document: dict[str, Any]) -> bool:
    """Two plan documents alike once read back as JSON (tuples and lists are the same)."""

    def text(value: dict[str, Any]) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)

    return text(stored) == text(document)


def _advance(
    session: Session,
    user: User,
    plan: Plan,
    record: PlanRecord,
    base_version: int | None,
    status: str | None,
    parent_id: int | None,
) -> PlanRecord:
    """Move an existing plan (access checked) to its next version, or raise StaleVersionError."""
    base = record.current_version
    if base_version is None or base_version != base:
        raise _stale(session, user, record, base_version)
    columns = _columns(plan, status or record.status, record.parent_id if parent_id is None else parent_id)
    if not repo.bump_version(session, record, base, columns):
        session.rollback()
        raise _stale(session, user, record, base_version)
    session.refresh(record)
    return record


def _stale(session: Session, user: User, record: PlanRecord, base: int | None) -> StaleVersionError:
    session.expire_all()
    fresh = get_record(session, user, record.id)
    current = fresh.current_version
    after = repo.version(session, fresh.id, current)
    before = repo.version(session, fresh.id, base) if base else None
    new_plan = plan_from_data(after.document) if after else None
    old_plan = plan_from_data(before.document) if before else None
    diff = diff_plans(old_plan, new_plan) if old_plan and new_plan else PlanDiff()
    return StaleVersionError(fresh.id, base, current, diff)


def restore(session: Session, user: User, plan_id: int, version: int, base_version: int) -> SavedPlan:
    """Make ``version`` current again, as a new version (history is never rewritten)."""
    record, old = plan_at(session, user, plan_id, version)
    return save_plan(
        session, user, old, plan_id=record.id, base_version=base_version, note=f"restore v{version}"
    )


def set_status(
    session: Session, user: User, plan_id: int, status: str, base_version: int, comment: str = ""
) -> SavedPlan:
    """One step of the approval on the current version: "submitted" (submit), "issued"
    (approve) or "draft" (return, with ``comment`` for the drafter). A new version of the same
    document, whose note names the step; the audit entry keeps the whole comment."""
    if status not in STATUSES:
        raise KehoachError(f"{both('bad_status')}: {status}")
    record, current = plan_at(session, user, plan_id)
    comment = " ".join(comment.split())
    note = STEP_NOTES[status] + (f": {comment}" if comment else "")
    return save_plan(
        session,
        user,
        current,
        plan_id=record.id,
        base_version=base_version,
        status=status,
        note=note,
        comment=comment,
    )


@dataclass
class Returned:
    """Why an approver returned the plan: their name, when, and their comment."""

    by: str
    at: dt.datetime
    comment: str


def return_comment(session: Session, user: User, record: PlanRecord) -> Returned | None:
    """The approver's return of the plan to draft, while that is its last step (shown to the
    drafter on the plan's page until the plan is submitted again)."""
    get_record(session, user, record.id)
    if record.status != "draft":
        return None
    last = repo.last_step(session, "plan", record.id, ("submit", "issue", "return"))
    if last is None or last.action != "return":
        return None
    who = session.get(User, last.user_id) if last.user_id is not None else None
    name = (who.full_name or who.username) if who is not None else last.username
    return Returned(name, last.at, str(last.details.get("comment", "")))


def amend(session: Session, user: User, plan_id: int) -> SavedPlan:
    """A change to an issued plan is a new plan: a draft of the same agency and parent,
    carrying the issued plan's content without its number and date, and citing it as its
    basis ("Căn cứ Kế hoạch số 12/KH-UBND ..."); the issued plan stays as it was."""
    record, issued = plan_at(session, user, plan_id)
    if record.status != "issued":
        raise KehoachError(both("bad_status"))
    cited = Reference(
        relation="basis",
        doc_type="Kế hoạch",
        number=f"{issued.number:02d}" if issued.number is not None else None,
        symbol=issued.symbol,
        date=issued.date,
        issuer=issued.issuer.one_line_name,
        title=issued.subject,
    )
    draft = copy.deepcopy(issued)
    draft.id = f"{issued.id[:100]}-sua-doi"
    draft.number, draft.date = None, None
    draft.dateline_year = issued.date.year if issued.date else issued.dateline_year
    draft.references = [*issued.references, cited]
    return save_plan(
        session,
        user,
        draft,
        parent_id=record.parent_id,
        note=f"amend {record.id}",
        agency_id=record.agency_id,
    )


def audit(
    session: Session, user: User | None, action: str, object_type: str, object_id: object, **details: Any
) -> None:
    """Record an action that is not a plan save (sign-in, download, review) and commit."""
    repo.add_audit(session, user, action, object_type, object_id, _jsonable(details))
    session.commit()


def audit_log(session: Session, user: User, limit: int = 200) -> list[AuditEntry]:
    """The admin's view of the log, held to their branch as the log page is
    (:func:`app.services.accounts.audit_log`)."""
    if user.role != "admin":
        raise PlanForbiddenError("audit")
    return accounts.audit_log(session, user, limit)


def _jsonable(details: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in details.items()}

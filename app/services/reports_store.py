"""Use cases on stored progress reports: open a report period on an issued plan, a unit's
report form, save (a new immutable version, with optimistic locking), submit, return.

Who does what (by branch and role, like plans):

- a period is opened on an issued plan by a drafter or admin of the plan's agency (or an admin
  above it); everyone who reads the plan sees its periods;
- each unit reports on the plan it carries: the period's plan itself for its agency, its own
  issued plan implementing the period's plan for an agency below; the form lists exactly that
  plan's targets (its own and its share of the parent's);
- a unit's drafters and admins save and submit their own agency's report, nobody else's;
- a reviewer or admin of an agency above the unit returns a submitted report with a comment;
- a report is read by its agency and the agencies above it; anyone else gets "not found" (404),
  so its existence does not leak.

A submitted report counts in the sums with the version that was submitted; a returned one
counts again once resubmitted. Each step is a version (its note) and an audit entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.domain.reports import PeriodKind, ReportPeriod, UnitReport, repeats_in
from app.domain.targets import Target
from app.planfile.load import plan_from_data
from app.services import plans_store as store
from app.services.plans_store import MAX_ID, PlanForbiddenError, PlanNotFoundError
from app.storage import repository as repo
from app.storage.tables import Agency, ReportPeriodRecord, ReportRecord, ReportVersion, User
from app.vn.numbers import NumberFormatError, parse_number

STATES = ("draft", "submitted", "returned")
PARTS = ("shortcomings", "causes", "next", "proposals")
PART_LIMIT = 20000
NOTE_LIMIT = 2000
MESSAGES = {
    "report_not_found": "Không tìm thấy báo cáo",
    "period_not_found": "Không tìm thấy kỳ báo cáo",
    "report_forbidden": "Bạn không có quyền thay đổi báo cáo này",
    "period_forbidden": "Chỉ cơ quan ban hành kế hoạch mở kỳ báo cáo",
    "period_needs_issued": "Chỉ mở kỳ báo cáo cho kế hoạch đã ban hành",
    "period_bad_dates": "Ngày bắt đầu phải trước ngày kết thúc kỳ báo cáo",
    "period_bad_kind": "Loại kỳ báo cáo không hợp lệ",
    "report_no_plan": "Đơn vị chưa có kế hoạch thực hiện đã ban hành, chưa lập được báo cáo",
    "report_read_only": "Báo cáo đã gửi, chờ cấp trên xem xét: không sửa được",
    "report_stale": "Báo cáo vừa được người khác lưu; hãy tải lại trang để xem bản mới nhất",
    "report_cannot_submit": "Chỉ đơn vị lập báo cáo gửi được báo cáo của mình",
    "report_not_submitted": "Báo cáo chưa được gửi",
    "report_cannot_return": "Chỉ người rà soát hoặc quản trị của cấp trên trả lại được báo cáo",
    "report_return_needs_comment": "Cần ghi lý do trả lại báo cáo",
    "report_text_too_long": "Nội dung quá dài",
}
MONTHS_IN_KIND = {"half_year": 6, "year": 12}


class ReportNotFoundError(PlanNotFoundError):
    """No such report or period, or one the user may not read (HTTP 404)."""

    def __init__(self, what: object, key: str = "report_not_found") -> None:
        KehoachError.__init__(self, f"{MESSAGES[key]}: {what}")


class ReportForbiddenError(PlanForbiddenError):
    """The user reads the report but may not take this step (HTTP 403), said in words."""

    def __init__(self, key: str) -> None:
        KehoachError.__init__(self, MESSAGES[key])


class ReportInputError(KehoachError):
    """A step that cannot be taken as asked (HTTP 400); ``fields`` names bad form fields."""

    def __init__(self, key: str, fields: dict[str, str] | None = None) -> None:
        self.fields = fields or {}
        super().__init__(MESSAGES.get(key, key))


class StaleReportError(KehoachError):
    """A save based on an old version of the report (HTTP 409)."""

    def __init__(self, report_id: int, base: int | None, current: int) -> None:
        self.report_id, self.base, self.current = report_id, base, current
        super().__init__(f"{MESSAGES['report_stale']} ({base} → {current})")


# --- periods ---------------------------------------------------------------------------


def period_of(record: ReportPeriodRecord) -> ReportPeriod:
    return ReportPeriod(PeriodKind(record.kind), record.start, record.end)


def period_for(
    kind: str, year: int | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> ReportPeriod:
    """The period an office asks for: 6 tháng or năm of ``year``, or custom dates."""
    if kind == PeriodKind.HALF_YEAR and year:
        return ReportPeriod.half_year(year)
    if kind == PeriodKind.YEAR and year:
        return ReportPeriod.year(year)
    if kind == PeriodKind.CUSTOM and start and end:
        if start > end:
            raise ReportInputError("period_bad_dates", {"end": MESSAGES["period_bad_dates"]})
        return ReportPeriod(PeriodKind.CUSTOM, start, end)
    raise ReportInputError("period_bad_kind")


def can_open_period(session: Session, user: User, plan_agency_id: int) -> bool:
    if user.role == "drafter":
        return plan_agency_id == user.agency_id
    return user.role == "admin" and plan_agency_id in store.readable_agency_ids(session, user)


def open_period(session: Session, user: User, plan_id: int, period: ReportPeriod) -> ReportPeriodRecord:
    """Open ``period`` on the issued plan ``plan_id`` (the same period again is the one already
    open) and commit."""
    record = store.get_record(session, user, plan_id)
    if record.status != "issued":
        raise ReportInputError("period_needs_issued")
    if not can_open_period(session, user, record.agency_id):
        raise ReportForbiddenError("period_forbidden")
    found = repo.find_report_period(session, plan_id, period.kind.value, period.start, period.end)
    if found is not None:
        return found
    opened = ReportPeriodRecord(
        plan_id=plan_id, kind=period.kind.value, start=period.start, end=period.end, created_by=user.id
    )
    session.add(opened)
    session.flush()
    details = {"plan_id": plan_id, "period": period.label}
    repo.add_audit(session, user, "open_period", "report_period", opened.id, details, record.agency_id)
    try:
        session.commit()
    except IntegrityError:  # opened at the same moment by a colleague: theirs is the period
        session.rollback()
        again = repo.find_report_period(session, plan_id, period.kind.value, period.start, period.end)
        if again is None:
            raise
        return again
    return opened


def periods_of(session: Session, user: User, plan_id: int) -> list[ReportPeriodRecord]:
    store.get_record(session, user, plan_id)
    return repo.report_periods_of(session, plan_id)


def get_period(session: Session, user: User, period_id: int) -> ReportPeriodRecord:
    """The period, when the user reads its plan (else "not found")."""
    found = repo.report_period(session, period_id) if 0 < period_id <= MAX_ID else None
    if found is None:
        raise ReportNotFoundError(period_id, "period_not_found")
    try:
        store.get_record(session, user, found.plan_id)
    except PlanNotFoundError:
        raise ReportNotFoundError(period_id, "period_not_found") from None
    return found


# --- reports -----------------------------------------------------------------------------


def can_read_report(session: Session, user: User, record: ReportRecord) -> bool:
    return record.agency_id in store.readable_agency_ids(session, user)


def can_write_report(user: User, record: ReportRecord) -> bool:
    """The unit's own drafters and admins."""
    return user.role in ("drafter", "admin") and record.agency_id == user.agency_id


def can_return_report(session: Session, user: User, record: ReportRecord) -> bool:
    """A reviewer or admin of an agency above the unit (the level above, or higher)."""
    return (
        user.role in store.APPROVER_ROLES
        and record.agency_id != user.agency_id
        and record.agency_id in store.readable_agency_ids(session, user)
    )


def get_report(session: Session, user: User, report_id: int) -> ReportRecord:
    found = repo.report(session, report_id) if 0 < report_id <= MAX_ID else None
    if found is None or not can_read_report(session, user, found):
        raise ReportNotFoundError(report_id)
    return found


def carried_plan_id(session: Session, period: ReportPeriodRecord, agency_id: int) -> int | None:
    """The plan ``agency_id`` reports on for ``period``: the period's plan for its own agency,
    else the agency's latest issued plan implementing it (None: it has none)."""
    if agency_id == period.plan.agency_id:
        return period.plan_id
    issued = [c for c in repo.children_of(session, period.plan_id, agency_id) if c.status == "issued"]
    latest = max(issued, key=lambda c: (c.updated_at, c.id), default=None)
    return latest.id if latest is not None else None


def own_report(session: Session, user: User, period_id: int) -> ReportRecord:
    """The report of the user's agency for the period, made (empty, version 0) on first use."""
    period = get_period(session, user, period_id)
    found = repo.report_of(session, period.id, user.agency_id)
    if found is not None:
        return found
    if user.role not in ("drafter", "admin"):
        raise ReportForbiddenError("report_forbidden")
    plan_id = carried_plan_id(session, period, user.agency_id)
    if plan_id is None:
        raise ReportInputError("report_no_plan")
    created = ReportRecord(period_id=period.id, agency_id=user.agency_id, plan_id=plan_id, state="draft")
    session.add(created)
    try:
        session.commit()
    except IntegrityError:  # a colleague's first visit made it at the same moment
        session.rollback()
        again = repo.report_of(session, period.id, user.agency_id)
        if again is None:
            raise
        return again
    return created


def report_plan_of(session: Session, record: ReportRecord) -> Plan:
    """The plan the report is on, as issued (read after the report's access check)."""
    plan_record = repo.plan(session, record.plan_id)
    row = repo.version(session, record.plan_id, plan_record.current_version) if plan_record else None
    if row is None:
        raise ReportNotFoundError(record.id)
    return plan_from_data(row.document, f"plan {record.plan_id}")


def unit_name(agency: Agency) -> str:
    """ "xã Trị An" from "Ủy ban nhân dân\\nxã Trị An"."""
    lines = [line.strip() for line in agency.name.splitlines() if line.strip()]
    name = lines[-1] if lines else agency.name
    for prefix in ("Ủy ban nhân dân ", "UBND "):
        name = name.removeprefix(prefix)
    return name


def document_of(report: UnitReport) -> dict[str, Any]:
    return {
        "unit": report.unit,
        "achieved": dict(report.achieved),
        "notes": dict(report.notes),
        "parts": dict(report.parts),
    }


def unit_report(document: dict[str, Any] | None, unit: str, period: ReportPeriod) -> UnitReport:
    data = document or {}
    return UnitReport(
        unit,
        period,
        {str(k): float(v) for k, v in (data.get("achieved") or {}).items()},
        {str(k): str(v) for k, v in (data.get("notes") or {}).items()},
        {str(k): str(v) for k, v in (data.get("parts") or {}).items()},
    )


def current_report(session: Session, record: ReportRecord) -> UnitReport:
    row = repo.report_version(session, record.id, record.current_version) if record.current_version else None
    return unit_report(row.document if row else None, unit_name(record.agency), period_of(record.period))


def submitted_report(session: Session, record: ReportRecord) -> UnitReport | None:
    """The version that counts in the sums, or None while nothing is submitted."""
    if record.state != "submitted" or not record.submitted_version:
        return None
    row = repo.report_version(session, record.id, record.submitted_version)
    if row is None:
        return None
    return unit_report(row.document, unit_name(record.agency), period_of(record.period))


@dataclass
class FormRow:
    """One target on the unit's form."""

    target: Target
    planned: float | None
    value: str  # as typed, or as stored (Vietnamese number)
    note: str
    error: str = ""


@dataclass
class ReportForm:
    record: ReportRecord
    plan: Plan
    period: ReportPeriod
    rows: list[FormRow]
    parts: dict[str, str]
    can_edit: bool
    can_submit: bool
    can_return: bool
    returned: store.Returned | None = None
    errors: dict[str, str] = field(default_factory=dict)


def planned_value(target: Target, period: ReportPeriod) -> float | None:
    planned = target.binding_value()
    if planned is not None and target.is_quota:
        planned *= repeats_in(period, target.frequency)
    return planned


def report_form(session: Session, user: User, report_id: int) -> ReportForm:
    """The unit's form: one row per target of the plan it carries, with the stored values."""
    from app.vn.numbers import format_number

    record = get_report(session, user, report_id)
    plan = report_plan_of(session, record)
    period = period_of(record.period)
    current = current_report(session, record)
    rows = []
    for target in plan.targets():
        value = current.achieved.get(target.id)
        rows.append(
            FormRow(
                target,
                planned_value(target, period),
                format_number(value) if value is not None else "",
                current.notes.get(target.id, ""),
            )
        )
    editable = record.state in ("draft", "returned") and can_write_report(user, record)
    return ReportForm(
        record,
        plan,
        period,
        rows,
        dict(current.parts),
        can_edit=editable,
        can_submit=editable and record.current_version > 0,
        can_return=record.state == "submitted" and can_return_report(session, user, record),
        returned=return_comment(session, record),
    )


def read_form(plan: Plan, period: ReportPeriod, unit: str, fields: dict[str, str]) -> UnitReport:
    """The report typed in a form: ``value-<n>``, ``note-<n>`` per target (n from 1, in the
    plan's order) and one field per part. Every bad field is reported at once
    (:class:`ReportInputError` with ``fields``); nothing is taken from a form with an error."""
    report = UnitReport(unit, period)
    errors: dict[str, str] = {}
    for n, target in enumerate(plan.targets(), start=1):
        raw = (fields.get(f"value-{n}") or "").strip()
        note = (fields.get(f"note-{n}") or "").strip()
        if len(note) > NOTE_LIMIT:
            errors[f"note-{n}"] = MESSAGES["report_text_too_long"]
        elif note:
            report.notes[target.id] = note
        if not raw:
            continue
        problem, value = _value(raw, target)
        if problem:
            errors[f"value-{n}"] = problem
        elif value is not None:
            report.achieved[target.id] = value
    for part in PARTS:
        text = (fields.get(part) or "").strip()
        if len(text) > PART_LIMIT:
            errors[part] = MESSAGES["report_text_too_long"]
        elif text:
            report.parts[part] = text
    if errors:
        raise ReportInputError("Có ô nhập chưa đúng, chưa lưu báo cáo", errors)
    return report


def _value(raw: str, target: Target) -> tuple[str, float | None]:
    text = raw.removesuffix("%").strip()
    try:
        value = -parse_number(text[1:]) if text.startswith("-") else parse_number(text)
    except NumberFormatError:
        return f"Không phải là số: «{raw}» (viết như 1.100 hoặc 2,5)", None
    if value < 0:
        return "Không được âm", None
    if target.unit == "%" and value > 100:
        return "Tỷ lệ không quá 100%", None
    return "", value


def save_report(
    session: Session, user: User, report_id: int, report: UnitReport, base_version: int | None, note: str = ""
) -> int:
    """Store ``report`` as the report's next version and commit; returns its number. Refused
    when the report is submitted or not the user's unit's; :class:`StaleReportError` when
    another save came in since ``base_version``."""
    record = get_report(session, user, report_id)
    if not can_write_report(user, record):
        raise ReportForbiddenError("report_forbidden")
    if record.state == "submitted":
        raise ReportForbiddenError("report_read_only")
    known = {t.id for t in report_plan_of(session, record).targets()}
    report.achieved = {k: v for k, v in report.achieved.items() if k in known}
    report.notes = {k: v for k, v in report.notes.items() if k in known}
    return _write(session, user, record, document_of(report), base_version, note or "save", "save", {})


def _write(
    session: Session,
    user: User,
    record: ReportRecord,
    document: dict[str, Any],
    base_version: int | None,
    note: str,
    action: str,
    columns: dict[str, Any],
    details: dict[str, Any] | None = None,
) -> int:
    base = record.current_version
    if base_version is None or base_version != base:
        raise StaleReportError(record.id, base_version, base)
    if not repo.bump_report_version(session, record, base, columns):
        session.rollback()
        session.expire_all()
        raise StaleReportError(record.id, base_version, get_report(session, user, record.id).current_version)
    number = base + 1
    session.add(
        ReportVersion(
            report_id=record.id, version=number, document=document, author_id=user.id, note=note[:200]
        )
    )
    repo.add_audit(
        session, user, action, "report", record.id, {"version": number, **(details or {})}, record.agency_id
    )
    try:
        session.commit()
    except IntegrityError:  # (report_id, version) is unique: a concurrent save got this number
        session.rollback()
        session.expire_all()
        raise StaleReportError(
            record.id, base_version, get_report(session, user, record.id).current_version
        ) from None
    session.refresh(record)
    return number


def _current_document(session: Session, record: ReportRecord) -> dict[str, Any]:
    row = repo.report_version(session, record.id, record.current_version)
    return dict(row.document) if row else document_of(current_report(session, record))


def submit_report(session: Session, user: User, report_id: int, base_version: int) -> int:
    """The unit sends its report up: its current figures are the version that counts."""
    record = get_report(session, user, report_id)
    if not can_write_report(user, record):
        raise ReportForbiddenError("report_cannot_submit")
    if record.state == "submitted":
        raise ReportForbiddenError("report_read_only")
    document = _current_document(session, record)
    columns = {"state": "submitted", "submitted_version": base_version + 1}
    details = {"from": record.state, "state": "submitted"}
    return _write(session, user, record, document, base_version, "submit", "submit", columns, details)


def return_report(session: Session, user: User, report_id: int, comment: str, base_version: int) -> int:
    """The level above returns a submitted report with ``comment``; it no longer counts until
    the unit submits it again."""
    record = get_report(session, user, report_id)
    if not can_return_report(session, user, record):
        raise ReportForbiddenError("report_cannot_return")
    if record.state != "submitted":
        raise ReportInputError("report_not_submitted")
    comment = " ".join(comment.split())
    if not comment:
        raise ReportInputError(
            "report_return_needs_comment", {"comment": MESSAGES["report_return_needs_comment"]}
        )
    if len(comment) > store.RETURN_COMMENT_LIMIT:
        raise ReportInputError("report_text_too_long", {"comment": MESSAGES["report_text_too_long"]})
    document = _current_document(session, record)
    columns = {"state": "returned", "submitted_version": None}
    details = {"from": "submitted", "state": "returned", "comment": comment}
    return _write(
        session, user, record, document, base_version, f"return: {comment}", "return", columns, details
    )


def return_comment(session: Session, record: ReportRecord) -> store.Returned | None:
    """Who returned the report, when and why, while that is its last step."""
    if record.state != "returned":
        return None
    last = repo.last_step(session, "report", record.id, ("submit", "return"))
    if last is None or last.action != "return":
        return None
    who = session.get(User, last.user_id) if last.user_id is not None else None
    name = (who.full_name or who.username) if who is not None else last.username
    return store.Returned(name, last.at, str(last.details.get("comment", "")))


def history(session: Session, user: User, report_id: int) -> list[ReportVersion]:
    get_report(session, user, report_id)
    return repo.report_versions(session, report_id)

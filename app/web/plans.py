"""Plans: the list, the reading page, the editor (JSON save with optimistic locking and
autosave), the live preview, history, diff, restore, status and the child plan."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.messages import both, t
from app.planfile.jsonschema import plan_json_schema
from app.planfile.load import PlanFileError, dump_plan
from app.services import parents as parent_links
from app.services import plans_store as store
from app.services.quota_text import disagreements
from app.storage import repository as repo
from app.vn.numbers import format_number
from app.web import documents
from app.web.coverage import has_lower_level, stale_for
from app.web.database import db
from app.web.dates import read_document
from app.web.security import login_required, user

bp = Blueprint("plans", __name__, url_prefix="/plans")


@login_required
def index() -> Response:
    return redirect(url_for("plans.list_plans"))


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("/")
@login_required
def list_plans() -> str:
    filters = {
        "year": _int_arg("year"),
        "status": request.args.get("status") or None,
        "level": request.args.get("level") or None,
    }
    rows = store.list_visible(db(), user(), filters)
    return render_template(
        "plans/list.html",
        plans=rows,
        filters=filters,
        levels=DEFAULT_LEVELS.levels,
        can_create=store.can_create(user()),
    )


@bp.get("/<int:plan_id>")
@login_required
def show(plan_id: int) -> str:
    record, plan = store.plan_at(db(), user(), plan_id, _int_arg("version"))
    children = [c for c in repo.children_of(db(), plan_id) if store.can_read(db(), user(), c)]
    return render_template(
        "plans/show.html",
        record=record,
        plan=plan,
        version=_int_arg("version") or record.current_version,
        children=children,
        can_edit=store.can_edit(db(), user(), record),
        can_submit=store.can_submit(db(), user(), record),
        can_approve=record.status == "submitted" and store.can_approve(db(), user(), record),
        can_amend=record.status == "issued" and store.can_amend(db(), user(), record),
        returned=store.return_comment(db(), user(), record),
        comment_limit=store.RETURN_COMMENT_LIMIT,
        can_derive=_can_derive(record.agency_id),
        has_children_level=has_lower_level(plan.level),
        stale=stale_for(plan_id),
    )


def _editor(
    document: dict[str, Any],
    plan_id: int | None,
    base: int | None,
    parent_id: int | None,
    warnings: list[str] | None = None,
) -> str:
    return render_template(
        "plans/edit.html",
        document=document,
        warnings=warnings or [],
        plan_id=plan_id,
        base_version=base,
        parent_id=parent_id,
        schema=plan_json_schema(),
        autosave_seconds=current_app.config["AUTOSAVE_SECONDS"],
    )


@bp.get("/new")
@login_required
def new() -> str:
    if not store.can_create(user()):
        raise store.PlanForbiddenError("new")
    return _editor(documents.blank_document(user().agency), None, None, None)


@bp.get("/<int:plan_id>/edit")
@login_required
def edit(plan_id: int) -> str:
    record = store.get_record(db(), user(), plan_id, edit=True)
    _, plan = store.plan_at(db(), user(), plan_id)
    # a derived draft's blank share ("ít nhất … lượt người") is pointed out on opening
    warnings = [w.message() for w in disagreements(plan)]
    return _editor(dump_plan(plan), record.id, record.current_version, record.parent_id, warnings)


def _json_body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadRequest(both("bad_json_body"))
    return body


def _optional_int(body: dict[str, Any], name: str, message: str = "bad_version") -> int | None:
    value = body.get(name)
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    raise BadRequest(f"{both(message)}: {name}")


@bp.post("/save")
@login_required
def save() -> tuple[Response, int]:
    """Save the editor's document; 422 with errors by field path, 409 with the diff."""
    body = _json_body()
    plan_id = _optional_int(body, "plan_id")
    try:
        plan = read_document(body.get("document"))
    except PlanFileError as exc:
        return jsonify({"message": both("plan_invalid"), "errors": exc.errors}), 422
    plan_before_save = copy.deepcopy(plan.targets())
    issuer_before_save = copy.deepcopy(plan.issuer)
    saved = store.save_plan(
        db(),
        user(),
        plan,
        plan_id=plan_id,
        base_version=_optional_int(body, "base_version"),
        parent_id=_optional_int(body, "parent_id", "bad_parent"),
        note="autosave" if body.get("autosave") else "",
    )
    url = url_for("plans.edit", plan_id=saved.record.id)
    answer: dict[str, Any] = {
        "plan_id": saved.record.id,
        "version": saved.version,
        "edit_url": url,
        "message": t("plan_saved"),
        "warnings": saved.warnings,
    }
    if saved.plan.targets() != plan_before_save or saved.plan.issuer != issuer_before_save:
        # the server rewrote a quota's sentence after its value, or the header after the
        # agency's registered name: the editor shows what is stored
        answer["document"] = dump_plan(saved.plan)
    return jsonify(answer), 200


@bp.post("/preview")
@login_required
def preview_fragment() -> tuple[Response | str, int]:
    """The preview of the editor's unsaved document (HTML), or its errors (422 JSON)."""
    try:
        plan = read_document(_json_body().get("document"))
    except PlanFileError as exc:
        return jsonify({"message": both("plan_invalid"), "errors": exc.errors}), 422
    return render_template("plans/_document.html", plan=plan), 200


@bp.get("/<int:plan_id>/preview")
@login_required
def preview(plan_id: int) -> str:
    _, plan = store.plan_at(db(), user(), plan_id, _int_arg("version"))
    return render_template("plans/preview.html", plan=plan)


@bp.get("/<int:plan_id>/history")
@login_required
def history(plan_id: int) -> str:
    record = store.get_record(db(), user(), plan_id)
    versions = store.history(db(), user(), plan_id)
    return render_template(
        "plans/history.html", record=record, versions=versions, can_edit=store.can_edit(db(), user(), record)
    )


@bp.get("/<int:plan_id>/diff")
@login_required
def diff(plan_id: int) -> str:
    record = store.get_record(db(), user(), plan_id)
    new = _int_arg("to") or record.current_version
    old = _int_arg("from") or max(new - 1, 1)
    changes = store.diff_versions(db(), user(), plan_id, old, new)
    return render_template("plans/diff.html", record=record, diff=changes, old=old, new=new)


@bp.post("/<int:plan_id>/restore/<int:version>")
@login_required
def restore(plan_id: int, version: int) -> Response:
    base = _optional_int(dict(request.form), "base_version")
    saved = store.restore(db(), user(), plan_id, version, base_version=base or 0)
    flash(f"{t('plan_restored')}: v{version} → v{saved.version}", "success")
    return redirect(url_for("plans.history", plan_id=plan_id))


STEP_MESSAGES = {"submitted": "plan_submitted", "issued": "plan_approved", "draft": "plan_returned"}


@bp.post("/<int:plan_id>/status")
@login_required
def set_status(plan_id: int) -> Response:
    """One step of the approval: submit ("submitted"), approve ("issued") or return ("draft",
    with the ``comment`` the drafter reads on the plan's page)."""
    base = _optional_int(dict(request.form), "base_version")
    status = request.form.get("status", "")
    try:
        store.set_status(
            db(), user(), plan_id, status, base_version=base or 0, comment=request.form.get("comment", "")
        )
    except (store.StepForbiddenError, store.PlanReadOnlyError) as exc:
        flash(t_message(exc), "error")
    except (store.PlanNotFoundError, store.PlanForbiddenError):
        raise
    except KehoachError as exc:  # no number yet, no comment, a newer version: said on the page
        flash(t_message(exc), "error")
    else:
        flash(t(STEP_MESSAGES.get(status, "status_changed")), "success")
    return redirect(url_for("plans.show", plan_id=plan_id))


def t_message(exc: Exception | str) -> str:
    """The Vietnamese half of a "Vietnamese / English: detail" error, with its detail, for a
    page an officer reads."""
    text = str(exc)
    if " / " not in text:
        return text
    vietnamese, english = text.split(" / ", 1)
    detail = english.split(": ", 1)[1] if ": " in english else ""
    return f"{vietnamese}: {detail}" if detail else vietnamese


@bp.post("/<int:plan_id>/amend")
@login_required
def amend(plan_id: int) -> Response:
    """An issued plan is changed by a new plan: a draft carrying its content and citing it."""
    saved = store.amend(db(), user(), plan_id)
    flash(t("plan_amendment_created"), "success")
    return redirect(url_for("plans.edit", plan_id=saved.record.id))


def _can_derive(agency_id: int) -> bool:
    """Only a plan of a level above mine can be implemented by a plan of mine."""
    return store.can_create(user()) and agency_id in repo.ancestor_ids(db(), user().agency_id)


@bp.post("/<int:plan_id>/derive")
@login_required
def derive(plan_id: int) -> Response:
    """Create my agency's plan implementing this one, pre-filled with its mandates."""
    record, parent = store.plan_at(db(), user(), plan_id)
    if not _can_derive(record.agency_id):
        raise store.PlanForbiddenError(plan_id)
    # A second click (or a second colleague) opens the agency's existing plan, not a duplicate.
    mine = [c for c in repo.children_of(db(), plan_id) if c.agency_id == user().agency_id]
    if mine:
        flash(t("child_exists"), "warning")
        return redirect(url_for("plans.edit", plan_id=mine[0].id))
    child = documents.child_plan(parent, user().agency)
    saved = store.save_plan(db(), user(), child, parent_id=record.id, note="derive")
    # which version of the parent it was made from, to flag it when the parent changes
    parent_links.record_derived(db(), user(), saved.record.id, record.id, "derive")
    flash(t("child_created"), "success")
    return redirect(url_for("plans.edit", plan_id=saved.record.id))


# Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset needs no tz database.
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))


def vietnam_time(value: dt.datetime) -> dt.datetime:
    """A stored time (naive UTC, see app.storage.tables.utcnow) as the clock on an office wall."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(VIETNAM_TIME)


VERSION_NOTES = {
    "autosave": "Tự lưu",
    "derive": "Tạo từ kế hoạch cấp trên",
    "batch": "Tạo theo lô từ kế hoạch cấp trên",
    "issued": "Duyệt, ban hành",
    "submit": "Trình duyệt",
    "draft": "Chuyển về dự thảo",
    "sample": "Kế hoạch mẫu",
}


@bp.app_template_filter("version_note")
def version_note(note: str | None) -> str:
    """The history's note in words, not the code the store keeps ("restore v3")."""
    note = note or ""
    if note.startswith("restore v"):
        return f"Khôi phục từ v{note.removeprefix('restore v')}"
    if note == "return" or note.startswith("return: "):
        return "Trả lại để sửa" + (f": {note.removeprefix('return: ')}" if note != "return" else "")
    if note.startswith("amend "):
        return "Dự thảo sửa đổi, bổ sung kế hoạch đã ban hành"
    return VERSION_NOTES.get(note, note)


@bp.app_template_filter("vn_number")
def vn_number(value: float | None) -> str:
    """A figure as the plans print it: 1100 → "1.100", 2.5 → "2,5" (``| int`` gave "1100" and cut 2,5 to 2)."""
    return "" if value is None else format_number(value)


@bp.app_template_filter("vn_date")
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{vietnam_time(value):%d/%m/%Y %H:%M}"
    return f"{value:%d/%m/%Y}"

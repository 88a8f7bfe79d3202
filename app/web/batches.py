"""Batch pages: start a batch from a stored parent plan and an uploaded commune list (or every
commune of the parent's province, from the register of administrative units), watch its progress (done / total, rate, time left), cancel it, see failures, download the ZIP.

Thin: the list is checked by app.batch.communes, the job lives in app.jobs / batch_jobs; a
job is visible only to the user who started it (any other id is "not found"). The form and
``POST /api/batches`` read their fields through :func:`start_from_fields`, so both check the
same things and name the same fields. When no worker has been heard from recently the pages
say so, with the command that starts one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from app import jobs
from app.batch import register_list
from app.batch.communes import CommuneListError, parse_communes, read_table_bytes
from app.messages import both, t
from app.render.pdf import pdf_available
from app.services import batch as batch_services
from app.services import batch_jobs
from app.services import plans_store as store
from app.web.database import db
from app.web.dates import to_iso
from app.web.plans import t_message
from app.web.security import login_required, user

bp = Blueprint("batches", __name__, url_prefix="/batches")
LIST_TYPES = (".xlsx", ".csv")
STATES = {
    "pending": "Đang chờ",
    "running": "Đang tạo",
    "done": "Hoàn thành",
    "failed": "Hoàn thành, có xã lỗi",
    "cancelled": "Đã hủy",
}
BROKEN_STATE = "Không chạy được: lô bị hỏng"


def state_name(job: batch_jobs.JobStatus) -> str:
    """The job's state in Vietnamese words, as every page shows it."""
    return BROKEN_STATE if job.error else STATES.get(job.state, job.state)


class BatchFieldError(Exception):
    """What is wrong with the fields of a batch request, by field name (as the form and the
    API name them); nothing was started."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class BatchFields:
    """The fields of a batch request, as sent (text) by the form or a script."""

    parent_id: str = ""
    every_commune: bool = False
    upload: Any = None  # a werkzeug FileStorage, or None
    date: str = ""
    pdf: bool = False
    accept_old_units: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _root() -> Path:
    return Path(current_app.instance_path) / "jobs"


def my_job(job_id: str) -> batch_jobs.JobFolder:
    """The job ``job_id`` when the signed-in user started it; 404 for any other id."""
    try:
        folder = batch_jobs.JobFolder(_root(), job_id)
    except batch_jobs.JobNotFoundError:
        abort(404)
    if (folder.meta.get("owner") or {}).get("user_id") != user().id:
        abort(404)
    return folder


def _my_jobs() -> list[tuple[batch_jobs.JobFolder, batch_jobs.JobStatus]]:
    mine = [
        f for f in batch_jobs.job_folders(_root()) if (f.meta.get("owner") or {}).get("user_id") == user().id
    ]
    return [(f, batch_jobs.status(f)) for f in reversed(mine[-20:])]


def _form(errors: dict[str, list[str]] | None = None, status: int = 200) -> tuple[str, int]:
    parents = store.list_visible(db(), user())
    # the page is read by an officer: the Vietnamese half of each "Vietnamese / English" message
    errors = {name: [t_message(m) for m in messages] for name, messages in (errors or {}).items()}
    page = render_template(
        "batches/index.html",
        parents=parents,
        jobs=_my_jobs(),
        list_errors=errors.get("communes", []),
        field_errors={k: v for k, v in errors.items() if k != "communes"},
        pdf=pdf_available(),
        selected=request.form.get("parent_id", ""),
        source=request.form.get("source", "file"),
        accept_old_units=bool(request.form.get("accept_old_units")),
        date=request.form.get("date", ""),
        chose_pdf=bool(request.form.get("pdf")),
        state_name=state_name,
        created=_created,
        worker_running=jobs.worker_running(_root()),
        no_worker=t("batch_no_worker"),
    )
    return page, status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    return _form()


def _owner(parent_id: int) -> dict[str, Any]:
    """Who started the job and where its communes' plans are stored; never a password (the
    worker reads DATABASE_URL itself, see app.jobs.job_database)."""
    engine = current_app.extensions["kehoach_engine"]
    return {
        "user_id": user().id,
        "parent_id": parent_id,
        **jobs.job_database(
            engine.url.render_as_string(hide_password=False), current_app.config.get("DATABASE_SCHEMA")
        ),
    }


def start_from_fields(fields: BatchFields, errors: dict[str, list[str]] | None = None) -> str:
    """Check every field, then the list, then start the job; returns its id. Raises
    :class:`BatchFieldError` (by field: ``parent_id``, ``communes``, ``date``, with the caller's
    own ``errors`` found before) when anything is wrong, before a job exists; a parent the user
    may not read is PlanNotFoundError (404)."""
    errors = dict(errors or {})
    upload = fields.upload
    has_file = upload is not None and bool(upload.filename)
    if not fields.parent_id.strip().isdigit():
        errors["parent_id"] = [both("review_need_parent")]
    if "communes" in errors:
        pass  # the caller said what is wrong with the list already
    elif fields.every_commune and has_file:
        errors["communes"] = [both("communes_list_or_all")]
    elif not fields.every_commune and (
        not has_file or Path(upload.filename or "").suffix.lower() not in LIST_TYPES
    ):
        errors["communes"] = [both("communes_unsupported")]
    date: dt.date | None = None
    if fields.date.strip():
        try:
            date = dt.date.fromisoformat(to_iso(fields.date))
        except ValueError as exc:
            errors["date"] = [str(exc)]
    if errors:
        raise BatchFieldError(errors)
    parent_id = int(fields.parent_id.strip())
    _, parent = store.plan_at(db(), user(), parent_id)
    try:
        if fields.every_commune:
            communes = batch_services.register_communes(parent)
        else:
            name = upload.filename or "communes"
            header, rows = read_table_bytes(upload.read(), Path(name).suffix.lower(), name)
            check = register_list.check_for(parent, fields.accept_old_units, date)
            communes = parse_communes(
                header, rows, [t.id for t in parent.targets()], name, register_check=check
            )
        return jobs.start_batch(parent, communes, date, fields.pdf, root=_root(), owner=_owner(parent_id))
    except CommuneListError as exc:
        raise BatchFieldError({"communes": [str(e) for e in exc.errors] or [str(exc)]}) from None


@bp.post("/")
@login_required
def start() -> BaseResponse | tuple[str, int]:
    """Check everything first; a bad field or list re-shows the form, with what was chosen
    kept, and every bad cell (HTTP 400)."""
    fields = BatchFields(
        parent_id=request.form.get("parent_id", ""),
        every_commune=request.form.get("source") == "all",
        upload=request.files.get("communes"),
        date=request.form.get("date", ""),
        pdf=bool(request.form.get("pdf")),
        accept_old_units=bool(request.form.get("accept_old_units")),
    )
    try:
        job_id = start_from_fields(fields)
    except BatchFieldError as exc:
        return _form(exc.errors, 400)
    return redirect(url_for("batches.show", job_id=job_id))


@bp.get("/<job_id>")
@login_required
def show(job_id: str) -> str:
    folder = my_job(job_id)
    job = batch_jobs.status(folder)
    return render_template(
        "batches/show.html",
        job=job,
        meta=folder.meta,
        states=STATES,
        state=state_name(job),
        broken=BROKEN_STATE,
        created=_created(folder),
        issue_date=_issue_date(folder),
        worker_running=jobs.worker_running(_root()),
        no_worker=t("batch_no_worker"),
    )


def _created(folder: batch_jobs.JobFolder) -> dt.datetime | None:
    created = folder.meta.get("created")
    return dt.datetime.fromtimestamp(created, dt.UTC) if isinstance(created, int | float) else None


def _issue_date(folder: batch_jobs.JobFolder) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(folder.meta.get("date"))) if folder.meta.get("date") else None
    except ValueError:
        return None


def job_status(folder: batch_jobs.JobFolder) -> tuple[batch_jobs.JobStatus, dict[str, Any]]:
    """The job's progress, and as the page's JSON: with the state's Vietnamese name and
    whether a worker was heard from recently."""
    job = batch_jobs.status(folder)
    plain = job.as_dict() | {"state_name": state_name(job), "worker_running": jobs.worker_running(_root())}
    return job, plain


@bp.get("/<job_id>/status.json")
@login_required
def status_json(job_id: str) -> Response:
    return jsonify(job_status(my_job(job_id))[1])


@bp.post("/<job_id>/cancel")
@login_required
def cancel(job_id: str) -> BaseResponse:
    my_job(job_id).cancel()
    return redirect(url_for("batches.show", job_id=job_id))


@bp.get("/<job_id>/bundle.zip")
@login_required
def download(job_id: str) -> Response:
    return bundle_response(my_job(job_id))


def bundle_response(folder: batch_jobs.JobFolder) -> Response:
    """The job's ZIP as a download; 404 while it is not written."""
    if not folder.bundle_path.exists():
        abort(404)
    return send_file(
        folder.bundle_path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"ke-hoach-{folder.id}.zip",
    )

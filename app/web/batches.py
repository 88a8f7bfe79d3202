"""Batch pages: start a batch from a stored parent plan and an uploaded commune list (or every
commune of the parent's province, from the register of administrative units), watch its progress (done / total, rate, time left), cancel it, see failures, download the ZIP.

Thin: the list is checked by app.batch.communes, the job lives in app.jobs / batch_jobs; a
job is visible only to the user who started it (any other id is "not found").
"""

from __future__ import annotations

import datetime as dt
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
from app.config import settings
from app.messages import both
from app.render.pdf import pdf_available
from app.services import batch as batch_services
from app.services import batch_jobs
from app.services import plans_store as store
from app.web.database import db
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


def _root() -> Path:
    return Path(current_app.instance_path) / "jobs"


def _my_job(job_id: str) -> batch_jobs.JobFolder:
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


def _form(errors: list[str] | None = None, status: int = 200) -> tuple[str, int]:
    parents = store.list_visible(db(), user())
    page = render_template(
        "batches/index.html",
        parents=parents,
        jobs=_my_jobs(),
        errors=errors or [],
        pdf=pdf_available(),
        selected=request.form.get("parent_id", ""),
        source=request.form.get("source", "file"),
        accept_old_units=bool(request.form.get("accept_old_units")),
    )
    return page, status


@bp.get("/")
@login_required
def index() -> tuple[str, int]:
    return _form()


def _owner(parent_id: int) -> dict[str, Any]:
    engine = current_app.extensions["kehoach_engine"]
    url = engine.url.render_as_string(hide_password=False)
    return {
        "user_id": user().id,
        "parent_id": parent_id,
        # The worker reads DATABASE_URL itself; a job file names the database only when the
        # app uses another one (tests), so credentials are not copied into job folders.
        "database_url": None if url == settings().database_url else url,
        "database_schema": current_app.config.get("DATABASE_SCHEMA"),
    }


@bp.post("/")
@login_required
def start() -> BaseResponse | tuple[str, int]:
    """Check everything first; a bad list re-shows the form with every bad cell (HTTP 400)."""
    parent_id = request.form.get("parent_id", "")
    upload = request.files.get("communes")
    every_commune = request.form.get("source") == "all"
    if not parent_id.isdigit():
        return _form([both("review_need_parent")], 400)
    has_file = upload is not None and bool(upload.filename)
    if every_commune and has_file:
        return _form([both("communes_list_or_all")], 400)
    if not every_commune and (upload is None or Path(upload.filename or "").suffix.lower() not in LIST_TYPES):
        return _form([both("communes_unsupported")], 400)
    _, parent = store.plan_at(db(), user(), int(parent_id))
    try:
        date = dt.date.fromisoformat(request.form["date"]) if request.form.get("date") else None
    except ValueError:
        return _form([both("invalid_date")], 400)
    try:
        if every_commune:
            communes = batch_services.register_communes(parent)
        else:
            assert upload is not None
            name = upload.filename or "communes"
            header, rows = read_table_bytes(upload.read(), Path(name).suffix.lower(), name)
            check = register_list.check_for(parent, bool(request.form.get("accept_old_units")), date)
            communes = parse_communes(
                header, rows, [t.id for t in parent.targets()], name, register_check=check
            )
        job_id = jobs.start_batch(
            parent, communes, date, bool(request.form.get("pdf")), root=_root(), owner=_owner(int(parent_id))
        )
    except CommuneListError as exc:
        return _form([str(e) for e in exc.errors] or [str(exc)], 400)
    return redirect(url_for("batches.show", job_id=job_id))


@bp.get("/<job_id>")
@login_required
def show(job_id: str) -> str:
    folder = _my_job(job_id)
    return render_template(
        "batches/show.html", job=batch_jobs.status(folder), meta=folder.meta, states=STATES
    )


@bp.get("/<job_id>/status.json")
@login_required
def status_json(job_id: str) -> Response:
    return jsonify(batch_jobs.status(_my_job(job_id)).as_dict())


@bp.post("/<job_id>/cancel")
@login_required
def cancel(job_id: str) -> BaseResponse:
    _my_job(job_id).cancel()
    return redirect(url_for("batches.show", job_id=job_id))


@bp.get("/<job_id>/bundle.zip")
@login_required
def download(job_id: str) -> Response:
    folder = _my_job(job_id)
    if not folder.bundle_path.exists():
        abort(404)
    return send_file(
        folder.bundle_path,
        mimetype="application/zip",
        as_attachment=True,
        download_name=f"ke-hoach-{job_id}.zip",
    )

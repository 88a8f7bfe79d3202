"""Downloads of a stored plan (DOCX, PDF), each recorded in the audit log."""

from __future__ import annotations

from flask import Blueprint, Response, request

from app.services import plans_store as store
from app.vn.normalize import slugify
from app.web import documents
from app.web.database import db
from app.web.security import login_required, user

bp = Blueprint("downloads", __name__, url_prefix="/plans")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _version() -> int | None:
    value = request.args.get("version", "")
    return int(value) if value.isdigit() else None


@bp.get("/<int:plan_id>/download.docx")
@login_required
def docx(plan_id: int) -> Response:
    record, plan = store.plan_at(db(), user(), plan_id, _version())
    data = documents.docx_bytes(plan)
    store.audit(db(), user(), "download_docx", "plan", plan_id, version=_version() or record.current_version)
    return attachment(data, DOCX_TYPE, f"{slugify(plan.id) or 'ke-hoach'}.docx")


@bp.get("/<int:plan_id>/download.pdf")
@login_required
def pdf(plan_id: int) -> Response:
    record, plan = store.plan_at(db(), user(), plan_id, _version())
    data = documents.pdf_bytes(plan)
    store.audit(db(), user(), "download_pdf", "plan", plan_id, version=_version() or record.current_version)
    return attachment(data, "application/pdf", f"{slugify(plan.id) or 'ke-hoach'}.pdf")

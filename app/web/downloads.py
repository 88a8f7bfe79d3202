"""Downloads of a stored plan (DOCX, PDF), each recorded in the audit log."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote

from flask import Blueprint, Response, request

from app.services import plans_store as store
from app.vn.normalize import nfc, slugify
from app.web import documents
from app.web.database import db
from app.web.security import login_required, user

bp = Blueprint("downloads", __name__, url_prefix="/plans")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def content_disposition(filename: str) -> str:
    """``attachment`` naming ``filename`` the RFC 6266 way: an ASCII ``filename`` for old
    clients and ``filename*=UTF-8''…`` (percent-encoded) with the Vietnamese name.

    The name is the plan's own id or key, typed by a user: quotes, semicolons, slashes and
    control characters are replaced, so ``x"; filename=evil.exe`` stays inside one parameter
    value and a header never holds a non-ASCII byte (that gave an empty 500).
    """
    path = PurePosixPath(nfc(filename).replace("\\", "/").split("/")[-1])
    suffix = path.suffix if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", path.suffix) else ""
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    readable = _UNSAFE.sub("-", stem).strip(" .-")[:_MAX_NAME] or _DEFAULT_STEM
    fallback = (slugify(stem)[:_MAX_NAME] or _DEFAULT_STEM) + suffix.lower()
    encoded = quote(readable + suffix.lower(), safe="")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


_UNSAFE = re.compile(r"[^\w .()+-]+")  # \w: Vietnamese letters and digits, no quote or ';'
_MAX_NAME = 120
_DEFAULT_STEM = "tai-ve"


def attachment(data: bytes, mimetype: str, filename: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(filename)
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

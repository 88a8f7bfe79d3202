"""Error pages in Vietnamese (HTML) and JSON errors under /api/ (Vietnamese / English).

Domain errors map to statuses here: a plan one may not read is 404, one one may not change is
403, a save on a stale version 409, anything else the user got wrong 400.
"""

from __future__ import annotations

import logging
from typing import cast

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.domain.errors import KehoachError
from app.messages import both, t
from app.planfile.load import PlanFileError
from app.planfile.schemas import MAX_PLAN_BYTES, MB
from app.services.plans_store import PlanForbiddenError, PlanNotFoundError, StaleVersionError

log = logging.getLogger(__name__)
PAGES = (400, 401, 403, 404, 405, 409, 413, 422, 500)


def wants_json() -> bool:
    return (
        request.path.startswith("/api/")
        or request.is_json
        or request.accept_mimetypes.best == "application/json"
    )


def error_response(status: int, detail: str = "", **extra: object) -> tuple[Response | str, int]:
    key = f"error_{status}" if status in PAGES else "error_400"
    if wants_json():
        body = {"code": status, "status": both(key), "message": detail or both(key), **extra}
        return jsonify(body), status
    return render_template("errors/error.html", status=status, title=t(key), detail=detail), status


def _saved_by(exc: StaleVersionError) -> dict[str, object]:
    """Who saved the version that made the user's stale, and when: an office worker's first
    question on a conflict is whom to call."""
    from app.storage import repository as repo
    from app.web.database import db
    from app.web.plans import vietnam_time

    row = repo.version(db(), exc.plan_id, exc.current)
    if row is None:
        return {}
    author = row.author.full_name or row.author.username if row.author else ""
    return {"saved_by": author, "saved_at": f"{vietnam_time(row.created_at):%H:%M %d/%m/%Y}"}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> tuple[Response | str, int]:
        return error_response(400, both("csrf_failed"))

    @app.errorhandler(PlanNotFoundError)
    def not_found(exc: PlanNotFoundError) -> tuple[Response | str, int]:
        return error_response(404, str(exc))

    @app.errorhandler(PlanForbiddenError)
    def forbidden(exc: PlanForbiddenError) -> tuple[Response | str, int]:
        return error_response(403, str(exc))

    @app.errorhandler(StaleVersionError)
    def stale(exc: StaleVersionError) -> tuple[Response | str, int]:
        return error_response(
            409, str(exc), current_version=exc.current, diff=exc.diff.to_dict(), **_saved_by(exc)
        )

    @app.errorhandler(PlanFileError)
    def invalid_plan(exc: PlanFileError) -> tuple[Response | str, int]:
        """A document the plan schema refuses, wherever it was read: the errors by field path,
        as the API's own 422 gives them."""
        if wants_json():
            return jsonify({"code": 422, "message": both("plan_invalid"), "errors": exc.errors}), 422
        return error_response(422, str(exc))

    @app.errorhandler(KehoachError)
    def bad_input(exc: KehoachError) -> tuple[Response | str, int]:
        return error_response(400, str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response | str, int]:
        if exc.response is not None:
            return cast(Response, exc.response), exc.response.status_code
        status = exc.code or 500
        detail = exc.description if status in (400, 503) and exc.description else ""
        if status == 413 and request.is_json:  # a JSON body, held to the plan-file limit
            detail = both("plan_too_large").format(limit_mb=MAX_PLAN_BYTES // MB)
        data = getattr(exc, "data", None)
        if isinstance(data, dict) and data.get("messages"):
            detail = str(data["messages"])
        return error_response(status, detail)

    @app.errorhandler(Exception)
    def crash(exc: Exception) -> tuple[Response | str, int]:
        log.exception("unhandled error on %s", request.path)
        return error_response(500)

"""The web application: ``create_app(config)`` wires settings, the database, security and
the blueprints (flaskr's application factory)."""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta
from typing import Any

from flask import Flask, Response, request
from flask.json.provider import DefaultJSONProvider

from app.config import settings
from app.domain.levels import DEFAULT_LEVELS
from app.planfile.load import too_deep
from app.planfile.schemas import MAX_PLAN_BYTES
from app.web import database, errors, preview, security

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Scripts only from our own files (templates pass data in <script type="application/json">
# blocks; no inline script or on...="" handler runs); styles may stay inline (style="" on a
# few inputs, Swagger UI's injected styles); never framed by another site.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
# Blueprints of other areas, registered when their module exists.
OPTIONAL_BLUEPRINTS = ("app.web.batches", "app.web.reports")


class PlanJsonProvider(DefaultJSONProvider):
    """Flask's JSON, except that a body nested past what ``json`` follows is the plan
    schema's 422 (``PlanFileError``), not a ``RecursionError`` 500."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise too_deep("body") from None


def _json_body_limit() -> None:
    """A JSON body carries one plan document: the plan-file limit, checked before reading
    (413), instead of the 20 MB of an upload."""
    if request.is_json:
        request.max_content_length = MAX_PLAN_BYTES


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """A configured app; ``config`` overrides (tests pass DATABASE_URL, SECRET_KEY ...)."""
    app = Flask(__name__, instance_path=str(settings().instance_dir))
    app.json = PlanJsonProvider(app)
    app.config.from_mapping(
        SECRET_KEY=None,
        DATABASE_URL=settings().database_url,
        DATABASE_SCHEMA=None,
        AUTO_UPGRADE=True,
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=10),
        WTF_CSRF_TIME_LIMIT=None,
        AUTOSAVE_SECONDS=30,
        API_TITLE="kehoach API",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
    )
    # The editor builds its form in the schema's order (header first), so keys keep their order.
    app.json.sort_keys = False
    app.jinja_env.policies["json.dumps_kwargs"] = {"sort_keys": False}
    app.config.from_prefixed_env("KEHOACH")
    if config:
        app.config.update(config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = security.instance_secret(app.instance_path)
    logging.basicConfig(level=logging.INFO)
    app.before_request(_json_body_limit)  # before CSRF and the views read anything
    database.init_app(app)
    security.init_app(app)
    _register_blueprints(app)
    # After the API: flask-smorest registers its own HTTPException handler, ours replaces it.
    errors.init_app(app)
    app.context_processor(_template_names)
    app.after_request(_security_headers)
    preview.init_app(app)
    return app


def _security_headers(response: Response) -> Response:
    """The headers of every answer, pages, API, downloads and errors alike."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _template_names() -> dict[str, Any]:
    from flask import current_app

    return {
        "role_names": {"drafter": "Chuyên viên soạn thảo", "reviewer": "Người rà soát", "admin": "Quản trị"},
        "status_names": {"draft": "Dự thảo", "submitted": "Chờ duyệt", "issued": "Đã ban hành"},
        "level_names": {level.id: level.name for level in DEFAULT_LEVELS.levels},
        "has_batches": "batches" in current_app.blueprints,
    }


def _register_blueprints(app: Flask) -> None:
    from app.web import admin, api, auth, coverage, downloads, plans, reviews

    for module in (auth, plans, downloads, coverage, reviews, admin):
        app.register_blueprint(module.bp)
    api.init_app(app)
    for name in OPTIONAL_BLUEPRINTS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        app.register_blueprint(module.bp)
    app.add_url_rule("/", endpoint="index", view_func=plans.index)

"""The web application: ``create_app(config)`` wires settings, the database, security and
the blueprints (flaskr's application factory)."""

from __future__ import annotations

import importlib
import logging
from datetime import timedelta
from typing import Any

from flask import Flask

from app.config import settings
from app.domain.levels import DEFAULT_LEVELS
from app.web import database, errors, preview, security

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Blueprints of other areas, registered when their module exists.
OPTIONAL_BLUEPRINTS = ("app.web.batches", "app.web.reports")


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """A configured app; ``config`` overrides (tests pass DATABASE_URL, SECRET_KEY ...)."""
    app = Flask(__name__, instance_path=str(settings().instance_dir))
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
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.jinja_env.policies["json.dumps_kwargs"] = {"sort_keys": False}
    app.config.from_prefixed_env("KEHOACH")
    if config:
        app.config.update(config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = security.instance_secret(app.instance_path)
    logging.basicConfig(level=logging.INFO)
    database.init_app(app)
    security.init_app(app)
    _register_blueprints(app)
    # After the API: flask-smorest registers its own HTTPException handler, ours replaces it.
    errors.init_app(app)
    app.context_processor(_template_names)
    preview.init_app(app)
    return app


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

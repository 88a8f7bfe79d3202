"""Sign-in sessions (Flask-Login), API tokens, CSRF protection and the secret key.

CSRF is checked on every form and fetch POST by Flask-WTF; a request authenticated by a
Bearer token (a script, which has no cookie to ride on) is the only exemption.

Sessions end on the server: the id a session cookie holds is "<user id>.<session version>",
and the version is checked against the database on every request (logout, a password change
or reset, a role change and disabling bump it), so a cookie copied before no longer works.
API tokens expire ``API_TOKEN_DAYS`` after they were made (``KEHOACH_API_TOKEN_DAYS``, 90).
``SESSION_COOKIE_SECURE=1`` in the environment marks the cookies Secure (behind TLS); it is
off by default, since ``make run`` serves plain http on 127.0.0.1.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import flask_login
from flask import Flask, abort, current_app, flash, g, redirect, request
from flask_login import LoginManager, current_user, login_url
from flask_wtf.csrf import CSRFProtect

from app.config import settings
from app.messages import both, t
from app.services import accounts
from app.storage.tables import User
from app.web.database import db

csrf = CSRFProtect()
login_manager = LoginManager()
F = TypeVar("F", bound=Callable[..., Any])
# flask_login ships no type hints; this keeps decorated views typed.
login_required = cast(Callable[[F], F], flask_login.login_required)


class WebUser:
    """The Flask-Login wrapper around a stored user (kept apart from the SQL row)."""

    def __init__(self, row: User) -> None:
        self.row = row
        self.is_authenticated = True
        self.is_active = not row.disabled
        self.is_anonymous = False

    def get_id(self) -> str:
        """What the session cookie holds: the id and the session version (see module doc)."""
        return f"{self.row.id}.{self.row.session_version or 0}"


def _session_user(user_id: str) -> User | None:
    ident, _, version = user_id.partition(".")
    if not ident.isdigit() or not version.isdigit():
        return None  # a cookie from before session versions: sign in again
    return accounts.user_for_session(db(), int(ident), int(version))


def token_user(token: str | None) -> User | None:
    """The owner of a valid, unexpired API token of an enabled account."""
    if not token:
        return None
    return accounts.user_for_token(db(), token, int(current_app.config["API_TOKEN_DAYS"]))


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def instance_secret(instance_path: str) -> str:
    """A secret key kept in instance/secret_key, created once, so every gunicorn worker and
    every restart share it (sessions survive a restart)."""
    path = Path(instance_path) / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        try:
            with path.open("x", encoding="utf-8") as fh:
                path.chmod(0o600)  # readable by the service account only
                fh.write(secrets.token_hex(32))
        except FileExistsError:
            pass  # another worker created it first
    return path.read_text(encoding="utf-8").strip()


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TOKEN_DAYS", settings().api_token_days)
    if _env_flag("SESSION_COOKIE_SECURE"):
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = t("login_required")
    login_manager.login_message_category = "warning"
    # The default hook is replaced by ours, which exempts valid-token requests only.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf.init_app(app)

    def load_user(user_id: str) -> WebUser | None:
        row = _session_user(user_id)
        return WebUser(row) if row else None

    def load_from_token(_request: Any) -> WebUser | None:
        row = token_user(bearer_token())
        if row is not None:
            g.token_auth = True
            return WebUser(row)
        return None

    login_manager.user_loader(load_user)
    login_manager.request_loader(load_from_token)
    login_manager.unauthorized_handler(_unauthorized)

    @app.before_request
    def check_csrf() -> None:
        if not app.config.get("WTF_CSRF_ENABLED", True):
            return
        # Only a valid token skips CSRF: a bad token leaves the check (and then 400) in place.
        # A valid token wins over a session cookie sent along (the /api/docs page of a signed-in
        # user, a script reusing a browser's cookies): the request acts as the token's owner.
        row = token_user(bearer_token())
        if row is not None:
            g._login_user = WebUser(row)  # where Flask-Login keeps the request's user
            g.token_auth = True
            return
        csrf.protect(apply_exemptions=True)


def _unauthorized() -> Any:
    """A page goes to the sign-in form; a fetch (the editor's save, autosave, the API) gets a
    401 JSON it can explain, where a redirect to the HTML form read as "server unreachable"."""
    from app.web.errors import error_response, wants_json

    if wants_json():
        return error_response(401, both("session_expired"))
    flash(t("login_required"), "warning")
    return redirect(login_url("auth.login", request.url))


def user() -> User:
    """The signed-in user's row (views are behind login_required)."""
    row: User = current_user.row
    return row


def admin_required(view: F) -> F:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if user().role != "admin":
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]

"""Sign-in, sign-out, the user's own password and API token."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from app.messages import t
from app.services import accounts
from app.web.database import db
from app.web.security import WebUser, login_required, user

bp = Blueprint("auth", __name__, url_prefix="/auth")
# A path of this site: one "/" then no second "/" or "\" (browsers read "/\evil" as "//evil"),
# and no control character or space anywhere (browsers drop tabs and newlines from a URL,
# which turns "/\t/evil.example" into "//evil.example").
_SITE_PATH = re.compile(r"/(?![/\\])[^\\\s\x00-\x1f\x7f]*")


def _safe_next(target: str | None) -> str:
    """``target`` when it is a path of this site, else the plan list: ?next= never sends the
    user to another site."""
    if target and _SITE_PATH.fullmatch(target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("plans.list_plans")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if request.method == "POST":
        try:
            row = accounts.sign_in(
                db(),
                request.form.get("username", ""),
                request.form.get("password", ""),
                request.remote_addr or "",
            )
        except accounts.LoginThrottledError as exc:
            flash(exc.vietnamese(), "error")
            response = current_app.make_response((render_template("auth/login.html"), 429))
            response.headers["Retry-After"] = str(int(exc.wait.total_seconds()) + 1)
            return response
        except accounts.LoginRefusedError as exc:
            flash(exc.vietnamese(), "error")
            return render_template("auth/login.html"), 401
        login_user(WebUser(row))
        flash(t("logged_in"), "success")
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html")


@bp.post("/logout")
@login_required
def logout() -> Response:
    """Ends the session on the server too: a copy of the cookie no longer signs anyone in."""
    accounts.sign_out(db(), user())
    logout_user()
    flash(t("logged_out"), "success")
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password() -> Response | str | tuple[str, int]:
    """The user's own password change; the current password is required."""
    if request.method == "POST":
        row = user()
        try:
            accounts.change_own_password(
                db(),
                row,
                request.form.get("old_password", ""),
                request.form.get("new_password", ""),
                request.form.get("confirm_password", ""),
            )
        except accounts.AccountError as exc:
            db().rollback()
            flash(exc.vietnamese(), "error")
            return render_template("auth/password.html"), 400
        login_user(WebUser(row))  # this session goes on under the new version, the others end
        flash(t("password_changed"), "success")
        return redirect(url_for("plans.list_plans"))
    return render_template("auth/password.html")


@bp.get("/csrf")
def csrf_token() -> Response:
    """A fresh CSRF token for the editor after the user signed in again in another tab: the
    page's own token died with the old session, and reloading would lose what they typed.
    (Another site cannot read this answer: no CORS.)"""
    return jsonify({"csrf_token": generate_csrf()})


@bp.route("/token", methods=["GET", "POST"])
@login_required
def token() -> str:
    issued = accounts.issue_token(db(), user()) if request.method == "POST" else None
    days = int(current_app.config["API_TOKEN_DAYS"])
    return render_template(
        "auth/token.html", token=issued, expires=accounts.token_expires(user(), days), token_days=days
    )

"""Sign-in, sign-out and the user's API token."""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from app.messages import t
from app.services import accounts
from app.services.plans_store import audit
from app.web.database import db
from app.web.security import WebUser, login_required, user

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an absolute URL in ?next= would be an open redirect.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("plans.list_plans")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if request.method == "POST":
        row = accounts.authenticate(db(), request.form.get("username", ""), request.form.get("password", ""))
        if row is None:
            audit(db(), None, "login_failed", "user", request.form.get("username", "")[:80])
            flash(t("login_failed"), "error")
            return render_template("auth/login.html"), 401
        login_user(WebUser(row))
        audit(db(), row, "login", "user", row.id)
        flash(t("logged_in"), "success")
        return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html")


@bp.post("/logout")
@login_required
def logout() -> Response:
    audit(db(), user(), "logout", "user", user().id)
    logout_user()
    flash(t("logged_out"), "success")
    return redirect(url_for("auth.login"))


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
    return render_template("auth/token.html", token=issued)

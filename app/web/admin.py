"""Administration: accounts of the admin's branch of the tree, and the audit log."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.messages import t
from app.services import accounts
from app.services import plans_store as store
from app.storage import repository as repo
from app.storage.tables import User
from app.web.database import db
from app.web.security import admin_required, login_required, user

bp = Blueprint("admin", __name__, url_prefix="/admin")
# The log keeps stable codes (scripts read them); the page shows them in words.
AUDIT_ACTIONS = {
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập sai",
    "logout": "Đăng xuất",
    "create": "Tạo kế hoạch",
    "save": "Lưu kế hoạch",
    "token": "Tạo mã API",
    "create_user": "Tạo tài khoản",
    "download_docx": "Tải DOCX",
    "download_pdf": "Tải PDF",
    "review": "Rà soát dự thảo",
    "download_review": "Tải báo cáo rà soát",
}
AUDIT_OBJECTS = {"user": "tài khoản", "plan": "kế hoạch", "upload": "tệp tải lên"}


@bp.get("/audit")
@login_required
@admin_required
def audit() -> str:
    return render_template(
        "admin/audit.html",
        entries=store.audit_log(db(), user(), limit=300),
        audit_actions=AUDIT_ACTIONS,
        audit_objects=AUDIT_OBJECTS,
    )


def _branch() -> list[int]:
    return sorted(repo.subtree_ids(db(), user().agency_id))


@bp.get("/users")
@login_required
@admin_required
def users() -> str:
    branch = _branch()
    agencies = [a for a in repo.agencies(db()) if a.id in branch]
    rows = db().query(User).filter(User.agency_id.in_(branch)).order_by(User.agency_id, User.username).all()
    return render_template("admin/users.html", users=rows, agencies=agencies, roles=accounts.ROLES)


@bp.post("/users")
@login_required
@admin_required
def create_user() -> Response | tuple[str, int]:
    """Create an account in the admin's branch; its password is generated and shown once."""
    agency_id = request.form.get("agency_id", "")
    agency = repo.agency(db(), int(agency_id)) if agency_id.isdigit() else None
    if agency is None or agency.id not in _branch():
        flash(t("error_403"), "error")
        return redirect(url_for("admin.users"))
    password = accounts.generate_password()
    try:
        created = accounts.add_user(
            db(),
            request.form.get("username", ""),
            password,
            agency,
            request.form.get("role", ""),
            full_name=request.form.get("full_name", ""),
        )
    except accounts.AccountError as exc:
        db().rollback()
        flash(str(exc), "error")
        return redirect(url_for("admin.users"))
    repo.add_audit(
        db(), user(), "create_user", "user", created.id, {"username": created.username, "role": created.role}
    )
    db().commit()
    flash(f"{t('user_created')}: {created.username} / {password}", "success")
    return redirect(url_for("admin.users"))

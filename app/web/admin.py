"""Administration of the admin's branch of the tree: agencies, accounts and the audit log.

Every form posts to one action and comes back to its page with a message; what an admin may
touch (their agency and the agencies below it) is decided in app.services, not here.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from app.domain.levels import DEFAULT_LEVELS
from app.messages import t
from app.services import accounts, agencies
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
    "change_role": "Đổi vai trò",
    "reset_password": "Đặt lại mật khẩu",
    "change_password": "Đổi mật khẩu",
    "disable_user": "Khóa tài khoản",
    "enable_user": "Mở khóa tài khoản",
    "create_agency": "Thêm cơ quan",
    "rename_agency": "Đổi tên cơ quan",
    "merge_agency": "Sáp nhập cơ quan",
    "move_agency": "Chuyển cơ quan",
    "import_province": "Nhập tỉnh theo danh mục",
    "download_docx": "Tải DOCX",
    "download_pdf": "Tải PDF",
    "review": "Rà soát dự thảo",
    "download_review": "Tải báo cáo rà soát",
}
AUDIT_OBJECTS = {"user": "tài khoản", "plan": "kế hoạch", "upload": "tệp tải lên", "agency": "cơ quan"}


@bp.get("/audit")
@login_required
@admin_required
def audit() -> str:
    """The entries of the admin's own branch only."""
    return render_template(
        "admin/audit.html",
        entries=accounts.audit_log(db(), user(), limit=300),
        audit_actions=AUDIT_ACTIONS,
        audit_objects=AUDIT_OBJECTS,
    )


def _done(endpoint: str, action: Callable[[], str]) -> Response:
    """Run a form's action; its message (or the refusal) is flashed on the page it came from."""
    try:
        flash(action(), "success")
    except accounts.AccountError as exc:
        db().rollback()
        flash(exc.vietnamese(), "error")
    return redirect(url_for(endpoint))


# --- accounts -------------------------------------------------------------------------------


@bp.get("/users")
@login_required
@admin_required
def users() -> str:
    rows = agencies.tree(db(), user())
    return render_template(
        "admin/users.html",
        users=accounts.users_of_branch(db(), user()),
        agencies=[r.agency for r in rows],
        roles=accounts.ROLES,
        me=user(),
    )


@bp.post("/users")
@login_required
@admin_required
def create_user() -> Response:
    """Create an account in the admin's branch; its password is generated and shown once."""

    def action() -> str:
        created, password = accounts.create_account(
            db(),
            user(),
            request.form.get("username", ""),
            agencies.get_agency(db(), request.form.get("agency_id", "")),
            request.form.get("role", ""),
            full_name=request.form.get("full_name", "").strip()[:200],
        )
        return f"{t('user_created')}: {created.username} / {password}"

    return _done("admin.users", action)


@bp.post("/users/<int:user_id>/role")
@login_required
@admin_required
def change_role(user_id: int) -> Response:
    def action() -> str:
        accounts.change_role(db(), user(), accounts.get_user(db(), user_id), request.form.get("role", ""))
        return t("role_changed")

    return _done("admin.users", action)


@bp.post("/users/<int:user_id>/reset")
@login_required
@admin_required
def reset_password(user_id: int) -> Response:
    def action() -> str:
        target = accounts.get_user(db(), user_id)
        password = accounts.reset_password(db(), user(), target)
        return f"{t('password_reset')}: {target.username} / {password}"

    return _done("admin.users", action)


@bp.post("/users/<int:user_id>/disable")
@login_required
@admin_required
def disable(user_id: int) -> Response:
    def action() -> str:
        accounts.set_disabled(db(), user(), accounts.get_user(db(), user_id), True)
        return t("user_disabled")

    return _done("admin.users", action)


@bp.post("/users/<int:user_id>/enable")
@login_required
@admin_required
def enable(user_id: int) -> Response:
    def action() -> str:
        accounts.set_disabled(db(), user(), accounts.get_user(db(), user_id), False)
        return t("user_enabled")

    return _done("admin.users", action)


# --- agencies -------------------------------------------------------------------------------


@bp.get("/agencies")
@login_required
@admin_required
def agency_tree() -> str:
    return render_template(
        "admin/agencies.html",
        rows=agencies.tree(db(), user()),
        levels=[level for level in DEFAULT_LEVELS.levels if level.id != "national"],
    )


@bp.post("/agencies")
@login_required
@admin_required
def add_agency() -> Response:
    def action() -> str:
        created = agencies.create(
            db(),
            user(),
            request.form.get("name", ""),
            request.form.get("level", ""),
            agencies.get_agency(db(), request.form.get("parent_id", "")),
            place=request.form.get("place", ""),
        )
        return f"{t('agency_created')}: {agencies.one_line(created)}"

    return _done("admin.agency_tree", action)


@bp.post("/agencies/rename")
@login_required
@admin_required
def rename_agency() -> Response:
    def action() -> str:
        target = agencies.get_agency(db(), request.form.get("agency_id", ""))
        agencies.rename(db(), user(), target, request.form.get("name", ""), request.form.get("place"))
        return f"{t('agency_renamed')}: {agencies.one_line(target)}"

    return _done("admin.agency_tree", action)


@bp.post("/agencies/merge")
@login_required
@admin_required
def merge_agency() -> Response:
    def action() -> str:
        report = agencies.merge(
            db(),
            user(),
            agencies.get_agency(db(), request.form.get("merged_id", "")),
            agencies.get_agency(db(), request.form.get("kept_id", "")),
        )
        return t("agency_merged").format(
            plans=report.plans, users=report.users, kept=agencies.one_line(report.kept)
        )

    return _done("admin.agency_tree", action)


@bp.post("/agencies/move")
@login_required
@admin_required
def move_agency() -> Response:
    def action() -> str:
        target = agencies.get_agency(db(), request.form.get("agency_id", ""))
        agencies.move(db(), user(), target, agencies.get_agency(db(), request.form.get("parent_id", "")))
        return f"{t('agency_moved')}: {agencies.one_line(target)}"

    return _done("admin.agency_tree", action)


@bp.post("/agencies/import")
@login_required
@admin_required
def import_province() -> Response:
    def action() -> str:
        home, added = agencies.import_province(db(), user(), request.form.get("province", ""))
        return t("province_imported").format(name=agencies.one_line(home), added=added)

    return _done("admin.agency_tree", action)

"""Administration: the audit log (who did what, when)."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.services import plans_store as store
from app.web.database import db
from app.web.security import admin_required, login_required, user

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/audit")
@login_required
@admin_required
def audit() -> str:
    return render_template("admin/audit.html", entries=store.audit_log(db(), user(), limit=300))

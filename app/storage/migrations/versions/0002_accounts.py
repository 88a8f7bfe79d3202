"""accounts: disabled accounts, session versions, token expiry, audit by branch, login throttle

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ... ADD/DROP COLUMN throughout, never a batch copy of a table: SQLite
    # would drop and re-create users, which its foreign keys refuse once audit_log and
    # plan_versions rows point at it (DROP COLUMN needs SQLite 3.35, from 2021).
    op.add_column("users", sa.Column("token_issued_at", sa.DateTime(), nullable=True))
    op.add_column("users", sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("users", sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
    # A token issued before this revision had no date: it counts from the upgrade, so it
    # expires like any other instead of never.
    op.execute("UPDATE users SET token_issued_at = CURRENT_TIMESTAMP WHERE token_hash IS NOT NULL")

    op.add_column("audit_log", sa.Column("agency_id", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("object_agency_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_audit_log_agency_id"), "audit_log", ["agency_id"], unique=False)
    op.create_index(op.f("ix_audit_log_object_agency_id"), "audit_log", ["object_agency_id"], unique=False)
    # Entries written before: the acting user's agency, the plan's, and for a failed sign-in
    # the agency of the account whose name was typed.
    op.execute(
        "UPDATE audit_log SET agency_id = (SELECT users.agency_id FROM users WHERE users.id = audit_log.user_id)"
        " WHERE user_id IS NOT NULL"
    )
    op.execute(
        "UPDATE audit_log SET object_agency_id = (SELECT plans.agency_id FROM plans"
        " WHERE CAST(plans.id AS VARCHAR(80)) = audit_log.object_id) WHERE object_type = 'plan'"
    )
    op.execute(
        "UPDATE audit_log SET object_agency_id = (SELECT users.agency_id FROM users"
        " WHERE users.username = audit_log.object_id) WHERE action = 'login_failed'"
    )

    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_failures_key_at", "login_failures", ["key", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_login_failures_key_at", table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_audit_log_object_agency_id"), table_name="audit_log")
    op.drop_index(op.f("ix_audit_log_agency_id"), table_name="audit_log")
    op.drop_column("audit_log", "object_agency_id")
    op.drop_column("audit_log", "agency_id")
    op.drop_column("users", "session_version")
    op.drop_column("users", "disabled")
    op.drop_column("users", "token_issued_at")

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
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_issued_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("session_version", sa.Integer(), server_default="0", nullable=False))
    # A token issued before this revision had no date: it counts from the upgrade, so it
    # expires like any other instead of never.
    op.execute("UPDATE users SET token_issued_at = CURRENT_TIMESTAMP WHERE token_hash IS NOT NULL")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agency_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("object_agency_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_log_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_object_agency_id"), ["object_agency_id"], unique=False)
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
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index("ix_login_failures_key_at", ["key", "at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failures_key_at")
    op.drop_table("login_failures")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_object_agency_id"))
        batch_op.drop_index(batch_op.f("ix_audit_log_agency_id"))
        batch_op.drop_column("object_agency_id")
        batch_op.drop_column("agency_id")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("session_version")
        batch_op.drop_column("disabled")
        batch_op.drop_column("token_issued_at")

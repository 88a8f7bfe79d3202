"""plan parents: the further parents of a plan implementing several, and the parent text each
child was last checked against (derive, batch, review), for stale reviews

Revision ID: 0004
Revises: 0003

``plans.parent_id`` stays the first parent: every save of the plan store writes it, and the
editor, the API, the batch and the derive page read it. ``plan_parents`` holds the parents
after the first, so the first is never stored twice and cannot drift.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_parents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "parent_id", name="uq_plan_parents_plan_parent"),
    )
    with op.batch_alter_table("plan_parents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_parents_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "parent_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("checked_plan_id", sa.Integer(), nullable=False),
        sa.Column("checked_version", sa.Integer(), nullable=False),
        sa.Column("child_version", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["checked_plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("parent_checks", schema=None) as batch_op:
        batch_op.create_index("ix_parent_checks_plan_parent", ["plan_id", "parent_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("parent_checks", schema=None) as batch_op:
        batch_op.drop_index("ix_parent_checks_plan_parent")
    op.drop_table("parent_checks")
    with op.batch_alter_table("plan_parents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_parents_parent_id"))
    op.drop_table("plan_parents")

"""The tables: agencies (a tree), users, plans (query columns), immutable plan versions, the
audit log, and progress reports (periods, reports, immutable report versions).

A plan is stored as its marshmallow-dumped JSON document (one per version) plus the columns
we filter by; the document is always loaded whole, so mapping its tree to tables would buy
nothing and cost a migration per model change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Agency(Base):
    """An issuing body; ``level`` is a level id of app.domain.levels (data, not an enum)."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    abbreviation: Mapped[str] = mapped_column(String(40), default="UBND")
    place: Mapped[str] = mapped_column(String(100), default="")
    level: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)

    parent: Mapped[Agency | None] = relationship(remote_side=[id])


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # drafter, reviewer, admin
    password_hash: Mapped[str] = mapped_column(String(300))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_issued_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # tokens expire from here
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Part of every session cookie; bumped on logout, password change, reset and disable, which
    # ends every session signed in before (a copied cookie no longer loads a user).
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    agency: Mapped[Agency] = relationship()


class PlanRecord(Base):
    """One plan's identity and the columns lists filter by; content lives in versions."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120))  # Plan.id, the stable id of the plan file
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    level: Mapped[str] = mapped_column(String(40))
    number: Mapped[int | None] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(Text)
    issuer_name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft, issued
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id"))
    parent_ref: Mapped[str | None] = mapped_column(String(200))  # "2735/KH-UBND" as cited
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    agency: Mapped[Agency] = relationship()

    __table_args__ = (
        Index("ix_plans_agency_year", "agency_id", "year"),
        Index("ix_plans_parent", "parent_id"),
        Index("ix_plans_key", "key"),
    )


class PlanVersion(Base):
    """An immutable snapshot; (plan_id, version) is unique, which is what makes two
    concurrent saves on the same base version impossible to both succeed."""

    __tablename__ = "plan_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    author: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_plan_versions_plan_version"),)


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(40))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(80), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Whose branch an entry belongs to: the acting user's agency and the object's (the plan's,
    # the account's). An admin reads the entries where either is in their branch. No foreign
    # key: the log is history and outlives a merged agency (a merge moves the ids it holds).
    agency_id: Mapped[int | None] = mapped_column(Integer, index=True)
    object_agency_id: Mapped[int | None] = mapped_column(Integer, index=True)


class LoginFailure(Base):
    """A failed sign-in, by throttle key ("user:<name>" or "addr:<address>"); rows older than
    the throttle window are deleted as new ones come."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)


class ReportPeriodRecord(Base):
    """A report period opened on an issued plan (6 tháng, năm, custom dates): every unit
    carrying the plan's targets reports on it."""

    __tablename__ = "report_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # half_year, year, custom
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    plan: Mapped[PlanRecord] = relationship()

    __table_args__ = (
        UniqueConstraint("plan_id", "kind", "start", "end", name="uq_report_periods_plan_dates"),
    )


class ReportRecord(Base):
    """One agency's report for one period, on the plan it carries (its own plan implementing
    the period's plan, or that plan itself for its issuer); content lives in versions.
    ``submitted_version`` is the version that counts in the sums (None until submitted, and
    again once returned)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("report_periods.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    state: Mapped[str] = mapped_column(String(20), default="draft")  # draft, submitted, returned
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    submitted_version: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    period: Mapped[ReportPeriodRecord] = relationship()
    agency: Mapped[Agency] = relationship()

    __table_args__ = (UniqueConstraint("period_id", "agency_id", name="uq_reports_period_agency"),)


class ReportVersion(Base):
    """An immutable snapshot of a report (achieved values, notes, parts' text)."""

    __tablename__ = "report_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    author: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("report_id", "version", name="uq_report_versions_report_version"),)


class PlanParent(Base):
    """A further parent of a plan that implements several (seed 000 carries three national
    programmes). The first parent stays ``plans.parent_id``, which every save writes; this
    table holds the others, in the order the plan cites them (``position`` from 1), so no fact
    is kept in two places."""

    __tablename__ = "plan_parents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    parent_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (UniqueConstraint("plan_id", "parent_id", name="uq_plan_parents_plan_parent"),)


class ParentCheck(Base):
    """Which text of a parent a child plan was last checked against: when it was derived or
    reviewed, ``checked_plan_id`` at ``checked_version`` (the parent itself, or the issued
    amendment of it then in force). A newer version or amendment since makes the child's
    review stale. Rows are only added: the latest per (plan, parent) counts."""

    __tablename__ = "parent_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    parent_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    checked_plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    checked_version: Mapped[int] = mapped_column(Integer)
    child_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # derive, batch, review
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_parent_checks_plan_parent", "plan_id", "parent_id"),)

"""Migration 0003: the report tables exist after upgrade and match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from app.storage.tables import Base

REPORT_TABLES = {"report_periods", "reports", "report_versions"}


def test_upgrade_creates_the_report_tables(engine: Engine) -> None:
    assert set(inspect(engine).get_table_names()) >= REPORT_TABLES


def test_the_report_tables_match_their_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diffs if any(name in repr(d) for name in REPORT_TABLES)]
    assert ours == []

from __future__ import annotations

from sqlalchemy import Engine, inspect

from app.storage.db import downgrade, normalize_url, upgrade


def test_migrations_create_every_table_and_are_idempotent(engine: Engine) -> None:
    upgrade(engine)
    names = set(inspect(engine).get_table_names())
    assert {"agencies", "users", "plans", "plan_versions", "audit_log", "alembic_version"} <= names


def test_downgrade_removes_the_tables(engine: Engine) -> None:
    downgrade(engine)
    assert "plans" not in set(inspect(engine).get_table_names())
    upgrade(engine)


def test_plain_postgres_urls_use_psycopg3() -> None:
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"

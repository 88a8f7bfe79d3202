"""Fresh databases for tests: a SQLite file per test, or a PostgreSQL schema per test.

PostgreSQL tests skip locally when the server is unreachable (naming it) and fail under
CI=true, where .ci/run starts it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine

from app.storage.db import make_engine, upgrade
from tests.conftest import IN_CI

PG_URL = os.environ.get("KEHOACH_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _libpq_url() -> str:
    return PG_URL.replace("postgresql+psycopg://", "postgresql://")


def require_postgres() -> None:
    try:
        psycopg.connect(_libpq_url(), connect_timeout=3).close()
    except psycopg.Error as exc:
        message = f"PostgreSQL unreachable at {PG_URL} ({exc.__class__.__name__})"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def fresh_engine(kind: str, tmp_path: Path) -> Iterator[tuple[Engine, str, str | None]]:
    """An engine on an empty, migrated database; yields (engine, url, schema)."""
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
        engine = make_engine(url)
        upgrade(engine)
        try:
            yield engine, url, None
        finally:
            engine.dispose()
        return
    require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq_url(), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    engine = make_engine(PG_URL, schema=schema)
    try:
        upgrade(engine)
        yield engine, PG_URL, schema
    finally:
        engine.dispose()
        with psycopg.connect(_libpq_url(), autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

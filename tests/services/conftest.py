"""Fixtures shared by the service tests: a fresh database session (SQLite, and PostgreSQL
under CI) and the small agency tree of :func:`tests.storage.builders.build_world` in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from app.storage.db import make_session_factory
from tests.storage.builders import World, build_world
from tests.storage.databases import fresh_engine


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.db),
        pytest.param("postgres", marks=[pytest.mark.db, pytest.mark.postgres]),
    ]
)
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    with (
        fresh_engine(request.param, tmp_path) as (engine, _url, _schema),
        make_session_factory(engine)() as s,
    ):
        yield s


@pytest.fixture
def world(session: Session) -> World:
    return build_world(session)

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.storage.db import make_session_factory
from tests.storage.databases import fresh_engine


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.db),
        pytest.param("postgres", marks=[pytest.mark.db, pytest.mark.postgres]),
    ]
)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with fresh_engine(request.param, tmp_path) as (eng, _url, _schema):
        yield eng


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    factory = make_session_factory(engine)
    with factory() as s:
        yield s

"""app / client / runner fixtures (flaskr pattern) on a fresh SQLite database per test,
with the small agency tree of tests/storage/builders.py. CSRF stays on, as in production:
helpers fetch a token from a page like a browser does."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from app.web import create_app
from app.web.database import sessions
from tests.storage.builders import PASSWORD, World, build_world


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite3'}",
        }
    )
    app.instance_path = str(tmp_path / "instance")
    yield app
    app.extensions["kehoach_engine"].dispose()


@pytest.fixture
def world(app: Flask) -> World:
    with app.app_context(), sessions()() as session:
        world = build_world(session)
        session.expunge_all()
        return world


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, path: str = "/auth/login") -> str:
    page = client.get(path).get_data(as_text=True)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


def login(client: FlaskClient, username: str) -> str:
    """Sign in through the form; returns a CSRF token for later posts."""
    token = csrf_token(client)
    response = client.post(
        "/auth/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return csrf_token(client, "/plans/")


def post_json(client: FlaskClient, path: str, body: dict[str, Any], token: str) -> Any:
    return client.post(path, json=body, headers={"X-CSRFToken": token, "Accept": "application/json"})

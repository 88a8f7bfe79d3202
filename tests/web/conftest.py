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


def submit(client: FlaskClient, token: str, plan_id: int, base_version: int) -> None:
    """The drafter submits the plan for approval from its page."""
    response = client.post(
        f"/plans/{plan_id}/status",
        data={"status": "submitted", "base_version": str(base_version), "csrf_token": token},
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def approve(app: Flask, username: str, plan_id: int) -> int:
    """``username`` (a reviewer or admin above the plan) approves it, issuing it; returns
    the version the approval made."""
    from app.services import plans_store as store
    from app.storage.tables import PlanRecord, User

    with app.app_context(), sessions()() as session:
        approver = session.query(User).filter_by(username=username).one()
        record = session.get(PlanRecord, plan_id)
        assert record is not None
        saved = store.set_status(session, approver, plan_id, "issued", base_version=record.current_version)
        return saved.version


def submit_and_approve(
    app: Flask, client: FlaskClient, token: str, plan_id: int, base_version: int, approver: str = "admin"
) -> int:
    """A drafter's plan issued the way it is now: submitted by its drafter, approved above."""
    submit(client, token, plan_id, base_version)
    return approve(app, approver, plan_id)

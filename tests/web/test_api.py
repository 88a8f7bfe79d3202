"""The REST API: token auth, plans CRUD with optimistic locking, versions, diff, DOCX, spec."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.services import accounts
from app.storage.tables import User
from app.web.database import sessions
from tests.storage.builders import World, mini_data


def _token(app: Flask, username: str) -> dict[str, str]:
    with app.app_context(), sessions()() as session:
        row = session.query(User).filter_by(username=username).one()
        return {"Authorization": f"Bearer {accounts.issue_token(session, row)}"}


def _doc(world: World) -> dict[str, Any]:
    data = mini_data()
    data["issuer"] = {
        "name": world.commune_a.name,
        "abbreviation": "UBND",
        "level": "commune",
        "place": "Thạnh Phú",
    }
    return data


@pytest.fixture
def auth(app: Flask, world: World) -> dict[str, str]:
    return _token(app, "drafter_a")


def test_api_needs_a_token_or_session(client: FlaskClient, world: World) -> None:
    response = client.get("/api/plans")
    assert response.status_code == 401
    assert "Cần đăng nhập" in response.get_json()["message"]
    bad = client.get("/api/plans", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401


def test_create_get_update_with_optimistic_locking(
    client: FlaskClient, world: World, auth: dict[str, str]
) -> None:
    created = client.post("/api/plans", json={"document": _doc(world)}, headers=auth)
    assert created.status_code == 201, created.get_json()
    plan_id = created.get_json()["id"]
    got = client.get(f"/api/plans/{plan_id}", headers=auth).get_json()
    assert got["version"] == 1
    assert got["document"]["subject"] == "Thực hiện Dự án 4"
    doc = got["document"]
    doc["sections"][0]["targets"][0]["deadline"] = 2020
    updated = client.put(f"/api/plans/{plan_id}", json={"document": doc, "base_version": 1}, headers=auth)
    assert updated.status_code == 200
    assert updated.get_json()["version"] == 2
    stale = client.put(
        f"/api/plans/{plan_id}", json={"document": _doc(world), "base_version": 1}, headers=auth
    )
    assert stale.status_code == 409
    change = stale.get_json()["diff"]["targets"][0]
    assert change["id"] == "t1"
    assert {"field": "deadline", "old": None, "new": 2020} in change["fields"]
    versions = client.get(f"/api/plans/{plan_id}/versions", headers=auth).get_json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["author"] == "drafter_a"
    diff = client.get(f"/api/plans/{plan_id}/diff/1/2", headers=auth).get_json()
    assert diff["targets"][0]["kind"] == "changed"
    listed = client.get("/api/plans?year=2019", headers=auth).get_json()
    assert [p["id"] for p in listed] == [plan_id]


def test_invalid_plan_gets_422_with_vietnamese_errors_by_path(
    client: FlaskClient, world: World, auth: dict[str, str]
) -> None:
    doc = _doc(world)
    doc["signer"]["authority"] = ["CHỦ TỊCH"]
    response = client.post("/api/plans", json={"document": doc}, headers=auth)
    assert response.status_code == 422
    assert "TM., KT." in response.get_json()["errors"]["signer.authority[0]"][0]
    assert client.post("/api/plans", data="not json", headers=auth).status_code == 400


def test_token_requests_skip_csrf_but_other_branches_get_404(
    app: Flask, client: FlaskClient, world: World, auth: dict[str, str]
) -> None:
    plan_id = client.post("/api/plans", json={"document": _doc(world)}, headers=auth).get_json()["id"]
    other = _token(app, "drafter_c")
    assert client.get(f"/api/plans/{plan_id}", headers=other).status_code == 404
    reviewer = _token(app, "reviewer")
    assert client.get(f"/api/plans/{plan_id}", headers=reviewer).status_code == 200
    refused = client.put(
        f"/api/plans/{plan_id}", json={"document": _doc(world), "base_version": 1}, headers=reviewer
    )
    assert refused.status_code == 403


def test_docx_download_opens_with_python_docx(
    client: FlaskClient, world: World, auth: dict[str, str]
) -> None:
    plan_id = client.post("/api/plans", json={"document": _doc(world)}, headers=auth).get_json()["id"]
    response = client.get(f"/api/plans/{plan_id}/docx", headers=auth)
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs)
    assert "Cai nghiện cho ít nhất 1.100 lượt người" in text


def test_openapi_document_and_offline_docs_page(client: FlaskClient, world: World) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert "/api/plans/{plan_id}" in spec["paths"]
    assert "Plan" in spec["components"]["schemas"]
    page = client.get("/api/docs").get_data(as_text=True)
    assert "/api/swagger-ui/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    asset = client.get("/api/swagger-ui/swagger-ui-bundle.js")
    assert asset.status_code == 200
    assert len(asset.data) > 100_000
    asset.close()


def test_a_token_sent_with_a_session_cookie_acts_as_its_owner_without_csrf(
    app: Flask, client: FlaskClient, world: World
) -> None:
    """The /api/docs page of a signed-in user sends the cookie along with the token."""
    from tests.web.conftest import login

    login(client, "drafter_c")
    created = client.post("/api/plans", json={"document": _doc(world)}, headers=_token(app, "drafter_a"))
    assert created.status_code in (200, 201), created.get_json()
    plan_id = created.get_json()["id"]
    # Made for drafter_a's commune, which drafter_c (the cookie's owner) may not read.
    assert client.get(f"/api/plans/{plan_id}", headers=_token(app, "drafter_a")).status_code == 200
    assert client.get(f"/api/plans/{plan_id}").status_code == 404
    forged = client.post(
        "/api/plans", json={"document": _doc(world)}, headers={"Authorization": "Bearer nope"}
    )
    assert forged.status_code == 400

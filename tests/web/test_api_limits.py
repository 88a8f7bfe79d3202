"""The API holds documents to the CLI's limits (the plan schema's): a body over 5 MB is 413
before it is read, deep nesting and out-of-range values are 422 naming the field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.planfile.schemas import MAX_PLAN_BYTES
from tests.storage.builders import World
from tests.web.test_api import _doc, _token


@pytest.fixture
def auth(app: Flask, world: World) -> dict[str, str]:
    return _token(app, "drafter_a")


def _post(client: FlaskClient, auth: dict[str, str], body: str | bytes) -> Any:
    return client.post("/api/plans", data=body, headers={**auth, "Content-Type": "application/json"})


def test_a_15_mb_plan_is_refused_before_parsing(
    client: FlaskClient, world: World, auth: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _doc(world)
    document["sections"] = [
        {"title": "x", "targets": [{"id": f"t{i}", "text": "Chỉ tiêu " * 15} for i in range(100_000)]}
    ]
    body = json.dumps({"document": document}, ensure_ascii=False).encode()
    assert len(body) > 3 * MAX_PLAN_BYTES
    parsed: list[object] = []
    monkeypatch.setattr(json, "loads", lambda *a, **k: parsed.append(a) or {})
    response = _post(client, auth, body)
    monkeypatch.undo()
    assert parsed == []
    assert response.status_code == 413
    assert "Kế hoạch quá lớn (tối đa 5 MB)" in response.get_json()["message"]


def test_10000_levels_of_json_are_422_not_500(
    client: FlaskClient, world: World, auth: dict[str, str]
) -> None:
    response = _post(client, auth, '{"document": ' + "[" * 10_000 + "]" * 10_000 + "}")
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert "Lồng nhau quá 40 cấp" in response.get_json()["errors"][""][0]


def test_deep_but_parseable_nesting_is_422_naming_where(
    client: FlaskClient, world: World, auth: dict[str, str]
) -> None:
    document = _doc(world)
    deep: dict[str, Any] = {"title": "x"}
    for _ in range(300):
        deep = {"title": "x", "sections": [deep]}
    document["sections"] = [deep]
    response = _post(client, auth, json.dumps({"document": document}))
    assert response.status_code == 422
    (path,) = response.get_json()["errors"]
    assert path.startswith("sections[0].sections[0]")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("number", 2**31, "Số quá lớn"),
        ("id", "k" * 121, "Dài quá 120 ký tự"),
        ("symbol", "S" * 81, "Dài quá 80 ký tự"),
    ],
)
def test_a_value_past_its_column_is_422_naming_the_field(
    client: FlaskClient, world: World, auth: dict[str, str], field: str, value: Any, message: str
) -> None:
    document = _doc(world)
    document[field] = value
    response = client.post("/api/plans", json={"document": document}, headers=auth)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    assert list(errors) == [field]
    assert message in errors[field][0]


def test_the_same_limits_hold_for_the_editor_save(client: FlaskClient, world: World) -> None:
    from tests.web.conftest import login, post_json

    token = login(client, "drafter_a")
    document = _doc(world)
    document["number"] = 2**40
    response = post_json(client, "/plans/save", {"document": document}, token)
    assert response.status_code == 422
    assert "number" in response.get_json()["errors"]

"""Every download names its file the RFC 6266 way: an ASCII ``filename`` and a UTF-8
``filename*``; a user-typed id never reaches the header raw."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.http import parse_options_header

from app.web.downloads import content_disposition
from tests.storage.builders import World
from tests.web.test_api import _doc, _token

EVIL = 'x"; filename=evil.exe'
VIETNAMESE = "kế-hoạch-đô-thị-2026"


def _params(header: str) -> list[str]:
    """The parameter names of a Content-Disposition value, outside quoted strings."""
    unquoted = "".join(part for i, part in enumerate(header.split('"')) if i % 2 == 0)
    return [item.split("=")[0].strip() for item in unquoted.split(";")[1:]]


def test_a_quote_and_semicolon_stay_inside_one_parameter() -> None:
    header = content_disposition(f"{EVIL}.docx")
    assert _params(header) == ["filename", "filename*"]
    kind, options = parse_options_header(header)
    assert kind == "attachment"
    assert options["filename"].endswith(".docx")
    assert "evil.exe" not in header.split("filename*")[0].replace("evil-exe", "")
    assert header.isascii()


def test_vietnamese_name_has_an_ascii_fallback_and_a_utf8_name() -> None:
    header = content_disposition(f"{VIETNAMESE}.pdf")
    assert header == (
        "attachment; filename=\"ke-hoach-do-thi-2026.pdf\"; filename*=UTF-8''"
        "k%E1%BA%BF-ho%E1%BA%A1ch-%C4%91%C3%B4-th%E1%BB%8B-2026.pdf"
    )
    assert parse_options_header(header)[1]["filename"] == f"{VIETNAMESE}.pdf"


@pytest.mark.parametrize("name", ["\r\nSet-Cookie: a=b.docx", "../../etc/passwd.docx", "   .docx"])
def test_header_breaking_names_are_neutralised(name: str) -> None:
    header = content_disposition(name)
    assert header.isascii()
    assert "\r" not in header
    assert "\n" not in header
    assert "/" not in header.split("filename*")[0]
    assert _params(header) == ["filename", "filename*"]


def _saved(client: FlaskClient, auth: dict[str, str], world: World, plan_id: str) -> int:
    document: dict[str, Any] = _doc(world)
    document["id"] = plan_id
    created = client.post("/api/plans", json={"document": document}, headers=auth)
    assert created.status_code == 201, created.get_json()
    return int(created.get_json()["id"])


@pytest.mark.parametrize("plan_key", [EVIL, VIETNAMESE])
def test_api_docx_download_names_the_plan_safely(
    app: Flask, client: FlaskClient, world: World, plan_key: str
) -> None:
    auth = _token(app, "drafter_a")
    plan_id = _saved(client, auth, world, plan_key)
    response = client.get(f"/api/plans/{plan_id}/docx", headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.data[:2] == b"PK"
    header = response.headers["Content-Disposition"]
    assert _params(header) == ["filename", "filename*"]
    filename = parse_options_header(header)[1]["filename"]
    assert filename.endswith(".docx")
    assert '"' not in filename
    assert ";" not in filename
    if plan_key == VIETNAMESE:
        assert filename == f"{VIETNAMESE}.docx"
        assert 'filename="ke-hoach-do-thi-2026.docx"' in header


def test_web_docx_download_of_a_vietnamese_id(app: Flask, client: FlaskClient, world: World) -> None:
    auth = _token(app, "drafter_a")
    plan_id = _saved(client, auth, world, VIETNAMESE)
    response = client.get(f"/plans/{plan_id}/download.docx", headers=auth)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]

"""Every answer carries the security headers, and no template needs what the
Content-Security-Policy refuses (inline scripts, on...="" handlers, javascript: links)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.storage.builders import World
from tests.web.conftest import login

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "web" / "templates"
EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _check(headers: object) -> None:
    csp = headers["Content-Security-Policy"]  # type: ignore[index]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
    for name, value in EXPECTED.items():
        assert headers[name] == value, name  # type: ignore[index]


@pytest.mark.parametrize(
    "path", ["/auth/login", "/static/style.css", "/nowhere", "/api/plans", "/api/openapi.json"]
)
def test_every_answer_has_the_headers(client: FlaskClient, world: World, path: str) -> None:
    with client.get(path) as response:  # closed: a static file is streamed
        _check(response.headers)


def test_signed_in_pages_and_the_api_docs_have_the_headers(client: FlaskClient, world: World) -> None:
    login(client, "district_drafter")
    for path in ("/plans/", "/plans/new", "/reviews/", "/api/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
        _check(response.headers)


def test_the_api_docs_page_starts_swagger_from_a_file(client: FlaskClient, world: World) -> None:
    login(client, "district_drafter")
    page = client.get("/api/docs").get_data(as_text=True)
    assert "swagger-init.js" in page
    assert "window.onload" not in page


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_no_template_holds_what_the_policy_refuses(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to app/web/static"
    assert not HANDLER.search(text), 'on...="" handler: add the listener in a static JS file'
    assert "javascript:" not in text

"""Hostile uploads on the review page and the review API: each one is a clear 4xx naming the
user's own file, never a 500, never a server path, and no upload is left behind. (The 25 MB
upload is test_security.test_upload_over_20_mb_gets_the_413_page.)"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.services import accounts
from app.storage.tables import User
from app.web.database import sessions
from tests.storage.builders import World
from tests.web.conftest import login


def zip_bomb() -> bytes:
    """A .docx whose document.xml inflates past the readers' 100 MB limit (about 100 KB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(105):
                member.write(chunk)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
CASES = [
    ("rong.docx", b"", "rỗng"),
    ("la-pdf.docx", PDF, "PDF"),
    ("bom.docx", None, "bom nén"),
]


def _post(client: FlaskClient, token: str, name: str, data: bytes, parent: int) -> tuple[int, str]:
    response = client.post(
        "/reviews/",
        data={"draft": (io.BytesIO(data), name), "parent_id": str(parent), "csrf_token": token},
        content_type="multipart/form-data",
    )
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture
def parent_id(client: FlaskClient, world: World) -> int:
    from tests.web.conftest import post_json
    from tests.web.test_reviews_and_coverage import district_plan

    token = login(client, "district_drafter")
    saved = post_json(client, "/plans/save", {"document": district_plan(world)}, token).get_json()
    return int(saved["plan_id"])


@pytest.mark.parametrize(("name", "data", "expected"), CASES)
def test_bad_upload_is_a_clear_400_naming_the_users_file(
    app: Flask, client: FlaskClient, parent_id: int, name: str, data: bytes | None, expected: str
) -> None:
    token = login(client, "district_drafter")
    status, page = _post(client, token, name, zip_bomb() if data is None else data, parent_id)
    assert status == 400, page
    assert expected in page
    assert name in page
    assert app.instance_path not in page
    assert "/tmp" not in page
    assert "draft." not in page
    reviews = Path(app.instance_path) / "reviews"
    assert not reviews.exists() or not any(reviews.iterdir())


def test_api_review_of_a_bomb_names_the_file_not_a_temp_path(
    app: Flask, client: FlaskClient, world: World, parent_id: int
) -> None:
    with app.app_context(), sessions()() as session:
        drafter = session.get(User, world.district_drafter.id)
        assert drafter is not None
        token = accounts.issue_token(session, drafter)
        session.commit()
    response = client.post(
        f"/api/plans/{parent_id}/review",
        data={"draft": (io.BytesIO(zip_bomb()), "bom.docx")},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    body = response.get_json()
    assert response.status_code == 400, body
    assert "bom.docx" in body["message"]
    assert "bom nén" in body["message"]
    assert "/tmp" not in body["message"]

"""The coverage board only where a level below exists, and review errors that name the
user's uploaded file rather than the server's stored name or the plan's internal id."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from app.services import accounts
from app.storage.tables import User
from app.web.coverage import has_lower_level
from app.web.database import sessions
from tests.storage.builders import World
from tests.web.conftest import login, post_json
from tests.web.test_reviews_and_coverage import PARENT_TARGETS, commune_draft, district_plan

DISTRICT_DRAFT = Path(__file__).parent.parent / "data" / "web" / "du_thao_huyen_vinh_cuu.txt"
BOARD_BUTTON = "Bảng bao phủ cấp dưới"


def save(client: FlaskClient, username: str, document: dict[str, object]) -> int:
    token = login(client, username)
    saved = post_json(client, "/plans/save", {"document": document}, token).get_json()
    client.post("/auth/logout", data={"csrf_token": token})
    return int(saved["plan_id"])


def upload(
    client: FlaskClient, token: str, draft: tuple[io.BytesIO, str], **parent: object
) -> tuple[int, str]:
    response = client.post(
        "/reviews/",
        data={"draft": draft, "csrf_token": token, **parent},
        content_type="multipart/form-data",
    )
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("level", "expected"),
    [("national", True), ("province", True), ("district", True), ("commune", False), ("nowhere", False)],
)
def test_only_levels_with_a_level_below_have_children(level: str, expected: bool) -> None:
    assert has_lower_level(level) is expected


def test_a_commune_plan_has_no_coverage_board(client: FlaskClient, world: World) -> None:
    plan_id = save(client, "drafter_a", commune_draft(world, PARENT_TARGETS))
    login(client, "drafter_a")
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert BOARD_BUTTON not in page
    assert f"/plans/{plan_id}/coverage" not in page
    board = client.get(f"/plans/{plan_id}/coverage")
    text = board.get_data(as_text=True)
    assert board.status_code == 400
    assert "Kế hoạch cấp xã không có cấp dưới" in text
    assert "data-no-board" in text
    assert "<table" not in text
    assert "<svg" not in text
    api = client.get(f"/api/plans/{plan_id}/coverage", headers={"Accept": "application/json"})
    assert api.status_code == 400
    assert "cấp xã không có cấp dưới" in api.get_json()["message"]


def test_a_district_plan_keeps_its_coverage_board(client: FlaskClient, world: World) -> None:
    plan_id = save(client, "district_drafter", district_plan(world))
    login(client, "district_drafter")
    assert BOARD_BUTTON in client.get(f"/plans/{plan_id}").get_data(as_text=True)
    board = client.get(f"/plans/{plan_id}/coverage")
    assert board.status_code == 200
    assert "data-no-board" not in board.get_data(as_text=True)


def test_a_draft_not_below_its_stored_parent_is_named_by_its_file(client: FlaskClient, world: World) -> None:
    parent_id = save(client, "district_drafter", district_plan(world))
    token = login(client, "district_drafter")
    status, page = upload(
        client,
        token,
        (io.BytesIO(DISTRICT_DRAFT.read_bytes()), "Dự thảo KH huyện.txt"),
        parent_id=str(parent_id),
    )
    assert status == 400, page
    assert "Tệp dự thảo «Dự thảo KH huyện.txt» là kế hoạch cấp huyện" in page
    assert "«Kế hoạch số 12/KH-UBND» (cấp huyện)" in page
    assert "vinh-cuu-2026" not in page
    assert "draft (" not in page
    assert "draft.txt" not in page


def test_swapped_uploaded_files_are_both_named_and_the_swap_is_said(
    client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_a")
    district = yaml.safe_dump(district_plan(world), allow_unicode=True).encode()
    commune = yaml.safe_dump(commune_draft(world, PARENT_TARGETS), allow_unicode=True).encode()
    status, page = upload(
        client,
        token,
        (io.BytesIO(district), "ke-hoach-huyen.yaml"),
        parent_file=(io.BytesIO(commune), "du-thao-xa.yaml"),
    )
    assert status == 400, page
    assert "«ke-hoach-huyen.yaml» là kế hoạch cấp huyện" in page
    assert "«du-thao-xa.yaml» (cấp xã)" in page
    assert "chọn ngược" in page
    assert "parent.yaml" not in page
    assert "thanh-phu-2026" not in page


def test_the_api_names_the_uploaded_draft_too(app: Flask, client: FlaskClient, world: World) -> None:
    parent_id = save(client, "district_drafter", district_plan(world))
    with app.app_context(), sessions()() as session:
        owner = session.query(User).filter_by(username="district_drafter").one()
        token = accounts.issue_token(session, owner)
    response = client.post(
        f"/api/plans/{parent_id}/review",
        data={"draft": (io.BytesIO(DISTRICT_DRAFT.read_bytes()), "du-thao-huyen.txt")},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    message = response.get_json()["message"]
    assert "«du-thao-huyen.txt»" in message
    assert "vinh-cuu-2026" not in message
    assert "draft (" not in message

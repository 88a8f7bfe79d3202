"""The coverage board only where a level below exists; reviews that go on when the levels of
the two plans do not fit, saying what they assumed, and take the levels the user picks (form,
API); errors that name the user's uploaded file rather than the server's stored name or the
plan's internal id."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from app.domain.levels import DEFAULT_LEVELS
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


def upload_district_draft(
    client: FlaskClient, world: World, filename: str, **fields: object
) -> tuple[int, str]:
    """The district drafter uploads DISTRICT_DRAFT as ``filename`` against a stored district plan."""
    parent_id = save(client, "district_drafter", district_plan(world))
    token = login(client, "district_drafter")
    draft = (io.BytesIO(DISTRICT_DRAFT.read_bytes()), filename)
    return upload(client, token, draft, parent_id=str(parent_id), **fields)


def report_text(client: FlaskClient, page: str) -> str:
    """The paragraphs of the report.docx the result ``page`` links to."""
    review_id = re.search(r"/reviews/([0-9a-f]+)/report\.docx", page)
    assert review_id is not None
    report = client.get(f"/reviews/{review_id.group(1)}/report.docx")
    assert report.status_code == 200
    return "\n".join(p.text for p in docx.Document(io.BytesIO(report.data)).paragraphs)


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


def test_a_draft_of_the_same_level_as_its_stored_parent_is_reviewed_on_a_stated_assumption(
    client: FlaskClient, world: World
) -> None:
    status, page = upload_district_draft(client, world, "Dự thảo KH huyện.txt")
    assert status == 200, page
    assumptions = _assumptions(page)
    assert (
        "Cấp của kế hoạch cấp dưới được xác định là cấp huyện (theo cơ quan ban hành: Ủy ban nhân dân"
        " huyện Vĩnh Cửu)" in assumptions
    )
    assert "Hai kế hoạch cùng cấp huyện" in assumptions
    assert "ô «Cấp kế hoạch cấp dưới»" in assumptions
    assert "vinh-cuu-2026" not in page
    assert "draft.txt" not in page


def test_swapped_uploaded_files_are_reviewed_and_the_swap_is_said(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    district = yaml.safe_dump(district_plan(world), allow_unicode=True).encode()
    commune = yaml.safe_dump(commune_draft(world, PARENT_TARGETS), allow_unicode=True).encode()
    status, page = upload(
        client,
        token,
        (io.BytesIO(district), "ke-hoach-huyen.yaml"),
        parent_file=(io.BytesIO(commune), "du-thao-xa.yaml"),
    )
    assert status == 200, page
    assumptions = _assumptions(page)
    assert "được xác định là cấp huyện, không thấp hơn kế hoạch cấp trên (cấp xã)" in assumptions
    assert "đổi chỗ" in assumptions
    assert "parent.yaml" not in page


def test_the_upload_form_offers_both_levels_with_an_infer_default(client: FlaskClient, world: World) -> None:
    login(client, "drafter_a")
    page = client.get("/reviews/").get_data(as_text=True)
    for field, label in (("parent_level", "Cấp kế hoạch cấp trên"), ("child_level", "Cấp kế hoạch cấp dưới")):
        assert label in page
        select = re.search(rf'<select name="{field}">(.*?)</select>', page, re.S)
        assert select is not None, field
        options = re.findall(r'<option value="([^"]*)">([^<]*)</option>', select.group(1))
        assert options[0] == ("", "Tự xác định")
        assert options[1:] == [(level.id, level.name) for level in DEFAULT_LEVELS.levels]


def test_the_levels_picked_on_the_form_are_used_and_kept_for_the_report(
    client: FlaskClient, world: World
) -> None:
    status, page = upload_district_draft(
        client, world, "du-thao.txt", parent_level="district", child_level="commune"
    )
    assert status == 200, page
    assert "data-assumptions" not in page, "levels the user picked are not assumptions"
    assert "GIẢ ĐỊNH KHI RÀ SOÁT" not in report_text(client, page)


def test_the_report_download_carries_the_assumptions(client: FlaskClient, world: World) -> None:
    _, page = upload_district_draft(client, world, "du-thao.txt")
    text = report_text(client, page)
    assert "GIẢ ĐỊNH KHI RÀ SOÁT" in text
    assert "Hai kế hoạch cùng cấp huyện" in text


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"child_level": "xa"}, "Cấp không hợp lệ «xa»"),
        ({"parent_level": "commune", "child_level": "province"}, "cao hơn cấp đã chọn"),
    ],
)
def test_a_wrong_level_on_the_form_is_a_400_in_vietnamese(
    client: FlaskClient, world: World, fields: dict[str, str], expected: str
) -> None:
    status, page = upload_district_draft(client, world, "du-thao.txt", **fields)
    assert status == 400, page
    assert expected in page
    assert "-level" not in page, "the form's field is named, not the command-line option"


def _api_token(app: Flask, username: str) -> dict[str, str]:
    with app.app_context(), sessions()() as session:
        owner = session.query(User).filter_by(username=username).one()
        return {"Authorization": f"Bearer {accounts.issue_token(session, owner)}"}


def test_the_api_review_of_a_draft_takes_both_levels(app: Flask, client: FlaskClient, world: World) -> None:
    parent_id = save(client, "district_drafter", district_plan(world))
    headers = _api_token(app, "district_drafter")

    def post(**fields: str) -> Any:
        data: dict[str, Any] = {
            "draft": (io.BytesIO(DISTRICT_DRAFT.read_bytes()), "du-thao-huyen.txt"),
            **fields,
        }
        return client.post(
            f"/api/plans/{parent_id}/review", data=data, headers=headers, content_type="multipart/form-data"
        )

    inferred = post()
    assert inferred.status_code == 200, inferred.get_json()
    assert any("Hai kế hoạch cùng cấp huyện" in a for a in inferred.get_json()["assumptions"])
    chosen = post(parent_level="district", child_level="commune").get_json()
    assert (chosen["parent"]["level"], chosen["child"]["level"]) == ("district", "commune")
    assert chosen["assumptions"] == []
    wrong = post(child_level="village")
    assert wrong.status_code == 400
    assert "Cấp không hợp lệ «village»" in wrong.get_json()["message"]


def test_the_api_review_of_two_stored_plans_takes_the_levels_as_query_fields(
    app: Flask, client: FlaskClient, world: World
) -> None:
    parent_id = save(client, "district_drafter", district_plan(world))
    child_id = save(client, "drafter_a", commune_draft(world, PARENT_TARGETS))
    headers = _api_token(app, "district_drafter")
    url = f"/api/plans/{parent_id}/review/{child_id}"
    stored = client.get(url, headers=headers)
    assert stored.status_code == 200, stored.get_data(as_text=True)  # the district reads its commune's draft
    assert stored.get_json()["assumptions"] == []
    same = client.get(f"{url}?child_level=district", headers=headers).get_json()
    assert same["child"]["level"] == "district"
    assert same["assumptions"][0].startswith("Hai kế hoạch cùng cấp huyện")
    wrong = client.get(f"{url}?parent_level=tinh", headers=headers)
    assert wrong.status_code == 400
    assert "Cấp không hợp lệ" in wrong.get_json()["message"]


def test_the_openapi_document_describes_both_level_fields(client: FlaskClient, world: World) -> None:
    spec = client.get("/api/openapi.json").get_json()
    upload_schema = spec["paths"]["/api/plans/{plan_id}/review"]["post"]["requestBody"]["content"][
        "multipart/form-data"
    ]["schema"]
    ids = ["", *DEFAULT_LEVELS.ids()]
    for field in ("parent_level", "child_level"):
        assert upload_schema["properties"][field]["enum"] == ids
    params = spec["paths"]["/api/plans/{plan_id}/review/{child_id}"]["get"]["parameters"]
    assert {p["name"] for p in params if p["in"] == "query"} >= {"parent_level", "child_level"}


def test_the_api_names_the_uploaded_draft_when_it_cannot_be_read(
    app: Flask, client: FlaskClient, world: World
) -> None:
    parent_id = save(client, "district_drafter", district_plan(world))
    response = client.post(
        f"/api/plans/{parent_id}/review",
        data={"draft": (io.BytesIO(b"PK\x03\x04" + b"\x00" * 200), "du-thao-huyen.docx")},
        headers=_api_token(app, "district_drafter"),
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    message = response.get_json()["message"]
    assert "du-thao-huyen.docx" in message
    assert "draft.docx" not in message


def _assumptions(page: str) -> str:
    found = re.search(r"<section class=\"card assumptions\" data-assumptions>(.*?)</section>", page, re.S)
    assert found, "the result page shows its assumptions"
    return html.unescape(found.group(1))

"""Approval by level on the plan pages (issue 11, parts 3 and 4): the drafter submits, the
district's reviewer returns with a comment the drafter reads, then issues; issued plans
offer no "Sửa" and refuse a save with a clear message; the header is the agency's; the
``parent_id`` of a save is checked like any read."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.storage.builders import World, mini_data
from tests.web.conftest import login, post_json

COMMENT = "Chỉ tiêu cai nghiện phải ít nhất 1.200 lượt người như kế hoạch của huyện."


def _doc(world: World, **changes: object) -> dict[str, object]:
    data = mini_data(**changes)
    data["issuer"] = {
        "name": world.commune_a.name,
        "abbreviation": "UBND",
        "level": "commune",
        "place": "Thạnh Phú",
    }
    return data


def _create(client: FlaskClient, token: str, world: World, **changes: object) -> int:
    response = post_json(client, "/plans/save", {"document": _doc(world, **changes)}, token)
    assert response.status_code == 200, response.get_json()
    return int(response.get_json()["plan_id"])


def _status(client: FlaskClient, token: str, plan_id: int, status: str, base: int, comment: str = "") -> str:
    response = client.post(
        f"/plans/{plan_id}/status",
        data={"status": status, "base_version": str(base), "comment": comment, "csrf_token": token},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(f"/plans/{plan_id}").get_data(as_text=True)


def _switch(client: FlaskClient, token: str, username: str) -> str:
    client.post("/auth/logout", data={"csrf_token": token})
    return login(client, username)


def _has_edit_button(page: str) -> bool:
    return re.search(r'<a class="button primary" href="/plans/\d+/edit">Sửa</a>', page) is not None


def test_a_drafter_submits_and_can_no_longer_issue_their_own_plan(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Trình duyệt" in page
    assert "Duyệt và ban hành" not in page
    assert "Ban hành</button>" not in page
    refused = _status(client, token, plan_id, "issued", 1)  # before: the drafter issued it
    assert "flash-error" in refused
    assert "người rà soát hoặc quản trị" in refused
    assert "Dự thảo" in refused
    page = _status(client, token, plan_id, "submitted", 1)
    assert "Đã trình duyệt kế hoạch" in page
    assert "Chờ duyệt" in page
    assert not _has_edit_button(page)
    edit = client.get(f"/plans/{plan_id}/edit")
    assert edit.status_code == 403
    assert "đang chờ duyệt" in edit.get_data(as_text=True)
    save = post_json(
        client, "/plans/save", {"plan_id": plan_id, "base_version": 2, "document": _doc(world)}, token
    )
    assert save.status_code == 403
    assert "đang chờ duyệt" in save.get_json()["message"]


def test_returned_with_a_comment_fixed_submitted_and_issued_then_read_only(
    client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    _status(client, token, plan_id, "submitted", 1)

    token = _switch(client, token, "reviewer")
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "Duyệt và ban hành" in page
    assert 'name="comment"' in page
    no_reason = _status(client, token, plan_id, "draft", 2)
    assert "Hãy ghi lý do trả lại" in no_reason
    assert "Chờ duyệt" in no_reason
    _status(client, token, plan_id, "draft", 2, COMMENT)

    token = _switch(client, token, "drafter_a")
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "data-returned" in page
    assert COMMENT in page
    assert "reviewer trả lại lúc" in page  # the reviewer's full name is "reviewer" in the test world
    assert _has_edit_button(page)
    history = client.get(f"/plans/{plan_id}/history").get_data(as_text=True)
    assert "Trình duyệt" in history
    assert f"Trả lại để sửa: {COMMENT}" in history
    fixed = post_json(
        client,
        "/plans/save",
        {
            "plan_id": plan_id,
            "base_version": 3,
            "document": _doc(world, subject="Thực hiện Dự án 4 (đã sửa)"),
        },
        token,
    )
    assert fixed.status_code == 200, fixed.get_json()
    page = _status(client, token, plan_id, "submitted", 4)
    assert "data-returned" not in page

    token = _switch(client, token, "reviewer")
    page = _status(client, token, plan_id, "issued", 5)
    assert "Đã duyệt và ban hành kế hoạch" in page
    assert "Đã ban hành" in page

    token = _switch(client, token, "drafter_a")
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert not _has_edit_button(page)  # before: an issued plan still offered "Sửa"
    assert "Chuyển về dự thảo" not in page
    assert "Soạn kế hoạch sửa đổi, bổ sung" in page
    assert client.get(f"/plans/{plan_id}/edit").status_code == 403
    save = post_json(
        client, "/plans/save", {"plan_id": plan_id, "base_version": 6, "document": _doc(world)}, token
    )
    assert save.status_code == 403
    assert "đã ban hành nên không sửa được" in save.get_json()["message"]
    history = client.get(f"/plans/{plan_id}/history").get_data(as_text=True)
    assert "Duyệt, ban hành" in history
    assert "Khôi phục</button>" not in history

    amended = client.post(f"/plans/{plan_id}/amend", data={"csrf_token": token})
    assert amended.status_code == 302
    assert amended.headers["Location"].endswith("/edit")
    assert "Đã tạo dự thảo sửa đổi, bổ sung" in client.get(amended.headers["Location"]).get_data(as_text=True)


def test_the_header_is_the_drafters_agency_not_another_branchs(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    doc = _doc(world)
    doc["issuer"] = {
        "name": world.commune_c.name,
        "abbreviation": "UBND",
        "level": "commune",
        "place": "Phú Lợi",
    }
    response = post_json(client, "/plans/save", {"document": doc}, token)
    assert response.status_code == 200
    body = response.get_json()
    assert body["document"]["issuer"]["name"] == world.commune_a.name  # the editor shows what is stored
    page = client.get(f"/plans/{body['plan_id']}").get_data(as_text=True)
    assert "XÃ THẠNH PHÚ" in page.upper()
    assert "Phú Lợi" not in page


def test_a_save_naming_another_branchs_parent_is_not_found_and_a_missing_one_too(
    client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_c")
    theirs = post_json(client, "/plans/save", {"document": _doc(world)}, token).get_json()["plan_id"]
    token = _switch(client, token, "drafter_a")
    mine = _create(client, token, world)
    for parent in (theirs, 999999, 2**31):
        created = post_json(client, "/plans/save", {"document": _doc(world), "parent_id": parent}, token)
        assert created.status_code == 404, created.get_json()
        updated = post_json(
            client,
            "/plans/save",
            {"plan_id": mine, "base_version": 1, "document": _doc(world), "parent_id": parent},
            token,
        )
        assert updated.status_code == 404, updated.get_json()  # before: accepted, or a 500
        assert "Không tìm thấy kế hoạch" in updated.get_json()["message"]
    bad = post_json(client, "/plans/save", {"document": _doc(world), "parent_id": "abc"}, token)
    assert bad.status_code == 400
    assert "parent_id" in bad.get_json()["message"]
    api = client.post(
        "/api/plans", json={"document": _doc(world), "parent_id": theirs}, headers={"X-CSRFToken": token}
    )
    assert api.status_code == 404
    api_bad = client.post(
        "/api/plans", json={"document": _doc(world), "parent_id": [1]}, headers={"X-CSRFToken": token}
    )
    assert api_bad.status_code == 400

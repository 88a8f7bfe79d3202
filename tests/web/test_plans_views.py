"""Plan pages through the Flask test client: list, editor save, preview, history, access."""

from __future__ import annotations

import datetime as dt
import re

from flask.testing import FlaskClient

from tests.storage.builders import World, mini_data
from tests.web.conftest import csrf_token, login, post_json, submit


def _doc_for(world_agency_name: str, level: str, **changes: object) -> dict[str, object]:
    data = mini_data(**changes)
    data["issuer"] = {"name": world_agency_name, "abbreviation": "UBND", "level": level, "place": "Thạnh Phú"}
    data["date"] = "2019-12-31"
    return data


def _create(client: FlaskClient, token: str, world: World, **changes: object) -> int:
    doc = _doc_for(world.commune_a.name, "commune", **changes)
    response = post_json(client, "/plans/save", {"document": doc}, token)
    assert response.status_code == 200, response.get_json()
    return int(response.get_json()["plan_id"])


def test_pages_need_sign_in(client: FlaskClient, world: World) -> None:
    response = client.get("/plans/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_wrong_password_is_refused_in_vietnamese(client: FlaskClient, world: World) -> None:
    token = csrf_token(client)
    response = client.post(
        "/auth/login", data={"username": "drafter_a", "password": "x", "csrf_token": token}
    )
    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.get_data(as_text=True)


def test_drafter_saves_a_plan_and_sees_it_listed(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    page = client.get("/plans/").get_data(as_text=True)
    assert "Thực hiện Dự án 4" in page
    assert "05/KH-UBND" in page
    shown = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in shown
    assert "Cai nghiện cho ít nhất 1.100 lượt người" in shown
    assert client.get("/plans/?year=2020").get_data(as_text=True).count("Thực hiện Dự án 4") == 0


def test_invalid_document_returns_errors_by_field_path(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    doc = _doc_for(world.commune_a.name, "commune")
    doc["sections"][0]["targets"][0]["value"] = "nhiều"  # type: ignore[index]
    del doc["subject"]
    response = post_json(client, "/plans/save", {"document": doc}, token)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert "Thiếu trường bắt buộc" in errors["subject"][0]
    assert "Không phải là số hợp lệ" in errors["sections[0].targets[0].value"][0]


def test_two_saves_on_the_same_base_version_conflict_with_the_diff(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    first = _doc_for(world.commune_a.name, "commune")
    first["sections"][0]["targets"][0]["value"] = 1200  # type: ignore[index]
    first["sections"][0]["targets"][0]["breakdown"] = []  # type: ignore[index]
    ok = post_json(client, "/plans/save", {"plan_id": plan_id, "base_version": 1, "document": first}, token)
    assert ok.status_code == 200
    assert ok.get_json()["version"] == 2
    second = _doc_for(world.commune_a.name, "commune", subject="Sửa khác")
    clash = post_json(
        client, "/plans/save", {"plan_id": plan_id, "base_version": 1, "document": second}, token
    )
    assert clash.status_code == 409
    body = clash.get_json()
    assert body["current_version"] == 2
    assert body["diff"]["targets"][0]["id"] == "t1"
    assert {"field": "value", "old": 1100, "new": 1200} in body["diff"]["targets"][0]["fields"]
    # Whom to call about it, in office time (HH:MM dd/mm/yyyy).
    assert body["saved_by"] == "drafter_a"
    assert re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", body["saved_at"])


def test_figures_are_shown_the_vietnamese_way() -> None:
    from app.web.plans import vn_number

    assert vn_number(1100.0) == "1.100"
    assert vn_number(2.5) == "2,5"
    assert vn_number(None) == ""


def test_times_are_shown_in_vietnam_time_not_utc() -> None:
    from app.web.plans import vn_date

    stored = dt.datetime(2026, 1, 20, 20, 30)  # naive UTC, as app.storage.tables.utcnow stores it
    assert vn_date(stored) == "21/01/2026 03:30"
    assert vn_date(dt.date(2026, 1, 20)) == "20/01/2026"


def test_history_diff_and_restore(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    changed = _doc_for(
        world.commune_a.name, "commune", subject="Kế hoạch sửa đổi", recipients=["UBND tỉnh;", "Lưu: VT."]
    )
    post_json(client, "/plans/save", {"plan_id": plan_id, "base_version": 1, "document": changed}, token)
    history = client.get(f"/plans/{plan_id}/history").get_data(as_text=True)
    assert "v2" in history
    assert "Khôi phục" in history
    diff = client.get(f"/plans/{plan_id}/diff?from=1&to=2").get_data(as_text=True)
    assert "Kế hoạch sửa đổi" in diff
    assert "nơi nhận, thêm: <ins>Lưu: VT.</ins>" in diff
    assert "[&#39;" not in diff  # recipients were shown as a Python list
    restored = client.post(f"/plans/{plan_id}/restore/1", data={"base_version": "2", "csrf_token": token})
    assert restored.status_code == 302
    assert "Thực hiện Dự án 4" in client.get(f"/plans/{plan_id}").get_data(as_text=True)
    history = client.get(f"/plans/{plan_id}/history").get_data(as_text=True)
    assert "v3" in history
    assert "Khôi phục từ v1" in history  # the note in words, not "restore v1"
    assert "UTC" not in history


def test_preview_fragment_renders_the_nd30_layout(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    response = post_json(
        client, "/plans/preview", {"document": _doc_for(world.commune_a.name, "commune")}, token
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for part in (
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-UBND",
        "Nơi nhận:",
        "Lưu: VT, TH.",
        "Phạm Minh Phước",
    ):
        assert part in html


def test_editor_page_carries_schema_document_and_version(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    page = client.get(f"/plans/{plan_id}/edit").get_data(as_text=True)
    assert 'id="plan-schema"' in page
    assert '"base_version": 1' in page
    assert "editor.js" in page
    assert client.get("/plans/new").status_code == 200


def test_commune_b_cannot_open_commune_a_plan(client: FlaskClient, app: object, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "drafter_b")
    assert client.get(f"/plans/{plan_id}").status_code == 404
    assert client.get(f"/plans/{plan_id}/edit").status_code == 404
    assert "Không tìm thấy" in client.get(f"/plans/{plan_id}").get_data(as_text=True)


def test_district_reviewer_reads_but_cannot_edit(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    client.post("/auth/logout", data={"csrf_token": token})
    token = login(client, "reviewer")
    assert client.get(f"/plans/{plan_id}").status_code == 200
    assert client.get(f"/plans/{plan_id}/edit").status_code == 403
    doc = _doc_for(world.commune_a.name, "commune")
    response = post_json(
        client, "/plans/save", {"plan_id": plan_id, "base_version": 1, "document": doc}, token
    )
    assert response.status_code == 403


def test_other_branch_gets_404(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "drafter_c")
    assert client.get(f"/plans/{plan_id}/history").status_code == 404
    assert "Thực hiện Dự án 4" not in client.get("/plans/").get_data(as_text=True)


def test_issuing_a_plan_without_a_number_is_refused_on_its_page(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world, number=None)
    submit(client, token, plan_id, 1)
    client.post("/auth/logout", data={"csrf_token": token})
    token = login(client, "reviewer")
    response = client.post(
        f"/plans/{plan_id}/status", data={"status": "issued", "base_version": "2", "csrf_token": token}
    )
    assert response.status_code == 302
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "chưa có số văn bản" in page
    assert "flash-error" in page
    assert "Chờ duyệt" in page


def test_changing_a_quota_value_rewrites_its_sentence_and_a_hand_edit_is_flagged(
    client: FlaskClient, world: World
) -> None:
    # found as a commune officer: the value went to 60, the printed sentence stayed at 300
    token = login(client, "drafter_a")
    plan_id = _create(client, token, world)
    doc = _doc_for(world.commune_a.name, "commune")
    target = doc["sections"][0]["targets"][0]  # type: ignore[index]
    target["value"] = 60
    target["breakdown"] = []
    saved = post_json(client, "/plans/save", {"plan_id": plan_id, "base_version": 1, "document": doc}, token)
    body = saved.get_json()
    assert saved.status_code == 200, body
    assert body["document"]["sections"][0]["targets"][0]["text"] == "Cai nghiện cho ít nhất 60 lượt người"
    assert body["warnings"] == []
    assert "Cai nghiện cho ít nhất 60 lượt người" in client.get(f"/plans/{plan_id}").get_data(as_text=True)

    target["text"] = "Cai nghiện cho khoảng ba trăm lượt người"
    target["value"] = 70
    again = post_json(client, "/plans/save", {"plan_id": plan_id, "base_version": 2, "document": doc}, token)
    (warning,) = again.get_json()["warnings"]
    assert "khoảng ba trăm" in warning
    assert "70" in warning

"""CSRF, cookies, upload limit, error pages and the audit log."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.services import plans_store as store
from app.web.database import sessions
from tests.storage.builders import PASSWORD, World, mini_data
from tests.web.conftest import csrf_token, login, post_json


def test_post_without_csrf_token_is_refused(client: FlaskClient, world: World) -> None:
    response = client.post("/auth/login", data={"username": "drafter_a", "password": PASSWORD})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    login(client, "drafter_a")
    refused = client.post("/plans/save", json={"document": mini_data()})
    assert refused.status_code == 400


def test_session_cookie_is_httponly_and_samesite(client: FlaskClient, world: World) -> None:
    token = csrf_token(client)
    response = client.post(
        "/auth/login", data={"username": "drafter_a", "password": PASSWORD, "csrf_token": token}
    )
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_upload_over_20_mb_gets_the_413_page(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    big = b"x" * (20 * 1024 * 1024 + 10)
    response = client.post(
        "/reviews/", data=big, headers={"X-CSRFToken": token, "Content-Type": "application/octet-stream"}
    )
    assert response.status_code == 413
    assert "quá lớn" in response.get_data(as_text=True)


def test_unknown_page_is_a_vietnamese_404(client: FlaskClient, world: World) -> None:
    login(client, "drafter_a")
    response = client.get("/khong-co")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.get_data(as_text=True)


def test_open_redirect_after_login_is_ignored(client: FlaskClient, world: World) -> None:
    token = csrf_token(client)
    response = client.post(
        "/auth/login?next=https://evil.example/",
        data={"username": "drafter_a", "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/plans/"


def test_changes_and_sign_ins_are_audited_and_only_admins_read_the_log(
    app: Flask, client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_a")
    doc = mini_data()
    doc["issuer"]["level"] = "commune"
    saved = post_json(client, "/plans/save", {"document": doc}, token)
    assert saved.status_code == 200, saved.get_json()
    assert client.get("/admin/audit").status_code == 403
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "admin")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "drafter_a" in page
    assert ">Tạo kế hoạch<" in page  # in words; the code ("create") stays in the title
    assert ">Đăng nhập<" in page
    assert "tài khoản" in page  # object type "user" in words
    with app.app_context(), sessions()() as session:
        admin = session.get(type(world.admin), world.admin.id)
        assert admin is not None
        actions = [e.action for e in store.audit_log(session, admin)]
    assert actions[:4] == ["login", "logout", "create", "login"]


def test_a_crash_shows_the_vietnamese_500_page_without_details(app: Flask, world: World) -> None:
    def boom() -> str:
        raise RuntimeError("secret internals")

    app.add_url_rule("/boom", view_func=boom)
    client = app.test_client()
    response = client.get("/boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Lỗi máy chủ" in body
    assert "secret internals" not in body


def test_admin_creates_accounts_in_their_branch_only(client: FlaskClient, world: World) -> None:
    token = login(client, "admin")
    page = client.get("/admin/users").get_data(as_text=True)
    assert "drafter_c" in page
    created = client.post(
        "/admin/users",
        data={
            "username": "moi",
            "agency_id": str(world.commune_b.id),
            "role": "drafter",
            "csrf_token": token,
        },
        follow_redirects=True,
    )
    assert "moi / " in created.get_data(as_text=True)
    client.post("/auth/logout", data={"csrf_token": token})
    token = login(client, "drafter_a")
    assert client.get("/admin/users").status_code == 403
    refused = client.post(
        "/admin/users", data={"username": "x", "agency_id": "1", "role": "admin", "csrf_token": token}
    )
    assert refused.status_code == 403

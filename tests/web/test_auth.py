"""Sign-in hardening: redirects only to this site, sessions that end on the server, tokens that
expire or die with a disabled account, throttled sign-in, the Secure cookie switch, the
user's own password and the audit log by branch."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.security import check_password_hash

from app.services import accounts
from app.storage.tables import User, utcnow
from app.web import create_app
from app.web.database import sessions
from tests.storage.builders import FAST_HASH, PASSWORD, World
from tests.web.conftest import csrf_token, login


def sign_in(
    client: FlaskClient, username: str, password: str = PASSWORD, query: str = ""
) -> tuple[int, str, str]:
    token = csrf_token(client)
    response = client.post(
        f"/auth/login{query}", data={"username": username, "password": password, "csrf_token": token}
    )
    return response.status_code, response.headers.get("Location", ""), response.get_data(as_text=True)


def with_user(app: Flask, username: str) -> User:
    with app.app_context(), sessions()() as session:
        row = session.query(User).filter_by(username=username).one()
        session.expunge(row)
        return row


@pytest.mark.parametrize(
    "target",
    [
        "/%09/evil.example",
        "/\t/evil.example",
        "//evil.example",
        "///evil.example",
        "\\\\evil.example",
        "/\\evil.example",
        "/%5Cevil.example",
        "/%0A/evil.example",
        "https://evil.example/",
        "http:evil.example",
        "javascript:alert(1)",
        " //evil.example",
    ],
)
def test_next_never_leaves_the_site(client: FlaskClient, world: World, target: str) -> None:
    status, location, _ = sign_in(client, "drafter_a", query=f"?next={target}")
    assert status == 302
    assert location == "/plans/"
    assert urlsplit(urljoin("http://localhost/auth/login", location)).netloc == "localhost"


def test_next_keeps_a_path_of_this_site(client: FlaskClient, world: World) -> None:
    _, location, _ = sign_in(client, "drafter_a", query="?next=/plans/%3Fyear%3D2026")
    assert location == "/plans/?year=2026"


def test_a_cookie_copied_before_logout_no_longer_works(app: Flask, client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    copied = client.get_cookie("session")
    assert copied is not None
    assert client.get("/plans/").status_code == 200
    client.post("/auth/logout", data={"csrf_token": token})
    thief = app.test_client()
    thief.set_cookie("session", copied.value)
    response = thief.get("/plans/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_disabling_ends_the_users_session_and_token_at_once(
    app: Flask, client: FlaskClient, world: World
) -> None:
    login(client, "drafter_a")
    with app.app_context(), sessions()() as session:
        row = session.query(User).filter_by(username="drafter_a").one()
        api_token = accounts.issue_token(session, row)
    headers = {"Authorization": f"Bearer {api_token}"}
    assert app.test_client().get("/api/plans", headers=headers).status_code == 200
    admin = app.test_client()
    admin_csrf = login(admin, "admin")
    admin.post(f"/admin/users/{world.drafter_a.id}/disable", data={"csrf_token": admin_csrf})
    assert client.get("/plans/").status_code == 302
    assert app.test_client().get("/api/plans", headers=headers).status_code == 401
    status, _, body = sign_in(app.test_client(), "drafter_a")
    assert status == 401
    assert "Tài khoản đã bị khóa" in body


def test_api_tokens_expire(app: Flask, world: World) -> None:
    with app.app_context(), sessions()() as session:
        row = session.query(User).filter_by(username="drafter_a").one()
        api_token = accounts.issue_token(session, row)
        row.token_issued_at = utcnow() - dt.timedelta(days=accounts.DEFAULT_TOKEN_DAYS, minutes=1)
        session.commit()
    response = app.test_client().get("/api/plans", headers={"Authorization": f"Bearer {api_token}"})
    assert response.status_code == 401


def test_the_token_lifetime_is_a_setting(app: Flask, world: World) -> None:
    app.config["API_TOKEN_DAYS"] = 1
    with app.app_context(), sessions()() as session:
        row = session.query(User).filter_by(username="drafter_a").one()
        api_token = accounts.issue_token(session, row)
        row.token_issued_at = utcnow() - dt.timedelta(days=2)
        session.commit()
    response = app.test_client().get("/api/plans", headers={"Authorization": f"Bearer {api_token}"})
    assert response.status_code == 401
    page = app.test_client()
    login(page, "drafter_a")
    assert "hiệu lực 1 ngày" in page.get("/auth/token").get_data(as_text=True)


def test_wrong_passwords_then_the_right_one_are_throttled(client: FlaskClient, world: World) -> None:
    for _ in range(5):
        status, _, body = sign_in(client, "drafter_a", "sai-mat-khau")
        assert status == 401
        assert "Sai tên đăng nhập hoặc mật khẩu" in body
    status, _, body = sign_in(client, "drafter_a")
    assert status == 429
    assert "vui lòng chờ 15 phút rồi thử lại" in body


def test_an_unknown_name_is_hashed_like_a_known_one(
    monkeypatch: pytest.MonkeyPatch, client: FlaskClient, world: World
) -> None:
    hashed: list[str] = []

    def spy(pwhash: str, password: str) -> bool:
        hashed.append(pwhash)
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", spy)
    status, _, _ = sign_in(client, "khong-co-ai", "sai-mat-khau")
    assert status == 401
    assert len(hashed) == 1


def test_secure_cookies_are_a_switch_off_by_default(
    monkeypatch: pytest.MonkeyPatch, client: FlaskClient, world: World, app: Flask
) -> None:
    def session_cookie(target: FlaskClient) -> str:
        token = csrf_token(target)
        response = target.post(
            "/auth/login", data={"username": "drafter_a", "password": PASSWORD, "csrf_token": token}
        )
        return next(v for k, v in response.headers.items() if k == "Set-Cookie" and v.startswith("session="))

    assert "Secure" not in session_cookie(client)
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    secure = create_app({**app.config, "AUTO_UPGRADE": False})
    try:
        assert secure.config["SESSION_COOKIE_SECURE"] is True
        assert "Secure" in session_cookie(secure.test_client())
    finally:
        secure.extensions["kehoach_engine"].dispose()


def test_own_password_change_needs_the_current_one(app: Flask, client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")
    other = app.test_client()
    login(other, "drafter_a")  # the same user on another machine
    refused = client.post(
        "/auth/password",
        data={
            "old_password": "sai",
            "new_password": "mat-khau-moi",
            "confirm_password": "mat-khau-moi",
            "csrf_token": token,
        },
    )
    assert refused.status_code == 400
    assert "Mật khẩu hiện tại không đúng" in refused.get_data(as_text=True)
    changed = client.post(
        "/auth/password",
        data={
            "old_password": PASSWORD,
            "new_password": "mat-khau-moi",
            "confirm_password": "mat-khau-moi",
            "csrf_token": token,
        },
        follow_redirects=True,
    )
    assert "Đã đổi mật khẩu" in changed.get_data(as_text=True)
    assert client.get("/plans/").status_code == 200  # this session goes on
    assert other.get("/plans/").status_code == 302  # the other one has ended
    assert sign_in(app.test_client(), "drafter_a")[0] == 401
    assert sign_in(app.test_client(), "drafter_a", "mat-khau-moi")[0] == 302


def test_the_audit_page_shows_an_admin_their_branch_only(app: Flask, world: World) -> None:
    with app.app_context(), sessions()() as session:
        district = session.get(type(world.district), world.district.id)
        assert district is not None
        accounts.add_user(session, "admin_vc", PASSWORD, district, "admin", hash_method=FAST_HASH)
        session.commit()
    login(app.test_client(), "drafter_a")  # the district's commune
    login(app.test_client(), "drafter_c")  # another district
    page = app.test_client()
    login(page, "admin_vc")
    body = page.get("/admin/audit").get_data(as_text=True)
    assert "drafter_a" in body
    assert "drafter_c" not in body
    top = app.test_client()
    login(top, "admin")
    assert "drafter_c" in top.get("/admin/audit").get_data(as_text=True)

"""The admin's pages for the agency tree and accounts, and the issue's walk without a browser:
an admin adds a commune and a drafter, who signs in with the printed password and changes it."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from app.services import accounts
from app.storage.tables import Agency, PlanRecord, User
from app.web.database import sessions
from tests.storage.builders import FAST_HASH, PASSWORD, World
from tests.web.conftest import csrf_token, login


def flashes(response_text: str) -> list[str]:
    return re.findall(r'<div class="flash flash-\w+[^"]*"[^>]*>([^<]*)</div>', response_text)


def post(client: FlaskClient, path: str, token: str, **data: str) -> str:
    response = client.post(path, data={**data, "csrf_token": token}, follow_redirects=True)
    assert response.status_code == 200, response.status_code
    return " | ".join(flashes(response.get_data(as_text=True)))


def agency_id(app: Flask, name: str) -> int:
    with app.app_context(), sessions()() as session:
        found = session.query(Agency).filter(Agency.name == name).one()
        return found.id


def test_admin_adds_a_commune_and_a_drafter_who_signs_in_and_changes_the_password(
    app: Flask, client: FlaskClient, world: World
) -> None:
    token = login(client, "admin")
    page = client.get("/admin/agencies").get_data(as_text=True)
    assert "Huyện Vĩnh Cửu" not in page  # names as they are written
    assert "— Ủy ban nhân dân huyện Vĩnh Cửu" in page
    message = post(
        client,
        "/admin/agencies",
        token,
        name="Ủy ban nhân dân\nxã Vĩnh Tân",
        place="Vĩnh Tân",
        level="commune",
        parent_id=str(world.district.id),
    )
    assert "Đã thêm cơ quan: Ủy ban nhân dân xã Vĩnh Tân" in message
    commune = agency_id(app, "Ủy ban nhân dân\nxã Vĩnh Tân")
    message = post(
        client,
        "/admin/users",
        token,
        username="vinhtan",
        full_name="Lê Thị Hoa",
        agency_id=str(commune),
        role="drafter",
    )
    found = re.search(r"vinhtan / (\S+)", message)
    assert found, message
    printed = found.group(1)
    client.post("/auth/logout", data={"csrf_token": token})

    drafter = FlaskClient(app, use_cookies=True)
    signed = drafter.post(
        "/auth/login",
        data={"username": "vinhtan", "password": printed, "csrf_token": csrf_token(drafter)},
        follow_redirects=True,
    )
    body = signed.get_data(as_text=True)
    assert "Đã đăng nhập" in body
    assert "xã Vĩnh Tân" in body  # the header names their agency
    assert "Đổi mật khẩu" in body
    token = csrf_token(drafter, "/auth/password")
    message = post(
        drafter,
        "/auth/password",
        token,
        old_password=printed,
        new_password="mat-khau-rieng-cua-hoa",
        confirm_password="mat-khau-rieng-cua-hoa",
    )
    assert "Đã đổi mật khẩu" in message
    again = app.test_client()
    old = again.post(
        "/auth/login", data={"username": "vinhtan", "password": printed, "csrf_token": csrf_token(again)}
    )
    assert old.status_code == 401
    new = again.post(
        "/auth/login",
        data={"username": "vinhtan", "password": "mat-khau-rieng-cua-hoa", "csrf_token": csrf_token(again)},
    )
    assert new.status_code == 302


def test_admin_pages_rename_merge_move_and_import(app: Flask, client: FlaskClient, world: World) -> None:
    token = login(client, "admin")
    message = post(
        client,
        "/admin/agencies/rename",
        token,
        agency_id=str(world.commune_c.id),
        name="Ủy ban nhân dân\nxã Phú Lợi Mới",
    )
    assert "Đã đổi tên cơ quan: Ủy ban nhân dân xã Phú Lợi Mới" in message
    message = post(
        client,
        "/admin/agencies/move",
        token,
        agency_id=str(world.district.id),
        parent_id=str(world.commune_a.id),
    )
    assert "Không thể đặt cơ quan vào dưới chính nó" in message
    message = post(
        client,
        "/admin/agencies/move",
        token,
        agency_id=str(world.commune_c.id),
        parent_id=str(world.district.id),
    )
    assert "Đã chuyển cơ quan" in message
    message = post(
        client,
        "/admin/agencies/merge",
        token,
        merged_id=str(world.commune_c.id),
        kept_id=str(world.commune_b.id),
    )
    assert "Đã sáp nhập: 0 kế hoạch và 1 tài khoản chuyển sang Ủy ban nhân dân xã Tân An" in message
    with app.app_context(), sessions()() as session:
        moved = session.query(User).filter_by(username="drafter_c").one()
        assert moved.agency_id == world.commune_b.id
        assert session.get(Agency, world.commune_c.id) is None
    message = post(client, "/admin/agencies/import", token, province="Đồng Nai")
    assert re.search(r"Đã nhập Ủy ban nhân dân tỉnh Đồng Nai theo danh mục: thêm \d+ cơ quan", message)
    message = post(client, "/admin/agencies/import", token, province="Atlantis")
    assert "Atlantis" in message
    audit = client.get("/admin/audit").get_data(as_text=True)
    for words in ("Đổi tên cơ quan", "Chuyển cơ quan", "Sáp nhập cơ quan", "Nhập tỉnh theo danh mục"):
        assert words in audit


def test_a_merge_moves_the_plans_of_the_merged_commune(app: Flask, client: FlaskClient, world: World) -> None:
    from app.services import plans_store as store
    from tests.storage.builders import plan_for

    with app.app_context(), sessions()() as session:
        drafter = session.query(User).filter_by(username="drafter_a").one()
        commune = session.get(Agency, world.commune_a.id)
        assert commune is not None
        saved = store.save_plan(session, drafter, plan_for(commune))
        session.commit()
        plan_id = saved.record.id
    token = login(client, "admin")
    message = post(
        client,
        "/admin/agencies/merge",
        token,
        merged_id=str(world.commune_a.id),
        kept_id=str(world.commune_b.id),
    )
    assert "1 kế hoạch và 1 tài khoản" in message
    with app.app_context(), sessions()() as session:
        record = session.get(PlanRecord, plan_id)
        assert record is not None
        assert record.agency_id == world.commune_b.id
    kept_drafter = app.test_client()
    login(kept_drafter, "drafter_b")
    assert kept_drafter.get(f"/plans/{plan_id}").status_code == 200


def test_a_district_admin_cannot_reach_outside_the_branch(app: Flask, world: World) -> None:
    with app.app_context(), sessions()() as session:
        district = session.get(Agency, world.district.id)
        assert district is not None
        accounts.add_user(session, "admin_vc", PASSWORD, district, "admin", hash_method=FAST_HASH)
        session.commit()
    client = app.test_client()
    token = login(client, "admin_vc")
    page = client.get("/admin/agencies").get_data(as_text=True)
    assert "xã Phú Lợi" not in page
    assert "tỉnh Đồng Nai" not in page
    refusals = [
        post(client, "/admin/agencies/rename", token, agency_id=str(world.commune_c.id), name="X"),
        post(
            client,
            "/admin/agencies/merge",
            token,
            merged_id=str(world.commune_a.id),
            kept_id=str(world.commune_c.id),
        ),
        post(
            client,
            "/admin/agencies/move",
            token,
            agency_id=str(world.commune_a.id),
            parent_id=str(world.other_district.id),
        ),
        post(client, "/admin/agencies/import", token, province="Đồng Nai"),
        post(client, f"/admin/users/{world.drafter_c.id}/reset", token),
        post(client, f"/admin/users/{world.drafter_c.id}/disable", token),
        post(client, f"/admin/users/{world.admin.id}/role", token, role="drafter"),
        post(
            client, "/admin/users", token, username="moi", agency_id=str(world.commune_c.id), role="drafter"
        ),
    ]
    for message in refusals:
        assert "ngoài phạm vi quản lý của bạn" in message, message
    with app.app_context(), sessions()() as session:
        assert session.query(User).filter_by(username="moi").first() is None
        admin = session.query(User).filter_by(username="admin").one()
        assert admin.role == "admin"


def test_admin_changes_roles_resets_and_disables_accounts(
    app: Flask, client: FlaskClient, world: World
) -> None:
    token = login(client, "admin")
    drafter = app.test_client()
    login(drafter, "drafter_a")
    message = post(client, f"/admin/users/{world.drafter_a.id}/role", token, role="reviewer")
    assert "Đã đổi vai trò" in message
    assert drafter.get("/plans/").status_code == 302  # pages under the old role end
    message = post(client, f"/admin/users/{world.drafter_a.id}/reset", token)
    found = re.search(r"drafter_a / (\S+)", message)
    assert found, message
    fresh = app.test_client()
    response = fresh.post(
        "/auth/login",
        data={"username": "drafter_a", "password": found.group(1), "csrf_token": csrf_token(fresh)},
    )
    assert response.status_code == 302
    assert "Đã khóa tài khoản" in post(client, f"/admin/users/{world.drafter_a.id}/disable", token)
    assert fresh.get("/plans/").status_code == 302
    page = client.get("/admin/users").get_data(as_text=True)
    assert "Đã khóa" in page
    assert "Mở khóa" in page
    assert "Đã mở khóa tài khoản" in post(client, f"/admin/users/{world.drafter_a.id}/enable", token)
    message = post(client, f"/admin/users/{world.admin.id}/disable", token)
    assert "Không tự khóa" in message

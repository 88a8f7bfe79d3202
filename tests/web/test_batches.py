"""Batch pages: start from a stored parent and an uploaded list, progress, download, storage."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.jobs import huey
from app.services import plans_store as store
from app.storage.tables import PlanRecord, PlanVersion, User
from app.web.database import sessions
from tests.storage.builders import World, plan_for
from tests.web.conftest import login

LIST = (
    "Tên;Loại;Người ký;Chức vụ;Trọng số\nThạnh Phú;xã;Lê Văn A;Chủ tịch;3\nTân An;xã;Trần B;Phó Chủ tịch;1\n"
)


@pytest.fixture
def immediate() -> Iterator[None]:
    """Run queued tasks at once, in this process (Huey's immediate mode, in-memory queue)."""
    huey.immediate = True
    yield
    huey.immediate = False


def _stored_parent(app: Flask, world: World) -> int:
    with app.app_context(), sessions()() as session:
        author = session.get(User, world.admin.id)
        assert author is not None
        plan = plan_for(world.district)
        saved = store.save_plan(session, author, plan, status="issued", agency_id=world.district.id)
        return int(saved.record.id)


def _start(
    client: FlaskClient,
    token: str,
    parent_id: int,
    content: str,
    name: str = "xa.csv",
    date: str = "2020-02-01",
    **fields: str,
) -> object:
    """Post the batch form; the world's parent is a district plan of 2019, its list the old units."""
    fields.setdefault("accept_old_units", "1")
    return client.post(
        "/batches/",
        data={
            "csrf_token": token,
            "parent_id": str(parent_id),
            "date": date,
            "communes": (io.BytesIO(content.encode("utf-8")), name),
            **{k: v for k, v in fields.items() if v},
        },
        content_type="multipart/form-data",
    )


def test_batch_from_the_web_renders_stores_and_downloads(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    assert "Tạo kế hoạch cho từng xã" in client.get("/batches/").get_data(as_text=True)
    response = _start(client, token, parent_id, LIST)
    assert response.status_code == 302  # type: ignore[attr-defined]
    page_url = response.headers["Location"]  # type: ignore[attr-defined]
    page = client.get(page_url).get_data(as_text=True)
    assert "Lô kế hoạch" in page
    status = client.get(f"{page_url}/status.json").get_json()
    assert (status["state"], status["done"], status["total"], status["failed"]) == ("done", 2, 2, [])
    bundle = client.get(f"{page_url}/bundle.zip")
    assert bundle.status_code == 200
    data = bundle.data
    bundle.close()  # send_file streams the file: close it as a WSGI server would
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["xa-thanh-phu.docx", "xa-tan-an.docx", "tong-hop.xlsx"]
    with app.app_context(), sessions()() as session:
        children = session.query(PlanRecord).filter(PlanRecord.parent_id == parent_id).all()
        assert sorted(c.issuer_name for c in children) == [
            "Ủy ban nhân dân xã Thạnh Phú",
            "Ủy ban nhân dân xã Tân An",
        ]
        assert all(c.current_version == 1 for c in children)
        versions = session.query(PlanVersion).filter(PlanVersion.plan_id.in_([c.id for c in children])).all()
        shares = sorted(v.document["sections"][1]["targets"][0]["value"] for v in versions)
    assert shares == [275, 825]  # 1.100 lượt người shared 3:1


def test_bad_list_is_shown_with_every_problem_and_nothing_starts(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    response = _start(client, token, parent_id, "Tên;Người ký;Chức vụ;Trọng số\n;A;Chủ tịch;x\n")
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "dòng 2, cột Tên" in page
    assert "dòng 2, cột Trọng số" in page
    assert not list((Path(app.instance_path) / "jobs").glob("*"))


def test_someone_elses_job_is_not_found(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    page_url = _start(client, token, parent_id, LIST).headers["Location"]  # type: ignore[attr-defined]
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "admin")
    assert client.get(page_url).status_code == 404
    assert client.get(f"{page_url}/bundle.zip").status_code == 404


def test_a_queued_job_shows_pending_and_can_be_cancelled(
    app: Flask, client: FlaskClient, world: World
) -> None:
    from app.services import batch_jobs
    from tests.jobs.test_jobs import _communes

    parent = plan_for(world.district)
    root = Path(app.instance_path) / "jobs"
    folder = batch_jobs.JobFolder.create(
        root, parent, _communes(3), None, owner={"user_id": world.district_drafter.id}
    )
    token = login(client, "district_drafter")
    status = client.get(f"/batches/{folder.id}/status.json").get_json()
    assert (status["state"], status["done"], status["total"]) == ("pending", 0, 3)
    assert "Hủy lô" in client.get(f"/batches/{folder.id}").get_data(as_text=True)
    assert client.post(f"/batches/{folder.id}/cancel", data={"csrf_token": token}).status_code == 302
    assert client.get(f"/batches/{folder.id}/status.json").get_json()["state"] == "cancelled"
    assert batch_jobs.run_chunk(folder, 0) == 0  # a worker picking it up now does nothing
    assert client.get(f"/batches/{folder.id}/bundle.zip").status_code == 404


def _province_parent(app: Flask, world: World) -> int:
    """A province plan of 2026 (two-level government), issued by UBND tỉnh Đồng Nai."""
    with app.app_context(), sessions()() as session:
        author = session.get(User, world.admin.id)
        assert author is not None
        plan = plan_for(world.province, date="2026-01-15")
        return int(store.save_plan(session, author, plan, status="issued").record.id)


def test_an_older_parents_list_of_old_units_needs_the_checkbox(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    old_list = "Tên;Người ký;Chức vụ\nThị trấn Vĩnh An;A;Chủ tịch\nTân An;B;Chủ tịch\n"
    response = _start(client, token, parent_id, old_list, accept_old_units="")
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "dòng 2, cột Loại" in page, "no thị trấn since 1/7/2025"
    assert "Chấp nhận đơn vị hành chính cũ" in page
    assert not list((Path(app.instance_path) / "jobs").glob("*"))


def test_a_list_of_a_2026_parent_names_the_abolished_unit_and_the_likely_commune(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _province_parent(app, world)
    token = login(client, "admin")
    content = "Tên;Người ký;Chức vụ\nThị trấn Tân Phú;A;Chủ tịch\nTrị Ann;B;Chủ tịch\n"
    response = _start(client, token, parent_id, content, date="2026-03-01")
    assert response.status_code == 400, "the checkbox does not accept old units after 1/7/2025"  # type: ignore[attr-defined]
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert "dòng 2, cột Loại: Loại đơn vị đã bãi bỏ từ 01/7/2025" in page
    assert "Có phải: Xã Tân Phú?" in page
    assert "dòng 3, cột Tên" in page
    assert "Có phải: Xã Trị An?" in page
    assert not list((Path(app.instance_path) / "jobs").glob("*"))


def test_every_commune_of_the_province_without_a_list(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _province_parent(app, world)
    token = login(client, "admin")
    assert "Tất cả xã, phường của tỉnh" in client.get("/batches/").get_data(as_text=True)
    response = client.post(
        "/batches/",
        data={"csrf_token": token, "parent_id": str(parent_id), "source": "all", "date": "2026-03-01"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    status = client.get(f"{response.headers['Location']}/status.json").get_json()
    assert status["failed"][:1] == []
    assert (status["state"], status["done"], status["total"]) == ("done", 95, 95)
    bundle = client.get(f"{response.headers['Location']}/bundle.zip")
    data = bundle.data
    bundle.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {"xa-tri-an.docx", "phuong-tran-bien.docx", "tong-hop.xlsx"} <= set(archive.namelist())


def test_every_commune_and_a_file_together_is_refused(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _province_parent(app, world)
    token = login(client, "admin")
    response = _start(client, token, parent_id, LIST, source="all")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Chọn một trong hai" in response.get_data(as_text=True)  # type: ignore[attr-defined]

"""Batch pages as an officer reads them: states in Vietnamese words, dates day first, a
warning with the command to run when no worker runs; and no password in a job's file."""

from __future__ import annotations

import json
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.engine import make_url

from app import jobs
from app.services import batch_jobs
from app.storage.tables import PlanRecord
from app.web import create_app
from app.web.database import sessions
from tests.jobs.test_jobs import _communes
from tests.storage.builders import World, build_world, plan_for
from tests.storage.databases import PG_URL, require_postgres
from tests.web.conftest import login
from tests.web.test_batches import LIST, _start, _stored_parent, immediate

__all__ = ["immediate"]  # the fixture, used by name below
NO_WORKER = "Chưa có tiến trình xử lý nào chạy"


def _queued_job(app: Flask, world: World) -> batch_jobs.JobFolder:
    """A job waiting for a worker (created directly: nothing is put on a queue)."""
    root = Path(app.instance_path) / "jobs"
    return batch_jobs.JobFolder.create(
        root, plan_for(world.district), _communes(3), None, owner={"user_id": world.district_drafter.id}
    )


def test_states_are_vietnamese_words_and_dates_day_first(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    page_url = _start(client, token, parent_id, LIST, date="01/02/2020").headers["Location"]  # type: ignore[attr-defined]
    show = client.get(page_url).get_data(as_text=True)
    assert '<b id="state">Hoàn thành</b>' in show
    assert "ngày ban hành 01/02/2020" in show
    index = client.get("/batches/").get_data(as_text=True)
    listing = index[index.index("Các lô gần đây") :]
    assert "<td>Hoàn thành</td>" in listing
    assert "<td>done</td>" not in listing
    created = listing.split("</a></td>", 1)[1].split("</td>", 1)[0]
    assert created.strip().removeprefix("<td>")[2] == "/", created  # 03/12/2026 14:05
    status = client.get(f"{page_url}/status.json").get_json()
    assert status["state_name"] == "Hoàn thành"
    job_id = page_url.rstrip("/").rsplit("/", 1)[1]
    meta = json.loads((Path(app.instance_path) / "jobs" / job_id / "job.json").read_text(encoding="utf-8"))
    assert meta["date"] == "2020-02-01"


def test_a_bad_date_is_named_beside_its_field_and_the_choices_are_kept(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    response = _start(client, token, parent_id, LIST, date="31/02/2020", pdf="")
    assert response.status_code == 400  # type: ignore[attr-defined]
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert 'id="date-error">Ngày không có thật' in page
    assert 'value="31/02/2020"' in page
    assert f'value="{parent_id}" selected' in page
    assert "Danh sách xã có lỗi" not in page  # the list was fine
    assert 'type="date"' not in page  # the browser's box showed mm/dd/yyyy
    assert not list((Path(app.instance_path) / "jobs").glob("2*"))


def test_the_pages_say_when_no_worker_runs_with_the_command_to_start_one(
    app: Flask, client: FlaskClient, world: World
) -> None:
    folder = _queued_job(app, world)
    login(client, "district_drafter")
    page = client.get(f"/batches/{folder.id}").get_data(as_text=True)
    assert NO_WORKER in page
    assert "kehoach worker" in page
    assert "kehoach serve" in page
    assert 'id="no-worker" hidden' not in page
    assert NO_WORKER in client.get("/batches/").get_data(as_text=True)
    assert client.get(f"/batches/{folder.id}/status.json").get_json()["worker_running"] is False
    jobs.Heartbeat(Path(app.instance_path) / "jobs").beat()  # as a running worker does
    page = client.get(f"/batches/{folder.id}").get_data(as_text=True)
    assert 'id="no-worker" hidden' in page
    assert NO_WORKER not in client.get("/batches/").get_data(as_text=True)
    assert client.get(f"/batches/{folder.id}/status.json").get_json()["worker_running"] is True


def test_a_waiting_job_reads_waiting_with_no_rate_from_its_queueing(
    app: Flask, client: FlaskClient, world: World
) -> None:
    folder = _queued_job(app, world)
    login(client, "district_drafter")
    page = client.get(f"/batches/{folder.id}").get_data(as_text=True)
    assert '<b id="state">Đang chờ</b>' in page
    assert '<span id="rate">0,0</span> xã/giây' in page


def _password_url() -> str:
    """The test server's URL in the README's form (postgresql://user:password@host/db)."""
    url = make_url(PG_URL)
    if not url.password:
        url = url._replace(password="s3cret-pw")  # the local server trusts 127.0.0.1
    return url._replace(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
def pg_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    require_postgres()
    url = _password_url()
    monkeypatch.setenv("DATABASE_URL", url)  # the worker's own configuration
    schema = f"t_{uuid.uuid4().hex[:12]}"
    libpq = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url, "DATABASE_SCHEMA": schema}
    )
    app.instance_path = str(tmp_path / "instance")
    try:
        yield app
    finally:
        app.extensions["kehoach_engine"].dispose()
        from app.services.batch_store import dispose_engines

        dispose_engines()
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.postgres
def test_a_job_file_never_holds_the_database_password(pg_app: Flask, immediate: None) -> None:
    with pg_app.app_context(), sessions()() as session:
        world = build_world(session)
        session.expunge_all()
    client = pg_app.test_client()
    parent_id = _stored_parent(pg_app, world)
    token = login(client, "district_drafter")
    response = _start(client, token, parent_id, LIST)
    assert response.status_code == 302, response.get_data(as_text=True)  # type: ignore[attr-defined]
    (job,) = (Path(pg_app.instance_path) / "jobs").glob("2*/job.json")
    password = make_url(_password_url()).password
    assert password
    assert password not in job.read_text(encoding="utf-8")
    assert json.loads(job.read_text(encoding="utf-8"))["owner"]["database_url"] is None
    assert stat.S_IMODE(job.stat().st_mode) == 0o600
    status = client.get(f"/batches/{job.parent.name}/status.json").get_json()
    assert (status["state"], status["done"]) == ("done", 2)  # the worker found the database itself
    with pg_app.app_context(), sessions()() as session:
        assert session.query(PlanRecord).filter(PlanRecord.parent_id == parent_id).count() == 2


def test_a_form_error_is_said_in_vietnamese_only(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    token = login(client, "district_drafter")
    response = _start(client, token, parent_id, LIST, date="31/02/2020", pdf="")
    page = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert 'id="date-error">Ngày không có thật: 31/02/2020<' in page
    assert "No such date" not in page

"""The batch pages with a job that cannot run: listed and shown as failed with the reason,
never an error page; an impossible job id is simply not found."""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from app.services import batch_jobs
from tests.jobs.test_jobs import _communes
from tests.storage.builders import World, plan_for
from tests.web.conftest import login


def test_a_broken_job_of_mine_is_listed_and_shown_failed_with_its_reason(
    app: Flask, client: FlaskClient, world: World
) -> None:
    root = Path(app.instance_path) / "jobs"
    owner = {"user_id": world.district_drafter.id}
    folder = batch_jobs.JobFolder.create(root, plan_for(world.district), _communes(2), None, owner=owner)
    meta = json.loads((folder.path / "job.json").read_text(encoding="utf-8"))
    del meta["parent"]  # what a disk filling up mid-write, or a hand edit, may leave
    (folder.path / "job.json").write_text(json.dumps(meta), encoding="utf-8")
    login(client, "district_drafter")

    index = client.get("/batches/")
    assert index.status_code == 200
    assert folder.id in index.get_data(as_text=True)
    page = client.get(f"/batches/{folder.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Không chạy được: lô bị hỏng" in text
    assert "Không đọc được lô" in text
    status = client.get(f"/batches/{folder.id}/status.json").get_json()
    assert status["state"] == "failed"
    assert status["error"].startswith("Không đọc được lô")
    assert client.get(f"/batches/{folder.id}/bundle.zip").status_code == 404


def test_an_unreadable_job_of_nobody_known_is_not_shown_and_does_not_break_the_page(
    app: Flask, client: FlaskClient, world: World
) -> None:
    garbage = Path(app.instance_path) / "jobs" / "20260101-000000-0000000a"
    garbage.mkdir(parents=True)
    (garbage / "job.json").write_text('{"owner": {"user_id": ', encoding="utf-8")
    login(client, "district_drafter")
    assert client.get("/batches/").status_code == 200
    assert client.get(f"/batches/{garbage.name}").status_code == 404  # its owner is unknown


def test_a_job_id_of_3000_characters_is_not_found(client: FlaskClient, world: World) -> None:
    login(client, "district_drafter")
    assert client.get(f"/batches/{'a' * 3000}").status_code == 404
    assert client.get(f"/batches/{'a' * 3000}/status.json").status_code == 404

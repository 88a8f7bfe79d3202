"""POST /api/batches and GET /api/batches/<id>: a script starts a batch, follows it, downloads
its ZIP; errors name the field in Vietnamese; another user's batch is not found."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import servers
from tests.conftest import SAMPLES
from tests.storage.builders import World
from tests.web.test_api import _token
from tests.web.test_batches import LIST, _stored_parent, immediate

__all__ = ["immediate"]  # the fixture, used by name below


def _post(client: FlaskClient, auth: dict[str, str], **fields: Any) -> Any:
    data = {k: v for k, v in fields.items() if v is not None}
    return client.post("/api/batches", data=data, headers=auth, content_type="multipart/form-data")


def _list(content: str = LIST) -> tuple[io.BytesIO, str]:
    return io.BytesIO(content.encode("utf-8")), "xa.csv"


def test_a_batch_started_through_the_api_runs_and_its_zip_downloads(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)
    auth = _token(app, "district_drafter")
    started = _post(
        client, auth, parent_id=str(parent_id), communes=_list(), date="01/02/2020", accept_old_units="true"
    )
    assert started.status_code == 202, started.get_json()
    job_id = started.get_json()["id"]
    assert started.headers["Location"].endswith(f"/api/batches/{job_id}")
    status = client.get(f"/api/batches/{job_id}", headers=auth).get_json()
    assert (status["state"], status["done"], status["total"], status["failures"]) == ("done", 2, 2, [])
    assert status["bundle_url"] == f"/api/batches/{job_id}/bundle.zip"
    bundle = client.get(status["bundle_url"], headers=auth)
    assert bundle.status_code == 200
    data = bundle.data
    bundle.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "tong-hop.xlsx" in archive.namelist()


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"communes": "list"}, "parent_id", "Hãy chọn kế hoạch cấp trên"),
        ({"parent_id": "abc", "communes": "list"}, "parent_id", "Hãy chọn kế hoạch cấp trên"),
        ({"parent_id": "P"}, "communes", "trong trường «communes», hoặc all=true"),
        ({"parent_id": "P", "communes": "list", "all": "true"}, "communes", "không gửi cả hai"),
        ({"parent_id": "P", "all": "maybe"}, "all", "Giá trị phải là true hoặc false"),
        ({"parent_id": "P", "communes": "list", "pdf": "2"}, "pdf", "Giá trị phải là true hoặc false"),
        ({"parent_id": "P", "communes": "list", "date": "31/02/2020"}, "date", "Ngày không có thật"),
        ({"parent_id": "P", "communes": "list", "date": "20 tháng 1"}, "date", "ngày/tháng/năm"),
        ({"parent_id": "P", "communes": "doc"}, "communes", "chỉ nhận tệp .xlsx hoặc .csv"),
        ({"parent_id": "P", "communes": "bad"}, "communes", "dòng 2, cột Tên"),
    ],
)
def test_errors_are_400_json_naming_the_field_in_vietnamese(
    app: Flask,
    client: FlaskClient,
    world: World,
    immediate: None,
    fields: dict[str, str],
    field: str,
    words: str,
) -> None:
    parent_id = _stored_parent(app, world)
    auth = _token(app, "district_drafter")
    sent: dict[str, Any] = {
        k: v.replace("P", str(parent_id)) if k == "parent_id" else v for k, v in fields.items()
    }
    files = {"list": _list(), "doc": (io.BytesIO(b"x"), "xa.docx"), "bad": _list("Tên;Trọng số\n;x\n")}
    if "communes" in sent:
        sent["communes"] = files[sent["communes"]]
    sent.setdefault("accept_old_units", "true")
    response = _post(client, auth, **sent)
    assert response.status_code == 400, response.get_json()
    body = response.get_json()
    assert words in " ".join(body["errors"][field])
    assert f"{field}: " in body["message"]
    assert body["message"].startswith("Chưa tạo lô")
    assert not list((Path(app.instance_path) / "jobs").glob("2*"))


def test_every_bad_field_is_named_at_once(app: Flask, client: FlaskClient, world: World) -> None:
    auth = _token(app, "district_drafter")
    body = _post(client, auth, parent_id="x", all="maybe", date="31/02/2020").get_json()
    assert set(body["errors"]) == {"parent_id", "all", "communes", "date"}


def test_another_users_batch_and_a_parent_out_of_reach_are_not_found(
    app: Flask, client: FlaskClient, world: World, immediate: None
) -> None:
    parent_id = _stored_parent(app, world)  # the district's plan
    mine = _token(app, "district_drafter")
    job_id = _post(
        client, mine, parent_id=str(parent_id), communes=_list(), accept_old_units="true"
    ).get_json()["id"]
    other_branch = _token(app, "drafter_c")  # a commune of the other district
    for path in (f"/api/batches/{job_id}", f"/api/batches/{job_id}/bundle.zip", "/api/batches/nope"):
        response = client.get(path, headers=other_branch)
        assert response.status_code == 404, path
        assert "Không tìm thấy" in response.get_json()["message"]
    refused = _post(client, other_branch, parent_id=str(parent_id), communes=_list(), accept_old_units="true")
    assert refused.status_code == 404
    assert client.get(f"/api/batches/{job_id}").status_code == 401  # no token, no session


def test_the_openapi_document_describes_the_batch_endpoints(client: FlaskClient, world: World) -> None:
    spec = client.get("/api/openapi.json").get_json()
    start = spec["paths"]["/api/batches"]["post"]
    form = start["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(form["properties"]) >= {"parent_id", "communes", "all", "date", "pdf"}
    assert "202" in start["responses"]
    status = spec["paths"]["/api/batches/{job_id}"]["get"]
    schema_ref = status["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = spec["components"]["schemas"][schema_ref.rsplit("/", 1)[1]]
    assert schema["properties"]["state"]["enum"] == ["queued", "running", "done", "failed", "cancelled"]
    assert {"done", "total", "failures", "bundle_url"} <= set(schema["properties"])
    assert "/api/batches/{job_id}/bundle.zip" in spec["paths"]


@pytest.mark.slow
def test_a_script_starts_a_batch_follows_it_with_a_real_worker_and_downloads_the_zip(tmp_path: Path) -> None:
    """What an office's script does against `kehoach serve` (web and worker, over HTTP)."""
    with servers.serving(tmp_path) as server:
        api_token = servers.token(server.instance)
        plans = servers.call(f"{server.base}/api/plans", api_token).json()
        (parent,) = [p for p in plans if p["level"] == "province" and "Đồng Nai" in p["issuer_name"]]
        body, kind = servers.multipart(
            {"parent_id": str(parent["id"]), "date": "2026-01-20"},
            {"communes": ("communes.xlsx", (SAMPLES / "communes_example.xlsx").read_bytes())},
        )
        started = servers.call(f"{server.base}/api/batches", api_token, body, kind)
        assert started.status == 202, started.body.decode()
        url = f"{server.base}{started.json()['url']}"
        seen_states = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            status = servers.call(url, api_token).json()
            seen_states.append(status["state"])
            if status["state"] not in ("queued", "running"):
                break
            time.sleep(0.2)
        assert status["state"] == "done", (status, server.output())
        assert (status["done"], status["total"], status["failures"]) == (5, 5, [])
        assert status["worker_running"] is True
        assert set(seen_states) <= {"queued", "running", "done"}
        bundle = servers.call(f"{server.base}{status['bundle_url']}", api_token)
        assert bundle.status == 200
        assert bundle.headers["Content-Type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(bundle.body)) as archive:
            names = archive.namelist()
        assert len([n for n in names if n.endswith(".docx")]) == 5
        assert "tong-hop.xlsx" in names

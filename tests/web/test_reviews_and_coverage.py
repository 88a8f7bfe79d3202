"""Review uploads, the coverage board, child plans and downloads through the test client."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from flask import Flask
from flask.testing import FlaskClient

from app.planfile.load import plan_from_data
from app.render.docx import render_docx
from app.services import accounts
from app.storage.tables import User
from app.web.database import sessions
from tests.conftest import need_tool
from tests.storage.builders import World
from tests.web.conftest import login, post_json, submit_and_approve

PARENT_TARGETS = [
    {
        "id": "t1",
        "text": "100% xã tổ chức ít nhất 01 hoạt động truyền thông về phòng, chống mại dâm trong năm.",
        "value": 100,
        "unit": "%",
        "level": "commune",
    },
    {
        "id": "t2",
        "text": "Giảm tỷ lệ tái nghiện ở người sau cai nghiện ma túy xuống dưới 8%.",
        "comparator": "less_than",
        "value": 8,
        "unit": "%",
        "level": "commune",
    },
]
SIGNER = {"name": "Nguyễn Văn An", "title": "CHỦ TỊCH", "authority": ["TM. ỦY BAN NHÂN DÂN"]}


def district_plan(world: World) -> dict[str, Any]:
    return {
        "id": "vinh-cuu-2026",
        "number": 12,
        "symbol": "KH-UBND",
        "date": "2026-01-20",
        "issuer": {
            "name": world.district.name,
            "abbreviation": "UBND",
            "level": "district",
            "place": "Vĩnh Cửu",
        },
        "subject": "Phòng, chống tệ nạn xã hội năm 2026",
        "sections": [{"title": "Mục tiêu", "kind": "objectives", "targets": PARENT_TARGETS}],
        "signer": SIGNER,
    }


def commune_draft(world: World, targets: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "thanh-phu-2026",
        "number": 3,
        "symbol": "KH-UBND",
        "date": "2026-02-01",
        "issuer": {
            "name": world.commune_a.name,
            "abbreviation": "UBND",
            "level": "commune",
            "place": "Thạnh Phú",
        },
        "subject": "Phòng, chống tệ nạn xã hội trên địa bàn xã năm 2026",
        "references": [{"relation": "implements", "number": "12", "symbol": "KH-UBND", "date": "2026-01-20"}],
        "sections": [{"title": "Mục tiêu", "kind": "objectives", "targets": targets}],
        "signer": SIGNER,
    }


@pytest.fixture
def issued_parent(app: Flask, client: FlaskClient, world: World) -> int:
    token = login(client, "district_drafter")
    saved = post_json(client, "/plans/save", {"document": district_plan(world)}, token).get_json()
    submit_and_approve(app, client, token, saved["plan_id"], 1)
    client.post("/auth/logout", data={"csrf_token": token})
    return int(saved["plan_id"])


def test_uploaded_docx_draft_missing_a_target_is_flagged(
    client: FlaskClient, world: World, issued_parent: int
) -> None:
    token = login(client, "drafter_a")
    draft = render_docx(plan_from_data(commune_draft(world, PARENT_TARGETS[:1])))
    response = client.post(
        "/reviews/",
        data={
            "draft": (io.BytesIO(draft), "du-thao.docx"),
            "parent_id": str(issued_parent),
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert 'data-status="missing"' in page
    assert "tái nghiện" in page
    found = re.search(r"/reviews/([0-9a-f]+)/report\.docx", page)
    assert found
    review_id = found.group(1)
    # the report is served from the stored review, not by reading the upload again
    folder = Path(client.application.instance_path) / "reviews" / review_id
    assert (folder / "review.json").exists()
    for upload in folder.glob("draft*"):
        upload.unlink()
    report = client.get(f"/reviews/{review_id}/report.docx")
    assert report.status_code == 200
    note = docx.Document(io.BytesIO(report.data))
    cells = [c.text for t in note.tables for row in t.rows for c in row.cells]
    assert any("tái nghiện" in text for text in [p.text for p in note.paragraphs] + cells)
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "drafter_b")
    assert client.get(f"/reviews/{review_id}/report.docx").status_code == 404


def test_review_with_an_uploaded_parent_and_bad_inputs(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_a")

    parent = yaml.safe_dump(district_plan(world), allow_unicode=True).encode()
    child = yaml.safe_dump(commune_draft(world, PARENT_TARGETS), allow_unicode=True).encode()
    ok = client.post(
        "/reviews/",
        data={
            "draft": (io.BytesIO(child), "c.yaml"),
            "parent_file": (io.BytesIO(parent), "p.yaml"),
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    assert ok.status_code == 200
    assert 'data-status="missing"' not in ok.get_data(as_text=True)
    bad = client.post(
        "/reviews/",
        data={
            "draft": (io.BytesIO(b"MZ..."), "virus.exe"),
            "parent_file": (io.BytesIO(parent), "p.yaml"),
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    assert bad.status_code == 400
    assert "DOCX, PDF" in bad.get_data(as_text=True)
    no_parent = client.post(
        "/reviews/",
        data={"draft": (io.BytesIO(child), "c.yaml"), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert no_parent.status_code == 400
    assert "cấp trên" in no_parent.get_data(as_text=True)


def test_child_plan_is_derived_and_shown_on_the_coverage_board(
    client: FlaskClient, world: World, issued_parent: int
) -> None:
    token = login(client, "drafter_a")
    response = client.post(f"/plans/{issued_parent}/derive", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/edit")
    child_id = int(response.headers["Location"].split("/")[-2])
    again = client.post(f"/plans/{issued_parent}/derive", data={"csrf_token": token})
    assert again.headers["Location"] == response.headers["Location"]  # opened, not duplicated
    assert "đã có kế hoạch thực hiện" in client.get(again.headers["Location"]).get_data(as_text=True)
    child = client.get(f"/api/plans/{child_id}").get_json()
    targets = [t for s in child["document"]["sections"] for t in s.get("targets", [])]
    assert {t.get("parent_target") for t in targets} >= {"t1", "t2"}
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "reviewer")
    board = client.get(f"/plans/{issued_parent}/coverage").get_data(as_text=True)
    assert "Thạnh Phú" in board
    assert 'data-status="covered"' in board
    assert "<svg" in board
    api = client.get(f"/api/plans/{issued_parent}/coverage").get_json()
    assert len(api["rows"]) == 2
    assert api["children"][0]["id"] == child_id


@pytest.mark.libreoffice
def test_pdf_download(client: FlaskClient, world: World, issued_parent: int) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    login(client, "district_drafter")
    response = client.get(f"/plans/{issued_parent}/download.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")


def test_api_reviews_an_uploaded_draft_with_a_token(
    app: Flask, client: FlaskClient, world: World, issued_parent: int
) -> None:
    with app.app_context(), sessions()() as session:
        token = accounts.issue_token(session, session.query(User).filter_by(username="drafter_a").one())
    draft = render_docx(plan_from_data(commune_draft(world, PARENT_TARGETS[:1])))
    response = client.post(
        f"/api/plans/{issued_parent}/review",
        data={"draft": (io.BytesIO(draft), "du-thao.docx")},
        headers={"Authorization": f"Bearer {token}"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200, response.get_json()
    statuses = {m["status"] for m in response.get_json()["mandates"]}
    assert statuses == {"covered", "missing"}


def test_only_a_plan_from_above_can_be_implemented(
    client: FlaskClient, world: World, issued_parent: int
) -> None:
    token = login(client, "district_drafter")
    assert "Tạo kế hoạch thực hiện" not in client.get(f"/plans/{issued_parent}").get_data(as_text=True)
    assert client.post(f"/plans/{issued_parent}/derive", data={"csrf_token": token}).status_code == 403


def test_coverage_board_of_a_plan_without_mandates_for_its_children_says_so(
    app: Flask, client: FlaskClient, world: World
) -> None:
    token = login(client, "district_drafter")
    own = district_plan(world)
    own["sections"][0]["targets"] = [dict(t, level="district") for t in PARENT_TARGETS]
    saved = post_json(client, "/plans/save", {"document": own}, token).get_json()
    submit_and_approve(app, client, token, saved["plan_id"], 1)
    client.post("/auth/logout", data={"csrf_token": token})
    token = login(client, "drafter_a")
    assert client.post(f"/plans/{saved['plan_id']}/derive", data={"csrf_token": token}).status_code == 302
    board = client.get(f"/plans/{saved['plan_id']}/coverage").get_data(as_text=True)
    assert "data-empty-board" in board
    assert "không giao chỉ tiêu" in board
    assert "<svg" not in board

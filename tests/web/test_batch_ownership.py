"""Batch plans belong to their communes: stored under the commune's agency (found by name, or
created below the parent's), edited and issued by the commune's drafter, counted once on the
province's coverage board however many batches and hand-made plans there are."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.jobs import huey
from app.planfile.load import dump_plan, load_plan, plan_from_data
from app.services import accounts, batch_store
from app.services import plans_store as store
from app.storage.tables import Agency, PlanRecord, PlanVersion, User
from app.web.database import sessions
from tests.storage.builders import FAST_HASH, PASSWORD, World
from tests.web.conftest import login, post_json, submit_and_approve

PARENT = Path(__file__).resolve().parents[1] / "data" / "batch" / "parent.yaml"
QUOTA = "t-tinh-cai-nghien-300"  # 300 lượt người; the appendix gives Trị An 120, Phú Lý 100
# Real communes of Đồng Nai since 1/7/2025; Tân An is the world's commune_b (under a district of
# the older chain), Trị An and Phú Lý have no agency yet.
LIST = (
    "Tên;Loại;Người ký;Chức vụ;Trọng số\n"
    "Trị An;xã;Trần Thị Bình;Phó Chủ tịch;1\n"
    "Phú Lý;xã;Nguyễn Văn Hùng;Chủ tịch;1\n"
    "Tân An;xã;Lê Văn An;Chủ tịch;1\n"
)


@pytest.fixture
def immediate() -> Iterator[None]:
    """Run queued tasks at once, in this process (Huey's immediate mode, in-memory queue)."""
    huey.immediate = True
    yield
    huey.immediate = False
    batch_store.dispose_engines()  # the connections the jobs opened to this test's database


@pytest.fixture
def province_parent(app: Flask, world: World) -> int:
    """The province plan 45/KH-UBND, issued, and a drafter of the province to run batches."""
    with app.app_context(), sessions()() as session:
        province = session.get(Agency, world.province.id)
        assert province is not None
        accounts.add_user(session, "province_drafter", PASSWORD, province, "drafter", hash_method=FAST_HASH)
        session.commit()
        admin = session.get(User, world.admin.id)  # the province's plan, loaded by its admin
        assert admin is not None
        saved = store.save_plan(session, admin, load_plan(PARENT), status="issued")
        return int(saved.record.id)


def stored_as_before(session: Any, author: User, plan: Any, parent_id: int) -> None:
    """What an older batch stored: a commune's plan under the province's own agency, its
    header naming the commune (a save now writes the agency's own header, so it is written
    here as the old code did)."""
    record = PlanRecord(
        agency_id=author.agency_id, current_version=1, **store._columns(plan, "draft", parent_id)
    )
    session.add(record)
    session.flush()
    document = dump_plan(plan)
    session.add(
        PlanVersion(plan_id=record.id, version=1, document=document, author_id=author.id, note="batch")
    )
    session.commit()


def start_batch(client: FlaskClient, token: str, parent_id: int, date: str, content: str = LIST) -> str:
    """Start a batch through the form; returns the job page's URL once it has run."""
    response = client.post(
        "/batches/",
        data={
            "csrf_token": token,
            "parent_id": str(parent_id),
            "date": date,
            "communes": (io.BytesIO(content.encode("utf-8")), "xa.csv"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    url: str = response.headers["Location"]
    status = client.get(f"{url}/status.json").get_json()
    assert (status["state"], status["failed"]) == ("done", []), status
    return url


def children(app: Flask, parent_id: int) -> dict[str, tuple[int, int, str, int]]:
    """The stored plans implementing the parent: issuer -> (plan id, agency id, status, version);
    fails when an issuer has two, so duplicates never hide."""
    with app.app_context(), sessions()() as session:
        rows = session.query(PlanRecord).filter(PlanRecord.parent_id == parent_id).all()
        out = {r.issuer_name: (r.id, r.agency_id, r.status, r.current_version) for r in rows}
        assert len(out) == len(rows), sorted(r.issuer_name for r in rows)
        return out


def agency_named(app: Flask, name: str) -> Agency:
    with app.app_context(), sessions()() as session:
        found = [a for a in session.query(Agency).all() if a.name.split("\n")[-1] == name]
        assert len(found) == 1, [a.name for a in found]
        session.expunge(found[0])
        return found[0]


def document(app: Flask, plan_id: int, version: int | None = None) -> dict[str, Any]:
    with app.app_context(), sessions()() as session:
        record = session.get(PlanRecord, plan_id)
        assert record is not None
        row = (
            session.query(PlanVersion)
            .filter_by(plan_id=plan_id, version=version or record.current_version)
            .one()
        )
        return copy.deepcopy(row.document)


def quota_target(doc: dict[str, Any]) -> dict[str, Any]:
    def walk(sections: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for section in sections:
            yield from section.get("targets", [])
            yield from walk(section.get("sections", []))

    (target,) = [t for t in walk(doc["sections"]) if t.get("parent_target") == QUOTA]
    return target


def with_share(doc: dict[str, Any], value: int) -> dict[str, Any]:
    """The document with its share of the quota set to ``value`` (figure and sentence)."""
    target = quota_target(doc)
    target["text"] = target["text"].replace(str(int(target["value"])), str(value))
    target["value"] = value
    return doc


def csrf(client: FlaskClient) -> str:
    """The CSRF token of the signed-in page, for the next post."""
    page = client.get("/plans/").get_data(as_text=True)
    found = re.search(r'name="csrf-token" content="([^"]+)"', page)
    assert found
    return found.group(1)


def board_quota(client: FlaskClient, parent_id: int) -> dict[str, Any]:
    api = client.get(f"/api/plans/{parent_id}/coverage").get_json()
    (quota,) = [q for q in api["quotas"] if q["id"] == QUOTA]
    return {"children": api["children"], **quota}


def test_batch_plans_are_stored_under_each_communes_own_agency(
    app: Flask, client: FlaskClient, world: World, province_parent: int, immediate: None
) -> None:
    token = login(client, "province_drafter")
    start_batch(client, token, province_parent, "2026-02-01")
    stored = children(app, province_parent)
    assert sorted(stored) == [
        "Ủy ban nhân dân xã Phú Lý",
        "Ủy ban nhân dân xã Trị An",
        "Ủy ban nhân dân xã Tân An",
    ]
    # Tân An was found (under its district, by name); Trị An and Phú Lý were created below the
    # province, named as the seed names agencies.
    assert stored["Ủy ban nhân dân xã Tân An"][1] == world.commune_b.id
    tri_an = agency_named(app, "xã Trị An")
    assert (tri_an.parent_id, tri_an.level, tri_an.place) == (world.province.id, "commune", "Trị An")
    assert stored["Ủy ban nhân dân xã Trị An"][1] == tri_an.id
    assert {v[2:] for v in stored.values()} == {("draft", 1)}

    tan_an = stored["Ủy ban nhân dân xã Tân An"][0]
    client.post("/auth/logout", data={"csrf_token": token})
    token = login(client, "drafter_b")  # Tân An's own drafter: sees and may edit it
    assert client.get(f"/plans/{tan_an}").status_code == 200
    assert client.get(f"/plans/{tan_an}/edit").status_code == 200
    assert f"/plans/{tan_an}" in client.get("/plans/").get_data(as_text=True)
    # "Tạo kế hoạch thực hiện" on the province plan opens the batch draft, not a second plan
    derive = client.post(f"/plans/{province_parent}/derive", data={"csrf_token": token})
    assert derive.headers["Location"].endswith(f"/plans/{tan_an}/edit")
    assert len(children(app, province_parent)) == 3
    client.post("/auth/logout", data={"csrf_token": csrf(client)})
    login(client, "drafter_a")  # another commune: not found
    assert client.get(f"/plans/{tan_an}").status_code == 404


def test_running_the_batch_again_updates_the_communes_drafts_instead_of_adding_plans(
    app: Flask, client: FlaskClient, world: World, province_parent: int, immediate: None
) -> None:
    token = login(client, "province_drafter")
    start_batch(client, token, province_parent, "2026-02-01")
    first = children(app, province_parent)
    start_batch(client, token, province_parent, "2026-02-01")  # same list, same date
    assert children(app, province_parent) == first  # nothing new, not even a version
    start_batch(client, token, province_parent, "2026-03-02")  # a new date: a new version
    again = children(app, province_parent)
    assert {k: v[:3] for k, v in again.items()} == {k: v[:3] for k, v in first.items()}
    assert {v[3] for v in again.values()} == {2}
    tri_an = again["Ủy ban nhân dân xã Trị An"][0]
    assert document(app, tri_an, 1)["date"] != document(app, tri_an, 2)["date"]
    history = client.get(f"/plans/{tri_an}/history").get_data(as_text=True)
    assert "Tạo theo lô từ kế hoạch cấp trên" in history


def test_the_board_shows_one_column_per_commune_and_sums_each_quota_once(
    app: Flask, client: FlaskClient, world: World, province_parent: int, immediate: None
) -> None:
    """The issue's board: Trị An and Phú Lý twice (plans an older batch stored under the
    province, then this batch's) and "580 received, 0 short" when the communes hold 280.

    Stored: the older batch's plans of Trị An (120) and Phú Lý (100) under the province's own
    agency, two batches (Trị An 120, Phú Lý 100, Tân An 80: 300), and Tân An's own plan, made
    by hand and issued, which carries 60. Counted once each, with Tân An's issued plan before
    its draft: 120 + 100 + 60 = 280, 20 short; summed plan by plan: 580."""
    token = login(client, "province_drafter")
    start_batch(client, token, province_parent, "2026-02-01")
    batch = children(app, province_parent)
    with app.app_context(), sessions()() as session:  # what the batch used to store
        author = session.query(User).filter_by(username="province_drafter").one()
        for unit in ("Ủy ban nhân dân xã Trị An", "Ủy ban nhân dân xã Phú Lý"):
            old = plan_from_data(document(app, batch[unit][0]))
            stored_as_before(session, author, old, province_parent)
    start_batch(client, token, province_parent, "2026-03-02")
    client.post("/auth/logout", data={"csrf_token": token})

    token = login(client, "drafter_b")
    own = with_share(document(app, batch["Ủy ban nhân dân xã Tân An"][0]), 60)
    own.update(id="tan-an-tu-soan-2026", number=7)
    saved = post_json(client, "/plans/save", {"document": own, "parent_id": province_parent}, token)
    assert saved.status_code == 200, saved.get_json()
    hand_made = saved.get_json()["plan_id"]
    submit_and_approve(app, client, token, hand_made, 1, approver="reviewer")
    client.post("/auth/logout", data={"csrf_token": token})

    with app.app_context(), sessions()() as session:
        stored = session.query(PlanRecord).filter(PlanRecord.parent_id == province_parent).all()
        shares = [quota_target(document(app, r.id))["value"] for r in stored]
    assert (len(stored), sum(shares)) == (6, 580)  # what the board summed before

    login(client, "province_drafter")
    quota = board_quota(client, province_parent)
    assert (quota["required"], quota["total"], quota["shortfall"]) == (300, 280, 20)
    columns = {c["issuer"]: (c["id"], c["draft"]) for c in quota["children"]}
    assert columns == {
        "Ủy ban nhân dân xã Trị An": (batch["Ủy ban nhân dân xã Trị An"][0], True),
        "Ủy ban nhân dân xã Phú Lý": (batch["Ủy ban nhân dân xã Phú Lý"][0], True),
        "Ủy ban nhân dân xã Tân An": (hand_made, False),
    }
    page = client.get(f"/plans/{province_parent}/coverage").get_data(as_text=True)
    assert page.count("<th><a href=") == 3
    assert page.count("data-draft") == 2
    assert "<td>280</td><td>20</td>" in re.sub(r"\s+", "", page)


def test_a_commune_drafter_edits_and_issues_the_batch_draft_and_the_board_counts_it_once(
    app: Flask, client: FlaskClient, world: World, province_parent: int, immediate: None
) -> None:
    """Done when (issue 10): a commune drafter signs in, finds the batch draft of their commune,
    edits and issues it; the province's board counts it once."""
    token = login(client, "province_drafter")
    start_batch(client, token, province_parent, "2026-02-01")
    client.post("/auth/logout", data={"csrf_token": token})

    token = login(client, "drafter_b")
    listing = client.get("/plans/?status=draft").get_data(as_text=True)
    found = re.findall(r'href="/plans/(\d+)"', listing)
    assert len(set(found)) == 1, "the commune sees its own batch draft, and only it"
    plan_id = int(found[0])
    page = client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert "xã Tân An" in page
    edited = with_share(document(app, plan_id), 90)  # the commune takes on more than its 80
    edited.update(number=5, signer=dict(edited["signer"], name="Lê Văn An"))
    saved = post_json(
        client, "/plans/save", {"document": edited, "plan_id": plan_id, "base_version": 1}, token
    )
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["version"] == 2
    assert submit_and_approve(app, client, token, plan_id, 2, approver="reviewer") == 4
    assert "Đã ban hành" in client.get(f"/plans/{plan_id}").get_data(as_text=True)
    client.post("/auth/logout", data={"csrf_token": token})

    token = login(client, "province_drafter")
    assert client.get(f"/plans/{plan_id}").status_code == 200  # the province sees its child's plan
    assert client.get(f"/plans/{plan_id}/edit").status_code == 403  # but does not edit it
    start_batch(client, token, province_parent, "2026-03-02")  # a later batch leaves it alone
    stored = children(app, province_parent)
    assert stored["Ủy ban nhân dân xã Tân An"] == (plan_id, world.commune_b.id, "issued", 4)
    quota = board_quota(client, province_parent)
    assert [c["issuer"] for c in quota["children"]].count("Ủy ban nhân dân xã Tân An") == 1
    assert {c["id"]: c["draft"] for c in quota["children"]}[plan_id] is False
    assert (quota["total"], quota["shortfall"]) == (310, 0)  # 120 + 100 + 90
    assert quota["shares"][edited["id"]] == 90

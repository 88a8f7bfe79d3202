"""Several parents and stale reviews on the web (issue 12 parts 4 and 5): a plan's parents
page, the coverage board of each parent, "cần rà soát lại" on the child's page once a parent
is amended, and the review against each parent that clears it."""

from __future__ import annotations

import copy
import re
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.storage.builders import World
from tests.web.conftest import login, post_json, submit_and_approve
from tests.web.test_reviews_and_coverage import district_plan


def _second_plan(world: World) -> dict[str, Any]:
    plan = district_plan(world)
    plan.update(id="vinh-cuu-2026-b", number=13, subject="Hỗ trợ nạn nhân bị mua bán năm 2026")
    plan["sections"][0]["targets"] = [
        {
            "id": "b1",
            "text": "100% xã có tổ tư vấn hỗ trợ nạn nhân bị mua bán trở về.",
            "value": 100,
            "unit": "%",
            "level": "commune",
        }
    ]
    return plan


def _issue(app: Flask, client: FlaskClient, document: dict[str, Any]) -> int:
    token = login(client, "district_drafter")
    saved = post_json(client, "/plans/save", {"document": document}, token).get_json()
    submit_and_approve(app, client, token, saved["plan_id"], 1)
    client.post("/auth/logout", data={"csrf_token": token})
    return int(saved["plan_id"])


def _derive(client: FlaskClient, parent: int) -> tuple[str, int]:
    token = login(client, "drafter_a")
    response = client.post(f"/plans/{parent}/derive", data={"csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return token, int(response.headers["Location"].split("/")[-2])


def test_a_plan_of_two_parents_is_on_both_coverage_boards(
    app: Flask, client: FlaskClient, world: World
) -> None:
    one, two = _issue(app, client, district_plan(world)), _issue(app, client, _second_plan(world))
    token, child = _derive(client, one)
    page = client.get(f"/plans/{child}/parents").get_data(as_text=True)
    assert re.findall(r'data-parent="(\d+)"', page) == [str(one)]
    response = client.post(
        f"/plans/{child}/parents", data={"parent_id": [str(one), str(two)], "csrf_token": token}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    page = client.get(f"/plans/{child}/parents").get_data(as_text=True)
    assert re.findall(r'data-parent="(\d+)"', page) == [str(one), str(two)]
    bad = client.post(f"/plans/{child}/parents", data={"parent_id": ["x"], "csrf_token": token})
    assert bad.status_code == 400
    client.post("/auth/logout", data={"csrf_token": token})
    login(client, "reviewer")
    for parent in (one, two):
        board = client.get(f"/plans/{parent}/coverage").get_data(as_text=True)
        assert "Thạnh Phú" in board, parent


def test_an_amended_parent_marks_the_child_stale_until_it_is_reviewed_again(
    app: Flask, client: FlaskClient, world: World
) -> None:
    one, two = _issue(app, client, district_plan(world)), _issue(app, client, _second_plan(world))
    token, child = _derive(client, one)
    client.post(f"/plans/{child}/parents", data={"parent_id": [str(one), str(two)], "csrf_token": token})
    assert "data-stale" not in client.get(f"/plans/{child}").get_data(as_text=True)
    client.post("/auth/logout", data={"csrf_token": token})

    # the district amends its plan: the relapse rate to bring below 8% is now below 6%
    token = login(client, "district_drafter")
    response = client.post(f"/plans/{one}/amend", data={"csrf_token": token})
    amendment = int(response.headers["Location"].split("/")[-2])
    document = copy.deepcopy(district_plan(world))
    document.update(id="vinh-cuu-2026-sua-doi", number=14)
    document["sections"][0]["targets"][1].update(value=6, text="Giảm tỷ lệ tái nghiện xuống dưới 6%.")
    saved = post_json(
        client, "/plans/save", {"document": document, "plan_id": amendment, "base_version": 1}, token
    )
    assert saved.status_code == 200, saved.get_json()
    submit_and_approve(app, client, token, amendment, saved.get_json()["version"])
    client.post("/auth/logout", data={"csrf_token": token})

    token = login(client, "drafter_a")
    page = client.get(f"/plans/{child}").get_data(as_text=True)
    assert "Cần rà soát lại" in page
    assert re.findall(r'data-change="(\w+)" data-mandate="([\w.-]+)"', page) == [("stricter", "t2")]
    result = client.post(f"/plans/{child}/parents/review", data={"csrf_token": token})
    assert result.status_code == 200, result.get_data(as_text=True)
    body = result.get_data(as_text=True)
    assert re.findall(r'data-review-parent="(\d+)"', body) == [str(one), str(two)]
    assert "data-stale" not in body
    assert "data-stale" not in client.get(f"/plans/{child}").get_data(as_text=True)

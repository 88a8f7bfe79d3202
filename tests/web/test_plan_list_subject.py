"""A long subject is shortened in the plan list: one plan's text must not make the page big."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.storage.builders import World
from tests.web.test_api import _doc, _token


def test_the_list_shows_a_shortened_subject(app: Flask, client: FlaskClient, world: World) -> None:
    auth = _token(app, "drafter_a")
    document = _doc(world)
    document["subject"] = "Thực hiện công tác phòng, chống tệ nạn xã hội " * 40  # 1,880 characters
    assert client.post("/api/plans", json={"document": document}, headers=auth).status_code == 201
    page = client.get("/plans/", headers=auth).get_data(as_text=True)
    assert document["subject"][:150] in page
    assert document["subject"].strip() not in page
    assert page.count("tệ nạn xã hội") < 10

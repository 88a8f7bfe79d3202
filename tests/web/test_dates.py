"""Dates written day first (ngày/tháng/năm) in the editor's documents, read by the server."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from app.web.dates import convert_dates, to_iso
from tests.storage.builders import World
from tests.web.conftest import login, post_json
from tests.web.test_reviews_and_coverage import district_plan


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("20/01/2026", "2026-01-20"),
        ("1/3/2025", "2025-03-01"),
        (" 05.11.2024 ", "2024-11-05"),
        ("2026-01-20", "2026-01-20"),
    ],
)
def test_day_first_dates_become_iso(typed: str, iso: str) -> None:
    assert to_iso(typed) == iso


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Ngày không có thật / No such date: 31/02/2026"),
        ("01/20/2026", "Ngày không có thật"),
        ("20 tháng 1", "ngày/tháng/năm"),
    ],
)
def test_unreadable_dates_are_named_in_vietnamese(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_iso(typed)


def test_every_date_field_is_converted_with_its_path() -> None:
    document = {
        "date": "20/01/2026",
        "references": [{"date": "1/2/2025"}, {"date": "32/1/2025"}],
        "subject": "x",
    }
    converted, errors = convert_dates(document)
    assert converted["date"] == "2026-01-20"
    assert converted["references"][0]["date"] == "2025-02-01"
    assert list(errors) == ["references[1].date"]
    assert document["date"] == "20/01/2026"  # the caller's document is left alone


def test_the_editor_saves_a_day_first_date_and_explains_a_bad_one(client: FlaskClient, world: World) -> None:
    token = login(client, "district_drafter")
    document: dict[str, Any] = district_plan(world) | {"date": "20/01/2026"}
    preview = client.post(
        "/plans/preview", json={"document": document}, headers={"X-CSRFToken": token, "Accept": "text/html"}
    )
    assert preview.status_code == 200
    assert "ngày 20 tháng 01 năm 2026" in preview.get_data(as_text=True)
    saved = post_json(client, "/plans/save", {"document": document}, token)
    assert saved.status_code == 200, saved.get_json()
    stored = client.get(f"/api/plans/{saved.get_json()['plan_id']}", headers={"Accept": "application/json"})
    assert stored.get_json()["document"]["date"] == "2026-01-20"

    bad = post_json(client, "/plans/save", {"document": document | {"date": "31/02/2026"}}, token)
    assert bad.status_code == 422
    assert bad.get_json()["errors"]["date"] == ["Ngày không có thật / No such date: 31/02/2026"]
    worse = post_json(client, "/plans/save", {"document": document | {"date": "hôm qua"}}, token)
    assert "ngày/tháng/năm" in worse.get_json()["errors"]["date"][0]
    assert "YYYY-MM-DD" not in str(worse.get_json())

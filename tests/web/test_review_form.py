"""The review page as an officer meets it (issue 11, part 5): input errors come back on the
form with the choices kept (before: a bare 400 page), and the result table shows no internal
ids of targets or tasks, and statuses in Vietnamese words."""

from __future__ import annotations

import io
import re

from flask.testing import FlaskClient

from tests.conftest import SAMPLES
from tests.storage.builders import World
from tests.web.conftest import login, post_json
from tests.web.test_plan_approval_views import _doc


def _visible(page: str) -> str:
    """The text a reader sees: tags (and their attributes) dropped."""
    return re.sub(r"<[^>]+>", " ", page)


def _stored_plan(client: FlaskClient, token: str, world: World) -> int:
    response = post_json(client, "/plans/save", {"document": _doc(world)}, token)
    assert response.status_code == 200
    return int(response.get_json()["plan_id"])


def test_a_review_without_a_draft_comes_back_to_the_form_with_the_choices_kept(
    client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_a")
    plan_id = _stored_plan(client, token, world)
    response = client.post(
        "/reviews/",
        data={
            "parent_id": str(plan_id),
            "parent_level": "district",
            "child_level": "commune",
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "data-form-error" in page
    assert "Hãy chọn tệp dự thảo" in page
    assert '<form method="post" enctype="multipart/form-data">' in page
    assert f'<option value="{plan_id}" selected>' in page
    assert '<option value="district" selected>' in page
    assert '<option value="commune" selected>' in page
    assert "/ Choose" not in page  # the officer reads Vietnamese only


def test_a_file_we_do_not_read_and_levels_that_do_not_fit_are_said_on_the_form(
    client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_a")
    plan_id = _stored_plan(client, token, world)
    wrong_type = client.post(
        "/reviews/",
        data={"draft": (io.BytesIO(b"MZ"), "du-thao.exe"), "parent_id": str(plan_id), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert wrong_type.status_code == 400
    assert "du-thao.exe" in wrong_type.get_data(as_text=True)
    assert "data-form-error" in wrong_type.get_data(as_text=True)
    inverted = client.post(
        "/reviews/",
        data={
            "draft": (io.BytesIO(b"x"), "du-thao.txt"),
            "parent_id": str(plan_id),
            "parent_level": "commune",
            "child_level": "province",
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    page = inverted.get_data(as_text=True)
    assert inverted.status_code == 400
    assert "data-form-error" in page
    assert '<option value="province" selected>' in page


def test_another_branchs_parent_is_still_not_found(client: FlaskClient, world: World) -> None:
    token = login(client, "drafter_c")
    theirs = _stored_plan(client, token, world)
    client.post("/auth/logout", data={"csrf_token": token})
    token = login(client, "drafter_a")
    response = client.post(
        "/reviews/",
        data={"draft": (io.BytesIO(b"x"), "du-thao.txt"), "parent_id": str(theirs), "csrf_token": token},
        content_type="multipart/form-data",
    )
    assert response.status_code == 404


def test_the_result_table_names_targets_by_their_text_not_their_ids(
    client: FlaskClient, world: World
) -> None:
    token = login(client, "drafter_a")
    parent = (SAMPLES / "family_tinh_2026.yaml").read_bytes()
    draft = (SAMPLES / "family_xa_b_2026.yaml").read_bytes()
    response = client.post(
        "/reviews/",
        data={
            "draft": (io.BytesIO(draft), "du-thao-phu-ly.yaml"),
            "parent_file": (io.BytesIO(parent), "ke-hoach-tinh.yaml"),
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    seen = _visible(page)
    assert "Tổ chức cai nghiện ma túy" in seen or "cai nghiện" in seen
    for code in ("t-tinh-cai-nghien-300", "b-truyen-thong-90", "nhiem-vu-giai-phap", "weaker", "missing"):
        assert code not in seen, code  # before: "CHỈ TIÊU › … › t-tinh-cai-nghien-300"
    assert "Yếu hơn" in seen
    assert "Phòng Văn hóa - Xã hội › Phòng Văn hóa - Xã hội" not in seen

"""End to end in a real Chromium: approval by level (issue 11, "Done when").

A commune drafter derives the commune's plan from the province plan 45/KH-UBND; the editor
opens on what they must fill (number, date, signer, recipients) with the parts taken from the
parent folded; they fill and submit it; the district's reviewer returns it with a comment,
which the drafter reads on the plan's page; the drafter fixes and submits again; the reviewer
issues it; the drafter can no longer edit it.

The accounts are made in the fixture (tests/storage/builders.py), not through the admin's
pages, which are being built at the same time (issue 11 part 2). With KEHOACH_SCREENSHOTS=1 the
editor's top and the plan page with the return comment are saved to app/web/static/screenshots/.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.planfile.load import load_plan
from app.services import plans_store as store
from app.web import create_app
from app.web.database import sessions
from tests.storage.builders import build_world
from tests.web.test_batch_ownership import PARENT
from tests.web.test_e2e_browser import chromium_browser, shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_browser"]  # the shared Chromium fixture, which pytest finds by this name
COMMENT = "Đề nghị ghi rõ người ký là Chủ tịch UBND xã và bổ sung nơi nhận UBND huyện."
VIEWPORT_HEIGHT = 768


@pytest.fixture
def approval_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The app on a real HTTP server with the province plan 45/KH-UBND issued (loaded by the
    province's admin) and the test world's accounts."""
    app = create_app({"SECRET_KEY": "e2e", "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.sqlite3'}"})
    app.instance_path = str(tmp_path / "instance")
    with app.app_context(), sessions()() as session:
        world = build_world(session)
        parent_id = store.save_plan(session, world.admin, load_plan(PARENT), status="issued").record.id
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", parent_id
    http.shutdown()
    thread.join(5)
    app.extensions["kehoach_engine"].dispose()


def _saved(page: object) -> None:
    page.click("#save")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('save-state').textContent.includes('Đã lưu')", timeout=15000
    )


def _editor_opens_on_what_to_fill(page: object) -> None:
    first = page.locator("#plan-form > details").first  # type: ignore[attr-defined]
    assert first.get_attribute("data-key") == "_must"
    assert first.get_attribute("open") is not None
    for path in ("number", "date", "signer.name", "signer.title"):
        box = page.locator(f'[data-path="{path}"]').bounding_box()  # type: ignore[attr-defined]
        assert box is not None
        assert box["y"] < VIEWPORT_HEIGHT, f"{path} is not on the first screen"
    labels = page.locator('#plan-form [data-field="signer.name"] span').inner_text()  # type: ignore[attr-defined]
    assert labels == "Họ và tên"
    assert page.locator('[data-field="signer.title"] span').inner_text() == "Chức vụ"  # type: ignore[attr-defined]
    assert page.locator('details[data-key="sections"]').get_attribute("open") is None  # type: ignore[attr-defined]
    assert page.locator('[data-path="id"]').count() == 0  # type: ignore[attr-defined]
    assert page.locator('[data-path="issuer.name"]').is_disabled()  # type: ignore[attr-defined]
    text = page.inner_text("#plan-form")  # type: ignore[attr-defined]
    assert "Mã" not in re.findall(r"\w+", text)
    assert "Tiêu đề" not in text


def test_derive_submit_return_fix_submit_issue_then_read_only(
    approval_server: tuple[str, int], chromium_browser: object
) -> None:
    base, parent_id = approval_server
    drafter = sign_in(chromium_browser, base, "drafter_a")  # Thạnh Phú's drafter
    drafter.goto(f"{base}/plans/{parent_id}")  # type: ignore[attr-defined]
    drafter.click("button:has-text('Tạo kế hoạch thực hiện')")  # type: ignore[attr-defined]
    drafter.wait_for_url("**/edit")  # type: ignore[attr-defined]
    drafter.wait_for_selector("#preview .paper, #preview .card")  # type: ignore[attr-defined]
    _editor_opens_on_what_to_fill(drafter)
    shot(drafter, "editor-top")
    plan_id = drafter.url.rstrip("/").split("/")[-2]  # type: ignore[attr-defined]
    drafter.fill('[data-path="number"]', "7")  # type: ignore[attr-defined]
    drafter.fill('[data-path="date"]', "16/02/2026")  # type: ignore[attr-defined]
    drafter.fill('[data-path="signer.name"]', "Nguyễn Văn An")  # type: ignore[attr-defined]
    _saved(drafter)
    drafter.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    drafter.click("button:has-text('Trình duyệt')")  # type: ignore[attr-defined]
    drafter.wait_for_selector("text=Đã trình duyệt kế hoạch")  # type: ignore[attr-defined]
    assert drafter.locator("a:has-text('Sửa')").count() == 0  # type: ignore[attr-defined]

    reviewer = sign_in(chromium_browser, base, "reviewer")  # the district's
    reviewer.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    reviewer.fill("textarea[name=comment]", COMMENT)  # type: ignore[attr-defined]
    reviewer.click("button:has-text('Trả lại để sửa')")  # type: ignore[attr-defined]
    reviewer.wait_for_selector("text=Đã trả lại kế hoạch")  # type: ignore[attr-defined]

    drafter.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    returned = drafter.locator("[data-returned]")  # type: ignore[attr-defined]
    assert COMMENT in returned.inner_text()
    shot(drafter, "plan-returned")
    drafter.click("a:has-text('Sửa')")  # type: ignore[attr-defined]
    drafter.wait_for_url("**/edit")  # type: ignore[attr-defined]
    drafter.click('[data-add="recipients"]')  # type: ignore[attr-defined]
    count = drafter.locator('[data-path^="recipients["]').count()  # type: ignore[attr-defined]
    drafter.fill(f'[data-path="recipients[{count - 1}]"]', "UBND huyện Vĩnh Cửu;")  # type: ignore[attr-defined]
    _saved(drafter)
    drafter.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    assert drafter.locator("[data-returned]").count() == 1  # type: ignore[attr-defined]
    drafter.click("button:has-text('Trình duyệt')")  # type: ignore[attr-defined]
    drafter.wait_for_selector("text=Đã trình duyệt kế hoạch")  # type: ignore[attr-defined]
    assert drafter.locator("[data-returned]").count() == 0  # type: ignore[attr-defined]

    reviewer.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    reviewer.click("button:has-text('Duyệt và ban hành')")  # type: ignore[attr-defined]
    reviewer.wait_for_selector("text=Đã duyệt và ban hành kế hoạch")  # type: ignore[attr-defined]

    drafter.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    assert "Đã ban hành" in drafter.inner_text(".page-head")  # type: ignore[attr-defined]
    assert drafter.locator("a:has-text('Sửa')").count() == 0  # type: ignore[attr-defined]
    assert "UBND huyện Vĩnh Cửu;" in drafter.inner_text(".paper")  # type: ignore[attr-defined]
    response = drafter.goto(f"{base}/plans/{plan_id}/edit")  # type: ignore[attr-defined]
    assert response.status == 403
    assert "đã ban hành nên không sửa được" in drafter.content()  # type: ignore[attr-defined]
    history = drafter.goto(f"{base}/plans/{plan_id}/history")  # type: ignore[attr-defined]
    assert history.status == 200
    steps = drafter.inner_text("table.grid")  # type: ignore[attr-defined]
    for note in ("Tạo từ kế hoạch cấp trên", "Trình duyệt", f"Trả lại để sửa: {COMMENT}", "Duyệt, ban hành"):
        assert note in steps

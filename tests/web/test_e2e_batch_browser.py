"""End to end in a real Chromium: the province runs a batch from the web page; the commune's
drafter signs in, finds the batch draft of their commune, edits and submits it, the province's
admin issues it; the province's coverage board shows it once, issued, beside the other communes' drafts."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.jobs import huey
from app.planfile.load import load_plan
from app.services import accounts, batch_store
from app.services import plans_store as store
from app.web import create_app
from app.web.database import sessions
from tests.storage.builders import FAST_HASH, PASSWORD, build_world
from tests.web.test_batch_ownership import LIST, PARENT
from tests.web.test_e2e_browser import chromium_browser, shot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["chromium_browser"]  # the shared Chromium fixture, which pytest finds by this name


@pytest.fixture
def batch_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """The app on a real HTTP server, with the province plan 45/KH-UBND issued and a drafter of
    the province; batches run at once in the server (Huey's immediate mode)."""
    app = create_app({"SECRET_KEY": "e2e", "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.sqlite3'}"})
    app.instance_path = str(tmp_path / "instance")
    with app.app_context(), sessions()() as session:
        world = build_world(session)
        accounts.add_user(
            session, "province_drafter", PASSWORD, world.province, "drafter", hash_method=FAST_HASH
        )
        session.commit()
        parent = load_plan(PARENT)  # issued by the province, loaded by its admin
        parent_id = store.save_plan(session, world.admin, parent, status="issued").record.id
    huey.immediate = True
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", parent_id
    http.shutdown()
    thread.join(5)
    huey.immediate = False
    batch_store.dispose_engines()
    app.extensions["kehoach_engine"].dispose()


def test_a_commune_drafter_issues_the_batch_draft_and_the_board_counts_it_once(
    batch_server: tuple[str, int], chromium_browser: object, tmp_path: Path
) -> None:
    base, parent_id = batch_server
    communes = tmp_path / "xa.csv"
    communes.write_text(LIST, encoding="utf-8")

    province = sign_in(chromium_browser, base, "province_drafter")
    province.goto(f"{base}/batches/")  # type: ignore[attr-defined]
    province.select_option("select[name=parent_id]", str(parent_id))  # type: ignore[attr-defined]
    province.set_input_files("input[name=communes]", str(communes))  # type: ignore[attr-defined]
    province.fill("input[name=date]", "2026-02-01")  # type: ignore[attr-defined]
    province.click("button:has-text('Tạo hàng loạt')")  # type: ignore[attr-defined]
    province.wait_for_selector("#download:not([hidden])")  # type: ignore[attr-defined]
    assert province.inner_text("#state") == "Hoàn thành"  # type: ignore[attr-defined]
    shot(province, "batch")

    commune = sign_in(chromium_browser, base, "drafter_b")  # Tân An's drafter
    rows = commune.locator("table tr:has-text('Dự thảo')")  # type: ignore[attr-defined]
    assert rows.count() == 1, "the commune's batch draft is in its list, and only it"
    rows.first.locator("a").first.click()
    commune.wait_for_url(re.compile(r".*/plans/\d+$"))  # type: ignore[attr-defined]
    url: str = commune.url  # type: ignore[attr-defined]
    plan_id = url.rstrip("/").split("/")[-1]
    assert "xã Tân An" in commune.inner_text("main")  # type: ignore[attr-defined]
    commune.click("a:has-text('Sửa')")  # type: ignore[attr-defined]
    commune.wait_for_url("**/edit")  # type: ignore[attr-defined]
    commune.fill('[data-path="number"]', "5")  # type: ignore[attr-defined]
    commune.click("#save")  # type: ignore[attr-defined]
    commune.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('save-state').textContent.includes('Đã lưu')", timeout=15000
    )
    commune.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    commune.click("button:has-text('Trình duyệt')")  # type: ignore[attr-defined]
    commune.wait_for_selector("text=Chờ duyệt")  # type: ignore[attr-defined]
    approver = sign_in(chromium_browser, base, "admin")  # the province's admin issues it
    approver.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    approver.click("button:has-text('Duyệt và ban hành')")  # type: ignore[attr-defined]
    approver.wait_for_selector("text=Đã ban hành")  # type: ignore[attr-defined]

    province.goto(f"{base}/plans/{parent_id}/coverage")  # type: ignore[attr-defined]
    headers = province.locator("table.coverage thead th")  # type: ignore[attr-defined]
    names = [headers.nth(i).inner_text() for i in range(1, headers.count())]
    assert len(names) == 3
    assert sum("xã Tân An" in n for n in names) == 1
    tan_an = next(n for n in names if "xã Tân An" in n)
    assert "05/KH-UBND" in tan_an
    assert "dự thảo" not in tan_an  # the issued plan is the one shown
    assert sum("dự thảo" in n for n in names) == 2  # Trị An and Phú Lý: the batch's drafts
    quota = province.locator("tr:has-text('300 lượt người')").last  # type: ignore[attr-defined]
    assert [c.strip() for c in quota.locator("td").all_inner_texts()[-2:]] == ["300", "0"]
    shot(province, "coverage-batch")

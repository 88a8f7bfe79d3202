"""End to end in a real Chromium (Playwright) against the app on a real HTTP server.

A district drafter creates a plan with two targets through the form, submits it, the district's
reviewer issues it, and the drafter downloads the DOCX; a commune drafter uploads a defective draft (one target dropped) and sees it flagged
missing, then creates the commune's plan implementing the district's; a user of another
branch cannot open the district plan. With KEHOACH_SCREENSHOTS=1 the main pages are saved to
app/web/static/screenshots/ for the README.
"""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from werkzeug.serving import make_server

from app.planfile.load import plan_from_data
from app.render.docx import render_docx
from app.web import create_app
from app.web.database import sessions
from tests.conftest import ROOT, need_tool
from tests.storage.builders import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = ROOT / "app" / "web" / "static" / "screenshots"
TARGETS = [
    (
        "t1",
        "100% xã, phường tổ chức ít nhất 01 hoạt động truyền thông về phòng, chống mại dâm trong năm.",
        "100",
        "%",
    ),
    (
        "t2",
        "Giảm tỷ lệ tái nghiện ở người sau cai nghiện ma túy đang được quản lý tại cộng đồng xuống dưới 8%.",
        "8",
        "%",
    ),
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, World]]:
    app = create_app(
        {
            "SECRET_KEY": "e2e",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'e2e.sqlite3'}",
            "AUTOSAVE_SECONDS": 5,
        }
    )
    app.instance_path = str(tmp_path / "instance")
    with app.app_context(), sessions()() as session:
        world = build_world(session)
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}", world
    http.shutdown()
    thread.join(5)
    app.extensions["kehoach_engine"].dispose()


@pytest.fixture
def chromium_browser() -> Iterator[object]:
    need_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def shot(page: object, name: str) -> None:
    if os.environ.get("KEHOACH_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


def sign_in(browser: object, base: str, username: str) -> object:
    page = browser.new_page(viewport={"width": 1366, "height": 768}, accept_downloads=True)  # type: ignore[attr-defined]
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/plans/")
    return page


def fill_the_date_day_first(page: object) -> None:
    """The date box takes dd/mm/yyyy whatever the browser's language (this Chromium runs in
    English, where <input type=date> shows mm/dd/yyyy); a date that does not exist is named
    beside the field in Vietnamese, and the document keeps the ISO date."""
    box = page.locator('[data-path="date"]')  # type: ignore[attr-defined]
    assert box.get_attribute("type") == "text"
    assert box.get_attribute("placeholder") == "ngày/tháng/năm"
    box.fill("31/02/2026")
    box.press("Tab")
    error = page.locator('[data-error-for="date"]')  # type: ignore[attr-defined]
    error.wait_for(state="visible")
    assert "Ngày không có thật: 31/02/2026" in error.inner_text()
    box.fill("20/01/2026")
    box.press("Tab")
    assert error.inner_text() == ""
    assert page.evaluate("window.kehoachEditor.document.date") == "2026-01-20"  # type: ignore[attr-defined]


def create_plan_through_the_form(page: object, base: str) -> str:
    page.goto(f"{base}/plans/new")  # type: ignore[attr-defined]
    page.fill('[data-path="number"]', "12")  # type: ignore[attr-defined]
    page.fill('[data-path="subject"]', "Thực hiện công tác phòng, chống tệ nạn xã hội năm 2026")  # type: ignore[attr-defined]
    fill_the_date_day_first(page)
    for i, (tid, text, value, unit) in enumerate(TARGETS):
        page.click('[data-add="sections[0].targets"]')  # type: ignore[attr-defined]
        prefix = f"sections[0].targets[{i}]"
        page.fill(f'[data-path="{prefix}.id"]', tid)  # type: ignore[attr-defined]
        page.fill(f'[data-path="{prefix}.text"]', text)  # type: ignore[attr-defined]
        page.fill(f'[data-path="{prefix}.value"]', value)  # type: ignore[attr-defined]
        page.fill(f'[data-path="{prefix}.unit"]', unit)  # type: ignore[attr-defined]
        page.select_option(f'[data-path="{prefix}.level"]', "commune")  # type: ignore[attr-defined]
    page.select_option('[data-path="sections[0].targets[1].comparator"]', "less_than")  # type: ignore[attr-defined]
    # the signer is in the first box, open: what the drafter must fill comes first
    # A draft may leave the signer's name to the clerk, never the title: error beside the field
    title = page.input_value('[data-path="signer.title"]')  # type: ignore[attr-defined]
    page.fill('[data-path="signer.title"]', "")  # type: ignore[attr-defined]
    page.click("#save")  # type: ignore[attr-defined]
    error = page.locator('[data-error-for="signer.title"]')  # type: ignore[attr-defined]
    error.wait_for(state="visible")
    assert "Thiếu trường bắt buộc" in error.inner_text()
    page.fill('[data-path="signer.title"]', title or "CHỦ TỊCH")  # type: ignore[attr-defined]
    page.fill('[data-path="signer.name"]', "Nguyễn Văn An")  # type: ignore[attr-defined]
    page.click("#save")  # type: ignore[attr-defined]
    page.wait_for_function("() => document.getElementById('save-state').textContent.includes('Đã lưu')")  # type: ignore[attr-defined]
    page.wait_for_selector("#preview .paper")  # type: ignore[attr-defined]
    assert page.input_value('[data-path="date"]') == "20/01/2026"  # type: ignore[attr-defined]
    assert "ngày 20 tháng 01 năm 2026" in page.inner_text("#preview .paper")  # type: ignore[attr-defined]
    shot(page, "editor")
    url: str = page.url  # type: ignore[attr-defined]
    return url.rstrip("/").split("/")[-2]


def defective_draft(world: World, path: Path, parent_number: str) -> Path:
    """The commune's draft carrying only the first of the district's two targets."""
    data = {
        "id": "xa-thanh-phu-2026",
        "issuer": {
            "name": world.commune_a.name,
            "abbreviation": "UBND",
            "level": "commune",
            "place": "Thạnh Phú",
        },
        "number": 3,
        "symbol": "KH-UBND",
        "date": "2026-02-01",
        "subject": "Thực hiện công tác phòng, chống tệ nạn xã hội trên địa bàn xã năm 2026",
        "references": [
            {
                "relation": "implements",
                "number": parent_number,
                "symbol": "KH-UBND",
                "date": "2026-01-20",
                "issuer": "UBND huyện Vĩnh Cửu",
            }
        ],
        "sections": [
            {
                "title": "Mục tiêu",
                "kind": "objectives",
                "targets": [{"id": "x1", "text": TARGETS[0][1], "value": 100, "unit": "%"}],
            }
        ],
        "signer": {"name": "Trần Văn Bình", "title": "CHỦ TỊCH", "authority": ["TM. ỦY BAN NHÂN DÂN"]},
        "recipients": ["UBND huyện;"],
    }
    path.write_bytes(render_docx(plan_from_data(data)))
    return path


def test_draft_review_and_access_in_a_real_browser(
    server: tuple[str, World], chromium_browser: object, tmp_path: Path
) -> None:
    base, world = server
    browser = chromium_browser
    page = sign_in(browser, base, "district_drafter")
    plan_id = create_plan_through_the_form(page, base)
    page.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    page.click("button:has-text('Trình duyệt')")  # type: ignore[attr-defined]
    page.wait_for_selector("text=Chờ duyệt")  # type: ignore[attr-defined]
    approver = sign_in(browser, base, "reviewer")  # the district's reviewer issues it
    approver.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    approver.click("button:has-text('Duyệt và ban hành')")  # type: ignore[attr-defined]
    approver.wait_for_selector("text=Đã ban hành")  # type: ignore[attr-defined]
    page.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    shot(page, "preview")
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click("text=Tải DOCX")  # type: ignore[attr-defined]
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(Path(download.value.path()).read_bytes())).paragraphs
    )
    assert TARGETS[0][1] in text
    assert TARGETS[1][1] in text

    commune = sign_in(browser, base, "drafter_a")
    shot(commune, "list")
    commune.goto(f"{base}/reviews/")  # type: ignore[attr-defined]
    commune.set_input_files("input[name=draft]", str(defective_draft(world, tmp_path / "du-thao.docx", "12")))  # type: ignore[attr-defined]
    commune.select_option("select[name=parent_id]", plan_id)  # type: ignore[attr-defined]
    commune.click("button:has-text('Rà soát')")  # type: ignore[attr-defined]
    missing = commune.locator('tr[data-status="missing"]')  # type: ignore[attr-defined]
    assert missing.count() == 1
    assert "tái nghiện" in missing.inner_text()
    assert commune.locator('tr[data-status="covered"]').count() == 1  # type: ignore[attr-defined]
    shot(commune, "review")
    commune.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    commune.click("button:has-text('Tạo kế hoạch thực hiện')")  # type: ignore[attr-defined]
    commune.wait_for_url("**/edit")  # type: ignore[attr-defined]

    reviewer = sign_in(browser, base, "reviewer")
    reviewer.goto(f"{base}/plans/{plan_id}/coverage")  # type: ignore[attr-defined]
    assert reviewer.locator("table.coverage td[data-status]").count() >= 2  # type: ignore[attr-defined]
    shot(reviewer, "coverage")

    stranger = sign_in(browser, base, "drafter_c")
    response = stranger.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    assert response.status == 404
    assert "Không tìm thấy" in stranger.content()  # type: ignore[attr-defined]


def test_autosave_and_the_conflict_panel_in_the_editor(
    server: tuple[str, World], chromium_browser: object
) -> None:
    """Two editors on the same version: the first autosaves "1.100" (read the Vietnamese way,
    1100, not 1.1), the second types letters into a number (kept, with the error beside the
    field), then its save is refused with the first one's change and can overwrite on demand."""
    base, _ = server
    first = sign_in(chromium_browser, base, "district_drafter")
    plan_id = create_plan_through_the_form(first, base)
    second = sign_in(chromium_browser, base, "district_drafter")
    for page in (first, second):
        page.goto(f"{base}/plans/{plan_id}/edit")  # type: ignore[attr-defined]
    value = '[data-path="sections[0].targets[0].value"]'
    # a count, not a share: 1100 % would be refused (a share is at most 100 %)
    first.fill('[data-path="sections[0].targets[0].unit"]', "lượt người")  # type: ignore[attr-defined]
    first.fill(value, "1.100")  # type: ignore[attr-defined]
    first.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('save-state').textContent.includes('v2')", timeout=15000
    )
    stored = first.request.get(f"{base}/api/plans/{plan_id}").json()  # type: ignore[attr-defined]
    assert stored["document"]["sections"][0]["targets"][0]["value"] == 1100
    second.fill(value, "abc")  # type: ignore[attr-defined]
    error = second.locator('[data-error-for="sections[0].targets[0].value"]')  # type: ignore[attr-defined]
    error.wait_for(state="visible")
    assert "Không phải là số" in error.inner_text()
    assert second.input_value(value) == "abc"  # type: ignore[attr-defined]
    second.fill(value, "95")  # type: ignore[attr-defined]
    second.fill('[data-path="subject"]', "Sửa của người thứ hai")  # type: ignore[attr-defined]
    second.click("#save")  # type: ignore[attr-defined]
    conflict = second.locator("#conflict")  # type: ignore[attr-defined]
    conflict.wait_for(state="visible")
    text = conflict.inner_text()
    assert "v2" in text
    assert "Giá trị: «100» → «1100»" in text
    second.click("button:has-text('Lưu bản của tôi đè lên v2')")  # type: ignore[attr-defined]
    second.wait_for_function(  # type: ignore[attr-defined]
        "() => document.getElementById('save-state').textContent.includes('v3')", timeout=15000
    )
    assert second.input_value('[data-path="subject"]') == "Sửa của người thứ hai"  # type: ignore[attr-defined]


def test_signed_out_in_another_tab_the_editor_keeps_the_text_and_saves_after_sign_in(
    server: tuple[str, World], chromium_browser: object
) -> None:
    """Before, the save got the sign-in page back and said "server unreachable"; reloading as
    told by the CSRF message would have thrown the draft away."""
    base, _ = server
    tabs = chromium_browser.new_context(viewport={"width": 1366, "height": 768})  # type: ignore[attr-defined]
    other_tab, editor = tabs.new_page(), tabs.new_page()  # two tabs sharing the cookies
    other_tab.goto(f"{base}/auth/login")
    other_tab.fill("input[name=username]", "district_drafter")
    other_tab.fill("input[name=password]", PASSWORD)
    other_tab.click("main button[type=submit]")
    other_tab.wait_for_url(f"{base}/plans/")
    editor.goto(f"{base}/plans/new")
    other_tab.click("button:has-text('Đăng xuất')")
    editor.fill('[data-path="subject"]', "Bản nháp không được mất")
    editor.fill('[data-path="signer.name"]', "Nguyễn Văn An")
    editor.click("#save")
    errors = editor.locator("#errors")
    errors.wait_for(state="visible")
    assert "phiên đăng nhập đã hết" in errors.inner_text()
    other_tab.fill("input[name=username]", "district_drafter")
    other_tab.fill("input[name=password]", PASSWORD)
    other_tab.click("main button[type=submit]")
    editor.click("#save")
    editor.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('Đã lưu')", timeout=15000
    )
    assert editor.input_value('[data-path="subject"]') == "Bản nháp không được mất"

"""The editor, the preview, the review result and the API docs work in Chromium under the
Content-Security-Policy (script-src 'self'), and the browser reports no CSP violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.storage.builders import World
from tests.web.test_e2e_browser import (
    chromium_browser,
    create_plan_through_the_form,
    server,
    sign_in,
)

__all__ = ["chromium_browser", "server"]  # the fixtures of the end-to-end harness
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _watch(page: object, problems: list[str]) -> None:
    def on_console(message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        # the editor's own 422s (a field left empty on purpose) are logged too: not ours here
        if "Content Security Policy" in text or "Refused to" in text:
            problems.append(text)

    page.on("console", on_console)  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))  # type: ignore[attr-defined]


def test_the_editor_works_under_the_policy_with_no_violation(
    server: tuple[str, World], chromium_browser: object, tmp_path: Path
) -> None:
    base, _ = server
    page = sign_in(chromium_browser, base, "district_drafter")
    problems: list[str] = []
    _watch(page, problems)
    response = page.goto(f"{base}/plans/")  # type: ignore[attr-defined]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    plan_id = create_plan_through_the_form(page, base)  # builds, validates, saves, previews
    edit_url = page.url  # type: ignore[attr-defined]
    page.press('[data-path="subject"]', "Enter")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.url == edit_url  # type: ignore[attr-defined]  # the form is never submitted
    assert page.evaluate("typeof window.kehoachEditor") == "object"  # type: ignore[attr-defined]

    page.goto(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]
    page.goto(f"{base}/plans/{plan_id}/preview")  # type: ignore[attr-defined]
    page.click("[data-back]")  # type: ignore[attr-defined]  # history.back() from page.js
    page.wait_for_url(f"{base}/plans/{plan_id}")  # type: ignore[attr-defined]

    page.goto(f"{base}/api/docs")  # type: ignore[attr-defined]
    page.wait_for_selector(".swagger-ui .info")  # type: ignore[attr-defined]
    assert problems == []

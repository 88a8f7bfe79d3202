"""The generic fixture test: every tests/data/rules/ND*/ folder, one test id per code.

``pass.docx`` must give no finding of its rule; ``fail.docx`` exactly the findings listed in
``expected.json`` (rule and location: Finding equality ignores the wording).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.extract.docx_layout import read_layout
from app.rules.finding import Finding
from app.rules.format import get
from tests.conftest import DATA

FIXTURES = sorted((DATA / "rules").glob("ND*/"))


def _findings(folder: Path, name: str) -> list[Finding]:
    layout = read_layout((folder / name).read_bytes(), name)
    return list(get(folder.name).check(layout))


@pytest.mark.parametrize("folder", FIXTURES, ids=[f.name for f in FIXTURES])
def test_pass_fixture_has_no_finding_of_its_rule(folder: Path) -> None:
    assert _findings(folder, "pass.docx") == []


@pytest.mark.parametrize("folder", FIXTURES, ids=[f.name for f in FIXTURES])
def test_fail_fixture_has_exactly_the_expected_findings(folder: Path) -> None:
    expected = [
        Finding(item["rule"], item["location"], "")
        for item in json.loads((folder / "expected.json").read_text("utf-8"))
    ]
    found = _findings(folder, "fail.docx")
    assert found == expected
    assert all(f.message and f.required for f in found), "a finding must say what is required"

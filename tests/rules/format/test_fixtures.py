"""The generic fixture test: every tests/data/rules/ND*/ folder, one test id per code.

``pass.docx`` must give no finding of its rule; ``fail.docx`` exactly the findings listed in
``expected.json`` (rule and location: Finding equality ignores the wording).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from app.extract.docx_layout import read_layout
from app.extract.layout import Layout
from app.rules.finding import Finding
from app.rules.format import get, lint, lint_docx
from tests.conftest import DATA

FIXTURES = sorted((DATA / "rules").glob("ND*/"))


@functools.cache
def _layout(path: Path) -> Layout:
    """Each fixture is read once per session (reading runs the upload guard: the slow part)."""
    return read_layout(path.read_bytes(), path.name)


def _findings(folder: Path, name: str) -> list[Finding]:
    return list(get(folder.name).check(_layout(folder / name)))


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


@pytest.mark.parametrize("folder", FIXTURES, ids=[f.name for f in FIXTURES])
def test_pass_fixture_is_clean_under_every_rule(folder: Path) -> None:
    """Pass variants stay inside every range, so no other rule may fire on them either."""
    assert [(f.rule, f.location) for f in lint(_layout(folder / "pass.docx"))] == []


def test_fail_fixture_breaks_only_what_its_defect_touches() -> None:
    """The one-defect discipline: ND010's lower-case quốc hiệu trips no other rule."""
    data = (DATA / "rules" / "ND010" / "fail.docx").read_bytes()
    assert {f.rule for f in lint_docx(data)} == {"ND010"}

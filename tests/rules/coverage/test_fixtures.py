"""The generic fixture test: every tests/data/rules/KH*/ folder, one test id per code.

Each fixture is a parent and a child plan (YAML); ``fail.yaml`` must give exactly the findings
of its rule listed under ``expected`` (rule and location: Finding equality ignores wording),
``pass.yaml`` none of its rule. A rule that checks more than one shape may add named pairs
(``fail-breakdown.yaml``, ``pass-breakdown.yaml``), run the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from app.planfile.load import plan_from_data
from app.rules.finding import Finding
from app.services.review import review_plans
from tests.conftest import DATA

FIXTURES = sorted((DATA / "rules").glob("KH*/"))
CASES = [(folder, path.stem) for folder in FIXTURES for path in sorted(folder.glob("*.yaml"))]


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def _findings(path: Path, code: str) -> list[Finding]:
    data = _load(path)
    review = review_plans(
        plan_from_data(data["parent"], f"{path}:parent"), plan_from_data(data["child"], f"{path}:child")
    )
    return [f for f in review.findings if f.rule == code]


@pytest.mark.parametrize(("folder", "kind"), CASES, ids=[f"{f.name}-{k}" for f, k in CASES])
def test_fixture_gives_exactly_the_expected_findings(folder: Path, kind: str) -> None:
    path = folder / f"{kind}.yaml"
    expected = [Finding(item["rule"], item["location"], "") for item in _load(path)["expected"]]
    found = _findings(path, folder.name)
    assert found == expected
    if kind.startswith("pass"):
        assert expected == [], "a pass fixture expects nothing"
    else:
        assert expected, "a fail fixture must expect a finding"
    assert all(f.message and f.required for f in found), "a finding says what is required"

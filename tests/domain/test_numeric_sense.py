"""Numeric sense checks of the model: no negative value or quota part, no share over 100 %
(except an "increase by" target), and a warning for a subject of more than a few hundred
characters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from app.cli import main
from app.domain.plan import SUBJECT_WARN_CHARS, subject_too_long, validate_plan
from app.planfile.load import PlanFileError, plan_from_data
from app.services.plans import plan_warnings
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "family_tinh_2026.yaml"


def sample() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    return data


def _with_target(**target: Any) -> dict[str, Any]:
    data = sample()
    data["sections"][1]["targets"] = [{"id": "t", "text": "Chỉ tiêu", **target}]
    return data


def _errors(data: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(PlanFileError) as info:
        plan_from_data(data, "x")
    return info.value.errors


TARGET = "sections[1].targets[0]"


@pytest.mark.parametrize(
    ("target", "path", "message"),
    [
        ({"value": -5, "unit": "người"}, "value", "Giá trị chỉ tiêu không được âm"),
        ({"value": 1, "value_max": -2, "unit": "người"}, "value_max", "không được âm"),
        (
            {
                "value": 10,
                "unit": "người",
                "breakdown": [{"label": "A", "value": 15}, {"label": "B", "value": -5}],
            },
            "breakdown[1].value",
            "Phần chia không được âm",
        ),
        (
            {
                "value": 10,
                "unit": "người",
                "breakdown": [
                    {
                        "label": "A",
                        "value": 10,
                        "parts": [{"label": "a", "value": 12}, {"label": "b", "value": -2}],
                    }
                ],
            },
            "breakdown[0].parts[1].value",
            "Phần chia không được âm",
        ),
        ({"value": 150, "unit": "%"}, "value", "Tỷ lệ không được vượt quá 100%"),
        ({"value": 120, "unit": "%", "comparator": "reduce_by"}, "value", "vượt quá 100%"),
        ({"value": 90, "value_max": 110, "unit": "%"}, "value_max", "vượt quá 100%"),
        ({"value": 5, "denominator": 4}, "value", "vượt quá 100%"),
    ],
)
def test_nonsense_figures_are_refused_naming_the_field(
    target: dict[str, Any], path: str, message: str
) -> None:
    errors = _errors(_with_target(**target))
    assert message in errors[f"{TARGET}.{path}"][0], errors


@pytest.mark.parametrize(
    "target",
    [
        {"value": 150, "unit": "%", "comparator": "increase_by"},  # "tăng 150%" is a real target
        {"value": 100, "unit": "%"},
        {"value": 0, "unit": "người"},
        {"value": 4, "denominator": 12},
    ],
)
def test_sensible_figures_pass(target: dict[str, Any]) -> None:
    plan_from_data(_with_target(**target), "x")


def test_negative_funding_is_refused() -> None:
    data = sample()
    data["funding"] = {"amount": -1}
    assert "Kinh phí không được âm" in _errors(data)["funding.amount"][0]


def test_a_long_subject_is_a_warning_not_an_error() -> None:
    data = sample()
    data["subject"] = "Thực hiện công tác phòng, chống tệ nạn xã hội " * 10
    plan = plan_from_data(data, "x")
    assert validate_plan(plan) == {}
    assert subject_too_long(plan) == len(plan.subject) > SUBJECT_WARN_CHARS
    assert any("Trích yếu dài" in w for w in plan_warnings(plan))
    data["subject"] = "Thực hiện công tác phòng, chống tệ nạn xã hội năm 2026"
    assert subject_too_long(plan_from_data(data, "x")) is None


def test_a_batch_from_a_negative_quota_cannot_start(tmp_path: Path) -> None:
    """The batch reads its parent through the plan schema, so allocation never sees it."""
    data = sample()
    quota = next(t for t in _targets(data["sections"]) if t.get("unit") == "lượt người")
    quota["value"] = -300
    parent = tmp_path / "parent.yaml"
    parent.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "lo.zip"
    result = CliRunner().invoke(main, ["batch", str(parent), "--all", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "Giá trị chỉ tiêu không được âm" in result.output
    assert not out.exists()


def _targets(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for section in sections:
        found += section.get("targets", []) + _targets(section.get("sections", []))
    return found

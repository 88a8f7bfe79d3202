"""The plan schema's limits, shared by the CLI and the web: size, nesting, value count, the
database's integer and column lengths; each refusal names the field, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from app.cli import main
from app.planfile.load import PlanFileError, load_plan, plan_from_data
from app.planfile.schemas import MAX_NESTING, MAX_PLAN_BYTES, MAX_VALUES
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "family_tinh_2026.yaml"


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        json.dumps(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")), default=str)
    )
    return data


def _errors(data: Any) -> dict[str, list[str]]:
    with pytest.raises(PlanFileError) as info:
        plan_from_data(data, "x")
    return info.value.errors


def test_the_samples_are_far_inside_the_limits() -> None:
    for path in sorted((ROOT / "samples").glob("*.yaml")):
        load_plan(path)


@pytest.mark.parametrize(
    ("field", "value", "path", "message"),
    [
        ("number", 2**31, "number", "Số quá lớn"),
        ("id", "k" * 121, "id", "Dài quá 120 ký tự"),
        ("symbol", "KH-" + "U" * 80, "symbol", "Dài quá 80 ký tự"),
        ("subject", "Thực hiện " * 300, "subject", "Dài quá 2000 ký tự"),
    ],
)
def test_a_value_the_database_cannot_hold_names_its_field(
    field: str, value: Any, path: str, message: str
) -> None:
    data = sample()
    data[field] = value
    errors = _errors(data)
    assert list(errors) == [path]
    assert message in errors[path][0]


def test_an_issuer_name_longer_than_its_column_and_a_target_deadline_past_int32() -> None:
    data = sample()
    data["issuer"]["name"] = "Ủy ban " * 40
    data["sections"][1]["targets"] = [{"id": "t", "text": "x", "deadline": 10**12}]
    errors = _errors(data)
    assert "Dài quá 200 ký tự" in errors["issuer.name"][0]
    assert "Số quá lớn" in errors["sections[1].targets[0].deadline"][0]


def test_nesting_past_the_limit_names_where() -> None:
    data = sample()
    deep: dict[str, Any] = {"title": "x"}
    for _ in range(MAX_NESTING):
        deep = {"title": "x", "sections": [deep]}
    data["sections"] = [deep]
    errors = _errors(data)
    (path,) = errors
    assert path.startswith("sections[0].sections[0].sections[0]")
    assert "Lồng nhau quá 40 cấp" in errors[path][0]


def test_too_many_values_are_refused_before_the_schema_reads_them() -> None:
    data = sample()
    data["sections"] = [
        {"title": "x", "targets": [{"id": f"t{i}", "text": "x"} for i in range(MAX_VALUES // 3)]}
    ]
    errors = _errors(data)
    assert "Kế hoạch có quá 50.000 giá trị" in errors[""][0]


def _cli(args: list[str]) -> Any:
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_cli_check_plan_and_render_refuse_10000_levels_of_json_with_exit_2(tmp_path: Path) -> None:
    deep = tmp_path / "sau.json"
    deep.write_text('{"id": ' + "[" * 10_000 + "]" * 10_000 + "}", encoding="utf-8")
    for args in (["check-plan", str(deep)], ["render", str(deep), "-o", str(tmp_path / "out.docx")]):
        result = _cli(args)
        assert result.exit_code == 2, result.output
        assert "Lồng nhau quá 40 cấp / Nested more than 40 levels deep" in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "out.docx").exists()


def test_cli_names_the_number_and_the_long_id(tmp_path: Path) -> None:
    data = sample()
    data["number"] = 2**31
    data["id"] = "k" * 121
    path = tmp_path / "lon.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = _cli(["check-plan", str(path)])
    assert result.exit_code == 2, result.output
    assert "  - number: Số quá lớn" in result.output
    assert "  - id: Dài quá 120 ký tự" in result.output


def test_cli_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "to.json"
    path.write_bytes(b" " * (MAX_PLAN_BYTES + 1) + b"{}")
    result = _cli(["check-plan", str(path)])
    assert result.exit_code == 2
    assert "Tệp quá lớn" in result.output

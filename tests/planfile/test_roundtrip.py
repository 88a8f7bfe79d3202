"""Every sample, and every built plan, survives load -> dump -> load, and its dump is valid
against the JSON Schema under schemas/."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest

from app.domain.plan import Plan
from app.planfile.load import dump_plan, dump_plan_text, load_plan, parse_plan_text, plan_from_data
from tests.builders import BUILT_PLANS
from tests.conftest import ROOT, SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
EXPECTED_SAMPLES = {
    "000_ba_ria_vung_tau_2025.yaml",
    "001_dau_tieng_2023.yaml",
    "003_quang_ninh_2023.yaml",
    "004_vinh_cuu_2019.yaml",
    "family_tinh_2026.yaml",
    "family_xa_a_2026.yaml",
    "family_xa_b_2026.yaml",
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_every_seed_plan_and_the_family_have_a_sample() -> None:
    assert {p.name for p in SAMPLE_FILES} >= EXPECTED_SAMPLES


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_round_trips_through_data(path: Path) -> None:
    plan = load_plan(path)
    again = plan_from_data(dump_plan(plan))
    assert again == plan


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_round_trips_through_text(path: Path, fmt: str) -> None:
    plan = load_plan(path)
    assert parse_plan_text(dump_plan_text(plan, fmt), fmt) == plan


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_dump_is_valid_against_the_json_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    errors = [e.message for e in validator.iter_errors(dump_plan(load_plan(path)))]
    assert errors == []


@pytest.mark.parametrize("name", sorted(BUILT_PLANS))
def test_built_plan_round_trips_and_is_schema_valid(
    name: str, validator: jsonschema.Draft202012Validator
) -> None:
    plan = BUILT_PLANS[name]()
    data = dump_plan(plan)
    assert plan_from_data(data) == plan
    assert list(validator.iter_errors(json.loads(json.dumps(data, default=str)))) == []


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_file_itself_is_valid_against_the_json_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    # The hand-written file, not only its dump: dates come back from JSON as text.
    data = json.loads(dump_plan_text(load_plan(path), "json"))
    assert list(validator.iter_errors(data)) == []


def test_dump_drops_empty_values_so_files_stay_short() -> None:
    data = dump_plan(load_plan(SAMPLES / "family_xa_b_2026.yaml"))
    assert "appendices" not in data
    assert all(v not in (None, [], "") for v in data.values())


def test_decomposed_input_is_stored_in_nfc() -> None:
    text = (SAMPLES / "004_vinh_cuu_2019.yaml").read_text(encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    plan = parse_plan_text(decomposed, "yaml")
    assert plan == load_plan(SAMPLES / "004_vinh_cuu_2019.yaml")
    assert plan.signer.name == "Phạm Minh Phước"
    assert unicodedata.is_normalized("NFC", plan.targets()[0].text)


def test_a_float_with_three_decimals_survives_the_yaml_round_trip() -> None:
    # "1.125" bare in YAML would read as 1125 (Vietnamese grouping); the dumper must avoid it.
    plan: Plan = BUILT_PLANS["builder-small"]()
    plan.targets()[0].value = 1.125
    text = dump_plan_text(plan)
    assert parse_plan_text(text, "yaml").targets()[0].value == 1.125


@pytest.mark.parametrize(
    ("written", "expected"),
    [("1.100", 1100), ("'1.100'", 1100), ("'2,5'", 2.5), ("2.5", 2.5), ("'01'", 1), ("1100", 1100)],
)
def test_target_values_are_read_the_vietnamese_way(written: str, expected: float) -> None:
    text = (SAMPLES / "family_xa_a_2026.yaml").read_text(encoding="utf-8")
    text = text.replace("value: 120\n", f"value: {written}\n", 1)
    target = parse_plan_text(text, "yaml").target("a-cai-nghien-120")
    assert target is not None
    assert target.value == expected

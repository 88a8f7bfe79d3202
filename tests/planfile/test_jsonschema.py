"""schemas/plan.schema.json is generated from the marshmallow schemas and must not go stale."""

from __future__ import annotations

import json

import jsonschema
import pytest

from app.planfile.jsonschema import plan_json_schema, plan_json_schema_text
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"


def test_schema_file_is_in_sync_with_the_marshmallow_schemas() -> None:
    # On failure: run `.venv/bin/kehoach schema` and commit schemas/plan.schema.json.
    assert SCHEMA_FILE.read_text(encoding="utf-8") == plan_json_schema_text()


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(plan_json_schema())


def test_schema_refs_all_resolve() -> None:
    schema = plan_json_schema()
    text = json.dumps(schema)
    refs = {part.split('"')[0] for part in text.split('"$ref": "#/$defs/')[1:]}
    assert refs
    assert refs <= set(schema["$defs"])


@pytest.mark.parametrize(
    ("field", "value"),
    [("subjct", "typo"), ("number", "năm"), ("date", "31/12/2019")],
)
def test_schema_also_rejects_what_the_loader_rejects(field: str, value: str) -> None:
    document = {
        "id": "x",
        "issuer": {"name": "UBND xã", "abbreviation": "UBND", "level": "commune", "place": "Trị An"},
        "symbol": "KH-UBND",
        "subject": "Trích yếu",
        "signer": {"name": "Trần Thị Bình", "title": "CHỦ TỊCH"},
    }
    validator = jsonschema.Draft202012Validator(plan_json_schema(), format_checker=jsonschema.FormatChecker())
    assert list(validator.iter_errors(document)) == []
    document[field] = value
    assert list(validator.iter_errors(document)) != []

"""Export the JSON Schema of plan files, generated from the marshmallow schemas.

apispec's marshmallow converter (OpenAPI 3.1, whose schema objects are JSON Schema 2020-12)
does the field mapping; this module only moves its components under ``$defs``.
"""

from __future__ import annotations

import json
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from app.planfile.schemas import PlanSchema

SCHEMA_ID = "https://kehoach.example/schemas/plan.schema.json"


def _schema_name_resolver(schema: Any) -> str:
    cls = schema if isinstance(schema, type) else type(schema)
    return cls.__name__.removesuffix("Schema")


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/components/schemas/", "#/$defs/")
            else:
                out[key] = _rewrite_refs(value)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every plan file satisfies."""
    spec = APISpec(
        title="kehoach plan file",
        version="1",
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin(schema_name_resolver=_schema_name_resolver)],
    )
    spec.components.schema("Plan", schema=PlanSchema)
    defs = _rewrite_refs(spec.to_dict()["components"]["schemas"])
    root = defs.pop("Plan")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kế hoạch (kehoach plan file)",
        **root,
        "$defs": defs,
    }


def plan_json_schema_text() -> str:
    return json.dumps(plan_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

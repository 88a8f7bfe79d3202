"""Plan files (.json, .yaml, .yml): loading, validation and the JSON Schema."""

PLAN_EXTENSIONS = (".json", ".yaml", ".yml")

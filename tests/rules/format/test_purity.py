"""Format rules read the plain Layout model only: no python-docx, Flask, SQL or files."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORBIDDEN = ("docx", "docxtpl", "flask", "sqlalchemy", "lxml", "app.extract.docx_layout")
MODULES = [*sorted((ROOT / "app" / "rules" / "format").glob("*.py")), ROOT / "app" / "extract" / "layout.py"]


def _top_level_imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.parse(path.read_text("utf-8")).body:  # function-level imports are adapters
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_rule_modules_import_nothing_from_adapters(path: Path) -> None:
    bad = [name for name in _top_level_imports(path) if name.split(".")[0] in FORBIDDEN or name in FORBIDDEN]
    assert bad == []


def test_importing_the_rules_loads_no_document_library() -> None:
    code = "import sys, app.rules.format; print(sorted(m for m in ('docx', 'lxml') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"

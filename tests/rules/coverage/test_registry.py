"""Meta-tests (coverage part): every KH rule documents itself, has both fixtures, and its code
matches its file name (the datasette ``test_docs`` idea)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from types import ModuleType

import pytest

from app.rules import coverage
from app.rules.finding import Severity
from tests.conftest import DATA

HEADINGS = ("Yêu cầu / Requirement:", "Why:", "Fails:", "Passes:")
IDS = [str(rule.CODE) for rule in coverage.RULES]
FORBIDDEN = ("flask", "sqlalchemy", "docx", "docxtpl", "pathlib", "os", "io", "open")


@pytest.mark.parametrize("rule", coverage.RULES, ids=IDS)
def test_coverage_rule_docstring_has_every_heading(rule: ModuleType) -> None:
    lines = [line.strip() for line in (rule.__doc__ or "").splitlines()]
    for heading in HEADINGS:
        assert heading in lines, f"{rule.CODE}: docstring lacks {heading!r}"
    assert lines[0].startswith(f"{rule.CODE} {rule.NAME}:")


@pytest.mark.parametrize("rule", coverage.RULES, ids=IDS)
def test_coverage_rule_code_matches_its_file_name(rule: ModuleType) -> None:
    stem = Path(str(rule.__file__)).stem
    assert re.fullmatch(r"KH\d{3}", str(rule.CODE))
    assert stem == f"{str(rule.CODE).lower()}_{str(rule.NAME).replace('-', '_')}"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(rule.NAME))
    assert isinstance(rule.SEVERITY, Severity)
    assert str(rule.SOURCE).startswith("domain.md")
    assert callable(rule.check)


@pytest.mark.parametrize("rule", coverage.RULES, ids=IDS)
def test_coverage_rule_has_pass_and_fail_fixtures(rule: ModuleType) -> None:
    folder = DATA / "rules" / str(rule.CODE)
    for name in ("pass.yaml", "fail.yaml"):
        assert (folder / name).is_file(), f"missing {folder / name}"


@pytest.mark.parametrize("rule", coverage.RULES, ids=IDS)
def test_coverage_rule_imports_no_adapter(rule: ModuleType) -> None:
    tree = ast.parse(Path(str(rule.__file__)).read_text("utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [n for n in names if n.split(".")[0] in FORBIDDEN]


def test_every_module_in_the_folder_is_registered_once_in_code_order() -> None:
    folder = Path(str(coverage.__file__)).parent
    on_disk = sorted(p.stem[:5].upper() for p in folder.glob("kh[0-9][0-9][0-9]_*.py"))
    assert on_disk == IDS
    assert len(set(IDS)) == len(IDS)
    assert len({rule.NAME for rule in coverage.RULES}) == len(IDS)


def test_every_fixture_folder_belongs_to_a_registered_rule() -> None:
    assert {p.name for p in (DATA / "rules").glob("KH*") if p.is_dir()} == set(IDS)


def test_unknown_code_raises() -> None:
    with pytest.raises(KeyError):
        coverage.get("KH999")
    assert coverage.get("kh001").CODE == "KH001"

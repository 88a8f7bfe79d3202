"""Meta-tests (format part): every ND rule documents itself and has both fixtures.

The datasette ``test_docs`` idea: the registry, the docstrings, the fixtures and the README
table must agree, so documentation cannot silently rot.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from app.rules import format as format_rules
from app.rules.finding import Severity
from app.rules.format.catalogue import README_END, README_START, readme_block
from tests.conftest import DATA, ROOT

HEADINGS = ("Yêu cầu / Requirement:", "Why:", "Fails:", "Passes:")
FORMAT_RULES = [format_rules.RULES[code] for code in sorted(format_rules.RULES)]
IDS = [str(rule.CODE) for rule in FORMAT_RULES]


@pytest.mark.parametrize("rule", FORMAT_RULES, ids=IDS)
def test_format_rule_docstring_has_every_heading(rule: ModuleType) -> None:
    lines = [line.strip() for line in (rule.__doc__ or "").splitlines()]
    for heading in HEADINGS:
        assert heading in lines, f"{rule.CODE}: docstring lacks {heading!r}"
    assert lines[0].startswith(f"{rule.CODE} {rule.NAME}:"), "first line is 'CODE name: summary'"


@pytest.mark.parametrize("rule", FORMAT_RULES, ids=IDS)
def test_format_rule_code_matches_its_file_name(rule: ModuleType) -> None:
    stem = Path(str(rule.__file__)).stem
    assert stem.startswith(str(rule.CODE).lower() + "_")
    assert re.fullmatch(r"ND\d{3}", str(rule.CODE))
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(rule.NAME)), "NAME is kebab-case"
    assert isinstance(rule.SEVERITY, Severity)
    assert rule.SOURCE


@pytest.mark.parametrize("rule", FORMAT_RULES, ids=IDS)
def test_format_rule_has_pass_and_fail_fixtures(rule: ModuleType) -> None:
    folder = DATA / "rules" / str(rule.CODE)
    for name in ("pass.docx", "fail.docx", "expected.json"):
        assert (folder / name).is_file(), f"missing {folder / name}"


def test_format_codes_and_names_are_unique() -> None:
    assert len({rule.CODE for rule in FORMAT_RULES}) == len(FORMAT_RULES)
    assert len({rule.NAME for rule in FORMAT_RULES}) == len(FORMAT_RULES)


def test_every_rule_module_in_the_folder_is_registered() -> None:
    folder = Path(str(format_rules.__file__)).parent
    on_disk = {path.stem[:5].upper() for path in folder.glob("nd[0-9][0-9][0-9]_*.py")}
    assert on_disk == set(format_rules.RULES)


def test_every_fixture_folder_belongs_to_a_registered_rule() -> None:
    folders = {path.name for path in (DATA / "rules").glob("ND*") if path.is_dir()}
    assert folders == set(format_rules.RULES)


def test_unknown_code_raises() -> None:
    with pytest.raises(format_rules.UnknownRuleError):
        format_rules.get("ND999")


def test_readme_rule_table_matches_the_registry(update_golden: bool) -> None:
    """`pytest --update-golden tests/rules/test_rule_docs.py` rewrites the README block."""
    readme = ROOT / "README.md"
    text = readme.read_text("utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    if update_golden:
        readme.write_text(text[:start] + readme_block() + text[end:], "utf-8")
        text = readme.read_text("utf-8")
        start, end = text.index(README_START), text.index(README_END) + len(README_END)
    assert text[start:end] == readme_block(), (
        "README rule table is stale: run pytest --update-golden on this test"
    )

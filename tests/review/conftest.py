"""Plans the review tests share: the sample family and the development-set plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.plan import Plan
from app.planfile.load import dump_plan_text, load_plan
from tests.conftest import DATA, SAMPLES

PLANS = DATA / "review" / "plans"


@pytest.fixture(scope="session")
def tinh() -> Plan:
    return load_plan(SAMPLES / "family_tinh_2026.yaml")


@pytest.fixture(scope="session")
def xa_a() -> Plan:
    return load_plan(SAMPLES / "family_xa_a_2026.yaml")


@pytest.fixture(scope="session")
def xa_b() -> Plan:
    return load_plan(SAMPLES / "family_xa_b_2026.yaml")


def plan(name: str) -> Plan:
    return load_plan(PLANS / f"{name}.yaml")


def docx_child_and_yaml_parent(folder: Path, child: Plan, parent: Plan, name: str) -> tuple[Path, Path]:
    """``child`` rendered to ``folder/name.docx`` and ``parent`` written to ``folder/tinh.yaml``:
    the two files a user hands ``kehoach review``."""
    from app.render.docx import render_docx

    child_path = folder / f"{name}.docx"
    child_path.write_bytes(render_docx(child))
    parent_path = folder / "tinh.yaml"
    parent_path.write_text(dump_plan_text(parent), encoding="utf-8")
    return child_path, parent_path

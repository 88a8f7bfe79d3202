"""Plans the review tests share: the sample family and the development-set plans."""

from __future__ import annotations

import pytest

from app.domain.plan import Plan
from app.planfile.load import load_plan
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

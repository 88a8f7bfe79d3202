"""Shared fixtures and options. Area-specific fixtures live in each folder's conftest.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = ROOT / "samples"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files under tests/data/golden"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def need_tool(name: str, package: str) -> None:
    """Skip when a system tool is missing, but fail under CI, where .ci/run installs it."""
    if shutil.which(name) is None:
        message = f"{name} not installed (apt-get install {package})"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)

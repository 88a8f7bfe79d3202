"""First-run set-up: `kehoach db upgrade|seed` and the seed service."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cli import main
from app.services import accounts
from app.services.seed import seed
from app.storage import repository as repo
from app.storage.tables import Agency, PlanRecord
from tests.conftest import SAMPLES


def test_seed_builds_the_tree_loads_samples_and_creates_one_admin(session: Session) -> None:
    first = seed(session, SAMPLES)
    assert first.admin_password is not None
    assert accounts.authenticate(session, "admin", first.admin_password) is not None
    assert len(first.plans) == len(list(SAMPLES.glob("*.yaml")))
    again = seed(session, SAMPLES)
    assert again.admin_password is None
    assert again.plans == []
    assert again.agencies == 0
    communes = session.scalars(select(Agency).where(Agency.level == "commune")).all()
    assert len(communes) >= 4
    child = session.scalar(select(PlanRecord).where(PlanRecord.key == "family-xa-a-2026"))
    parent = session.scalar(select(PlanRecord).where(PlanRecord.key == "family-tinh-2026"))
    assert child is not None
    assert parent is not None
    assert child.parent_id == parent.id
    assert child.status == "issued"
    assert repo.agency(session, child.agency_id).name.endswith("Trị An")  # type: ignore[union-attr]


@pytest.mark.db
def test_db_commands_upgrade_and_seed_print_the_admin_password_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    runner = CliRunner()
    upgraded = runner.invoke(main, ["db", "upgrade"])
    assert upgraded.exit_code == 0, upgraded.output
    first = runner.invoke(main, ["db", "seed", "--samples", str(SAMPLES)])
    assert first.exit_code == 0, first.output
    assert re.search(r"admin / \S{12,}", first.output)
    second = runner.invoke(main, ["db", "seed", "--samples", str(SAMPLES)])
    assert "Đã có tài khoản quản trị" in second.output
    assert "admin / " not in second.output

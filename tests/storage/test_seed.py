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
from app.vn import register
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


def _ubnd_agencies(session: Session, level: str) -> list[Agency]:
    return list(session.scalars(select(Agency).where(Agency.level == level)))


def test_seeding_a_province_of_the_register_adds_its_communes_once(session: Session) -> None:
    dong_nai = register.find("tỉnh Đồng Nai")
    assert dong_nai is not None
    first = seed(session, SAMPLES, [dong_nai])
    provinces = [a for a in _ubnd_agencies(session, "province") if a.name.endswith("Đồng Nai")]
    assert len(provinces) == 1, "the demonstration tree's UBND tỉnh Đồng Nai is reused"
    under = session.scalars(select(Agency).where(Agency.parent_id == provinces[0].id)).all()
    communes = [a for a in under if a.level == "commune"]
    assert len(communes) == len(register.communes_of(dong_nai)) == 95
    tri_an = [a for a in communes if a.name == "Ủy ban nhân dân\nxã Trị An"]
    assert len(tri_an) == 1
    assert (tri_an[0].place, tri_an[0].abbreviation) == ("Trị An", "UBND")
    assert {a.place for a in communes} >= {"Trấn Biên", "Phú Lý", "Bù Đăng"}
    # the sample plans stay with the agencies they were loaded under
    child = session.scalar(select(PlanRecord).where(PlanRecord.key == "family-xa-a-2026"))
    assert child is not None
    assert child.agency_id == tri_an[0].id
    assert len(first.plans) == len(list(SAMPLES.glob("*.yaml")))
    count = len(repo.agencies(session))
    again = seed(session, SAMPLES, [dong_nai])
    assert (again.agencies, len(repo.agencies(session))) == (0, count)


@pytest.mark.db
def test_db_seed_all_provinces_then_again_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'all.sqlite3'}")
    runner = CliRunner()
    first = runner.invoke(main, ["db", "seed", "--all-provinces"])
    assert first.exit_code == 0, first.output
    from app.cli import _db_engine
    from app.storage.db import make_session_factory

    with make_session_factory(_db_engine())() as session:
        communes = {(a.parent_id, a.name) for a in _ubnd_agencies(session, "commune")}
        provinces = {a.name for a in _ubnd_agencies(session, "province")}
    assert len(communes) >= 3321
    assert {"Ủy ban nhân dân\nthành phố Hồ Chí Minh", "Ủy ban nhân dân\ntỉnh Lai Châu"} <= provinces
    second = runner.invoke(main, ["db", "seed", "--all-provinces", "--province", "Đồng Nai"])
    assert second.exit_code == 0, second.output
    assert "Đã tạo cơ quan / Agencies created: 0" in second.output


def test_db_seed_an_unknown_province_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    result = CliRunner().invoke(main, ["db", "seed", "--province", "Bình Dương"])
    assert result.exit_code == 2
    assert "Không phải tỉnh, thành phố trong danh mục" in result.output
    assert not (tmp_path / "x.sqlite3").exists(), "checked before the database is touched"

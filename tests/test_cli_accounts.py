"""`kehoach users`, `kehoach token` and `kehoach agencies` on a seeded SQLite database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.orm import Session

from app.cli import main
from app.services import accounts
from app.storage.db import make_engine, make_session_factory
from app.storage.tables import Agency, User


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    seeded = CliRunner().invoke(main, ["db", "seed", "--samples", str(tmp_path / "none")])
    assert seeded.exit_code == 0, seeded.output
    return url


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@contextmanager
def open_session(url: str) -> Iterator[Session]:
    engine = make_engine(url)
    try:
        with make_session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def printed_password(result: Result) -> str:
    found = re.search(r"Mật khẩu \(chỉ hiện lần này\) / Password \(shown only now\): (\S+)", result.output)
    assert found, result.output
    return found.group(1)


def test_users_add_prints_a_password_that_signs_in(database: str) -> None:
    result = run("users", "add", "hoa", "--agency", "Ủy ban nhân dân xã Trị An", "--role", "drafter")
    assert result.exit_code == 0, result.output
    password = printed_password(result)
    with open_session(database) as session:
        user = accounts.authenticate(session, "hoa", password)
        assert user is not None
        assert (user.role, user.agency.place) == ("drafter", "Trị An")
        assert password not in user.password_hash


def test_users_add_refuses_bad_input_with_exit_2(database: str) -> None:
    assert run("users", "add", "a", "--agency", "xã Không Có", "--role", "drafter").exit_code == 2
    ambiguous = run("users", "add", "a", "--agency", "Tân An", "--role", "drafter")
    assert ambiguous.exit_code == 2
    assert "Có nhiều cơ quan trùng tên" in ambiguous.output
    assert run("users", "add", "a", "--agency", "Trị An", "--role", "king").exit_code == 2
    assert run("users", "add", "admin", "--agency", "Trị An", "--role", "drafter").exit_code == 2
    assert "Traceback" not in ambiguous.output


def test_reset_disable_enable_and_token(database: str) -> None:
    run("users", "add", "hoa", "--agency", "Trị An", "--role", "drafter")
    token_run = run("token", "hoa")
    assert token_run.exit_code == 0, token_run.output
    token = token_run.stdout.strip()
    assert len(token) >= 40
    with open_session(database) as session:
        assert accounts.user_for_token(session, token) is not None
    reset = run("users", "reset", "hoa")
    assert reset.exit_code == 0, reset.output
    password = printed_password(reset)
    with open_session(database) as session:
        assert accounts.authenticate(session, "hoa", password) is not None
        assert accounts.user_for_token(session, token) is None  # a reset revokes the token
    token = run("token", "hoa").stdout.strip()
    assert run("users", "disable", "hoa").exit_code == 0
    with open_session(database) as session:
        user = session.query(User).filter_by(username="hoa").one()
        assert user.disabled
        assert accounts.user_for_token(session, token) is None
    assert run("token", "hoa").exit_code == 2  # no token for a disabled account
    assert run("users", "enable", "hoa").exit_code == 0
    assert run("users", "reset", "khong-co-ai").exit_code == 2


def test_agencies_add_rename_move_merge_and_import(database: str) -> None:
    added = run(
        "agencies", "add", "Ủy ban nhân dân\nxã Vĩnh Tân", "--parent", "tỉnh Đồng Nai", "--place", "Vĩnh Tân"
    )
    assert added.exit_code == 0, added.output
    assert run("agencies", "rename", "xã Vĩnh Tân", "Ủy ban nhân dân\nxã Vĩnh Tân Mới").exit_code == 0
    cycle = run("agencies", "move", "huyện Vĩnh Cửu", "--parent", "xã Thạnh Phú")
    assert cycle.exit_code == 2
    assert "chính nó hoặc một cơ quan cấp dưới" in cycle.output
    run("users", "add", "hoa", "--agency", "xã Vĩnh Tân Mới", "--role", "drafter")
    merged = run("agencies", "merge", "xã Vĩnh Tân Mới", "--into", "xã Trị An")
    assert merged.exit_code == 0, merged.output
    assert "0 kế hoạch và 1 tài khoản" in merged.output
    imported = run("agencies", "import", "Quảng Ninh")
    assert imported.exit_code == 0, imported.output
    assert run("agencies", "import", "Quảng Ninh").output.count("thêm 0 cơ quan") == 1
    with open_session(database) as session:
        hoa = session.query(User).filter_by(username="hoa").one()
        assert hoa.agency.place == "Trị An"
        assert session.query(Agency).filter(Agency.name.like("%Vĩnh Tân%")).count() == 0
    listing = run("agencies", "list")
    assert re.search(r"^  #\d+ Ủy ban nhân dân tỉnh Quảng Ninh \[province\]$", listing.output, re.M)

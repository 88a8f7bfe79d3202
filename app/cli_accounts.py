"""`kehoach users`, `kehoach token` and `kehoach agencies`: accounts and the agency tree from
the shell, for the server's operator (no branch limit, unlike an admin's web pages).

Passwords and tokens are generated and printed once; only their hashes are stored. Exit
status 0 on success, 2 when the name, agency or value is unusable (a message, no traceback).

:func:`register` adds the commands to the `kehoach` group; they are made inside it so that
they take the group's command classes (Vietnamese help) without importing app.cli.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from app.domain.errors import KehoachError
from app.messages import both

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

EXIT_INPUT = 2
ROLE_CHOICE = click.Choice(("drafter", "reviewer", "admin"))


@contextmanager
def _session() -> Iterator[Session]:
    """A session on the configured database (brought to the latest schema first); a refused
    change is reported and exits 2."""
    from app.config import settings
    from app.storage.db import make_engine, make_session_factory, upgrade

    engine = make_engine(settings().database_url)
    upgrade(engine)
    try:
        with make_session_factory(engine)() as session:
            yield session
    except KehoachError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_INPUT)
    finally:
        engine.dispose()


def _line(name: str) -> str:
    return " ".join(name.split())


def register(main: click.Group) -> None:
    """Add `users`, `token` and `agencies` to ``main``."""

    @main.group("users")
    def users() -> None:
        """Tài khoản: tạo, đặt lại mật khẩu, khóa và mở khóa."""

    @users.command("add")
    @click.argument("name")
    @click.option("--agency", required=True, help="Cơ quan: tên, địa danh hoặc số hiệu #")
    @click.option("--role", type=ROLE_CHOICE, required=True, help="Vai trò")
    @click.option("--full-name", default="", help="Họ và tên")
    def users_add(name: str, agency: str, role: str, full_name: str) -> None:
        """Tạo tài khoản NAME; mật khẩu được sinh và chỉ in ra một lần."""
        from app.services import accounts, agencies

        with _session() as session:
            home = agencies.find_agency(session, agency)
            created, password = accounts.create_account(session, None, name, home, role, full_name)
            click.echo(f"{both('user_added')}: {created.username} ({role}, {_line(home.name)})")
            click.echo(f"{both('password_shown_once')}: {password}")

    @users.command("reset")
    @click.argument("name")
    def users_reset(name: str) -> None:
        """Đặt lại mật khẩu của NAME (in ra một lần); các phiên đăng nhập và mã API cũ kết thúc."""
        from app.services import accounts

        with _session() as session:
            password = accounts.reset_password(session, None, accounts.find_user(session, name))
            click.echo(f"{both('password_reset')}: {name}")
            click.echo(f"{both('password_shown_once')}: {password}")

    def _status(disabled: bool) -> Callable[[str], None]:
        def run(name: str) -> None:
            from app.services import accounts

            with _session() as session:
                accounts.set_disabled(session, None, accounts.find_user(session, name), disabled)
                click.echo(f"{both('user_disabled' if disabled else 'user_enabled')}: {name}")

        return run

    users.command("disable", help="Khóa tài khoản NAME: mọi phiên đăng nhập và mã API kết thúc ngay.")(
        click.argument("name")(_status(True))
    )
    users.command("enable", help="Mở khóa tài khoản NAME.")(click.argument("name")(_status(False)))

    @main.command("token")
    @click.argument("name")
    def token(name: str) -> None:
        """In một mã API mới của tài khoản NAME (mã cũ mất hiệu lực); mã hết hạn sau
        KEHOACH_API_TOKEN_DAYS ngày (mặc định 90)."""
        from app.config import settings
        from app.services import accounts

        with _session() as session:
            owner = accounts.find_user(session, name)
            issued = accounts.issue_token(session, owner)
            click.echo(issued)
            expires = accounts.token_expires(owner, settings().api_token_days)
            if expires is not None:
                click.echo(f"{both('token_expires')}: {expires:%d/%m/%Y %H:%M} UTC", err=True)

    @main.group("agencies")
    def agencies_group() -> None:
        """Cây cơ quan: xem, thêm, đổi tên, sáp nhập, chuyển, nhập tỉnh theo danh mục."""

    @agencies_group.command("list")
    def agencies_list() -> None:
        """In cây cơ quan (số hiệu #, tên, cấp)."""
        from app.services import agencies

        with _session() as session:
            for row in agencies.tree(session, None):
                click.echo(
                    f"{'  ' * row.depth}#{row.agency.id} {_line(row.agency.name)} [{row.agency.level}]"
                )

    @agencies_group.command("add")
    @click.argument("name")
    @click.option("--parent", required=True, help="Cơ quan cấp trên: tên, địa danh hoặc số hiệu #")
    @click.option("--level", default="commune", show_default=True, help="Cấp: province, district, commune")
    @click.option("--place", default="", help="Địa danh (dòng ngày tháng)")
    def agencies_add(name: str, parent: str, level: str, place: str) -> None:
        """Thêm cơ quan NAME dưới cơ quan cấp trên."""
        from app.services import agencies

        with _session() as session:
            created = agencies.create(
                session, None, name, level, agencies.find_agency(session, parent), place
            )
            click.echo(f"{both('agency_created')}: #{created.id} {_line(created.name)}")

    @agencies_group.command("rename")
    @click.argument("agency")
    @click.argument("new_name")
    @click.option("--place", default=None, help="Địa danh mới")
    def agencies_rename(agency: str, new_name: str, place: str | None) -> None:
        """Đổi tên cơ quan AGENCY thành NEW_NAME."""
        from app.services import agencies

        with _session() as session:
            target = agencies.find_agency(session, agency)
            agencies.rename(session, None, target, new_name, place)
            click.echo(f"{both('agency_renamed')}: #{target.id} {_line(target.name)}")

    @agencies_group.command("merge")
    @click.argument("merged")
    @click.option("--into", "kept", required=True, help="Cơ quan được giữ lại")
    def agencies_merge(merged: str, kept: str) -> None:
        """Sáp nhập MERGED vào cơ quan --into: kế hoạch, tài khoản và cơ quan cấp dưới chuyển sang."""
        from app.services import agencies

        with _session() as session:
            report = agencies.merge(
                session, None, agencies.find_agency(session, merged), agencies.find_agency(session, kept)
            )
            click.echo(
                both("agency_merged").format(
                    plans=report.plans, users=report.users, kept=_line(report.kept.name)
                )
            )

    @agencies_group.command("move")
    @click.argument("agency")
    @click.option("--parent", required=True, help="Cơ quan cấp trên mới")
    def agencies_move(agency: str, parent: str) -> None:
        """Chuyển AGENCY sang dưới cơ quan cấp trên khác (không được tạo vòng)."""
        from app.services import agencies

        with _session() as session:
            target = agencies.find_agency(session, agency)
            agencies.move(session, None, target, agencies.find_agency(session, parent))
            click.echo(f"{both('agency_moved')}: #{target.id} {_line(target.name)}")

    @agencies_group.command("import")
    @click.argument("province")
    def agencies_import(province: str) -> None:
        """Nhập tỉnh, thành phố PROVINCE và mọi xã, phường của nó theo danh mục đơn vị hành chính."""
        from app.services import agencies

        with _session() as session:
            home, added = agencies.import_province(session, None, province)
            click.echo(both("province_imported").format(name=_line(home.name), added=added))

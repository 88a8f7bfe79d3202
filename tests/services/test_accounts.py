"""Accounts: sessions and tokens that end, token expiry, sign-in throttling and timing, the
admin's branch, the user's own password and the audit log by branch."""

from __future__ import annotations

import datetime as dt
import statistics
import time

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from app.services import accounts
from app.storage.tables import LoginFailure, User, utcnow
from tests.storage.builders import FAST_HASH, PASSWORD, World


def district_admin(session: Session, w: World) -> User:
    admin = accounts.add_user(session, "admin_vc", PASSWORD, w.district, "admin", hash_method=FAST_HASH)
    session.commit()
    return admin


def test_disabling_ends_sessions_and_the_token_at_once(session: Session, world: World) -> None:
    drafter = world.drafter_a
    token = accounts.issue_token(session, drafter)
    version = drafter.session_version
    assert accounts.user_for_session(session, drafter.id, version) is not None
    assert accounts.user_for_token(session, token) is not None
    accounts.set_disabled(session, world.admin, drafter, True)
    assert accounts.user_for_session(session, drafter.id, version) is None
    assert accounts.user_for_token(session, token) is None
    assert drafter.token_hash is None
    with pytest.raises(accounts.LoginRefusedError, match="bị khóa"):
        accounts.sign_in(session, "drafter_a", PASSWORD, "10.0.0.1")
    accounts.set_disabled(session, world.admin, drafter, False)
    assert accounts.sign_in(session, "drafter_a", PASSWORD, "10.0.0.1").id == drafter.id
    assert accounts.user_for_token(session, token) is None  # the old token stays dead


def test_tokens_expire_after_the_configured_days(session: Session, world: World) -> None:
    token = accounts.issue_token(session, world.drafter_a)
    world.drafter_a.token_issued_at = utcnow() - dt.timedelta(days=89)
    session.commit()
    assert accounts.user_for_token(session, token) is not None
    assert accounts.user_for_token(session, token, token_days=30) is None
    world.drafter_a.token_issued_at = utcnow() - dt.timedelta(days=91)
    session.commit()
    assert accounts.user_for_token(session, token) is None


def test_sign_out_ends_the_session_on_the_server(session: Session, world: World) -> None:
    version = world.drafter_a.session_version
    accounts.sign_out(session, world.drafter_a)
    assert accounts.user_for_session(session, world.drafter_a.id, version) is None
    assert accounts.user_for_session(session, world.drafter_a.id, version + 1) is not None


def test_five_failures_lock_the_account_name_even_for_the_right_password(
    session: Session, world: World
) -> None:
    for _ in range(5):
        with pytest.raises(accounts.LoginRefusedError):
            accounts.sign_in(session, "drafter_a", "sai-mat-khau", "10.0.0.1")
    with pytest.raises(accounts.LoginThrottledError) as caught:
        accounts.sign_in(session, "drafter_a", PASSWORD, "10.0.0.2")  # another address, same name
    assert caught.value.minutes == 15
    assert "chờ 15 phút" in caught.value.vietnamese()
    # Another account is not locked by the first one's failures.
    assert accounts.sign_in(session, "drafter_b", PASSWORD, "10.0.0.1").username == "drafter_b"
    # Once the failures leave the 15-minute window, the right password signs in again.
    session.execute(update(LoginFailure).values(at=utcnow() - dt.timedelta(minutes=16)))
    session.commit()
    assert accounts.sign_in(session, "drafter_a", PASSWORD, "10.0.0.1").username == "drafter_a"


def test_unknown_names_are_throttled_too_and_by_address(session: Session, world: World) -> None:
    for n in range(20):
        with pytest.raises(accounts.LoginRefusedError):
            accounts.sign_in(session, f"ai-do-{n}", "sai-mat-khau", "10.9.9.9")
    with pytest.raises(accounts.LoginThrottledError):
        accounts.sign_in(session, "drafter_a", PASSWORD, "10.9.9.9")
    assert accounts.sign_in(session, "drafter_a", PASSWORD, "10.0.0.1").username == "drafter_a"


def test_an_unknown_name_costs_a_password_hash(monkeypatch: pytest.MonkeyPatch, session: Session) -> None:
    checked: list[str] = []

    def spy(pwhash: str, password: str) -> bool:
        checked.append(pwhash)
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", spy)
    assert accounts.authenticate(session, "khong-co-ai", PASSWORD) is None
    assert checked
    assert checked[0].startswith("scrypt:")


def test_unknown_and_known_names_take_the_same_time(session: Session, world: World) -> None:
    # A real (scrypt) account, as production makes them.
    accounts.add_user(session, "that", PASSWORD, world.commune_a, "drafter")
    session.commit()

    def timed(name: str) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            accounts.authenticate(session, name, "sai-mat-khau")
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    timed("khong-co-ai")  # the dummy hash is made once, on first use
    known, unknown = timed("that"), timed("khong-co-ai")
    assert 0.5 < unknown / known < 2, (known, unknown)


def test_own_password_change_needs_the_old_one_and_ends_other_sessions(
    session: Session, world: World
) -> None:
    me = world.drafter_a
    version = me.session_version
    for old, new, confirm, message in (
        ("sai", "mat-khau-moi-1", "mat-khau-moi-1", "không đúng"),
        (PASSWORD, "mat-khau-moi-1", "mat-khau-moi-2", "không khớp"),
        (PASSWORD, "ngan", "ngan", "ít nhất 8"),
    ):
        with pytest.raises(accounts.AccountError, match=message):
            accounts.change_own_password(session, me, old, new, confirm)
    accounts.change_own_password(session, me, PASSWORD, "mat-khau-moi-1", "mat-khau-moi-1")
    assert accounts.authenticate(session, "drafter_a", PASSWORD) is None
    assert accounts.authenticate(session, "drafter_a", "mat-khau-moi-1") is not None
    assert accounts.user_for_session(session, me.id, version) is None


def test_an_admin_manages_accounts_of_their_branch_only(session: Session, world: World) -> None:
    admin = district_admin(session, world)
    password = accounts.reset_password(session, admin, world.drafter_a)
    assert accounts.authenticate(session, "drafter_a", password) is not None
    accounts.change_role(session, admin, world.drafter_a, "reviewer")
    assert world.drafter_a.role == "reviewer"
    for act in (
        lambda: accounts.reset_password(session, admin, world.drafter_c),  # another district
        lambda: accounts.set_disabled(session, admin, world.admin, True),  # the province above
        lambda: accounts.change_role(session, admin, admin, "drafter"),  # themselves
        lambda: accounts.create_account(session, admin, "moi", world.commune_c, "drafter"),
    ):
        with pytest.raises(accounts.AccountForbiddenError):
            act()
        session.rollback()
    with pytest.raises(accounts.AccountForbiddenError):
        accounts.reset_password(session, world.drafter_b, world.drafter_a)  # not an admin
    created, password = accounts.create_account(session, admin, "moi", world.commune_b, "drafter")
    assert accounts.authenticate(session, "moi", password) is not None
    assert password not in created.password_hash


def test_the_audit_log_holds_each_admin_to_their_branch(session: Session, world: World) -> None:
    admin_vc = district_admin(session, world)
    accounts.sign_in(session, "drafter_a", PASSWORD, "10.0.0.1")  # in the district
    accounts.sign_in(session, "drafter_c", PASSWORD, "10.0.0.1")  # another district
    with pytest.raises(accounts.LoginRefusedError):
        accounts.sign_in(session, "drafter_c", "sai", "10.0.0.1")
    with pytest.raises(accounts.LoginRefusedError):
        accounts.sign_in(session, "khong-co-ai", "sai", "10.0.0.1")
    accounts.reset_password(session, world.admin, world.drafter_b)  # the province acts in the district

    def seen(admin: User) -> list[tuple[str, str]]:
        return [(e.action, e.object_id) for e in accounts.audit_log(session, admin)]

    district = seen(admin_vc)
    assert ("login", str(world.drafter_a.id)) in district
    assert ("reset_password", str(world.drafter_b.id)) in district
    assert all(oid not in (str(world.drafter_c.id), "drafter_c", "khong-co-ai") for _a, oid in district)
    province = seen(world.admin)
    assert ("login", str(world.drafter_c.id)) in province
    assert ("login_failed", "drafter_c") in province
    assert ("login_failed", "khong-co-ai") in province  # filed under no agency: the top admin's

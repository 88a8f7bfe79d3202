"""User accounts: passwords (hashed), sessions, API tokens (stored hashed), sign-in throttling.

Who may do what: an admin acts on the accounts of their own branch of the agency tree (their
agency and every agency below it); the command line (``actor=None``) acts on any account.

Sessions end on the server: every session cookie carries the account's ``session_version``
(see :mod:`app.web.security`), which logout, a password change or reset and disabling bump, so
a cookie copied before no longer loads anyone. Disabling also drops the account's API token;
tokens expire ``token_days`` after they were issued (``KEHOACH_API_TOKEN_DAYS``, 90 by default).

Sign-in is throttled per account name and per client address (:data:`THROTTLE`): past the
limit of failures within the window every attempt is refused, the right password too, until
the oldest failure leaves the window. An unknown user name costs the same password hash as a
known one, so the answer's time does not tell which names exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import secrets
from dataclasses import dataclass

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.messages import both
from app.storage import repository as repo
from app.storage.tables import Agency, AuditEntry, User, utcnow
from app.vn.normalize import match_key

ROLES = ("drafter", "reviewer", "admin")
MIN_PASSWORD = 8
DEFAULT_TOKEN_DAYS = 90


class AccountError(KehoachError):
    """Bad account data (unknown role or level, taken user name, wrong password).

    The message is "Vietnamese / English[: detail]" for the command line; web pages show
    :meth:`vietnamese`."""

    def vietnamese(self) -> str:
        vi, _, rest = str(self).partition(" / ")
        detail = rest.partition(": ")[2]
        return f"{vi}: {detail}" if detail else vi


class AccountForbiddenError(AccountError):
    """An admin acting outside their branch, or on their own role or account status."""


class AccountNotFoundError(AccountError):
    """No account of that name."""


class LoginRefusedError(AccountError):
    """Wrong user name or password, or a disabled account."""


class LoginThrottledError(LoginRefusedError):
    """Too many failures for this account name or client address; ``wait`` says how long."""

    def __init__(self, wait: dt.timedelta) -> None:
        self.wait = wait
        self.minutes = max(1, math.ceil(wait.total_seconds() / 60))
        super().__init__(both("login_throttled").format(minutes=self.minutes))


@dataclass(frozen=True)
class Throttle:
    per_account: int = 5
    per_address: int = 20  # an office signs in from one address: a few typos must not lock it
    window: dt.timedelta = dt.timedelta(minutes=15)


THROTTLE = Throttle()


def add_agency(
    session: Session,
    name: str,
    level: str,
    parent: Agency | None = None,
    abbreviation: str = "UBND",
    place: str = "",
) -> Agency:
    if DEFAULT_LEVELS.get(level) is None:
        raise AccountError(f"{both('unknown_level')}: {level}")
    if parent is not None and not DEFAULT_LEVELS.is_below(level, parent.level):
        raise AccountError(f"{both('agency_level_order')}: {name}")
    agency = Agency(
        name=name,
        level=level,
        parent_id=parent.id if parent else None,
        abbreviation=abbreviation,
        place=place,
    )
    session.add(agency)
    session.flush()
    return agency


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(both("password_too_short"))


def add_user(
    session: Session,
    username: str,
    password: str,
    agency: Agency,
    role: str,
    full_name: str = "",
    hash_method: str = "scrypt",
) -> User:
    """A new account; ``hash_method`` is werkzeug's (tests pass a cheap one to stay fast)."""
    if role not in ROLES:
        raise AccountError(f"{both('bad_role')}: {role}")
    if not username.strip() or repo.user_by_name(session, username.strip()) is not None:
        raise AccountError(f"{both('username_taken')}: {username}")
    if len(username.strip()) > 80:
        raise AccountError(f"{both('username_too_long')}: {username[:80]}…")
    _check_password(password)
    user = User(
        username=username.strip(),
        full_name=full_name,
        agency_id=agency.id,
        role=role,
        password_hash=generate_password_hash(password, method=hash_method),
    )
    session.add(user)
    session.flush()
    return user


@functools.cache
def _dummy_hash() -> str:
    """A hash of the production method, checked for unknown user names so that they take as
    long as known ones."""
    return generate_password_hash(secrets.token_urlsafe(16))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The account when the password is right (disabled ones too: the caller says so)."""
    user = repo.user_by_name(session, username.strip())
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


def _throttle_keys(username: str, address: str) -> tuple[str, str]:
    return f"user:{match_key(username.strip())[:150]}", f"addr:{address[:150]}"


def sign_in(
    session: Session, username: str, password: str, address: str, throttle: Throttle = THROTTLE
) -> User:
    """The account for a sign-in form, audited; raises :class:`LoginThrottledError` while the
    name or the address is over its limit, :class:`LoginRefusedError` otherwise."""
    now = utcnow()
    user_key, address_key = _throttle_keys(username, address)
    since = now - throttle.window
    wait = dt.timedelta(0)
    for key, limit in ((user_key, throttle.per_account), (address_key, throttle.per_address)):
        count, oldest = repo.count_login_failures(session, key, since)
        if count >= limit and oldest is not None:
            wait = max(wait, oldest + throttle.window - now)
    if wait > dt.timedelta(0):
        _audit_failure(session, username, "throttled")
        session.commit()
        raise LoginThrottledError(wait)
    user = authenticate(session, username, password)
    if user is None:
        repo.add_login_failures(session, (user_key, address_key), before=since)
        _audit_failure(session, username, "password")
        session.commit()
        raise LoginRefusedError(both("login_failed"))
    if user.disabled:
        _audit_failure(session, username, "disabled")
        session.commit()
        raise LoginRefusedError(both("account_disabled"))
    repo.clear_login_failures(session, user_key)
    repo.add_audit(session, user, "login", "user", user.id, {})
    session.commit()
    return user


def _audit_failure(session: Session, username: str, reason: str) -> None:
    known = repo.user_by_name(session, username.strip())
    repo.add_audit(
        session,
        None,
        "login_failed",
        "user",
        username.strip()[:80],
        {"reason": reason},
        object_agency_id=known.agency_id if known else None,
    )


def user_for_session(session: Session, user_id: int, version: int) -> User | None:
    """The account a session cookie names, unless it was signed out, its password changed or
    it was disabled since the cookie was made."""
    user = session.get(User, user_id)
    if user is None or user.disabled or user.session_version != version:
        return None
    return user


def end_sessions(user: User) -> None:
    """Every session signed in so far stops working (the caller commits)."""
    user.session_version = (user.session_version or 0) + 1


def sign_out(session: Session, user: User) -> None:
    end_sessions(user)
    repo.add_audit(session, user, "logout", "user", user.id, {})
    session.commit()


def _token_hash(token: str) -> str:
    # A random 256-bit token needs no slow hash: SHA-256 cannot be brute-forced back.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, user: User, actor: User | None = None) -> str:
    """A new API token for ``user`` (replacing the old one); only its hash is stored."""
    if user.disabled:
        raise AccountError(both("account_disabled"))
    token = secrets.token_urlsafe(32)
    user.token_hash = _token_hash(token)
    user.token_issued_at = utcnow()
    repo.add_audit(session, actor or user, "token", "user", user.id, {})
    session.commit()
    return token


def token_expires(user: User, token_days: int = DEFAULT_TOKEN_DAYS) -> dt.datetime | None:
    if user.token_hash is None or user.token_issued_at is None:
        return None
    return user.token_issued_at + dt.timedelta(days=token_days)


def user_for_token(session: Session, token: str, token_days: int = DEFAULT_TOKEN_DAYS) -> User | None:
    """The owner of a valid token: not expired, the account not disabled."""
    if not token:
        return None
    user = repo.user_by_token_hash(session, _token_hash(token))
    if user is None or user.disabled:
        return None
    expires = token_expires(user, token_days)
    if expires is None or expires <= utcnow():
        return None
    return user


def generate_password() -> str:
    return secrets.token_urlsafe(12)


# --- administration -------------------------------------------------------------------------


def branch_ids(session: Session, actor: User | None) -> set[int] | None:
    """The agencies ``actor`` administers (None: all of them, for the command line)."""
    if actor is None:
        return None
    if actor.role != "admin":
        raise AccountForbiddenError(both("error_403"))
    return repo.subtree_ids(session, actor.agency_id)


def check_in_branch(session: Session, actor: User | None, agency_id: int) -> None:
    branch = branch_ids(session, actor)
    if branch is not None and agency_id not in branch:
        raise AccountForbiddenError(both("outside_branch"))


def find_user(session: Session, username: str) -> User:
    user = repo.user_by_name(session, username.strip())
    if user is None:
        raise AccountNotFoundError(f"{both('user_not_found')}: {username}")
    return user


def get_user(session: Session, user_id: int) -> User:
    found = session.get(User, user_id)
    if found is None:
        raise AccountNotFoundError(both("user_not_found"))
    return found


def users_of_branch(session: Session, actor: User) -> list[User]:
    branch = branch_ids(session, actor) or set()
    return repo.users_of_agencies(session, sorted(branch))


def create_account(
    session: Session,
    actor: User | None,
    username: str,
    agency: Agency,
    role: str,
    full_name: str = "",
) -> tuple[User, str]:
    """An account with a generated password, returned once (never stored in clear)."""
    check_in_branch(session, actor, agency.id)
    password = generate_password()
    created = add_user(session, username, password, agency, role, full_name=full_name)
    details = {"username": created.username, "role": created.role}
    repo.add_audit(session, actor, "create_user", "user", created.id, details)
    session.commit()
    return created, password


def _managed(session: Session, actor: User | None, target: User) -> None:
    check_in_branch(session, actor, target.agency_id)
    if actor is not None and actor.id == target.id:
        raise AccountForbiddenError(both("not_own_account"))


def change_role(session: Session, actor: User | None, target: User, role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"{both('bad_role')}: {role}")
    _managed(session, actor, target)
    old, target.role = target.role, role
    end_sessions(target)  # pages open under the old role must not keep its rights
    repo.add_audit(session, actor, "change_role", "user", target.id, {"from": old, "to": role})
    session.commit()


def reset_password(session: Session, actor: User | None, target: User) -> str:
    """A new generated password for ``target``, returned once; their sessions and token end."""
    _managed(session, actor, target)
    password = generate_password()
    target.password_hash = generate_password_hash(password)
    target.token_hash = None
    target.token_issued_at = None
    end_sessions(target)
    repo.add_audit(session, actor, "reset_password", "user", target.id, {})
    session.commit()
    return password


def set_disabled(session: Session, actor: User | None, target: User, disabled: bool) -> None:
    """Disable (every session and the token end at once) or enable an account."""
    _managed(session, actor, target)
    target.disabled = disabled
    if disabled:
        target.token_hash = None
        target.token_issued_at = None
        end_sessions(target)
    repo.add_audit(session, actor, "disable_user" if disabled else "enable_user", "user", target.id, {})
    session.commit()


def change_own_password(session: Session, user: User, old: str, new: str, confirm: str) -> None:
    """The user's own change: the current password is required; other sessions end (the
    caller signs the current one in again)."""
    if not check_password_hash(user.password_hash, old):
        raise AccountError(both("password_wrong"))
    if new != confirm:
        raise AccountError(both("password_mismatch"))
    _check_password(new)
    if new == old:
        raise AccountError(both("password_same"))
    user.password_hash = generate_password_hash(new)
    end_sessions(user)
    repo.add_audit(session, user, "change_password", "user", user.id, {})
    session.commit()


def audit_log(session: Session, admin: User, limit: int = 200) -> list[AuditEntry]:
    """The entries of the admin's branch: acted by one of its accounts or on one of its plans
    and accounts. Entries filed under no agency (a failed sign-in with an unknown name) are
    shown to admins of a top agency only."""
    branch = branch_ids(session, admin) or set()
    top = admin.agency is not None and admin.agency.parent_id is None
    return repo.audit_entries_of(session, branch, limit, unfiled=top)

"""Agencies and user accounts: the tree, passwords (hashed), API tokens (stored hashed)."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.messages import both
from app.storage import repository as repo
from app.storage.tables import Agency, User

ROLES = ("drafter", "reviewer", "admin")


class AccountError(KehoachError):
    """Bad account data (unknown role or level, taken user name)."""


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
    if not username.strip() or repo.user_by_name(session, username) is not None:
        raise AccountError(f"{both('username_taken')}: {username}")
    if len(password) < 8:
        raise AccountError(both("password_too_short"))
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


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = repo.user_by_name(session, username.strip())
    if user is None or not check_password_hash(user.password_hash, password):
        return None
    return user


def _token_hash(token: str) -> str:
    # A random 256-bit token needs no slow hash: SHA-256 cannot be brute-forced back.
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(session: Session, user: User) -> str:
    """A new API token for ``user`` (replacing the old one); only its hash is stored."""
    token = secrets.token_urlsafe(32)
    user.token_hash = _token_hash(token)
    repo.add_audit(session, user, "token", "user", user.id, {})
    session.commit()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    if not token:
        return None
    return repo.user_by_token_hash(session, _token_hash(token))


def generate_password() -> str:
    return secrets.token_urlsafe(12)

"""Store each commune's plan of a web batch as the draft of the commune's own agency.

Runs in the worker, once per commune, before the commune's DOCX is written. The commune's
agency is the one below the parent plan's agency (or, when the batch's owner sits lower, below
the owner's) whose name is the commune's ("Ủy ban nhân dân xã Trị An" for "xã Trị An",
compared through :func:`app.vn.normalize.match_key`); it is created there when missing, named
the way app.services.seed names agencies. The plan is then stored by
:func:`app.services.plans_store.save_child_draft`: the commune's drafter sees and edits it, the
province sees it as a draft of its child, and a resumed or repeated batch never makes a second
plan for the same commune (the draft gets a new version, an issued plan is left alone).
"""

from __future__ import annotations

import errno
import functools
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from app.batch.communes import Commune
from app.config import settings
from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import Plan
from app.messages import both
from app.services import accounts, parents, plans_store
from app.storage import repository as repo
from app.storage.db import make_engine, make_session_factory
from app.storage.tables import Agency, PlanRecord, User
from app.vn.normalize import match_key

# The words an agency's name may start with before the unit's own name.
BODY_WORDS = ("Ủy ban nhân dân", "UBND")


_ENGINES: dict[tuple[str, str | None], Engine] = {}


def _sessions(url: str, schema: str | None) -> sessionmaker[Session]:
    """Sessions on the job's database; one engine (and its pool) per database per process."""
    engine = _ENGINES.get((url, schema))
    if engine is None:
        if len(_ENGINES) >= 4:
            dispose_engines()
        engine = _ENGINES[(url, schema)] = make_engine(url, schema)
    return make_session_factory(engine)


def dispose_engines() -> None:
    """Close the pooled connections of the engines opened here (a test's end, a worker's)."""
    while _ENGINES:
        _, engine = _ENGINES.popitem()
        engine.dispose()


def unit_key(name: str) -> str:
    """The key an agency and a commune are matched by: "Ủy ban nhân dân\\nxã Trị An",
    "UBND xã Trị An" and "Xã Trị An" all give the key of "xã Trị An"."""
    key = match_key(" ".join(name.split()))
    for prefix in _body_prefixes():
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


@functools.cache
def _body_prefixes() -> tuple[str, ...]:
    return tuple(f"{match_key(words)} " for words in BODY_WORDS)


def commune_agency_name(commune: Commune) -> str:
    """The name a new commune agency is given, as app.services.seed names them."""
    return f"Ủy ban nhân dân\n{commune.unit}"


@dataclass
class _Below:
    """The agencies below one agency, by :func:`unit_key`: (id, parent id, level) each."""

    built: float
    keys: dict[str, list[tuple[int, int | None, str]]] = field(default_factory=dict)


# A worker stores thousands of communes of the same agency: its subtree is read once (and again
# when a commune is missing from it and the copy is a few seconds old: another worker may have
# added the agency since), not once per commune.
_BELOW: dict[tuple[str, int], _Below] = {}
FRESH_SECONDS = 5.0


def _below(session: Session, base: Agency, *, refresh: bool = False) -> _Below:
    """The agencies below ``base``; kept between calls only for a session that names its
    database (``session.info["scope"]``, set by :func:`store_child_plan`)."""
    scope = session.info.get("scope")
    cache = (str(scope), base.id)
    found = _BELOW.get(cache) if scope else None
    if found is None or refresh:
        found = _Below(time.monotonic())
        ids = repo.subtree_ids(session, base.id) - {base.id}
        rows = session.execute(select(Agency.id, Agency.name, Agency.parent_id, Agency.level))
        for agency_id, name, parent_id, level in rows:
            if agency_id in ids:
                found.keys.setdefault(unit_key(name), []).append((agency_id, parent_id, level))
        if scope:
            if len(_BELOW) > 16:
                _BELOW.clear()
            _BELOW[cache] = found
    return found


def _pick(session: Session, below: _Below, base: Agency, commune: Commune) -> Agency | None:
    alike = below.keys.get(unit_key(commune.unit), [])
    direct = [a for a in alike if a[1] == base.id]
    deeper = [a for a in alike if a[2] == commune.level]
    chosen = direct[0] if direct else deeper[0] if len(deeper) == 1 else None
    return session.get(Agency, chosen[0]) if chosen else None


def find_commune_agency(session: Session, base: Agency, commune: Commune) -> Agency | None:
    """The agency of ``commune`` below ``base``: a direct child first, else the only one of the
    commune's level further down (a commune under a district of the older chain)."""
    below = _below(session, base)
    found = _pick(session, below, base, commune)
    if found is None and time.monotonic() - below.built > FRESH_SECONDS:
        found = _pick(session, _below(session, base, refresh=True), base, commune)
    return found


def _fits(value: str, column: Any) -> None:
    """Refuse a value longer than its column, the same on every database (SQLite would
    store it, PostgreSQL refuse it with an error naming no commune)."""
    limit = getattr(column.type, "length", None)
    if limit is not None and len(value) > limit:
        raise KehoachError(both("batch_name_too_long").format(limit=limit))


def commune_agency(session: Session, base: Agency, commune: Commune) -> Agency:
    """The commune's agency below ``base``, created as a child of ``base`` when missing."""
    found = find_commune_agency(session, base, commune)
    if found is not None:
        return found
    _fits(commune_agency_name(commune), Agency.name)
    _fits(commune.place, Agency.place)
    if not DEFAULT_LEVELS.is_below(commune.level, base.level):
        raise KehoachError(f"{both('batch_commune_level')}: {commune.unit} ({base.name.splitlines()[-1]})")
    agency = accounts.add_agency(
        session, commune_agency_name(commune), commune.level, base, place=commune.place
    )
    session.commit()
    cached = _BELOW.get((str(session.info.get("scope")), base.id))
    if cached is not None:
        cached.keys.setdefault(unit_key(agency.name), []).append((agency.id, base.id, agency.level))
    return agency


_BASES: dict[tuple[str, int, int | None], int] = {}


def _base_agency(session: Session, user: User, parent_id: int | None) -> Agency:
    """Where the batch's communes sit: under the parent plan's agency when it is the owner's or
    below it, else under the owner's own (a district running the province's plan). Worked out
    once per job and worker: the plan store checks the owner's rights again on every save."""
    scope = session.info.get("scope")
    cache = (str(scope), user.id, parent_id)
    known = _BASES.get(cache) if scope else None
    found = repo.agency(session, known) if known is not None else None
    if found is not None:
        return found
    base = repo.agency(session, user.agency_id)
    if base is None:
        raise KehoachError(both("batch_not_found"))
    if parent_id is not None:
        parent = plans_store.get_record(session, user, parent_id)
        if parent.agency_id in plans_store.readable_agency_ids(session, user):
            base = repo.agency(session, parent.agency_id) or base
    if scope:
        if len(_BASES) > 64:
            _BASES.clear()
        _BASES[cache] = base.id
    return base


def store_child_plan(owner: dict[str, Any], plan: Plan, commune: Commune) -> int:
    """The id of the commune's stored plan (new, updated, or the one already there)."""
    url, schema = owner.get("database_url") or settings().database_url, owner.get("database_schema")
    with _sessions(url, schema)() as session:
        session.info["scope"] = f"{url}|{schema or ''}"
        user = session.get(User, int(owner["user_id"]))
        if user is None:
            raise KehoachError(both("batch_not_found"))
        _fits(plan.issuer.one_line_name, PlanRecord.issuer_name)
        _fits(plan.id, PlanRecord.key)
        try:
            parent_id = owner.get("parent_id")
            base = _base_agency(session, user, parent_id)
            agency = commune_agency(session, base, commune)
            if parent_id is None:
                return _store_without_parent(session, user, plan, agency)
            saved = plans_store.save_child_draft(
                session, user, plan, agency_id=agency.id, parent_id=int(parent_id), note="batch"
            )
            if saved.outcome in ("created", "updated"):  # the parent's text it was made from
                parents.record_derived(session, user, saved.record_id, int(parent_id), "batch")
            return saved.record_id
        except SQLAlchemyError as exc:
            if worth_retrying(exc):
                raise
            session.rollback()
            # A value the database refuses (a name longer than its column): this commune only.
            detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            raise KehoachError(f"{both('batch_store_failed')}: {detail}") from None


def _store_without_parent(session: Session, user: User, plan: Plan, agency: Agency) -> int:
    """A batch started with no stored parent (a script): one plan per key and agency."""
    existing = session.scalars(
        select(PlanRecord.id).where(PlanRecord.key == plan.id, PlanRecord.agency_id == agency.id)
    ).first()
    if existing is not None:
        return int(existing)
    saved = plans_store.save_plan(session, user, plan, note="batch", agency_id=agency.id)
    return int(saved.record.id)


def worth_retrying(exc: BaseException) -> bool:
    """True for an error that may pass by itself: the database unreachable or busy, a
    concurrent save of the same draft, a full disk. The job's chunk is then tried again."""
    if isinstance(exc, plans_store.StaleVersionError | OperationalError | InterfaceError | PoolTimeoutError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO)

"""Store each commune's plan of a web batch as version 1 of a new stored plan.

Runs in the worker, once per commune, before the commune's DOCX is written: on a resumed job
the plan may already be stored (the worker died after storing, before writing), so the plan's
stable key is looked up first and a commune is never stored twice.
"""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.config import settings
from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.messages import both
from app.services import plans_store
from app.storage.db import make_engine, make_session_factory
from app.storage.tables import PlanRecord, User


@functools.lru_cache(maxsize=4)
def _sessions(url: str, schema: str | None) -> sessionmaker[Session]:
    return make_session_factory(make_engine(url, schema))


def store_child_plan(owner: dict[str, Any], plan: Plan) -> int:
    """The stored plan's id (new, or the one a previous attempt stored)."""
    factory = _sessions(owner.get("database_url") or settings().database_url, owner.get("database_schema"))
    with factory() as session:
        user = session.get(User, int(owner["user_id"]))
        if user is None:
            raise KehoachError(both("batch_not_found"))
        existing = session.scalars(
            select(PlanRecord.id).where(PlanRecord.key == plan.id, PlanRecord.agency_id == user.agency_id)
        ).first()
        if existing is not None:
            return int(existing)
        saved = plans_store.save_plan(session, user, plan, parent_id=owner.get("parent_id"), note="batch")
        return int(saved.record.id)

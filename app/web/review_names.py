"""Review an uploaded draft with every message naming the files as the user called them.

The reader gives an uploaded draft the id of the file it was saved under ("draft"), and the
review engine names plans by id and level code ("draft (district) / vinh-cuu-2026
(district)"): neither means anything to the office worker who uploaded "du-thao-xa.docx".
The level checks are made here first, in words they know (the file name, "cấp huyện"); any
other message of the engine has the internal ids replaced by the same names.
"""

from __future__ import annotations

import re
from typing import Any

from werkzeug.exceptions import BadRequest

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import Plan
from app.messages import both
from app.web import documents
from app.web.coverage import level_name


def stored_plan_name(plan: Plan) -> str:
    """How an office names a stored plan: "Kế hoạch số 12/KH-UBND", else its subject."""
    if plan.number is not None:
        return f"Kế hoạch số {plan.number:02d}/{plan.symbol}"
    return f"Kế hoạch {plan.subject}"


def check_levels(parent: Plan, child: Plan, draft_name: str, parent_name: str) -> None:
    """Refuse a draft that is not of a level below its parent, naming both as the user knows
    them; the usual cause, the two files swapped, is said outright."""
    for plan, name in ((parent, parent_name), (child, draft_name)):
        if DEFAULT_LEVELS.get(plan.level) is None:
            raise BadRequest(f"«{name}»: {both('unknown_level')}: {plan.level}")
    if DEFAULT_LEVELS.is_below(child.level, parent.level):
        return
    message = both("review_draft_not_below").format(
        draft=draft_name,
        child_level=level_name(child.level),
        parent=parent_name,
        parent_level=level_name(parent.level),
    )
    if DEFAULT_LEVELS.is_below(parent.level, child.level):
        message += f". {both('review_draft_swapped')}"
    raise BadRequest(message)


def rename_ids(message: str, names: dict[str, str]) -> str:
    """``message`` with each plan id (a whole word, not part of a longer id) replaced by the
    user's name for that plan."""
    for plan_id, name in names.items():
        if plan_id:
            replacement = f"«{name}»".replace("\\", "\\\\")  # a backslash is literal here
            message = re.sub(rf"(?<![\w-]){re.escape(plan_id)}(?![\w-])", replacement, message)
    return message


def review_named(parent: Plan, child: Plan, docx: bytes | None, draft_name: str, parent_name: str) -> Any:
    """The engine's review of ``child`` against ``parent``; any refusal names the files."""
    check_levels(parent, child, draft_name, parent_name)
    try:
        return documents.engine("app.services.review").review_plans(parent, child, docx)
    except KehoachError as exc:
        names = {child.id: draft_name}
        if parent.id != child.id:
            names[parent.id] = parent_name
        raise BadRequest(rename_ids(str(exc), names)) from None

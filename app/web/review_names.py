"""Review an uploaded draft with every message naming the files as the user called them.

The reader gives an uploaded draft the id of the file it was saved under ("draft"), and the
review engine names plans by id: that means nothing to the office worker who uploaded
"du-thao-xa.docx", so any message of the engine has the internal ids replaced by the file
names. The levels of the two plans are the user's when picked on the form (or sent to the
API), else guessed; the review never refuses over a guess, it says what it assumed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from werkzeug.exceptions import BadRequest

from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.review.assumptions import FIELDS, LevelChoice
from app.web import documents


def stored_plan_name(plan: Plan) -> str:
    """How an office names a stored plan: "Kế hoạch số 12/KH-UBND", else its subject."""
    if plan.number is not None:
        return f"Kế hoạch số {plan.number:02d}/{plan.symbol}"
    return f"Kế hoạch {plan.subject}"


def chosen_levels(values: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The parent and child levels picked on the review form or sent to the API (the
    ``parent_level``/``child_level`` fields; empty for "Tự xác định"), checked: a wrong value
    is a 400 naming the field (not the CLI option) and the Vietnamese list of levels, never a 500."""
    parent = (values.get("parent_level") or "").strip() or None
    child = (values.get("child_level") or "").strip() or None
    LevelChoice(parent, child).check(options=FIELDS)
    return parent, child


def rename_ids(message: str, names: dict[str, str]) -> str:
    """``message`` with each plan id (a whole word, not part of a longer id) replaced by the
    user's name for that plan."""
    for plan_id, name in names.items():
        if plan_id:
            replacement = f"«{name}»".replace("\\", "\\\\")  # a backslash is literal here
            message = re.sub(rf"(?<![\w-]){re.escape(plan_id)}(?![\w-])", replacement, message)
    return message


def review_named(
    parent: Plan,
    child: Plan,
    docx: bytes | None,
    draft_name: str,
    parent_name: str,
    choice: LevelChoice | None = None,
) -> Any:
    """The engine's review of ``child`` against ``parent`` with the user's ``choice`` of
    levels; any refusal names the files."""
    try:
        return documents.engine("app.services.review").review_plans(parent, child, docx, choice=choice)
    except KehoachError as exc:
        names = {child.id: draft_name}
        if parent.id != child.id:
            names[parent.id] = parent_name
        raise BadRequest(rename_ids(str(exc), names)) from None

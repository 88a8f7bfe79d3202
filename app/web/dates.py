"""Dates as offices write them (ngày/tháng/năm, 20/01/2026) in the editor's documents.

The plan model stores ISO dates; the editor shows and takes dd/mm/yyyy whatever the browser's
language (an <input type=date> in an English Chromium shows mm/dd/yyyy). editor.js already
sends ISO for a well-formed date; this module also reads dd/mm/yyyy sent as is (a script, a
browser without JS), and turns a malformed date into a Vietnamese message beside its field
instead of the model's "dạng YYYY-MM-DD", which speaks of a format the user never saw.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.domain.plan import Plan
from app.messages import both
from app.planfile.load import PlanFileError, plan_from_data

DMY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_iso(text: str) -> str:
    """The date "20/01/2026" (or an ISO date) as "2026-01-20"; ValueError naming the problem in
    Vietnamese and English when it is not a real date written day first."""
    if ISO.match(text.strip()):
        dt.date.fromisoformat(text.strip())
        return text.strip()
    found = DMY.match(text)
    if not found:
        raise ValueError(both("date_format"))
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"{both('date_invalid')}: {text.strip()}") from None


def convert_dates(value: Any, path: str = "") -> tuple[Any, dict[str, list[str]]]:
    """A copy of the document with every ``date`` field in ISO form, and the messages (by
    field path, as the editor places them) for the dates that could not be read."""
    errors: dict[str, list[str]] = {}
    if isinstance(value, list):
        out_list = []
        for i, item in enumerate(value):
            converted, found = convert_dates(item, f"{path}[{i}]")
            out_list.append(converted)
            errors.update(found)
        return out_list, errors
    if not isinstance(value, dict):
        return value, errors
    out: dict[str, Any] = {}
    for key, item in value.items():
        where = f"{path}.{key}" if path else str(key)
        if key == "date" and isinstance(item, str) and item.strip():
            try:
                out[key] = to_iso(item)
            except ValueError as exc:
                out[key] = item
                errors[where] = [str(exc)]
            continue
        out[key], found = convert_dates(item, where)
        errors.update(found)
    return out, errors


def read_document(data: Any, source: str = "document") -> Plan:
    """The editor's document as a plan, dates read day first; a PlanFileError carries the
    Vietnamese date messages in place of the model's ones for the same fields."""
    converted, date_errors = convert_dates(data)
    try:
        plan = plan_from_data(converted, source)
    except PlanFileError as exc:
        raise PlanFileError(source, {**exc.errors, **date_errors}) from None
    if date_errors:  # unreachable while the model rejects non-ISO dates; kept for safety
        raise PlanFileError(source, date_errors)
    return plan

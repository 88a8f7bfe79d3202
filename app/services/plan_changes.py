"""What changed between two versions of a plan, computed on the domain objects.

The review of a colleague's edit is about targets first (added, removed, a value, comparator
or deadline changed), then tasks, duties and the header; the diff says exactly that, in a
form both the web page and the API (409 conflicts) show.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.domain.plan import Plan

TARGET_FIELDS = (
    "text",
    "metric",
    "population",
    "comparator",
    "value",
    "value_max",
    "denominator",
    "unit",
    "period",
    "deadline",
    "frequency",
    "level",
    "parent_target",
)
HEADER_FIELDS = ("subject", "number", "symbol", "date", "doc_type", "closing")


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass
class ItemChange:
    """One target (or task, or agency's duties) added, removed or changed."""

    kind: str  # added, removed, changed
    id: str
    text: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class PlanDiff:
    header: list[FieldChange] = field(default_factory=list)
    targets: list[ItemChange] = field(default_factory=list)
    tasks: list[ItemChange] = field(default_factory=list)
    assignments: list[ItemChange] = field(default_factory=list)
    recipients: list[FieldChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.header or self.targets or self.tasks or self.assignments or self.recipients)

    def to_dict(self) -> dict[str, Any]:
        plain: dict[str, Any] = _plain(asdict(self))
        return plain


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value.value) if hasattr(value, "value") else str(value)


def _field_changes(old: object, new: object, names: tuple[str, ...]) -> list[FieldChange]:
    out = []
    for name in names:
        a, b = getattr(old, name, None), getattr(new, name, None)
        if a != b:
            out.append(FieldChange(name, _plain(a), _plain(b)))
    return out


def _items(
    old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...], text_of: str = "text"
) -> list[ItemChange]:
    changes: list[ItemChange] = []
    for key, item in new.items():
        if key not in old:
            changes.append(ItemChange("added", key, str(getattr(item, text_of, key))))
        else:
            fields = _field_changes(old[key], item, names)
            if fields:
                changes.append(ItemChange("changed", key, str(getattr(item, text_of, key)), fields))
    changes.extend(
        ItemChange("removed", key, str(getattr(item, text_of, key)))
        for key, item in old.items()
        if key not in new
    )
    return changes


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """The changes that turn ``old`` into ``new``; targets and tasks are matched by id."""
    diff = PlanDiff(header=_field_changes(old, new, HEADER_FIELDS))
    diff.header += [
        FieldChange(f"signer.{c.field}", c.old, c.new)
        for c in _field_changes(old.signer, new.signer, ("name", "title"))
    ]
    old_targets = {t.id: t for t in old.targets()}
    new_targets = {t.id: t for t in new.targets()}
    diff.targets = _items(old_targets, new_targets, TARGET_FIELDS)
    for key in old_targets.keys() & new_targets.keys():
        a, b = old_targets[key].breakdown, new_targets[key].breakdown
        if a != b:
            item = next((c for c in diff.targets if c.id == key), None)
            if item is None:
                item = ItemChange("changed", key, new_targets[key].text)
                diff.targets.append(item)
            item.fields.append(FieldChange("breakdown", len(a), len(b)))
    diff.tasks = _items(
        {t.id: t for t in old.tasks()}, {t.id: t for t in new.tasks()}, ("text", "lead", "deadline")
    )
    diff.assignments = _items(
        {a.agency: a for a in old.assignments()},
        {a.agency: a for a in new.assignments()},
        ("duties",),
        "agency",
    )
    for change in diff.assignments:
        for f in change.fields:
            f.old, f.new = len(f.old or []), len(f.new or [])
    if old.recipients != new.recipients:
        diff.recipients.append(FieldChange("recipients", old.recipients, new.recipients))
    return diff

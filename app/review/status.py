"""The status of a mandate in a child plan: the values of the JSON ``status`` field."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    COVERED = "covered"  # carried at least as strictly, on time
    WEAKER = "weaker"  # laxer value, narrower population, less often, or only as a task
    LATE = "late"  # carried, but with a later deadline
    MISSING = "missing"  # nothing in the child matches
    AMBIGUOUS = "ambiguous"  # two close candidates: a person must decide
    NOT_APPLICABLE = "not_applicable"  # the parent keeps it for itself

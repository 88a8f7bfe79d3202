"""A finding of a rule, and the shape every rule module has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """What a rule found: the rule's code, where, what was found and what is required.

    Equality compares the code and the location only, so rewording a message never breaks
    a test.
    """

    rule: str
    location: str
    message: str = field(compare=False)
    found: str | None = field(default=None, compare=False)
    required: str | None = field(default=None, compare=False)
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "location": self.location,
            "message": self.message,
            "found": self.found,
            "required": self.required,
            "severity": str(self.severity),
        }


class Rule(Protocol):
    """A rule module: module-level constants and one ``check`` generator."""

    CODE: str
    NAME: str
    SEVERITY: Severity
    SOURCE: str

    def check(self, subject: Any) -> Iterator[Finding]: ...

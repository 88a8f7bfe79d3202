"""Tasks (nhiệm vụ) and the duties "Tổ chức thực hiện" gives each agency."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What an agency does with a duty."""

    LEAD = "lead"  # chủ trì
    COORDINATE = "coordinate"  # phối hợp
    IMPLEMENT = "implement"  # triển khai, thực hiện
    REPORT = "report"  # báo cáo


@dataclass
class Task:
    """A task of the plan's "Nhiệm vụ" part, with who leads it and by when."""

    id: str
    text: str
    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    deadline: str | None = None
    level: str | None = None
    parent_task: str | None = None


@dataclass
class Duty:
    """One duty given to an agency; a reporting duty names its recipient and frequency."""

    text: str
    role: Role = Role.IMPLEMENT
    deadline: str | None = None
    report_to: str | None = None
    frequency: str | None = None
    parent_duty: str | None = None


@dataclass
class Assignment:
    """The duties of one agency (or class of agencies, "UBND các xã, thị trấn")."""

    agency: str
    duties: list[Duty] = field(default_factory=list)
    level: str | None = None
    id: str | None = None

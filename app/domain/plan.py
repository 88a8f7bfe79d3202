"""The Plan aggregate: header, references, the body tree, signer and recipients.

A plan is always loaded and saved whole. Its body is a tree of :class:`Section` (I. → 1. →
a) → bullets); targets, tasks and agency duties live in the sections where they are printed,
and the plan-level accessors walk the tree to reach them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.assignments import Assignment, Task
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.targets import Comparator, QuotaPart, Target

SIGNER_MARKS = ("TM.", "KT.", "Q.", "TL.", "TUQ.")


class SectionKind(StrEnum):
    """What a part of the body is about; the review looks for duties in ORGANIZATION."""

    TEXT = "text"
    PURPOSE = "purpose"
    OBJECTIVES = "objectives"
    SCOPE = "scope"
    TASKS = "tasks"
    SOLUTIONS = "solutions"
    FUNDING = "funding"
    ORGANIZATION = "organization"


# The parts whose items are tasks: NHIỆM VỤ, GIẢI PHÁP (NỘI DUNG, HOẠT ĐỘNG) and KINH PHÍ.
TASK_KINDS = (SectionKind.TASKS, SectionKind.SOLUTIONS, SectionKind.FUNDING)


@dataclass
class Issuer:
    """The issuing body, as printed in the header and used in the symbol and dateline.

    ``name`` is printed upper case in the header; a line break in it splits header lines
    ("Ủy ban nhân dân\\nhuyện Vĩnh Cửu").
    """

    name: str
    abbreviation: str
    level: str
    place: str
    parent_body: str | None = None

    @property
    def one_line_name(self) -> str:
        return " ".join(part.strip() for part in self.name.splitlines() if part.strip())


@dataclass
class Reference:
    """A document the plan implements or relies on, with its citation parts."""

    relation: str = "basis"  # "implements" (the parent plan) or "basis" (căn cứ)
    doc_type: str = "Kế hoạch"
    number: str | None = None
    symbol: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    text: str | None = None  # the citation exactly as printed, when given

    @property
    def number_symbol(self) -> str | None:
        if self.number and self.symbol:
            return f"{self.number}/{self.symbol}"
        return self.number or self.symbol


@dataclass
class Section:
    """A numbered part of the body and what is printed inside it, in this order:
    text paragraphs, targets, tasks, the agency's duties, bullets, then sub-sections."""

    title: str | None = None
    kind: SectionKind = SectionKind.TEXT
    text: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    assignment: Assignment | None = None
    bullets: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.sections:
            yield from child.walk()


@dataclass
class Signer:
    """The signature block: quyền hạn lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"),
    the signer's own title ("PHÓ CHỦ TỊCH") and name."""

    name: str
    title: str
    authority: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The upper-case lines stacked above the signature space, one per line."""
        return [*self.authority, self.title] if self.title else list(self.authority)


@dataclass
class Funding:
    """Where the money comes from, printed in the funding part."""

    sources: list[str] = field(default_factory=list)
    amount: float | None = None
    text: list[str] = field(default_factory=list)


@dataclass
class Appendix:
    """An appendix table, e.g. targets by commune."""

    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    note: str | None = None


@dataclass
class Plan:
    """A KẾ HOẠCH (or another typed document read as a parent) as structured data."""

    id: str
    issuer: Issuer
    subject: str
    symbol: str
    signer: Signer
    doc_type: str = "KẾ HOẠCH"
    number: int | None = None
    date: dt.date | None = None
    # Before the plan has its date: the year (and month) the dateline already prints, leaving
    # the day (and month) for the văn thư ("ngày ⎵ tháng 3 năm 2026").
    dateline_year: int | None = None
    dateline_month: int | None = None
    references: list[Reference] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: str | None = None
    funding: Funding | None = None
    recipients: list[str] = field(default_factory=list)
    archive: list[str] = field(default_factory=lambda: ["VT"])
    appendices: list[Appendix] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def level(self) -> str:
        return self.issuer.level

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def parent_ref(self) -> Reference | None:
        """The first parent the plan implements (the one ``plans.parent_id`` stores)."""
        refs = self.parent_refs
        return refs[0] if refs else None

    @property
    def parent_refs(self) -> list[Reference]:
        """Every parent the plan implements, in citing order: a province plan may carry
        several national programmes at once (seed 000)."""
        return [ref for ref in self.references if ref.relation == "implements"]

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def targets(self) -> list[Target]:
        return [t for s in self.walk() for t in s.targets]

    def tasks(self) -> list[Task]:
        return [t for s in self.walk() for t in s.tasks]

    def assignments(self) -> list[Assignment]:
        return [s.assignment for s in self.walk() if s.assignment is not None]

    def target(self, target_id: str) -> Target | None:
        for t in self.targets():
            if t.id == target_id:
                return t
        return None


def validate_plan(plan: Plan, levels: LevelTable = DEFAULT_LEVELS) -> dict[str, list[str]]:
    """Rules of the model that a schema cannot express; keys are field paths, values are
    message keys of ``app.messages``."""
    errors: dict[str, list[str]] = {}

    def add(path: str, key: str) -> None:
        errors.setdefault(path, []).append(key)

    if levels.get(plan.issuer.level) is None:
        add("issuer.level", "unknown_level")
    if plan.number is not None and plan.number <= 0:
        add("number", "number_positive")
    if plan.dateline_month is not None and not 1 <= plan.dateline_month <= 12:
        add("dateline_month", "invalid_month")
    for i, line in enumerate(plan.signer.authority):
        if not line.strip().upper().startswith(SIGNER_MARKS):
            add(f"signer.authority[{i}]", "signer_mark")
    if plan.funding is not None and plan.funding.amount is not None and plan.funding.amount < 0:
        add("funding.amount", "funding_negative")
    seen: set[str] = set()
    for path, target in _targets_with_paths(plan):
        if target.id in seen:
            add(f"{path}.id", "duplicate_target_id")
        seen.add(target.id)
        for field_path, key in _numeric_sense(target, path):
            add(field_path, key)
        if target.level is not None and levels.get(target.level) is None:
            add(f"{path}.level", "unknown_level")
        for problem in target.problems():
            add(f"{path}.{problem.split(':')[0]}", f"target_{problem.split(':')[0]}")
    for path, section in _sections_with_paths(plan):
        # A duty or task given to an unknown level would silently never reach any child.
        if section.assignment and section.assignment.level and levels.get(section.assignment.level) is None:
            add(f"{path}.assignment.level", "unknown_level")
        for i, task in enumerate(section.tasks):
            if task.level is not None and levels.get(task.level) is None:
                add(f"{path}.tasks[{i}].level", "unknown_level")
    return errors


SUBJECT_WARN_CHARS = 300  # a trích yếu is one or two sentences, 60-250 characters


def subject_too_long(plan: Plan) -> int | None:
    """The subject's length when it is past :data:`SUBJECT_WARN_CHARS` (a warning, not an
    error: the schema refuses only past its column-sized limit)."""
    length = len(plan.subject)
    return length if length > SUBJECT_WARN_CHARS else None


def _numeric_sense(target: Target, path: str) -> Iterator[tuple[str, str]]:
    """Figures no plan means: a negative value or quota part, and a share over 100 %.

    "%" (or a fraction, 4/12) is a share of a whole, at most 100, for every comparator but
    ``increase_by``: "tăng 150%" is a real target, while "giảm 120%" cannot happen and "ít
    nhất 150% số xã" is a typo. A decrease is written as ``reduce_by`` with a positive value,
    never as a negative number.
    """
    for name in ("value", "value_max"):
        value = getattr(target, name)
        if value is not None and value < 0:
            yield f"{path}.{name}", "target_negative"
    for i, sub in enumerate(target.sub_values):
        if sub.value < 0 or (sub.value_max is not None and sub.value_max < 0):
            yield f"{path}.sub_values[{i}].value", "target_negative"
    yield from _negative_parts(target.breakdown, f"{path}.breakdown")
    if target.comparator is Comparator.INCREASE_BY:
        return
    share = target.share()
    if share is not None and share > 100:
        yield f"{path}.value", "share_over_100"
    if (target.unit or "").strip() == "%":
        if target.value_max is not None and target.value_max > 100:
            yield f"{path}.value_max", "share_over_100"
        for i, sub in enumerate(target.sub_values):
            if max(sub.value, sub.value_max or 0) > 100:
                yield f"{path}.sub_values[{i}].value", "share_over_100"


def _negative_parts(parts: list[QuotaPart], path: str) -> Iterator[tuple[str, str]]:
    for i, part in enumerate(parts):
        if part.value < 0:
            yield f"{path}[{i}].value", "part_negative"
        yield from _negative_parts(part.parts, f"{path}[{i}].parts")


def _sections_with_paths(plan: Plan) -> Iterator[tuple[str, Section]]:
    def visit(section: Section, path: str) -> Iterator[tuple[str, Section]]:
        yield path, section
        for j, child in enumerate(section.sections):
            yield from visit(child, f"{path}.sections[{j}]")

    for k, section in enumerate(plan.sections):
        yield from visit(section, f"sections[{k}]")


def _targets_with_paths(plan: Plan) -> Iterator[tuple[str, Target]]:
    def visit(section: Section, path: str) -> Iterator[tuple[str, Target]]:
        for i, target in enumerate(section.targets):
            yield f"{path}.targets[{i}]", target
        for j, child in enumerate(section.sections):
            yield from visit(child, f"{path}.sections[{j}]")

    for k, section in enumerate(plan.sections):
        yield from visit(section, f"sections[{k}]")

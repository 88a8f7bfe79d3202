"""Derive the plan a lower level issues to implement its parent ("create the child plan").

The child starts from what the parent mandates to its level: every such target, linked by
``parent_target``, with the child's share where the target is an absolute quota; the duties the
parent's "Tổ chức thực hiện" gives that level become the child's own tasks and duties. The
child gets its own header, dateline, signer, recipients and the citation of its parent, so
the officer edits a complete draft instead of copying the parent's Word file by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.domain.assignments import Assignment, Duty, Role, Task
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Funding, Issuer, Plan, Reference, Section, SectionKind, Signer
from app.domain.targets import Target
from app.messages import t
from app.review.mandates import Mandate, MandateKind, mandates_for
from app.services.derive_targets import child_target
from app.vn.normalize import match_key, slugify

_BODY_WORDS = ("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")


def unit_name(issuer: Issuer) -> str:
    """The administrative unit of an issuer, without the body: "xã Tân Phú"."""
    lines = [line.strip() for line in issuer.name.splitlines() if line.strip()]
    if len(lines) > 1:
        return lines[-1]
    name = issuer.one_line_name
    for word in _BODY_WORDS:
        if match_key(name).startswith(match_key(word) + " "):
            return " ".join(name.split()[len(word.split()) :])
    return name


_TWO_WORD_UNITS = ("thị trấn", "đặc khu", "thị xã", "thành phố")


def unit_word(unit: str) -> str:
    """The kind of unit a name starts with: "thị trấn Vĩnh An" -> "thị trấn", "xã An" -> "xã"."""
    words = unit.split()
    if len(words) >= 2 and f"{words[0]} {words[1]}".lower() in _TWO_WORD_UNITS:
        return f"{words[0]} {words[1]}"
    return words[0] if words else ""


def short_name(issuer: Issuer) -> str:
    """How recipients and citations name an issuer: "UBND tỉnh Đồng Nai"."""
    unit = unit_name(issuer)
    return f"{issuer.abbreviation} {unit}" if unit != issuer.one_line_name else unit


def _parent_citation(parent: Plan) -> Reference:
    number = f"{parent.number}/{parent.symbol}" if parent.number else parent.symbol
    date = f" ngày {parent.date.day:02d}/{parent.date.month:02d}/{parent.date.year}" if parent.date else ""
    doc_type = parent.doc_type.capitalize()
    text = f"Thực hiện {doc_type} số {number}{date} của {short_name(parent.issuer)} về {_lower_first(parent.subject)};"
    return Reference(
        relation="implements",
        doc_type=doc_type,
        number=str(parent.number) if parent.number else None,
        symbol=parent.symbol,
        date=parent.date,
        issuer=short_name(parent.issuer),
        title=_lower_first(parent.subject),
        text=text,
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _duty_sections(mandates: list[Mandate], level: str) -> tuple[list[Task], list[Duty]]:
    """The parent's duties for the child's level: report duties stay the child's duties (to
    the parent), the others become the child's tasks; each keeps its mandate id as link."""
    tasks: list[Task] = []
    duties: list[Duty] = []
    for mandate in mandates:
        if mandate.kind is not MandateKind.DUTY or mandate.part is SectionKind.FUNDING:
            continue  # the child states its own funding (its budget, its year)
        duty, task = mandate.duty, mandate.task
        if duty is not None and (duty.role is Role.REPORT or duty.report_to):
            duties.append(Duty(**{**duty.__dict__, "parent_duty": mandate.id}))
            continue
        deadline = duty.deadline if duty is not None else task.deadline if task is not None else None
        tasks.append(
            Task(
                id=f"nv-{len(tasks) + 1}",
                text=mandate.text,
                deadline=deadline,
                level=level,
                parent_task=mandate.id,
            )
        )
    return tasks, duties


@dataclass
class ParentDigest:
    """What every child of one parent at one level shares, computed once for a batch.

    The child copies of targets without a share, the tasks, duties and the citation are the
    same for every commune, so a batch derives them once and each commune's plan refers to
    them (read-only); only quota targets are copied per commune.
    """

    level: str
    groups: list[tuple[str | None, list[Target]]]  # the parent's heading and mandated targets
    shared: dict[str, Target]  # parent target id -> its child copy without a share
    target_levels: dict[str, str]  # parent target id -> the level its child copy carries
    tasks: list[Task]
    duties: list[Duty]
    citation: Reference
    parent_name: str
    funding: bool


def digest_parent(
    parent: Plan, level: str, mandates: list[Mandate] | None = None, levels: LevelTable = DEFAULT_LEVELS
) -> ParentDigest:
    """The shared part of every child plan of ``parent`` at ``level``."""
    if mandates is None:
        mandates = mandates_for(parent, level, levels)
    selected = {m.id for m in mandates if m.target is not None}
    return _digest(parent, level, mandates, selected, levels)


def _carried_levels(mandates: list[Mandate], level: str, levels: LevelTable) -> dict[str, str]:
    """The level each mandated target keeps in the child plan.

    A target the parent mandates to a level below the child's (a province's commune target in
    a district plan) keeps that level: the district carries it down to its communes, and the
    commune plan derived from the district plan must still find it. A target mandated to the
    child's own level (or to no level) becomes the child's own.
    """
    return {
        m.id: m.level if m.level and levels.is_below(m.level, level) else level
        for m in mandates
        if m.target is not None
    }


def _digest(
    parent: Plan, level: str, mandates: list[Mandate], selected: set[str], levels: LevelTable = DEFAULT_LEVELS
) -> ParentDigest:
    groups = [
        (section.title, [t for t in section.targets if t.id in selected])
        for section in parent.walk()
        if any(t.id in selected for t in section.targets)
    ]
    carried = _carried_levels(mandates, level, levels)
    target_levels = {t.id: carried.get(t.id, level) for _, targets in groups for t in targets}
    shared = {
        target.id: child_target(target, target_levels[target.id], None)
        for _, targets in groups
        for target in targets
    }
    tasks, duties = _duty_sections(mandates, level)
    return ParentDigest(
        level=level,
        groups=groups,
        shared=shared,
        target_levels=target_levels,
        tasks=tasks,
        duties=duties,
        citation=_parent_citation(parent),
        parent_name=short_name(parent.issuer),
        funding=parent.funding is not None or any(s.kind is SectionKind.FUNDING for s in parent.walk()),
    )


def _objective_sections(digest: ParentDigest, quotas: dict[str, float] | None) -> list[Section]:
    """Mirror the parent's objective sub-headings; quota targets carry the child's share."""
    out: list[Section] = []
    for title, targets in digest.groups:
        children = [
            child_target(t, digest.target_levels[t.id], quotas)
            if quotas and t.id in quotas
            else digest.shared[t.id]
            for t in targets
        ]
        out.append(Section(title=title, kind=SectionKind.OBJECTIVES, targets=children))
    return out


def _objectives_part(groups: list[Section]) -> Section:
    """The targets part; one group needs no sub-heading (the parent's reads "giao cho các xã")."""
    if len(groups) == 1:
        return Section(title=t("derive_objectives"), kind=SectionKind.OBJECTIVES, targets=groups[0].targets)
    return Section(title=t("derive_objectives"), kind=SectionKind.OBJECTIVES, sections=groups)


def derive_child_plan(
    parent: Plan,
    issuer: Issuer,
    signer: Signer,
    date: dt.date | None,
    quotas: dict[str, float] | None = None,
    *,
    plan_id: str | None = None,
    number: int | None = None,
    levels: LevelTable = DEFAULT_LEVELS,
    digest: ParentDigest | None = None,
) -> Plan:
    """One child plan of ``parent`` for ``issuer``, pre-filled with what is mandated to it.

    ``quotas`` maps a parent target id (and "id/part/sub-part" for its breakdown) to the
    child's share; a quota target without an entry keeps the parent's figure, for the officer
    to edit. A batch passes ``digest_parent(parent, level)`` computed once (its objects are
    shared by the plans, which must then be treated as read-only).
    """
    extra = {k for k in (quotas or {}) if "/" not in k and parent.target(k)}
    if digest is None or not extra <= digest.shared.keys():
        mandates = mandates_for(parent, issuer.level, levels)
        selected = {m.id for m in mandates if m.target is not None} | extra
        digest = _digest(parent, issuer.level, mandates, selected, levels)
    unit = unit_name(issuer)
    sections = [
        Section(
            title=t("derive_purpose"),
            kind=SectionKind.PURPOSE,
            text=[t("derive_purpose_text").format(unit=unit)],
        ),
        _objectives_part(_objective_sections(digest, quotas)),
        Section(title=t("derive_tasks"), kind=SectionKind.TASKS, tasks=list(digest.tasks)),
    ]
    if digest.funding:
        sections.append(
            Section(
                title=t("derive_funding"),
                kind=SectionKind.FUNDING,
                text=[t("derive_funding_text").format(unit=unit)],
            )
        )
    sections.append(
        Section(
            title=t("derive_organization"),
            kind=SectionKind.ORGANIZATION,
            assignment=Assignment(
                agency=issuer.one_line_name, duties=list(digest.duties), level=issuer.level
            ),
        )
    )
    return Plan(
        id=plan_id or f"{parent.id}-{slugify(unit)}",
        issuer=issuer,
        subject=_child_subject(parent, unit),
        symbol=f"KH-{issuer.abbreviation}",
        signer=signer,
        number=number,
        date=date,
        references=[digest.citation],
        preamble=[t("derive_preamble").format(body=short_name(issuer), unit=unit)],
        sections=sections,
        closing=t("derive_closing").format(unit=unit, parent=digest.parent_name),
        funding=Funding(sources=list(parent.funding.sources)) if parent.funding else None,
        recipients=[
            f"{digest.parent_name} ({t('recipient_parent')});",
            *t("derive_recipients").format(level=unit_word(unit)).split("|"),
        ],
        archive=["VT"],
    )


def _child_subject(parent: Plan, unit: str) -> str:
    """The parent's subject with the parent's unit replaced by the child's."""
    parent_unit = unit_name(parent.issuer)
    subject = parent.subject
    if parent_unit and parent_unit in subject:
        return subject.replace(parent_unit, unit)
    # "trên địa bàn tỉnh" names the level word only: put the child's level word instead.
    level_word = unit_word(parent_unit)
    pattern = rf"\b(trên địa bàn) {re.escape(level_word)}\b" if level_word else None
    if pattern and re.search(pattern, subject):
        return re.sub(pattern, lambda m: f"{m.group(1)} {unit_word(unit)}", subject)
    return subject

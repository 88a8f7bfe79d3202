"""Derive the plan a lower level issues to implement its parent ("create the child plan").

The child starts from what the parent mandates to its level: every such target, linked by
``parent_target``, with the child's share where the target is an absolute quota; the duties the
parent's "Tổ chức thực hiện" gives that level become the child's own tasks and duties. The
child gets its own header, dateline, signer, recipients and the citation of its parent, so
the officer edits a complete draft instead of copying the parent's Word file by hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from app.domain.assignments import Assignment, Duty, Role, Task
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Funding, Issuer, Plan, Reference, Section, SectionKind, Signer
from app.domain.targets import Target
from app.messages import t
from app.review.mandates import Mandate, MandateKind, mandates_for
from app.services.child_wording import (
    ChildUnit,
    is_plan_duty,
    localize,
    lower_first,
    own_predicate,
    own_target_text,
    subject_for,
    without_plan_duty,
)
from app.services.derive_targets import child_target, unshared_target
from app.services.unit_bodies import Body, BodySet, bodies_for
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


UNIT_MARK = "\x00"  # where the child's unit name goes in a sentence shared by a kind of unit
PLAN_ID_MAX = 120  # the stable key a plan is stored and cited under (PlanRecord.key)


def child_plan_id(parent_id: str, unit: str) -> str:
    """The id of a child plan: "<parent id>-<unit slug>", at most :data:`PLAN_ID_MAX`
    characters. A long parent id is cut and a digest of the whole kept, so two communes (or two
    parents) never share an id and every commune of a long-named parent can still be stored."""
    plan_id = f"{parent_id}-{slugify(unit)}"
    if len(plan_id) <= PLAN_ID_MAX:
        return plan_id
    digest = hashlib.sha1(plan_id.encode("utf-8")).hexdigest()[:8]
    slug = slugify(unit)[:60].rstrip("-")
    head = parent_id[: PLAN_ID_MAX - len(slug) - len(digest) - 2].rstrip("-")
    return f"{head}-{slug}-{digest}"


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
    if text.isupper():  # a subject read in capitals from a document: cited in lower case
        return text.lower()
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _duty_sections(mandates: list[Mandate], level: str, levels: LevelTable) -> tuple[list[Task], list[Duty]]:
    """The parent's tasks and duties for the child's level: the parent's general tasks stay
    the child's tasks; the duties the parent gives the child's level go to TỔ CHỨC THỰC HIỆN
    (report duties among them). A duty to make the child's own plan is met by the plan
    itself, which cites the parent as its basis. Each keeps its mandate id as link."""
    tasks: list[Task] = []
    duties: list[Duty] = []
    for mandate in mandates:
        if mandate.kind is not MandateKind.DUTY or mandate.part is SectionKind.FUNDING:
            continue  # the child states its own funding (its budget, its year)
        text = without_plan_duty(mandate.text)
        if not text:
            continue
        duty, task = mandate.duty, mandate.task
        if duty is not None:
            duties.append(Duty(**{**duty.__dict__, "text": text, "parent_duty": mandate.id}))
            continue
        tasks.append(
            Task(
                id=f"nv-{len(tasks) + 1}",
                text=text,
                deadline=task.deadline if task is not None else None,
                # a task for a level below the child's is passed on with its level
                level=mandate.level if mandate.level and levels.is_below(mandate.level, level) else level,
                parent_task=mandate.id,
            )
        )
    return tasks, duties


@dataclass
class ParentDigest:
    """What every child of one parent at one level shares, computed once for a batch.

    The child copies of targets without a share, the tasks, duties and the citation are the
    same for every commune of one kind (xã, phường, đặc khu: the sentences name the unit's
    kind), so a batch derives them once per kind and each commune's plan refers to them
    (read-only); only quota targets are copied per commune.
    """

    level: str
    groups: list[tuple[str | None, list[Target]]]  # the parent's heading and mandated targets
    target_levels: dict[str, str]  # parent target id -> the level its child copy carries
    tasks: list[Task]
    duties: list[Duty]
    passed_down: list[Assignment]  # duties for levels below the child, which it passes on
    citation: Reference
    parent_name: str
    parent_unit: str  # "tỉnh Đồng Nai"
    parent_subject: str
    parent_word: str
    parent_date: dt.date | None
    year: int | None
    funding: bool
    _words: dict[str, _Wording] = field(default_factory=dict, repr=False)
    _target_ids: frozenset[str] | None = field(default=None, repr=False)

    def target_ids(self) -> frozenset[str]:
        """The ids of the targets the digest copies (computed once)."""
        if self._target_ids is None:
            self._target_ids = frozenset(t.id for _, targets in self.groups for t in targets)
        return self._target_ids

    def wording(self, word: str) -> _Wording:
        """The shared sentences for a unit of kind ``word`` ("xã", "phường"), made once."""
        if word not in self._words:
            self._words[word] = _wording(self, word)
        return self._words[word]


@dataclass
class _Wording:
    """The digest's sentences written for one kind of unit."""

    unit: ChildUnit
    subject: str  # with UNIT_MARK where the child's unit name goes
    shared: dict[str, Target | None]  # parent target id -> child copy; None: met by the plan
    tasks: list[Task]
    organization: list[Section]
    lead: Body | None


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
    below = [m for m in mandates if m.level and levels.is_below(m.level, level) and m.duty is not None]
    passed = {m.id for m in below}
    tasks, duties = _duty_sections([m for m in mandates if m.id not in passed], level, levels)
    return ParentDigest(
        level=level,
        groups=groups,
        target_levels=target_levels,
        tasks=tasks,
        duties=duties,
        passed_down=_passed_down(below),
        citation=_parent_citation(parent),
        parent_name=short_name(parent.issuer),
        parent_unit=unit_name(parent.issuer),
        parent_subject=parent.subject,
        parent_word=unit_word(unit_name(parent.issuer)).lower() if parent.level != "national" else "",
        parent_date=parent.date,
        year=_plan_year([t for _, targets in groups for t in targets], parent),
        funding=parent.funding is not None or any(s.kind is SectionKind.FUNDING for s in parent.walk()),
    )


def _passed_down(mandates: list[Mandate]) -> list[Assignment]:
    """Duties the parent gives a level below the child's (a province's duties for communes, in
    a district plan): the child hands them on to the same kind of body, under its own heading."""
    by_agency: dict[tuple[str, str | None], list[Duty]] = {}
    for mandate in mandates:
        if mandate.kind is not MandateKind.DUTY or mandate.duty is None or is_plan_duty(mandate.text):
            continue
        key = (mandate.agency or "", mandate.level)
        by_agency.setdefault(key, []).append(Duty(**{**mandate.duty.__dict__, "parent_duty": mandate.id}))
    return [
        Assignment(agency=agency, duties=duties, level=level) for (agency, level), duties in by_agency.items()
    ]


def _plan_year(targets: list[Target], parent: Plan) -> int | None:
    """The one year the mandated targets are due, if they share one (a plan for 2026)."""
    years = {t.deadline for t in targets if t.deadline}
    if len(years) == 1:
        return years.pop()
    return None if years else parent.year


def _wording(digest: ParentDigest, word: str) -> _Wording:
    unit = ChildUnit(level=digest.level, word=word, parent_word=digest.parent_word, year=digest.year)
    shared: dict[str, Target | None] = {}
    for _, targets in digest.groups:
        for target in targets:
            level = digest.target_levels[target.id]
            shared[target.id] = (
                None
                if _met_by_plan(target, unit, level)
                else _worded(child_target(target, level, None), unit, level)
            )
    tasks = [Task(**{**task.__dict__, "text": localize(task.text, unit)}) for task in digest.tasks]
    bodies = bodies_for(digest.level, word, digest.parent_date)
    organization, lead = _organization(digest, unit, bodies)
    subject = subject_for(digest.parent_subject, unit, digest.parent_unit, UNIT_MARK)
    return _Wording(
        unit=unit, subject=subject, shared=shared, tasks=tasks, organization=organization, lead=lead
    )


def _met_by_plan(target: Target, unit: ChildUnit, level: str) -> bool:
    """A target asking every unit of the child's level to make its plan ("100% xã xây dựng
    kế hoạch thực hiện"): met by the plan being derived."""
    return level == unit.level and is_plan_duty(own_predicate(target.text, unit))


def _worded(child: Target, unit: ChildUnit, level: str) -> Target:
    """The child copy's sentence written for the unit (its own commitment when the parent
    addresses every unit of its level); a target it passes further down keeps the wording."""
    if level != unit.level:
        child.text = localize(child.text, unit)
        return child
    own = own_target_text(child.text, unit)
    child.text = own if own is not None else localize(child.text, unit)
    return child


def _organization(
    digest: ParentDigest, unit: ChildUnit, bodies: BodySet | None
) -> tuple[list[Section], Body | None]:
    """TỔ CHỨC THỰC HIỆN: one item per body of the unit with the duties that fall to it; the
    lead body first (it advises, tracks and reports), the Mặt trận and the đoàn thể last."""
    if bodies is None:
        return [], None
    texts = [digest.citation.title or "", *(d.text for d in digest.duties), *(t.text for t in digest.tasks)]
    lead = bodies.lead_for(texts)
    given: dict[str, list[Duty]] = {body.name: [] for body in bodies.bodies}
    given[lead.name].append(Duty(text=bodies.lead_duty, role=Role.LEAD))
    for duty in digest.duties:
        text = localize(duty.text, unit)
        if duty.role is Role.REPORT or duty.report_to:
            given[lead.name].append(
                Duty(**{**duty.__dict__, "text": f"{bodies.report_prefix} {lower_first(text)}"})
            )
        else:
            given[bodies.body_for(text, lead, digest.citation.title or "").name].append(
                Duty(**{**duty.__dict__, "text": text})
            )
    for body in bodies.bodies:
        if body.always and not given[body.name]:
            given[body.name].append(Duty(text=body.always, role=Role.COORDINATE))
    order = [
        lead,
        *(b for b in bodies.bodies if b is not lead and not b.last),
        *(b for b in bodies.bodies if b.last),
    ]
    sections = [
        Section(
            title=body.name,
            kind=SectionKind.ORGANIZATION,
            assignment=Assignment(agency=body.name, duties=given[body.name], level=unit.level),
        )
        for body in order
        if given[body.name]
    ]
    return sections, lead


def _objective_sections(
    digest: ParentDigest, wording: _Wording, quotas: dict[str, float] | None
) -> list[Section]:
    """Mirror the parent's objective sub-headings; quota targets carry the child's share."""
    out: list[Section] = []
    for title, targets in digest.groups:
        children = []
        for target in targets:
            shared = wording.shared[target.id]
            if shared is None:
                continue  # met by the plan itself
            level = digest.target_levels[target.id]
            if quotas is not None and target.id in quotas:
                # the shared copy is already worded for the unit: only its figures change
                children.append(child_target(shared, level, quotas))
            elif target.is_quota and level == digest.level and quotas is not None:
                children.append(_worded(unshared_target(target, level), wording.unit, level))
            else:
                children.append(shared)
        if children:
            out.append(Section(title=title, kind=SectionKind.OBJECTIVES, targets=children))
    return out


def _objectives_part(groups: list[Section]) -> Section:
    """The targets part; one group needs no sub-heading (the parent's reads "giao cho các xã")."""
    if len(groups) == 1:
        return Section(title=t("derive_objectives"), kind=SectionKind.OBJECTIVES, targets=groups[0].targets)
    return Section(title=t("derive_objectives"), kind=SectionKind.OBJECTIVES, sections=groups)


def appendix_quotas(parent: Plan, issuer: Issuer, levels: LevelTable = DEFAULT_LEVELS) -> dict[str, float]:
    """The shares the parent's appendix gives ``issuer`` ("Xã Trị An | 120"), by target id:
    what a single child derived on the web carries, read the way the review reads it."""
    from app.review.assess import quota_share  # the review's reader; imported on use
    from app.review.vocabulary import load_vocabulary

    stub = Plan(id="", issuer=issuer, subject="", symbol="", signer=Signer("", ""))
    vocab = load_vocabulary()
    out: dict[str, float] = {}
    for mandate in mandates_for(parent, issuer.level, levels):
        if mandate.is_quota and mandate.target is not None:
            share = quota_share(parent, mandate, stub, vocab)
            if share is not None:
                out[mandate.id] = share
    return out


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
    today: dt.date | None = None,
) -> Plan:
    """One child plan of ``parent`` for ``issuer``, pre-filled with what is mandated to it.

    ``quotas`` maps a parent target id (and "id/part/sub-part" for its breakdown) to the
    child's share; with ``quotas`` given, a quota target of the child's level without an entry
    is printed with its figure blank ("…") for the officer to fill, never with the parent's
    total. Without ``quotas`` every quota keeps the parent's figure (a plan passing it on).
    A batch passes ``digest_parent(parent, level)`` computed once (its objects are shared by
    the plans, which must then be treated as read-only). Without a ``date`` the dateline
    carries the plan's year (and month, when the plan is drafted in that year: ``today``),
    leaving the day for the văn thư.
    """
    # Only a share of a parent target the digest does not copy needs a digest of its own
    # (looking a target up walks the parent: the digest's targets are not looked up).
    known = digest.target_ids() if digest is not None else frozenset()
    if digest is None or any("/" not in k and k not in known and parent.target(k) for k in quotas or {}):
        extra = {k for k in (quotas or {}) if "/" not in k and parent.target(k)}
        mandates = mandates_for(parent, issuer.level, levels)
        selected = {m.id for m in mandates if m.target is not None} | extra
        digest = _digest(parent, issuer.level, mandates, selected, levels)
    unit = unit_name(issuer)
    wording = digest.wording(unit_word(unit).lower())
    sections = [
        Section(
            title=t("derive_purpose"),
            kind=SectionKind.PURPOSE,
            text=[t("derive_purpose_text").format(unit=unit)],
        ),
        _objectives_part(_objective_sections(digest, wording, quotas)),
        Section(title=t("derive_tasks"), kind=SectionKind.TASKS, tasks=list(wording.tasks)),
    ]
    if digest.funding:
        sections.append(
            Section(
                title=t("derive_funding"),
                kind=SectionKind.FUNDING,
                text=[t("derive_funding_text").format(unit=unit)],
            )
        )
    sections.append(_organization_part(issuer, digest, wording))
    year, month = _dateline_hint(date, digest.year, today)
    return Plan(
        id=plan_id or child_plan_id(parent.id, unit),
        issuer=issuer,
        subject=wording.subject.replace(UNIT_MARK, unit),
        symbol=f"KH-{issuer.abbreviation}",
        signer=signer,
        number=number,
        date=date,
        dateline_year=year,
        dateline_month=month,
        references=[digest.citation],
        preamble=[t("derive_preamble").format(body=short_name(issuer), unit=unit)],
        sections=sections,
        closing=t("derive_closing").format(unit=unit, parent=digest.parent_name),
        funding=Funding(sources=list(parent.funding.sources)) if parent.funding else None,
        recipients=[
            f"{digest.parent_name} ({t('recipient_parent')});",
            *t("derive_recipients").format(level=unit_word(unit)).split("|"),
        ],
        archive=["VT", wording.lead.abbreviation] if wording.lead else ["VT"],
    )


def _organization_part(issuer: Issuer, digest: ParentDigest, wording: _Wording) -> Section:
    """TỔ CHỨC THỰC HIỆN: the unit's bodies, then what it passes on to the level below."""
    passed = [
        Section(title=a.agency, kind=SectionKind.ORGANIZATION, assignment=a) for a in digest.passed_down
    ]
    if wording.organization:
        return Section(
            title=t("derive_organization"),
            kind=SectionKind.ORGANIZATION,
            sections=[*wording.organization, *passed],
        )
    # A level without bodies in the data: the duties stay the issuer's own.
    own = Assignment(agency=issuer.one_line_name, duties=list(digest.duties), level=issuer.level)
    if not passed:
        return Section(title=t("derive_organization"), kind=SectionKind.ORGANIZATION, assignment=own)
    return Section(
        title=t("derive_organization"),
        kind=SectionKind.ORGANIZATION,
        sections=[Section(title=own.agency, kind=SectionKind.ORGANIZATION, assignment=own), *passed],
    )


def _dateline_hint(
    date: dt.date | None, year: int | None, today: dt.date | None
) -> tuple[int | None, int | None]:
    """The year and month the dateline prints before the plan has its date."""
    if date is not None or year is None:
        return None, None
    today = today or dt.date.today()
    return year, today.month if today.year == year else None

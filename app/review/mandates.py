"""What a parent plan mandates to the plans of one lower level.

A *mandate* is one thing the child plan must carry: a target of the parent that applies to the
child's level, an absolute quota the children share, or a duty that "Tổ chức thực hiện" gives
to the child's level ("UBND các xã, thị trấn: xây dựng kế hoạch ..."). This module is a stable
interface: the review matches mandates against a child plan, and the batch generator
("create the plan that implements this one") starts a child plan from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from app.domain.assignments import Assignment, Duty, Task
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import TASK_KINDS, Plan, Section, SectionKind
from app.domain.targets import Target
from app.extract.duties import names_localities, opens_with_duty, parse_duty, split_agency
from app.review.applicability import held_above
from app.vn.normalize import match_key, slugify

_EACH = match_key("mỗi")
_TERRITORY = re.compile(
    r"\b(?:trên|tại|trong)\s+(?:phạm vi\s+|địa bàn\s+)+(?:toàn\s+)?(?:tỉnh|thành phố|huyện|xã|phường)\b|"
    r"\btoàn\s+(?:tỉnh|thành phố)\b",
    re.IGNORECASE,
)


class MandateKind(StrEnum):
    TARGET = "target"  # a target the child must carry at least as strictly
    QUOTA = "quota"  # an absolute figure the children share out
    DUTY = "duty"  # a duty or task the child must take on as its own


@dataclass
class Mandate:
    """One thing a parent plan requires of a child plan.

    ``id`` is the parent target's id, or for a duty ``<assignment id or agency slug>.<n>``
    (1-based), or for a task the task's id. ``applies`` is False for a target the parent keeps
    for itself (it is listed so the report can say "not applicable"). ``where`` says where the
    parent prints it: the target's source location when the plan came from a document, else
    the section path.
    """

    id: str
    kind: MandateKind
    text: str
    level: str | None
    where: str
    applies: bool = True
    target: Target | None = None
    duty: Duty | None = None
    task: Task | None = None
    agency: str | None = None
    level_inferred: bool = False
    part: SectionKind | None = None  # the kind of part it stands in (a task of KINH PHÍ ...)
    held_above: str | None = None  # why it is not asked: what the child's level does not hold
    of: str | None = None  # for one clause of a duty or task: the id of the whole (a link to it counts)

    def named_by(self, link: str | None) -> bool:
        """Whether a child item linking to ``link`` names this mandate (or the whole it is a
        clause of)."""
        return link is not None and link in (self.id, self.of)

    @property
    def is_quota(self) -> bool:
        return self.kind is MandateKind.QUOTA


def mandates_for(
    parent: Plan,
    child_level: str,
    levels: LevelTable = DEFAULT_LEVELS,
    *,
    include_kept: bool = False,
    by_clause: bool = False,
) -> list[Mandate]:
    """The mandates ``parent`` gives to plans of ``child_level``, in the parent's order.

    A target applies when its level (or, when the level is not set, the level inferred from its
    population, then its text) is the child's level or below it: a province target for communes
    must also be carried by a district plan that passes it down. Without plural unit words a
    singular mention counts ("Cổng thông tin điện tử của tỉnh" stays with the province). A
    target without any level applies (the review errs on the side of asking). Targets the parent keeps for itself are
    returned with ``applies=False`` only when ``include_kept`` is True. Duties come from
    assignments whose level (or agency text: "UBND các xã, thị trấn") is at or below the
    child's level, and from tasks whose level is.

    With ``by_clause`` (the review), a duty or task that runs several asks together ("Trực
    tiếp tiếp nhận ...; huy động lực lượng ...; lập đầy đủ chứng từ ...") gives one mandate
    per ask, each with its own deadline, id ``<id>.<k>`` and ``of`` the whole's id: a child
    that drops one of them drops that ask, whatever it keeps of the others.
    """
    child = levels.get(child_level)
    if child is None:
        raise ValueError(f"unknown level: {child_level}")
    out: list[Mandate] = []
    bases: set[str] = set()  # an agency with items in two parts ("Sở Y tế" in VI and in an appendix)
    for path, section in sections_with_paths(parent):
        for target in section.targets:
            mandate = _target_mandate(target, path, child_level, levels)
            if mandate.applies or include_kept:
                out.append(mandate)
        for task in [*section.tasks, *_written_tasks(section, path)]:
            # A task naming no one is asked of every level below (the review errs on asking),
            # unless its own words name the units it is about: "Tổ chức lại Ban Chỉ huy ...
            # cấp tỉnh, cấp xã" is the communes' too, "kế hoạch xúc tiến thương mại ... của tỉnh"
            # the province's own.
            level = task.level or (_text_level(task.text, levels) if not task.lead else None)
            applies = level is None or _at_or_below(level, child_level, levels)
            if applies or include_kept:
                whole = Mandate(
                    task.id,
                    MandateKind.DUTY,
                    task.text,
                    level,
                    path,
                    applies=applies,
                    task=task,
                    agency=task.lead,
                    level_inferred=task.level is None,
                    part=section.kind,
                )
                out.extend(_task_clauses(whole) if by_clause else [whole])
        if section.assignment is not None:
            duties = _duty_mandates(section.assignment, path, child_level, levels, by_clause, bases)
            out.extend(d for d in duties if d.applies or include_kept)
    return out


# a sentence ends at ". " before a capitalised word, after a letter, a ")" or a figure
# ("... ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm ..."), and a clause at "; "
_ASK_BREAK = re.compile(r"(?<=[\w\)’'”][.])\s+(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])|(?<=;)\s+")
_MIN_ASK_WORDS = 4  # a stub ("; báo cáo.") is read with the clause before it


def asks_of(text: str) -> list[str]:
    """The separate asks a duty or task runs together: its sentences and "; "-separated
    clauses, a stub of fewer than four words kept with the one before ("Xây dựng phương án
    phân bố ...; xác định điểm tập kết, tuyến cấp phát; phân công nhiệm vụ ..." is three)."""
    out: list[str] = []
    for part in _ASK_BREAK.split(text.strip()):
        part = part.strip()
        if out and len(part.split()) < _MIN_ASK_WORDS:
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out


def _task_clauses(whole: Mandate) -> list[Mandate]:
    """One mandate per ask of a task; the level, lead and fields are the whole task's."""
    asks = asks_of(whole.text)
    if len(asks) < 2:
        return [whole]
    return [
        replace(whole, id=f"{whole.id}.{k}", text=ask, of=whole.id) for k, ask in enumerate(asks, start=1)
    ]


def target_level(target: Target, levels: LevelTable = DEFAULT_LEVELS) -> tuple[str | None, bool]:
    """The level a target applies to and whether it was inferred rather than stated."""
    if target.level:
        return target.level, False
    texts = (target.population or "", target.text)
    # No plural units: a singular mention ("Cổng thông tin điện tử của tỉnh") names the one
    # unit the target is about, usually the parent itself. A fraction ("5/9 cơ sở ... trên địa
    # bàn tỉnh") counts named facilities, which stay with their owner.
    plural = next((found for text in texts if (found := levels.infer(text))), None)
    if plural:
        return plural, True
    masked = (_territory_masked(text, keep=target.is_fraction) for text in texts)
    return next((found for text in masked if (found := levels.infer_any(text))), None), True


def _territory_masked(text: str, keep: bool = False) -> str:
    """``text`` without "trên địa bàn tỉnh" / "toàn tỉnh": they only say where a share is
    counted, and every unit below carries its part of it (``keep`` leaves them in)."""
    return text if keep else _TERRITORY.sub(" ", text)


def _text_level(text: str, levels: LevelTable) -> str | None:
    """The level a sentence's own unit words name: in the plural ("các xã", "cấp xã") the
    lowest; else a singular one ("của tỉnh"), "trên địa bàn tỉnh" saying only where."""
    return levels.infer(text) or levels.infer_any(_territory_masked(text))


def _written_tasks(section: Section, path: str) -> list[Task]:
    """The bullets and paragraphs of a task part, for a plan written as data rather than read
    from a document (a read document has them as tasks already): each is a task naming no one,
    as the reader would make it, so a plan is reviewed alike from its YAML and from its DOCX."""
    if section.kind not in TASK_KINDS:
        return []
    lines = [*section.text, *section.bullets]
    return [
        Task(f"{slugify(path) or 'nv'}.{i}", text) for i, text in enumerate(lines, start=1) if text.strip()
    ]


def _target_mandate(target: Target, path: str, child_level: str, levels: LevelTable) -> Mandate:
    level, inferred = target_level(target, levels)
    applies = level is None or _at_or_below(level, child_level, levels)
    # A target the parent states for its own level (no unit of the child's level named) about
    # something the child's level does not hold is not asked of it: a commune has no seaport.
    held = held_above(target.text, child_level) if applies and level != child_level else None
    if held:
        applies = False
    kind = MandateKind.QUOTA if target.is_quota and not _per_unit(target, levels) else MandateKind.TARGET
    where = target.source or f"{path} › {target.id}"
    return Mandate(
        target.id,
        kind,
        target.text,
        level,
        where,
        applies=applies,
        target=target,
        level_inferred=inferred,
        held_above=held,
    )


def _per_unit(target: Target, levels: LevelTable) -> bool:
    """ "Mỗi huyện xây dựng ít nhất 05 Điểm": a figure every unit must reach, not a quota to share."""
    key = match_key(target.text)
    return any(
        re.search(rf"\b{_EACH}\s+{re.escape(match_key(word))}\b", key)
        for level in levels.levels
        for word in level.unit_words
    )


def _duty_mandates(
    assignment: Assignment,
    path: str,
    child_level: str,
    levels: LevelTable,
    by_clause: bool = False,
    bases: set[str] | None = None,
) -> list[Mandate]:
    level = assignment.level or levels.infer(assignment.agency) or levels.infer_any(assignment.agency)
    base = assignment.id or slugify(assignment.agency)
    if bases is not None:
        # the second item of one agency gets ids of its own: two mandates never share an id
        seen, n = base, 1
        while base in bases:
            n += 1
            base = f"{seen}-{n}"
        bases.add(base)
    out: list[Mandate] = []
    for i, duty in enumerate(assignment.duties, start=1):
        whole = _duty_mandate(f"{base}.{i}", duty, level, path, assignment, child_level, levels)
        asks = asks_of(duty.text) if by_clause else []
        if len(asks) < 2:
            out.append(whole)
            continue
        # each ask is a duty of its own (its role, deadline, report recipient), of the whole's
        # level unless it names its own subject ("...; UBND các xã, phường tổ chức ...")
        for k, ask in enumerate(asks, start=1):
            clause = _duty_mandate(
                f"{whole.id}.{k}", parse_duty(ask), whole.level, path, assignment, child_level, levels
            )
            clause.of = whole.id
            out.append(clause)
    return out


_FREQUENCY_OPENER = re.compile(
    r"^(?:định kỳ|hằng năm|hàng năm)(?:\s+\d+\s+tháng|\s+(?:hằng|hàng)\s+(?:năm|quý|tháng))?\s*,?\s*",
    re.IGNORECASE,
)


def _duty_mandate(
    mid: str,
    duty: Duty,
    level: str | None,
    path: str,
    assignment: Assignment,
    child_level: str,
    levels: LevelTable,
) -> Mandate:
    """One duty of an assignment. A duty that names its own subject ("Yêu cầu các sở, ban,
    ngành; UBND các phường, xã ... căn cứ nhiệm vụ ...", run on after the last agency item)
    takes its level from that subject, not from the item it stands under."""
    # "Định kỳ 06 tháng các cơ quan có liên quan báo cáo ...": the frequency opens the sentence
    text = _FREQUENCY_OPENER.sub("", duty.text)
    subject, rest = split_agency(text)
    # a subject the sentence opens with ("UBND xã, phường thực hiện ..."); "Phối hợp với Công an
    # tỉnh rà soát ..." opens with the duty itself and names a partner, not its subject
    if rest and subject != text and not opens_with_duty(text):
        named = levels.infer(subject) or levels.infer_any(subject)
        level = named or (None if names_localities(subject) else level)
    # an agency of no level ("các cơ quan, đơn vị, địa phương") is asked of every level below
    applies = level is None or _at_or_below(level, child_level, levels)
    return Mandate(
        mid,
        MandateKind.DUTY,
        duty.text,
        level,
        f"{path} › {assignment.agency}",
        applies=applies,
        duty=duty,
        agency=assignment.agency,
        level_inferred=assignment.level is None,
    )


def _at_or_below(level: str, child_level: str, levels: LevelTable) -> bool:
    return level == child_level or levels.is_below(level, child_level)


def sections_with_paths(plan: Plan) -> list[tuple[str, Section]]:
    """Every section with a readable path of its titles ("CHỈ TIÊU › Chỉ tiêu giao cho ...")."""
    out: list[tuple[str, Section]] = []

    def visit(section: Section, prefix: str) -> None:
        path = f"{prefix} › {section.title}" if prefix and section.title else (section.title or prefix)
        out.append((path or "", section))
        for sub in section.sections:
            visit(sub, path or "")

    for section in plan.sections:
        visit(section, "")
    return out

"""The tasks of a plan's NHIỆM VỤ, GIẢI PHÁP, NỘI DUNG and KINH PHÍ parts, with who does them
and by when.

Real plans write a task in a few shapes, all read here:

- a point whose title is the task and that holds nothing else ("3. Tổ chức tuyên truyền, phổ
  biến pháp luật về phòng thủ dân sự ...");
- a point with bullets or paragraphs, each a task ("- Triển khai rà soát ...");
- a point with *field lines*: "Cơ quan chủ trì: Sở Khoa học và Công nghệ", "Cơ quan phối hợp:
  Các sở, ngành và UBND các xã, phường", "Thời gian thực hiện: Năm 2026", "Sản phẩm: ...". The
  fields may stand in lettered sub-points of their own ("a) Nhiệm vụ:", "b) Cơ quan thực hiện:",
  "c) Thời gian thực hiện: Hoàn thành trong năm 2025."); the time field may go without its
  colon ("Thời gian thực hiện sau khi Chiến lược ... được ban hành").

Field lines lead the tasks printed just before them ("- task; - task; Đơn vị thực hiện: ...;
- task; Đơn vị chủ trì: ..." is two groups); printed before any task, they lead the tasks that
follow and the point's sub-points. A task line opening with the bodies doing it ("Các sở, ban,
ngành, UBND các xã, phường định kỳ kiểm tra ...") is led by them. A lead field
written as sentences ("Cơ quan thực hiện: Sở KHCN tiến hành rà soát ...; các sở, ngành và UBND
các xã, phường rà soát ...") holds tasks of its own, one per clause, each led by its subject.
A task's level is the lowest level its lead and partners name ("UBND các xã, phường" is the
communes'); bodies naming no unit (a Sở) are the issuer's own; a task naming no one has no
level, and the review asks every level below for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from app.domain.assignments import Task
from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import Section
from app.extract.duties import names_localities, opens_with_duty, sentences_of, split_agency
from app.vn.normalize import clean

_FIELD = re.compile(
    r"^(?P<name>(?:cơ quan|đơn vị)\s+(?:chủ trì|thực hiện|phối hợp|tham mưu)(?:\s+(?:tham mưu|thực hiện|triển khai))*|"
    r"chủ trì|phối hợp|"
    r"thời gian(?:\s+(?:thực hiện|hoàn thành|triển khai))?|thời hạn(?:\s+hoàn thành)?|tiến độ(?:\s+thực hiện)?|"
    r"sản phẩm(?:\s+dự kiến)?|kết quả(?:\s+dự kiến)?|nhiệm vụ|nội dung(?:\s+thực hiện)?)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# "Thời gian thực hiện sau khi Chiến lược ... được ban hành": the time field without its colon
_TIME_FIELD = re.compile(
    r"^(?P<name>thời gian\s+(?:thực hiện|hoàn thành|triển khai)|tiến độ thực hiện)\s+"
    r"(?P<value>(?:sau|trước|trong|từ|ngay|hằng|hàng|định kỳ|năm|quý|tháng|chậm nhất)\b.*)$",
    re.IGNORECASE,
)


def _field(text: str) -> re.Match[str] | None:
    """The field line ``text`` is ("Cơ quan chủ trì: ...", "Thời gian thực hiện: năm 2026",
    "Thời gian thực hiện sau khi ..."), or None."""
    return _FIELD.match(text) or _TIME_FIELD.match(text)


_CLAUSES = re.compile(r";\s+|\.\s+(?=Đồng thời\b)|\.\s+(?=[A-ZĐ])")
_LONG_LEAD = 12  # words: a lead field this long is sentences naming who does what


@dataclass
class _Fields:
    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    deadline: str | None = None


def read_tasks(root: Section, own_level: str | None, first_id: int = 1) -> int:
    """Turn the content of the task part ``root`` (and its sub-points) into tasks; returns the
    next free task number. Lines read as tasks or fields leave the sections' text."""
    counter = [first_id]
    _read(root, _Fields(), own_level, counter, is_root=True)
    return counter[0]


def _read(
    section: Section, inherited: _Fields, own_level: str | None, counter: list[int], is_root: bool
) -> None:
    entries: list[str] = [*section.text, *section.bullets]  # in the order printed
    subsections: list[Section] = []
    for sub in section.sections:
        m = _field(clean(sub.title or ""))
        if m is None or sub.sections:
            subsections.append(sub)
            continue
        name = m.group("name").lower()
        inner = [v for v in (*sub.text, *sub.bullets) if v.strip()]
        if name.startswith(("nhiệm vụ", "nội dung")):
            entries.extend(v for v in (m.group("value"), *inner) if v.strip())
            continue
        title = clean(sub.title or "")
        if m.group("value").strip():
            entries.append(title)
        # "b) Cơ quan thực hiện:" then "- Đơn vị chủ trì: ..." (fields of their own) or the
        # bodies as plain lines, which then are the field's value
        entries.extend(v if _field(clean(v)) else f"{title} {v}" for v in inner)
    groups = _groups(entries, inherited)
    intros: list[str] = []
    tasks: list[Task] = []
    for contents, fields, field_lines in groups:
        clause_tasks = [
            t for name, value in field_lines for t in _apply_field(fields, name, value, own_level)
        ]
        level = _level(fields, own_level)
        # "Các nhiệm vụ sau:" introduces the items; it stays as the section's text, not a task
        intro = [x for x in contents if x.rstrip().endswith(":") and (subsections or len(contents) > 1)]
        intros.extend(intro)
        for text in contents:
            if text.strip() and text not in intro:
                tasks.extend(_paragraph_tasks(text, fields, level, counter, own_level))
        for task in clause_tasks:
            task.id = f"nv-{counter[0]}"
            counter[0] += 1
        tasks.extend(clause_tasks)
    head = groups[0][1] if groups else inherited
    has_content = any(contents for contents, _, _ in groups)
    if not has_content and not subsections and not is_root and section.title and not _field(section.title):
        level = _level(head, own_level)
        tasks.insert(0, _task(section.title, head, level, counter, own_level))
    section.tasks.extend(tasks)
    section.text, section.bullets = intros, []
    section.sections = subsections
    # fields printed before any task of the point hold for its sub-points too
    below = head if groups and not groups[0][0] else inherited
    for sub in subsections:
        _read(sub, below, own_level, counter, is_root=False)


def _groups(entries: list[str], inherited: _Fields) -> list[tuple[list[str], _Fields, list[tuple[str, str]]]]:
    """Tasks and the field lines that follow them: "- task; - task; Đơn vị thực hiện: ...;
    - task; Đơn vị chủ trì: ..." is two groups, each led by the fields printed after it.
    Field lines before any task lead the tasks that follow them."""
    groups: list[tuple[list[str], _Fields, list[tuple[str, str]]]] = []
    contents: list[str] = []
    field_lines: list[tuple[str, str]] = []
    for entry in entries:
        m = _field(clean(entry))
        if m is None:
            if field_lines and contents:  # the fields closed the tasks above them
                groups.append((contents, replace(inherited, partners=list(inherited.partners)), field_lines))
                contents, field_lines = [], []
            contents.append(entry)
            continue
        field_lines.append((m.group("name").lower(), m.group("value").strip()))
    if contents or field_lines:
        groups.append((contents, replace(inherited, partners=list(inherited.partners)), field_lines))
    return groups


def _apply_field(fields: _Fields, name: str, value: str, own_level: str | None) -> list[Task]:
    """Record one field line; a lead written as sentences gives its clauses as tasks."""
    if not value:
        return []
    if "phối hợp" in name:
        fields.partners.append(value.rstrip(" ."))
        return []
    if name.startswith(("thời gian", "thời hạn", "tiến độ")):
        fields.deadline = value.rstrip(" .")
        return []
    if name.startswith(("sản phẩm", "kết quả")):
        return []
    if len(value.split()) < _LONG_LEAD:
        fields.lead = value.rstrip(" .")
        return []
    out: list[Task] = []
    for clause in _CLAUSES.split(value):
        clause = clause.strip(" .;")
        if not clause:
            continue
        agency, duty = split_agency(re.sub(r"^Đồng thời,?\s*", "", clause))
        lead = agency if duty else None
        clause_fields = _Fields(lead=lead, partners=list(fields.partners), deadline=fields.deadline)
        out.append(
            Task(
                id="",
                text=clause,
                lead=lead,
                deadline=fields.deadline,
                level=_level(clause_fields, own_level),
            )
        )
    return out


# A task line that opens with the bodies doing it ("Các sở, ban, ngành, UBND xã, phường định
# kỳ kiểm tra ...", "Sở Khoa học và Công nghệ là cơ quan thường trực ...")
_SUBJECT_START = re.compile(
    r"^(?:các\s+)?(?:sở|ban|ngành|ủy ban|uỷ ban|ubnd|công an|bộ|phòng|cơ quan|đơn vị|địa phương|"
    r"trung tâm|văn phòng|mặt trận|chi cục|cục|viện|hội|đoàn)\b",
    re.IGNORECASE,
)


def _paragraph_tasks(
    text: str, fields: _Fields, level: str | None, counter: list[int], own_level: str | None
) -> list[Task]:
    """One task per sentence of a paragraph ("Các sở, ngành, UBND các xã, phường: căn cứ ...,
    tổ chức triển khai ... . Định kỳ hàng tháng ... báo cáo ..."); a sentence naming no one
    of its own is led by the subject of the first."""
    out: list[Task] = []
    for sentence in sentences_of(text):
        task = _task(sentence, fields, level, counter, own_level)
        if out and task.lead is None and out[0].lead is not None and fields.lead is None:
            task.lead, task.level = out[0].lead, out[0].level
        out.append(task)
    return out


def _task(
    text: str, fields: _Fields, level: str | None, counter: list[int], own_level: str | None = None
) -> Task:
    lead = fields.lead
    if lead is None and _SUBJECT_START.match(clean(text)) and not opens_with_duty(text):
        subject, duty = split_agency(text)
        if duty:
            lead = subject
            level = task_level(subject, fields.partners, own_level)
    task = Task(
        id=f"nv-{counter[0]}",
        text=clean(text),
        lead=lead,
        partners=list(fields.partners),
        deadline=fields.deadline,
        level=level,
    )
    counter[0] += 1
    return task


def _level(fields: _Fields, own_level: str | None) -> str | None:
    return task_level(fields.lead, fields.partners, own_level)


def task_level(lead: str | None, partners: list[str], own_level: str | None) -> str | None:
    """The lowest level a task's lead and partners name ("UBND các xã, phường" as lead or
    partner is the communes'); the issuer's own when they name no unit (a Sở); None when the
    task names no one, or when its lead is "các cơ quan, đơn vị, địa phương" (every level
    below). Localities only as partners ("phối hợp: các địa phương liên quan") leave the task
    with its lead."""
    named = "; ".join(x for x in [lead or "", *partners] if x)
    if not named:
        return None
    found = DEFAULT_LEVELS.infer(named) or DEFAULT_LEVELS.infer_any(named)
    if found is None and lead and names_localities(lead):
        return None
    return found or own_level

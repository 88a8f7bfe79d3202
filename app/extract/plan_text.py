"""A read document (blocks of text) → a Plan: header, references, parts, targets, duties.

The parser never touches files: it takes the :class:`TextDocument` a reader produced. It walks
the lines once: the header zone up to the document type ("KẾ HOẠCH"), the subject line, the
references and preamble, the numbered parts (I. → 1. → a) → "-" bullets) and the tail (closing
paragraph, "Nơi nhận", archive line, signer). Targets are read from the objectives parts (a
count inside a task is a detail of the task, not a target) or, for a text without numbered
parts such as a press summary, from every paragraph. Whatever is not understood stays as text
in its section, and every guess is written to ``Plan.notes``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from app.domain.assignments import Assignment, Task
from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import TASK_KINDS, Issuer, Plan, Section, SectionKind, Signer
from app.domain.targets import Target
from app.extract import header as hd
from app.extract.appendix import AppendixReader, opens_appendix
from app.extract.blocks import Block, TextDocument
from app.extract.clauses import Scope, extract_targets
from app.extract.duties import build_assignment, opens_with_duty, parse_duties
from app.extract.table_rows import Columns, read_header, read_row
from app.extract.targets import deadline_of
from app.extract.task_items import read_tasks, task_level
from app.messages import t
from app.vn.normalize import clean, match_key, slugify, strip_diacritics

_ROMAN = re.compile(r"^([IVXL]{1,5})\s*[./]\s*(.+)$")
_ARTICLE = re.compile(r"^(Điều\s+\d{1,2})\s*[.:]\s*(.+)$")  # a Quyết định's articles
_ARABIC = re.compile(r"^(\d{1,2})\s*[.)]\s+(.+)$")
_SUBNUMBER = re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(.+)$")  # "3.1. Tham gia góp ý ...", "1.2 Triển khai ..."
_LETTER = re.compile(r"^([a-zđ])\s*[).]\s+(.+)$")
_BULLET = re.compile(r"^[-–—•+*]\s*(.+)$")
_SIGNER_MARK = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s*\S")
_KINDS = (  # checked in order against the folded title
    ("muc tieu chung", SectionKind.PURPOSE),
    ("muc dich", SectionKind.PURPOSE),
    ("muc tieu", SectionKind.OBJECTIVES),
    ("chi tieu", SectionKind.OBJECTIVES),
    # "PHÂN CÔNG NHIỆM VỤ": one item per agency, as TỔ CHỨC THỰC HIỆN
    ("phan cong nhiem vu", SectionKind.ORGANIZATION),
    ("doi tuong", SectionKind.SCOPE),
    ("pham vi", SectionKind.SCOPE),
    ("thoi gian", SectionKind.SCOPE),
    ("nhiem vu", SectionKind.TASKS),
    ("noi dung", SectionKind.TASKS),
    ("hoat dong", SectionKind.TASKS),
    ("giai phap", SectionKind.SOLUTIONS),
    ("kinh phi", SectionKind.FUNDING),
    ("to chuc thuc hien", SectionKind.ORGANIZATION),
    # "TỔ CHỨC THEO DÕI, KIỂM TRA VÀ CHẾ ĐỘ BÁO CÁO": items led by the bodies they name
    ("che do bao cao", SectionKind.TASKS),
    ("theo doi kiem tra", SectionKind.TASKS),
    ("kiem tra giam sat", SectionKind.TASKS),
    ("trach nhiem", SectionKind.ORGANIZATION),
)
# Kinds a title gives only when it opens with the words: "4. Phương án tổ chức cấp phát" holds
# tasks, "Sở Y tế: ... phương án ..." is still an agency's item.
_LEADING_KINDS = (("phuong an", SectionKind.TASKS),)
_TITLE_WORDS = re.compile(r"\b(?:kế hoạch|chương trình|đề án|quyết định)\b", re.IGNORECASE)
_TARGET_KINDS = (SectionKind.OBJECTIVES, SectionKind.PURPOSE, SectionKind.TEXT)


@dataclass(frozen=True)
class Line:
    text: str
    where: str
    table: int | None = None
    row: int | None = None
    cells: tuple[str, ...] | None = None  # a row of a table of three or more columns


def document_lines(doc: TextDocument) -> list[Line]:
    """The document as lines: a paragraph's lines, a narrow table's cell lines (the header and
    signer blocks are two-column tables), and one line per row, with its cells, for a table of
    three or more columns, so a row's value and deadline stay with its indicator."""
    out: list[Line] = []
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        table = b.location.table
        if table is None or b.kind != "table_cell":
            out.extend(Line(clean(part), b.location.label(), None, None) for part in b.text.split("\n"))
            i += 1
            continue
        j = i
        while j < len(blocks) and blocks[j].kind == "table_cell" and blocks[j].location.table == table:
            j += 1
        group = blocks[i:j]
        width = max((c.location.cell or 1) for c in group)
        if width < 3:
            out.extend(
                Line(clean(part), c.location.label(), table, c.location.row)
                for c in group
                for part in c.text.split("\n")
            )
        else:
            rows: dict[int, list[Block]] = {}
            for c in group:
                rows.setdefault(c.location.row or 0, []).append(c)
            for row_no, cells in rows.items():
                # each cell at its column: an empty "phối hợp" cell must not shift the deadline
                slots = [""] * width
                for n, c in enumerate(cells):
                    slots[min((c.location.cell or n + 1), width) - 1] = clean(" ".join(c.text.split("\n")))
                texts = tuple(slots)
                where = replace(cells[0].location, cell=None).label()
                out.append(Line(" | ".join(t for t in texts if t), where, table, row_no, texts))
        i = j
    return out


def parse_plan(doc: TextDocument, plan_id: str | None = None) -> Plan:
    """The plan a read document holds, as far as it can be read; see the module docstring."""
    lines = document_lines(doc)
    lines = [line for line in lines if line.text and set(line.text) - set("-_.* ")]
    notes = [*doc.warnings]
    notes += [t("extract_scanned_page").format(page=p) for p in doc.pages_without_text]
    type_at = next((i for i, line in enumerate(lines) if hd.doc_type_of(line.text)), None)
    if type_at is None:
        return _headless_plan(doc, lines, plan_id, notes)
    head = hd.parse_header([line.text for line in lines[:type_at]])
    plan = Plan(
        id=plan_id or slugify(_stem(doc.source)) or "ke-hoach",
        issuer=_issuer(head, lines, type_at, notes),
        subject=lines[type_at + 1].text if type_at + 1 < len(lines) else t("extract_unknown"),
        symbol=head.symbol or t("extract_unknown"),
        signer=Signer(name=t("extract_unknown"), title=t("extract_unknown")),
        doc_type=hd.doc_type_of(lines[type_at].text) or "KẾ HOẠCH",
        number=head.number,
        date=head.date,
        notes=notes,
    )
    if head.symbol is None:
        notes.append(t("extract_note_no_symbol"))
    body = _Body(plan, _plan_deadline(plan.subject, plan.year), doc.source)
    for line in lines[type_at + 2 :]:
        body.feed(line)
    body.finish()
    return plan


def _stem(source: str) -> str:
    return re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.replace("\\", "/").rsplit("/", 1)[-1])


def _issuer(head: hd.Header, lines: list[Line], type_at: int, notes: list[str]) -> Issuer:
    issuer = hd.issuer_from_lines(head.body_lines, head.place, head.symbol)
    if issuer is not None:
        return issuer
    notes.append(t("extract_note_issuer_guessed"))
    guessed = hd.guess_issuer("\n".join(line.text for line in lines[type_at:]))
    unknown = t("extract_unknown")
    if guessed is None:
        return Issuer(name=unknown, abbreviation="UBND", level="district", place=head.place or unknown)
    if head.place:
        guessed.place = head.place
    return guessed


# "giai đoạn 2026 - 2030, định hướng đến năm 2035": the orientation is not the plan's deadline
_ORIENTATION = re.compile(r",?\s*(?:định hướng|tầm nhìn)\s+(?:đến|tới)\s+năm\s+\d{4}", re.IGNORECASE)


def _plan_deadline(text: str, year: int | None) -> int | None:
    found, _ = deadline_of(_ORIENTATION.sub(" ", text))
    return found or year


def _headless_plan(doc: TextDocument, lines: list[Line], plan_id: str | None, notes: list[str]) -> Plan:
    """A text with no header and no document type: a press summary or a fragment."""
    text = "\n".join(line.text for line in lines)
    notes.append(t("extract_note_no_header"))
    issuer = hd.guess_issuer(text)
    unknown = t("extract_unknown")
    if issuer is None:
        notes.append(t("extract_note_no_issuer"))
        issuer = Issuer(name=unknown, abbreviation="UBND", level="district", place=unknown)
    number, symbol, date = hd.headless_number_date(text)
    first = next((line.text for line in lines if _TITLE_WORDS.search(line.text[:200])), None)
    first = first or next((line.text for line in lines if len(line.text.split()) >= 8), unknown)
    deadline = next((y for y in (deadline_of(line.text)[0] for line in lines[:6]) if y), None)
    plan = Plan(
        id=plan_id or slugify(_stem(doc.source)) or "ke-hoach",
        issuer=issuer,
        subject=first,
        symbol=symbol or f"KH-{issuer.abbreviation}",
        signer=Signer(name=unknown, title=unknown),
        number=number,
        date=date,
        notes=notes,
    )
    body = _Body(plan, deadline or (date.year if date else None), doc.source, structured=False)
    for line in lines:  # the subject line too: a headline may hold a target
        body.feed(line)
    body.finish()
    return plan


class _Body:
    """The state of the walk through the body: the open sections and the tail mode."""

    def __init__(self, plan: Plan, deadline: int | None, source: str, structured: bool = True) -> None:
        self.plan = plan
        self.structured = structured
        self.scope = Scope(deadline=deadline, own_level=plan.issuer.level)
        self.plan_deadline = deadline
        self.stack: list[tuple[int, Section]] = []
        self.mode = "intro"  # intro | parts | recipients | signer
        self.signer_lines: list[str] = []
        self.appendix = AppendixReader()
        self.columns: dict[int, Columns | None] = {}
        self.row_numbers: dict[int, dict[str, str]] = {}  # per table: row number -> indicator
        if not structured:
            root = Section(title=None, kind=SectionKind.TEXT)
            plan.sections.append(root)
            self.stack.append((0, root))
            self.mode = "parts"

    def feed(self, line: Line) -> None:
        text = line.text
        low = _ascii(text)
        if low.startswith("noi nhan"):
            self.mode = "recipients"
            return
        if self.structured and self.mode in ("recipients", "signer", "appendix") and opens_appendix(text):
            self.mode = "appendix"
            self.appendix.open(text)
            return
        if self.mode == "appendix":
            for cell in line.cells or (text,):
                self.appendix.feed(cell, line.table, line.row)
            if line.cells is not None:
                self._row(line)
            return
        if line.cells is not None and self.mode in ("intro", "parts"):
            self._row(line)
            return
        if self.structured and self.mode in ("recipients", "signer") and hd.doc_type_of(text):
            # A Quyết định that issues a plan carries it after its signature ("Ban hành kèm
            # theo Quyết định này Kế hoạch ..."): the plan's parts are the mandates.
            self.mode = "attached"
            self.stack = []
            return
        if self.mode == "attached":
            self._heading(line)  # its title lines are skipped up to its first part
            return
        if self.mode in ("recipients", "signer") or (_SIGNER_MARK.match(text) and self.structured):
            self._tail(text)
            return
        if self.structured and low.startswith("tren day la"):
            self.plan.closing = text
            return
        if self.structured and self._heading(line):
            return
        if self.mode == "intro":
            self._intro(text)
            return
        self._content(line)

    def _row(self, line: Line) -> None:
        """A row of a wide table: its header gives the columns; a data row of a targets table
        is read as one target sentence, a row of a tasks table as a task with its lead."""
        cells = list(line.cells or ())
        table = line.table or 0
        if table not in self.columns:
            self.columns[table] = read_header(cells)
            if self.columns[table] is not None:
                return
        known = self.columns[table]
        if known is None:
            self._plain_row(line)
            return
        row = read_row(cells, known, self.row_numbers.setdefault(table, {}))
        if row is None:
            return
        section = self._row_section()
        if known.is_targets:
            self.scope.source = line.where
            self.scope.level = self._level() or _lead_level(row.lead)
            found = extract_targets(row.sentence, self.scope)
            if found:
                section.targets.extend(found)
                return
        if row.lead or known.is_tasks:
            section.tasks.append(
                Task(
                    id=f"nv-bang-{line.table}-{line.row}",  # one task per table row
                    text=row.indicator,
                    lead=row.lead,
                    partners=[row.partner] if row.partner else [],
                    deadline=row.deadline,
                    level=task_level(row.lead, [row.partner] if row.partner else [], self.plan.issuer.level),
                )
            )
            return
        section.text.append(row.sentence)

    def _plain_row(self, line: Line) -> None:
        """A table without a recognised header: its cells are read as the text they are."""
        if self.mode == "appendix":
            return
        for cell in line.cells or ():
            if cell and not re.fullmatch(r"[\dIVXLivxl.\s]{1,6}", cell):  # a row number is no content
                self._content(Line(cell, line.where, line.table, line.row))

    def _row_section(self) -> Section:
        if self.mode == "appendix":
            title = self.appendix.appendices[-1].title or "Phụ lục"
            if not self.plan.sections or self.plan.sections[-1].title != title:
                self.plan.sections.append(Section(title=title, kind=SectionKind.OBJECTIVES))
            return self.plan.sections[-1]
        if not self.stack:
            root = Section(title=None, kind=SectionKind.TEXT)
            self.plan.sections.append(root)
            self.stack.append((0, root))
        return self.stack[-1][1]

    def _intro(self, text: str) -> None:
        ref = hd.parse_reference(text)
        if ref is not None:
            self.plan.references.append(ref)
        else:
            self.plan.preamble.append(text)

    def _heading(self, line: Line) -> bool:
        text = line.text
        for level, pattern in ((1, _ARTICLE), (1, _ROMAN), (2, _ARABIC), (3, _SUBNUMBER), (4, _LETTER)):
            m = pattern.match(text)
            if m is None or (level >= 3 and not self.stack):
                continue
            title = m.group(2).strip()
            parent_kind = self.stack[-1][1].kind if self.stack and level > 1 else SectionKind.TEXT
            while self.stack and self.stack[-1][0] >= level:
                self.stack.pop()
            if level > 1 and self.stack:
                parent_kind = self.stack[-1][1].kind
            section = Section(title=title, kind=_kind(title, parent_kind))
            sets_targets = level > 1 and self._sets_targets(title, section.kind, line.where)
            if sets_targets:
                section = Section(title=None, kind=parent_kind)
            elif len(title) > 160 or (title.endswith(".") and len(title) > 90):
                section = Section(title=None, kind=parent_kind, text=[title])
            (self.stack[-1][1].sections if self.stack else self.plan.sections).append(section)
            self.stack.append((level, section))
            self.mode = "parts"
            if sets_targets:  # the point is a sentence: its targets are read like a bullet's
                self._content(Line(title, line.where, line.table, line.row))
            return True
        return False

    def _sets_targets(self, title: str, kind: SectionKind, where: str) -> bool:
        """Whether a numbered or lettered point ("a) Khống chế tỷ lệ tái nghiện dưới 12%.")
        is a sentence setting a target rather than a title ("a) Về cai nghiện ma túy"): in
        a part where targets are read, a point whose text sets one is content. The trial
        runs on a copy of the scope so target ids are not used up."""
        if kind not in _TARGET_KINDS:
            return False
        trial = replace(self.scope, source=where, level=self._level(), ids=set(self.scope.ids))
        return bool(extract_targets(title, trial))

    def _section_deadline(self) -> int | None:
        """A year the open sections' titles set ("1. Về kinh tế số (đến năm 2030)"), the
        innermost first; targets under them are due then unless they say otherwise."""
        return next((y for _, s in reversed(self.stack) if (y := _title_deadline(s.title or ""))), None)

    def _content(self, line: Line) -> None:
        self.scope.deadline = self._section_deadline() or self.plan_deadline
        section = self.stack[-1][1]
        bullet = _BULLET.match(line.text)
        body = bullet.group(1).strip() if bullet and self.structured else line.text
        found: list[Target] = []
        if section.kind in _TARGET_KINDS or not self.structured:
            self.scope.source = line.where
            self.scope.level = self._level()
            found = extract_targets(body, self.scope)
        covered = sum(len(tg.text) for tg in found) >= 0.8 * len(body)
        section.targets.extend(found)
        if found and covered and self.structured:
            return
        into = section.bullets if (bullet or section.bullets) and self.structured else section.text
        if not bullet and into and body[:1].islower():
            into[-1] = f"{into[-1]} {body}"  # a line the reader broke inside a sentence
        else:
            into.append(body)

    def _level(self) -> str | None:
        """The level the open sections speak of ("Chỉ tiêu giao cho các xã, phường")."""
        for _, section in reversed(self.stack):
            found = _title_level(section.title or "")
            if found:
                return found
        return None

    def _tail(self, text: str) -> None:
        if self.mode == "recipients" and not _SIGNER_MARK.match(text):
            item = text.lstrip("-–+• ").rstrip(";.,")
            archive = re.match(r"^Lưu\s*:?\s*(.+)$", item, re.IGNORECASE)
            if archive:
                self.plan.archive = [a for a in re.split(r"[,\s\-–]+", archive.group(1)) if a]
                self.mode = "signer"
            else:
                self.plan.recipients.append(item)
            return
        self.mode = "signer"
        self.signer_lines.append(text)

    def _read_tasks(self) -> None:
        """Each task part (the outermost section of a task kind) gives its tasks."""
        next_id = 1

        def visit(section: Section, inside: bool) -> None:
            nonlocal next_id
            if section.kind in TASK_KINDS and not inside and section.title:
                next_id = read_tasks(section, self.plan.issuer.level, next_id)
                return
            for sub in section.sections:
                visit(sub, inside or section.kind in TASK_KINDS)

        for section in self.plan.sections:
            visit(section, False)

    def _assign(self, section: Section, above: Assignment | None, is_top: bool = False) -> None:
        """The agency items of TỔ CHỨC THỰC HIỆN become assignments. A lettered point under an
        agency item that opens with a duty ("a) Tổ chức đánh giá ...", "b) Chủ trì ...") is a
        duty of that agency, not an agency of its own."""
        if section.kind is SectionKind.ORGANIZATION and not is_top:
            lines = [*section.text, *section.bullets]
            title = section.title or (lines.pop(0) if lines else None)
            if title is not None:
                if above is not None and opens_with_duty(title):
                    duties = parse_duties([title], lines)
                    section.assignment = Assignment(agency=above.agency, duties=duties, level=above.level)
                else:
                    section.assignment = build_assignment(title, lines, self.plan.issuer.level)
                section.title = section.assignment.agency
                section.text, section.bullets = [], []
        for sub in section.sections:
            self._assign(sub, section.assignment or above)

    def finish(self) -> None:
        """Close the walk: signer, organization duties, duplicate targets, notes."""
        _set_signer(self.plan, self.signer_lines)
        self.plan.appendices = self.appendix.finish()
        if self.structured:
            self._read_tasks()
        for top in self.plan.sections:
            self._assign(top, None, is_top=True)
        _drop_restated(self.plan)
        if not self.plan.targets():
            self.plan.notes.append(t("extract_note_no_targets"))


@functools.lru_cache(maxsize=256)
def _title_level(title: str) -> str | None:
    return DEFAULT_LEVELS.infer(title) if title else None


@functools.lru_cache(maxsize=256)
def _title_deadline(title: str) -> int | None:
    return deadline_of(_ORIENTATION.sub(" ", title))[0] if title else None


def _lead_level(lead: str | None) -> str | None:
    """The level of the units a task's lead names in the plural ("UBND các xã, phường")."""
    return DEFAULT_LEVELS.infer(lead) if lead else None


def _kind(title: str, parent: SectionKind) -> SectionKind:
    key = _ascii(title)
    for word, kind in _LEADING_KINDS:
        if key.startswith(word) and parent is not SectionKind.ORGANIZATION:
            return kind
    for word, kind in _KINDS:
        if key.startswith(word) or f" {word}" in f" {key}"[:60]:
            return kind
    return parent


def _ascii(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", strip_diacritics(text).lower()))


def _set_signer(plan: Plan, lines: list[str]) -> None:
    if not lines:
        plan.notes.append(t("extract_note_no_signer"))
        return
    authority = [line for line in lines if _SIGNER_MARK.match(line)]
    titles = [line for line in lines if line.isupper() and line not in authority]
    names = [line for line in lines if not line.isupper()]
    unknown = t("extract_unknown")
    plan.signer = Signer(
        name=names[-1] if names else unknown, title=titles[-1] if titles else unknown, authority=authority
    )


def _drop_restated(plan: Plan) -> None:
    """A headline that restates a target printed in full later is one target, not two."""
    keyed = [(t, match_key(t.text)) for t in plan.targets()]
    dropped: set[int] = set()
    for target, key in keyed:
        if any(
            other is not target
            and id(other) not in dropped
            and other.value == target.value
            and other.unit == target.unit
            and len(other_key) > len(key)
            and key in other_key
            for other, other_key in keyed
        ):
            dropped.add(id(target))
            plan.notes.append(t("extract_note_restated").format(text=target.text[:80]))
    for section in plan.walk():
        for target in section.targets:
            if id(target) in dropped and not any(target.text in s for s in section.text + section.bullets):
                section.text.append(target.text)
        section.targets = [x for x in section.targets if id(x) not in dropped]

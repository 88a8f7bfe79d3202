"""Table rows of a plan → sentences the target and duty readers understand.

Plans put their targets in tables (| STT | Chỉ tiêu | Kết quả cần đạt | Thời hạn |), and
their tasks in tables (| Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |). A cell
read alone means nothing ("100%", "Hằng quý"), so a row is read with the table's header row:
each column gets a role from its header words, and a data row becomes one sentence in the
order a plan would write it: the indicator, its unit and value, the period ("Hằng quý",
"đến năm 2028"). The row number is never a value. A column headed by a year ("Năm 2026",
"Giai đoạn 2026 - 2028") holds the value due then; the last such column with a figure wins,
because a plan states its final figure last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.vn.normalize import strip_diacritics

ROLES = ("number", "indicator", "unit", "value", "deadline", "lead", "partner", "output", "note")
_HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("stt", "tt", "so tt", "so thu tu")),
    ("unit", ("don vi tinh", "dvt", "don vi do")),
    (
        "lead",
        (
            "don vi chu tri",
            "co quan chu tri",
            "chu tri",
            "don vi thuc hien",
            "co quan thuc hien",
            "trach nhiem",
            "don vi phu trach",
            "co quan, don vi chu tri",
        ),
    ),
    ("partner", ("phoi hop", "don vi phoi hop", "co quan phoi hop")),
    ("deadline", ("thoi han", "thoi gian", "tien do", "thoi diem", "moc thoi gian", "thoi gian hoan thanh")),
    ("output", ("san pham", "ket qua dau ra", "hinh thuc van ban")),
    (
        "value",
        (
            "ket qua can dat",
            "ket qua",
            "gia tri",
            "muc tieu",
            "chi tieu can dat",
            "muc phan dau",
            "ke hoach",
            "so luong",
            "ty le",
            "dat",
        ),
    ),
    (
        "indicator",
        (
            "chi tieu",
            "noi dung",
            "ten chi tieu",
            "nhiem vu",
            "hoat dong",
            "danh muc",
            "nhom chi tieu",
            "linh vuc",
        ),
    ),
    ("note", ("ghi chu",)),
)
_YEAR = re.compile(r"\b(20\d\d)\b")
_HAS_DIGIT = re.compile(r"\d")


@dataclass
class Columns:
    """The role of each column (by 0-based index) and, for year columns, their year."""

    roles: dict[int, str] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)

    def of(self, role: str) -> list[int]:
        return [i for i, r in self.roles.items() if r == role]

    @property
    def is_targets(self) -> bool:
        """Indicator with a value (or year columns): a table of targets."""
        return bool(self.of("indicator")) and bool(self.of("value") or self.years)

    @property
    def is_tasks(self) -> bool:
        return bool(self.of("indicator")) and bool(self.of("lead"))


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", strip_diacritics(text).lower()))


def read_header(cells: list[str]) -> Columns | None:
    """Column roles when ``cells`` is a header row, else None (a row of figures is data)."""
    columns = Columns()
    for i, cell in enumerate(cells):
        key = _fold(cell)
        if not key:
            continue
        year = _YEAR.findall(cell)
        if year and len(key.split()) <= 6:
            columns.roles[i] = "value"
            columns.years[i] = int(year[-1])
            continue
        for role, words in _HEADER_WORDS:
            if any(key == w or key.startswith(f"{w} ") or f" {w}" in f" {key}"[:40] for w in words):
                if role == "indicator" and columns.of("indicator"):
                    role = "note"
                columns.roles[i] = role
                break
    if len(columns.roles) < 2 or not columns.of("indicator"):
        return None
    if sum(1 for c in cells if _HAS_DIGIT.search(c) and not _YEAR.search(c)) > 1:
        return None
    return columns


@dataclass
class Row:
    """One data row read with its header: the sentence to parse and the row's own cells."""

    sentence: str
    indicator: str
    lead: str | None = None
    partner: str | None = None
    deadline: str | None = None
    number: str | None = None


def read_row(cells: list[str], columns: Columns, above: dict[str, str] | None = None) -> Row | None:
    """The sentence of a data row, or None for a group heading ("A | PHÁT TRIỂN ...").

    ``above`` maps the row numbers read so far to their indicators: a sub-row ("4.1 | Xoài")
    is read with its row's indicator ("4 | Sản lượng trái cây tham gia xuất khẩu"), since
    "Xoài đạt 3.000 tấn" alone does not say what is counted."""

    def cell(role: str) -> str:
        return " ".join(cells[i] for i in columns.of(role) if i < len(cells) and cells[i].strip())

    own = indicator = cell("indicator")
    number = cell("number").strip(" .") or None
    if indicator and number and above is not None:
        above[number] = indicator
        parent_number = number.rsplit(".", 1)[0] if "." in number else None
        if parent_number and parent_number in above:
            indicator = f"{above[parent_number].rstrip(' .;:')} {indicator}"
    filled = sum(1 for c in cells if c.strip())  # cells stand at their columns, empty ones too
    if not indicator or filled < max(2, len(columns.roles) - 2):
        return None
    unit, deadline = cell("unit"), cell("deadline")
    value = ""
    due_year: int | None = None
    for i in columns.of("value"):
        if i < len(cells) and _HAS_DIGIT.search(cells[i]):
            value = cells[i]
            due_year = columns.years.get(i, due_year)
    if not value:
        value = cell("value")
    name = indicator.rstrip(" .;:")
    period = _period(deadline, due_year)
    # "3.000 tấn; giá trị 1,65 triệu USD; tăng bình quân 06 - 07%/năm": each measure of the
    # cell is a target of the row's indicator ("giá trị Xoài đạt 1,65 triệu USD ...")
    measures = [m.strip() for m in value.split(";") if m.strip()] if value else []
    clauses = [
        _clause(name if i == 0 else "", m, unit if i == 0 else "", period) for i, m in enumerate(measures)
    ] or [" ".join(p for p in (name, period) if p)]
    if len(clauses) > 1:
        clauses[1:] = [_clause_of(own.rstrip(" .;:"), m, period) for m in measures[1:]]
    return Row(
        sentence="; ".join(c for c in clauses if c).strip(),
        indicator=indicator,
        lead=cell("lead") or None,
        partner=cell("partner") or None,
        deadline=deadline or None,
        number=number,
    )


def _clause(name: str, value: str, unit: str, period: str | None) -> str:
    joined = f"{value} {unit}" if unit and unit not in value else value
    said = f"đạt {joined}" if _HAS_DIGIT.search(value) and not _starts_comparator(value) else joined
    return " ".join(p for p in (name, said, period) if p)


def _clause_of(name: str, measure: str, period: str | None) -> str:
    """A later measure of the cell, worded with the row's indicator: "giá trị 1,65 triệu USD"
    → "giá trị Xoài đạt 1,65 triệu USD"; one without words of its own reads as the first."""
    m = _HAS_DIGIT.search(measure)
    head = measure[: m.start()].strip(" ,:") if m else measure
    if not head or _starts_comparator(measure):
        return _clause(name, measure, "", period)
    return _clause(f"{head} {name}", measure[m.start() :] if m else "", "", period)


_COMPARATOR = re.compile(
    r"^(?:ít nhất|tối thiểu|tối đa|trên|dưới|không|giảm|tăng|phấn đấu|đạt|≥|≤|>|<|từ|khoảng)", re.IGNORECASE
)


def _starts_comparator(value: str) -> bool:
    return bool(_COMPARATOR.match(value.strip()))


def _period(deadline: str, year: int | None) -> str:
    """The row's period as a plan writes it: "hằng quý", "trước ngày 30/6/2026", "đến năm 2028"."""
    text = deadline.strip().rstrip(".")
    if text:
        key = _fold(text)
        if re.match(
            r"^(?:hang|moi|dinh ky|thuong xuyen|trong|truoc|den|chau nhat|cham nhat|quy|nam|giai doan)", key
        ):
            return text[0].lower() + text[1:]
        years = _YEAR.findall(text)
        if years:
            return f"đến năm {years[-1]}" if len(years) > 1 or text.strip() == years[-1] else text
        return text
    return f"đến năm {year}" if year else ""

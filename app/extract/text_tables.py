"""Plain text and markdown → runs of paragraph lines and tables of cells.

Pasted plans carry their tables in three shapes, all read here as rows of cells:

- a markdown row on one line: ``| 3 | Người nghiện có hồ sơ ... | 100% | Hằng quý |`` (a
  ``|---|---|`` rule line is skipped);
- a web page's table copied as text: a line holding only ``|`` opens and closes each cell, and
  two such lines in a row close one table row and open the next (the header block and the
  signer block of a plan copied from a legal portal look like this). A portal lays out the
  whole page in cells: a cell holding a block of text (the body of the plan, "Nơi nhận", the
  signer, an appendix title) is page layout, not data, and is read as ordinary lines; the
  cells after it start a new table (the appendix's own header row);
- tab-separated columns, two or more lines in a row with at least one tab.

Markdown emphasis (``**``, ``*``) is removed; wrapped lines inside a cell are joined, except
where the cell's own emphasis shows separate lines (a header cell "**ỦY BAN NHÂN DÂN**" /
"TỈNH ĐỒNG THÁP" is two lines, as in the Word original).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE_ROW = re.compile(r"^\|.*\|\s*$")
_EMPHASIS = re.compile(r"(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])|\*{2,3}")
_MD_BULLET = re.compile(r"^\*\s+")
_RULE_ONLY = re.compile(r"^[-_=]{3,}$")


@dataclass
class TextTable:
    """A table read from text: rows of cells, and the 1-based line where it starts."""

    first_line: int
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class TextRun:
    """Consecutive non-table lines and the 1-based number of the first."""

    first_line: int
    lines: list[str] = field(default_factory=list)
    # per line: it closed an emphasis span ("**1. Mục tiêu chung**"), so a line of its own
    hard_breaks: list[bool] = field(default_factory=list)


def strip_emphasis(line: str) -> str:
    """A line without markdown emphasis marks; a leading "* " bullet becomes "- "."""
    line = _MD_BULLET.sub("- ", line)
    return _EMPHASIS.sub("", line).replace("\\", "") if "*" in line or "\\" in line else line


def segment(lines: list[str]) -> list[TextRun | TextTable]:
    """Split text lines into runs of ordinary lines and tables (see the module docstring)."""
    out: list[TextRun | TextTable] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i].strip()
        if line == "|":
            parts, i = _cell_table(lines, i)
            out.extend(parts)
            continue
        if _INLINE_ROW.match(line) and line.count("|") >= 3:
            table, i = _inline_table(lines, i)
            out.append(table)
            continue
        if "\t" in lines[i] and i + 1 < n and "\t" in lines[i + 1] and lines[i].strip():
            table, i = _tab_table(lines, i)
            out.append(table)
            continue
        if not out or not isinstance(out[-1], TextRun):
            out.append(TextRun(i + 1))
        run = out[-1]
        assert isinstance(run, TextRun)
        raw = lines[i].rstrip()
        run.lines.append(strip_emphasis(raw))
        run.hard_breaks.append(raw.endswith("*") and not raw.startswith("* "))
        i += 1
    return out


def _cell_table(lines: list[str], start: int) -> tuple[list[TextRun | TextTable], int]:
    """Cells delimited by lines holding only "|"; "|" "|" is a row boundary. The table ends
    at a "|" followed by a blank line (or the end of the text). A layout cell (see
    :func:`_is_layout`) splits the table: it is read as lines, and a new table follows."""
    out: list[TextRun | TextTable] = []
    table = TextTable(start + 1)
    row: list[str] = []
    cell: list[str] = []
    cell_start = start + 1
    i = start + 1
    n = len(lines)

    def close_cell() -> None:
        nonlocal table, row
        if not cell:
            return
        if _is_layout(cell):
            _close_row(table, row)
            row = []
            if table.rows:
                out.append(table)
            for part in segment(cell):
                part.first_line += cell_start - 1
                out.append(part)
            table = TextTable(i + 1)
            return
        row.append(_cell_text(cell))

    while i < n:
        line = lines[i].strip()
        if line == "|":
            close_cell()
            cell = []
            nxt = lines[i + 1].strip() if i + 1 < n else ""
            if nxt == "|":  # end of this row, start of the next
                _close_row(table, row)
                row = []
                i += 2
                continue
            if not nxt:  # the table's last line
                _close_row(table, row)
                if table.rows:
                    out.append(table)
                return out, i + 1
            i += 1
            continue
        if not line and not cell:
            i += 1
            continue
        if not cell:
            cell_start = i + 1
        cell.append(lines[i])
        i += 1
    close_cell()
    _close_row(table, row)
    if table.rows:
        out.append(table)
    return out, i


# A cell opening with one of these is a block of the page, not a table's data.
_LAYOUT_OPENERS = re.compile(
    r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH|PHỤ LỤC|Phụ lục\s+[IVX\d]|Nơi nhận|(?:TM|KT|Q|TL|TUQ)\.\s)"
)
_LAYOUT_LINES = 10  # a data cell of a plan's table is a few lines; a page block is many


def _is_layout(cell: list[str]) -> bool:
    """A cell holding a block of the page: many lines of text, or one opening as a document
    part does (the document type, an appendix title, "Nơi nhận", the signer's authority)."""
    texts = [strip_emphasis(x).strip() for x in cell if x.strip() and strip_emphasis(x).strip()]
    if not texts:
        return False
    return len(texts) >= _LAYOUT_LINES or bool(_LAYOUT_OPENERS.match(texts[0]))


def _close_row(table: TextTable, row: list[str]) -> None:
    if any(c.strip() for c in row):
        table.rows.append(row)


def _cell_text(lines: list[str]) -> str:
    """A cell's lines: wrapped lines joined, but a line that closes an emphasis span or a rule
    line ("--------") ends a line of its own, as in the original cell's paragraphs."""
    out: list[str] = []
    current: list[str] = []
    open_marks = False
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if _RULE_ONLY.match(line):
            if current:
                out.append(" ".join(current))
                current = []
            continue
        stars = line.count("**") + (line.replace("**", "").count("*"))
        starts_span = line.startswith("*")
        if starts_span and current and not open_marks:
            out.append(" ".join(current))
            current = []
        current.append(strip_emphasis(line).strip())
        if stars % 2:
            open_marks = not open_marks
        if not open_marks and (line.endswith("*") or line.endswith(":")):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return "\n".join(part for part in out if part)


def _inline_table(lines: list[str], start: int) -> tuple[TextTable, int]:
    table = TextTable(start + 1)
    i = start
    while i < len(lines):
        line = lines[i].strip()
        if _RULE.match(line) and "-" in line:
            i += 1
            continue
        if not (_INLINE_ROW.match(line) and line.count("|") >= 2):
            break
        cells = [strip_emphasis(c).strip() for c in line.strip("|").split("|")]
        _close_row(table, cells)
        i += 1
    return table, i


def _tab_table(lines: list[str], start: int) -> tuple[TextTable, int]:
    table = TextTable(start + 1)
    i = start
    while i < len(lines) and "\t" in lines[i] and lines[i].strip():
        _close_row(table, [strip_emphasis(c).strip() for c in lines[i].split("\t")])
        i += 1
    return table, i

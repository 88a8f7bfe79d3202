"""Plain text → TextDocument: UTF-8 or UTF-16 (each with or without a BOM), any line ends.

Two layouts occur: one paragraph per line (copied web articles, often with blank lines
between) and hard-wrapped text where blank lines separate paragraphs. The layout is detected
from the text itself: when most blank-line-separated blocks span several lines, lines inside
a block are joined like PDF lines; otherwise every line is a paragraph.
"""

from __future__ import annotations

from app.extract.blocks import Block, Location, TextDocument
from app.extract.guard import UnreadableDocumentError, decode_text
from app.extract.lines import (
    BLOCK_START,
    SENTENCE_END,
    continues_range,
    continues_sentence,
    is_bare_label,
    is_heading,
    join_two,
    starts_item,
)
from app.extract.text_tables import TextRun, TextTable, segment


def is_wrapped(lines: list[str]) -> bool:
    """True when blank lines separate multi-line paragraphs (hard-wrapped text)."""
    blocks: list[int] = []
    size = 0
    for line in [*lines, ""]:
        if line.strip():
            size += 1
        elif size:
            blocks.append(size)
            size = 0
    if len(blocks) < 2:
        return False
    return sum(1 for n in blocks if n > 1) * 2 > len(blocks)


def read_txt(data: bytes, source: str) -> TextDocument:
    """Read a text or markdown file into paragraph blocks (with their 1-based first line
    number) and table cells (with their table, row and cell), in document order."""
    lines = decode_text(data, source).split("\n")
    result = TextDocument(source=source, format="txt")
    runs = segment(lines)
    wrapped = is_wrapped([line for run in runs if isinstance(run, TextRun) for line in [*run.lines, ""]])
    index = 0
    tables = 0
    for run in runs:
        if isinstance(run, TextTable):
            tables += 1
            _table_blocks(result, run, tables)
            continue
        for text, line_no in _paragraphs(run, wrapped):
            index += 1
            result.blocks.append(Block(text=text, location=Location(paragraph=index, line=line_no)))
    if not result.blocks:
        raise UnreadableDocumentError(source, "extract_no_text")
    return result


def _paragraphs(run: TextRun, wrapped: bool) -> list[tuple[str, int]]:
    if wrapped:
        return join_blocks(run.lines, run.hard_breaks, run.first_line)
    out = []
    for offset, line in enumerate(run.lines):
        text = " ".join(line.split())
        if text:
            out.append((text, run.first_line + offset))
    return out


def join_blocks(lines: list[str], hard: list[bool], first_line: int) -> list[tuple[str, int]]:
    """Paragraphs of hard-wrapped text where blank lines separate paragraphs: inside a block the
    lines are one paragraph, except before a list item or a signer/recipient line, after a
    line that closed an emphasis span, after a sentence end followed by a capital, and at a
    change out of an all-capitals heading. Line length says nothing here: a page wraps where
    it likes ("đ) Đến hết năm 2045: 100%" / "DNNVV, HTX ...")."""
    out: list[tuple[str, int]] = []
    text, start = "", 0
    for offset, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not line:
            if text:
                out.append((text, start))
            text = ""
            continue
        if text and _breaks(text, line, hard[offset - 1] if offset else False):
            out.append((text, start))
            text = ""
        if text:
            text = join_two(text, line)
        else:
            text, start = line, first_line + offset
    if text:
        out.append((text, start))
    return out


def _breaks(current: str, following: str, closed_span: bool) -> bool:
    if is_bare_label(current) and not starts_item(following):
        return False  # "**IV.**" / "PHÂN CÔNG NHIỆM VỤ": the label's title wrapped to the next line
    if continues_range(current, following):
        return False  # "tăng bình quân 05" / "- 06%/năm"
    if continues_sentence(current, following):
        return False  # "- ... ưu tiên các địa bàn cấp độ" / "1. Cấp ngay ...": the sentence goes on
    if starts_item(following) or BLOCK_START.match(following):
        return True
    upper = following[:1].isupper() or following[:1].isdigit()
    if closed_span and not following[:1].islower():
        return True
    if SENTENCE_END.search(current) and upper:
        return True
    return is_heading(current) and not is_heading(following) and upper


def _table_blocks(result: TextDocument, table: TextTable, number: int) -> None:
    for row_no, row in enumerate(table.rows, start=1):
        for cell_no, cell in enumerate(row, start=1):
            text = "\n".join(" ".join(part.split()) for part in cell.split("\n")).strip()
            if text:
                location = Location(table=number, row=row_no, cell=cell_no, line=table.first_line)
                result.blocks.append(Block(text=text, location=location, kind="table_cell"))

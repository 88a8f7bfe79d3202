"""Plain text → TextDocument: UTF-8 or UTF-16 (each with or without a BOM), any line ends.

Two layouts occur: one paragraph per line (copied web articles, often with blank lines
between) and hard-wrapped text where blank lines separate paragraphs. The layout is detected
from the text itself: when most blank-line-separated blocks span several lines, lines inside
a block are joined like PDF lines; otherwise every line is a paragraph.
"""

from __future__ import annotations

from app.extract.blocks import Block, Location, TextDocument
from app.extract.guard import UnreadableDocumentError, decode_text
from app.extract.lines import Line, join_lines


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
    """Read a text file into paragraph blocks with their 1-based first line number."""
    lines = decode_text(data, source).split("\n")
    result = TextDocument(source=source, format="txt")
    if is_wrapped(lines):
        for index, paragraph in enumerate(join_lines([Line(line) for line in lines]), start=1):
            location = Location(paragraph=index, line=paragraph.first_line)
            result.blocks.append(Block(text=paragraph.text, location=location))
    else:
        index = 0
        for number, line in enumerate(lines, start=1):
            text = " ".join(line.split())
            if text:
                index += 1
                result.blocks.append(Block(text=text, location=Location(paragraph=index, line=number)))
    if not result.blocks:
        raise UnreadableDocumentError(source, "extract_no_text")
    return result

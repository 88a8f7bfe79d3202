"""The closing band of a KẾ HOẠCH: "Nơi nhận:", the recipient list and the signer block.

Three layouts are common and all are read: a borderless two-cell table (left: Nơi nhận and
the list; right: the signer), a tabbed two-column block typed as paragraphs, and plain
paragraphs typed top to bottom (the signer, then Nơi nhận under it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.layout import Layout, Paragraph
from app.rules.format.lines import Line, is_blank, same_cell, visual_lines
from app.vn.normalize import clean, match_key

MARK = re.compile(r"^\s*(TM|KT|Q|TL|TUQ)\s*\.", re.UNICODE)
_NOI_NHAN_KEY = match_key("Nơi nhận")
_LIST_START = ("-", "+", "–")


@dataclass(frozen=True)
class Closing:
    title: Paragraph | None  # the "Nơi nhận:" piece
    recipients: tuple[Paragraph, ...]
    signer: tuple[Paragraph, ...]  # non-blank lines, name last


def find_closing(layout: Layout, after: int) -> Closing:
    """The closing band among the paragraphs after index ``after`` (the document title)."""
    tail = layout.paragraphs[after:]
    lines = [line for p in tail for line in visual_lines(p)]
    at = next(
        (i for i in range(len(lines) - 1, -1, -1) if _starts_noi_nhan(lines[i].left)),
        None,
    )
    title = lines[at].left if at is not None else None
    recipients = _recipients(lines, at) if at is not None else []
    if title is not None and title.table is not None:
        row = [
            p
            for p in tail
            if (p.table, p.row) == (title.table, title.row) and p.cell != title.cell and not is_blank(p)
        ]
        if row:
            return Closing(title, tuple(recipients), tuple(_split(row)))
    taken = {id(p) for p in recipients} | {id(title)}
    return Closing(title, tuple(recipients), tuple(_signer(lines, taken)))


def _starts_noi_nhan(piece: Paragraph | None) -> bool:
    return piece is not None and match_key(piece.text).startswith(_NOI_NHAN_KEY)


def _split(paragraphs: list[Paragraph]) -> list[Paragraph]:
    return [
        piece for p in paragraphs for line in visual_lines(p) for piece in (line.left, line.right) if piece
    ]


def _recipients(lines: list[Line], at: int) -> list[Paragraph]:
    title = lines[at].left
    assert title is not None
    found: list[Paragraph] = []
    for line in lines[at + 1 :]:
        if title.table is not None:
            if not same_cell(line.source, title):
                break
            found.extend(piece for piece in (line.left, line.right) if piece)
            continue
        if line.source.table is not None:
            break
        if line.left is None:
            continue  # a line of the right column only (the signer beside the list)
        if not clean(line.left.shown_text).startswith(_LIST_START):
            break
        found.append(line.left)
    return found


def _signer(lines: list[Line], taken: set[int]) -> list[Paragraph]:
    """Authority and title lines from the last stack of marks, the signature space, the name."""
    marks = [
        (i, column)
        for i, line in enumerate(lines)
        for column, piece in enumerate((line.left, line.right))
        if piece is not None and id(piece) not in taken and MARK.match(clean(piece.text))
    ]
    if not marks:
        return []
    start, column = marks[-1]
    while (start - 1, column) in marks:  # "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH"
        start -= 1
    first = lines[start].piece(column)
    assert first is not None
    if first.table is not None:
        cell = [line for line in lines[start:] if same_cell(line.source, first)]
        return [piece for line in cell for piece in (line.left, line.right) if piece]
    block: list[Paragraph] = []
    spaced = False
    for line in lines[start:]:
        piece = line.piece(column)
        if line.source.table is not None or (piece is not None and id(piece) in taken):
            break
        if piece is None or clean(piece.text).startswith("("):
            spaced = spaced or bool(block)  # the signature space: blank or "(Đã ký)" lines
            continue
        block.append(piece)
        if spaced:
            break  # the first line after the signature space is the name
    return block

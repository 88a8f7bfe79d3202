"""Visual lines: soft line breaks and tab-separated columns of a paragraph made explicit.

Hand-made drafts lay out two columns with tabs ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA ...",
"Nơi nhận:<tab>TM. ỦY BAN NHÂN DÂN") and stack lines with Shift+Enter inside one paragraph.
Each visual line becomes a left piece (before the first tab) and a right piece (after it);
a piece is a Paragraph with the same location and only its own runs, so every rule reads it
like a paragraph of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.extract.layout import Paragraph, Run

_RULE_LINE = re.compile(r"^[\s_\-–—=.*]+$")
_SPLIT = re.compile(r"(\t|\n)")


def is_blank(paragraph: Paragraph) -> bool:
    """Empty, or only a typed rule ("______")."""
    return not paragraph.text.strip() or bool(_RULE_LINE.match(paragraph.text))


def same_cell(a: Paragraph, b: Paragraph) -> bool:
    return a.table is not None and (a.table, a.row, a.cell) == (b.table, b.row, b.cell)


@dataclass(frozen=True)
class Line:
    """One visual line of ``source``: its left and right pieces, None where blank."""

    source: Paragraph
    left: Paragraph | None
    right: Paragraph | None

    def piece(self, column: int) -> Paragraph | None:
        return self.left if column == 0 else self.right


def _piece(paragraph: Paragraph, runs: list[Run], first: bool) -> Paragraph | None:
    text = "".join(run.text for run in runs)
    piece = replace(paragraph, text=text, runs=tuple(runs), label=paragraph.label if first else None)
    return None if is_blank(piece) else piece


def visual_lines(paragraph: Paragraph) -> list[Line]:
    """The paragraph's lines (split at line breaks), each split at its first tab."""
    if "\t" not in paragraph.text and "\n" not in paragraph.text:
        return [Line(paragraph, None if is_blank(paragraph) else paragraph, None)]
    columns: list[tuple[list[Run], list[Run]]] = [([], [])]
    column = 0
    for run in paragraph.runs:
        for part in _SPLIT.split(run.text):
            if part == "\n":
                columns.append(([], []))
                column = 0
            elif part == "\t":
                if column == 1 and columns[-1][1]:
                    columns[-1][1].append(replace(run, text=" "))  # a further tab stop: a gap
                column = 1
            elif part:
                columns[-1][column].append(replace(run, text=part))
    return [
        Line(paragraph, _piece(paragraph, left, number == 0), _piece(paragraph, right, False))
        for number, (left, right) in enumerate(columns)
    ]


def pieces(paragraphs: tuple[Paragraph, ...]) -> list[Paragraph]:
    """Every non-blank piece, line by line, left before right."""
    return [
        piece for p in paragraphs for line in visual_lines(p) for piece in (line.left, line.right) if piece
    ]


def tabbed(paragraph: Paragraph, piece: Paragraph) -> bool:
    """True when ``piece`` is placed by tabs or shares its paragraph with other lines."""
    return "\t" in paragraph.text or paragraph.text.strip() != piece.text.strip()

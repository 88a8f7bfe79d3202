"""Appendices after the signature: "Phụ lục", its title, a table, a closing note.

An appendix opens with a short "PHỤ LỤC" line (often numbered: "Phụ lục I"); the next line
outside a table is its title; table cells are gathered by (table, row), the first row giving
the column names; paragraphs after the table are its note. The "(Kèm theo Kế hoạch số ...)"
line restates the plan's own number and date, which the renderer prints again from the header,
so it is not kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.domain.plan import Appendix

_OPENING = re.compile(r"^phụ\s+lục\b", re.IGNORECASE)
_ATTACHED = re.compile(r"^\(\s*kèm\s+theo\b", re.IGNORECASE)


def opens_appendix(text: str) -> bool:
    """True for the "PHỤ LỤC" line that opens an appendix."""
    return bool(_OPENING.match(text)) and len(text) <= 80


@dataclass
class AppendixReader:
    """Collects the appendices line by line; :meth:`finish` returns them."""

    appendices: list[Appendix] = field(default_factory=list)
    _rows: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    _label: str = ""

    def open(self, text: str) -> None:
        self._close()
        self._label = text
        self.appendices.append(Appendix(title=""))

    def feed(self, text: str, table: int | None, row: int | None) -> None:
        current = self.appendices[-1]
        if table is not None and row is not None:
            self._rows.setdefault((table, row), []).append(text)
        elif not current.title:
            current.title = text
        elif not _ATTACHED.match(text):
            current.note = f"{current.note} {text}" if current.note else text

    def _close(self) -> None:
        if not self.appendices:
            return
        current = self.appendices[-1]
        rows = [cells for _, cells in sorted(self._rows.items())]
        if rows:
            current.columns, current.rows = rows[0], rows[1:]
        current.title = current.title or self._label
        self._rows = {}

    def finish(self) -> list[Appendix]:
        self._close()
        return self.appendices

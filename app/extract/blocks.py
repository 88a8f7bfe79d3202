"""The plain text model every reader produces: ordered blocks with their location.

Readers (DOCX, PDF, TXT) turn untrusted files into a :class:`TextDocument`; the plan parser
only ever sees this model.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a block stands in its file; unknown parts are None."""

    paragraph: int | None = None  # 1-based index of the paragraph in the body
    page: int | None = None  # 1-based page (PDF, or DOCX when known)
    table: int | None = None  # 1-based table index
    row: int | None = None
    cell: int | None = None
    line: int | None = None  # 1-based line (TXT)

    def label(self) -> str:
        """A short Vietnamese label: "trang 2, đoạn 14", "bảng 1, hàng 3, ô 2"."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"trang {self.page}")
        if self.table is not None:
            parts.append(f"bảng {self.table}")
            if self.row is not None:
                parts.append(f"hàng {self.row}")
            if self.cell is not None:
                parts.append(f"ô {self.cell}")
        if self.paragraph is not None:
            parts.append(f"đoạn {self.paragraph}")
        if self.line is not None:
            parts.append(f"dòng {self.line}")
        return ", ".join(parts) or "không rõ vị trí"


@dataclass(frozen=True)
class Block:
    """One paragraph (or table cell) of text, NFC, with its visible list label restored.

    ``label`` is the automatic numbering as shown ("I.", "1.", "a)", "-"), already prefixed to
    ``text`` when the source had it as numbering rather than typed characters.
    """

    text: str
    location: Location
    kind: str = "paragraph"  # paragraph | table_cell | header | footer
    label: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    alignment: str | None = None
    size_pt: float | None = None


@dataclass
class TextDocument:
    """A read document: its blocks in order, and what could not be read."""

    source: str
    format: str  # docx | pdf | txt
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None
    pages_without_text: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)

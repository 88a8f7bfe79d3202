"""The plain layout model of a document: sections, paragraphs, runs, tables.

Readers (app.extract.docx_layout) fill it from untrusted files; the ND30 format rules
(app.rules.format) read only this model, so it imports nothing but the standard library and
rule tests can build tiny layouts by hand. Every value is the EFFECTIVE one (inheritance
already resolved); None means "not set anywhere".
"""

from __future__ import annotations

from dataclasses import dataclass

from app.extract.blocks import Location


@dataclass(frozen=True)
class Run:
    """A stretch of text with its effective font; None means "not set anywhere"."""

    text: str
    font: str | None = "Times New Roman"
    size_pt: float | None = 14.0
    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: str | None = None  # "FF0000", or None for automatic (black)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph, in the body or in a table cell, with its effective paragraph format."""

    index: int  # 1-based, in document order, counting paragraphs inside tables too
    text: str
    runs: tuple[Run, ...] = ()
    style: str | None = None
    alignment: str = "left"  # left | center | right | justify
    first_line_indent_cm: float = 0.0  # negative for a hanging indent
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    line_spacing: float | None = 1.0  # a multiple of single spacing, when the rule is "auto"
    line_spacing_pt: float | None = None  # an exact / at-least line height in points
    line_spacing_rule: str = "auto"  # auto (a multiple) | exact | atLeast
    contextual_spacing: bool = False  # Word drops the spacing between paragraphs of one style
    table: int | None = None  # 1-based table index (top-level tables, document order)
    row: int | None = None
    cell: int | None = None
    page: int | None = None  # known only when Word saved rendered page breaks
    label: str | None = None  # Word's automatic list label as shown ("1.", "a)", "-"), not in text

    @property
    def location(self) -> str:
        """ "đoạn 3", or "bảng 1, hàng 1, ô 2, đoạn 5" (with "trang N, " when known)."""
        return Location(
            paragraph=self.index, page=self.page, table=self.table, row=self.row, cell=self.cell
        ).label()

    @property
    def shown_text(self) -> str:
        """The text as a reader sees it: the automatic list label, then the typed text."""
        return f"{self.label} {self.text.lstrip()}" if self.label else self.text

    @property
    def text_runs(self) -> tuple[Run, ...]:
        """The runs that show something (white space carries no visible formatting)."""
        return tuple(run for run in self.runs if run.text.strip())


@dataclass(frozen=True)
class HeaderParagraph:
    """A header line; ``page_number`` is the format of its PAGE field's run, if it has one."""

    text: str
    alignment: str = "left"
    has_page_field: bool = False
    page_number: Run | None = None


@dataclass(frozen=True)
class Section:
    """Page set-up of one DOCX section and its header paragraphs."""

    index: int  # 1-based
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    orientation: str = "portrait"  # portrait | landscape
    top_mm: float = 20.0
    bottom_mm: float = 20.0
    left_mm: float = 30.0
    right_mm: float = 15.0
    different_first_page: bool = True
    header: tuple[HeaderParagraph, ...] = ()
    first_page_header: tuple[HeaderParagraph, ...] = ()

    @property
    def location(self) -> str:
        return f"mục {self.index} (section)"


@dataclass(frozen=True)
class Table:
    """A top-level table: rows of cells, each cell a list of its paragraphs."""

    index: int
    rows: tuple[tuple[tuple[Paragraph, ...], ...], ...] = ()


@dataclass(frozen=True)
class Layout:
    """The whole document: sections, and every paragraph in document order."""

    sections: tuple[Section, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    tables: tuple[Table, ...] = ()

    @property
    def body(self) -> tuple[Paragraph, ...]:
        """Paragraphs outside any table."""
        return tuple(p for p in self.paragraphs if p.table is None)

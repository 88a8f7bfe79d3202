"""A normalised, readable view of a DOCX for golden tests and format assertions.

DOCX bytes differ between runs (zip metadata) and tools; what a reader sees does not. The view
resolves each paragraph's effective formatting (direct run properties, then the paragraph style
chain, then the document defaults) and Word's automatic numbering labels, so a test can assert
"the quốc hiệu is 12 pt bold" without knowing how the template expresses it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

NBSP = "\u00a0"
_ALIGN = {None: "left", 0: "left", 1: "center", 2: "right", 3: "both"}


@dataclass(frozen=True)
class ParagraphView:
    """One paragraph as a reader sees it."""

    style: str
    align: str
    font: str
    size: float | None
    bold: bool
    italic: bool
    underline: bool
    label: str
    text: str
    first_line_cm: float | None = None

    @property
    def shown(self) -> str:
        """The printed text, with the automatic number in front."""
        return f"{self.label} {self.text}" if self.label else self.text

    @property
    def is_rule(self) -> bool:
        """An underlined run of no-break spaces: a drawn rule."""
        return bool(self.text) and set(self.text) == {NBSP} and self.underline

    def line(self) -> str:
        marks = "".join(m for m, on in (("b", self.bold), ("i", self.italic), ("u", self.underline)) if on)
        size = f"{self.size:g}" if self.size else "?"
        text = f"[rule {len(self.text)}]" if self.is_rule else self.shown.replace("\n", "⏎")
        return f"P [{self.style}] {self.align} {self.font} {size} {marks or '-'} | {text}"


@dataclass
class TableView:
    rows: list[list[list[ParagraphView]]] = field(default_factory=list)

    def cell(self, row: int, col: int) -> list[ParagraphView]:
        return self.rows[row][col]


@dataclass
class SectionView:
    width_mm: float
    height_mm: float
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    title_page: bool
    header_field: str
    header_align: str
    header_size: float | None

    def line(self) -> str:
        t, b, left, r = self.margins_mm
        return (
            f"S {self.width_mm:.1f}x{self.height_mm:.1f}mm margins {t:.1f}/{b:.1f}/{left:.1f}/{r:.1f} "
            f"titlePg={self.title_page} header={self.header_field} {self.header_align} {self.header_size}"
        )


@dataclass
class DocumentView:
    sections: list[SectionView]
    blocks: list[ParagraphView | TableView]

    def paragraphs(self) -> Iterator[ParagraphView]:
        """Every paragraph, including those inside table cells, in reading order."""
        for block in self.blocks:
            if isinstance(block, ParagraphView):
                yield block
            else:
                for row in block.rows:
                    for cell in row:
                        yield from cell

    def tables(self) -> list[TableView]:
        return [b for b in self.blocks if isinstance(b, TableView)]

    def text(self) -> str:
        lines = [s.line() for s in self.sections]
        for block in self.blocks:
            if isinstance(block, ParagraphView):
                lines.append(block.line())
                continue
            lines.append("T")
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    lines.extend(f"  [{r},{c}] {p.line()}" for p in cell)
        return "\n".join(lines) + "\n"


class _Resolver:
    """Effective formatting and numbering labels of one document."""

    def __init__(self, document: Any) -> None:
        self.document = document
        defaults = document.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        self.default_font = fonts.get(qn("w:ascii")) if fonts is not None else None
        self.default_size = int(size.get(qn("w:val"))) / 2 if size is not None else None
        self.counters: dict[str, list[int]] = {}
        self.chains: dict[str | None, list[Any]] = {}
        self.style_fonts: dict[tuple[str | None, str], Any] = {}

    def _chain(self, paragraph: Paragraph) -> list[Any]:
        """The paragraph's style and its bases (cached per style id: lookups are slow)."""
        key = paragraph._p.style
        if key not in self.chains:
            styles, style = [], paragraph.style
            while style is not None:
                styles.append(style)
                style = style.base_style
            self.chains[key] = styles
        return self.chains[key]

    def _style_font(self, paragraph: Paragraph, attr: str) -> Any:
        key = (paragraph._p.style, attr)
        if key not in self.style_fonts:
            value = None
            for style in self._chain(paragraph):
                value = getattr(style.font, attr)
                if value is not None:
                    break
            self.style_fonts[key] = value
        return self.style_fonts[key]

    def font_value(self, paragraph: Paragraph, run: Any, attr: str) -> Any:
        value = getattr(run.font, attr)
        return value if value is not None else self._style_font(paragraph, attr)

    def align(self, paragraph: Paragraph) -> str:
        value = paragraph.paragraph_format.alignment
        for style in self._chain(paragraph):
            if value is not None:
                break
            value = style.paragraph_format.alignment
        return _ALIGN.get(value, str(value))

    def first_line(self, paragraph: Paragraph) -> float | None:
        value: Length | None = paragraph.paragraph_format.first_line_indent
        for style in self._chain(paragraph):
            if value is not None:
                break
            value = style.paragraph_format.first_line_indent
        return round(value.cm, 2) if value is not None else None

    def label(self, paragraph: Paragraph) -> str:
        num_pr = None
        for element in [paragraph._p.pPr, *(s.element.pPr for s in self._chain(paragraph))]:
            if element is not None and element.numPr is not None:
                num_pr = element.numPr
                break
        if num_pr is None or num_pr.numId is None:
            return ""
        num_id = str(num_pr.numId.val)
        level = int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0
        fmt, text = self._level_format(num_id, level)
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        for lvl in range(level + 1):
            text = text.replace(
                f"%{lvl + 1}", _format_number(counts[lvl], fmt if lvl == level else "decimal")
            )
        return text

    def _level_format(self, num_id: str, level: int) -> tuple[str, str]:
        numbering = self.document.part.numbering_part.element
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(
            a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
        )
        lvl = next(x for x in abstract.findall(qn("w:lvl")) if x.get(qn("w:ilvl")) == str(level))
        return lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val"))

    def view(self, paragraph: Paragraph) -> ParagraphView:
        runs = [r for r in paragraph.runs if r.text] or paragraph.runs
        first = runs[0] if runs else None

        def prop(attr: str) -> Any:
            return self.font_value(paragraph, first, attr) if first is not None else None

        size = prop("size")
        return ParagraphView(
            style=chain[0].name if (chain := self._chain(paragraph)) else "",
            align=self.align(paragraph),
            font=prop("name") or self.default_font or "",
            size=size.pt if size is not None else self.default_size,
            bold=bool(prop("bold")),
            italic=bool(prop("italic")),
            underline=bool(prop("underline")),
            label=self.label(paragraph),
            text=paragraph.text,
            first_line_cm=self.first_line(paragraph),
        )


def _format_number(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        from app.render.context import roman

        return roman(value)
    if fmt == "lowerLetter":
        return chr(ord("a") + value - 1)
    return str(value)


def _section_view(section: Any, resolver: _Resolver) -> SectionView:
    header = section.header
    xml = header._element.xml if not header.is_linked_to_previous else ""
    field_name = "PAGE" if "PAGE" in xml else "-"
    head = header.paragraphs[0] if header.paragraphs else None
    head_view = resolver.view(head) if head is not None else None
    return SectionView(
        width_mm=round(section.page_width.mm, 1),
        height_mm=round(section.page_height.mm, 1),
        margins_mm=tuple(
            round(m.mm, 1)
            for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        ),
        title_page=bool(section.different_first_page_header_footer),
        header_field=field_name,
        header_align=head_view.align if head_view else "-",
        header_size=head_view.size if head_view else None,
    )


def document_view(source: bytes | str | Path) -> DocumentView:
    """Read a DOCX (bytes or path) into its view."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    document = docx.Document(stream)
    resolver = _Resolver(document)
    blocks: list[ParagraphView | TableView] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            rows = [[[resolver.view(p) for p in cell.paragraphs] for cell in row.cells] for row in item.rows]
            blocks.append(TableView(rows))
        else:
            blocks.append(resolver.view(item))
    sections = [_section_view(s, resolver) for s in document.sections]
    return DocumentView(sections, blocks)


def text_view(source: bytes | str | Path) -> str:
    """The golden-file text: sections, then one line per paragraph, tables as rows."""
    return document_view(source).text()

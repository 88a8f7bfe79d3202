"""DOCX → the plain layout model (app.extract.layout), with EFFECTIVE formatting.

The ND30 format rules (app.rules.format) read only this model, never python-docx objects, so
their unit tests build tiny layouts by hand. Formatting is resolved the way Word does it: a
run's own property wins, then its character style chain, then the paragraph style chain
(the default paragraph style when none is named), then the document defaults; theme fonts
("+minorHAnsi") are resolved through the theme part.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn
from lxml import etree

from app.domain.errors import KehoachError
from app.extract.docx_numbering import parse_numbering
from app.extract.docx_props import ParagraphFormat, scaled, toggle
from app.extract.guard import check_docx
from app.extract.layout import HeaderParagraph, Layout, Paragraph, Run, Section, Table
from app.messages import both

_EMU_PER_MM = 36_000
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


__all__ = ["HeaderParagraph", "Layout", "LayoutError", "Paragraph", "Run", "Section", "Table", "read_layout"]


class LayoutError(KehoachError):
    """The DOCX passed the safety guard but python-docx cannot make sense of it."""


def read_layout(data: bytes, source: str = "") -> Layout:
    """Read a DOCX into a :class:`Layout`; raises UnsafeFileError or LayoutError (KehoachErrors)."""
    check_docx(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        return _Reader(document).layout()
    except KehoachError:
        raise
    except Exception as exc:  # python-docx/lxml raise many types on broken packages
        detail = f"{type(exc).__name__}: {exc}"[:200]
        text = both("extract_docx_unreadable").format(detail=detail)
        raise LayoutError(f"{source}: {text}" if source else text) from exc


def _paragraphs(element: Any) -> list[Any]:
    """Every w:p under ``element`` except the VML fallback copies of text boxes."""
    return [p for p in element.iter(qn("w:p")) if not any(a.tag == _FALLBACK for a in p.iterancestors())]


def _owned_by(run: Any, paragraph: Any) -> bool:
    """True when ``run`` is the paragraph's own, not text inside a text box it anchors."""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (qn("w:txbxContent"), _FALLBACK):
            return False
    return True


def _color(element: Any) -> str | None:
    """A run colour as upper-case hex; None for automatic (black on a white page)."""
    value = element.get(qn("w:val")) if element is not None else None
    return None if not value or value.lower() == "auto" else value.upper()


def _is_page_field(run: Any) -> bool:
    """The run holds a PAGE field code, or is the result of a simple PAGE field."""
    codes = [x.text or "" for x in run.iter(qn("w:instrText"))]
    codes += [a.get(qn("w:instr"), "") for a in run.iterancestors(qn("w:fldSimple"))]
    return any("PAGE" in code.upper().split() for code in codes)


class _Reader:
    """Walks one python-docx Document; style chains are resolved once per style id."""

    def __init__(self, document: Any) -> None:
        self.doc = document
        self.styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
        defaults = document.styles.element.find(qn("w:docDefaults"))
        self.r_default = (
            defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
        )
        self.p_default = (
            defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}") if defaults is not None else None
        )
        self.default_para_style = next(
            (
                sid
                for sid, s in self.styles.items()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true", "on")
            ),
            None,
        )
        self.theme = self._theme_fonts()
        self.numbering = parse_numbering(self._numbering_root())
        self.counter = 0
        self.page = 1
        self.rendered_breaks = b"lastRenderedPageBreak" in etree.tostring(document.element.body)

    def _numbering_root(self) -> Any:
        try:
            return self.doc.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without lists has no numbering part
            return None

    def _theme_fonts(self) -> dict[str, str]:
        fonts: dict[str, str] = {}
        for rel in self.doc.part.rels.values():
            if rel.reltype.endswith("/theme") and not rel.is_external:
                root = etree.fromstring(rel.target_part.blob)
                ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
                for kind in ("major", "minor"):
                    latin = root.find(f".//a:{kind}Font/a:latin", ns)
                    if latin is not None:
                        fonts[kind] = latin.get("typeface")
        return fonts

    def _style_chain(self, style_id: str | None, tag: str) -> list[Any]:
        """The pPr/rPr elements of a style and its bases, most specific first."""
        chain: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            props = style.find(qn(tag))
            if props is not None:
                chain.append(props)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return chain

    def layout(self) -> Layout:
        paragraphs: list[Paragraph] = []
        tables: list[Table] = []
        for kind, element in self._blocks(self.doc.element.body):
            if kind == "p":
                paragraphs.append(self._paragraph(element))
            else:
                table = self._table(element, len(tables) + 1)
                tables.append(table)
                paragraphs.extend(p for row in table.rows for cell in row for p in cell)
        return Layout(tuple(self._sections()), tuple(paragraphs), tuple(tables))

    def _blocks(self, parent: Any) -> Iterator[tuple[str, Any]]:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                yield "p", child
                # Hand-made headers often sit in text boxes anchored to a paragraph.
                yield from (("p", box) for box in _paragraphs(child) if box is not child)
            elif child.tag == qn("w:tbl"):
                yield "tbl", child
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._blocks(content)

    def _table(self, tbl: Any, number: int) -> Table:
        rows = []
        for r, tr in enumerate(tbl.findall(qn("w:tr")), start=1):
            cells = []
            for c, tc in enumerate(tr.findall(qn("w:tc")), start=1):
                cells.append(tuple(self._paragraph(p, number, r, c) for p in _paragraphs(tc)))
            rows.append(tuple(cells))
        return Table(number, tuple(rows))

    def _paragraph(
        self, p: Any, table: int | None = None, row: int | None = None, cell: int | None = None
    ) -> Paragraph:
        self.counter += 1
        style_id, p_chain, r_para = self._chains(p)
        runs, leading, trailing = self._runs(p, r_para)
        label = self._label(p_chain) if any(run.text.strip() for run in runs) else None
        self.page += leading  # a break before any text: the paragraph starts on the new page
        page = self.page if self.rendered_breaks else None
        self.page += trailing
        style = self.styles.get(style_id)
        name_el = style.find(qn("w:name")) if style is not None else None
        spacing = ParagraphFormat(p_chain)
        return Paragraph(
            index=self.counter,
            text="".join(run.text for run in runs),
            runs=tuple(runs),
            style=name_el.get(qn("w:val")) if name_el is not None else style_id,
            table=table,
            row=row,
            cell=cell,
            page=page,
            label=label,
            **spacing.values(),
        )

    def _chains(self, p: Any) -> tuple[str | None, list[Any], list[Any]]:
        """The style id, the pPr chain (direct → styles → defaults) and the style rPr chain."""
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        style_id = style_el.get(qn("w:val")) if style_el is not None else self.default_para_style
        p_chain = [x for x in [ppr, *self._style_chain(style_id, "w:pPr"), self.p_default] if x is not None]
        return style_id, p_chain, self._style_chain(style_id, "w:rPr")

    def _run_chain(self, r: Any, r_para: list[Any]) -> list[Any]:
        """A run's rPr chain: its own, its character style's, the paragraph style's, defaults."""
        rpr = r.find(qn("w:rPr"))
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        r_char = self._style_chain(rstyle.get(qn("w:val")), "w:rPr") if rstyle is not None else []
        return [x for x in [rpr, *r_char, *r_para, self.r_default] if x is not None]

    def _label(self, p_chain: list[Any]) -> str | None:
        """The automatic list label: w:numPr set directly or by the paragraph style."""
        num: Any = next((el for props in p_chain if (el := props.find(qn("w:numPr"))) is not None), None)
        num_id = num.find(qn("w:numId")) if num is not None else None
        if num is None or num_id is None:
            return None
        ilvl = num.find(qn("w:ilvl"))
        level = ilvl.get(qn("w:val"), "0") if ilvl is not None else "0"
        return self.numbering.label(str(num_id.get(qn("w:val"))), int(level) if level.isdigit() else 0)

    def _runs(self, p: Any, r_para: list[Any]) -> tuple[list[Run], int, int]:
        """The runs, and the rendered page breaks before and after the first text."""
        runs: list[Run] = []
        leading = trailing = 0
        for r in p.iter(qn("w:r")):
            if not _owned_by(r, p):
                continue
            text = []
            for child in r.iterchildren():
                if child.tag == qn("w:t"):
                    text.append(child.text or "")
                elif child.tag == qn("w:tab"):
                    text.append("\t")
                elif child.tag in (qn("w:br"), qn("w:cr")):
                    text.append("\n")
                elif child.tag == qn("w:lastRenderedPageBreak"):
                    if any(run.text.strip() for run in runs) or "".join(text).strip():
                        trailing += 1
                    else:
                        leading += 1
            runs.append(self._run("".join(text), self._run_chain(r, r_para)))
        return runs, leading, trailing

    def _run(self, text: str, chain: list[Any]) -> Run:
        def first(tag: str) -> Any:
            return next((el for props in chain if (el := props.find(qn(tag))) is not None), None)

        fonts = next(
            (el for props in chain if (el := props.find(qn("w:rFonts"))) is not None and self._font(el)), None
        )
        size = first("w:sz")
        bold, italic, underline = first("w:b"), first("w:i"), first("w:u")
        return Run(
            text=text,
            font=self._font(fonts) if fonts is not None else None,
            size_pt=scaled(size.get(qn("w:val")), 2.0) if size is not None else None,
            bold=bool(toggle(bold)),
            italic=bool(toggle(italic)),
            underline=underline is not None and underline.get(qn("w:val"), "single") != "none",
            color=_color(first("w:color")),
        )

    def _font(self, rfonts: Any) -> str | None:
        """The font used for Latin/Vietnamese text: w:ascii / w:hAnsi, or the theme font."""
        for attr in ("w:hAnsi", "w:ascii"):
            if rfonts.get(qn(attr)):
                return str(rfonts.get(qn(attr)))
        for attr in ("w:hAnsiTheme", "w:asciiTheme"):
            theme = rfonts.get(qn(attr))
            if theme:
                return self.theme.get("major" if theme.startswith("major") else "minor", f"+{theme}")
        return None

    def _sections(self) -> Iterator[Section]:
        for number, section in enumerate(self.doc.sections, start=1):
            width, height = section.page_width, section.page_height

            def mm(value: Any, default: float) -> float:
                return round(value / _EMU_PER_MM, 1) if value is not None else default

            yield Section(
                index=number,
                page_width_mm=mm(width, 215.9),
                page_height_mm=mm(height, 279.4),
                orientation="landscape" if width and height and width > height else "portrait",
                top_mm=mm(section.top_margin, 25.4),
                bottom_mm=mm(section.bottom_margin, 25.4),
                left_mm=mm(section.left_margin, 31.8),
                right_mm=mm(section.right_margin, 31.8),
                different_first_page=bool(section.different_first_page_header_footer),
                header=tuple(self._header(section.header)),
                first_page_header=tuple(self._header(section.first_page_header)),
            )

    def _header(self, header: Any) -> Iterator[HeaderParagraph]:
        # A linked header resolves to the previous section's definition; a missing one is
        # created empty in memory, which is what Word shows.
        for p in header._element.iter(qn("w:p")):
            _, p_chain, r_para = self._chains(p)
            field_runs = [r for r in p.iter(qn("w:r")) if _is_page_field(r)]
            number = self._run("", self._run_chain(field_runs[0], r_para)) if field_runs else None
            text = "".join((t.text or "") for t in p.iter(qn("w:t")))
            yield HeaderParagraph(text, ParagraphFormat(p_chain).alignment(), bool(field_runs), number)

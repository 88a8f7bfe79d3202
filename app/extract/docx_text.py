"""DOCX → TextDocument: body paragraphs and table cells in order, headers, list labels restored.

Only called on bytes that passed :func:`app.extract.guard.check_docx`, so python-docx never
sees a zip bomb or an entity declaration. Text is gathered from the XML directly (w:t, tabs,
breaks) so tracked insertions count, deletions and AlternateContent fallbacks do not.
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.oxml.ns import qn

from app.extract.blocks import Block, Location, TextDocument
from app.extract.docx_format import default_style, paragraph_format, style_chain
from app.extract.docx_numbering import Numbering, parse_numbering
from app.extract.guard import UnsafeFileError, check_docx
from app.vn.normalize import nfc

_SKIP = {qn(tag) for tag in ("w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:txbxContent")}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP.add(_MC_FALLBACK)
_RENDERED_BREAK = qn("w:lastRenderedPageBreak")
_ALIGN = {
    "left": "left",
    "start": "left",
    "center": "center",
    "both": "justify",
    "distribute": "justify",
    "right": "right",
    "end": "right",
}


def read_docx(data: bytes, source: str) -> TextDocument:
    """Read a DOCX into blocks; raises UnsafeFileError for unsafe or unreadable files."""
    check_docx(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises anything from KeyError to lxml errors on odd parts
        raise UnsafeFileError(source, "extract_docx_unreadable", detail=type(exc).__name__) from exc
    reader = _Reader(document, source)
    return reader.read()


class _Reader:
    """One pass over a python-docx Document, holding the numbering counters and indices."""

    def __init__(self, document: Any, source: str) -> None:
        self.document = document
        self.result = TextDocument(source=source, format="docx")
        self.numbering = _numbering_of(document)
        self.paragraph_index = 0
        self.table_index = 0
        self.page = 1
        self.page_known = document.element.body.find(f".//{_RENDERED_BREAK}") is not None
        self.style_numbering: dict[str | None, tuple[str, str | None] | None] = {}

    def read(self) -> TextDocument:
        self._headers_footers("header")
        self._walk(self.document.element.body)
        self._headers_footers("footer")
        return self.result

    def _walk(self, container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(child)
            elif child.tag == qn("w:tbl"):
                self._table(child)
            elif child.tag == qn("w:sdt"):  # content controls wrap ordinary paragraphs/tables
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self._walk(content)

    def _paragraph(self, p: Any) -> None:
        label, text = self._labelled_text(p)
        page = self._advance_page(p)
        if text.strip():
            self.paragraph_index += 1
            location = Location(paragraph=self.paragraph_index, page=page)
            self.result.blocks.append(_block(self.document, p, text, location, "paragraph", label))
        for box in _text_boxes(p):  # text boxes anchored here follow their anchor paragraph
            self._walk(box)

    def _advance_page(self, p: Any) -> int | None:
        """The page a paragraph starts on, from Word's w:lastRenderedPageBreak marks.

        Word records where its last layout broke pages; files saved by other programs lack
        the marks, and their page stays unknown rather than guessed.
        """
        if not self.page_known:
            return None
        start = self.page
        seen_text = False
        for element in p.iter(qn("w:t"), _RENDERED_BREAK):
            if element.tag == _RENDERED_BREAK:
                self.page += 1
                if not seen_text:
                    start = self.page
            elif element.text:
                seen_text = True
        return start

    def _labelled_text(self, p: Any) -> tuple[str | None, str]:
        """The paragraph text with its automatic list label (if any) prefixed."""
        text = nfc(paragraph_text(p))
        num = self._num_props(p)
        label = self.numbering.label(*num) if num else None
        if label and text.strip():
            label = nfc(label)
            return label, f"{label} {text.lstrip()}"
        return None, text

    def _table(self, tbl: Any) -> None:
        self.table_index += 1
        table_no = self.table_index
        for row_no, tr in enumerate(tbl.findall(qn("w:tr")), start=1):
            for cell_no, tc in enumerate(tr.findall(qn("w:tc")), start=1):
                if _is_merge_continuation(tc):
                    continue
                lines = self._cell_lines(tc)
                text = "\n".join(line for line in lines if line.strip())
                if not text:
                    continue
                page = self.page if self.page_known else None
                for p in tc.iter(qn("w:p")):
                    self._advance_page(p)
                location = Location(table=table_no, row=row_no, cell=cell_no, page=page)
                first_p = tc.find(qn("w:p"))
                block = _block(self.document, first_p, text, location, "table_cell", None)
                self.result.blocks.append(block)

    def _cell_lines(self, tc: Any) -> list[str]:
        lines: list[str] = []
        for child in tc.iterchildren():
            if child.tag == qn("w:p"):
                lines.append(self._labelled_text(child)[1])
            elif child.tag == qn("w:tbl"):  # nested table: its cells' text, row by row
                for inner in child.findall(f"{qn('w:tr')}/{qn('w:tc')}"):
                    lines.extend(self._cell_lines(inner))
        return lines

    def _num_props(self, p: Any) -> tuple[str, int] | None:
        """(numId, ilvl) from the paragraph, else from its style chain."""
        ppr = p.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style_id = _child_val(ppr, "w:pStyle")
        num_id = _child_val(num_pr, "w:numId")
        ilvl = _child_val(num_pr, "w:ilvl")
        if num_id is None:
            if style_id not in self.style_numbering:
                self.style_numbering[style_id] = _style_num(self.document, style_id)
            style_num = self.style_numbering[style_id]
            if style_num is None:
                return None
            num_id, style_ilvl = style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id == "0":
            return None
        try:
            return num_id, int(ilvl or 0)
        except ValueError:
            return num_id, 0

    def _headers_footers(self, kind: str) -> None:
        seen: set[str] = set()
        for section in self.document.sections:
            parts = [getattr(section, f"{kind}")]
            if section.different_first_page_header_footer:
                parts.append(getattr(section, f"first_page_{kind}"))
            for part in parts:
                if part.is_linked_to_previous:  # no definition of its own (or the previous one's)
                    continue
                for p in part._element.iter(qn("w:p")):
                    text = nfc(paragraph_text(p)).strip()
                    if text and not text.isdigit() and text not in seen:
                        seen.add(text)
                        self.result.blocks.append(Block(text=text, location=Location(), kind=kind))


def paragraph_text(p: Any) -> str:
    """The visible text of a w:p (runs, hyperlinks, insertions, fields' cached results)."""
    out: list[str] = []
    _collect(p, out)
    return "".join(out)


def _collect(element: Any, out: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == qn("w:t"):
            out.append(child.text or "")
        elif tag == qn("w:tab"):
            out.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        else:
            _collect(child, out)


def _text_boxes(p: Any) -> list[Any]:
    """The w:txbxContent elements of a paragraph, once each (not the VML fallback copies)."""
    boxes = []
    for box in p.iter(qn("w:txbxContent")):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not p and ancestor.tag != _MC_FALLBACK:
            ancestor = ancestor.getparent()
        if ancestor is p:
            boxes.append(box)
    return boxes


def _child_val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _is_merge_continuation(tc: Any) -> bool:
    """A vertically merged cell below its first: Word shows it empty, the text is above."""
    tc_pr = tc.find(qn("w:tcPr"))
    merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
    return merge is not None and merge.get(qn("w:val")) in (None, "continue")


def _numbering_of(document: Any) -> Numbering:
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        root = None
    return parse_numbering(root, document.styles.element)


def _style_num(document: Any, style_id: str | None) -> tuple[str, str | None] | None:
    """(numId, ilvl) a paragraph style (or a style it is based on) assigns, if any."""
    styles = document.styles.element
    for style in style_chain(styles, style_id or default_style(styles, "paragraph")):
        ppr = style.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = _child_val(num_pr, "w:numId")
        if num_id is not None:
            return num_id, _child_val(num_pr, "w:ilvl")
    return None


def _block(document: Any, p: Any, text: str, location: Location, kind: str, label: str | None) -> Block:
    """A Block with the formatting that is cheap to know: bold/italic of all runs, alignment, size."""
    bold, italic, alignment, size = (
        paragraph_format(document, p) if p is not None else (None, None, None, None)
    )
    return Block(
        text=text,
        location=location,
        kind=kind,
        label=label,
        bold=bold,
        italic=italic,
        alignment=_ALIGN.get(alignment or "", alignment),
        size_pt=size,
    )

"""A markdown child plan as the Word file and the PDF an officer would upload.

The labelled children are written as text (tests/data/real/); the review must read the same
plan from DOCX and PDF, so each text is turned into a DOCX the way an office's file is built
(paragraphs, bold headings, the header and signer blocks and every table as real Word tables),
and that DOCX into a PDF through LibreOffice. Copies are cached by content hash under
``.cache/eval-office/`` so a rerun converts only what changed.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from docx import Document
from docx.shared import Pt

from app.extract.text_tables import TextTable, segment
from app.extract.txt_text import join_blocks
from app.render.pdf import convert_many

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "eval-office"


def markdown_to_docx(text: str) -> bytes:
    """A DOCX holding the paragraphs and tables of a markdown plan text."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    for run in segment(text.replace("\r\n", "\n").split("\n")):
        if isinstance(run, TextTable):
            _table(document, run)
            continue
        for paragraph, _ in join_blocks(run.lines, run.hard_breaks, run.first_line):
            p = document.add_paragraph()
            r = p.add_run(paragraph)
            r.bold = paragraph.isupper() or (paragraph[:3].rstrip(". ").isupper() and len(paragraph) < 120)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document: object, table: TextTable) -> None:
    width = max(len(row) for row in table.rows)
    grid = document.add_table(rows=len(table.rows), cols=width)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            target = grid.cell(r, c)
            lines = cell.split("\n")
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)


def office_copy(path: Path, via: str) -> tuple[bytes, str]:
    """The bytes and file name of ``path`` read ``via`` text, docx or pdf."""
    data = path.read_bytes()
    if via == "text":
        return data, path.name
    digest = hashlib.sha256(data).hexdigest()[:16]
    CACHE.mkdir(parents=True, exist_ok=True)
    docx_path = CACHE / f"{path.stem}-{digest}.docx"
    if not docx_path.exists():
        docx_path.write_bytes(markdown_to_docx(data.decode("utf-8")))
    if via == "docx":
        return docx_path.read_bytes(), f"{path.stem}.docx"
    pdf_path = docx_path.with_suffix(".pdf")
    if not pdf_path.exists():
        (made,) = convert_many([docx_path], CACHE / "pdf-out")
        made.replace(pdf_path)
    return pdf_path.read_bytes(), f"{path.stem}.pdf"

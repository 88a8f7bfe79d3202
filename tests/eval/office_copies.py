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
import os
import tempfile
from collections.abc import Sequence
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
    # row by row: Table.cell(r, c) lays out the whole grid on every call (minutes on a long table)
    for grid_row, row in zip(grid.rows, table.rows, strict=True):
        cells = grid_row.cells
        for c, cell in enumerate(row):
            target = cells[c]
            lines = cell.split("\n")
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)


def office_copy(path: Path, via: str) -> tuple[bytes, str]:
    """The bytes and file name of ``path`` read ``via`` text, docx or pdf."""
    if via == "text":
        return path.read_bytes(), path.name
    docx_path = _docx_copy(path)
    if via == "docx":
        return docx_path.read_bytes(), f"{path.stem}.docx"
    pdf_path = docx_path.with_suffix(".pdf")
    if not pdf_path.exists():
        prepare_pdf_copies([path])
    return pdf_path.read_bytes(), f"{path.stem}.pdf"


def prepare_pdf_copies(paths: Sequence[Path]) -> None:
    """Make the DOCX and PDF copies of ``paths`` that are not cached yet, converting every
    missing PDF in ONE LibreOffice call (a call costs seconds of start-up whatever it converts)."""
    docx_paths = [_docx_copy(path) for path in paths]
    missing = [d for d in dict.fromkeys(docx_paths) if not d.with_suffix(".pdf").exists()]
    if not missing:
        return
    # a private output folder: two runs converting at once must not take each other's files
    with tempfile.TemporaryDirectory(prefix="pdf-out-", dir=CACHE) as out:
        for made, docx_path in zip(convert_many(missing, Path(out)), missing, strict=True):
            made.replace(docx_path.with_suffix(".pdf"))


def _docx_copy(path: Path) -> Path:
    """The cached DOCX of the markdown ``path``, made when missing (named by content hash)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    CACHE.mkdir(parents=True, exist_ok=True)
    docx_path = CACHE / f"{path.stem}-{digest}.docx"
    if not docx_path.exists():
        partial = docx_path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(markdown_to_docx(data.decode("utf-8")))
        partial.replace(docx_path)  # a reader never sees a half-written copy
    return docx_path

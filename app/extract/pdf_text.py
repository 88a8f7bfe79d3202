"""PDF → TextDocument: pypdf text per page, lines joined into paragraphs, NFC, page numbers kept.

Ruled tables of three columns or more (an appendix of tasks or targets) come out as rows of
cells, ``table_cell`` blocks with their table, row and cell, like a DOCX's tables; their text
is taken out of the paragraphs so nothing is read twice (app/extract/pdf_tables.py finds them
in the same pypdf pass). A table that runs onto the next page, with the same columns and
nothing between, stays one table: a repeated header row is dropped, and a row that the page
break cut (no row number, text going on in lower case) is joined back to its first part.

When the pypdf text looks scrambled (fonts lacking Vietnamese letters: marks torn off their
vowels) and poppler's ``pdftotext`` is installed, the file is read again with
``pdftotext -layout`` and that text is used, tables as plain text; TextDocument.warnings says
which extractor read the file. Pages without a text layer (scans) are listed and warned about;
a PDF with no text at all is refused with a clear error rather than read as an empty plan.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.extract.blocks import Block, Location, TextDocument
from app.extract.guard import UnreadableDocumentError, UnsafeFileError, open_pdf
from app.extract.lines import Line, join_lines, starts_item
from app.extract.pdf_tables import (
    MAX_PDFPLUMBER_SECONDS,
    Cell,
    Item,
    PageScan,
    PageTable,
    find_tables,
    page_items,
    plumber_tables,
    scan_page,
)
from app.extract.scramble import is_scrambled, scramble_ratio
from app.messages import both
from app.vn.normalize import nfc

logger = logging.getLogger(__name__)
PDFTOTEXT_TIMEOUT_S = 60
MAX_PYPDF_SECONDS = 60  # a 20-page plan reads in about a second
_DETACHED_MARK = re.compile(r"([^\W\d_][\u0300-\u036f]*) +([\u0300-\u036f]+)")
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d+\s*-|\d+|trang\s+\d+(?:\s*/\s*\d+)?|\d+\s*/\s*\d+|page\s+\d+)$", re.I)


def read_pdf(data: bytes, source: str) -> TextDocument:
    """Read a PDF into paragraph blocks; raises UnsafeFileError / UnreadableDocumentError."""
    reader = open_pdf(data, source)
    scans = _pypdf_pages(reader, source)
    pages = [repair_marks(scan.text) for scan in scans]
    result = TextDocument(source=source, format="pdf", pages=len(pages))
    chosen = _maybe_pdftotext(data, pages, result)
    contents: list[list[Item]] = _with_tables(data, scans) if chosen is pages else [[text] for text in chosen]
    _fill(result, contents)
    if not result.blocks:
        raise UnreadableDocumentError(source, "extract_pdf_no_text")
    return result


def _pypdf_pages(reader: Any, source: str) -> list[PageScan]:
    """Each page's pypdf text, with the text pieces and rulings its tables need (one pass)."""
    pages: list[PageScan] = []
    started = time.monotonic()
    for page in reader.pages:
        if time.monotonic() - started > MAX_PYPDF_SECONDS:  # a hostile file slow on every page
            raise UnsafeFileError(source, "extract_pdf_too_slow", limit=MAX_PYPDF_SECONDS)
        try:
            pages.append(scan_page(page))
        except Exception as exc:  # pypdf raises many kinds on damaged content streams
            raise UnsafeFileError(source, "extract_pdf_corrupt", detail=type(exc).__name__) from exc
    return pages


def _with_tables(data: bytes, scans: list[PageScan]) -> list[list[Item]]:
    """Each page's text runs and ruled tables in reading order.

    Tables are read from the pypdf pass; a page whose text pieces run across cells is read
    again by pdfplumber from the same bytes, under MAX_PDFPLUMBER_SECONDS, and keeps its plain
    text if that read fails or is cut short."""
    found: dict[int, list[PageTable]] = {}
    again: dict[int, PageScan] = {}
    for index, scan in enumerate(scans):
        try:
            tables = find_tables(scan)
        except Exception as exc:  # rulings no table can be made of: the page stays plain text
            logger.info("no tables read on page %s: %s", index + 1, type(exc).__name__)
            continue
        if tables is None:
            again[index] = scan
        elif tables:
            found[index] = tables
    found.update(plumber_tables(data, again, time.monotonic() + MAX_PDFPLUMBER_SECONDS))
    return [page_items(scan, found.get(index, []), repair_marks) for index, scan in enumerate(scans)]


def repair_marks(text: str) -> str:
    """NFC, after re-attaching a combining mark that an extractor separated by a space ("Vie ̣t")."""
    return nfc(_DETACHED_MARK.sub(r"\1\2", text))


def _maybe_pdftotext(data: bytes, pages: list[str], result: TextDocument) -> list[str]:
    """The pdftotext pages when the pypdf text is scrambled and pdftotext reads it better."""
    whole = "\n".join(pages)
    ratio, words = scramble_ratio(whole)
    percent = round(ratio * 100)
    if not is_scrambled(ratio, words):
        result.warnings.append(both("extract_used_pypdf"))
        return pages
    fallback = pdftotext_pages(data)
    if fallback is not None and len(fallback) == len(pages):
        better, _ = scramble_ratio("\n".join(fallback))
        if better < ratio:
            result.warnings.append(both("extract_used_pdftotext").format(ratio=percent))
            return fallback
    result.warnings.append(both("extract_scrambled_no_fallback").format(ratio=percent))
    return pages


def pdftotext_pages(data: bytes) -> list[str] | None:
    """The text of each page by ``pdftotext -layout``; None when missing, failing or too slow."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(data)
        try:
            done = subprocess.run(
                [tool, "-layout", "-enc", "UTF-8", "-q", str(path), "-"],
                capture_output=True,
                timeout=PDFTOTEXT_TIMEOUT_S,
                check=False,
            )
        except (subprocess.TimeoutExpired, OSError):
            return None
    if done.returncode != 0:
        return None
    text = done.stdout.decode("utf-8", errors="replace")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one included, with a form feed
    return [repair_marks(page) for page in pages]


def _strip_page_numbers(entries: list[Item]) -> list[Item]:
    """Drop a first or last line that only holds the page number ("2", "- 2 -", "Trang 2/5").

    Blank lines inside the page are kept: pdftotext marks paragraph gaps with them.
    """
    kept = list(entries)
    while kept and _blank(kept[-1]):
        kept.pop()
    while kept and _blank(kept[0]):
        kept.pop(0)
    for index in (0, -1):
        if kept and isinstance(kept[index], str) and _PAGE_NUMBER.match(str(kept[index]).strip()):
            kept.pop(index)
    return kept if not all(_blank(entry) for entry in kept) else []


def _blank(entry: Item) -> bool:
    return isinstance(entry, str) and not entry.strip()


def _page_entries(items: list[Item]) -> list[Item]:
    """A page's items as single lines of text and tables."""
    return [line for item in items for line in (item.splitlines() if isinstance(item, str) else [item])]


def _running_lines(pages: list[list[Item]]) -> set[str]:
    """Header/footer lines repeated at the top or bottom of most pages ("Dự thảo", a symbol).

    Digits are blanked before comparing so "Kế hoạch 12 - trang 3" repeats across pages.
    Only judged on three pages or more, where a repeat cannot be a coincidence of two.
    """
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for entries in pages:
        edges = {
            _shape(line) for line in (entries[:1] + entries[-1:]) if isinstance(line, str) and line.strip()
        }
        for shape in edges:
            counts[shape] = counts.get(shape, 0) + 1
    return {shape for shape, count in counts.items() if count >= 0.6 * len(pages)}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


@dataclass
class _Table:
    """A table of the document as it is put together page by page."""

    number: int
    columns: tuple[float, ...]
    rows: list[tuple[int, list[Cell | None]]]  # (page, cells)
    last_page: int

    def goes_on_as(self, table: PageTable, page: int) -> bool:
        """Whether ``table``, first on ``page``, continues this one, last on the page before."""
        return (
            page == self.last_page + 1
            and len(table.columns) == len(self.columns)
            and all(abs(a - b) <= 3 for a, b in zip(table.columns, self.columns, strict=True))
        )

    def extend(self, table: PageTable, page: int) -> None:
        rows = list(table.rows)
        if rows and self.rows and _texts(rows[0]) == _texts(self.rows[0][1]):
            rows.pop(0)  # the header row repeated on each page
        if rows and self.rows and self._cut_row(rows[0]):
            last = self.rows[-1][1]
            for index, cell in enumerate(rows.pop(0)):
                if cell and index < len(last):
                    last[index] = [*(last[index] or []), *cell]
        self.rows.extend((page, row) for row in rows)
        self.last_page = page

    def _cut_row(self, row: list[Cell | None]) -> bool:
        """Whether ``row``, first on its page, is the rest of the row the page break cut: its
        text goes on in lower case, or it has no row number where the table numbers its rows
        (nearly every row has a short first cell), or the row before stopped at a bare list
        mark ("+"); never a row with its own label ("d", "1.2") or that opens a list item ("a) ...")."""
        first = next((cell[0] for cell in row if cell), "")
        if not first or starts_item(first):
            return False
        if row[0] and len(row[0]) == 1 and re.fullmatch(r"[\w.]{1,4}", row[0][0]):
            return False  # its own row label: "d", "1.2", "II"
        if first[:1].islower():
            return True
        before = self.rows[-1][1]
        if before and before[0] and before[0][-1].strip() in ("+", "-", "–", "•"):
            return True
        if row[0]:
            return False
        labels = [cells[0] for _, cells in self.rows if cells]
        return bool(labels) and sum(1 for c in labels if c and len(" ".join(c)) <= 8) >= 0.8 * len(labels)


def _texts(row: list[Cell | None]) -> list[str]:
    return [" ".join(cell or []) for cell in row]


def _fill(result: TextDocument, pages: list[list[Item]]) -> None:
    stripped = [_strip_page_numbers(_page_entries(items)) for items in pages]
    running = _running_lines(stripped)
    lines: list[Line] = []
    tables: list[tuple[int, _Table]] = []  # where each table opens in ``lines``
    last: _Table | None = None  # the table the text ends with so far
    for number, entries in enumerate(stripped, start=1):
        if entries and running:
            if isinstance(entries[0], str) and _shape(entries[0]) in running:
                entries = entries[1:]
            if entries and isinstance(entries[-1], str) and _shape(entries[-1]) in running:
                entries = entries[:-1]
        if all(_blank(entry) for entry in entries):
            result.pages_without_text.append(number)
            result.warnings.append(both("extract_scanned_page").format(page=number))
            continue
        for entry in entries:
            if isinstance(entry, str):
                lines.append(Line(entry, number))
                if entry.strip():
                    last = None
            elif last is not None and last.goes_on_as(entry, number):
                last.extend(entry, number)
            else:
                last = _Table(len(tables) + 1, entry.columns, [(number, row) for row in entry.rows], number)
                tables.append((len(lines), last))
                lines.append(Line("", number))  # a paragraph never runs across a table
    paragraphs = join_lines(lines)
    at = 0
    for index, paragraph in enumerate(paragraphs, start=1):
        while at < len(tables) and tables[at][0] < paragraph.first_line:
            _table_blocks(result, tables[at][1])
            at += 1
        location = Location(paragraph=index, page=paragraph.page)
        result.blocks.append(Block(text=paragraph.text, location=location))
    for _, table in tables[at:]:
        _table_blocks(result, table)


def _table_blocks(result: TextDocument, table: _Table) -> None:
    """A table's cells as ``table_cell`` blocks; a cell's wrapped lines joined into paragraphs."""
    for row_no, (page, row) in enumerate(table.rows, start=1):
        for cell_no, cell in enumerate(row, start=1):
            lines = cell or []
            text = (
                "\n".join(p.text for p in join_lines([Line(line) for line in lines]))
                if len(lines) > 1
                else "".join(lines)
            )
            if text:
                location = Location(page=page, table=table.number, row=row_no, cell=cell_no)
                result.blocks.append(Block(text=text, location=location, kind="table_cell"))

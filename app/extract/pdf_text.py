"""PDF → TextDocument: pypdf text per page, lines joined into paragraphs, NFC, page numbers kept.

When the pypdf text looks scrambled (fonts lacking Vietnamese letters: marks torn off their
vowels) and poppler's ``pdftotext`` is installed, the file is read again with
``pdftotext -layout`` and that text is used; TextDocument.warnings says which extractor read
the file. Pages without a text layer (scans) are listed and warned about; a PDF with no text
at all is refused with a clear error rather than read as an empty plan.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from app.extract.blocks import Block, Location, TextDocument
from app.extract.guard import UnreadableDocumentError, UnsafeFileError, open_pdf
from app.extract.lines import Line, join_lines
from app.extract.scramble import is_scrambled, scramble_ratio
from app.messages import both
from app.vn.normalize import nfc

PDFTOTEXT_TIMEOUT_S = 60
MAX_PYPDF_SECONDS = 60  # a 20-page plan reads in about a second
_DETACHED_MARK = re.compile(r"([^\W\d_][\u0300-\u036f]*) +([\u0300-\u036f]+)")
_PAGE_NUMBER = re.compile(r"^(?:-\s*\d+\s*-|\d+|trang\s+\d+(?:\s*/\s*\d+)?|\d+\s*/\s*\d+|page\s+\d+)$", re.I)


def read_pdf(data: bytes, source: str) -> TextDocument:
    """Read a PDF into paragraph blocks; raises UnsafeFileError / UnreadableDocumentError."""
    reader = open_pdf(data, source)
    pages = _pypdf_pages(reader, source)
    result = TextDocument(source=source, format="pdf", pages=len(pages))
    pages = _maybe_pdftotext(data, pages, result)
    _fill(result, pages)
    if not result.blocks:
        raise UnreadableDocumentError(source, "extract_pdf_no_text")
    return result


def _pypdf_pages(reader: Any, source: str) -> list[str]:
    pages: list[str] = []
    started = time.monotonic()
    for page in reader.pages:
        if time.monotonic() - started > MAX_PYPDF_SECONDS:  # a hostile file slow on every page
            raise UnsafeFileError(source, "extract_pdf_too_slow", limit=MAX_PYPDF_SECONDS)
        try:
            pages.append(repair_marks(page.extract_text() or ""))
        except Exception as exc:  # pypdf raises many kinds on damaged content streams
            raise UnsafeFileError(source, "extract_pdf_corrupt", detail=type(exc).__name__) from exc
    return pages


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


def _strip_page_numbers(lines: list[str]) -> list[str]:
    """Drop a first or last line that only holds the page number ("2", "- 2 -", "Trang 2/5").

    Blank lines inside the page are kept: pdftotext marks paragraph gaps with them.
    """
    kept = list(lines)
    while kept and not kept[-1].strip():
        kept.pop()
    while kept and not kept[0].strip():
        kept.pop(0)
    for index in (0, -1):
        if kept and _PAGE_NUMBER.match(kept[index].strip()):
            kept.pop(index)
    return kept if any(line.strip() for line in kept) else []


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Header/footer lines repeated at the top or bottom of most pages ("Dự thảo", a symbol).

    Digits are blanked before comparing so "Kế hoạch 12 - trang 3" repeats across pages.
    Only judged on three pages or more, where a repeat cannot be a coincidence of two.
    """
    if len(pages) < 3:
        return set()
    counts: dict[str, int] = {}
    for lines in pages:
        edges = {_shape(line) for line in (lines[:1] + lines[-1:]) if line.strip()}
        for shape in edges:
            counts[shape] = counts.get(shape, 0) + 1
    return {shape for shape, count in counts.items() if count >= 0.6 * len(pages)}


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _fill(result: TextDocument, pages: list[str]) -> None:
    stripped = [_strip_page_numbers(text.splitlines()) for text in pages]
    running = _running_lines(stripped)
    lines: list[Line] = []
    for number, page_lines in enumerate(stripped, start=1):
        if page_lines and running:
            if _shape(page_lines[0]) in running:
                page_lines = page_lines[1:]
            if page_lines and _shape(page_lines[-1]) in running:
                page_lines = page_lines[:-1]
        if not any(line.strip() for line in page_lines):
            result.pages_without_text.append(number)
            result.warnings.append(both("extract_scanned_page").format(page=number))
            continue
        lines.extend(Line(line, number) for line in page_lines)
    for index, paragraph in enumerate(join_lines(lines), start=1):
        location = Location(paragraph=index, page=paragraph.page)
        result.blocks.append(Block(text=paragraph.text, location=location))

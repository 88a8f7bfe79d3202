"""Seconds to read and review a 20-page plan, from its DOCX and from its PDF.

The 20-page child is the commune sample (samples/family_xa_a_2026.yaml) with its parts repeated
until LibreOffice lays it out on at least 20 pages; it is rendered to DOCX (and PDF), then
``review_files(child, parent)`` reads it back (reader + plan parser) and reviews it against the
province plan (samples/family_tinh_2026.yaml). Each figure is the median of 3 runs.

Run: ``.venv/bin/python -m tests.bench bench_review`` (or ``make bench``).
"""

from __future__ import annotations

import copy
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.render.pdf import convert_many, pdf_available
from app.services.documents import read_plan
from app.services.review import review_files

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples"
PAGES = 20
RUNS = 3


def big_plan(copies: int) -> Plan:
    """The commune sample with its parts repeated ``copies`` times (target ids kept unique)."""
    plan = load_plan(SAMPLES / "family_xa_a_2026.yaml")
    base = plan.sections
    plan.sections = []
    for n in range(copies):
        for section in copy.deepcopy(base):
            for part in section.walk():
                for target in part.targets:
                    target.id = f"{target.id}-{n}"
                for task in part.tasks:
                    task.id = f"{task.id}-{n}"
            plan.sections.append(section)
    return plan


def pages_of(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def build(folder: Path) -> tuple[Path, Path | None, int | None]:
    """A child DOCX of at least PAGES pages (and its PDF when LibreOffice is there)."""
    copies = 6
    while True:
        docx = folder / "ke_hoach_20_trang.docx"
        docx.write_bytes(render_docx(big_plan(copies)))
        if not pdf_available():
            return docx, None, None
        (pdf,) = convert_many([docx], folder)
        pages = pages_of(pdf)
        if pages >= PAGES or copies > 60:
            return docx, pdf, pages
        copies = max(copies + 1, int(copies * PAGES / max(pages, 1)) + 1)


def timed(child: Path, parent: Path) -> tuple[float, int]:
    times: list[float] = []
    mandates = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        review = review_files(child, parent)
        times.append(time.perf_counter() - start)
        mandates = len(review.results)
    return statistics.median(times), mandates


def main() -> None:
    parent = SAMPLES / "family_tinh_2026.yaml"
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        docx, pdf, pages = build(Path(tmp))
        child = read_plan(docx)
        print(
            f"child: {docx.stat().st_size // 1024} KB DOCX (repeated text compresses well), "
            f"{pages if pages else '?'} pages, {len(child.targets())} targets, "
            f"{len(child.assignments())} agencies read back"
        )
        seconds, mandates = timed(docx, parent)
        print(f"read + review DOCX: {seconds:.2f} s (median of {RUNS}, {mandates} mandates)")
        if pdf is not None:
            seconds, mandates = timed(pdf, parent)
            print(f"read + review PDF:  {seconds:.2f} s (median of {RUNS}, {mandates} mandates)")
        else:
            print("PDF: LibreOffice not installed, skipped")


if __name__ == "__main__":
    main()

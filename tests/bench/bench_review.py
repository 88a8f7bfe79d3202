"""Seconds for ``kehoach review CHILD --parent PARENT`` on a 20-page DOCX and a 20-page PDF child.

Issue 9's target: a review of a 20-page DOCX or PDF takes under 1 s. The child is real text: the
commune plan of Định Quán written for the province plan 179/KH-UBND (tests/data/real/dev/),
with the paragraphs of the province's own sections III and IV (tasks, digital economy) copied
into its section III, as officers copy their province's task list, until LibreOffice lays the
DOCX (tests/eval/office_copies.py: paragraphs, real Word tables) out on at least 20 pages;
``pdfinfo`` counts the pages of LibreOffice's PDF of it. The parent is the real 179/KH-UBND (78
pages as a PDF) given as text. The child is built once and cached under .cache/bench-review/.

Measured on the command a user runs, reading both files included:
- in process: ``kehoach review`` through click's CliRunner, median of RUNS runs after one
  warm-up run (imports, caches), with the read and review steps timed apart;
- end to end: the installed ``kehoach`` entry point as a subprocess, median of SUBPROCESS_RUNS;
  ``kehoach --version`` alone shows what Python start-up and the CLI import cost of it.

Run: ``.venv/bin/python -m tests.bench bench_review`` (or ``make bench``). Prints figures and
PASS/FAIL against the target; it is a benchmark, never a test.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from app.cli import main as cli
from app.domain.plan import Plan
from app.render.pdf import convert_many, pdf_available
from app.services.documents import read_plan
from app.services.review import format_linter, review_plans
from tests.eval import office_copies
from tests.eval.office_copies import markdown_to_docx

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
BASE_CHILD = REAL / "dev" / "179-xa-dinh-quan.md"
PARENT = REAL / "parents" / "179-kh-ubnd.md"
CACHE = ROOT / ".cache" / "bench-review"
PAGES = 20
TARGET_SECONDS = 1.0
RUNS = 5
SUBPROCESS_RUNS = 3

ROMAN_HEADING = re.compile(r"^\*\*[IVX]+\.")


def copied_paragraphs() -> list[str]:
    """The paragraphs of the parent's sections III and IV, without their roman headings."""
    text = PARENT.read_text(encoding="utf-8")
    start = text.index("**III. NHIỆM VỤ TRỌNG TÂM**")
    end = text.index("**V. GIẢI PHÁP**")
    paragraphs = [p.strip("\n") for p in text[start:end].split("\n\n") if p.strip()]
    return [p for p in paragraphs if not ROMAN_HEADING.match(p)]


def child_text(paragraphs: list[str]) -> str:
    """The commune plan with ``paragraphs`` added at the end of its section III."""
    text = BASE_CHILD.read_text(encoding="utf-8")
    cut = text.index("\n**IV. ")
    return text[:cut].rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + text[cut:].lstrip("\n")


def page_count(pdf: Path) -> int:
    """Pages of ``pdf`` as poppler's pdfinfo counts them (pypdf without poppler)."""
    if shutil.which("pdfinfo") is None:
        return len(PdfReader(pdf).pages)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    if match is None:
        raise RuntimeError(f"pdfinfo gave no page count for {pdf}")
    return int(match.group(1))


def render(paragraphs: list[str], folder: Path) -> tuple[Path, Path, int]:
    """The child's DOCX and PDF in ``folder`` and the PDF's page count."""
    docx = folder / "ke-hoach-xa-20-trang.docx"
    docx.write_bytes(markdown_to_docx(child_text(paragraphs)))
    (pdf,) = convert_many([docx], folder)
    return docx, pdf, page_count(pdf)


def build() -> tuple[Path, Path, dict[str, int]]:
    """The cached 20-page child (DOCX, PDF, facts), made when its sources changed.

    The number of copied paragraphs is estimated from the characters per page of a first
    layout, then grown until LibreOffice gives at least PAGES pages."""
    pool = copied_paragraphs()
    sources = (BASE_CHILD, PARENT, Path(office_copies.__file__))
    key = hashlib.sha256(b"".join(p.read_bytes() for p in sources) + bytes([PAGES])).hexdigest()[:16]
    folder = CACHE / key
    docx, pdf, facts = (
        folder / "ke-hoach-xa-20-trang.docx",
        folder / "ke-hoach-xa-20-trang.pdf",
        folder / "facts.json",
    )
    if docx.is_file() and pdf.is_file() and facts.is_file():
        return docx, pdf, json.loads(facts.read_text(encoding="utf-8"))
    CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="build-", dir=CACHE) as tmp:
        work = Path(tmp)
        _, _, all_pages = render(pool, work)
        if all_pages < PAGES:
            raise RuntimeError(f"sections III-IV of {PARENT.name} give only {all_pages} pages")
        per_page = len(child_text(pool)) / all_pages
        base = len(child_text([]))
        count = next(
            (n for n in range(len(pool) + 1) if base + sum(len(p) + 2 for p in pool[:n]) >= per_page * PAGES),
            len(pool),
        )
        while True:
            made_docx, made_pdf, pages = render(pool[:count], work)
            if pages >= PAGES or count >= len(pool):
                break
            count = min(len(pool), count + max(1, len(pool) // 20))
        folder.mkdir(parents=True, exist_ok=True)
        made_docx.replace(docx)
        made_pdf.replace(pdf)
    info = {"pages": pages, "paragraphs": count, "characters": len(child_text(pool[:count]))}
    facts.write_text(json.dumps(info), encoding="utf-8")
    return docx, pdf, info


def median_seconds(run: Callable[[], object], runs: int) -> float:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cli_review(child: Path) -> None:
    """``kehoach review CHILD --parent PARENT`` in this process; exit 0 or 1 is a review."""
    result = CliRunner().invoke(cli, ["review", str(child), "--parent", str(PARENT)])
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"kehoach review {child.name} exited {result.exit_code}: {result.output[-500:]}")
    json.loads(result.stdout)


def subprocess_review(kehoach: Path, child: Path) -> None:
    done = subprocess.run(
        [str(kehoach), "review", str(child), "--parent", str(PARENT)], capture_output=True, check=False
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{kehoach} review {child.name} exited {done.returncode}: {done.stderr[-500:]!r}")


def verdict(seconds: float) -> str:
    return "PASS" if seconds < TARGET_SECONDS else "FAIL"


def measure(label: str, child: Path, parent: Plan, pages: int, kehoach: Path | None) -> list[str]:
    """Print the figures of one child; return the verdict lines of the summary."""
    docx = child.read_bytes() if label == "DOCX" else None
    first = median_seconds(lambda: cli_review(child), 1)  # a fresh process's caches are cold
    warm = median_seconds(lambda: cli_review(child), RUNS)
    plan = read_plan(child)
    read_child = median_seconds(lambda: read_plan(child), RUNS)
    read_parent = median_seconds(lambda: read_plan(PARENT), RUNS)
    results = len(review_plans(parent, plan, docx).results)
    judge = median_seconds(lambda: review_plans(parent, plan, docx), RUNS)
    linter = " with the DOCX format linter" if docx is not None else ""
    print(
        f"\n{label} child, {child.stat().st_size // 1024} KB, {pages} pages: {len(plan.targets())} targets "
        f"and {len(plan.tasks())} tasks read, {results} mandates reviewed"
    )
    print(f"  in process  (CliRunner, median of {RUNS}):   {warm:6.3f} s  {verdict(warm)}")
    print(f"    first run in the process:           {first:6.3f} s")
    print(f"    read child:                         {read_child:6.3f} s")
    print(f"    read parent:                        {read_parent:6.3f} s")
    print(f"    review{linter + ':':30}{judge:6.3f} s")
    lint = format_linter()
    if docx is not None and lint is not None:
        print(f"      of which the format linter:       {median_seconds(lambda: lint(docx), RUNS):6.3f} s")
    lines = [f"{label} in process {warm:.3f} s {verdict(warm)}"]
    if kehoach is None:
        print("  end to end: the kehoach entry point is not installed, skipped")
        return lines
    whole = median_seconds(lambda: subprocess_review(kehoach, child), SUBPROCESS_RUNS)
    print(
        f"  end to end  ({kehoach.name} subprocess, median of {SUBPROCESS_RUNS}): {whole:6.3f} s  {verdict(whole)}"
    )
    return [*lines, f"{label} end to end {whole:.3f} s {verdict(whole)}"]


def main() -> None:
    if not pdf_available():
        print("LibreOffice (soffice) not installed: the 20-page child cannot be laid out, skipped")
        return
    docx, pdf, facts = build()
    parent = read_plan(PARENT)
    print(
        f"child: {BASE_CHILD.name} + {facts['paragraphs']} paragraphs of {PARENT.name} sections III-IV, "
        f"{facts['characters']:,} characters, {facts['pages']} pages (pdfinfo of LibreOffice's PDF)"
    )
    print(
        f"parent: {PARENT.relative_to(ROOT)} as text, {len(parent.targets())} targets, "
        f"{len(parent.tasks())} tasks"
    )
    print(f"command: kehoach review CHILD --parent {PARENT.relative_to(ROOT)}")
    installed = Path(sys.executable).parent / "kehoach"
    kehoach = installed if installed.is_file() else None
    if kehoach is not None:
        startup = median_seconds(
            lambda: subprocess.run([str(kehoach), "--version"], capture_output=True, check=True),
            SUBPROCESS_RUNS,
        )
        print(
            f"Python start-up + CLI import (kehoach --version, median of {SUBPROCESS_RUNS}): {startup:.3f} s"
        )
    summary = [*measure("DOCX", docx, parent, facts["pages"], kehoach)]
    summary += measure("PDF", pdf, parent, facts["pages"], kehoach)
    print(f"\ntarget (issue 9): a review of a {PAGES}-page DOCX or PDF in under {TARGET_SECONDS:.0f} s")
    for line in summary:
        print(f"  {line}")


if __name__ == "__main__":
    main()

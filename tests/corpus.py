"""The real corpus of tests/data/corpus/ (see its README): the 30 documents, their DOCX and PDF
copies as a user would upload them, and the guards the corpus tests share.

Each document is one file in the repository: in tests/data/corpus/, or, for the 17 that are
parents of the labelled real set, in tests/data/real/parents/. The DOCX and PDF copies are made
by tests/eval/office_copies.py (real Word tables; the PDF by LibreOffice, every missing PDF in one
call) and written under their own name, ``.cache/corpus-copies/<via>/<stem>.<ext>``, so the
readers see the file a user would give them. Each copy is read into a plan once per session
(``read_copy``), under the hang guard, and shared by the read and the review tests.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest

from app.domain.plan import Plan
from app.services.documents import read_plan
from tests.conftest import DATA, ROOT, need_tool
from tests.eval.office_copies import office_copy, prepare_pdf_copies

CORPUS = DATA / "corpus"
PARENTS = DATA / "real" / "parents"
INDEX: list[dict[str, object]] = json.loads((CORPUS / "index.json").read_text(encoding="utf-8"))
NAMES = sorted(str(entry["file"]) for entry in INDEX)
VIAS = ("text", "docx", "pdf")
COPIES = ROOT / ".cache" / "corpus-copies"
EXTENSIONS = {"docx": ".docx", "pdf": ".pdf"}

# seconds for one document's read: the slowest (a 78-page PDF) takes about 2 s
READ_BOUND = 30

# A letter only Vietnamese uses (a tone mark or đ): a message without one is not Vietnamese.
VIETNAMESE = re.compile(r"[đàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def sources(name: str) -> list[Path]:
    """Every copy of the corpus document ``name`` kept in the repository (one, when in order)."""
    return [folder / name for folder in (CORPUS, PARENTS) if (folder / name).is_file()]


def source(name: str) -> Path:
    """The markdown text of the corpus document ``name``."""
    (path,) = sources(name)
    return path


def partner(name: str) -> str:
    """The fixed other document ``name`` is paired with: the next in sorted order."""
    return NAMES[(NAMES.index(name) + 1) % len(NAMES)]


def via_params() -> list[object]:
    """(name, via) for every document and format; the PDF ones are marked ``libreoffice``."""
    return [
        pytest.param(name, via, id=f"{name}-{via}", marks=[pytest.mark.libreoffice] if via == "pdf" else [])
        for name in NAMES
        for via in VIAS
    ]


def copy_of(name: str, via: str) -> Path:
    """The file of ``name`` read ``via`` text (the markdown itself), docx or pdf."""
    if via == "text":
        return source(name)
    if via == "pdf":
        need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
        _all_pdfs_made()
    data, _ = office_copy(source(name), via)
    path = COPIES / via / f"{Path(name).stem}{EXTENSIONS[via]}"
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
    return path


def read_copy(name: str, via: str) -> Plan:
    """The plan ``read_plan`` (the reader of ``kehoach review`` and ``kehoach extract``) reads
    from the copy of ``name``, read once per session; a copy of it, so no test sees another's
    changes."""
    return copy.deepcopy(_read_once(copy_of(name, via)))


@functools.cache
def _read_once(path: Path) -> Plan:
    with hang_guard(READ_BOUND, f"read {path.name}"):
        return read_plan(path)


@functools.cache
def _all_pdfs_made() -> None:
    """Every corpus PDF, made once per session in one LibreOffice call (cached across runs)."""
    prepare_pdf_copies([source(name) for name in NAMES])


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` swallows it."""


@contextmanager
def hang_guard(seconds: int, what: str) -> Iterator[None]:
    """Fail the test when the block runs longer than ``seconds`` (a hang guard, not a timing
    test: the bound is many times what the block takes)."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Hang:
        pytest.fail(f"{what}: not finished after {seconds} s (hang?)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_vietnamese_error(error: BaseException, what: str) -> None:
    """``error`` is a message for a user: non-empty and in Vietnamese."""
    message = str(error).strip()
    assert message, f"{what}: {type(error).__name__} without a message"
    assert VIETNAMESE.search(message), f"{what}: {type(error).__name__} not in Vietnamese: {message}"

"""DOCX → PDF through LibreOffice headless, many files per process start.

Starting ``soffice`` costs about a second, converting one more file in the same call a tenth
of that, so conversion is always batched: :func:`convert_many` hands a whole list to one
``soffice --convert-to pdf`` call. Each calling thread gets its own LibreOffice user profile
(``-env:UserInstallation``): two soffice processes sharing a profile block or fail, and a
private profile kept for the life of the process also saves the profile set-up on every call.

Times New Roman is not free; LibreOffice substitutes Liberation Serif from Debian's
``fonts-liberation2`` (the older ``fonts-liberation`` lacks ố, ậ, ự and the PDF text comes back
scrambled), which is why the install hint names that package.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from app.domain.errors import KehoachError
from app.messages import both

DEFAULT_TIMEOUT = 120.0
# Per-file allowance added to the base timeout of a batch call.
PER_FILE_TIMEOUT = 10.0
INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-liberation2"

_profiles: dict[tuple[int, int], Path] = {}
_profiles_lock = threading.Lock()


class PdfError(KehoachError):
    """A conversion that could not be done; the message is Vietnamese / English."""


class LibreOfficeMissingError(PdfError):
    """LibreOffice is not installed: PDF output is unavailable, everything else works."""

    def __init__(self) -> None:
        super().__init__(f"{both('soffice_missing')}: {INSTALL_HINT}")


def soffice_path() -> str | None:
    """The LibreOffice executable: $KEHOACH_SOFFICE, else ``soffice`` or ``libreoffice`` on PATH."""
    configured = os.environ.get("KEHOACH_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def _profile_dir() -> Path:
    """This thread's private LibreOffice profile, created once and removed at exit."""
    key = (os.getpid(), threading.get_ident())
    with _profiles_lock:
        path = _profiles.get(key)
        if path is None:
            path = Path(tempfile.mkdtemp(prefix="kehoach-lo-"))
            _profiles[key] = path
            atexit.register(shutil.rmtree, path, True)
        return path


def _forget_profile() -> None:
    key = (os.getpid(), threading.get_ident())
    with _profiles_lock:
        path = _profiles.pop(key, None)
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def _run_soffice(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run soffice in its own process group so a timeout kills oosplash and soffice.bin."""
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        _forget_profile()  # a killed soffice may leave its profile locked or half-written
        raise PdfError(f"{both('pdf_timeout')} ({timeout:.0f} s)") from None
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


def convert_many(docx_paths: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
    """Convert DOCX files to PDF in ``out_dir`` with ONE soffice call; return the PDFs in order.

    ``timeout`` bounds the whole call (default: 120 s plus 10 s per file). Raises
    :class:`LibreOfficeMissingError` without LibreOffice and :class:`PdfError` when the call
    times out or any expected PDF is missing or empty (naming the files).
    """
    if not docx_paths:
        return []
    exe = soffice_path()
    if exe is None:
        raise LibreOfficeMissingError()
    sources = [Path(p).resolve() for p in docx_paths]
    stems = [p.stem for p in sources]
    clashes = sorted({s for s in stems if stems.count(s) > 1})
    if clashes:
        raise PdfError(f"{both('pdf_name_clash')}: {', '.join(clashes)}")
    missing_inputs = [str(p) for p in sources if not p.is_file()]
    if missing_inputs:
        raise PdfError(f"{both('file_not_found')}: {', '.join(missing_inputs)}")
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    expected = [out / f"{p.stem}.pdf" for p in sources]
    for pdf in expected:  # a stale PDF must not pass for a fresh one
        pdf.unlink(missing_ok=True)
    if timeout is None:
        timeout = DEFAULT_TIMEOUT + PER_FILE_TIMEOUT * len(sources)
    args = [
        exe,
        f"-env:UserInstallation={_profile_dir().as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(out),
        *map(str, sources),
    ]
    result = _run_soffice(args, timeout)
    failed = [src.name for src, pdf in zip(sources, expected, strict=True) if not _nonempty(pdf)]
    if failed:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise PdfError(f"{both('pdf_failed')}: {', '.join(failed)} {detail[0]}".strip())
    return expected


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def docx_to_pdf(data: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """One document's PDF bytes (for a web download); converts in a private temp folder."""
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        (pdf,) = convert_many([source], Path(tmp) / "out", timeout=timeout)
        return pdf.read_bytes()

"""One entry point for every document: check the bytes, then hand them to the right reader.

The reader is chosen by what the bytes are (sniffed) after checking they match the file's
extension, so a PDF renamed .docx is refused with a clear message, not misread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.extract.blocks import TextDocument
from app.extract.docx_text import read_docx
from app.extract.guard import MAX_UPLOAD_BYTES, MB, UnsafeFileError, check_upload_shallow
from app.extract.pdf_text import read_pdf
from app.extract.txt_text import read_txt

READERS: dict[str, Callable[[bytes, str], TextDocument]] = {
    "docx": read_docx,
    "pdf": read_pdf,
    "txt": read_txt,
}


def read_document(data: bytes, filename: str) -> TextDocument:
    """Read an uploaded or local DOCX/PDF/TXT into blocks; raises UnsafeFileError (a KehoachError).

    ``filename`` names the file in messages and its extension must agree with the content.
    The deep checks (zip bomb, XML entities, PDF limits) run inside each reader.
    """
    kind = check_upload_shallow(data, filename)
    return READERS[kind](data, filename)


def read_document_file(path: str | Path) -> TextDocument:
    """Read a document from disk, refusing an oversized file before reading it into memory."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnsafeFileError(source, "file_unreadable")
        if size > MAX_UPLOAD_BYTES:
            raise UnsafeFileError(
                source,
                "extract_upload_too_large",
                size_mb=f"{size / MB:.1f}",
                limit_mb=MAX_UPLOAD_BYTES // MB,
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_UPLOAD_BYTES + 1)  # the file may grow between stat and read
    except FileNotFoundError as exc:
        raise UnsafeFileError(source, "file_not_found") from exc
    except OSError as exc:
        raise UnsafeFileError(source, "file_unreadable") from exc
    kind = check_upload_shallow(data, path.name)
    return READERS[kind](data, source)

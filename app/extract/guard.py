"""The hostile-input guard: refuse unsafe or broken files before any parser touches them.

Uploaded DOCX/PDF/TXT files come from outside; a zip bomb, an XML entity bomb or a PDF with a
huge page tree must end in a clear Vietnamese + English message (exit 2 / HTTP 4xx), never in a
traceback, a hang or a memory blow-up. Every limit is a module constant so callers and the
report can name it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import Any

from app.extract.errors import UnreadableDocumentError, UnsafeFileError
from app.extract.xml_check import XmlChecker, check_xml
from app.vn.normalize import nfc

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MB  # an administrative plan is a few hundred KB; 20 MB leaves room for images
MAX_DOCX_PARTS = 2_000
MAX_UNCOMPRESSED_BYTES = 100 * MB  # sum over every part, declared and actually inflated
MAX_COMPRESSION_RATIO = 100  # XML deflates ~10-20:1; a run of zeros ~1000:1
RATIO_CHECK_MIN_BYTES = 1 * MB  # tiny parts may have silly ratios harmlessly
MAX_PDF_PAGES = 500
_CHUNK = 64 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and legacy .doc use OLE
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ARCHIVE_SUFFIXES = {".zip", ".docx", ".xlsx", ".pptx", ".docm", ".xlsm", ".jar", ".gz", ".7z", ".rar"}
# Word stores embedded workbooks/charts as archives here; they are counted but never opened.
_EMBEDDINGS_DIR = "word/embeddings/"
_XML_SUFFIXES = {".xml", ".rels", ".vml"}
SUPPORTED_EXTENSIONS = {".docx", ".pdf", ".txt", ".md"}

__all__ = [
    "UnreadableDocumentError",
    "UnsafeFileError",
    "check_docx",
    "check_pdf",
    "check_upload",
    "check_xml",
]


def _mb(size: int) -> str:
    return f"{size / MB:.1f}"


# --- DOCX ---------------------------------------------------------------------------------


def check_docx(data: bytes, source: str = "") -> None:
    """Raise UnsafeFileError unless ``data`` is a DOCX zip that is safe to hand to python-docx.

    Checks the central directory (part count, declared sizes, ratios, encryption, nesting,
    names) and then inflates every part with a running budget, because headers can lie, and
    parse-checks every XML part with defusedxml (DOCTYPE and entities refused outright).

    The same bytes are checked once per process: a review reads the child's DOCX and then
    lints its format from the same upload, and the second check would find nothing new.
    """
    digest = hashlib.sha256(data).digest()
    if digest in _PASSED_DOCX:
        return
    _check_docx(data, source)
    _PASSED_DOCX[digest] = None
    while len(_PASSED_DOCX) > _PASSED_KEEP:
        _PASSED_DOCX.pop(next(iter(_PASSED_DOCX), b""), None)


_PASSED_KEEP = 64  # digests of DOCX bytes that passed, oldest dropped first
_PASSED_DOCX: dict[bytes, None] = {}


def check_xlsx(data: bytes, source: str = "") -> None:
    """Like :func:`check_docx` for an Excel workbook (an uploaded report form): the same zip
    and XML checks, with the workbook part as the package's main part."""
    _check_docx(data, source, main_part="xl/workbook.xml")


def _check_docx(data: bytes, source: str, main_part: str = "word/document.xml") -> None:
    if data[:8] == _OLE_MAGIC:
        raise UnsafeFileError(source, "extract_office_encrypted")
    if data[:4] not in _ZIP_MAGICS:
        raise UnsafeFileError(source, "extract_not_zip")
    declared = _declared_entry_count(data)
    if declared is not None and declared > MAX_DOCX_PARTS:  # before zipfile reads the whole directory
        raise UnsafeFileError(source, "extract_too_many_parts", count=declared, limit=MAX_DOCX_PARTS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        detail = f"zip: {exc or type(exc).__name__}"
        raise UnsafeFileError(source, "extract_corrupt_zip", detail=detail) from exc
    with archive:
        infos = archive.infolist()
        _check_directory(infos, source, main_part)
        _inflate_all(archive, infos, source)


def _declared_entry_count(data: bytes) -> int | None:
    """The entry count in the end-of-central-directory record, if it can be found."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return None
    return int.from_bytes(data[end + 10 : end + 12], "little")


def _check_directory(infos: list[zipfile.ZipInfo], source: str, main_part: str = "word/document.xml") -> None:
    """The checks the central directory alone allows (cheap, before any inflating)."""
    if len(infos) > MAX_DOCX_PARTS:
        raise UnsafeFileError(source, "extract_too_many_parts", count=len(infos), limit=MAX_DOCX_PARTS)
    names = {info.filename for info in infos}
    if main_part not in names:
        raise UnsafeFileError(
            source,
            "extract_no_document_xml" if main_part.startswith("word/") else "extract_corrupt_zip",
            detail=main_part,
        )
    declared = 0
    for info in infos:
        name = info.filename
        if name.startswith("/") or "\\" in name or ".." in PurePosixPath(name).parts:
            raise UnsafeFileError(source, "extract_bad_part_name", part=name)
        if info.flag_bits & 0x1:
            raise UnsafeFileError(source, "extract_encrypted_entry", part=name)
        suffix = PurePosixPath(name).suffix.lower()
        if suffix in _ARCHIVE_SUFFIXES and not name.startswith(_EMBEDDINGS_DIR):
            raise UnsafeFileError(source, "extract_nested_archive", part=name)
        declared += info.file_size
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise UnsafeFileError(
                source, "extract_too_big_uncompressed", limit_mb=MAX_UNCOMPRESSED_BYTES // MB
            )
        _check_ratio(name, info.file_size, info.compress_size, source)


def _check_ratio(name: str, size: int, compressed: int, source: str) -> None:
    if size >= RATIO_CHECK_MIN_BYTES and size > MAX_COMPRESSION_RATIO * max(compressed, 1):
        ratio = size // max(compressed, 1)
        raise UnsafeFileError(source, "extract_compression_ratio", part=name, ratio=ratio)


def _inflate_all(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], source: str) -> None:
    """Inflate every part under a global byte budget; XML parts are parse-checked as they stream."""
    budget = MAX_UNCOMPRESSED_BYTES
    for info in infos:
        if info.is_dir():
            continue
        checker = XmlChecker(info.filename, source) if _is_xml(info.filename) else None
        produced = 0
        try:
            with archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    produced += len(chunk)
                    budget -= len(chunk)
                    if budget < 0:
                        limit_mb = MAX_UNCOMPRESSED_BYTES // MB
                        raise UnsafeFileError(source, "extract_too_big_uncompressed", limit_mb=limit_mb)
                    if produced > info.file_size:
                        raise UnsafeFileError(source, "extract_size_lie", part=info.filename)
                    if checker:
                        checker.feed(chunk)
        except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError) as exc:
            detail = f"{info.filename}: {exc or type(exc).__name__}"
            raise UnsafeFileError(source, "extract_corrupt_zip", detail=detail) from exc
        _check_ratio(info.filename, produced, info.compress_size, source)
        if checker and produced:  # an empty part has nothing to check
            checker.close()


def _is_xml(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in _XML_SUFFIXES


# --- PDF ----------------------------------------------------------------------------------


def open_pdf(data: bytes, source: str = "") -> Any:
    """A pypdf PdfReader over ``data`` after the PDF checks; raises UnsafeFileError otherwise.

    Encrypted PDFs with an empty user password (owner-password "protection", common on
    official PDFs) are decrypted and accepted; any other encryption is refused.
    """
    from pypdf import PdfReader  # local: keeps the guard importable cheaply for DOCX-only callers
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    if b"%PDF-" not in data[:1024]:
        raise UnsafeFileError(source, "extract_not_pdf")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files log noise, not our errors
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsafeFileError(source, "extract_pdf_encrypted")
        count = len(reader.pages)
    except UnsafeFileError:
        raise
    except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
        raise UnsafeFileError(source, "extract_pdf_encrypted") from exc
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, AssertionError, ZeroDivisionError) as exc:  # fmt: skip
        raise UnsafeFileError(source, "extract_pdf_corrupt", detail=str(exc) or type(exc).__name__) from exc
    if count > MAX_PDF_PAGES:
        raise UnsafeFileError(source, "extract_pdf_too_many_pages", count=count, limit=MAX_PDF_PAGES)
    return reader


def check_pdf(data: bytes, source: str = "") -> None:
    """Raise UnsafeFileError unless ``data`` is a readable, unencrypted PDF within the page limit."""
    open_pdf(data, source)


# --- uploads ------------------------------------------------------------------------------


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the name says: pdf | zip | ole | text | binary | empty."""
    if not data:
        return "empty"
    head = data[:1024]
    # PDF readers accept junk before the header; a text that merely mentions "%PDF-" is text
    if head.lstrip().startswith(b"%PDF-") or (b"%PDF-" in head and not looks_like_text(head)):
        return "pdf"
    if data[:4] in _ZIP_MAGICS:
        return "zip"
    if data[:8] == _OLE_MAGIC:
        return "ole"
    return "text" if looks_like_text(data) else "binary"


def looks_like_text(data: bytes) -> bool:
    """True for UTF-16 with a BOM, or NUL-free data with few control characters.

    Undecodable bytes do not make a file binary: a legacy-encoded Vietnamese text (TCVN3,
    Windows-1258) is text in the wrong encoding, and gets that message instead.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or utf16_without_bom(data):
        return True
    sample = data[: 64 * 1024]
    if b"\x00" in sample:
        return False
    text = sample.decode("utf-8", errors="ignore")
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\x1a")
    return control <= max(2, len(text) // 1000)


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 text saved without a BOM, else None.

    Some exporters write UTF-16 bare. Its tell is the NUL high byte of every ASCII character
    (letters, digits, spaces, line ends: most of a Vietnamese text too), all on one side of
    each byte pair; binary data has NULs scattered on both sides.
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even = sum(1 for b in sample[0 : pairs * 2 : 2] if b == 0) / pairs
    odd = sum(1 for b in sample[1 : pairs * 2 : 2] if b == 0) / pairs
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.3 and others < 0.05:  # a few NULs: a combining mark (U+03xx) written NFD
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
            return encoding if control <= max(2, len(text) // 1000) else None
    return None


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_text(data: bytes, source: str) -> str:
    """The text of ``data``, NFC with "\\n" line ends; raises UnsafeFileError if not text.

    UTF-8 (BOM optional) or UTF-16 (BOM optional); legacy Vietnamese encodings are refused by name.
    """
    bom = next((name for mark, name in _BOMS if data.startswith(mark)), None)
    encoding = bom or utf16_without_bom(data) or "utf-8"
    if not looks_like_text(data):
        raise UnsafeFileError(source, "extract_txt_binary")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnsafeFileError(source, "extract_txt_encoding") from exc
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise UnsafeFileError(source, "extract_txt_binary")
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


_KIND_NAMES = {
    "pdf": "PDF",
    "zip": "zip/DOCX",
    "ole": "Office (OLE)",
    "text": "văn bản/text",
    "binary": "nhị phân/binary",
}
_EXPECTED_KIND = {".docx": "zip", ".pdf": "pdf", ".txt": "text", ".md": "text"}


def check_upload_shallow(data: bytes, filename: str) -> str:
    """Size, emptiness, extension and type sniffing only; returns docx | pdf | txt."""
    source = filename
    if not data:
        raise UnsafeFileError(source, "extract_empty")
    if len(data) > MAX_UPLOAD_BYTES:
        raise UnsafeFileError(
            source, "extract_upload_too_large", size_mb=_mb(len(data)), limit_mb=MAX_UPLOAD_BYTES // MB
        )
    ext = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if ext not in SUPPORTED_EXTENSIONS:
        raise UnsafeFileError(source, "extract_unsupported_ext", ext=ext or "(không có/none)")
    actual = sniff(data)
    if ext == ".docx" and actual == "ole":
        raise UnsafeFileError(source, "extract_office_encrypted")
    if ext in (".txt", ".md") and actual == "binary":
        raise UnsafeFileError(source, "extract_txt_binary")
    if actual != _EXPECTED_KIND[ext]:
        raise UnsafeFileError(source, "extract_type_mismatch", ext=ext, actual=_KIND_NAMES[actual])
    return "txt" if ext == ".md" else ext[1:]


def check_upload(data: bytes, filename: str) -> str:
    """Every check for an uploaded file: size (20 MB), empty, type sniffing, then the deep checks.

    Returns the kind read from the bytes: "docx", "pdf" or "txt". Raises UnsafeFileError.
    """
    kind = check_upload_shallow(data, filename)
    if kind == "docx":
        check_docx(data, filename)
    elif kind == "pdf":
        check_pdf(data, filename)
    else:
        decode_text(data, filename)
    return kind

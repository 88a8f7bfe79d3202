"""Plan -> DOCX through the docxtpl template in templates/docx/.

The template stays an ordinary docxtpl template (offices edit it in Word), but rendering does
not go through ``DocxTemplate.render`` + ``save``: that path re-reads the package, re-patches
and recompiles the jinja source and re-serialises every part through python-docx on each call,
8-9 times slower than necessary. :class:`PreparedTemplate` does docxtpl's preparation once
(``patch_xml`` on the body, the same jinja environment), deflates the other parts once, and per
document only renders and deflates the body and packs the ZIP headers (the bytes zipfile would
write, without its per-entry cost: about 1.1 ms a document before, 0.14 ms now). Its output has the same text as plain docxtpl's (a
test compares the two text views).
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError
from lxml import etree

from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.messages import both
from app.render.appendix_layout import layout_appendix_tables
from app.render.context import build_context
from app.render.skeleton import Skeletons

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "docx" / "ke_hoach.docx"
DOCUMENT_PART = "word/document.xml"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LISTING_CHARS = ("\n", "\t", "\a", "\f")
# level 1: about a third faster than the default 6, for a few % larger files
DEFLATE_LEVEL = 1
_PARAGRAPH_BREAK = re.compile(r"\n<w:p([ >])")
_DOS_TIME = _ZIP_TIME[3] << 11 | _ZIP_TIME[4] << 5 | _ZIP_TIME[5] // 2
_DOS_DATE = (_ZIP_TIME[0] - 1980) << 9 | _ZIP_TIME[1] << 5 | _ZIP_TIME[2]
_LOCAL = struct.Struct(zipfile.structFileHeader)  # type: ignore[attr-defined]
_CENTRAL = struct.Struct(zipfile.structCentralDir)  # type: ignore[attr-defined]
_END = struct.Struct(zipfile.structEndArchive)  # type: ignore[attr-defined]
_VERSION = 20  # zipfile's DEFAULT_VERSION: what it writes for deflated entries
_SYSTEM = 0 if zipfile.ZipInfo().create_system == 0 else 3
_FILE_ATTR = 0o600 << 16  # what zipfile gives an entry written without attributes


def deflate(data: bytes) -> bytes:
    """``data`` deflated as zipfile deflates an entry at :data:`DEFLATE_LEVEL`."""
    packer = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


class _Entry:
    """One deflated ZIP entry: its local header and data, and what the central directory says."""

    __slots__ = ("crc", "flags", "local", "name", "packed", "size")

    def __init__(self, name: str, data: bytes, packed: bytes | None = None) -> None:
        self.name = name.encode("ascii") if name.isascii() else name.encode("utf-8")
        self.flags = 0 if name.isascii() else 0x800
        self.crc = zlib.crc32(data)
        self.size = len(data)
        self.packed = deflate(data) if packed is None else packed
        header = _LOCAL.pack(
            zipfile.stringFileHeader,  # type: ignore[attr-defined]
            _VERSION,
            0,
            self.flags,
            zipfile.ZIP_DEFLATED,
            _DOS_TIME,
            _DOS_DATE,
            self.crc,
            len(self.packed),
            self.size,
            len(self.name),
            0,
        )
        self.local = header + self.name + self.packed

    def central(self, offset: int) -> bytes:
        return (
            _CENTRAL.pack(
                zipfile.stringCentralDir,  # type: ignore[attr-defined]
                _VERSION,
                _SYSTEM,
                _VERSION,
                0,
                self.flags,
                zipfile.ZIP_DEFLATED,
                _DOS_TIME,
                _DOS_DATE,
                self.crc,
                len(self.packed),
                self.size,
                len(self.name),
                0,
                0,
                0,
                0,
                _FILE_ATTR,
                offset,
            )
            + self.name
        )


class _Package:
    """The template's other parts deflated once; per document only the body is deflated and the
    headers are packed. The bytes are those ``zipfile`` writes for the same parts (a test
    compares them), so the package opens wherever a zipfile-written one does."""

    def __init__(self, parts: list[tuple[str, bytes]], document: str) -> None:
        names = [name for name, _ in parts]
        at = names.index(document)
        self.document = document
        self.before = [_Entry(n, d) for n, d in parts[:at]]
        self.after = [_Entry(n, d) for n, d in parts[at + 1 :]]
        self.head = b"".join(e.local for e in self.before)
        self.tail = b"".join(e.local for e in self.after)
        offset, self.central_before = 0, b""
        for entry in self.before:
            self.central_before += entry.central(offset)
            offset += len(entry.local)
        self.count = len(parts)

    def build(self, document: bytes) -> bytes:
        body = _Entry(self.document, document)
        offset = len(self.head)
        central = [self.central_before, body.central(offset)]
        offset += len(body.local)
        for entry in self.after:
            central.append(entry.central(offset))
            offset += len(entry.local)
        directory = b"".join(central)
        end = _END.pack(
            zipfile.stringEndArchive,  # type: ignore[attr-defined]
            0,
            0,
            self.count,
            self.count,
            len(directory),
            offset,
            0,
        )
        return b"".join((self.head, body.local, self.tail, directory, end))


def _unescape(xml: str) -> str:
    """docxtpl's first post-processing of a rendered body: paragraphs back on one line, its
    escapes of jinja delimiters undone."""
    xml = _PARAGRAPH_BREAK.sub(r"<w:p\1", xml)
    return xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")


class RenderError(KehoachError):
    """The template is missing or broken, or the plan cannot be rendered with it."""


class PreparedTemplate:
    """A docxtpl template prepared once: compiled jinja body plus the untouched parts."""

    def __init__(self, path: Path) -> None:
        try:
            with zipfile.ZipFile(path) as package:
                self.parts = [(info.filename, package.read(info)) for info in package.infolist()]
            self._docxtpl = DocxTemplate(str(path))
            self._docxtpl.init_docx()
            body = self._docxtpl.get_xml()  # <w:body> as docxtpl serialises it
        except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise RenderError(f"{path}: {both('template_invalid')} ({exc})") from exc
        document = dict(self.parts)[DOCUMENT_PART]
        start, end = document.find(b"<w:body"), document.rfind(b"</w:body>")
        if start < 0 or end < 0:
            raise RenderError(f"{path}: {both('template_invalid')} (w:body)")
        self._head, self._tail = document[:start], document[end + len(b"</w:body>") :]
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._docxtpl.patch_xml(body))
        self.environment = Environment(autoescape=True)  # what DocxTemplate.render(autoescape=True) uses
        try:
            self._body = self.environment.from_string(source)
        except TemplateError as exc:
            raise RenderError(f"{path}: {both('template_invalid')} ({exc})") from exc
        self._fix_tables = "{%tc" in body or "{% tc" in body
        self.path = path
        self._package = _Package(self.parts, DOCUMENT_PART)
        self._skeletons = Skeletons.for_source(self.environment, source, _unescape, self.render_body_slow)

    def render_body(self, context: dict[str, Any]) -> str:
        """The rendered <w:body> element, post-processed exactly as docxtpl does: through the
        skeleton of the context's shape when it applies (see :mod:`app.render.skeleton`)."""
        if not (self._fix_tables and context.get("appendices")):
            fast = self._skeletons.render(context)
            if fast is not None:
                return fast
        return self.render_body_slow(context)

    def render_body_slow(self, context: dict[str, Any]) -> str:
        """:meth:`render_body` through jinja, every time."""
        try:
            xml = self._body.render(context)
        except TemplateError as exc:
            raise RenderError(f"{self.path}: {both('render_failed')} ({exc})") from exc
        xml = _unescape(xml)
        if any(char in xml for char in _LISTING_CHARS):  # otherwise resolve_listing is a no-op
            xml = self._docxtpl.resolve_listing(xml)
        if self._fix_tables and context.get("appendices"):  # variable column counts ({%tc)
            body = self._docxtpl.fix_tables(xml)
            layout_appendix_tables(body, context["appendices"])
            xml = etree.tostring(body, encoding="unicode")
        return str(xml)

    def document_xml(self, context: dict[str, Any]) -> bytes:
        return self._head + self.render_body(context).encode("utf-8") + self._tail

    def write(self, stream: IO[bytes], context: dict[str, Any]) -> None:
        """Write one DOCX package to ``stream`` (which need not be seekable)."""
        stream.write(self.render_bytes(context))

    def package(self, document: bytes) -> bytes:
        """The DOCX with ``document`` as its word/document.xml: the other parts were deflated
        once, when the template was prepared."""
        return self._package.build(document)

    def render_bytes(self, context: dict[str, Any]) -> bytes:
        """One DOCX as bytes."""
        return self.package(self.document_xml(context))

    def render_into(self, archive: zipfile.ZipFile, arcname: str, context: dict[str, Any]) -> None:
        """Stream one DOCX into an open output ZIP as the entry ``arcname`` (stored: a DOCX is
        already compressed). Nothing per document is kept afterwards."""
        info = zipfile.ZipInfo(arcname, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED
        with archive.open(info, "w") as entry:
            self.write(entry, context)


@functools.lru_cache(maxsize=8)
def _prepared(path: str, mtime_ns: int, size: int) -> PreparedTemplate:
    return PreparedTemplate(Path(path))


def prepare(template: Path | None = None) -> PreparedTemplate:
    """The prepared template for ``template`` (default: ke_hoach.docx), cached per path and
    invalidated when the file changes."""
    path = Path(template or DEFAULT_TEMPLATE).resolve()
    try:
        stat = path.stat()
    except OSError as exc:
        raise RenderError(f"{path}: {both('template_not_found')}") from exc
    return _prepared(str(path), stat.st_mtime_ns, stat.st_size)


def render_docx(plan: Plan, template: Path | None = None) -> bytes:
    """The plan as an ND30-formatted DOCX (bytes)."""
    return prepare(template).render_bytes(build_context(plan))


def render_docx_docxtpl(plan: Plan, template: Path | None = None) -> bytes:
    """The same document through plain ``DocxTemplate.render`` + ``save`` (the reference path,
    used to check the fast path and in the benchmark)."""
    document = DocxTemplate(str(template or DEFAULT_TEMPLATE))
    context = build_context(plan)
    document.render(context, autoescape=True)
    layout_appendix_tables(document.docx.element.body, context["appendices"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Plan -> DOCX through the docxtpl template in templates/docx/.

The template stays an ordinary docxtpl template (offices edit it in Word), but rendering does
not go through ``DocxTemplate.render`` + ``save``: that path re-reads the package, re-patches
and recompiles the jinja source and re-serialises every part through python-docx on each call,
8-9 times slower than necessary. :class:`PreparedTemplate` does docxtpl's preparation once
(``patch_xml`` on the body, the same jinja environment), keeps the other parts' bytes, and per
document only renders the body and zips. Its output has the same text as plain docxtpl's (a
test compares the two text views).
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
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

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "docx" / "ke_hoach.docx"
DOCUMENT_PART = "word/document.xml"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_LISTING_CHARS = ("\n", "\t", "\a", "\f")


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

    def render_body(self, context: dict[str, Any]) -> str:
        """The rendered <w:body> element, post-processed exactly as docxtpl does."""
        try:
            xml = self._body.render(context)
        except TemplateError as exc:
            raise RenderError(f"{self.path}: {both('render_failed')} ({exc})") from exc
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
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
        document = self.document_xml(context)
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self.parts:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                # level 1: about a third faster than the default 6, for a few % larger files
                package.writestr(info, document if name == DOCUMENT_PART else data, compresslevel=1)

    def render_bytes(self, context: dict[str, Any]) -> bytes:
        """One DOCX as bytes."""
        buffer = io.BytesIO()
        self.write(buffer, context)
        return buffer.getvalue()

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

"""The DOCX package writer: the template's static parts deflated once, the same bytes as zipfile."""

from __future__ import annotations

import io
import zipfile

import docx

from app.render.context import build_context
from app.render.docx import _ZIP_TIME, DEFLATE_LEVEL, DOCUMENT_PART, _Package, prepare
from tests.render.conftest import sample_plan


def _zipfile_package(parts: list[tuple[str, bytes]], document: bytes, name: str = DOCUMENT_PART) -> bytes:
    """The package as zipfile writes it (what PreparedTemplate.write did before)."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        for part, data in parts:
            info = zipfile.ZipInfo(part, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, document if part == name else data, compresslevel=DEFLATE_LEVEL)
    return stream.getvalue()


def test_the_package_is_byte_for_byte_what_zipfile_writes(sample: str) -> None:
    template = prepare()
    document = template.document_xml(build_context(sample_plan(sample)))
    data = template.package(document)
    assert data == _zipfile_package(template.parts, document)
    assert template.package(document) == data  # the same bytes every time
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert package.read(DOCUMENT_PART) == document
        assert [i.filename for i in package.infolist()] == [n for n, _ in template.parts]
    assert docx.Document(io.BytesIO(data)).paragraphs


def test_non_ascii_part_names_and_an_empty_body_are_written_as_zipfile_does() -> None:
    parts = [("[Content_Types].xml", b"<Types/>"), ("word/tài liệu.xml", b""), ("z/empty", b"")]
    package = _Package(parts, "word/tài liệu.xml")
    for document in (b"", b"<w:document>" + "Trị An".encode() * 500 + b"</w:document>"):
        data = package.build(document)
        assert data == _zipfile_package(parts, document, "word/tài liệu.xml")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.read("word/tài liệu.xml") == document

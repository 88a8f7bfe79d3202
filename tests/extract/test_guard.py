"""Hostile and broken input: one test per case, each asserting the refusal and its message."""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, StreamObject

from app.domain.errors import KehoachError
from app.extract import guard
from app.extract.guard import UnsafeFileError, check_docx, check_pdf, check_upload, check_xml
from app.extract.pdf_text import read_pdf
from tests.extract.documents import (
    DOC_XML,
    docx_with_document_xml,
    pdf_bytes,
    plain_docx,
    write_zero_bomb,
    zip_bytes,
)


def refused(call, *args: object) -> UnsafeFileError:  # type: ignore[no-untyped-def]
    with pytest.raises(UnsafeFileError) as info:
        call(*args)
    assert isinstance(info.value, KehoachError)  # the CLI and the web turn these into exit 2 / 4xx
    return info.value


def test_a_real_docx_passes() -> None:
    assert check_upload(plain_docx("Kế hoạch"), "ke-hoach.docx") == "docx"


# --- not what the extension says -------------------------------------------------------------


def test_docx_that_is_a_pdf() -> None:
    pdf = pdf_bytes(_blank_pages(1))
    error = refused(check_upload, pdf, "du-thao.docx")
    assert error.key == "extract_type_mismatch"
    assert str(error).startswith("du-thao.docx: Nội dung tệp không khớp phần mở rộng .docx: nội dung là PDF")
    assert "The content does not match the .docx extension: it is PDF" in str(error)


def test_pdf_that_is_a_zip() -> None:
    error = refused(check_upload, plain_docx("x"), "ke-hoach.pdf")
    assert error.key == "extract_type_mismatch"
    assert "nội dung là zip/DOCX" in str(error)


def test_binary_txt() -> None:
    error = refused(check_upload, bytes(range(256)) * 40, "ghi-chu.txt")
    assert error.key == "extract_txt_binary"
    assert str(error) == (
        "ghi-chu.txt: Tệp .txt chứa dữ liệu nhị phân, không phải văn bản / The .txt file holds binary data, not text"
    )


def test_unsupported_extension() -> None:
    error = refused(check_upload, b"hello", "ke-hoach.odt")
    assert error.key == "extract_unsupported_ext"
    assert "'.odt'" in str(error)


def test_password_protected_office_file() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    error = refused(check_upload, ole, "mat-khau.docx")
    assert error.key == "extract_office_encrypted"


# --- size -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["rong.docx", "rong.pdf", "rong.txt"])
def test_empty_file(name: str) -> None:
    error = refused(check_upload, b"", name)
    assert error.key == "extract_empty"
    assert str(error) == f"{name}: Tệp rỗng (0 byte) / The file is empty (0 bytes)"


def test_50_mb_upload_is_refused_by_size_before_parsing() -> None:
    data = b"%PDF-1.7\n" + bytes(50 * 1024 * 1024)  # would be a corrupt PDF if it were parsed
    started = time.perf_counter()
    error = refused(check_upload, data, "lon.pdf")
    assert error.key == "extract_upload_too_large"
    assert "(50.0 MB, tối đa 20 MB)" in str(error)
    assert time.perf_counter() - started < 3.0


# --- DOCX -------------------------------------------------------------------------------------


def test_truncated_docx() -> None:
    data = plain_docx("Kế hoạch số 12/KH-UBND")
    error = refused(check_docx, data[: len(data) // 2], "cut.docx")
    assert error.key == "extract_corrupt_zip"
    assert str(error).startswith("cut.docx: Tệp DOCX bị hỏng hoặc bị cắt cụt")


def test_docx_with_a_corrupted_part() -> None:
    data = bytearray(zip_bytes({"word/document.xml": DOC_XML.format(text="Kế hoạch " * 200).encode()}))
    data[60:80] = b"\xff" * 20  # inside the deflated data: the part no longer inflates or its CRC fails
    error = refused(check_docx, bytes(data), "hong.docx")
    assert error.key == "extract_corrupt_zip"
    assert "word/document.xml" in str(error)


def test_not_a_zip_at_all() -> None:
    error = refused(check_docx, b"just some text", "x.docx")
    assert error.key == "extract_not_zip"


def test_docx_without_document_xml() -> None:
    error = refused(check_docx, zip_bytes({"word/other.xml": b"<a/>"}), "thieu.docx")
    assert error.key == "extract_no_document_xml"
    assert "word/document.xml" in str(error)


def test_docx_zip_bomb_of_one_gigabyte(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    size = write_zero_bomb(path, gigabytes=1)
    assert size < 2 * 1024 * 1024  # 1 GB of zeros in about a megabyte
    assert zipfile.ZipFile(path).infolist()[0].file_size == 1 << 30
    started = time.perf_counter()
    error = refused(check_docx, path.read_bytes(), "bomb.docx")
    assert error.key == "extract_too_big_uncompressed"
    assert "bom nén" in str(error)
    assert "zip bomb" in str(error)
    assert time.perf_counter() - started < 3.0  # refused from the directory, nothing inflated


def test_zip_bomb_under_the_total_limit_is_caught_by_ratio() -> None:
    data = zip_bytes(
        {"word/document.xml": DOC_XML.format(text="x").encode(), "word/media/a.bin": bytes(50 << 20)}
    )
    error = refused(check_docx, data, "ratio.docx")
    assert error.key == "extract_compression_ratio"
    assert "word/media/a.bin" in str(error)


def test_lying_size_header_does_not_inflate_beyond_the_declared_size() -> None:
    real = zip_bytes({"word/document.xml": DOC_XML.format(text="a" * 200_000).encode()})
    info = zipfile.ZipFile(io.BytesIO(real)).infolist()[0]
    forged = bytearray(real)
    directory = forged.rfind(b"PK\x01\x02")
    forged[directory + 24 : directory + 28] = (1000).to_bytes(4, "little")  # declared size: 1 KB
    assert info.file_size > 200_000
    error = refused(check_docx, bytes(forged), "lie.docx")
    assert error.key in ("extract_corrupt_zip", "extract_size_lie")


def test_too_many_parts() -> None:
    parts = {"word/document.xml": DOC_XML.format(text="x").encode()}
    parts.update({f"customXml/item{i}.bin": b"" for i in range(guard.MAX_DOCX_PARTS + 1)})
    error = refused(check_docx, zip_bytes(parts, zipfile.ZIP_STORED), "nhieu.docx")
    assert error.key == "extract_too_many_parts"
    assert f"({guard.MAX_DOCX_PARTS + 2}, tối đa 2000)" in str(error)


def test_nested_archive() -> None:
    parts = {"word/document.xml": DOC_XML.format(text="x").encode(), "word/inner.zip": zip_bytes({"a": b"b"})}
    error = refused(check_docx, zip_bytes(parts), "long.docx")
    assert error.key == "extract_nested_archive"
    assert "word/inner.zip" in str(error)


def test_embedded_workbook_is_allowed() -> None:
    parts = {"word/document.xml": DOC_XML.format(text="x").encode(), "word/embeddings/Sheet1.xlsx": b"PK.."}
    check_docx(zip_bytes(parts), "bieu-do.docx")


def test_encrypted_entry() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", DOC_XML.format(text="x"))
    data = bytearray(out.getvalue())
    directory = data.rfind(b"PK\x01\x02")
    data[directory + 8] |= 0x1  # general purpose flag bit 0: the entry is encrypted
    error = refused(check_docx, bytes(data), "ma-hoa.docx")
    assert error.key == "extract_encrypted_entry"


def test_part_name_with_parent_directory() -> None:
    parts = {"word/document.xml": DOC_XML.format(text="x").encode(), "../../evil.xml": b"<a/>"}
    error = refused(check_docx, zip_bytes(parts), "ten.docx")
    assert error.key == "extract_bad_part_name"


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def test_billion_laughs_is_refused() -> None:
    started = time.perf_counter()
    error = refused(check_docx, docx_with_document_xml(BILLION_LAUGHS), "lol.docx")
    assert error.key == "extract_xml_entities"
    assert str(error) == (
        "lol.docx: Phần word/document.xml chứa khai báo DOCTYPE/thực thể XML, bị từ chối vì lý do an toàn"
        " / Part word/document.xml declares a DOCTYPE/XML entities, refused for safety"
    )
    assert time.perf_counter() - started < 3.0


def test_external_entity_is_never_resolved() -> None:
    error = refused(check_docx, docx_with_document_xml(EXTERNAL_ENTITY), "xxe.docx")
    assert error.key == "extract_xml_entities"
    assert "root:" not in str(error)


def test_doctype_in_any_xml_part() -> None:
    error = refused(
        check_xml, b'<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><x/>', "word/styles.xml", "s.docx"
    )
    assert error.key == "extract_xml_entities"


def test_malformed_xml_part() -> None:
    error = refused(check_docx, docx_with_document_xml("<w:document><unclosed>"), "xml.docx")
    assert error.key == "extract_bad_xml"
    assert "word/document.xml" in str(error)


# --- PDF --------------------------------------------------------------------------------------


def _blank_pages(count: int) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(595, 842)
    return writer


def test_encrypted_pdf() -> None:
    writer = _blank_pages(1)
    writer.encrypt(user_password="bi-mat", owner_password="bi-mat", algorithm="RC4-128")
    error = refused(check_pdf, pdf_bytes(writer), "mat-khau.pdf")
    assert error.key == "extract_pdf_encrypted"
    assert str(error) == (
        "mat-khau.pdf: Tệp PDF được đặt mật khẩu (mã hóa); hãy gỡ mật khẩu rồi gửi lại"
        " / The PDF is encrypted (password protected); remove the password and send it again"
    )


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_with_only_an_owner_password_is_read(algorithm: str) -> None:
    writer = _blank_pages(1)
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm=algorithm)
    check_pdf(pdf_bytes(writer), "han-che.pdf")


def test_aes_encrypted_pdf_with_a_user_password() -> None:
    writer = _blank_pages(1)
    writer.encrypt(user_password="bi-mat", owner_password="bi-mat", algorithm="AES-256")
    error = refused(check_pdf, pdf_bytes(writer), "aes.pdf")
    assert error.key == "extract_pdf_encrypted"


def test_pdf_with_thousands_of_pages() -> None:
    data = pdf_bytes(_blank_pages(3000))
    started = time.perf_counter()
    error = refused(check_pdf, data, "dai.pdf")
    assert error.key == "extract_pdf_too_many_pages"
    assert "(3000, tối đa 500)" in str(error)
    assert time.perf_counter() - started < 15.0


def test_pdf_with_a_huge_compressed_content_stream_is_not_inflated() -> None:
    writer = _blank_pages(1)
    stream = StreamObject()
    stream._data = zlib.compress(b"BT ET\n" + bytes(100 << 20), 1)  # 100 MB of content in ~100 KB
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    started = time.perf_counter()
    with pytest.raises(UnsafeFileError) as info:
        read_pdf(pdf_bytes(writer), "bom.pdf")
    assert str(info.value).startswith("bom.pdf: ")
    assert time.perf_counter() - started < 5.0


def test_not_a_pdf() -> None:
    error = refused(check_pdf, b"PK\x03\x04 not a pdf", "x.pdf")
    assert error.key == "extract_not_pdf"


def test_truncated_pdf() -> None:
    data = pdf_bytes(_blank_pages(2))
    error = refused(check_pdf, data[:40], "cut.pdf")
    assert error.key == "extract_pdf_corrupt"
    assert str(error).startswith("cut.pdf: Tệp PDF bị hỏng, không đọc được")


def test_upload_of_legacy_encoded_txt_names_the_encoding() -> None:
    error = refused(check_upload, "Kê\u0301 hoa\u0323ch".encode("cp1258"), "cu.txt")
    assert error.key == "extract_txt_encoding"


def test_text_that_mentions_the_pdf_header_is_still_text() -> None:
    assert check_upload("Tệp PDF bắt đầu bằng %PDF-1.7 như mọi tệp PDF.\n".encode(), "ghi-chu.txt") == "txt"


def test_the_same_docx_bytes_are_checked_once_and_a_bad_file_every_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    real = guard._check_docx

    def counting(data: bytes, source: str) -> None:
        calls.append(len(data))
        real(data, source)

    monkeypatch.setattr(guard, "_check_docx", counting)
    good = _minimal_docx_for_cache()
    guard.check_docx(good, "a.docx")
    guard.check_docx(good, "a.docx")
    assert len(calls) == 1
    for _ in range(2):
        with pytest.raises(UnsafeFileError):
            guard.check_docx(b"PK\x03\x04broken", "b.docx")
    assert len(calls) == 3


def _minimal_docx_for_cache() -> bytes:
    from app.planfile.load import load_plan
    from app.render.docx import render_docx

    return render_docx(load_plan(Path(__file__).parents[2] / "samples" / "family_xa_a_2026.yaml"))

"""Dispatch by sniffed type, and refusal of oversized files before they are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extract.guard import UnsafeFileError
from app.extract.read import read_document, read_document_file
from tests.extract.documents import plain_docx, text_and_scan_pdf, write_zero_bomb


def test_each_format_is_dispatched(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(plain_docx("Kế hoạch số 12"))
    (tmp_path / "a.pdf").write_bytes(text_and_scan_pdf(["Ke hoach so 12"]))
    (tmp_path / "a.txt").write_bytes("Kế hoạch số 12\n".encode())
    for name, kind in (("a.docx", "docx"), ("a.pdf", "pdf"), ("a.txt", "txt")):
        document = read_document_file(tmp_path / name)
        assert document.format == kind
        assert document.blocks[0].text.lower().startswith(("kế hoạch", "ke hoach"))
        assert document.source == str(tmp_path / name)


def test_upload_name_is_used_in_messages() -> None:
    with pytest.raises(UnsafeFileError) as info:
        read_document(plain_docx("x"), "tai-len.pdf")
    assert str(info.value).startswith("tai-len.pdf: ")


def test_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "lon.docx"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: nothing is written, nothing need be read
    with pytest.raises(UnsafeFileError) as info:
        read_document_file(path)
    assert info.value.key == "extract_upload_too_large"
    assert "(50.0 MB, tối đa 20 MB)" in str(info.value)
    assert "(50.0 MB, limit 20 MB)" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnsafeFileError) as info:
        read_document_file(tmp_path / "khong-co.pdf")
    assert "Không tìm thấy tệp / File not found" in str(info.value)


def test_zip_bomb_through_the_dispatcher(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    write_zero_bomb(path)
    with pytest.raises(UnsafeFileError) as info:
        read_document_file(path)
    assert info.value.key == "extract_too_big_uncompressed"

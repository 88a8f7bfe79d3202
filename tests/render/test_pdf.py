"""PDF conversion through LibreOffice: batched, with correct Vietnamese text."""

from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import Pt

from app.render import pdf as pdf_module
from app.render.pdf import LibreOfficeMissingError, PdfError, convert_many, docx_to_pdf, soffice_path
from tests.conftest import need_tool

# Letters that fonts-liberation (v1) lacks: with it the PDF text reads back scrambled.
VIETNAMESE = "Ủy ban nhân dân xã Tân Phú: cai nghiện ma túy cho ít nhất 1.100 lượt người, tố giác, tập huấn, sự phối hợp"


def _docx(path: Path, text: str) -> Path:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.libreoffice
def test_many_documents_convert_in_one_call_with_correct_diacritics(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    sources = [_docx(tmp_path / f"xa-{i}.docx", f"{VIETNAMESE} số {i}") for i in range(3)]
    pdfs = convert_many(sources, tmp_path / "pdf")
    assert [p.name for p in pdfs] == ["xa-0.pdf", "xa-1.pdf", "xa-2.pdf"]
    for i, pdf in enumerate(pdfs):
        text = _pdf_text(pdf.read_bytes())
        assert VIETNAMESE in text
        assert f"số {i}" in text


@pytest.mark.libreoffice
def test_single_document_bytes_round_trip(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    data = _docx(tmp_path / "one.docx", VIETNAMESE).read_bytes()
    pdf = docx_to_pdf(data)
    assert pdf.startswith(b"%PDF")
    assert VIETNAMESE in _pdf_text(pdf)


@pytest.mark.libreoffice
def test_a_file_libreoffice_cannot_read_is_named(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    good = _docx(tmp_path / "good.docx", VIETNAMESE)
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(PdfError, match=r"bad\.docx"):
        convert_many([good, bad], tmp_path / "out")


@pytest.mark.libreoffice
def test_timeout_kills_the_conversion(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    source = _docx(tmp_path / "slow.docx", VIETNAMESE)
    started = time.monotonic()
    with pytest.raises(PdfError, match="PDF"):
        convert_many([source], tmp_path / "out", timeout=0.05)
    assert time.monotonic() - started < 10


def test_same_file_names_are_refused_before_starting(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _docx(tmp_path / "a" / "x.docx", "a")
    second = _docx(tmp_path / "b" / "x.docx", "b")
    need_tool("soffice", "libreoffice-writer-nogui")
    with pytest.raises(PdfError, match="x"):
        convert_many([first, second], tmp_path / "out")


def test_without_libreoffice_the_message_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_SOFFICE", str(tmp_path / "no-such-soffice"))
    assert soffice_path() is None
    assert not pdf_module.pdf_available()
    source = _docx(tmp_path / "x.docx", VIETNAMESE)
    with pytest.raises(LibreOfficeMissingError) as info:
        convert_many([source], tmp_path / "out")
    message = str(info.value)
    assert "libreoffice-writer-nogui fonts-liberation2" in message
    assert "LibreOffice" in message
    assert not (tmp_path / "out").exists()


def test_empty_list_needs_no_libreoffice(tmp_path: Path) -> None:
    assert convert_many([], tmp_path) == []

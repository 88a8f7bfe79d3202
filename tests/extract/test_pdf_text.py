"""PDF reading: paragraphs rejoined, page numbers, scans reported, scrambled text re-read."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest
from pypdf import PdfReader

from app.extract.blocks import TextDocument
from app.extract.guard import UnreadableDocumentError
from app.extract.pdf_text import _maybe_pdftotext, pdftotext_pages, read_pdf, repair_marks
from app.extract.scramble import looks_scrambled, scramble_ratio
from tests.conftest import IN_CI, need_tool
from tests.extract.documents import (
    plain_docx,
    rectangle_only_pdf,
    scrambled_pdf,
    text_and_scan_pdf,
    text_pages_pdf,
)

PARAGRAPHS = [
    "KẾ HOẠCH",
    "Thực hiện công tác phòng, chống mại dâm, cai nghiện ma túy và hỗ trợ nạn nhân bị mua bán"
    " trở về trên địa bàn tỉnh năm 2025",
    "I. MỤC TIÊU",
    "1. Mục tiêu chung",
    "Từ năm 2021 đến nay, các cấp, các ngành và mọi tầng lớp nhân dân trên địa bàn tỉnh luôn quan tâm,"
    " trách nhiệm trong công tác phòng, chống mại dâm, cai nghiện ma túy và hỗ trợ nạn nhân bị mua bán"
    " trở về; xử lý nghiêm đối với các hành vi vi phạm pháp luật về phòng, chống ma túy, mại dâm, mua bán"
    " người và lạm dụng tình dục phụ nữ, trẻ em.",
    "2. Mục tiêu cụ thể",
    "a) Phấn đấu 100% số người xác định là nạn nhân bị mua bán đều được tiếp nhận, xác minh, bảo vệ và"
    " hỗ trợ kịp thời theo quy định; giảm ít nhất 10% số tụ điểm phức tạp về tệ nạn xã hội so với năm"
    " 2024.",
    "b) Tỷ lệ người nghiện được điều trị, cai nghiện đạt trên 80%; đến năm 2030 các tỷ lệ này lần lượt"
    " là 85%, 30% và 80%.",
]


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    folder = tmp_path_factory.mktemp("lo")
    source = folder / "ke-hoach.docx"
    source.write_bytes(plain_docx(*PARAGRAPHS))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # a private profile: runs in parallel
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    return (folder / "ke-hoach.pdf").read_bytes()


@pytest.mark.libreoffice
def test_libreoffice_pdf_reads_back_with_diacritics_and_joined_paragraphs(libreoffice_pdf: bytes) -> None:
    document = read_pdf(libreoffice_pdf, "ke-hoach.pdf")
    assert document.format == "pdf"
    assert [block.text for block in document.blocks] == PARAGRAPHS
    assert all(unicodedata.is_normalized("NFC", block.text) for block in document.blocks)
    assert {block.location.page for block in document.blocks} == {1}
    assert document.pages_without_text == []


@pytest.mark.libreoffice
def test_scrambled_pypdf_text_falls_back_to_pdftotext(libreoffice_pdf: bytes) -> None:
    need_tool("pdftotext", "poppler-utils")
    scrambled = [_scramble("\n".join(PARAGRAPHS))]
    assert looks_scrambled(scrambled[0])
    result = TextDocument(source="x.pdf", format="pdf")
    pages = _maybe_pdftotext(libreoffice_pdf, scrambled, result)
    assert "Phấn đấu 100% số người xác định" in pages[0]
    assert any("pdftotext" in warning for warning in result.warnings)


@pytest.mark.libreoffice
def test_pdftotext_pages_one_per_page(libreoffice_pdf: bytes) -> None:
    need_tool("pdftotext", "poppler-utils")
    pages = pdftotext_pages(libreoffice_pdf)
    assert pages is not None
    assert len(pages) == 1
    assert "Tỷ lệ người nghiện được điều trị" in pages[0]


def test_good_text_keeps_pypdf_and_says_so() -> None:
    document = read_pdf(text_and_scan_pdf(["Ke hoach so 12"]), "a.pdf")
    assert document.warnings[0] == "Đã đọc lớp chữ bằng pypdf / Text layer read with pypdf"


def test_page_without_text_layer_is_reported() -> None:
    lines = ["I. MUC TIEU", "1. Giam ty le ho ngheo xuong duoi 1,5%.", "2"]
    document = read_pdf(text_and_scan_pdf(lines), "quet.pdf")
    assert document.pages == 2
    assert document.pages_without_text == [2]
    assert "trang 2: bản quét, không có lớp chữ / page 2: scanned, no text layer" in document.warnings
    assert [b.text for b in document.blocks] == ["I. MUC TIEU", "1. Giam ty le ho ngheo xuong duoi 1,5%."]
    assert document.blocks[0].location.page == 1  # the bare page number "2" was dropped


def test_pdf_without_any_text_is_an_error_not_an_empty_plan() -> None:
    with pytest.raises(UnreadableDocumentError) as info:
        read_pdf(rectangle_only_pdf(), "scan.pdf")
    assert str(info.value) == (
        "scan.pdf: Tệp PDF không có lớp chữ ở trang nào (bản quét); cần nhận dạng chữ (OCR) trước"
        " / The PDF has no text layer on any page (scanned); it needs OCR first"
    )


def _scramble(text: str) -> str:
    """What pypdf returns for fonts lacking Vietnamese letters: marks torn off to the line end."""
    out = []
    for line in text.splitlines():
        decomposed = unicodedata.normalize("NFD", line)
        marks = "".join(ch for ch in decomposed if unicodedata.combining(ch))
        out.append("".join(ch for ch in decomposed if not unicodedata.combining(ch)) + " " + marks)
    return "\n".join(out)


SCRAMBLED_LINES = [
    "Giảm tỷ lệ hộ nghèo bình quân mỗi năm từ 1,5% trở lên;",
    "đến năm 2025 tỷ lệ trẻ em được tiêm chủng đạt trên 95%.",
    "Phấn đấu 100% số người nghiện được điều trị, cai nghiện.",
    "Đẩy mạnh các hoạt động tuyên truyền, phổ biến chính sách.",
    "Tăng cường sự lãnh đạo của các cấp ủy đảng và chính quyền.",
]


def test_a_pdf_with_marks_drawn_apart_is_detected_as_scrambled() -> None:
    data = scrambled_pdf(SCRAMBLED_LINES)
    raw = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert raw.startswith("Giam ty lê hô ngheo")  # pypdf: marks torn off to the line's end
    assert looks_scrambled(raw)
    document = read_pdf(data, "vo-dau.pdf")
    warning = document.warnings[0]
    if IN_CI:  # poppler-utils is installed there: the re-read is tested, not skipped
        need_tool("pdftotext", "poppler-utils")
    if shutil.which("pdftotext"):
        assert "đã đọc lại bằng pdftotext" in warning
        assert scramble_ratio(document.text)[0] < scramble_ratio(raw)[0]
    else:
        assert "không đọc lại được bằng pdftotext" in warning


def test_running_header_and_footer_are_dropped_and_paragraphs_cross_pages() -> None:
    pages = [
        ["DU THAO", "I. MUC TIEU", "Giam ty le ho ngheo xuong duoi", f"Ke hoach 12/KH-UBND - trang {n}"]
        for n in (1, 2, 3)
    ]
    pages[1][1:3] = ["1,5% vao nam 2025 tren dia ban", "toan tinh."]
    document = read_pdf(text_pages_pdf(pages), "lap.pdf")
    texts = [b.text for b in document.blocks]
    assert "DU THAO" not in texts
    assert not any("trang" in text for text in texts)
    assert texts[:2] == [
        "I. MUC TIEU",
        "Giam ty le ho ngheo xuong duoi 1,5% vao nam 2025 tren dia ban toan tinh.",
    ]
    assert document.blocks[1].location.page == 1


def test_marks_split_off_by_a_space_are_reattached() -> None:
    assert (
        repair_marks("Vie\u0302 \u0323t Nam co \u0301 ke\u0302\u0301 hoa\u0323ch") == "Việt Nam có kế hoạch"
    )

"""PDF tables read as rows of cells: the one-pass reader, page breaks, pdfplumber's own read.

The main fixture is real: Kế hoạch 980/KH-UBND's appendix of tasks in a five-column ruled table
over six pages, laid out by LibreOffice (tests/extract/task_table_pdf.py made it). The other
PDFs are drawn here on the spot, the way Word and PDF printers draw tables: borders as thin
filled rectangles, and a whole table line in one text object.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

from app.extract import pdf_text
from app.extract.blocks import TextDocument
from app.extract.pdf_tables import MAX_PATH_SEGMENTS, find_tables, scan_page
from app.extract.pdf_text import read_pdf
from app.extract.plan_text import document_lines, parse_plan
from tests.extract.task_table_pdf import HEADER, PDF, ROWS


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    return PDF.read_bytes()


@pytest.fixture(scope="module")
def document(plan_pdf: bytes) -> TextDocument:
    return read_pdf(plan_pdf, PDF.name)


def _rows(document: TextDocument) -> list[tuple[str, ...]]:
    """Each row's cells as printed: a group row ("I | KIỆN TOÀN ...") stands at its columns with
    the rest empty, so the empty trailing cells are left out here."""
    rows = [line.cells for line in document_lines(document) if line.cells is not None]
    return [tuple(cells[: max(n for n, c in enumerate(cells, 1) if c)]) for cells in rows]


def test_every_row_of_the_task_table_comes_out_with_its_cells(document: TextDocument) -> None:
    assert _rows(document) == [HEADER, *ROWS]
    cells = [b for b in document.blocks if b.kind == "table_cell"]
    first = next(b for b in cells if b.text.startswith("Tổ chức lại Ban Chỉ huy"))
    assert (first.location.table, first.location.row, first.location.cell) == (1, 3, 2)
    assert first.location.label() == "trang 3, bảng 1, hàng 3, ô 2"


def test_a_table_over_six_pages_stays_one_table_with_its_cut_rows_joined(document: TextDocument) -> None:
    cells = [b for b in document.blocks if b.kind == "table_cell"]
    assert {b.location.table for b in cells} == {1}
    assert sorted({b.location.page for b in cells}) == [3, 4, 5, 6, 7, 8]
    assert max(b.location.row or 0 for b in cells) == 1 + len(ROWS)
    # LibreOffice cut three rows at a page's foot; each is read whole, on the page it starts on
    cut = {" ".join(b.text.split()): b.location.page for b in cells if b.location.cell == 2}
    assert cut["TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT, CƠ CHẾ, CHÍNH SÁCH VỀ PHÒNG THỦ DÂN SỰ"] == 3
    assert cut[ROWS[5][1]] == 4  # "... 01/10/2020" + "của Bộ Tài chính"
    assert cut[ROWS[14][1]] == 6  # "... cho phòng thủ" + "dân sự thuộc lĩnh vực, ..."


def test_the_tables_text_is_not_read_again_as_paragraphs(document: TextDocument) -> None:
    paragraphs = [b.text for b in document.blocks if b.kind == "paragraph"]
    assert not any("Tổ chức lại Ban Chỉ huy" in text or "Cơ quan phối hợp" in text for text in paragraphs)
    assert (
        paragraphs[-1] == "(Kèm theo Kế hoạch số 980/KH-UBND ngày 18 tháng 11 năm 2025 của UBND tỉnh Nghệ An)"
    )
    assert document.blocks.index(next(b for b in document.blocks if b.kind == "table_cell")) == len(
        paragraphs
    )


def test_the_plans_tasks_carry_the_rows_lead_partner_and_deadline(document: TextDocument) -> None:
    plan = parse_plan(document, "980")
    rows = [task for task in plan.tasks() if task.id.startswith("nv-bang-")]
    assert len(rows) == sum(1 for row in ROWS if len(row) == 5)
    first = rows[0]
    assert first.text == ROWS[1][1]
    assert first.lead == "Bộ CHQS tỉnh; UBND cấp xã"
    assert first.partners == ["Văn phòng Ban Chỉ huy; các sở, ban, ngành"]
    assert first.deadline == "Trước ngày 30/11/2025"
    by_text = {task.text: task for task in rows}
    cut = by_text[ROWS[14][1]]
    assert (cut.lead, cut.deadline) == ("Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã", "Tháng 12 hằng năm")
    assert all(task.lead and task.deadline for task in rows)


def test_the_borderless_header_and_signer_blocks_are_still_read(document: TextDocument) -> None:
    plan = parse_plan(document, "980")
    assert (plan.symbol, plan.number, str(plan.date)) == ("KH-UBND", 980, "2025-11-18")
    assert plan.issuer.name.startswith("Ủy ban nhân dân\ntỉnh Nghệ An")
    assert plan.doc_type == "KẾ HOẠCH"
    assert plan.subject.startswith("Thực hiện Quyết định số 1899/QĐ-TTg")
    assert (plan.signer.name, plan.signer.title) == ("Nguyễn Văn Đệ", "PHÓ CHỦ TỊCH")
    assert plan.signer.authority == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
    assert plan.archive == ["VT", "NC"]
    assert [b.location.table for b in document.blocks[:6]] == [None] * 6  # the header stays text


def test_the_one_pass_cells_are_those_pdfplumber_reads_itself(plan_pdf: bytes) -> None:
    """The same characters in the same cells; pdfplumber leaves a symbol the narrow column broke
    in two ("118/2008/QĐ -TTg"), the one pass puts it back together."""
    reader = PdfReader(io.BytesIO(plan_pdf))
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        for index in range(2, 8):
            ours = find_tables(scan_page(reader.pages[index]))
            assert ours is not None
            theirs = pdf.pages[index].extract_tables()
            assert len(ours) == len(theirs) == 1
            assert [["".join("".join(cell or []).split()) for cell in row] for row in ours[0].rows] == [
                ["".join((cell or "").split()) for cell in row] for row in theirs[0]
            ]


# --- tables drawn the way Word and PDF printers draw them ---------------------------------

COLUMNS = (72.0, 102.0, 282.0, 402.0, 522.0)  # STT | Noi dung | Co quan chu tri | Thoi gian
TABLE = [
    ("STT", "Noi dung", "Co quan chu tri", "Thoi gian"),
    ("1", "Ra soat co so du lieu ho ngheo", "So Tai chinh", "Quy IV/2026"),
    ("2", "Tap huan can bo cap xa", "So Noi vu", "Hang nam"),
]


def _printed_pdf(rows: list[tuple[str, ...]], columns: tuple[float, ...], one_text_object: bool) -> bytes:
    """A page with a paragraph, a ruled table and a closing paragraph; borders are 0.5 pt filled
    rectangles. With ``one_text_object`` each table line is one BT..ET moved along by Td (as a
    PDF printer writes it); otherwise each cell has its own text object (as Word does)."""
    ops = ["BT /F1 11 Tf 72 770 Td (I. NHIEM VU) Tj ET"]
    top, height = 740.0, 24.0
    bottom = top - height * len(rows)
    for r in range(len(rows) + 1):
        ops.append(f"{columns[0]} {top - r * height - 0.25} {columns[-1] - columns[0]} 0.5 re f")
    for x in columns:
        ops.append(f"{x - 0.25} {bottom} 0.5 {top - bottom} re f")
    for r, row in enumerate(rows):
        baseline = top - r * height - 16
        if one_text_object:
            moves = [f"{columns[0] + 4} {baseline} Td ({row[0]}) Tj"]
            moves += [f"{columns[c] - columns[c - 1]} 0 Td ({text}) Tj" for c, text in enumerate(row) if c]
            ops.append("BT /F1 11 Tf " + " ".join(moves) + " ET")
        else:
            ops += [
                f"BT /F1 11 Tf {columns[c] + 4} {baseline} Td ({text}) Tj ET" for c, text in enumerate(row)
            ]
    ops.append(f"BT /F1 11 Tf 72 {bottom - 30} Td (Tren day la ke hoach thuc hien.) Tj ET")
    return _page_pdf(ops)


def _page_pdf(ops: list[str]) -> bytes:
    """A one-page PDF drawing ``ops`` with Helvetica as /F1."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = StreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("one_text_object", [False, True], ids=["word-like", "printer-like"])
def test_rectangle_borders_and_one_text_object_per_line_are_read_as_cells(one_text_object: bool) -> None:
    data = _printed_pdf(TABLE, COLUMNS, one_text_object)
    scan = scan_page(PdfReader(io.BytesIO(data)).pages[0])
    # a text object running over the cells makes the one pass step aside for pdfplumber's read
    assert (find_tables(scan) is None) is one_text_object
    document = read_pdf(data, "in.pdf")
    assert _rows(document) == TABLE
    assert [b.text for b in document.blocks if b.kind == "paragraph"] == [
        "I. NHIEM VU",
        "Tren day la ke hoach thuc hien.",
    ]


def test_past_the_pdfplumber_time_limit_the_page_keeps_its_plain_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_text, "MAX_PDFPLUMBER_SECONDS", -1)
    document = read_pdf(_printed_pdf(TABLE, COLUMNS, one_text_object=True), "in.pdf")
    assert not [b for b in document.blocks if b.kind == "table_cell"]
    assert "Ra soat co so du lieu ho ngheo" in document.text
    assert "So Tai chinh" in document.text


def test_a_two_column_ruled_table_stays_text() -> None:
    rows = [("UY BAN NHAN DAN", "CONG HOA XA HOI"), ("So: 12/KH-UBND", "Ha Noi, ngay 2 thang 1")]
    document = read_pdf(_printed_pdf(rows, (72.0, 300.0, 522.0), one_text_object=False), "in.pdf")
    assert not [b for b in document.blocks if b.kind == "table_cell"]
    assert "So: 12/KH-UBND" in document.text


def test_a_page_drawn_with_too_many_segments_is_not_searched_for_tables() -> None:
    ops = [
        f"{72 + i % 400} {100 + i // 400} m {72 + i % 400} {104 + i // 400} l S"
        for i in range(MAX_PATH_SEGMENTS + 10)
    ]
    ops.append("BT /F1 11 Tf 72 770 Td (Ke hoach so 12) Tj ET")
    data = _page_pdf(ops)
    scan = scan_page(PdfReader(io.BytesIO(data)).pages[0])
    assert scan.overflow
    assert scan.edges == []  # none kept past the limit
    assert find_tables(scan) == []
    assert read_pdf(data, "net.pdf").text == "Ke hoach so 12"


def test_rulings_drawn_through_an_overflowing_matrix_are_ignored() -> None:
    huge = "1" + "0" * 30
    ops = ["q", *[f"{huge} 0 0 {huge} 0 0 cm"] * 12]  # 1e360: past what a float holds
    ops += [f"{x} 0 m {x} 1 l S" for x in range(6)] + ["0 0 m 5 0 l S", "0 1 m 5 1 l S", "Q"]
    ops.append("BT /F1 11 Tf 72 770 Td (Ke hoach so 12) Tj ET")
    data = _page_pdf(ops)
    assert scan_page(PdfReader(io.BytesIO(data)).pages[0]).edges == []
    assert read_pdf(data, "tran.pdf").text == "Ke hoach so 12"

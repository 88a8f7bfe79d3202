"""Appendix tables: columns as wide as their content needs, numbers centred.

Found in QA: docxtpl shares the width equally, so "STT" took as much room as the commune
names (which wrapped over two or three lines), and figures were printed left-aligned.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from app.domain.plan import Appendix
from app.render.appendix_layout import column_wants, is_number_cell, split_width
from app.render.docx import render_docx
from app.render.textview import document_view
from tests.builders import make_plan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COLUMNS = ["STT", "Tên đơn vị hành chính cấp xã", "Chỉ tiêu (lượt người)", "Ghi chú"]
ROWS = [[str(i + 1), f"Xã Thạnh Phú số {i}", "1.200", "Đã giao"] for i in range(4)] + [
    ["", "Tổng cộng", "4.800", ""]
]


@pytest.mark.parametrize("text", ["1", "12", "1.200", "2,5%", "100 %", "4/12", "-3"])
def test_figures_are_number_cells(text: str) -> None:
    assert is_number_cell(text)


@pytest.mark.parametrize("text", ["", "Xã A", "Tổng cộng", "1.200 lượt", "01/7/2025 - 31/12"])
def test_words_are_not_number_cells(text: str) -> None:
    assert not is_number_cell(text)


def test_every_column_gets_at_least_its_longest_word_and_the_sum_is_kept() -> None:
    wants = column_wants(COLUMNS, ROWS)
    widths = split_width(9355, wants)
    assert sum(widths) == 9355
    assert all(w >= lo * 260 - 1 for w, (lo, _hi) in zip(widths, wants, strict=True))
    assert widths[0] < widths[1] / 2  # STT is narrow, the names are wide


def test_columns_too_wide_for_the_page_share_it_in_proportion() -> None:
    wants = [(10.0, 10.0)] * 6
    assert split_width(6000, wants) == [1000] * 6


def _appendix_table(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return root.findall(f".//{W}tbl")[-1]


def test_rendered_appendix_has_content_widths_and_centred_numbers() -> None:
    plan = make_plan(appendices=[Appendix(title="Phân bổ chỉ tiêu", columns=COLUMNS, rows=ROWS)])
    docx = render_docx(plan)
    table = _appendix_table(docx)
    grid = [int(c.get(f"{W}w")) for c in table.findall(f"{W}tblGrid/{W}gridCol")]
    assert len(grid) == 4
    assert grid[0] < grid[1] / 2
    first_row = table.findall(f"{W}tr")[1]
    assert [int(c.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) for c in first_row.findall(f"{W}tc")] == grid
    view = document_view(docx).tables()[-1]
    stt, name, quota, note = (view.cell(1, j)[0] for j in range(4))
    assert (stt.text, stt.align) == ("1", "center")
    assert (quota.text, quota.align) == ("1.200", "center")
    assert (name.align, note.align) == ("left", "left")


def test_ragged_rows_make_a_regular_grid() -> None:
    # found in QA: short and long rows gave a table of 3, 2 and 4 cells per row
    rows = [["1", "X"], [], ["2", "Y", "3", "thừa"]]
    plan = make_plan(appendices=[Appendix(title="T", columns=["STT", "Xã", "Số"], rows=rows)])
    table = document_view(render_docx(plan)).tables()[-1]
    assert [len(r) for r in table.rows] == [4, 4, 4]


def test_an_appendix_without_any_cell_prints_no_table() -> None:
    # found in QA: a header row without a single cell, which Word reports as a damaged file
    plan = make_plan(appendices=[Appendix(title="Danh sách", columns=[], rows=[], note="Xem kèm theo.")])
    docx = render_docx(plan)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    assert all(row.findall(f"{W}tc") for row in root.iter(f"{W}tr"))
    texts = [p.text for p in document_view(docx).paragraphs()]
    assert "DANH SÁCH" in texts
    assert "Xem kèm theo." in texts


def test_a_table_less_appendix_does_not_shift_the_layout_onto_the_signature_band() -> None:
    appendices = [
        Appendix(title="Danh sách", columns=[], rows=[]),
        Appendix(title="Phân bổ", columns=COLUMNS, rows=ROWS),
    ]
    docx = render_docx(make_plan(appendices=appendices))
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    signature, appendix = root.findall(f".//{W}tbl")[1:]
    assert len(signature.findall(f"{W}tblGrid/{W}gridCol")) == 2
    grid = [int(c.get(f"{W}w")) for c in appendix.findall(f"{W}tblGrid/{W}gridCol")]
    assert grid[0] < grid[1] / 2


def test_appendix_cells_keep_their_text_clear_of_the_borders() -> None:
    plan = make_plan(appendices=[Appendix(title="Phân bổ", columns=COLUMNS, rows=ROWS)])
    table = _appendix_table(render_docx(plan))
    spacings = [p.find(f"{W}pPr/{W}spacing") for p in table.iter(f"{W}p")]
    assert spacings
    assert all(s is not None and s.get(f"{W}before") == "40" and s.get(f"{W}after") == "40" for s in spacings)

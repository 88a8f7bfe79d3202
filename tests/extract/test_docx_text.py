"""DOCX reading: body order, tables in place, headers, and list numbering restored as labels."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from app.extract.docx_numbering import Level, Numbering, format_counter, parse_numbering, to_letters, to_roman
from app.extract.docx_text import read_docx
from app.extract.guard import UnsafeFileError
from tests.extract.documents import (
    DOC_XML,
    EXTERNAL_ENTITY_DOCX_TEXT,
    docx_with_document_xml,
    numbered_docx,
    plain_docx,
    text_box_docx,
    zip_bytes,
)


@pytest.fixture(scope="module")
def numbered() -> list[tuple[str, str, str | None, str]]:
    document = read_docx(numbered_docx(), "so-thu-tu.docx")
    return [(b.text, b.kind, b.label, b.location.label()) for b in document.blocks]


def test_header_part_comes_first(numbered: list[tuple[str, str, str | None, str]]) -> None:
    assert numbered[0] == ("DỰ THẢO", "header", None, "không rõ vị trí")


def test_multilevel_labels_are_restored(numbered: list[tuple[str, str, str | None, str]]) -> None:
    body = [(text, label) for text, kind, label, _ in numbered if kind == "paragraph"]
    assert body == [
        ("KẾ HOẠCH", None),
        ("I. MỤC TIÊU", "I."),
        ("1. Mục tiêu chung", "1."),
        ("2. Mục tiêu cụ thể", "2."),
        ("a) Giảm tỷ lệ hộ nghèo 1,5%", "a)"),
        ("- ưu tiên xã miền núi", "-"),
        ("b) 100% xã đạt chuẩn", "b)"),
        ("II. NHIỆM VỤ", "II."),
        ("1. Tuyên truyền", "1."),  # the decimal level restarts under a new roman item
        ("I. PHỤ LỤC", "I."),  # a second list instance with a startOverride restarts at I
        ("1. Bước một", "1."),  # the built-in "List Number" style
        ("2. Bước hai", "2."),
    ]


def test_table_cells_stand_where_the_table_is(numbered: list[tuple[str, str, str | None, str]]) -> None:
    texts = [text for text, *_ in numbered]
    cells = [(text, where) for text, kind, _, where in numbered if kind == "table_cell"]
    assert cells == [
        ("Chỉ tiêu", "bảng 1, hàng 1, ô 1"),
        ("Giá trị", "bảng 1, hàng 1, ô 2"),
        ("Hộ nghèo", "bảng 1, hàng 2, ô 1"),
        ("1,5%", "bảng 1, hàng 2, ô 2"),
    ]
    assert texts.index("b) 100% xã đạt chuẩn") < texts.index("Chỉ tiêu") < texts.index("II. NHIỆM VỤ")


def test_paragraph_locations_count_body_paragraphs(numbered: list[tuple[str, str, str | None, str]]) -> None:
    paragraphs = [where for _, kind, _, where in numbered if kind == "paragraph"]
    assert paragraphs[:3] == ["đoạn 1", "đoạn 2", "đoạn 3"]


def test_bold_is_kept() -> None:
    document = read_docx(numbered_docx(), "x.docx")
    title = next(b for b in document.blocks if b.text == "KẾ HOẠCH")
    assert title.bold is True
    assert next(b for b in document.blocks if b.text == "I. MỤC TIÊU").bold is False


def test_text_is_nfc() -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch" with combining marks
    document = read_docx(plain_docx(decomposed), "nfd.docx")
    assert document.blocks[0].text == "Kế hoạch"


def test_unsafe_docx_is_refused_before_python_docx() -> None:
    with pytest.raises(UnsafeFileError) as info:
        read_docx(docx_with_document_xml(EXTERNAL_ENTITY_DOCX_TEXT), "xxe.docx")
    assert info.value.key == "extract_xml_entities"


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (4, "upperRoman", "IV"),
        (14, "lowerRoman", "xiv"),
        (2, "lowerLetter", "b"),
        (28, "lowerLetter", "bb"),
        (3, "upperLetter", "C"),
        (7, "decimalZero", "07"),
        (12, "decimal", "12"),
    ],
)
def test_counter_formats(value: int, fmt: str, shown: str) -> None:
    assert format_counter(value, fmt) == shown


def test_roman_and_letters() -> None:
    assert [to_roman(n) for n in (1, 9, 40, 1994)] == ["I", "IX", "XL", "MCMXCIV"]
    assert to_letters(26) == "z"


def test_multi_level_text_and_lvl_restart() -> None:
    numbering = Numbering(
        abstract={"1": {0: Level("decimal", "%1."), 1: Level("decimal", "%1.%2.", restart=0)}},
        nums={"5": "1"},
    )
    labels = [numbering.label("5", level) for level in (0, 1, 1, 0, 1)]
    assert labels == ["1.", "1.1.", "1.2.", "2.", "2.3."]  # lvlRestart 0: never restarts


def test_text_box_is_read_once_after_its_anchor() -> None:
    document = read_docx(text_box_docx("Kế hoạch", "DỰ THẢO LẦN 2"), "hop.docx")
    assert [b.text for b in document.blocks] == ["Kế hoạch", "DỰ THẢO LẦN 2", "Đoạn sau"]


def test_zip_that_python_docx_cannot_open_gets_a_clear_message() -> None:
    data = zip_bytes(
        {"word/document.xml": DOC_XML.format(text="Kế hoạch").encode()}
    )  # no [Content_Types].xml
    with pytest.raises(UnsafeFileError) as info:
        read_docx(data, "thieu-phan.docx")
    assert info.value.key == "extract_docx_unreadable"
    assert str(info.value).startswith("thieu-phan.docx: Không đọc được nội dung DOCX (")


def test_list_defined_through_a_numbering_style() -> None:
    numbering_xml = parse_xml(
        f"<w:numbering {nsdecls('w')}>"
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="KHList"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="KHList"/></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
        "</w:numbering>"
    )
    styles_xml = parse_xml(
        f"<w:styles {nsdecls('w')}>"
        '<w:style w:type="numbering" w:styleId="KHList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
        "</w:style></w:styles>"
    )
    numbering = parse_numbering(numbering_xml, styles_xml)
    assert [numbering.label("2", 0), numbering.label("2", 0)] == ["I.", "II."]


def test_pages_come_from_words_rendered_page_breaks() -> None:
    document = docx.Document()
    document.add_paragraph("Trang một")
    second = document.add_paragraph()
    second.add_run()._r.append(parse_xml(f"<w:lastRenderedPageBreak {nsdecls('w')}/>"))
    second.add_run("Trang hai, đầu đoạn")
    third = document.add_paragraph("Đoạn bắt đầu ở trang hai")
    third.add_run()._r.append(parse_xml(f"<w:lastRenderedPageBreak {nsdecls('w')}/>"))
    third.add_run(" và sang trang ba")
    document.add_paragraph("Trang ba")
    out = io.BytesIO()
    document.save(out)
    blocks = read_docx(out.getvalue(), "trang.docx").blocks
    assert [b.location.page for b in blocks] == [1, 2, 2, 3]
    assert blocks[3].location.label() == "trang 3, đoạn 4"


def test_pages_stay_unknown_without_word_layout_marks() -> None:
    blocks = read_docx(plain_docx("Một", "Hai"), "x.docx").blocks
    assert [b.location.page for b in blocks] == [None, None]

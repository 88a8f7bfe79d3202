"""read_layout: effective formatting resolved like Word, locations, and bad input."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from app.domain.errors import KehoachError
from app.extract.docx_layout import read_layout
from app.extract.guard import UnsafeFileError


def _bytes(doc) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _defaults(doc, rpr: str) -> None:  # type: ignore[no-untyped-def]
    """Replace the document defaults' run properties with ``rpr`` (inner XML)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    holder = defaults.find(qn("w:rPrDefault"))
    holder.remove(holder.find(qn("w:rPr")))
    holder.append(parse_xml(f"<w:rPr {nsdecls('w')}>{rpr}</w:rPr>"))


def test_run_inherits_from_doc_defaults_when_nothing_else_is_set() -> None:
    doc = Document()
    _defaults(doc, '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="26"/>')
    doc.add_paragraph("Không định dạng")
    run = read_layout(_bytes(doc)).paragraphs[0].runs[0]
    assert (run.font, run.size_pt, run.bold, run.italic) == ("Times New Roman", 13.0, False, False)


def test_theme_font_is_resolved_through_the_theme_part() -> None:
    doc = Document()
    _defaults(doc, '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>')
    doc.add_paragraph("Chữ")
    data = _bytes(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        theme = archive.read("word/theme/theme1.xml").decode("utf-8")
    minor = re.search(r'<a:minorFont>\s*<a:latin typeface="([^"]+)"', theme)
    assert minor is not None
    assert read_layout(data).paragraphs[0].runs[0].font == minor.group(1)


def test_style_chain_then_character_style_then_run_wins() -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(14)
    base = doc.styles.add_style("Muc", WD_STYLE_TYPE.PARAGRAPH)
    base.base_style = doc.styles["Normal"]
    base.font.bold = True
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    base.paragraph_format.space_after = Pt(6)
    child = doc.styles.add_style("Muc con", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = base
    child.font.size = Pt(13)
    emphasis = doc.styles.add_style("Nhan", WD_STYLE_TYPE.CHARACTER)
    emphasis.font.italic = True
    paragraph = doc.add_paragraph(style="Muc con")
    paragraph.add_run("kế thừa")
    paragraph.add_run("nghiêng", style="Nhan")
    own = paragraph.add_run("không đậm")
    own.bold = False
    own.font.size = Pt(12)
    own.underline = True
    result = read_layout(_bytes(doc)).paragraphs[0]
    inherited, styled, direct = result.runs
    assert (inherited.font, inherited.size_pt, inherited.bold, inherited.italic) == (
        "Times New Roman",
        13.0,
        True,
        False,
    )
    assert (styled.bold, styled.italic) == (True, True)
    assert (direct.size_pt, direct.bold, direct.underline) == (12.0, False, True)
    assert (result.style, result.alignment, result.space_after_pt) == ("Muc con", "justify", 6.0)


def test_paragraph_format_direct_values_win_and_hanging_indent_is_negative() -> None:
    doc = Document()
    first = doc.add_paragraph("a")
    first.paragraph_format.first_line_indent = Cm(1.27)
    first.paragraph_format.line_spacing = 1.5
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    second = doc.add_paragraph("b")
    second.paragraph_format.first_line_indent = Cm(-0.5)
    second.paragraph_format.line_spacing = Pt(18)
    one, two = read_layout(_bytes(doc)).paragraphs
    assert (one.first_line_indent_cm, one.line_spacing, one.alignment) == (1.27, 1.5, "center")
    assert (two.first_line_indent_cm, two.line_spacing, two.line_spacing_pt) == (-0.5, None, 18.0)
    assert (one.line_spacing_rule, two.line_spacing_rule) == ("auto", "exact")


def test_table_paragraphs_are_numbered_in_document_order_with_their_cell() -> None:
    doc = Document()
    doc.add_paragraph("trước")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 1).paragraphs[0].add_run("phải")
    table.cell(1, 0).add_paragraph("dòng hai")
    doc.add_paragraph("sau")
    layout = read_layout(_bytes(doc))
    assert [p.text for p in layout.paragraphs] == ["trước", "", "phải", "", "dòng hai", "", "sau"]
    assert layout.paragraphs[2].location == "bảng 1, hàng 1, ô 2, đoạn 3"
    assert layout.paragraphs[4].location == "bảng 1, hàng 2, ô 1, đoạn 5"
    assert [p.text for p in layout.body] == ["trước", "sau"]
    assert layout.tables[0].rows[1][0][1].text == "dòng hai"


def test_page_setup_and_header_page_field() -> None:
    doc = Document()
    doc.styles["Header"].font.name = "Times New Roman"  # the number inherits the Header style
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(20),
        Mm(25),
        Mm(30),
        Mm(15),
    )
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE \\* MERGEFORMAT "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
        )
    )
    doc.add_paragraph("x")
    result = read_layout(_bytes(doc)).sections[0]
    assert (result.page_width_mm, result.page_height_mm, result.orientation) == (210.0, 297.0, "portrait")
    assert (result.top_mm, result.bottom_mm, result.left_mm, result.right_mm) == (20.0, 25.0, 30.0, 15.0)
    assert result.different_first_page
    assert [(h.alignment, h.has_page_field) for h in result.header] == [("center", True)]
    assert result.header[0].page_number is not None
    assert result.header[0].page_number.font == "Times New Roman"
    assert not any(h.has_page_field for h in result.first_page_header)


def test_content_controls_and_rendered_page_breaks_are_followed() -> None:
    doc = Document()
    doc.add_paragraph("một")
    body = doc.element.body
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:lastRenderedPageBreak/><w:t>hai</w:t></w:r>"
        "<w:r><w:t>tiếp</w:t><w:lastRenderedPageBreak/><w:t>trang ba</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    body.insert(1, sdt)
    doc.add_paragraph("ba")
    layout = read_layout(_bytes(doc))
    assert [(p.text, p.page) for p in layout.paragraphs] == [("một", 1), ("haitiếptrang ba", 2), ("ba", 3)]
    assert layout.paragraphs[2].location == "trang 3, đoạn 3"


def test_not_a_docx_is_refused_by_the_guard() -> None:
    with pytest.raises(UnsafeFileError):
        read_layout(b"just text", "x.docx")


def test_zip_without_word_document_is_a_clear_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(KehoachError) as caught:
        read_layout(out.getvalue(), "rong.docx")
    assert "rong.docx" in str(caught.value)


def test_broken_package_after_the_guard_raises_a_kehoach_error() -> None:
    """A well-formed zip whose main part is not WordprocessingML."""
    doc = Document()
    doc.add_paragraph("x")
    source = zipfile.ZipFile(io.BytesIO(_bytes(doc)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(info, b"<a/>" if info.filename == "word/document.xml" else data)
    with pytest.raises(KehoachError) as caught:
        read_layout(out.getvalue(), "hong.docx")
    assert "hong.docx" in str(caught.value)


_BOX = (
    '<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def test_text_box_paragraphs_are_read_once_after_their_anchor() -> None:
    doc = Document()
    anchor = doc.add_paragraph("ỦY BAN NHÂN DÂN")
    box = parse_xml(_BOX.replace("<w:r ", f"<w:r {nsdecls('w')} ", 1))
    anchor._p.append(box)
    doc.add_paragraph("KẾ HOẠCH")
    layout = read_layout(_bytes(doc))
    assert [p.text for p in layout.paragraphs] == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KẾ HOẠCH",
    ]


def test_automatic_list_labels_are_computed_but_kept_out_of_the_text() -> None:
    doc = Document()
    for text in ("một", "hai"):
        doc.add_paragraph(text, style="List Number")
    doc.add_paragraph("thường")
    first, second, plain = read_layout(_bytes(doc)).paragraphs
    assert (first.label, first.text, first.shown_text) == ("1.", "một", "1. một")
    assert second.label == "2."
    assert (plain.label, plain.shown_text) == (None, "thường")


def test_contextual_spacing_is_read_from_the_style() -> None:
    doc = Document()
    doc.add_paragraph("một", style="List Paragraph")
    doc.styles["List Paragraph"].element.get_or_add_pPr().append(
        parse_xml(f"<w:contextualSpacing {nsdecls('w')}/>")
    )
    doc.add_paragraph("hai")
    listed, plain = read_layout(_bytes(doc)).paragraphs
    assert (listed.contextual_spacing, plain.contextual_spacing) == (True, False)

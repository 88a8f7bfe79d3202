"""What is kept together across a page break: the Nơi nhận / signer band (unless it is taller
than a page), the last paragraph with that band, a point's title with its content.

Found in QA: with 300 recipients the band (a row that may not split) was pushed whole to page
2, leaving page 1 with the body and a blank half page, and LibreOffice then split it anyway.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from app.render.context import build_context
from app.render.docx import render_docx
from app.render.measure import signature_can_split
from app.render.pdf import docx_to_pdf
from tests.builders import make_plan, make_section, points_section
from tests.conftest import need_tool
from tests.render.conftest import sample_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MANY = [f"UBND xã số {i}" for i in range(300)]


def signature_row_cant_split(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    table = root.findall(f".//{W}tbl")[1]  # header band, then the signature band
    (row,) = table.findall(f"{W}tr")
    return row.find(f"{W}trPr/{W}cantSplit") is not None


def test_a_usual_recipient_list_keeps_the_band_whole() -> None:
    plan = make_plan(recipients=[f"Phòng ban số {i}" for i in range(30)])
    assert build_context(plan)["signature_can_split"] is False
    assert signature_row_cant_split(render_docx(plan))


def test_a_list_taller_than_a_page_lets_the_band_break() -> None:
    plan = make_plan(recipients=MANY)
    assert build_context(plan)["signature_can_split"] is True
    assert not signature_row_cant_split(render_docx(plan))


def test_long_recipient_names_count_as_several_lines() -> None:
    short = ["- UBND xã;"] * 40
    wrapped = ["- Ủy ban nhân dân các xã, phường, thị trấn trên địa bàn huyện Vĩnh Cửu;"] * 40
    assert not signature_can_split(short)
    assert signature_can_split(wrapped)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_300_recipients_keep_the_signer_on_the_page_of_the_body(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    plan = make_plan(recipients=MANY)
    pdf = io.BytesIO(docx_to_pdf(render_docx(plan)))
    pages = [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]
    first = " ".join(pages[0].split())
    assert "./." in first
    assert "Nơi nhận:" in first
    assert plan.signer.name in first
    assert "UBND xã số 299" in pages[-1]


def _body_paragraphs_before_signature(docx: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    children = list(body)
    tables = [i for i, child in enumerate(children) if child.tag == f"{W}tbl"]
    return [c for c in children[tables[0] + 1 : tables[1]] if c.tag == f"{W}p"]


def _keeps_with_next(paragraph: etree._Element) -> bool:
    return paragraph.find(f"{W}pPr/{W}keepNext") is not None


def test_the_last_body_paragraph_keeps_with_the_signature_band() -> None:
    # found in QA: family_xa_a put Nơi nhận and the signer alone on page 3, with no text
    paragraphs = _body_paragraphs_before_signature(render_docx(make_plan()))
    last_text, spacer = paragraphs[-2], paragraphs[-1]
    assert "".join(last_text.itertext()).endswith("./.")
    assert _keeps_with_next(last_text)
    assert _keeps_with_next(spacer)
    styles = [p.find(f"{W}pPr/{W}pStyle") for p in paragraphs[:-2]]
    plain = [
        p
        for p, st in zip(paragraphs[:-2], styles, strict=True)
        if st is not None and st.get(f"{W}val") == "Body"
    ]
    assert plain
    assert not any(_keeps_with_next(p) for p in plain), "only the last paragraph is kept"


@pytest.mark.libreoffice
@pytest.mark.slow
def test_the_signer_page_carries_body_text(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    name = "family_xa_a_2026"  # its body used to end exactly at the foot of page 2
    pdf = io.BytesIO(docx_to_pdf(sample_docx(name)))
    pages = [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]
    signer_page = next(p for p in pages if "Nơi nhận" in p)
    assert "./." in signer_page


def test_a_titled_point_keeps_with_its_content() -> None:
    # found in QA: "b) Về hỗ trợ nạn nhân ..." could be left alone at the foot of a page
    plan = make_plan(sections=[make_section("Mục tiêu", sections=[points_section(3)])])
    assert [i["kind"] for i in build_context(plan)["body"]][:3] == ["muc", "khoan", "point"]
    paragraphs = _body_paragraphs_before_signature(render_docx(plan))
    texts = ["".join(p.itertext()) for p in paragraphs]
    titles = [p for p, text in zip(paragraphs, texts, strict=True) if text.startswith(("a) ", "b) ", "c) "))]
    contents = [p for p, text in zip(paragraphs, texts, strict=True) if text.startswith("- Nội dung 1")]
    assert len(titles) == 3
    assert all(_keeps_with_next(p) for p in titles)
    assert contents
    assert not _keeps_with_next(contents[0])

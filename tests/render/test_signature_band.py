"""The Nơi nhận / signer band: kept on one page, unless it is taller than a page.

Found in QA: with 300 recipients the band (a row that may not split) was pushed whole to page
2, leaving page 1 with the body and a blank half page, and LibreOffice then split it anyway.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from lxml import etree

from app.render.context import build_context, signature_can_split
from app.render.docx import render_docx
from tests.builders import make_plan
from tests.conftest import need_tool

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
    source = tmp_path / "plan.docx"
    source.write_bytes(render_docx(plan))
    soffice = shutil.which("soffice") or "soffice"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = [page.extract_text() or "" for page in pypdf.PdfReader(str(tmp_path / "plan.pdf")).pages]
    first = " ".join(pages[0].split())
    assert "./." in first and "Nơi nhận:" in first
    assert plan.signer.name in first
    assert "UBND xã số 299" in pages[-1]

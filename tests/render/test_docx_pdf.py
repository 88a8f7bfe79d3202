"""A rendered plan converted by LibreOffice reads back with correct Vietnamese text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest

from app.render.pdf import docx_to_pdf
from tests.conftest import need_tool
from tests.render.conftest import SAMPLE_NAMES, sample_docx, sample_plan

NAME = next((n for n in SAMPLE_NAMES if n.startswith("004")), "builder-district")


def _text(pdf: Path) -> str:
    reader = pypdf.PdfReader(str(pdf))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


@pytest.mark.libreoffice
@pytest.mark.slow
def test_rendered_plan_converts_to_pdf_with_correct_diacritics(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(docx_to_pdf(sample_docx(NAME)))
    plan = sample_plan(NAME)
    pages = len(pypdf.PdfReader(str(pdf)).pages)
    assert 1 + len(plan.appendices) <= pages <= 20
    text = _text(pdf)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Nơi nhận:",
        plan.signer.name,
    ):
        assert expected in text
    assert " ".join(plan.subject.split()).split()[0] in text
    assert "./." in text
    # Word automatic numbering, as a real layout engine applies it
    assert re.search(r"\bII\. [A-ZĐ]", text)
    assert re.search(r"\b2\. \w", text)

"""A rendered plan re-saved by another producer (LibreOffice) still lints clean.

Offices open our DOCX, edit it and upload it again; the writer then rewrites styles, theme
and run properties in its own way. The effective formatting must read the same.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.rules.format import lint_docx
from tests.conftest import SAMPLES, need_tool


@pytest.mark.libreoffice
def test_sample_resaved_by_libreoffice_has_no_format_finding(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    source = tmp_path / "in" / "plan.docx"
    source.parent.mkdir()
    source.write_bytes(render_docx(load_plan(SAMPLES / "family_xa_a_2026.yaml")))
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx:MS Word 2007 XML",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = (out / "plan.docx").read_bytes()
    assert resaved != source.read_bytes()
    assert [f"{f.rule} {f.location}: {f.message}" for f in lint_docx(resaved)] == []

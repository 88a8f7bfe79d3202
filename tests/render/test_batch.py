"""`kehoach batch`: one DOCX (and PDF) per commune and a summary, in one atomic ZIP."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from app.cli import main
from app.planfile.load import load_plan
from app.render.batch import render_many
from app.render.context import build_context
from tests.conftest import need_tool

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"
EXPECTED = ["xa-tri-an", "xa-phu-ly", "phuong-tran-bien", "xa-tan-phu", "xa-bu-dang"]


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _docx_text(data: bytes) -> str:
    """Every paragraph's text, the header tables' included."""
    document = docx.Document(io.BytesIO(data))
    cells = [
        p.text for table in document.tables for row in table.rows for c in row.cells for p in c.paragraphs
    ]
    return "\n".join([*cells, *(p.text for p in document.paragraphs)])


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_writes_one_docx_per_commune_and_a_summary(tmp_path: Path, workers: str) -> None:
    out = tmp_path / "out.zip"
    code, stdout, stderr = _run(
        "batch",
        str(DATA / "parent.yaml"),
        str(DATA / "communes.csv"),
        "-o",
        str(out),
        "--workers",
        workers,
        "--date",
        "2026-03-01",
    )
    assert code == 0, stderr
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        assert names == [*(f"{n}.docx" for n in EXPECTED), "tong-hop.xlsx"]
        text = _docx_text(bundle.read("xa-tri-an.docx"))
        assert "XÃ TRỊ AN" in text
        assert "Trị An, ngày 01 tháng 3 năm 2026" in text
        # the parent's appendix gives Trị An 120 lượt người
        assert "cai nghiện ma túy cho ít nhất 120 lượt người" in text
        assert "Thực hiện Kế hoạch số 45/KH-UBND ngày 15/01/2026 của UBND tỉnh Đồng Nai" in text
        assert "Trần Thị Bình" in text
        sheet = load_workbook(io.BytesIO(bundle.read("tong-hop.xlsx")), read_only=True).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    column = header.index("t-tinh-cai-nghien-300 (lượt người)")
    assert sum(float(str(r[column])) for r in body) == 300
    assert [r[header.index("Tệp DOCX")] for r in body] == [f"{n}.docx" for n in EXPECTED]
    assert "5" in stdout


def test_bad_list_exits_2_with_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Tên;Người ký;Chức vụ;Trọng số\nAn Bình;A;Chủ tịch;abc\n;B;Chủ tịch;3\n", encoding="utf-8")
    out = tmp_path / "out.zip"
    code, _, stderr = _run("batch", str(DATA / "parent.yaml"), str(bad), "-o", str(out))
    assert code == 2
    assert "dòng 2, cột Trọng số" in stderr
    assert "dòng 3, cột Tên" in stderr
    assert list(tmp_path.iterdir()) == [bad]


def test_missing_parent_exits_2(tmp_path: Path) -> None:
    code, _, stderr = _run(
        "batch", str(tmp_path / "none.yaml"), str(DATA / "communes.csv"), "-o", str(tmp_path / "o.zip")
    )
    assert code == 2
    assert "File not found" in stderr


def test_file_names_do_not_collide(tmp_path: Path) -> None:
    communes = tmp_path / "c.csv"
    communes.write_text(
        # two communes of Đồng Nai whose names differ only by a tone mark
        "Tên;Loại;Người ký;Chức vụ\nLộc Thành;xã;A;Chủ tịch\nLộc Thạnh;xã;B;Chủ tịch\n",
        encoding="utf-8",
    )
    out = tmp_path / "o.zip"
    code, _, stderr = _run(
        "batch", str(DATA / "parent.yaml"), str(communes), "-o", str(out), "--workers", "1"
    )
    assert code == 0, stderr
    with zipfile.ZipFile(out) as bundle:
        assert bundle.namelist()[:2] == ["xa-loc-thanh.docx", "xa-loc-thanh-2.docx"]


def test_a_failing_document_is_reported_and_the_others_still_render() -> None:
    plan = load_plan(DATA / "parent.yaml")

    def context(index: int) -> dict[str, object]:
        if index == 1:
            raise ValueError("hỏng / broken")
        return build_context(plan)

    results = list(render_many([0, 1, 2], context, workers=1))
    assert [r.error for r in results] == [None, "hỏng / broken", None]
    assert results[0].docx is not None
    assert results[2].docx is not None


@pytest.mark.libreoffice
def test_batch_with_pdf_converts_every_commune(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    out = tmp_path / "out.zip"
    code, _, stderr = _run(
        "batch",
        str(DATA / "parent.yaml"),
        str(DATA / "communes.csv"),
        "-o",
        str(out),
        "--pdf",
        "--workers",
        "2",
    )
    assert code == 0, stderr
    with zipfile.ZipFile(out) as bundle:
        assert sorted(n for n in bundle.namelist() if n.endswith(".pdf")) == sorted(
            f"{n}.pdf" for n in EXPECTED
        )
        reader = pypdf.PdfReader(io.BytesIO(bundle.read("phuong-tran-bien.pdf")))
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "PHƯỜNG TRẤN BIÊN" in text
    assert "Ủy ban nhân dân tỉnh" in text or "UBND tỉnh Đồng Nai" in text


def test_pdf_without_libreoffice_exits_2_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "o.zip"
    code, _, stderr = _run(
        "batch", str(DATA / "parent.yaml"), str(DATA / "communes.csv"), "-o", str(out), "--pdf"
    )
    assert code == 2
    assert "apt-get install libreoffice-writer-nogui fonts-liberation2" in stderr
    assert not out.exists()


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, stderr = _run(
        "batch",
        str(DATA / "parent.yaml"),
        str(DATA / "communes.csv"),
        "-o",
        str(blocker / "out.zip"),
        "--workers",
        "1",
    )
    assert code == 2
    assert "Cannot write the output file" in stderr

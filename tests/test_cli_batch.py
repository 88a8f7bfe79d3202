"""`kehoach batch`: every commune of the province without a list (--all), the register checks of
a list, and the confirmation an older parent's list of old units needs (--accept-old-units)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from app.cli import main
from app.vn import register

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PARENT = SAMPLES / "family_tinh_2026.yaml"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _parent(tmp_path: Path, **changes: object) -> Path:
    """The sample province plan with some fields changed, as a plan file."""
    data = yaml.safe_load(PARENT.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "parent.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_all_makes_one_plan_per_commune_of_the_province_with_the_signer_left_blank(tmp_path: Path) -> None:
    out = tmp_path / "all.zip"
    code, stdout, stderr = _run("batch", str(PARENT), "--all", "-o", str(out), "--date", "2026-03-01")
    assert code == 0, stderr
    dong_nai = register.find("tỉnh Đồng Nai")
    assert dong_nai is not None
    expected = len(register.communes_of(dong_nai))
    with zipfile.ZipFile(out) as bundle:
        names = bundle.namelist()
        document = docx.Document(io.BytesIO(bundle.read("xa-tri-an.docx")))
    assert len([n for n in names if n.endswith(".docx")]) == expected == 95
    assert "phuong-tran-bien.docx" in names
    assert "tong-hop.xlsx" in names
    cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "Trị An, ngày 01 tháng 3 năm 2026" in cells
    signer = cells[cells.index("TM. ỦY BAN NHÂN DÂN") :]
    assert signer[1] == "CHỦ TỊCH"
    assert not any(line.strip() for line in signer[2:]), "the name is the clerk's to fill in"
    assert f"({expected}," in stdout


def test_a_blank_signer_passes_the_format_linter(tmp_path: Path) -> None:
    out = tmp_path / "all.zip"
    assert _run("batch", str(PARENT), "--all", "-o", str(out), "--workers", "1")[0] == 0
    with zipfile.ZipFile(out) as bundle:
        (tmp_path / "xa-phu-ly.docx").write_bytes(bundle.read("xa-phu-ly.docx"))
    code, stdout, _ = _run("lint", str(tmp_path / "xa-phu-ly.docx"))
    assert code == 0, stdout


@pytest.mark.parametrize("with_list", [True, False])
def test_a_list_and_all_together_or_neither_exit_2(tmp_path: Path, with_list: bool) -> None:
    args = [str(SAMPLES / "communes_example.csv"), "--all"] if with_list else []
    code, _, stderr = _run("batch", str(PARENT), *args, "-o", str(tmp_path / "o.zip"))
    assert code == 2
    assert "Chọn một trong hai: tệp danh sách xã hoặc tất cả xã, phường của tỉnh (--all)" in stderr
    assert not (tmp_path / "o.zip").exists()


def test_all_without_a_province_in_the_register_exits_2(tmp_path: Path) -> None:
    ministry = {"name": "Bộ Công an", "abbreviation": "BCA", "level": "national", "place": "Hà Nội"}
    code, _, stderr = _run(
        "batch", str(_parent(tmp_path, issuer=ministry)), "--all", "-o", str(tmp_path / "o.zip")
    )
    assert code == 2
    assert "Không xác định được tỉnh của kế hoạch cấp trên" in stderr


def test_a_list_with_an_abolished_unit_exits_2_and_names_the_likely_commune(tmp_path: Path) -> None:
    communes = tmp_path / "xa.csv"
    communes.write_text(
        "Tên;Người ký;Chức vụ\nThị trấn Tân Phú;A;Chủ tịch\nTrị An;B;Chủ tịch\n", encoding="utf-8"
    )
    code, _, stderr = _run("batch", str(PARENT), str(communes), "-o", str(tmp_path / "o.zip"))
    assert code == 2
    assert "dòng 2, cột Loại: Loại đơn vị đã bãi bỏ từ 01/7/2025" in stderr
    assert "Có phải: Xã Tân Phú?" in stderr
    assert not (tmp_path / "o.zip").exists()


def test_an_older_parents_list_of_old_units_needs_accept_old_units(tmp_path: Path) -> None:
    parent = _parent(tmp_path, date="2025-03-01")
    communes = tmp_path / "xa.csv"
    communes.write_text("Tên;Người ký;Chức vụ\nThị trấn Tân Phú;A;Chủ tịch\n", encoding="utf-8")
    out = tmp_path / "o.zip"
    code, _, stderr = _run("batch", str(parent), str(communes), "-o", str(out), "--workers", "1")
    assert code == 2
    assert "--accept-old-units" in stderr
    code, _, stderr = _run(
        "batch", str(parent), str(communes), "-o", str(out), "--workers", "1", "--accept-old-units"
    )
    assert code == 0, stderr
    with zipfile.ZipFile(out) as bundle:
        assert bundle.namelist() == ["thi-tran-tan-phu.docx", "tong-hop.xlsx"]

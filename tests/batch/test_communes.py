"""Reading the commune list: headers in Vietnamese or English, XLSX or CSV, every error at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from app.batch.communes import CommuneListError, load_communes

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"
TARGETS = ["t-tinh-cai-nghien-300"]


def _csv(tmp_path: Path, text: str, name: str = "list.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def _xlsx(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    path = tmp_path / "list.xlsx"
    book.save(path)
    return path


def test_vietnamese_csv_with_semicolons_and_vietnamese_numbers() -> None:
    communes = load_communes(DATA / "communes.csv", TARGETS)
    assert [c.unit for c in communes] == [
        "xã Trị An",
        "xã Phú Lý",
        "phường Trấn Biên",
        "xã Tân Phú",
        "xã Bù Đăng",
    ]
    assert communes[0].weight == 1200
    assert communes[3].weight == 310.5
    assert communes[2].place == "Trấn Biên"
    assert communes[3].place == "Tân Phú", "an empty place is the name"
    assert all(c.level == "commune" for c in communes)


def test_english_headers_comma_csv_with_bom_and_explicit_quota_column(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "name,type,signer,title,t-tinh-cai-nghien-300\nAn Bình,xã,Lê A,Chủ tịch,40\nAn Hòa,phường,Lê B,Chủ tịch,\n",
        bom=True,
    )
    communes = load_communes(path, TARGETS)
    assert communes[0].quotas == {"t-tinh-cai-nghien-300": 40}
    assert communes[1].quotas == {}
    assert communes[1].kind == "phường"


def test_xlsx_with_numbers_as_cells(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path,
        [
            ["Tên", "Loại", "Người ký", "Chức vụ", "Dân số"],
            ["Tân Phú", "xã", "Lê A", "Chủ tịch", 12000],
            [None] * 5,
        ],
    )
    (commune,) = load_communes(path)
    assert commune.weight == 12000
    assert commune.signer_title == "Chủ tịch"


def test_every_bad_row_is_reported_by_row_and_column_before_anything_else(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path,
        [
            ["Tên", "Loại", "Người ký", "Chức vụ", "Trọng số", "Cột lạ"],
            ["Tân Phú", "xã", "Lê A", "Chủ tịch", "1.100", ""],
            ["", "xã", "Lê B", "Chủ tịch", "5", ""],
            ["Xã Tân  Phú", "", "Lê C", "Chủ tịch", "7", ""],
            ["Hòa An", "huyện lỵ", "Lê D", "Chủ tịch", "nhiều", ""],
            ["Hoà Bình", "xã", "", "Chủ tịch", "-3", ""],
        ],
    )
    with pytest.raises(CommuneListError) as info:
        load_communes(path)
    where = {(e.row, e.column) for e in info.value.errors}
    assert where == {
        (1, "Cột lạ"),
        (3, "Tên"),
        (4, "Tên"),
        (5, "Loại"),
        (5, "Trọng số"),
        (6, "Người ký"),
        (6, "Trọng số"),
    }
    message = str(info.value)
    assert "dòng 4, cột Tên" in message
    assert "Duplicate" in message
    assert "dòng 2" in message.split("dòng 4, cột Tên")[1]  # names the row it duplicates


def test_old_and_new_tone_placement_are_the_same_commune(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Tên;Người ký;Chức vụ\nHòa Bình;A;Chủ tịch\nHoà Bình;B;Chủ tịch\n")
    with pytest.raises(CommuneListError, match="dòng 3"):
        load_communes(path)


def test_a_duplicate_is_reported_even_when_the_first_row_has_another_fault(tmp_path: Path) -> None:
    """The user fixes the list in one pass: row 2's bad weight does not hide row 4's duplicate."""
    path = _csv(
        tmp_path,
        "Tên,Người ký,Chức vụ,Trọng số\nTân Phú,A,Chủ tịch,abc\nPhú Lý,B,Chủ tịch,3\nTân  phú,C,Chủ tịch,2\n",
    )
    with pytest.raises(CommuneListError) as caught:
        load_communes(path)
    message = str(caught.value)
    assert "dòng 2, cột Trọng số" in message
    assert "dòng 4, cột Tên" in message


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("list.txt", b"x", "xlsx"),
        ("list.csv", b"\xff\xfe\x00bad", "UTF-8"),
        ("list.xlsx", b"not a workbook", "Cannot read"),
        ("list.csv", b"", "no rows"),
        ("list.csv", "Loại\nxã\n".encode(), "name column"),
    ],
)
def test_unusable_files_say_what_is_wrong(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommuneListError, match=expected):
        load_communes(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommuneListError, match="File not found"):
        load_communes(tmp_path / "none.csv")

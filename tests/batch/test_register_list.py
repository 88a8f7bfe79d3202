"""Commune lists held against the register of administrative units: abolished types, names
that are no unit of the province, the likely intended name, the dateline place, older parents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest

from app.batch import communes as communes_module
from app.batch.communes import CommuneListError, communes_from_register, parse_communes, read_table_bytes
from app.batch.register_list import RegisterCheck, check_for, province_of
from app.domain.plan import Issuer, Plan
from app.planfile.load import load_plan
from app.vn import register

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
HEADER = "Tên;Loại;Địa danh;Người ký;Chức vụ"


@pytest.fixture(scope="module")
def parent() -> Plan:
    """The sample province plan: UBND tỉnh Đồng Nai, 15/01/2026."""
    return load_plan(SAMPLES / "family_tinh_2026.yaml")


def _read(text: str, check: RegisterCheck) -> list[communes_module.Commune]:
    header, rows = read_table_bytes(text.encode("utf-8"), ".csv", "xa.csv")
    return parse_communes(header, rows, register_check=check)


def _errors(text: str, check: RegisterCheck) -> dict[tuple[int, str], str]:
    with pytest.raises(CommuneListError) as info:
        _read(text, check)
    return {(e.row, e.column): e.message for e in info.value.errors}


def _rows(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def test_a_clean_list_takes_the_registers_names_types_and_places(parent: Plan) -> None:
    communes = _read(
        _rows("xã Trị An;;;A;Chủ tịch", "Trấn Biên;;;B;Chủ tịch", "Phú Lý;Xã;Phú Lý;C;Chủ tịch"),
        check_for(parent),
    )
    assert [(c.kind, c.name, c.place, c.province) for c in communes] == [
        ("xã", "Trị An", "Trị An", "Đồng Nai"),
        ("phường", "Trấn Biên", "Trấn Biên", "Đồng Nai"),  # the register knows it is a phường
        ("xã", "Phú Lý", "Phú Lý", "Đồng Nai"),
    ]


@pytest.mark.parametrize(
    ("row", "column", "written"),
    [
        ("Thị trấn Tân Phú;;;A;Chủ tịch", "Loại", "Thị trấn Tân Phú"),
        ("Tân Phú;thị trấn;;A;Chủ tịch", "Loại", "Thị trấn Tân Phú"),
        ("Huyện Vĩnh Cửu;;;A;Chủ tịch", "Loại", "Huyện Vĩnh Cửu"),
        ("Long Khánh;thị xã;;A;Chủ tịch", "Loại", "Thị xã Long Khánh"),
        ("Quận 1;;;A;Chủ tịch", "Loại", "Quận 1"),
    ],
)
def test_a_type_abolished_on_1_7_2025_is_reported_with_its_row(
    parent: Plan, row: str, column: str, written: str
) -> None:
    errors = _errors(_rows("Trị An;xã;;A;Chủ tịch", row), check_for(parent))
    assert list(errors) == [(3, column)]
    assert "Loại đơn vị đã bãi bỏ từ 01/7/2025" in errors[3, column]
    assert f"«{written}»" in errors[3, column]


def test_an_abolished_type_suggests_the_unit_of_that_name(parent: Plan) -> None:
    errors = _errors(
        _rows("Thị trấn Tân Phú;;;A;Chủ tịch", "Long Khánh;thị xã;;B;Chủ tịch"), check_for(parent)
    )
    assert "Có phải: Xã Tân Phú?" in errors[2, "Loại"]
    assert "Có phải: Phường Long Khánh?" in errors[3, "Loại"]


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Trị Ann", "Xã Trị An"),  # a typo
        ("Phú Lí", "Xã Phú Lý"),  # i for y
        ("Long Khanh", "Phường Long Khánh"),  # typed without diacritics
        ("Xã Trấn Biên", "Phường Trấn Biên"),  # the right name with the wrong type
    ],
)
def test_a_name_that_is_no_unit_of_the_province_is_reported_with_the_likely_name(
    parent: Plan, name: str, suggestion: str
) -> None:
    errors = _errors(_rows(f"{name};;;A;Chủ tịch"), check_for(parent))
    assert list(errors) == [(2, "Tên")]
    assert "Không phải đơn vị hành chính cấp xã của tỉnh Đồng Nai" in errors[2, "Tên"]
    assert f"Có phải: {suggestion}?" in errors[2, "Tên"]


def test_no_suggestion_when_nothing_is_close(parent: Plan) -> None:
    errors = _errors(_rows("Hoàn Kiếm Mới;;;A;Chủ tịch"), check_for(parent))
    assert "Có phải" not in errors[2, "Tên"]


def test_a_unit_of_another_province_says_where_it_is(parent: Plan) -> None:
    errors = _errors(_rows("Côn Đảo;đặc khu;;A;Chủ tịch"), check_for(parent))
    assert "«Đặc khu Côn Đảo»" in errors[2, "Tên"]
    assert "thuộc thành phố Hồ Chí Minh" in errors[2, "Tên"]


def test_a_dateline_place_other_than_the_units_name_is_reported(parent: Plan) -> None:
    errors = _errors(
        _rows("Phường Trấn Biên;;Biên Hòa;A;Chủ tịch", "Trị An;xã;xã Trị An;B;Chủ tịch"), check_for(parent)
    )
    assert list(errors) == [(2, "Địa danh")], "the unit's own name, with its type word, is fine"
    assert "Địa danh của Phường Trấn Biên là «Trấn Biên»" in errors[2, "Địa danh"]


def test_every_row_is_reported_at_once_with_the_other_faults(parent: Plan) -> None:
    errors = _errors(_rows("Thị trấn Tân Phú;;;;Chủ tịch", "Trị Ann;;;B;Chủ tịch"), check_for(parent))
    assert set(errors) == {(2, "Loại"), (2, "Người ký"), (3, "Tên")}


def test_two_rows_of_one_unit_are_a_duplicate_however_written(parent: Plan) -> None:
    errors = _errors(_rows("Trấn Biên;;;A;Chủ tịch", "Phường Trấn Biên;;;B;Chủ tịch"), check_for(parent))
    assert "Trùng với xã ở dòng 2" in errors[3, "Tên"]


def test_an_undated_parent_or_a_batch_dated_after_the_reform_is_checked(parent: Plan) -> None:
    old = dataclasses.replace(parent, date=dt.date(2025, 3, 1))
    assert check_for(dataclasses.replace(parent, date=None)).required
    assert check_for(old, date=dt.date(2026, 1, 10)).required, "the commune issues it in 2026"
    assert not check_for(old).required
    assert check_for(dataclasses.replace(parent, date=dt.date(2025, 7, 1))).required


def test_an_older_parents_list_of_old_units_needs_the_users_confirmation(parent: Plan) -> None:
    old = dataclasses.replace(parent, date=dt.date(2025, 3, 1))
    rows = _rows("Thị trấn Tân Phú;;;A;Chủ tịch", "Phường Tân Phong;;Biên Hòa;B;Chủ tịch")
    with pytest.raises(CommuneListError) as info:
        _read(rows, check_for(old))
    messages = [str(e) for e in info.value.errors]
    assert messages[0].startswith("dòng 2, cột Loại")
    assert messages[1].startswith("dòng 3, cột Tên")
    assert "--accept-old-units" in messages[-1], "said once, after the rows"
    communes = _read(rows, check_for(old, accept_old=True))
    assert [(c.unit, c.place, c.province) for c in communes] == [
        ("thị trấn Tân Phú", "Tân Phú", ""),
        ("phường Tân Phong", "Biên Hòa", ""),  # as written: the list follows the old units
    ]


def test_the_confirmation_does_not_accept_old_units_after_the_reform(parent: Plan) -> None:
    errors = _errors(_rows("Thị trấn Tân Phú;;;A;Chủ tịch"), check_for(parent, accept_old=True))
    assert list(errors) == [(2, "Loại")]


def test_a_national_parent_holds_rows_against_the_whole_register_by_their_province() -> None:
    ministry = RegisterCheck(province=None, required=True)
    text = (
        "Tên;Tỉnh;Người ký;Chức vụ\n"
        "Xã Bình Minh;Đồng Nai;A;Chủ tịch\n"
        "Xã Bình Minh;Nghệ An;B;Chủ tịch\n"
        "Phường Tân Phong;tỉnh Lai Châu;C;Chủ tịch\n"
    )
    header, rows = read_table_bytes(text.encode(), ".csv", "x.csv")
    communes = parse_communes(header, rows, register_check=ministry)
    assert [(c.unit, c.province) for c in communes] == [
        ("xã Bình Minh", "Đồng Nai"),
        ("xã Bình Minh", "Nghệ An"),
        ("phường Tân Phong", "Lai Châu"),
    ]
    bad = "Tên;Tỉnh;Người ký;Chức vụ\nXã Trị An;Lai Châu;A;Chủ tịch\nXã Trị An;Bình Dương;B;Chủ tịch\n"
    header, rows = read_table_bytes(bad.encode(), ".csv", "x.csv")
    with pytest.raises(CommuneListError) as info:
        parse_communes(header, rows, register_check=ministry)
    errors = {(e.row, e.column): e.message for e in info.value.errors}
    assert "cấp xã của tỉnh Lai Châu" in errors[2, "Tên"]
    assert "thuộc tỉnh Đồng Nai" in errors[2, "Tên"]
    assert "Không phải tỉnh, thành phố" in errors[3, "Tỉnh"], "Bình Dương was merged in 2025"


def test_a_province_column_must_be_the_parents_province(parent: Plan) -> None:
    errors = _errors("Tên;Tỉnh;Người ký;Chức vụ\nXã Bình Minh;Tây Ninh;A;Chủ tịch\n", check_for(parent))
    assert "Không thuộc tỉnh Đồng Nai của kế hoạch cấp trên" in errors[2, "Tỉnh"]


@pytest.mark.parametrize(
    ("issuer", "province"),
    [
        (Issuer("Ủy ban nhân dân\ntỉnh Đồng Nai", "UBND", "province", "Đồng Nai"), "Đồng Nai"),
        (Issuer("Ủy ban nhân dân\nthành phố Hà Nội", "UBND", "province", "Hà Nội"), "Hà Nội"),
        (Issuer("Ủy ban nhân dân\nxã Trị An", "UBND", "commune", "Trị An"), "Đồng Nai"),
        (Issuer("Sở Y tế", "SYT", "province", "Đồng Nai", parent_body="UBND tỉnh Đồng Nai"), "Đồng Nai"),
        (Issuer("Ủy ban nhân dân\ntỉnh Bình Dương", "UBND", "province", "Bình Dương"), None),
        (Issuer("Bộ Y tế", "BYT", "national", "Hà Nội"), None),
    ],
)
def test_the_province_of_a_parents_issuer(issuer: Issuer, province: str | None) -> None:
    found = province_of(issuer)
    assert (found.name if found else None) == province


def test_every_commune_of_a_province_from_the_register_with_the_signer_left_blank() -> None:
    dong_nai = register.find("tỉnh Đồng Nai")
    assert dong_nai is not None
    communes = communes_from_register(dong_nai)
    assert len(communes) == len(register.communes_of(dong_nai)) == 95
    tri_an = next(c for c in communes if c.name == "Trị An")
    assert (tri_an.kind, tri_an.level, tri_an.place, tri_an.province) == (
        "xã",
        "commune",
        "Trị An",
        "Đồng Nai",
    )
    assert {(c.signer_name, c.signer_title) for c in communes} == {("", "CHỦ TỊCH")}
    assert len({c.row for c in communes}) == 95


def test_reading_stops_at_the_row_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(communes_module, "MAX_ROWS", 5)
    pulled = itertools.count()

    def endless() -> object:
        for i in pulled:
            yield [f"Xã {i}", "A", "Chủ tịch"]

    monkeypatch.setattr(communes_module, "_csv_rows", lambda raw, source: endless())
    header, rows = read_table_bytes(b"", ".csv", "x.csv")
    with pytest.raises(CommuneListError) as info:
        parse_communes(header, rows)
    assert [str(e) for e in info.value.errors][-1] == "dòng 7: Tệp quá lớn / The file is too large"
    assert next(pulled) == 7, "the header, five rows and the one past the cap: nothing more was read"

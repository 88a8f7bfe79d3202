"""ND013 (số, ký hiệu) and ND014 (dateline): the text forms the decree allows and forbids."""

from __future__ import annotations

import pytest

from app.rules.format import lint
from tests.rules.format.layouts import layout, p, plain_plan


def _number(text: str) -> list[str]:
    plan = plain_plan(number=p(text, 13, alignment="left"))
    return [f.found or "" for f in lint(layout(*plan), ["ND013"])]


def _date(text: str, **style: bool) -> list[str]:
    plan = plain_plan(date=p(text, 14, italic=style.get("italic", True), alignment="right"))
    return [f.required or "" for f in lint(layout(*plan), ["ND014"])]


@pytest.mark.parametrize(
    "text", ["Số: 05/KH-UBND", "Số: 4544/KH-UBND", "Số: 10/KH-UBND", "Số:      /KH-UBND", "Số: 07/KH-SGDĐT"]
)
def test_number_forms_that_pass(text: str) -> None:
    assert _number(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Số: 5/KH-UBND",  # not padded
        "Số: 012/KH-UBND",  # padded above 9
        "Số: 05/KH - UBND",  # spaces around "-"
        "Số: 05 / KH-UBND",  # spaces around "/"
        "Số: 12/2025/KH-UBND",  # a year
        "Số 05/KH-UBND",  # no colon
        "Số:05/KH-UBND",  # no space after the colon
        "Số: 05/QĐ-UBND",  # not a plan's symbol
    ],
)
def test_number_forms_that_fail(text: str) -> None:
    assert len(_number(text)) == 1


def test_italic_number_is_reported() -> None:
    plan = plain_plan(number=p("Số: 05/KH-UBND", 13, italic=True))
    assert [f.rule for f in lint(layout(*plan), ["ND013"])] == ["ND013"]


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội, ngày 05 tháng 01 năm 2020",
        "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019",
        "Vĩnh Cửu, ngày 31 tháng 12 năm 2019",
        "Tân Phú, ngày      tháng      năm 2026",  # a draft: the văn thư fills in the date
    ],
)
def test_datelines_that_pass(text: str) -> None:
    assert _date(text) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Hà Nội, ngày 5 tháng 3 năm 2020", "ngày có hai chữ số"),
        ("Hà Nội, ngày 05 tháng 03 năm 2020", "tháng 1, 2"),
        ("Sóc Trăng, ngày 12 tháng 09 năm 2022", "tháng 1, 2"),
        ("Hà Nội, ngày 05 tháng 1 năm 2020", "tháng 1, 2"),
        ("Hà Nội ngày 05 tháng 3 năm 2020", "dấu phẩy"),
        ("Hà Nội, ngày 05 tháng 3 năm 20", "dạng"),
    ],
)
def test_datelines_that_fail_name_the_defect(text: str, problem: str) -> None:
    required = _date(text)
    assert len(required) == 1
    assert problem in required[0]


def test_upright_dateline_is_reported() -> None:
    assert len(_date("Hà Nội, ngày 05 tháng 3 năm 2020", italic=False)) == 1


@pytest.mark.parametrize(
    ("type_name", "number", "ok"),
    [
        ("BÁO CÁO", "Số: 03/BC-SYT", True),
        ("QUYẾT ĐỊNH", "Số: 1234/QĐ-UBND", True),
        ("CHƯƠNG TRÌNH", "Số: 08/CTr-UBND", True),  # the decree's mixed-case code
        ("BÁO CÁO", "Số: 03/KH-SYT", False),  # a report numbered as a plan
        ("KẾ HOẠCH", "Số: 03/BC-SYT", False),
    ],
)
def test_symbol_type_code_agrees_with_the_type_name(type_name: str, number: str, ok: bool) -> None:
    plan = plain_plan(
        type=p(type_name, 14, bold=True, alignment="center"), number=p(number, 13, alignment="left")
    )
    findings = lint(layout(*plan), ["ND013", "ND015"])
    assert [f.rule for f in findings] == ([] if ok else ["ND013"])
    if not ok:
        code = {"BÁO CÁO": "BC", "KẾ HOẠCH": "KH"}[type_name]
        assert f'"{code}-"' in (findings[0].required or "")

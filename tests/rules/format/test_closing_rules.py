"""ND019–ND021: "Nơi nhận", the recipient list and the signer block."""

from __future__ import annotations

from app.rules.format import lint
from tests.rules.format.layouts import layout, p, plain_plan


def _found(codes: list[str], **overrides: object) -> list[tuple[str, str]]:
    plan = plain_plan(**overrides)  # type: ignore[arg-type]
    return [(f.rule, f.location) for f in lint(layout(*plan), codes)]


def test_signer_marks_on_one_line_are_reported() -> None:
    mark = p("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", 14, bold=True, alignment="center")
    assert _found(["ND021"], mark=mark) == [("ND021", "đoạn 12")]


def test_title_in_normal_case_and_regular_name_are_reported() -> None:
    found = _found(
        ["ND021"],
        title=p("Chủ tịch", 14, bold=True, alignment="center"),
        name=p("Lê Văn Bình", 14, alignment="center"),
    )
    assert ("ND021", "đoạn 15") in found
    assert len(found) == 2


def test_recipient_list_in_12_pt_is_reported_line_by_line() -> None:
    assert _found(["ND020"], line=p("- UBND tỉnh;", 12), archive=p("- Lưu: VT, VHXH.", 12)) == [
        ("ND020", "đoạn 17"),
        ("ND020", "đoạn 18"),
    ]


def test_archive_line_forms() -> None:
    assert _found(["ND020"], archive=p("- Lưu: VT, HC (2).", 11)) == []
    assert _found(["ND020"], archive=p("- Lưu: VT-TH.", 11)) == [("ND020", "đoạn 18")]
    assert _found(["ND020"], archive=p("- Lưu: VT, VHXH", 11)) == [("ND020", "đoạn 18")]


def test_noi_nhan_in_14_pt_upright_is_reported() -> None:
    found = _found(["ND019"], noi_nhan=p("Nơi nhận:", 14, bold=True))
    assert found[0] == ("ND019", "đoạn 16")

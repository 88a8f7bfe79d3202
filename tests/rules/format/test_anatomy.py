"""Landmarks are found in hand-made drafts too: plain paragraphs, tabbed header lines."""

from __future__ import annotations

from app.rules.format import lint
from app.rules.format.anatomy import anatomy
from tests.rules.format.layouts import body, cell, layout, p, plain_plan


def test_plain_paragraph_plan_is_located_part_by_part() -> None:
    parts = anatomy(layout(*plain_plan()))
    assert parts.national_name is not None
    assert parts.national_name.index == 3
    assert [x.index for x in parts.issuer] == [1]
    assert parts.number is not None
    assert parts.number.text == "Số: 12/KH-UBND"
    assert parts.dateline is not None
    assert parts.dateline.index == 5
    assert [x.text for x in parts.subject] == ["Phòng, chống ma túy năm 2026"]
    assert [x.index for x in parts.body] == [8, 9, 10, 11]
    assert [x.text for x in parts.signer] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Bình"]
    assert [x.text for x in parts.recipients] == ["- UBND tỉnh (để b/c);", "- Lưu: VT, VHXH."]


def test_plain_paragraph_plan_only_breaks_the_placement_rules() -> None:
    """Typed top to bottom, "Nơi nhận" ends up below the signer and there is no page number."""
    assert sorted({f.rule for f in lint(layout(*plain_plan()))}) == ["ND019", "ND022"]


def test_tabbed_header_line_is_split_into_its_columns() -> None:
    tabbed = p("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    second = p("XÃ TÂN PHÚ\tĐộc lập - Tự do - Hạnh phúc", 13, bold=True, alignment="center")
    dated = p("Số: 12/KH-UBND\tTân Phú, ngày 20 tháng 02 năm 2026", 13)
    parts = anatomy(layout(tabbed, second, dated, *plain_plan()[5:]))
    assert parts.national_name is not None
    assert parts.national_name.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert parts.national_name.location == "đoạn 1"
    assert [x.text for x in parts.issuer] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"]
    assert parts.number is not None
    assert parts.number.text == "Số: 12/KH-UBND"
    assert parts.dateline is not None
    assert parts.dateline.text == "Tân Phú, ngày 20 tháng 02 năm 2026"


def test_tabbed_dateline_is_judged_on_its_own_runs() -> None:
    """The upright "Số" sharing the line must not make the italic date look upright."""
    tabbed = p("Số: 12/KH-UBND\t", 13)
    runs = (*tabbed.runs, *p("Tân Phú, ngày 20 tháng 02 năm 2026", 14, italic=True).runs)
    from dataclasses import replace

    line = replace(tabbed, text=tabbed.text + runs[-1].text, runs=runs)
    findings = lint(layout(*plain_plan(number=line, date=p(""))), ["ND013", "ND014"])
    assert findings == []


def test_signer_in_a_table_cell_beside_noi_nhan() -> None:
    closing = [
        cell(p("Nơi nhận:", 12, bold=True, italic=True), 1, 1, 1),
        cell(p("- Lưu: VT, VX.", 11), 1, 1, 1),
        cell(p("TM. ỦY BAN NHÂN DÂN", 14, bold=True, alignment="center"), 1, 1, 2),
        cell(p("CHỦ TỊCH", 14, bold=True, alignment="center"), 1, 1, 2),
        cell(p("(Đã ký)", 14, italic=True, alignment="center"), 1, 1, 2),
        cell(p("Lê Văn Bình", 14, bold=True, alignment="center"), 1, 1, 2),
    ]
    plan = plain_plan()[:11]
    parts = anatomy(layout(*plan, *closing))
    assert [x.text for x in parts.signer] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Đã ký)", "Lê Văn Bình"]
    assert parts.body[-1].text.endswith("./.")
    assert lint(layout(*plan, *closing), ["ND019", "ND020", "ND021"]) == []


def test_document_without_any_landmark_reports_missing_parts_only() -> None:
    findings = lint(layout(body("Một đoạn văn./.")), ["ND010", "ND011", "ND015", "ND019"])
    assert [(f.rule, f.location) for f in findings] == [
        ("ND010", "toàn văn bản"),
        ("ND011", "toàn văn bản"),
        ("ND015", "toàn văn bản"),
    ]

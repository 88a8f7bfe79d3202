"""Landmarks are found in hand-made drafts too: plain paragraphs, tabbed header lines."""

from __future__ import annotations

from app.extract.layout import Paragraph, Run
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


def _joined(*parts: tuple[str, float, bool, bool], **fmt: object) -> Paragraph:
    """One paragraph made of several runs: (text, size, bold, italic)."""
    runs = tuple(Run(text, "Times New Roman", size, bold, italic) for text, size, bold, italic in parts)
    return Paragraph(0, "".join(r.text for r in runs), runs, **fmt)  # type: ignore[arg-type]


def test_tabbed_two_column_closing_keeps_noi_nhan_beside_the_signer() -> None:
    closing = [
        _joined(
            ("Nơi nhận:", 12, True, True), ("\t", 14, False, False), ("TM. ỦY BAN NHÂN DÂN", 14, True, False)
        ),
        _joined(("- UBND tỉnh;", 11, False, False), ("\t", 14, False, False), ("CHỦ TỊCH", 14, True, False)),
        _joined(("- Lưu: VT, VHXH.", 11, False, False), ("\t", 14, False, False)),
        _joined(("\t", 14, False, False)),
        _joined(("\t", 14, False, False), ("Lê Văn Bình", 14, True, False)),
    ]
    plan = layout(*plain_plan()[:11], *closing)
    parts = anatomy(plan)
    assert [x.text for x in parts.signer] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Bình"]
    assert [x.text for x in parts.recipients] == ["- UBND tỉnh;", "- Lưu: VT, VHXH."]
    assert lint(plan, ["ND019", "ND020", "ND021"]) == []


def test_header_stacked_with_line_breaks_in_one_paragraph() -> None:
    """Shift+Enter between the quốc hiệu and the motto: two lines, one paragraph."""
    stacked = _joined(
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, True, False),
        ("\n", 12, True, False),
        ("Độc lập - Tự do - Hạnh phúc", 13, True, False),
        alignment="center",
    )
    plan = plain_plan(qh=stacked)
    del plan[3]  # the separate motto paragraph
    parts = anatomy(layout(*plan))
    assert parts.national_name is not None
    assert parts.motto is not None
    assert parts.national_name.location == parts.motto.location == "đoạn 3"
    assert lint(layout(*plan), ["ND010", "ND011"]) == []


def test_recipient_list_stacked_with_line_breaks_in_a_table_cell() -> None:
    recipients = _joined(
        ("Nơi nhận:", 12, True, True), ("\n", 11, False, False), ("- UBND tỉnh;", 11, False, False),
        ("\n", 11, False, False), ("- Lưu: VT, VX.", 11, False, False),
    )  # fmt: skip
    closing = [
        cell(recipients, 1, 1, 1),
        cell(p("TM. ỦY BAN NHÂN DÂN", 14, bold=True, alignment="center"), 1, 1, 2),
        cell(p("CHỦ TỊCH", 14, bold=True, alignment="center"), 1, 1, 2),
        cell(p("Lê Văn Bình", 14, bold=True, alignment="center"), 1, 1, 2),
    ]
    plan = layout(*plain_plan()[:11], *closing)
    assert [x.text for x in anatomy(plan).recipients] == ["- UBND tỉnh;", "- Lưu: VT, VX."]
    assert lint(plan, ["ND019", "ND020", "ND021"]) == []


def test_without_a_title_the_header_band_ends_at_its_last_landmark() -> None:
    """A document lacking "KẾ HOẠCH" must not have its body read as the issuer's name."""
    plan = plain_plan()
    del plan[5]  # the title
    parts = anatomy(layout(*plan))
    assert [x.text for x in parts.issuer] == ["ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"]
    assert [f.rule for f in lint(layout(*plan), ["ND012", "ND015"])] == ["ND015"]

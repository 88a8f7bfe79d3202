"""Tables in pasted text and markdown are read as rows of cells, and a row with its header."""

from __future__ import annotations

from app.extract.plan_text import parse_plan
from app.extract.table_rows import read_header, read_row
from app.extract.text_tables import TextRun, TextTable, segment
from app.extract.txt_text import read_txt

_WEB_COPY = [
    "|",
    "**ỦY BAN NHÂN",
    "DÂN**",
    "TỈNH ĐỒNG THÁP",
    "--------",
    "|",
    "Số: 617/KH-UBND",
    "|",
    "|",
    "1",
    "|",
    "Người nghiện có hồ sơ",
    "được tư vấn",
    "|",
    "100%",
    "|",
    "",
    "Đoạn văn.",
]


def test_web_copied_table_splits_rows_at_double_bars_and_keeps_header_lines() -> None:
    runs = segment(_WEB_COPY)
    table = runs[0]
    assert isinstance(table, TextTable)
    assert table.rows == [
        ["ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP", "Số: 617/KH-UBND"],
        ["1", "Người nghiện có hồ sơ được tư vấn", "100%"],
    ]
    assert isinstance(runs[-1], TextRun)
    assert runs[-1].lines[-1] == "Đoạn văn."


def test_markdown_rows_skip_the_rule_line_and_tabs_make_a_table() -> None:
    (table,) = segment(["| STT | Chỉ tiêu |", "|---|---|", "| 1 | Tỷ lệ |"])
    assert isinstance(table, TextTable)
    assert table.rows == [["STT", "Chỉ tiêu"], ["1", "Tỷ lệ"]]
    (tabbed,) = segment(["a\tb\tc", "1\t2\t3"])
    assert isinstance(tabbed, TextTable)
    assert tabbed.rows[1] == ["1", "2", "3"]


def test_row_number_is_never_the_value_and_a_period_gives_its_last_year() -> None:
    columns = read_header(["STT", "Chỉ tiêu", "Kết quả cần đạt", "Thời hạn"])
    assert columns is not None
    assert columns.is_targets
    row = read_row(["3", "Người nghiện có hồ sơ được tư vấn", "100%", "Hằng quý"], columns)
    assert row is not None
    assert row.sentence == "Người nghiện có hồ sơ được tư vấn đạt 100% hằng quý"
    later = read_row(["4", "Xã tổ chức truyền thông", "100%", "Giai đoạn 2026 - 2028"], columns)
    assert later is not None
    assert later.sentence.endswith("giai đoạn 2026 - 2028")


def test_a_target_table_in_a_plan_text_gives_targets_with_value_and_deadline() -> None:
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
            "",
            "Số: 12/KH-UBND",
            "",
            "KẾ HOẠCH",
            "",
            "Phòng chống ma túy năm 2026",
            "",
            "I. MỤC TIÊU",
            "",
            "| STT | Chỉ tiêu | Kết quả cần đạt | Thời hạn |",
            "|---|---|---|---|",
            "| 1 | Người nghiện có hồ sơ được tư vấn | 100% | Hằng quý |",
            "| 2 | Cai nghiện ma túy cho người nghiện | ít nhất 1.100 lượt người | Giai đoạn 2026 - 2028 |",
        ]
    )
    plan = parse_plan(read_txt(text.encode(), "kh.md"))
    values = [(t.value, t.unit, t.deadline) for t in plan.targets()]
    assert (100.0, "%", 2026) in values
    assert (1100.0, "lượt người", 2028) in values


def test_a_portal_page_laid_out_in_cells_gives_its_body_as_lines_and_its_appendix_as_a_table() -> None:
    # tests/data/real/parents/980-kh-ubnd.md: the body, "Nơi nhận", the signer and the appendix
    # title are each one cell of the page's layout; the appendix table's header follows
    body = ["**KẾ HOẠCH**", "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG", "**I. MỤC ĐÍCH, YÊU CẦU**"]
    body += [f"dòng {i} của nội dung kế hoạch" for i in range(10)]
    lines = ["|", "Số: 980/KH-UBND", "|", "*Nghệ An, ngày 18 tháng 11 năm 2025*", "|", *body, "|"]
    lines += ["Nơi nhận:", "- UBND các xã, phường;", "- Lưu: VT, NC.", "|", "**TM. ỦY BAN NHÂN DÂN**", "|"]
    lines += ["**PHỤ LỤC**", "DANH MỤC NHIỆM VỤ", "|", "**TT**", "|", "**Nội dung thực hiện**", "|"]
    lines += [
        "**Cơ quan chủ trì**",
        "|",
        "|",
        "1",
        "|",
        "Diễn tập phòng thủ dân sự",
        "|",
        "UBND cấp xã",
        "|",
        "",
    ]
    parts = [p for p in segment(lines) if not isinstance(p, TextRun) or any(p.lines)]
    kinds = [type(p).__name__ for p in parts]
    assert kinds == ["TextTable", "TextRun", "TextRun", "TextRun", "TextRun", "TextTable"]
    head, *_, appendix = parts
    assert isinstance(head, TextTable)
    assert head.rows == [["Số: 980/KH-UBND", "Nghệ An, ngày 18 tháng 11 năm 2025"]]
    assert isinstance(parts[1], TextRun)
    assert parts[1].lines[0] == "KẾ HOẠCH"
    assert parts[1].first_line == 6  # the cell's first line in the text, for locations
    assert isinstance(appendix, TextTable)
    assert appendix.rows == [
        ["TT", "Nội dung thực hiện", "Cơ quan chủ trì"],
        ["1", "Diễn tập phòng thủ dân sự", "UBND cấp xã"],
    ]


def test_a_value_cell_with_several_measures_gives_a_target_for_each() -> None:
    text = (
        "I. MỤC TIÊU\n"
        "| STT | Chỉ tiêu | Kết quả cần đạt | Thời hạn |\n"
        "|---|---|---|---|\n"
        "| 4.1 | Xoài | 3.000 tấn; giá trị 1,65 triệu USD; tăng bình quân 06 - 07%/năm | Năm 2030 |\n"
    )
    header = (
        "ỦY BAN NHÂN DÂN\nXÃ CÒ NÒI\nSố: 12/KH-UBND\nCò Nòi, ngày 5 tháng 12 năm 2025\nKẾ HOẠCH\nXuất khẩu\n"
    )
    plan = parse_plan(read_txt((header + text).encode("utf-8"), "kh.md"))
    found = [(t.value, t.unit, t.deadline) for t in plan.targets()]
    assert found == [(3000, "tấn", 2030), (1.65, "triệu USD", 2030), (7, "%", 2030)]
    assert all("Xoài" in t.text for t in plan.targets())


def test_a_sub_row_is_read_with_the_indicator_of_its_row() -> None:
    columns = read_header(["STT", "Chỉ tiêu", "Kết quả cần đạt", "Thời hạn"])
    assert columns is not None
    above: dict[str, str] = {}
    read_row(["4", "Sản lượng trái cây tham gia xuất khẩu", "Trên 4.900 tấn", "Năm 2030"], columns, above)
    row = read_row(["4.1", "Xoài", "3.000 tấn", "Năm 2030"], columns, above)
    assert row is not None
    assert row.sentence == "Sản lượng trái cây tham gia xuất khẩu Xoài đạt 3.000 tấn năm 2030"
    other = read_row(["5", "Chè", "12.000 tấn", "Năm 2030"], columns, above)
    assert other is not None
    assert other.sentence.startswith("Chè đạt")


def test_an_empty_cell_does_not_shift_the_cells_after_it() -> None:
    header = "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 980/KH-UBND\nNghệ An, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\nPhòng thủ dân sự\n"
    text = (
        "II. NỘI DUNG\n"
        "| TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Diễn tập phòng thủ dân sự các cấp | UBND cấp xã |  | Quý IV/2026 |\n"
    )
    plan = parse_plan(read_txt((header + text).encode("utf-8"), "kh.md"))
    (task,) = plan.tasks()
    assert task.lead == "UBND cấp xã"
    assert task.partners == []
    assert task.deadline == "Quý IV/2026"

"""Layout lines back into paragraphs."""

from __future__ import annotations

from app.extract.lines import Line, ends_paragraph, join_lines, starts_item


def _join(*lines: str) -> list[str]:
    return [p.text for p in join_lines([Line(line, 1) for line in lines])]


def test_sentence_inside_lines_is_joined() -> None:
    assert _join("Giảm tỷ lệ hộ nghèo xuống", "dưới 1,5% vào năm", "2025.") == [
        "Giảm tỷ lệ hộ nghèo xuống dưới 1,5% vào năm 2025."
    ]


def test_list_labels_start_paragraphs() -> None:
    assert _join("đạt 90%", "a) tăng", "- giảm", "+ giữ", "(2) thêm", "II. NHIỆM VỤ") == [
        "đạt 90%",
        "a) tăng",
        "- giảm",
        "+ giữ",
        "(2) thêm",
        "II. NHIỆM VỤ",
    ]


def test_vietnamese_hyphen_is_kept_foreign_hyphenation_undone() -> None:
    assert _join("phát triển kinh tế-", "xã hội bền vững") == ["phát triển kinh tế-xã hội bền vững"]
    assert _join("the hyphen-", "ation is undone") == ["the hyphenation is undone"]
    assert _join("Bà Rịa -", "Vũng Tàu") == ["Bà Rịa - Vũng Tàu"]


def test_heading_change_ends_paragraph() -> None:
    assert ends_paragraph("KẾ HOẠCH", "Thực hiện công tác")
    assert not ends_paragraph("Thực hiện công tác phòng, chống", "mại dâm")


def test_numbers_are_not_labels() -> None:
    assert not starts_item("1.100 người được hỗ trợ")
    assert not starts_item("2025 các tỷ lệ")
    assert starts_item("1.2. Nhiệm vụ")


def test_pages_are_kept_per_paragraph() -> None:
    paragraphs = join_lines(
        [Line("Đoạn một kết thúc.", 1), Line("Đoạn hai bắt đầu", 1), Line("và tiếp tục.", 2)]
    )
    assert [(p.text, p.page) for p in paragraphs] == [
        ("Đoạn một kết thúc.", 1),
        ("Đoạn hai bắt đầu và tiếp tục.", 1),
    ]


def test_full_line_ending_a_sentence_is_mid_paragraph() -> None:
    current = "ma túy và hỗ trợ nạn nhân bị mua bán trên địa bàn tỉnh năm 2026 tại các xã, phường."
    assert not ends_paragraph(current, "Đồng thời, xử lý nghiêm minh", current, width=80)
    assert ends_paragraph("ngắn thôi.", "Đồng thời, xử lý nghiêm minh", "ngắn thôi.", width=80)
    assert ends_paragraph(current, "IV. TỔ CHỨC THỰC HIỆN", current, width=80)


def test_dash_wrapped_from_a_full_line_is_not_a_list_item() -> None:
    current = "- Tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh và Bộ Lao động"
    assert not ends_paragraph(current, "- Thương binh và Xã hội theo quy định.", current, width=80)
    assert ends_paragraph("- Báo cáo Bộ Lao động;", "- Thương binh", "- Báo cáo Bộ Lao động;", width=80)


def test_document_end_and_recipients_always_break() -> None:
    end = "trình Ủy ban nhân dân tỉnh xem xét, giải quyết, bảo đảm đúng tiến độ, chất lượng./."
    assert ends_paragraph(end, "Nơi nhận:", end, width=80)


def test_comma_at_line_end_continues() -> None:
    assert _join("Sở Y tế, Sở Tư pháp,", "Công an tỉnh phối hợp thực hiện.") == [
        "Sở Y tế, Sở Tư pháp, Công an tỉnh phối hợp thực hiện."
    ]


def test_a_label_alone_on_its_line_joins_its_title() -> None:
    assert _join("III.", "PHẠM VI, ĐỐI TƯỢNG, NHU CẦU", "1.", "Sở Công Thương:") == [
        "III. PHẠM VI, ĐỐI TƯỢNG, NHU CẦU",
        "1. Sở Công Thương:",
    ]


def test_a_range_wrapped_at_its_dash_stays_in_its_paragraph() -> None:
    assert _join("tốc độ tăng bình quân 05", "- 06%/năm.") == ["tốc độ tăng bình quân 05 - 06%/năm."]


def test_a_number_wrapped_to_a_line_start_inside_a_dash_item_goes_on_with_it() -> None:
    # 0129/KH-UBND Đắk Lắk: "ưu tiên các địa bàn cấp độ" / "1. Cấp ngay mì tôm ..." is one sentence
    assert _join(
        "- Giai đoạn khẩn cấp (0-48 giờ): tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ",
        "1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân.",
        "2. Tổ chức bếp ăn cộng đồng.",
    ) == [
        "- Giai đoạn khẩn cấp (0-48 giờ): tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ"
        " 1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân.",
        "2. Tổ chức bếp ăn cộng đồng.",
    ]
    # a numbered point after a dash item that ended its sentence is a point of its own
    assert _join("- Tuyên truyền trên loa truyền thanh.", "2. Nhiệm vụ cụ thể") == [
        "- Tuyên truyền trên loa truyền thanh.",
        "2. Nhiệm vụ cụ thể",
    ]

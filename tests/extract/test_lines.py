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

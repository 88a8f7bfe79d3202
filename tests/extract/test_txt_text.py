"""Plain text reading: encodings with BOMs, line ends, and the two paragraph layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extract.guard import UnreadableDocumentError, UnsafeFileError
from app.extract.txt_text import is_wrapped, read_txt

TEXT = "KẾ HOẠCH\r\nGiảm tỷ lệ hộ nghèo xuống dưới 1,5%.\r\n\r\nĐến năm 2030 đạt 85%.\r\n"


def _texts(data: bytes) -> list[str]:
    return [block.text for block in read_txt(data, "k.txt").blocks]


def test_utf16_le_with_bom_and_crlf() -> None:
    data = b"\xff\xfe" + TEXT.encode("utf-16-le")
    document = read_txt(data, "k.txt")
    assert [b.text for b in document.blocks] == [
        "KẾ HOẠCH",
        "Giảm tỷ lệ hộ nghèo xuống dưới 1,5%.",
        "Đến năm 2030 đạt 85%.",
    ]
    assert [b.location.line for b in document.blocks] == [1, 2, 4]


def test_utf16_be_with_bom() -> None:
    assert _texts(b"\xfe\xff" + TEXT.encode("utf-16-be"))[0] == "KẾ HOẠCH"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_not_refused_as_binary(encoding: str) -> None:
    # found in QA: BOM-less UTF-16 (some exporters write it) was refused as "binary data"
    assert _texts(TEXT.encode(encoding)) == [
        "KẾ HOẠCH",
        "Giảm tỷ lệ hộ nghèo xuống dưới 1,5%.",
        "Đến năm 2030 đạt 85%.",
    ]


def test_binary_with_nuls_on_both_sides_is_still_binary() -> None:
    data = bytes(range(256)) * 8
    with pytest.raises(UnsafeFileError):
        read_txt(data, "k.txt")


def test_utf8_with_bom_and_old_mac_line_ends() -> None:
    data = "\ufeffKế hoạch\rsố 12".encode()
    assert _texts(data) == ["Kế hoạch", "số 12"]


def test_decomposed_text_is_composed() -> None:
    assert _texts("Ke\u0302\u0301 hoa\u0323ch".encode()) == ["Kế hoạch"]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "I. MỤC TIÊU\n\n"
        "Giảm tỷ lệ hộ nghèo bình quân\nmỗi năm từ 1,5% trở lên;\nđến năm 2025 còn dưới 3%.\n\n"
        "Tỷ lệ trẻ em được tiêm chủng\nđầy đủ đạt trên 95%.\n"
    )
    assert _texts(text.encode()) == [
        "I. MỤC TIÊU",
        "Giảm tỷ lệ hộ nghèo bình quân mỗi năm từ 1,5% trở lên; đến năm 2025 còn dưới 3%.",
        "Tỷ lệ trẻ em được tiêm chủng đầy đủ đạt trên 95%.",
    ]


def test_layout_detection() -> None:
    assert not is_wrapped(["Một đoạn.", "", "Đoạn hai.", "", "Đoạn ba."])
    assert is_wrapped(["dòng một", "dòng hai", "", "dòng ba", "dòng bốn"])


def test_legacy_encoded_text_is_refused_with_the_encoding_named() -> None:
    with pytest.raises(UnsafeFileError) as info:
        read_txt("Kê\u0301 hoa\u0323ch".encode("cp1258"), "cu.txt")  # Windows-1258: "Kế hoạch"
    assert info.value.key == "extract_txt_encoding"
    assert str(info.value) == (
        "cu.txt: Không nhận ra bảng mã của tệp văn bản (cần UTF-8, hoặc UTF-16 có BOM)"
        " / Unknown text encoding (expected UTF-8, or UTF-16 with a BOM)"
    )


def test_blank_file_has_no_text() -> None:
    with pytest.raises(UnreadableDocumentError) as info:
        read_txt(b"\r\n  \n", "trang.txt")
    assert str(info.value) == "trang.txt: Tệp không có nội dung chữ nào / The file contains no text"


def test_real_article_reads_one_paragraph_per_line() -> None:
    data = (Path(__file__).parent.parent / "data" / "extract" / "seed_004.txt").read_bytes()
    document = read_txt(data, "seed_004.txt")
    lines = [line.strip() for line in data.decode("utf-8").splitlines() if line.strip()]
    assert [b.text for b in document.blocks] == [" ".join(line.split()) for line in lines]
    assert document.blocks[0].text == "Vĩnh Cửu, ngày 31 tháng 12 năm 2019"


def test_a_label_wrapped_alone_on_its_line_keeps_its_title() -> None:
    # 0129/KH-UBND (Đắk Lắk, 2025): the page wrapped right after the part's number
    text = (
        "**III.\nPHẠM VI, ĐỐI TƯỢNG, NHU CẦU, PHƯƠNG ÁN HỖ TRỢ**\n\n"
        "**IV.\nPHÂN CÔNG NHIỆM VỤ**\n\n"
        "**1.\nSở Công Thương:**\n\n"
        "- Chủ trì điều phối toàn\nbộ nguồn hàng hỗ trợ.\n"
    )
    assert _texts(text.encode()) == [
        "III. PHẠM VI, ĐỐI TƯỢNG, NHU CẦU, PHƯƠNG ÁN HỖ TRỢ",
        "IV. PHÂN CÔNG NHIỆM VỤ",
        "1. Sở Công Thương:",
        "- Chủ trì điều phối toàn bộ nguồn hàng hỗ trợ.",
    ]


def test_a_range_wrapped_at_its_dash_is_not_a_new_item() -> None:
    # 2954/QĐ-UBND (Sơn La): "tốc độ tăng bình quân 05" / "- 06%/năm"
    text = (
        "+ Tổng sản phẩm Nhãn tham gia xuất khẩu đạt 8.500 tấn, tốc độ tăng bình quân 05\n"
        "- 06%/năm. Thị trường định hướng xuất khẩu: Trung Quốc.\n\n"
        "- Các sản phẩm khác\ntham gia xuất khẩu.\n"
    )
    assert _texts(text.encode()) == [
        "+ Tổng sản phẩm Nhãn tham gia xuất khẩu đạt 8.500 tấn, tốc độ tăng bình quân 05 - 06%/năm. "
        "Thị trường định hướng xuất khẩu: Trung Quốc.",
        "- Các sản phẩm khác tham gia xuất khẩu.",
    ]


def test_a_number_the_page_wrapped_inside_a_dash_item_is_not_a_numbered_point() -> None:
    # 0129/KH-UBND Đắk Lắk, hard-wrapped: the "1." opens a line inside the sentence
    text = (
        "KẾ HOẠCH\nHỗ trợ nhu yếu phẩm\nmưa lũ\n\n"
        "- *Giai đoạn khẩn cấp\n(0-48 giờ):* Tổ chức lực lượng tiếp cận ngay các vùng ngập sâu,\n"
        "chia cắt, ưu tiên các địa bàn cấp độ\n1. Cấp ngay mì tôm, lương khô, nước uống cho\nNhân dân.\n\n"
        "- *Giai đoạn 48-72 giờ:*\nTổ chức bếp ăn cộng đồng.\n"
    )
    texts = _texts(text.encode())
    assert any(
        t.endswith("ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân.")
        for t in texts
    )
    assert not any(t.startswith("1. Cấp ngay") for t in texts)

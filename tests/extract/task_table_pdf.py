"""The PDF fixture of a plan with an appendix table of tasks, as LibreOffice lays it out.

Real wording: the header, parts and appendix of Kế hoạch 980/KH-UBND of the Nghệ An province
(18/11/2025, civil defence), with its appendix's tasks in a five-column ruled table
(TT | Nội dung thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành) long enough
to run over three pages. The header and signer blocks are borderless two-column tables, as an
ND30 document lays them out. Built with python-docx and converted once by LibreOffice; the PDF
is committed as tests/data/extract/ke_hoach_980_bang_nhiem_vu.pdf, so the tests need neither.

Regenerate: ``.venv/bin/python -m tests.extract.task_table_pdf``.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from app.render.pdf import convert_many
from tests.conftest import DATA

PDF = DATA / "extract" / "ke_hoach_980_bang_nhiem_vu.pdf"
HEADER = ("TT", "Nội dung thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành")
WIDTHS = (Cm(1.2), Cm(6.0), Cm(3.2), Cm(3.4), Cm(2.6))
# The appendix rows of 980/KH-UBND (group rows carry their roman numeral and title only).
ROWS: tuple[tuple[str, ...], ...] = (
    ("I", "KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ"),
    (
        "1",
        "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã; ban hành quy chế hoạt động của Ban"
        " Chỉ huy phòng thủ dân sự các cấp (Điều 7, 8 Nghị định)",
        "Bộ CHQS tỉnh; UBND cấp xã",
        "Văn phòng Ban Chỉ huy; các sở, ban, ngành",
        "Trước ngày 30/11/2025",
    ),
    ("II", "TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT, CƠ CHẾ, CHÍNH SÁCH VỀ PHÒNG THỦ DÂN SỰ"),
    (
        "1",
        "Triển khai thực hiện một số nội dung chi, mức chi đặc thù trong nội dung chi ngân sách cho hoạt"
        " động phòng thủ dân sự.",
        "Sở Tài chính",
        "Cơ quan, địa phương liên quan",
        "Thường xuyên",
    ),
    (
        "2",
        "Triển khai thực hiện khi có sửa đổi hoặc ban hành mới Quyết định thay thế Quyết định số"
        " 118/2008/QĐ-TTg ngày 27/8/2008 của Thủ tướng Chính phủ ban hành Quy chế quản lý tài chính đối với"
        " hoạt động tìm kiếm cứu nạn, cứu hộ, ứng phó thiên tai, thảm họa.",
        "Sở Tài chính",
        "Cơ quan, địa phương liên quan",
        "2025",
    ),
    (
        "3",
        "Triển khai thực hiện khi có Thông tư mới thay thế Thông tư số 92/2009/TT-BTC ngày 12/5/2009 và"
        " Thông tư số 85/2020/TT-BTC ngày 01/10/2020 của Bộ Tài chính",
        "Sở Tài chính",
        "Cơ quan, địa phương liên quan",
        "2025",
    ),
    (
        "4",
        "Hướng dẫn phương pháp, trình tự thống kê phù hợp với lĩnh vực quản lý các ngành",
        "Sở, ban, ngành, tổ chức chính trị - xã hội",
        "Cơ quan liên quan",
        "2025",
    ),
    (
        "5",
        "Hướng dẫn thanh toán chi phí khám bệnh, chữa bệnh, xử lý môi trường, phòng, chống dịch bệnh nguy"
        " hiểm trong phòng thủ dân sự",
        "Sở Y tế",
        "Sở Tài chính và cơ quan, địa phương liên quan",
        "2025",
    ),
    (
        "6",
        "Tiếp nhận các số, tần số trực canh, cấp cứu khẩn cấp; bảo đảm quyền ưu tiên sử dụng các phương"
        " tiện thông tin liên lạc phục vụ chỉ đạo, điều hành về phòng thủ dân sự",
        "Sở Khoa học và Công nghệ",
        "Cơ quan, địa phương liên quan",
        "2025",
    ),
    (
        "7",
        "Ban hành Quy chế Phối hợp tìm kiếm, cứu nạn trên biển, trong vùng nước cảng biển và thủy nội địa"
        " thay thế Quy chế hiện hành",
        "Sở Xây dựng",
        "Văn phòng Ban Chỉ huy và cơ quan, địa phương liên quan",
        "Sau khi có Quy chế của TW",
    ),
    (
        "8",
        "Ban hành Quy chế Phối hợp tìm kiếm, cứu nạn hàng không dân dụng thay thế Quy chế hiện hành",
        "Sở Xây dựng",
        "Văn phòng Ban Chỉ huy và cơ quan, địa phương liên quan",
        "Sau khi có Quy chế của TW",
    ),
    ("III", "XÂY DỰNG CÔNG TRÌNH VÀ LỰC LƯỢNG PHÒNG THỦ DÂN SỰ"),
    (
        "1",
        "Thành lập bộ máy quản lý Quỹ và ban hành Quy chế hoạt động Quỹ Phòng thủ dân sự cấp tỉnh (khoản"
        " 4, Điều 51 Nghị định)",
        "Sở Tài chính",
        "Sở Tài chính và cơ quan, địa phương liên quan",
        "2025",
    ),
    (
        "2",
        "Tiếp nhận và duy trì Hệ thống Tổng đài 112 phục vụ hoạt động phòng thủ dân sự hoạt động hiệu quả",
        "Bộ CHQS tỉnh",
        "Bộ Quốc phòng và cơ quan, địa phương liên quan",
        "2025",
    ),
    (
        "3",
        "Rà soát, tổng hợp danh mục các công trình phòng thủ dân sự chuyên dụng, công trình có công năng"
        " sử dụng cho phòng thủ dân sự thuộc lĩnh vực, địa bàn quản lý, báo cáo Ban Chỉ huy Phòng thủ dân"
        " sự các cấp (khoản 2 Điều 11, khoản 2 Điều 12 Nghị định)",
        "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",
        "Cơ quan có liên quan",
        "Tháng 12 hằng năm",
    ),
    (
        "4",
        "Xây dựng công trình phòng thủ dân sự gắn với xây dựng thế trận khu vực phòng thủ địa phương"
        " (khoản 1 Điều 13 Nghị định)",
        "Ban Chỉ huy Phòng thủ dân sự tỉnh",
        "Cơ quan có liên quan",
        "Thường xuyên",
    ),
    (
        "5",
        "Triển khai thực hiện các chiến lược, kế hoạch quốc gia; đề án, dự án trong lĩnh vực phòng thủ dân"
        " sự",
        "Ban Chỉ huy Phòng thủ dân sự tỉnh",
        "Cơ quan, địa phương liên quan",
        "Theo Kế hoạch riêng",
    ),
    ("IV", "DIỄN TẬP PHÒNG THỦ DÂN SỰ"),
    (
        "1",
        "Diễn tập phòng thủ dân sự các cấp",
        "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",
        "Cơ quan, địa phương liên quan",
        "Theo Kế hoạch riêng",
    ),
    (
        "2",
        "Diễn tập khu vực phòng thủ, trong đó có nội dung phòng thủ dân sự",
        "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",
        "Cơ quan, địa phương liên quan",
        "Theo kế hoạch",
    ),
    ("V", "DUY TRÌ HOẠT ĐỘNG PHÒNG THỦ DÂN SỰ THƯỜNG XUYÊN"),
    (
        "1",
        "Quy định về chế độ trực tại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã (điểm b, khoản 1 Điều"
        " 42 Nghị định)",
        "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã",
        "Văn phòng Ban Chỉ huy",
        "2025",
    ),
    (
        "2",
        "Xây dựng Quy chế về công tác trực ban, họp và ban hành công điện chỉ đạo, điều hành phòng, chống"
        " thiên tai tại Sở Nông nghiệp và Môi trường",
        "Sở Nông nghiệp và Môi trường",
        "Các sở, ban, ngành, các tổ chức chính trị - xã hội",
        "2025",
    ),
)
BODY = (
    "KẾ HOẠCH",
    "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển"
    " khai thi hành Nghị định quy định chi tiết một số điều của Luật Phòng thủ dân sự",
    "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ ban hành Kế hoạch triển"
    " khai thi hành Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định chi tiết một số"
    " điều của Luật Phòng thủ dân sự (sau đây viết tắt là Nghị định), Ủy ban nhân dân tỉnh ban hành Kế"
    " hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Xác định phạm vi, trách nhiệm; phân công nhiệm vụ cho các sở, ban, ngành, tổ chức chính trị - xã"
    " hội, Ủy ban nhân dân các xã, phường triển khai thi hành Nghị định kịp thời, đồng bộ, thống nhất,"
    " hiệu quả.",
    "2. Yêu cầu",
    "- Bảo đảm sự chỉ đạo, điều hành thống nhất của Ủy ban nhân dân tỉnh; sự phối hợp chặt chẽ giữa các"
    " sở, ban, ngành, tổ chức chính trị - xã hội và Ủy ban nhân dân các xã, phường.",
    "II. NỘI DUNG",
    "1. Kiện toàn và hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự.",
    "2. Triển khai thực hiện các văn bản hướng dẫn thi hành Nghị định quy định chi tiết một số điều của"
    " Luật Phòng thủ dân sự.",
    "(Chi tiết Danh mục nhiệm vụ tại Phụ lục kèm theo)",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các xã, phường chịu trách nhiệm"
    " thực hiện Kế hoạch này.",
    "2. Bộ CHQS tỉnh có trách nhiệm tham mưu Ủy ban nhân dân tỉnh theo dõi, hướng dẫn, kiểm tra, đôn"
    " đốc các sở, ban, ngành triển khai thực hiện; tổng hợp báo cáo Ủy ban nhân dân tỉnh kết quả thực"
    " hiện Kế hoạch./.",
)
RECIPIENTS = (
    "Nơi nhận:",
    "- Chủ tịch UBND tỉnh;",
    "- Các sở, ban, ngành cấp tỉnh;",
    "- UBND các xã, phường;",
    "- Lưu: VT, NC.",
)
SIGNER = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Nguyễn Văn Đệ")
APPENDIX = (
    "PHỤ LỤC",
    "DANH MỤC NHIỆM VỤ TRIỂN KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG THỦ DÂN SỰ",
    "(Kèm theo Kế hoạch số 980/KH-UBND ngày 18 tháng 11 năm 2025 của UBND tỉnh Nghệ An)",
)


def _cell_lines(cell: object, lines: tuple[str, ...], bold: bool = False) -> None:
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    for index, line in enumerate(lines):
        paragraph = paragraphs[0] if index == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        paragraph.add_run(line).bold = bold


def task_table_docx() -> bytes:
    """The DOCX of the plan: borderless header and signer blocks, the ruled task table."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = document.add_table(rows=2, cols=2)  # no style: no borders, as ND30 lays it out
    _cell_lines(header.cell(0, 0), ("ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"), bold=True)
    _cell_lines(
        header.cell(0, 1), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"), bold=True
    )
    _cell_lines(header.cell(1, 0), ("Số: 980/KH-UBND",))
    _cell_lines(header.cell(1, 1), ("Nghệ An, ngày 18 tháng 11 năm 2025",))
    for text in BODY:
        run = document.add_paragraph().add_run(text)
        run.bold = text.isupper() or text[:4].rstrip(". ").isupper()
    signer = document.add_table(rows=1, cols=2)
    _cell_lines(signer.cell(0, 0), RECIPIENTS)
    _cell_lines(signer.cell(0, 1), SIGNER, bold=True)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for text in APPENDIX:
        document.add_paragraph().add_run(text).bold = text.isupper()
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    table.style = "Table Grid"
    for grid_row, cells in zip(table.rows, (HEADER, *ROWS), strict=True):
        for column, (cell, width) in enumerate(zip(grid_row.cells, WIDTHS, strict=True)):
            cell.width = width
            if column < len(cells):
                _cell_lines(cell, (cells[column],), bold=cells is HEADER or len(cells) == 2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="task-table-") as tmp:
        source = Path(tmp) / PDF.with_suffix(".docx").name
        source.write_bytes(task_table_docx())
        (made,) = convert_many([source], Path(tmp))
        PDF.write_bytes(made.read_bytes())
    print(f"wrote {PDF} ({PDF.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

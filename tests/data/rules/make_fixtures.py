"""Write tests/data/rules/ND*/{pass,fail}.docx and expected.json from one compliant base.

Run from the repository root: ``.venv/bin/python -m tests.data.rules.make_fixtures``.

The base is a small but complete KẾ HOẠCH laid out the usual way (borderless header and
signature tables, ND30 sizes and styles). Each rule gets a ``fail.docx`` with one targeted
defect and the locations it must be reported at (written by hand from the base's paragraph
numbering, in the comment at the top of the module), and a ``pass.docx`` that is the base or a legal variant
at the edge of the rule (e.g. margins at the top of their ranges).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY

# Paragraph numbering of the base (Layout.paragraphs, 1-based, tables included):
#  1-3  bảng 1 ô 1: ỦY BAN NHÂN DÂN / TỈNH QUẢNG NAM / Số
#  4-6  bảng 1 ô 2: quốc hiệu / tiêu ngữ / dateline
#  7 blank, 8 KẾ HOẠCH, 9 trích yếu, 10 blank
#  11 Căn cứ, 12 I., 13 1., 14 text, 15 II., 16-21 a) b) c) d) đ) e), 22 III., 23 closing ./.
#  24 blank; 25-28 bảng 2 ô 1: Nơi nhận + 3 lines; 29-35 bảng 2 ô 2: TM/KT/PHÓ/3 blank/name


@dataclass
class Spec:
    """Text and format of one paragraph of the base."""

    text: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: WD_ALIGN_PARAGRAPH = CENTER
    body: bool = False  # justified, 1.27 cm indent, 6 pt after, 1.15 lines
    font: str | None = None
    color: str | None = None  # hex, e.g. "FF0000"


@dataclass
class Base:
    """Everything a defect may change before the document is built."""

    issuer: list[Spec] = field(
        default_factory=lambda: [
            Spec("ỦY BAN NHÂN DÂN", 13, bold=True),
            Spec("TỈNH QUẢNG NAM", 13, bold=True),
            Spec("Số: 05/KH-UBND", 13),
        ]
    )
    national: list[Spec] = field(
        default_factory=lambda: [
            Spec("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True),
            Spec("Độc lập - Tự do - Hạnh phúc", 13, bold=True),
            Spec("Quảng Nam, ngày 05 tháng 01 năm 2026", 14, italic=True),
        ]
    )
    title: list[Spec] = field(
        default_factory=lambda: [
            Spec("KẾ HOẠCH", 14, bold=True),
            Spec("Thực hiện công tác phòng, chống tệ nạn xã hội năm 2026", 14, bold=True),
        ]
    )
    body: list[Spec] = field(default_factory=lambda: [Spec(text, **kw) for text, kw in _BODY])
    recipients: list[Spec] = field(
        default_factory=lambda: [
            Spec("Nơi nhận:", 12, bold=True, italic=True, align=LEFT),
            Spec("- Bộ Y tế (để b/c);", 11, align=LEFT),
            Spec("- UBND các xã, phường;", 11, align=LEFT),
            Spec("- Lưu: VT, VX.", 11, align=LEFT),
        ]
    )
    signer: list[Spec] = field(
        default_factory=lambda: [
            Spec("TM. ỦY BAN NHÂN DÂN", 14, bold=True),
            Spec("KT. CHỦ TỊCH", 14, bold=True),
            Spec("PHÓ CHỦ TỊCH", 14, bold=True),
            Spec(""),
            Spec(""),
            Spec(""),
            Spec("Nguyễn Văn An", 14, bold=True),
        ]
    )
    margins_mm: tuple[float, float, float, float] = (20, 20, 30, 15)  # top, bottom, left, right
    page_mm: tuple[float, float] = (210, 297)
    landscape_first: bool = False
    page_number_align: WD_ALIGN_PARAGRAPH = CENTER
    different_first_page: bool = True


_B = {"body": True}
_BODY: list[tuple[str, dict[str, object]]] = [
    (
        "Căn cứ Kế hoạch số 2735/KH-UBND ngày 22/3/2018 của UBND tỉnh về công tác cai nghiện;",
        {**_B, "italic": True},
    ),
    ("I. MỤC ĐÍCH, YÊU CẦU", {**_B, "bold": True}),
    ("1. Mục đích", {**_B, "bold": True}),
    ("Nâng cao hiệu quả phòng, chống tệ nạn xã hội, giảm tỷ lệ tái nghiện trên địa bàn tỉnh.", _B),
    ("II. NHIỆM VỤ, GIẢI PHÁP", {**_B, "bold": True}),
    ("a) Tuyên truyền về tác hại của ma túy tại 100% các xã, phường;", _B),
    ("b) Tổ chức cai nghiện cho ít nhất 1.100 lượt người;", _B),
    ("c) Rà soát, lập danh sách người sử dụng trái phép chất ma túy;", _B),
    ("d) Hỗ trợ học nghề, tạo việc làm cho người sau cai nghiện;", _B),
    ("đ) Kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm;", _B),
    ("e) Sơ kết, đánh giá kết quả thực hiện sáu tháng đầu năm.", _B),
    ("III. TỔ CHỨC THỰC HIỆN", {**_B, "bold": True}),
    (
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo UBND tỉnh để xem xét, giải quyết./.",
        _B,
    ),
]


def _paragraph(paragraph, spec: Spec) -> None:  # type: ignore[no-untyped-def]
    paragraph.alignment = JUSTIFY if spec.body and spec.align == CENTER else spec.align
    fmt = paragraph.paragraph_format
    if spec.body:
        fmt.first_line_indent = Cm(1.27)
        fmt.space_after = Pt(6)
        fmt.line_spacing = 1.15
    if spec.text:
        run = paragraph.add_run(spec.text)
        run.font.size = Pt(spec.size)
        run.font.bold, run.font.italic, run.font.underline = spec.bold, spec.italic, spec.underline
        if spec.font:
            run.font.name = spec.font
        if spec.color:
            run.font.color.rgb = RGBColor.from_string(spec.color)


def _cell(cell, specs: list[Spec]) -> None:  # type: ignore[no-untyped-def]
    _paragraph(cell.paragraphs[0], specs[0])
    for spec in specs[1:]:
        _paragraph(cell.add_paragraph(), spec)


def _widths(table, *widths: Mm) -> None:  # type: ignore[no-untyped-def]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _page_number(section, align: WD_ALIGN_PARAGRAPH, first_page: bool) -> None:  # type: ignore[no-untyped-def]
    section.different_first_page_header_footer = first_page
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.font.size = Pt(14)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def build(base: Base) -> Document:  # type: ignore[valid-type]
    """The document described by ``base``."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    section = doc.sections[0]
    width, height = base.page_mm
    section.page_width, section.page_height = Mm(width), Mm(height)
    if base.landscape_first:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(height), Mm(width)
    top, bottom, left, right = base.margins_mm
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)
    _page_number(section, base.page_number_align, base.different_first_page)
    header = doc.add_table(rows=1, cols=2)
    _widths(header, Mm(65), Mm(100))  # the quốc hiệu must fit on one line
    _cell(header.cell(0, 0), base.issuer)
    _cell(header.cell(0, 1), base.national)
    doc.add_paragraph()
    for spec in base.title:
        _paragraph(doc.add_paragraph(), spec)
    doc.add_paragraph()
    for spec in base.body:
        _paragraph(doc.add_paragraph(), spec)
    doc.add_paragraph()
    closing = doc.add_table(rows=1, cols=2)
    _widths(closing, Mm(80), Mm(85))
    _cell(closing.cell(0, 0), base.recipients)
    _cell(closing.cell(0, 1), base.signer)
    return doc


def _set(path: str, **changes: object) -> Callable[[Base], None]:
    """A defect that replaces fields of one Spec: ``_set("body.3", size=12)``."""

    def apply(base: Base) -> None:
        group, index = path.split(".")
        spec = getattr(base, group)[int(index)]
        for name, value in changes.items():
            setattr(spec, name, value)

    return apply


def _attr(**changes: object) -> Callable[[Base], None]:
    def apply(base: Base) -> None:
        for name, value in changes.items():
            setattr(base, name, value)

    return apply


def _chain(*changes: Callable[[Base], None]) -> Callable[[Base], None]:
    def apply(base: Base) -> None:
        for change in changes:
            change(base)

    return apply


def _nothing(base: Base) -> None:
    """The pass document is the base itself."""


SEC = "mục 1 (section)"
T1 = "bảng 1, hàng 1, ô {cell}, đoạn {n}"
T2 = "bảng 2, hàng 1, ô {cell}, đoạn {n}"
# code → (pass variant, fail defect, expected locations in fail.docx)
CASES: dict[str, tuple[Callable[[Base], None], Callable[[Base], None], list[str]]] = {
    "ND001": (_attr(margins_mm=(25, 25, 35, 20)), _attr(margins_mm=(20, 20, 25, 15)), [SEC]),
    "ND002": (_set("body.3", font="Times New Roman"), _set("body.3", font="Arial"), ["đoạn 14"]),
    "ND003": (_nothing, _attr(page_mm=(215.9, 279.4)), [SEC]),
    "ND004": (_set("body.3", size=13), _set("body.3", size=12), ["đoạn 14"]),
    "ND005": (_set("body.1", align=LEFT), _set("body.3", align=LEFT), ["đoạn 14"]),
    "ND006": (_nothing, _set("body.3", body=False, align=JUSTIFY), ["đoạn 14"]),
    "ND007": (_set("body.3", color="000000"), _set("body.3", color="FF0000"), ["đoạn 14"]),
    "ND010": (
        _nothing,
        _set("national.0", text="Cộng hòa xã hội chủ nghĩa Việt Nam"),
        [T1.format(cell=2, n=4)],
    ),
    "ND011": (_nothing, _set("national.1", underline=True), [T1.format(cell=2, n=5)]),
    "ND012": (_nothing, _set("issuer.1", bold=False), [T1.format(cell=1, n=2)]),
    "ND013": (
        _set("issuer.2", text="Số:      /KH-UBND"),
        _set("issuer.2", text="Số: 5/KH-UBND"),
        [T1.format(cell=1, n=3)],
    ),
    "ND014": (
        _set("national.2", text="Quảng Nam, ngày 31 tháng 12 năm 2025"),
        _set("national.2", text="Quảng Nam, ngày 05 tháng 03 năm 2026"),
        [T1.format(cell=2, n=6)],
    ),
    "ND015": (_nothing, _set("title.0", align=LEFT), ["đoạn 8"]),
    "ND016": (_nothing, _set("title.1", italic=True), ["đoạn 9"]),
    "ND017": (  # Word's automatic lettering: a b c d e f
        _nothing,
        _chain(
            _set("body.9", text="e) Kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm;"),
            _set("body.10", text="f) Sơ kết, đánh giá kết quả thực hiện sáu tháng đầu năm."),
        ),
        ["đoạn 20", "đoạn 21"],
    ),
    "ND018": (
        _nothing,
        _set("body.12", text="Trong quá trình thực hiện, nếu có khó khăn, các đơn vị báo cáo UBND tỉnh."),
        ["đoạn 23"],
    ),
    "ND019": (_nothing, _set("recipients.0", underline=True), [T2.format(cell=1, n=25)]),
    "ND020": (_nothing, _set("recipients.1", text="- Bộ Y tế (để b/c)"), [T2.format(cell=1, n=26)]),
    "ND021": (_nothing, _set("signer.2", bold=False), [T2.format(cell=2, n=31)]),
    "ND022": (_nothing, _attr(different_first_page=False), [SEC]),
}


def main() -> None:
    for code, (passing, failing, locations) in CASES.items():
        folder = HERE / code
        folder.mkdir(exist_ok=True)
        for name, change in (("pass", passing), ("fail", failing)):
            base = Base()
            change(base)
            build(base).save(str(folder / f"{name}.docx"))
        expected = [{"rule": code, "location": location} for location in locations]
        (folder / "expected.json").write_text(
            json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        print(f"{code}: {folder}")


if __name__ == "__main__":
    main()

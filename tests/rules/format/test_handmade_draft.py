"""Acceptance: a draft typed into a blank Word document, the way many offices still do.

No template: Word's page set-up (US Letter, 1"/1.25" margins), the theme font, the header
typed as tabbed lines, "Nơi nhận" typed under the signature. Every landmark must still be
found, and each defect reported where it stands.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from app.rules.format import lint_docx

LINES: list[tuple[str, dict[str, object]]] = [
    ("UBND XÃ TÂN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"bold": True}),
    ("\tĐộc lập - Tự do - Hạnh phúc", {"bold": True}),
    ("Số: 7/KH-UBND\tTân Phú, ngày 5 tháng 09 năm 2025", {}),
    ("", {}),
    ("KẾ HOẠCH", {"bold": True, "center": True}),
    ("Phòng, chống ma túy năm 2025", {"bold": True, "italic": True, "center": True}),
    ("I. MỤC ĐÍCH, YÊU CẦU", {"bold": True}),
    ("a) Tuyên truyền tại 100% thôn, ấp;", {}),
    ("b) Rà soát người nghiện;", {}),
    ("Trên đây là Kế hoạch của UBND xã.", {}),
    ("TM. ỦY BAN NHÂN DÂN", {"bold": True, "center": True}),
    ("CHỦ TỊCH", {"bold": True, "center": True}),
    ("", {}),
    ("Lê Văn Bình", {"bold": True, "center": True}),
    ("Nơi nhận:", {"bold": True, "italic": True}),
    ("- UBND huyện;", {}),
    ("- Lưu: VT.", {}),
]


def _draft() -> bytes:
    doc = Document()
    for text, style in LINES:
        paragraph = doc.add_paragraph()
        if style.get("center"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if text:
            run = paragraph.add_run(text)
            run.bold = bool(style.get("bold"))
            run.italic = bool(style.get("italic"))
            run.font.size = Pt(13)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_blank_word_draft_is_located_and_reported_part_by_part() -> None:
    findings = lint_docx(_draft(), "du-thao.docx")
    found = {(f.rule, f.location) for f in findings}
    expected_somewhere = {
        ("ND001", "mục 1 (section)"),  # Word's margins
        ("ND003", "mục 1 (section)"),  # US Letter
        ("ND002", "toàn văn bản"),  # the theme font everywhere: one finding
        ("ND013", "đoạn 3"),  # "7" not padded
        ("ND014", "đoạn 3"),  # "ngày 5 tháng 09"
        ("ND016", "đoạn 6"),  # italic subject
        ("ND017", "đoạn 8"),  # never fires: a) b) is right
        ("ND018", "đoạn 10"),  # no "./."
        ("ND019", "đoạn 15"),  # below the signer
        ("ND022", "mục 1 (section)"),  # no page number
    }
    assert ("ND017", "đoạn 8") not in found
    assert expected_somewhere - {("ND017", "đoạn 8")} <= found
    rules = {rule for rule, _ in found}
    assert "ND010" not in rules, "the quốc hiệu sharing a tabbed line is read as its own piece"
    assert "ND011" not in rules, "a motto placed by tabs has no alignment of its own"
    assert [f.rule for f in findings].count("ND002") == 1
    assert "ND015" not in rules

"""ND002 font: every piece of text is set in Times New Roman.

Yêu cầu / Requirement:
    Toàn bộ văn bản dùng phông Times New Roman (Unicode, TCVN 6909:2001).
    All text is Times New Roman (Unicode per TCVN 6909:2001).

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, mục I.4 (nd30.md §1).

Fails:
    A paragraph typed in Arial (reported at that paragraph), or a document left on the theme
    font (Calibri/Cambria), reported once for the whole document.

Passes:
    Every run resolves (run → style → document defaults) to Times New Roman.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.facts import finding

CODE = "ND002"
NAME = "font"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, I.4; nd30.md §1"
FONT = "Times New Roman"


def check(layout: Layout) -> Iterator[Finding]:
    found: list[Finding] = []
    with_text = [paragraph for paragraph in layout.paragraphs if paragraph.text_runs]
    for paragraph in with_text:
        wrong = [run.font for run in paragraph.text_runs if (run.font or "").strip().lower() != FONT.lower()]
        if wrong:
            names = ", ".join(sorted({font or t("fmt_unknown") for font in wrong}))
            found.append(finding(CODE, SEVERITY, paragraph.location, "fmt_part_font", names, FONT))
    if len(found) > 1 and len(found) == len(with_text):
        # A document never switched to Times New Roman: one finding, not one per paragraph.
        names = ", ".join(sorted({str(f.found) for f in found}))
        yield finding(CODE, SEVERITY, t("fmt_document"), "fmt_part_font", names, FONT)
        return
    yield from found

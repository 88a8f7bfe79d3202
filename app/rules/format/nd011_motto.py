"""ND011 motto: the tiêu ngữ reads "Độc lập - Tự do - Hạnh phúc", bold 13–14, not underlined.

Yêu cầu / Requirement:
    Tiêu ngữ "Độc lập - Tự do - Hạnh phúc": gạch nối có cách chữ, đậm, đứng, 13–14 pt, không gạch chân, căn giữa.
    The motto reads "Độc lập - Tự do - Hạnh phúc" (spaced hyphens), bold, upright, 13–14 pt, not underlined, centred.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.1 (nd30.md §2.2 row 1). The rule under the motto is a
    drawn line; underlining the text instead is a common mistake. A motto placed with tabs on
    a shared line has no alignment of its own, so only its text and style are checked.

Fails:
    "Độc lập – Tự do – Hạnh phúc" typed without spaces ("Độc lập-Tự do-Hạnh phúc"), an underlined
    motto, or a 12 pt one.

Passes:
    "Độc lập - Tự do - Hạnh phúc" in 13 pt bold, centred, with a separate drawn rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import MOTTO, anatomy
from app.rules.format.facts import check_alignment, check_size, check_style, finding, missing
from app.rules.format.lines import tabbed
from app.vn.normalize import clean, fold_tones

CODE = "ND011"
NAME = "motto"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.1; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    paragraph = anatomy(layout).motto
    if paragraph is None:
        yield missing(CODE, SEVERITY, "fmt_part_motto", MOTTO)
        return
    text = clean(paragraph.text)
    if fold_tones(text) != fold_tones(MOTTO):
        yield finding(
            CODE, SEVERITY, paragraph.location, "fmt_part_motto", t("fmt_text").format(text=text), MOTTO
        )
    for problem in (
        check_style(CODE, SEVERITY, paragraph, "fmt_part_motto", bold=True, italic=False, underline=False),
        check_size(CODE, SEVERITY, paragraph, "fmt_part_motto", 13, 14),
        None
        if tabbed(layout.paragraphs[paragraph.index - 1], paragraph)
        else check_alignment(CODE, SEVERITY, paragraph, "fmt_part_motto", "center"),
    ):
        if problem:
            yield problem
